"""Delivery status as JSON or text, and the confirmations of `submit` and `extend`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from obligations.base.keys import OccurrenceKey
from obligations.base.version import SCHEMA_VERSION
from obligations.log.store import Extension, RecordedEvent, Submission
from obligations.render.day_text import day, day_iso, instant_iso, period_text
from obligations.render.labels import Labels, npmsg, pmsg
from obligations.render.messages import assumption_text, pick
from obligations.report.deliveries import Delivery

_t = Labels([
    pmsg("submitted", "Recorded: {unit} delivered {duty} period {period} on {on}{ref}."),
    pmsg("extended", "Recorded extension: {unit} {duty} period {period} until {until} (granted by {ref})."),
    pmsg("title", "Delivery status of {name} ({unit}){year}, as of {on}"),
    pmsg("in_year", " in {year}"),
    pmsg("on_time", "on time"),
    npmsg("late", "late by {n} working day", "late by {n} working days"),
    pmsg("missing", "missing (overdue)"),
    pmsg("open", "still open"),
    pmsg("delivered", "delivered {on}"),
    pmsg("events", "Recorded events:"),
    pmsg("changed", "judged by the deadline {then} in force when delivered; the deadline is now {now} "
                    "(a later document changed it)"),
    pmsg("recorded", "Recorded: event {event} for {unit} on {on}{ref}."),
    pmsg("duties", "Duties counted from it: {duties}"),
    pmsg("replaced", "replaces the earlier record: {what}, recorded at {at}"),
    pmsg("reason", "reason for the replacement: {reason}"),
    pmsg("event_replaced", "  (replaces the date {on}, recorded at {at})"),
    pmsg("total", "Total: {on_time} on time, {late} late, {missing} missing, {open} still open."),
])
RESULTS = ("on_time", "late", "missing", "open")


def submitted_text(item: Submission, lang: str) -> str:
    ref = f" ({item.ref})" if item.ref else ""
    return _t("submitted", lang, unit=item.unit, duty=item.duty, period=item.period,
              on=day(item.delivered_on, lang), ref=ref)


def extended_text(item: Extension, lang: str) -> str:
    return _t("extended", lang, unit=item.unit, duty=item.duty, period=item.period,
              until=day(item.until, lang), ref=item.ref)


def event_text(item: RecordedEvent, duties: Sequence[str], lang: str) -> str:
    ref = f" ({item.ref})" if item.ref else ""
    text = _t("recorded", lang, event=item.event, unit=item.unit, on=day(item.happened_on, lang), ref=ref)
    if duties:
        text += "\n" + _t("duties", lang, duties=", ".join(duties))
    return text


def replaced_json(records: Sequence[Submission | Extension | RecordedEvent]) -> list[dict[str, object]]:
    """Records replaced by later ones (history), oldest first: what they said and when."""
    return [{"kind": type(r).__name__.lower().replace("recordedevent", "event"),
             "date": (r.delivered_on if isinstance(r, Submission) else r.until if isinstance(r, Extension)
                      else r.happened_on).isoformat(),
             "ref": r.ref, "note": r.note, "recorded_at": r.recorded_at} for r in records]


def replaced_by_key(records: Sequence[Submission | Extension | RecordedEvent]
                    ) -> dict[OccurrenceKey, list[Submission | Extension | RecordedEvent]]:
    """The replaced deliveries and extensions of each occurrence."""
    found: dict[OccurrenceKey, list[Submission | Extension | RecordedEvent]] = {}
    for r in records:
        if isinstance(r, (Submission, Extension)):
            found.setdefault(r.key, []).append(r)
    return found


def status_rows(found: Sequence[Delivery], lang: str,
                history: Mapping[OccurrenceKey, Sequence[Submission | Extension | RecordedEvent]] | None = None
                ) -> list[dict[str, object]]:
    """``history``: the replaced records of each occurrence (``replaced_by_key``)."""
    rows: list[dict[str, object]] = []
    for d in found:
        item, occ = d.item, d.item.occurrence
        row: dict[str, object] = {
            "duty": occ.duty.id, "period": occ.period, "deadline": item.deadline.isoformat(),
            "title": pick(lang, occ.duty.title_vi, occ.duty.title_en), "result": d.result,
            "delivered_on": item.submission.delivered_on.isoformat() if item.submission else None,
            "ref": item.submission.ref if item.submission else None,
            "reason": item.submission.reason if item.submission else None,
            "replaced": replaced_json([r for r in (history or {}).get(occ.key, ()) if isinstance(r, Submission)]),
            "assumptions": [assumption_text(a, lang) for a in occ.assumptions]}
        if d.result == "late":      # only a late delivery has a number of days late
            row["late_working_days"] = d.late_working_days
        if d.deadline_at_delivery is not None:   # a later document moved the deadline
            row["deadline_changed"] = True
            row["deadline_at_delivery"] = d.deadline_at_delivery.isoformat()
            row["judged_by"] = "deadline_at_delivery"
        rows.append(row)
    return rows


def result_text(row: Mapping[str, object], lang: str) -> str:
    """A row's result in words: "trễ 2 ngày làm việc", "on time"."""
    return _t(str(row["result"]), lang, n=row.get("late_working_days", 0))


