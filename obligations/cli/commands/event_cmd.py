"""`event`: record the day an event happened for a unit (the plan was received, the
congress opens), so that duties counted from it get their deadlines."""

from __future__ import annotations

from typing import Any, TextIO

from obligations.base.dates import parse_iso_date
from obligations.log.store import SubmissionLog
from obligations.render.labels import Labels
from obligations.workspace import Workspace

_t = Labels({
    "recorded": ("Đã ghi: sự kiện {event} của {unit} ngày {on}{ref}.",
                 "Recorded: event {event} for {unit} on {on}{ref}."),
    "duties": ("Nhiệm vụ tính từ sự kiện này: {duties}", "Duties counted from it: {duties}"),
})


def run(args: Any, out: TextIO) -> int:
    on = parse_iso_date(args.on, what="--on")
    ws = Workspace.load(args.rules, args.org, args.calendars)
    item = ws.record_event(SubmissionLog(args.db), args.unit, args.event, on, ref=args.ref, note=args.note)
    ref = f" ({item.ref})" if item.ref else ""
    out.write(_t("recorded", args.lang, event=item.event, unit=item.unit, on=item.happened_on.isoformat(), ref=ref)
              + "\n")
    duties = [d.id for d in ws.rules.duties if item.event in d.schedule.event_ids]
    if duties:
        out.write(_t("duties", args.lang, duties=", ".join(duties)) + "\n")
    return 0
