"""The command line's parsing: argparse's errors carried out to be said in the command's
language (render/refusal.py), the language read before parsing, the option types, and the
parser's help said in that language (cli/help_words.py, read only when a help is printed)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, NoReturn


class UsageError(Exception):
    """argparse's error, carried out of the parser to be said in the command's language."""

    def __init__(self, prog: str, message: str) -> None:
        super().__init__(message)
        self.prog, self.message = prog, message


class Parser(argparse.ArgumentParser):
    """argparse with errors on one line (the usage of some commands runs to many lines), said by
    main() in the command's language (render/refusal.py), and its help in ``lang``."""

    def __init__(self, *args: Any, lang: str = "vi", **kwargs: Any) -> None:
        self.lang = lang
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        # argparse names a missing or wrong positional by its metavar (COMMAND, FILE): in ``lang``
        from obligations.cli.help_words import metavars_in

        raise UsageError(self.prog, metavars_in(message, self._actions, self.lang))

    def format_help(self) -> str:
        from obligations.cli.help_words import format_help   # only when a help is printed

        return format_help(self, self.lang)

    def format_usage(self) -> str:
        from obligations.cli.help_words import format_usage

        return format_usage(self, self.lang)


def language(argv: list[str]) -> str:
    """The language of the command's refusals: its --lang (the last given, as argparse takes it),
    read before parsing since a refusal may come from the parsing itself; else the command's
    default (English for `check`, Vietnamese for the others)."""
    lang = "en" if argv[:1] == ["check"] else "vi"
    for index, arg in enumerate(argv):
        value = argv[index + 1] if arg == "--lang" and index + 1 < len(argv) else arg.partition("=")[2] \
            if arg.startswith("--lang=") else None
        if value in ("vi", "en"):
            lang = value
    return lang


def lang_after_command(argv: list[str]) -> list[str]:
    """``--lang en due …`` as ``due --lang en …``: a --lang before the command is the command's
    (every command has one; one given after it still wins); the top level's own --lang serves
    ``--lang en --help`` only."""
    lead: list[str] = []
    while argv[:1] == ["--lang"] and len(argv) > 2 or argv[:1] and argv[0].startswith("--lang=") and len(argv) > 1:
        width = 1 if argv[0].startswith("--lang=") else 2
        lead, argv = lead + argv[:width], argv[width:]
    if lead and argv and not argv[0].startswith("-"):
        return [argv[0], *lead, *argv[1:]]
    return [*lead, *argv]


def bounded(name: str, low: int, high: int, unit: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{name} {str(value)[:20]} is outside {low}-{high} {unit}")
        return value
    return parse


def text(text: str) -> str:
    """A value that must say something: an empty --on must not silently mean today."""
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty: give a value or leave the option out")
    return text
