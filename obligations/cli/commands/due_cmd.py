"""`due`: what a unit must do around a date, with deadlines, statuses and sources."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from obligations.base.dates import parse_iso_date, today_in_vietnam
from obligations.status.engine import make_engine
from obligations.render.due import due_json, due_table
from obligations.workspace import Workspace
from obligations.base.paths import open_log


_SUMMARY = {
    "vi": ("Đơn vị", "Quá hạn", "Sắp đến hạn", "Đang trong hạn", "Sắp tới", "Hạn gần nhất"),
    "en": ("Unit", "Overdue", "Due soon", "Window open", "Upcoming", "Next deadline"),
}


class Progress:
    """A one-line progress bar on standard error, only when it is a terminal."""

    def __init__(self, stream=None, minimum: int = 500) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.minimum, self.last = minimum, -1
        try:
            self.active = self.stream.isatty()
        except (AttributeError, ValueError):
            self.active = False

    def __call__(self, done: int, total: int) -> None:
        if not self.active or total < self.minimum:
            return
        percent = done * 100 // total
        if percent != self.last or done == total:
            self.last = percent
            bar = "#" * (percent // 4)
            self.stream.write(f"\r[{bar:<25}] {percent:3d}% {done:,}/{total:,}")
            if done == total:
                self.stream.write("\n")
            self.stream.flush()


def run_under(args, out: TextIO, ws: Workspace, on, log) -> int:
    reports = ws.due_under(args.under, on, horizon=args.horizon, lookback=args.lookback,
                           engine=make_engine(args.engine), due_soon=args.due_soon, log=log,
                           progress=Progress())
    if args.format == "json":
        # Streamed: a province's report is written unit by unit, never held whole.
        out.write(json.dumps({"under": args.under, "on": on.isoformat()}, ensure_ascii=False)[:-1]
                  + ', "units": [\n')
        for n, report in enumerate(reports):
            out.write((",\n" if n else "") + json.dumps(due_json(ws, report, args.lang), ensure_ascii=False))
        out.write("\n]}\n")
        return 0
    if args.format == "ics":
        from obligations.base.errors import InputError

        raise InputError("--format ics takes one unit", fix="use --unit, or export each unit")
    lang = "en" if args.lang == "en" else "vi"
    head = _SUMMARY[lang]
    out.write("  ".join(f"{h:<14}" for h in head) + "\n")
    for report in reports:
        counts = {s: sum(i.status == s for i in report.items) for s in ("overdue", "due_soon", "window_open", "upcoming")}
        pending = [i.deadline for i in report.items if i.status in ("due_soon", "window_open") and i.deadline >= on]
        cells = [report.unit, *(str(counts[s]) for s in counts), min(pending).isoformat() if pending else "—"]
        out.write("  ".join(f"{c:<14}" for c in cells) + "\n")
    return 0


def run(args, out: TextIO) -> int:
    on = parse_iso_date(args.on, what="--on") if args.on is not None else today_in_vietnam()
    ws = Workspace.load(args.rules, args.org, args.calendars)
    if args.under:
        return run_under(args, out, ws, on, open_log(args.db))
    report = ws.due(args.unit, on, horizon=args.horizon, lookback=args.lookback,
                    engine=make_engine(args.engine), due_soon=args.due_soon, log=open_log(args.db))
    if args.format == "ics":
        from obligations.render.export import to_ics
        from .export_cmd import write

        write(to_ics(ws, list(report.items), args.lang, args.remind), out, None)
    elif args.format == "json":
        json.dump(due_json(ws, report, args.lang), out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(due_table(ws, report, args.lang) + "\n")
    return 0
