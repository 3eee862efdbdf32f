"""``--help`` speaks the command's language (issue 23): Vietnamese by default with no word of the
English catalogue, English with ``--lang en`` given before or after ``--help`` (``check``: English
by default, as its findings), every help text and metavar translated, and the help's words read
only when a help is printed (the command line's start stays lean)."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from obligations.cli import help_words
from obligations.cli.main import build_parser, main
from obligations.cli.help_text import Help
from obligations.cli.parsing import lang_after_command
from obligations.render import catalogue

ROOT = Path(__file__).resolve().parent.parent

# the commands of the command line, written by hand (a command added later must be added here)
COMMANDS = ["calendar", "due", "explain", "submit", "extend", "event", "status", "changes", "export", "extract",
            "serve", "token", "timeline", "letter", "notify", "org", "catalogue", "check"]


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_the_list_above_is_every_command():
    assert sorted(_commands(build_parser())) == sorted(COMMANDS)


# ------------------------------------------------------------------ the English word list
# names a Vietnamese help keeps as they are: the program and the formats and tools it names
# (a clerk meets them as names: "tệp Word", "sổ tính Excel", "chạy bằng cron")
NAMES = {"python", "obligations", "json", "csv", "ics", "xlsx", "toml", "svg", "pdf", "docx", "txt", "excel", "word",
         "utf", "crlf", "bom", "icalendar", "cron", "systemd", "webhook", "byte", "kib", "web",
         "tw"}     # tw: the id of the top unit of the bundled hierarchy (an example of --under)
_OURS = ("help:", "metavar:", "argparse:")


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]{2,}", re.sub(r"\{\w*\}|`[^`]*`", " ", text)) if w.isascii()}


def _catalogue_texts(lang: str, ours: bool) -> list[str]:
    """The texts of a compiled catalogue: those of --help (ours) or all the others."""
    texts = []
    for key, value in getattr(catalogue.translation(lang), "_catalog").items():
        context = (key[0] if isinstance(key, tuple) else key).split("\x04")[0]
        if "\x04" in (key[0] if isinstance(key, tuple) else key) and context.startswith(_OURS) == ours:
            texts.append(str(value))
    return texts


def english_words() -> set[str]:
    """Every word of the English catalogue (the help's texts included), less the words the
    Vietnamese catalogue's other texts use too (so that a word is English only; the help's own
    Vietnamese cannot whitelist a word it leaves English), the names above and the values one
    types (the choices: table, unit, directive, auto …)."""
    english = _words(" ".join(_catalogue_texts("en", True) + _catalogue_texts("en", False)))
    vietnamese = _words(" ".join(_catalogue_texts("vi", False)))
    choices = {str(c) for p in [build_parser(), *_commands(build_parser()).values()] for a in p._actions
               if a.choices is not None and not isinstance(a, argparse._SubParsersAction) for c in a.choices}
    return english - vietnamese - NAMES - {w for c in choices for w in _words(c)}


def prose(text: str) -> str:
    """The help as a person reads it in words: option names, command names, environment variables,
    paths and file names, quoted values, ids with dashes (xa-X), TOML tables ([[event]]),
    obligations[sheets] and data files' keys (letters_dir) left out; the metavars stay (they are
    words: ĐƠN_VỊ, NGÀY)."""
    text = re.sub(r'"[^"]*"|`[^`]*`|\$\w+|\[\[?[\w.-]+\]\]?|\S*/\S*|\S+\.(?:toml|md)\b|\.(?:txt|docx|pdf)\b|'
                  r'--?[\w-]+|\b\w+(?:-\w+)+\b|\b[a-z0-9]+(?:_[a-z0-9]+)+\b', " ", text)
    return re.sub(r"\b(?:" + "|".join(COMMANDS) + r")\b", " ", text)


def leaked(text: str, english: set[str]) -> list[str]:
    return sorted(_words(prose(text)) & english)


def test_the_word_list_holds_the_help_words_and_no_vietnamese_one():
    found = english_words()
    # the English of the help's texts and of argparse: these must be found by the detector
    assert {"usage", "options", "show", "message", "exit", "file", "today", "default", "language", "directory",
            "deadline", "write", "instead", "standard", "output", "command"} <= found
    assert not {"ngày", "đơn", "hạn", "tùy", "chọn"} & found
    assert not {"json", "table", "auto", "directive"} & found      # names and values one types


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code = main(argv)
    out = capsys.readouterr()
    assert code == 0 and not out.err, out
    return out.out


# ------------------------------------------------------------------ Vietnamese by default
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_is_vietnamese_with_no_english_word(command, capsys):
    # check speaks English by default (its findings are in English): its Vietnamese is asked for
    argv = [command, "--help"] if command != "check" else [command, "--lang", "vi", "--help"]
    text = _help(argv, capsys)
    assert text.startswith(f"cách dùng: python -m obligations {command} [-h]"), text
    assert "  -h, --help" in text and "hiện phần trợ giúp này rồi thoát" in text, text
    assert "\ntùy chọn:\n" in text, text
    assert not leaked(text, english_words()), (leaked(text, english_words()), text)
    # dates for people are dd/mm/yyyy: no ISO date and no YYYY-MM-DD pattern in an example
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b|YYYY|DD/MM", text), text


def test_the_program_help_is_vietnamese_with_no_english_word(capsys):
    text = _help(["--help"], capsys)
    assert text.startswith("cách dùng: python -m obligations [-h] [--version] [--lang {vi,en}] LỆNH ..."), text
    assert "tham số theo vị trí:" in text and "LỆNH" in text, text
    assert "    due           những việc một đơn vị" in text, text
    assert not leaked(text, english_words()), (leaked(text, english_words()), text)


def test_the_vietnamese_help_of_due_as_a_clerk_reads_it(capsys):
    """Written by hand: the words of `due --help` a clerk looks for."""
    text = _help(["due", "-h"], capsys)
    assert "(--unit ĐƠN_VỊ | --under ĐƠN_VỊ) [--on NGÀY]" in " ".join(text.split()), text
    assert "những việc một đơn vị (hoặc mọi đơn vị trực thuộc) phải làm quanh một ngày" in text, text
    assert "ngày xem xét, ví dụ 30/11/2026 (mặc định: hôm nay theo giờ Việt Nam)" in " ".join(text.split()), text
    assert "--format {table,json,csv,ics,xlsx}" in text, text        # the values one types stay


def test_the_detector_flags_the_english_help(capsys):
    """The control of the tests above: the same detector finds the English help's words."""
    text = _help(["due", "--lang", "en", "--help"], capsys)
    assert {"usage", "options", "show", "file", "default", "today"} <= set(leaked(text, english_words()))


