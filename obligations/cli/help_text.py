"""The help texts of the command line's options, declared where the options are: the English
and its catalogue key, said in the command's language only when a help is printed
(cli/help_words.py). Kept apart and light: every start imports it."""

from __future__ import annotations


class Help(str):
    """A help text: the English (the string itself, what argparse holds) and its catalogue key.
    Nothing is translated when the parser is built; cli/help_words.py says it in the command's
    language when a help is printed."""

    key: str

    def __new__(cls, key: str, english: str) -> Help:
        text = super().__new__(cls, english)
        text.key = key
        return text


def hmsg(key: str, english: str) -> Help:
    """A help text; a marker `pybabel extract` knows (keyword ``hmsg:1c,2`` in pyproject.toml):
    ``key`` is the catalogue's msgctxt, ``english`` its msgid (docs/translating.md)."""
    return Help(key, english)
