"""The arguments of the commands after `export` (extract, serve, token, timeline, letter, notify,
org, catalogue, check), kept apart so that cli/main.py stays small; nothing heavy is imported here
(the command line's start stays lean)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from obligations.base.vocabulary import TIMELINE_MONTHS_MAX
from obligations.cli import letter_args, notify_args
from obligations.cli.help_text import hmsg
from obligations.cli.parsing import bounded, text

Adder = Callable[[argparse.ArgumentParser], None]


def add_tools(sub: Any, add_data: Adder, add_db: Adder, add_sheet: Adder) -> None:
    """``sub``: the commands' subparsers; the other arguments: main.py's shared helpers."""
    ext = sub.add_parser("extract",
                         help=hmsg("help:cmd:extract", "a draft rule file from a whole directive (.txt, .docx or "
                                                       ".pdf)"))
    ext.add_argument("file", metavar="FILE",
                     help=hmsg("help:extract:file", "the directive: plain text (UTF-8), Word (.docx) or a PDF with a "
                                                    "text layer"))
    ext.add_argument("--out", metavar="FILE",
                     help=hmsg("help:extract:out", "write the draft to FILE instead of standard output"))
    ext.add_argument("--format", choices=("toml", "json"), default="toml",
                     help=hmsg("help:extract:format", "output format (default: toml)"))
    ext.add_argument("--calendars", metavar="DIR",
                     help=hmsg("help:extract:calendars", "calendar data for commemoration names (default: bundled)"))
    ext.add_argument("--issued", type=text, metavar="DATE",
                     help=hmsg("help:extract:issued", "the directive's date YYYY-MM-DD or DD/MM/YYYY, for dates "
                                                      "without a year (default: read from the header)"))
    ext.add_argument("--org", metavar="FILE",
                     help=hmsg("help:extract:org", "a hierarchy: a body the text names that is one of its units "
                                                   "becomes the duty's performer"))
    ext.add_argument("--org-stub", metavar="FILE",
                     help=hmsg("help:extract:org-stub", "also write the bodies named in the text as a hierarchy stub "
                                                        "(TOML) to complete"))
    ext.add_argument("--stubs", metavar="DIR",
                     help=hmsg("help:extract:stubs", "also write a metadata-only rule file into DIR for each text "
                                                     "the directive implements"))
    ext.add_argument("--lang", choices=("vi", "en"), default="vi",
                     help=hmsg("help:lang-messages", "language of messages (default: vi)"))
    ext.set_defaults(run="obligations.cli.commands.extract_cmd:run")

    srv = sub.add_parser("serve",
                         help=hmsg("help:cmd:serve", "the web service: JSON API, calendar feed, office page (needs "
                                                     "obligations[web])"))
    srv.add_argument("--host", default="127.0.0.1",
                     help=hmsg("help:serve:host", "address to bind (default: 127.0.0.1, this machine only)"))
    srv.add_argument("--port", type=int, default=8000, help=hmsg("help:serve:port", "port (default: 8000)"))
    srv.add_argument("--tokens", metavar="FILE",
                     help=hmsg("help:serve:tokens", "tokens file (TOML, hashes only); without it nobody may write"))
    srv.add_argument("--max-body", type=int, metavar="BYTES", dest="max_body",
                     help=hmsg("help:serve:max-body", "the largest request body accepted, in bytes (default: 65536, "
                                                      "64 KiB); larger: 413"))
    srv.add_argument("--engine", choices=("auto", "durable", "python"),
                     help=hmsg("help:engine", "rules engine backend (default: $OBLIGATIONS_ENGINE or auto)"))
    add_data(srv)
    add_db(srv)
    srv.add_argument("--lang", choices=("vi", "en"), default="vi",
                     help=hmsg("help:lang-refusals", "language of refusals (default: vi)"))
    srv.set_defaults(run="obligations.cli.commands.serve_cmd:run")

    tok = sub.add_parser("token",
                         help=hmsg("help:cmd:token", "a new access token for `serve`: the token once, the hash for "
                                                     "the tokens file"))
    tok.add_argument("--unit", required=True,
                     help=hmsg("help:token:unit", "the unit the token acts for (and the units below it)"))
    tok.add_argument("--note", help=hmsg("help:token:note", "who holds it, since when"))
    add_data(tok)
    tok.add_argument("--lang", choices=("vi", "en"), default="vi",
                     help=hmsg("help:lang-refusals", "language of refusals (default: vi)"))
    tok.set_defaults(run="obligations.cli.commands.token_cmd:run")

    tml = sub.add_parser("timeline",
                         help=hmsg("help:cmd:timeline", "a unit's report chains as an SVG picture: the months around "
                                                        "today, or a whole --year"))
    tml.add_argument("--unit", required=True, help=hmsg("help:unit-id", "unit id, e.g. xa-X"))
    tml.add_argument("--on", type=text, metavar="DATE",
                     help=hmsg("help:timeline:on", "the day marked as today, the centre of the picture (default: "
                                                   "today in Vietnam)"))
    tml.add_argument("--year", type=int,
                     help=hmsg("help:timeline:year", "draw this whole year instead of the months around --on"))
    tml.add_argument("--before", type=bounded("--before", 0, TIMELINE_MONTHS_MAX, "months"), metavar="MONTHS",
                     help=hmsg("help:timeline:before", "months drawn before the month of --on (default: 2)"))
    tml.add_argument("--after", type=bounded("--after", 0, TIMELINE_MONTHS_MAX, "months"), metavar="MONTHS",
                     help=hmsg("help:timeline:after", "months drawn after the month of --on (default: 4)"))
    tml.add_argument("--format", choices=("svg", "text"), default="svg",
                     help=hmsg("help:timeline:format", "svg: the picture (default); text: the list of what it shows"))
    tml.add_argument("--out", metavar="FILE", help=hmsg("help:out", "write to FILE instead of standard output"))
    tml.add_argument("--lang", choices=("vi", "en"), default="vi",
                     help=hmsg("help:lang-short", "language (default: vi)"))
    tml.add_argument("--as-known-on", type=text, metavar="DATE", dest="as_known_on",
                     help=hmsg("help:timeline:as-known-on", "draw with the documents issued by DATE only (default: "
                                                            "today)"))
    add_data(tml)
    add_db(tml)
    tml.set_defaults(run="obligations.cli.commands.timeline_cmd:run")

    for add in (letter_args.add_letter, notify_args.add_notify):
        add(sub, text, add_data, add_db)

    org = sub.add_parser("org",
                         help=hmsg("help:cmd:org", "a province's real units from 1/7/2025 (communes, wards, special "
                                                   "zones and their Party committees) as hierarchy TOML to extend "
                                                   "with cells and departments"))
    org.add_argument("--province", type=text, required=True, metavar="CODE_OR_NAME",
                     help=hmsg("help:org:province",
                               'the province\'s official code ("08") or name ("Tuyên Quang", "tuyen quang")'))
    org.add_argument("--lang", choices=("vi", "en"), default="vi",
                     help=hmsg("help:org:lang", "language of the file's opening comment and of refusals (default: vi)"))
    org.set_defaults(run="obligations.cli.commands.org_cmd:run")

    cat = sub.add_parser("catalogue",
                         help=hmsg("help:cmd:catalogue", "the reporting regimes (Decree 09/2019/NĐ-CP, Art. 7: ten "
                                                         "fields, each with its source) that apply to a unit and "
                                                         "every unit below it"))
    cat.add_argument("--under", type=text, required=True, metavar="UNIT",
                     help=hmsg("help:catalogue:under", "unit id, e.g. tw or xa-X"))
    cat.add_argument("--lang", choices=("vi", "en"), default="vi",
                     help=hmsg("help:lang-short", "language (default: vi)"))
    cat.add_argument("--format", choices=("table", "csv", "xlsx", "json"), default="table",
                     help=hmsg("help:format-sheets", "output format (default: table; xlsx: an Excel workbook, needs "
                                                     "obligations[sheets])"))
    add_sheet(cat)
    add_data(cat)
    cat.set_defaults(run="obligations.cli.commands.catalogue_cmd:run")

    chk = sub.add_parser("check", help=hmsg("help:cmd:check", "validate rule files, hierarchy and calendar data"))
    chk.add_argument("--verbose", "-v", action="store_true", help=hmsg("help:check:verbose", "also print notes"))
    # English by default: check prints the loader's errors with due's words, which are English
    chk.add_argument("--lang", choices=("vi", "en"), default="en",
                     help=hmsg("help:check:lang", "language of the findings (default: en)"))
    add_data(chk)
    chk.set_defaults(run="obligations.cli.commands.check_cmd:run")