# ------------------------------------------------------------------ English with --lang en
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("where", ["after", "before", "program"])
def test_lang_en_gives_the_english_help(command, where, capsys):
    argv = {"after": [command, "--help", "--lang", "en"], "before": [command, "--lang", "en", "--help"],
            "program": ["--lang", "en", command, "--help"]}[where]
    text = _help(argv, capsys)
    assert text.startswith(f"usage: python -m obligations {command} [-h]"), text
    assert re.search(r"\n  -h, --help +show this help message and exit\n", text), text
    assert "\noptions:\n" in text and "cách dùng" not in text and "tùy chọn" not in text, text
    assert "(default: today in Vietnam)" in " ".join(text.split()) or command in (
        "calendar", "explain", "extend", "event", "extract", "serve", "token", "org", "catalogue", "check", "changes"), text


@pytest.mark.parametrize(("command", "english"), [
    ("due", "what a unit (or every unit under one) must do around a date"),
    ("status", "on time, late or missing, and what is still open"),
    ("check", "validate rule files, hierarchy and calendar data"),
])
def test_the_english_help_opens_with_what_the_command_does(command, english, capsys):
    text = _help([command, "--help", "--lang", "en"], capsys)
    assert english in " ".join(text.split()), text


def test_the_program_help_in_english(capsys):
    text = _help(["--lang", "en", "--help"], capsys)
    assert text.startswith("usage: python -m obligations [-h] [--version] [--lang {vi,en}] COMMAND ..."), text
    assert "positional arguments:" in text and "Dated duties of Vietnamese directives" in text, text


def test_check_helps_in_english_by_default_as_it_speaks(capsys):
    text = _help(["check", "--help"], capsys)
    assert text.startswith("usage: python -m obligations check"), text
    assert "language of the findings (default: en)" in text, text


