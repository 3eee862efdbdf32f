"""`notify`: send the reminders, overdue notices and escalations of a day, once each.

Exit status: 0 when everything due went through (or was already sent), 1 when a channel
failed (each failure is printed; the other channels went on; the next run retries what
failed), 2 for bad input (notify.toml, the unit, the day).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import attrs
from typing import TextIO

from obligations.base.dates import parse_iso_date, today_in_vietnam, utc_now
from obligations.cli import environment
from obligations.notify.config import load_config
from obligations.notify.run import notify
from obligations.render.notify_mail import nothing_line, run_line
from obligations.render.safe_text import escape_controls

EXIT_FAILED = 1


def run(args: argparse.Namespace, out: TextIO) -> int:
    on = parse_iso_date(args.on, what="--on") if args.on is not None else today_in_vietnam()
    ws = environment.workspace(args.rules, args.org, args.calendars, on)
    ws, args.under = ws.resolve_unit(args.under)
    config = load_config(args.config, ws.hierarchy, os.environ)
    if args.letters is not None:
        config = attrs.evolve(config, letters_dir=Path(args.letters))
    found = notify(ws, config, environment.log(args.db), args.under, on, now=utc_now, dry_run=args.dry_run)
    for attempt in found.attempts:
        out.write(run_line(attempt.state, attempt.channel, attempt.notice.to, attempt.line, args.lang)
                  + (f" — {attempt.detail}" if attempt.detail else "") + "\n")
    for path in found.letters:
        out.write(f"letter\t{path}\n")
    if not found.attempts:
        out.write(nothing_line(args.lang) + "\n")
    if found.failed:      # one line per reason on standard error, for cron's mail
        reasons: dict[str, int] = {}
        for attempt in found.attempts:
            if attempt.state == "failed":
                reasons[attempt.detail or "?"] = reasons.get(attempt.detail or "?", 0) + 1
        for why, count in list(reasons.items())[:5]:
            sys.stderr.write(f"obligations: notify: {count} notice(s) not sent: {escape_controls(why)[:300]} "
                             "(not recorded as sent: the next run tries again; see docs/notify.md)\n")
        return EXIT_FAILED
    return 0
