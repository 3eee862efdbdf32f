"""`extract`: a draft rule file from a whole directive (.txt, .docx or .pdf)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from obligations.base import paths
from obligations.base.dates import parse_iso_date
from obligations.calendar.data import load_calendar_data
from obligations.extract import TODO, extract
from obligations.extract.writer import org_stub, stubs, to_json, to_toml

EXIT_NO_DUTY = 1


def run(args: argparse.Namespace, out: TextIO) -> int:
    source = Path(args.file)
    data = load_calendar_data(Path(args.calendars) if args.calendars else paths.calendars_dir())
    issued = parse_iso_date(args.issued, what="--issued") if getattr(args, "issued", None) else None
    units = None
    if getattr(args, "org", None):
        from obligations.extract.units import names_of
        from obligations.org.hierarchy import load_hierarchy

        hierarchy = load_hierarchy(Path(args.org))
        units = names_of((unit.id, unit.name) for unit in hierarchy.units.values())
    draft = extract(source, data.commemorations, issued, units=units)
    text = to_json(draft) if args.format == "json" else to_toml(draft)
    from .export_cmd import write

    if args.out:
        write(text, out, args.out)
    else:
        out.write(text)
    if getattr(args, "org_stub", None):
        write(org_stub(draft), out, args.org_stub)
    if getattr(args, "stubs", None):
        for name, body in stubs(draft).items():
            write(body, out, str(Path(args.stubs) / name))
    from obligations.render.safe_text import escape_controls

    shown = escape_controls(str(source))         # a file name may hold an escape too
    dated = [d for d in draft["duty"] if d["schedule"] != TODO]
    todo = sum(len(d["draft"]["todo"]) for d in draft["duty"]) + len(draft["todo"])
    print(f"{shown}: {len(draft['duty'])} duties drafted ({len(dated)} with a schedule, "
          f"{len(draft['duty']) - len(dated)} TODO), {todo} fields to fill in (TODO), "
          f"{len(draft['not_drafted'])} not drafted (listed in [[not_drafted]]), "
          f"{sum(len(d['draft']['flags']) for d in draft['duty'])} flags", file=sys.stderr)
    if not draft["duty"]:
        print(f"{shown}: no dated duty found (the draft holds only the directive's metadata)", file=sys.stderr)
        return EXIT_NO_DUTY
    return 0
