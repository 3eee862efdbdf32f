"""`explain`: the whole derivation of one occurrence."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from obligations.base.dates import parse_iso_date, today_in_vietnam
from obligations.cli import environment
from obligations.render.explain import explain_text
from obligations.report.explain import explain


def run(args: argparse.Namespace, out: TextIO) -> int:
    on = parse_iso_date(args.on, what="--on") if args.on is not None else today_in_vietnam()
    ws = environment.workspace(args.rules, args.org, args.calendars, environment.known_on(args.as_known_on, on),
                               calendar=args.as_known_on is not None)
    ws, args.unit = ws.resolve_unit(args.unit)     # an id, or a name ("Xã Lâm Bình")
    found = explain(ws, args.unit, args.duty, args.period, on, log=environment.existing_log(args.db))
    doc = found.to_dict(args.lang)
    if args.format == "json":
        json.dump(doc, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(explain_text(doc, args.lang) + "\n")
    return 0
