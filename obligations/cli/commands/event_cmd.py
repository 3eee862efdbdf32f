"""`event`: record the day an event happened for a unit (the plan was received, the
congress opens), so that duties counted from it get their deadlines."""

from __future__ import annotations

import argparse
from typing import TextIO

from obligations.base.dates import parse_iso_date
from obligations.cli import environment
from obligations.render.status import event_text


def run(args: argparse.Namespace, out: TextIO) -> int:
    on = parse_iso_date(args.on, what="--on")
    ws = environment.workspace(args.rules, args.org, args.calendars)
    ws, args.unit = ws.resolve_unit(args.unit)     # an id, or a name ("Xã Lâm Bình")
    item = ws.record_event(environment.log(args.db), args.unit, args.event, on, ref=args.ref, note=args.note,
                           replace=args.replace, reason=args.reason)
    duties = [d.id for d in ws.rules.duties if item.event in d.schedule.event_ids]
    out.write(event_text(item, duties, args.lang) + "\n")
    return 0
