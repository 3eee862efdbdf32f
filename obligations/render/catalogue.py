"""The gettext catalogues of the human texts: obligations/locale/<lang>/LC_MESSAGES/obligations.mo.

The texts are declared in the code with their key (the msgctxt) and their English (the msgid),
see render/labels.py; `pybabel extract` collects them into obligations/locale/obligations.pot,
translators fill one .po per language and `pybabel compile` writes the .mo files read here
(docs/translating.md). Reading needs only the standard library's gettext: Babel is a tool of
the translators and of the tests, never imported by the program.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

DOMAIN = "obligations"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ("vi", "en")


def language(lang: str) -> str:
    """The catalogue of a requested language: English only when asked for, Vietnamese otherwise
    (the rule every renderer follows)."""
    return "en" if lang == "en" else "vi"


@functools.lru_cache(maxsize=len(LANGUAGES))
def translation(lang: str) -> gettext.GNUTranslations:
    """The compiled catalogue of one language, read once (gettext imported only when a text is
    first written). A missing .mo file is an installation fault: no fallback to another language,
    which would mix two languages in one output."""
    import gettext

    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language(lang)])


def text(lang: str, key: str, english: str, plural: str | None = None, count: int = 1) -> str:
    """The text of ``key`` in ``lang``; with a ``plural``, the form the language uses for ``count``."""
    found = translation(language(lang))
    if plural is None:
        return found.pgettext(key, english)
    return found.npgettext(key, english, plural, count)
