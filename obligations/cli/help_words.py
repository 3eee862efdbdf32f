"""``--help`` in the command's language: the options' texts (declared with ``hmsg`` where the
options are, cli/parsing.py) and argparse's own words, from the one gettext catalogue.

Imported only when a help is printed (``Parser.format_help``): building the parser stores the
English with its key and costs nothing more; the catalogue is read here. argparse writes its own
words ("usage: ", "options", "show this help message and exit", a metavar made of the option's
name) in English; the formatter below says them again in the language it is given, for this one
help, without touching argparse's or gettext's global state.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable
from typing import Any

from obligations.cli.help_text import Help
from obligations.render import catalogue
from obligations.render.labels import Labels, pmsg

# argparse's words (Python 3.11's English, word for word: they are recognised by it)
ARGPARSE = Labels([
    pmsg("argparse:usage", "usage: "),
    pmsg("argparse:positionals", "positional arguments"),
    pmsg("argparse:options", "options"),
    pmsg("argparse:help", "show this help message and exit"),
])

# the metavars: those given in cli/ and those argparse makes of an option's name (--year: YEAR)
METAVARS = Labels([
    pmsg("metavar:COMMAND", "COMMAND"),
    pmsg("metavar:FILE", "FILE"),
    pmsg("metavar:DIR", "DIR"),
    pmsg("metavar:DATE", "DATE"),
    pmsg("metavar:UNIT", "UNIT"),
    pmsg("metavar:DAYS", "DAYS"),
    pmsg("metavar:MONTHS", "MONTHS"),
    pmsg("metavar:N", "N"),
    pmsg("metavar:TEXT", "TEXT"),
    pmsg("metavar:NAME", "NAME"),
    pmsg("metavar:BYTES", "BYTES"),
    pmsg("metavar:CODE_OR_NAME", "CODE_OR_NAME"),
    pmsg("metavar:YEAR", "YEAR"),
    pmsg("metavar:DUTY", "DUTY"),
    pmsg("metavar:PERIOD", "PERIOD"),
    pmsg("metavar:NOTE", "NOTE"),
    pmsg("metavar:REF", "REF"),
    pmsg("metavar:EVENT", "EVENT"),
    pmsg("metavar:HOST", "HOST"),
    pmsg("metavar:PORT", "PORT"),
])


# `--version`: printed by the same parser as the help, in its language
VERSION = Labels([
    pmsg("version:line", "obligations {version}; rules engine: {engine}"),
    pmsg("version:durable", "durable (durable-rules)"),
    pmsg("version:python", "python (durable-rules is not installed: pip install 'obligations[durable]')"),
])


def version_line(version: str, durable: bool, lang: str) -> str:
    """What ``--version`` prints: the version and which rules engine answers by default."""
    engine = VERSION("version:durable" if durable else "version:python", lang)
    return VERSION("version:line", lang, version=version, engine=engine)


def metavar(name: str, lang: str) -> str:
    """A metavar in ``lang``; one the table lacks stays as written (tests/test_cli_help.py
    checks every metavar of the command line is in the table)."""
    key = f"metavar:{name}"
    return METAVARS(key, lang) if key in METAVARS else name


def metavars_in(message: str, actions: Iterable[argparse.Action], lang: str) -> str:
    """argparse's error ``message`` with the metavars of the positionals (the words it names them
    by: "the following arguments are required: COMMAND") in ``lang``; a quoted value is kept."""
    for action in actions:
        if not action.option_strings and isinstance(action.metavar, str):
            said = metavar(action.metavar, lang)
            message = re.sub(rf"(?<![\w'\"]){re.escape(action.metavar)}(?![\w'\"])", lambda _m: said, message)
    return message


# argparse's English -> its key above
_ARGPARSE_KEYS = {"usage: ": "argparse:usage", "positional arguments": "argparse:positionals",
                  "options": "argparse:options", "show this help message and exit": "argparse:help"}


def in_language(text: str, lang: str) -> str:
    """A help text in ``lang``: a ``Help`` from the catalogue, argparse's own from the table
    above, anything else as written."""
    if isinstance(text, Help):
        return catalogue.text(lang, text.key, str.__str__(text))
    key = _ARGPARSE_KEYS.get(text)
    return text if key is None else ARGPARSE(key, lang)


class Formatter(argparse.HelpFormatter):
    """argparse's formatter saying every word in ``lang``."""

    def __init__(self, prog: str, lang: str) -> None:
        super().__init__(prog)
        self._lang = lang

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[Any], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, in_language("usage: ", self._lang) if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        super().start_section(None if heading is None else in_language(heading, self._lang))

    def _format_text(self, text: str) -> str:
        return super()._format_text(in_language(text, self._lang))

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.help is None:
            return None
        # argparse fills %(prog)s and the like into a help: the catalogue's texts have none
        return in_language(action.help, self._lang).replace("%", "%%")

    def _metavar_formatter(self, action: argparse.Action, default_metavar: str) -> Callable[[int], tuple[str, ...]]:
        if action.metavar is None and action.choices is not None:
            return super()._metavar_formatter(action, default_metavar)   # {vi,en}: the values to type
        name = action.metavar if action.metavar is not None else default_metavar
        result = tuple(metavar(n, self._lang) for n in name) if isinstance(name, tuple) \
            else metavar(name, self._lang)
        return lambda size: result if isinstance(result, tuple) else (result,) * size


def format_help(parser: argparse.ArgumentParser, lang: str) -> str:
    """argparse's ``format_help`` with the formatter above."""
    formatter = Formatter(parser.prog, lang)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups)
    formatter.add_text(parser.description)
    for group in parser._action_groups:
        formatter.start_section(group.title)
        formatter.add_text(group.description)
        formatter.add_arguments(group._group_actions)
        formatter.end_section()
    formatter.add_text(parser.epilog)
    return formatter.format_help()


def format_usage(parser: argparse.ArgumentParser, lang: str) -> str:
    formatter = Formatter(parser.prog, lang)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups)
    return formatter.format_help()
