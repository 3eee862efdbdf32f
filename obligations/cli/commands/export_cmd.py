"""`export`: a unit's occurrences in a date range as iCalendar, CSV or JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from obligations.base.dates import parse_iso_date, today_in_vietnam
from obligations.base.errors import InputError
from obligations.cli import environment
from obligations.render.export import rows, to_csv, to_ics
from obligations.status.assess import Item
from obligations.status.engine import make_engine
from obligations.workspace import Workspace


def write(data: str | bytes, out: TextIO, target: str | None) -> None:
    """To --out FILE (written whole, then moved into place) or to standard output."""
    if target:
        path = Path(target)
        tmp = path.with_name(path.name + ".tmp")
        try:
            tmp.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
            tmp.replace(path)
        except OSError as exc:
            raise InputError(f"cannot write {path}: {exc.strerror}", fix="check the folder exists and is writable") from None
    elif isinstance(data, bytes) and hasattr(out, "buffer"):
        out.flush()          # bytes as they are: a text stream would rewrite iCalendar's CRLF on Windows
        out.buffer.write(data)
    else:
        out.write(data.decode("utf-8") if isinstance(data, bytes) else data)


def render(ws: Workspace, items: list[Item], fmt: str, lang: str, remind: int) -> str | bytes:
    if fmt == "ics":
        return to_ics(ws, items, lang, remind)
    if fmt == "csv":
        return to_csv(ws, items, lang)
    return json.dumps({"items": rows(ws, items, lang)}, ensure_ascii=False, indent=1) + "\n"


def run(args: argparse.Namespace, out: TextIO) -> int:
    start = parse_iso_date(args.from_, what="--from")
    end = parse_iso_date(args.to, what="--to")
    on = parse_iso_date(args.on, what="--on") if args.on is not None else today_in_vietnam()
    ws = environment.workspace(args.rules, args.org, args.calendars, environment.known_on(args.as_known_on, on))
    cal = ws.calendar_for(args.unit)
    for day, option in ((start, "--from"), (end, "--to")):
        if not cal.data.first_year <= day.year <= cal.data.last_year:
            raise InputError(f"{option} {day} is outside the calendar data's coverage "
                             f"({cal.data.first_year}-{cal.data.last_year}); nothing would be exported after it",
                             fix=f"give dates from {cal.data.first_year}-01-01 to {cal.data.last_year}-12-31")
    items = ws.items_between(args.unit, start, end, on, engine=make_engine(environment.engine_name(args.engine)),
                             log=environment.existing_log(args.db))
    write(render(ws, items, args.format, args.lang, args.remind), out, args.out)
    return 0
