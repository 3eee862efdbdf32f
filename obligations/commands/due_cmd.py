"""`due`: what a unit must do around a date, with deadlines, statuses and sources."""

from __future__ import annotations

import json
from typing import TextIO

from ..dates import parse_iso_date, today_in_vietnam
from ..engine import make_engine
from ..present import due_json, due_table
from ..service import Workspace
from ..store import SubmissionLog


def run(args, out: TextIO) -> int:
    on = parse_iso_date(args.on, what="--on") if args.on else today_in_vietnam()
    ws = Workspace.load(args.rules, args.org, args.calendars)
    report = ws.due(args.unit, on, horizon=args.horizon, lookback=args.lookback,
                    engine=make_engine(args.engine), due_soon=args.due_soon, log=SubmissionLog(args.db))
    if args.format == "ics":
        from ..export import to_ics
        from .export_cmd import write

        write(to_ics(ws, list(report.items), args.lang, args.remind), out, None)
    elif args.format == "json":
        json.dump(due_json(ws, report, args.lang), out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(due_table(ws, report, args.lang) + "\n")
    return 0
