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
    ws = environment.workspace(args.rules, args.org, args.calendars, environment.known_on(args.as_known_on, on))
    ws, args.unit = ws.resolve_unit(args.unit)     # an id, or a name ("Xã Lâm Bình")
    log = environment.existing_log(args.db)
    found = explain(ws, args.unit, args.duty, args.period, on, log=log)
    doc = found.to_dict(args.lang)
    sent: list[dict[str, object]] = []
    if log is not None:     # what `notify` sent about it (docs/notify.md): the log's delivery record
        from obligations.notify.run import sent_lines
        from obligations.notify.sent import records

        sent = sent_lines(records(log, str(found.occurrence.key)))
        doc["notifications"] = sent
    if args.format == "json":
        json.dump(doc, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(explain_text(doc, args.lang) + "\n")
        if sent:
            from obligations.render.notify_mail import sent_text

            out.write(sent_text(sent, args.lang) + "\n")
    return 0
