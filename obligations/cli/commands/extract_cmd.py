"""`extract`: a draft rule file from a directive's plain text."""

from __future__ import annotations

import argparse

import sys
from pathlib import Path
from typing import TextIO

from obligations.base import paths
from obligations.base.dates import parse_iso_date
from obligations.calendar.data import load_calendar_data
from obligations.extract import TODO, extract
from obligations.extract.writer import to_json, to_toml

EXIT_NO_DUTY = 1


def run(args: argparse.Namespace, out: TextIO) -> int:
    source = Path(args.file)
    data = load_calendar_data(Path(args.calendars) if args.calendars else paths.calendars_dir())
    issued = parse_iso_date(args.issued, what="--issued") if getattr(args, "issued", None) else None
    draft = extract(source, data.commemorations, issued)
    text = to_json(draft) if args.format == "json" else to_toml(draft)
    if args.out:
        from .export_cmd import write

        write(text, out, args.out)
    else:
        out.write(text)
    dated = [d for d in draft["duty"] if d["schedule"] != TODO]
    todo = sum(len(d["draft"]["todo"]) for d in draft["duty"]) + len(draft["todo"])
    summary = (f"{source}: {len(draft['duty'])} duties ({len(dated)} with a schedule), "
               f"{todo} fields to fill in (TODO), "
               f"{sum(len(d['draft']['flags']) for d in draft['duty'])} flags")
    print(summary, file=sys.stderr)
    if not draft["duty"]:
        print(f"{source}: no dated duty found (the draft holds only the directive's metadata)", file=sys.stderr)
        return EXIT_NO_DUTY
    return 0
