"""The gettext catalogues (obligations/locale, docs/translating.md): the template holds exactly the
texts marked in the code, every language's catalogue translates all of them with all plural forms
and the same placeholders, and the compiled .mo files the program reads are what Babel compiles."""

from __future__ import annotations

import io
import string
import subprocess
import sys
import tomllib
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "obligations" / "locale"
LANGS = ("vi", "en")
# Placeholders a translation leaves out on purpose (str.format ignores an unused value; one it
# does not know would raise): the Vietnamese `explain` does not list the rule's changed fields.
OMITTED = {("vi", "schedule", "fields")}


def read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f)


def catalogue(lang: str) -> Catalog:
    return read(LOCALE / lang / "LC_MESSAGES" / "obligations.po")


def ident(m: Message) -> tuple[str | None, str | tuple[str, ...]]:
    return m.context, (tuple(m.id) if isinstance(m.id, (list, tuple)) else m.id)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_template_holds_exactly_the_texts_of_the_code():
    # extracted now with the options `pybabel extract` reads from pyproject.toml
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["babel"]["extract_messages"]
    assert options["no_default_keywords"] is True
    keywords = parse_keywords(options["keywords"].split())
    now = set()
    for path in options["input_paths"]:
        for _file, _line, message, _comments, context in extract_from_dir(ROOT / path, keywords=keywords):
            now.add((context, tuple(message) if isinstance(message, (list, tuple)) else message))
    committed = {ident(m) for m in read(LOCALE / "obligations.pot") if m.id}
    assert now - committed == set(), "texts in the code missing from the template: run pybabel extract"
    assert committed - now == set(), "texts in the template no longer in the code: run pybabel extract"
    # the tables of render/ are in it, singular and plural ones
    assert ("overdue", "overdue") in now and ("ago", ("{n} day late", "{n} days late")) in now
    assert len(now) > 150


def test_every_language_translates_every_text_with_its_plural_forms_and_placeholders():
    template = [m for m in read(LOCALE / "obligations.pot") if m.id]
    plural_forms = {"vi": "nplurals=1; plural=0;", "en": "nplurals=2; plural=(n != 1);"}
    for lang in LANGS:
        cat = catalogue(lang)
        assert cat.plural_forms == plural_forms[lang] and not cat.fuzzy
        assert {ident(m) for m in cat if m.id} == {ident(m) for m in template}, lang
        for t in template:
            m = cat.get(t.id, context=t.context)
            assert m is not None and not m.fuzzy, (lang, t.context)
            ids = list(t.id) if t.pluralizable else [t.id]
            strings = list(m.string) if t.pluralizable else [m.string]
            assert len(strings) == (cat.num_plurals if t.pluralizable else 1), (lang, t.context)
            assert all(strings), (lang, t.context, "untranslated")
            wanted = set().union(*(fields(i) for i in ids))
            assert all(fields(i) == wanted for i in ids), (t.context, "singular and plural differ")
            for s in strings:
                left_out = wanted - fields(s)
                assert fields(s) <= wanted, (lang, t.context, s, "a placeholder the code does not give")
                assert left_out == {f for (l, k, f) in OMITTED if (l, k) == (lang, t.context)}, (lang, t.context, s)
            if lang == "en":   # the English is written once, in the code
                assert strings == ids, t.context


def test_the_compiled_catalogues_are_what_babel_compiles_from_the_po_files():
    for lang in LANGS:
        compiled = io.BytesIO()
        write_mo(compiled, catalogue(lang), use_fuzzy=False)
        committed = (LOCALE / lang / "LC_MESSAGES" / "obligations.mo").read_bytes()
        assert committed == compiled.getvalue(), f"{lang}: run pybabel compile"


def test_plural_forms_as_written_by_hand():
    from obligations.render.labels import Labels, npmsg, pmsg

    # English: one for 1, the other form for 0 and 2; Vietnamese nouns keep one form
    t = Labels([npmsg("ago", "{n} day late", "{n} days late"), npmsg("days", "{n} day", "{n} days"),
                npmsg("wd", "{n} working day left", "{n} working days left"), pmsg("overdue", "overdue")])
    assert [t("ago", "en", n=n) for n in (0, 1, 2)] == ["0 days late", "1 day late", "2 days late"]
    assert [t("ago", "vi", n=n) for n in (1, 2)] == ["quá 1 ngày", "quá 2 ngày"]
    assert [t("days", "vi", n=n) for n in (1, 2, 1314)] == ["1 ngày", "2 ngày", "1.314 ngày"]
    assert [t("wd", "en", n=n) for n in (1, 3)] == ["1 working day left", "3 working days left"]
    assert t("wd", "vi", n=3) == "còn 3 ngày làm việc"
    assert (t("overdue", "vi"), t("overdue", "en")) == ("quá hạn", "overdue")
    # any language but English is Vietnamese, as everywhere in the program
    assert t("overdue", "fr") == "quá hạn"


def test_the_program_reads_the_catalogues_without_babel():
    code = ("import sys; from obligations.render.labels import label; "
            "print(label('overdue', 'vi'), label('overdue', 'en'), 'babel' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out.split() == ["quá", "hạn", "overdue", "False"]


def test_a_table_in_the_old_form_is_refused_with_the_way_to_convert_it():
    import pytest

    from obligations.render.labels import Labels, npmsg, pmsg

    with pytest.raises(TypeError, match="pmsg.*translating.md"):
        Labels({"late": ("quá {n} ngày", "{n} day late", "{n} days late")})   # type: ignore[arg-type]
    with pytest.raises(ValueError, match="two texts with the key 'late'"):
        Labels([npmsg("late", "{n} day late", "{n} days late"), pmsg("late", "late")])
