"""The command line's parsing: argparse's errors carried out to be said in the command's
language (render/refusal.py), the language read before parsing, the option types."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import NoReturn


class UsageError(Exception):
    """argparse's error, carried out of the parser to be said in the command's language."""

    def __init__(self, prog: str, message: str) -> None:
        super().__init__(message)
        self.prog, self.message = prog, message


class Parser(argparse.ArgumentParser):
    """argparse with errors on one line (the usage of some commands runs to many lines), said by
    main() in the command's language (render/refusal.py)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(self.prog, message)


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