def totals(rows: list[dict[str, object]]) -> dict[str, int]:
    return {k: sum(r["result"] == k for r in rows) for k in RESULTS}


def _events_replaced(events: Sequence[RecordedEvent], replaced: Sequence[RecordedEvent], e: RecordedEvent
                     ) -> list[RecordedEvent]:
    return [r for r in replaced if r.unit == e.unit and r.event == e.event]


def status_json(unit: str, on: dt.date, year: int | None, rows: list[dict[str, object]],
                events: Sequence[RecordedEvent] = (), events_replaced: Sequence[RecordedEvent] = ()
                ) -> dict[str, object]:
    """``events_replaced``: dates of events replaced by later ones, shown under the event."""
    return {"schema_version": SCHEMA_VERSION, "unit": unit, "on": on.isoformat(), "year": year, "items": rows, "totals": totals(rows),
            "events": [{"event": e.event, "on": e.happened_on.isoformat(), "ref": e.ref, "note": e.note,
                        "reason": e.reason, "replaced": replaced_json(_events_replaced(events, events_replaced, e))}
                       for e in events]}


def status_document(unit: str, on: dt.date, year: int | None, found: Sequence[Delivery],
                    events: Sequence[RecordedEvent], replaced: Sequence[Submission | Extension | RecordedEvent],
                    lang: str) -> dict[str, object]:
    """The document of docs/schemas/status.json (StatusReport.to_dict passes its fields)."""
    rows = status_rows(found, lang, replaced_by_key(replaced))
    return status_json(unit, on, year, rows, events, [r for r in replaced if isinstance(r, RecordedEvent)])


def status_text(name: str, unit: str, on: dt.date, year: int | None, rows: list[dict[str, object]],
                lang: str, events: Sequence[RecordedEvent] = (), events_replaced: Sequence[RecordedEvent] = ()) -> str:
    out = [_t("title", lang, name=name, unit=unit, year=_t("in_year", lang, year=year) if year else "",
              on=day(on, lang)), ""]
    for r in rows:
        verdict = _t(str(r["result"]), lang, n=r.get("late_working_days", 0))
        if r["delivered_on"]:
            verdict += ", " + _t("delivered", lang, on=day_iso(r["delivered_on"], lang)) + (f" ({r['ref']})" if r["ref"] else "")
        if r.get("deadline_changed"):
            verdict += "; " + _t("changed", lang, then=day_iso(r["deadline_at_delivery"], lang),
                                 now=day_iso(r["deadline"], lang))
        out.append(f"{day_iso(r['deadline'], lang)}  {period_text(r['period'], lang):<14}  {r['title']}: {verdict}")
        out.extend(f"{'':<12}  ↳ {a}" for a in r["assumptions"])  # type: ignore[attr-defined]
        for old in r.get("replaced") or []:  # type: ignore[attr-defined]
            what = _t("delivered", lang, on=day_iso(old["date"], lang)) + (f" ({old['ref']})" if old["ref"] else "")
            out.append(f"{'':<12}  ↳ " + _t("replaced", lang, what=what, at=instant_iso(old["recorded_at"], lang)))
        if r.get("reason"):
            out.append(f"{'':<12}  ↳ " + _t("reason", lang, reason=r["reason"]))
    out.append("")
    out.append(_t("total", lang, **totals(rows)))
    if events:
        out.extend(["", _t("events", lang)])
        for e in events:
            out.append(f"{day(e.happened_on, lang)}  {e.event}" + (f" ({e.ref})" if e.ref else ""))
            out.extend(_t("event_replaced", lang, on=day(r.happened_on, lang), at=instant_iso(r.recorded_at, lang))
                       for r in _events_replaced(events, events_replaced, e))
            if e.reason:
                out.append("  " + _t("reason", lang, reason=e.reason))
    return "\n".join(out)