def test_a_lang_before_the_command_is_the_commands():
    assert lang_after_command(["--lang", "en", "due", "--unit", "xa-X"]) == ["due", "--lang", "en", "--unit", "xa-X"]
    assert lang_after_command(["--lang=en", "due"]) == ["due", "--lang=en"]
    # the command's own --lang, given after, still wins (argparse takes the last)
    assert lang_after_command(["--lang", "en", "due", "--lang", "vi"]) == ["due", "--lang", "en", "--lang", "vi"]
    assert lang_after_command(["--lang", "en", "--help"]) == ["--lang", "en", "--help"]
    assert lang_after_command(["due", "--lang", "en"]) == ["due", "--lang", "en"]


def test_a_lang_before_the_command_sets_its_output(capsys):
    """Not only its help: `--lang en calendar …` prints the English calendar."""
    code = main(["--lang", "en", "calendar", "--year", "2026"])
    out = capsys.readouterr().out
    assert code == 0 and "Calendar 2026" in out and "Lịch" not in out, out


# ------------------------------------------------------------------ every text translated
def _actions() -> list[tuple[str, argparse.Action]]:
    parser = build_parser()
    found = [("", a) for a in parser._actions if not isinstance(a, argparse._SubParsersAction)]
    for name, sub in _commands(parser).items():
        found += [(name, a) for a in sub._actions]
    return found


def test_every_help_text_is_in_the_catalogue_and_translated():
    vi, en = catalogue.translation("vi"), catalogue.translation("en")
    texts = [(name, a.help) for name, a in _actions() if not isinstance(a, argparse._HelpAction)]
    texts += [(name, p.description) for name, p in _commands(build_parser()).items()]
    texts += [("", build_parser().description)]
    untranslated = []
    for where, text in texts:
        assert isinstance(text, Help), (where, text)        # declared with hmsg: in the catalogue
        assert en.pgettext(text.key, str(text)) == str(text), (where, text.key)
        said = vi.pgettext(text.key, str(text))
        if said == str(text) or not said:
            untranslated.append((where, text.key))
    assert not untranslated


def test_every_metavar_and_argparse_word_is_translated():
    for where, action in _actions():
        if not action.option_strings and not isinstance(action, argparse._StoreAction) or action.nargs == 0:
            continue                                         # --help, --version, flags: no value
        if action.metavar is None and action.choices is not None:
            continue                                         # {vi,en}: the values one types
        name = action.metavar if action.metavar is not None else action.dest.upper()
        assert f"metavar:{name}" in help_words.METAVARS, (where, action.option_strings, name)
        if name != "N":
            assert help_words.metavar(name, "vi") != name, (where, name)
        assert help_words.metavar(name, "en") == name
    for english in ("usage: ", "positional arguments", "options", "show this help message and exit"):
        assert help_words.in_language(english, "en") == english
        assert help_words.in_language(english, "vi") != english


def test_a_percent_sign_in_a_translation_is_printed_as_written(capsys, monkeypatch):
    """argparse fills %(default)s into help texts: a translation's "%" must not break it."""
    monkeypatch.setattr(catalogue, "text", lambda lang, key, english, *a: "100 % " + english)
    text = _help(["token", "--help"], capsys)
    assert "100 % who holds it, since when" in text, text


# ------------------------------------------------------------------ the start stays lean
def test_the_help_words_are_read_only_when_a_help_is_printed():
    code = ("import sys; from obligations.cli.main import build_parser; "
            "build_parser('due').parse_args(['due', '--unit', 'xa-X']); "
            "print(sorted(m for m in sys.modules if m == 'obligations.cli.help_words' or m.startswith('obligations.render')))")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]", out


# ------------------------------------------------------------------ argparse's names in its errors
@pytest.mark.parametrize(("argv", "vi", "en"), [
    ([], "thiếu các tham số bắt buộc: LỆNH", "the following arguments are required: COMMAND"),
    (["extract"], "thiếu các tham số bắt buộc: TỆP", "the following arguments are required: FILE"),
])
def test_a_missing_positional_is_named_in_the_language(argv, vi, en, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert vi in err and "COMMAND" not in err and "FILE" not in err, err
    assert main([*argv, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert en in err, err


def test_a_value_typed_like_a_metavar_is_kept(capsys):
    """Only argparse's names are said again: a command typed as 'COMMAND' stays as typed."""
    assert main(["COMMAND"]) == 2
    err = capsys.readouterr().err
    assert "'COMMAND'" in err and "LỆNH" in err, err
