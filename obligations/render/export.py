"""Occurrences as iCalendar (RFC 5545), CSV or JSON, for phone and desktop calendars.

Each occurrence is one VEVENT on its effective deadline day (all day, or at the hour a
directive names), with its window in the description and a reminder a number of working
days before the deadline. The UID is derived from the unit, the duty and the period only,
so importing again updates the entry instead of duplicating it; SEQUENCE and
LAST-MODIFIED change when its content does. Exporting only reads the submissions log:
SEQUENCE counts the log records that changed the event (``record_changes``, as the feed).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from obligations.base.dates import VIETNAM_TZ
from obligations.log.store import Extension, Submission, SubmissionLog
from obligations.render.day_text import period_text
from obligations.render.labels import Labels, label, pmsg
from obligations.render.csv_safe import cell
from obligations.render.emphasis import plain
from obligations.render.messages import assumption_text, conflict_message, pick, routing_note
from obligations.status.assess import Item
from obligations.workspace import Workspace

PRODID = "-//obligations//Vietnamese directive duties//VI"
TZID = "Asia/Ho_Chi_Minh"
REMIND_HOUR = 8          # 08:00 in Vietnam, the start of an office day
DEFAULT_REMIND_DAYS = 3


# The words of an event: its title and description (dates as the feed has always written them:
# dd/mm/yyyy in the title, ISO in the description).
_e = Labels([
    pmsg("summary", "[Deadline {date}] {title} ({period})"),
    pmsg("unit", "Unit: {name} ({unit})"),
    pmsg("source", "Source: {directive} sec. {section}"),
    pmsg("window", "Window: {start} → {end}"),
    pmsg("own", "Own deadline: {date}"),
    pmsg("to", "To: {name}"),
    pmsg("conflict", "CONFLICT: {message}"),
    pmsg("status", "Status: {status}"),
    # what a calendar's title says of the state, first, so that a done and an overdue event do
    # not look alike in a month view; a mark and a word, never colour alone
    pmsg("mark.done", "✔ delivered"), pmsg("mark.conflict", "⚡ conflict"), pmsg("mark.overdue", "⚠ overdue"),
])


def uid(item: Item) -> str:
    digest = hashlib.sha256(str(item.occurrence.key).encode("utf-8")).hexdigest()[:24]
    return f"{digest}@obligations"


def record_changes(log: SubmissionLog | None, items: Sequence[Item]) -> dict[str, tuple[int, str]]:
    """UID -> the number of log records that changed the event (deliveries and extensions,
    those replaced since included) and the time the latest was recorded. Read only."""
    if log is None:
        return {}
    by_key: dict[object, list[str]] = {}
    for unit in sorted({i.occurrence.unit for i in items}):
        history = [r for r in log.replaced(unit) if isinstance(r, (Submission, Extension))]
        for rec in [*log.submissions(unit), *log.extensions(unit), *history]:
            by_key.setdefault(rec.key, []).append(rec.recorded_at)
    return {uid(i): (len(by_key[i.occurrence.key]), max(by_key[i.occurrence.key]))
            for i in items if i.occurrence.key in by_key}


def reminder_day(ws: Workspace, item: Item, working_days: int) -> dt.date:
    cal = ws.calendar_for(item.occurrence.unit)
    return cal.add_working_days(item.deadline, -working_days) if working_days else item.deadline


def _text(ws: Workspace, item: Item, lang: str) -> tuple[str, str]:
    occ = item.occurrence
    duty = occ.duty
    directive = ws.rules.directive(duty.directive)
    title = pick(lang, duty.title_vi, duty.title_en)
    summary = _e("summary", lang, date=item.deadline.strftime('%d/%m/%Y'), title=title, period=period_text(occ.period, lang))
    state = state_mark(item, lang)
    if state:
        summary = f"{state} · {summary}"
    lines = [
        _e("unit", lang, name=ws.hierarchy.name(occ.unit), unit=occ.unit),
        _e("source", lang, directive=directive.number, section=duty.source.section),
        f"“{plain(duty.source.text)}”",          # without the rule file's marks (render/emphasis.py)
        _e("window", lang, start=item.window_start.isoformat(), end=item.deadline.isoformat()),
    ]
    if item.result.tightened:
        lines.append(_e("own", lang, date=occ.deadline.isoformat()))
    if occ.recipient_unit:
        lines.append(_e("to", lang, name=ws.hierarchy.name(occ.recipient_unit)))
    lines.extend(routing_note(note, lang) for note in occ.routing)
    if item.result.conflict:
        lines.append(_e("conflict", lang, message=conflict_message(item.result.conflict, lang)))
    lines.append(_e("status", lang, status=label(item.status, lang)))
    return summary, "\n".join(lines)


def state_mark(item: Item, lang: str) -> str:
    """"✔ đã nộp", "⚡ xung đột" or "⚠ quá hạn" (a conflict before overdue: its fix is to ask
    for an extension), "" for an item still ahead."""
    if item.status == "done":
        key = "done"
    elif item.status == "conflict" or item.result.conflict:
        key = "conflict"
    elif item.status == "overdue":
        key = "overdue"
    else:
        return ""
    return _e(f"mark.{key}", lang)


Versions = Callable[[dict[str, str]], Mapping[str, tuple[int, dt.datetime]]]
# An event's DTSTAMP, LAST-MODIFIED (or None) and SEQUENCE, from its UID and item (a feed's)
Stamps = Callable[[str, Item], tuple[dt.datetime, dt.datetime | None, int]]


def to_ics(ws: Workspace, items: list[Item], lang: str = "vi", remind: int = DEFAULT_REMIND_DAYS, *,
           stamp: dt.datetime, versions: Versions | None = None,
           past_alarms: bool = False, stamps: Stamps | None = None,
           properties: Sequence[tuple[str, Any, dict[str, str]]] = (), cancelled: Sequence[Item] = ()) -> bytes:
    """One event per occurrence on its deadline day (the window is in the description).

    ``versions`` gives each event's SEQUENCE and LAST-MODIFIED from the digest of its
    content (the command line keeps them in the submissions log), so that a client that
    imported an event before sees that it changed; ``stamps`` gives each event's DTSTAMP,
    LAST-MODIFIED and SEQUENCE instead (a subscription's, web/feed.py), and ``properties``
    more properties of the calendar (name, value, parameters). ``stamp`` is the instant the
    calendar is made (its DTSTAMP; the caller's clock, never read here): a reminder already
    in the past at ``stamp`` is left out unless ``past_alarms``. ``cancelled``: occurrences known
    before and no longer (report/revisions.py), sent with their UID as STATUS:CANCELLED, no alarm."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-timezone", TZID)
    timed = False
    events: list[tuple[str, Any]] = []
    ended = {id(i) for i in cancelled}
    for item in [*items, *cancelled]:
        occ = item.occurrence
        summary, description = _text(ws, item, lang)
        event = icalendar.Event()
        event.add("uid", uid(item))
        event.add("summary", summary)
        event.add("description", description)
        if occ.time:
            timed = True   # "trước 16 giờ": a moment on the deadline day, in Vietnam's zone
            hour, minute = map(int, occ.time.split(":"))
            event.add("dtstart", dt.datetime.combine(item.deadline, dt.time(hour, minute)), parameters={"TZID": TZID})
            event.add("x-obligations-deadline-time", occ.time)
        else:
            event.add("dtstart", item.deadline)
            event.add("dtend", item.deadline + dt.timedelta(days=1))    # DTEND of an all-day event is exclusive
        event.add("categories", [occ.duty.kind, ws.rules.directive(occ.duty.directive).number])
        event.add("transp", "TRANSPARENT")
        event.add("x-obligations-window-start", item.window_start.isoformat())
        event.add("x-obligations-deadline", item.deadline.isoformat())
        event.add("x-obligations-duty", occ.duty.id)
        event.add("x-obligations-period", occ.period)
        event.add("x-obligations-status", item.status)
        if id(item) in ended:
            event.add("status", "CANCELLED")
        elif item.status != "done":
            day = reminder_day(ws, item, remind)
            at = dt.datetime(day.year, day.month, day.day, REMIND_HOUR, tzinfo=VIETNAM_TZ).astimezone(dt.timezone.utc)
            if past_alarms or at >= stamp:
                alarm = icalendar.Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", summary)
                alarm.add("trigger", at, parameters={"VALUE": "DATE-TIME"})
                event.add_component(alarm)
        events.append((uid(item), event))
    found = versions({key: hashlib.sha256(event.to_ical()).hexdigest() for key, event in events}) \
        if versions is not None else {}
    for (key, event), item in zip(events, [*items, *cancelled]):
        if stamps is not None:
            dtstamp, modified, sequence = stamps(key, item)
            event.add("dtstamp", dtstamp)
            if modified is not None:
                event.add("last-modified", modified)
            event.add("sequence", sequence)
        else:
            event.add("dtstamp", stamp)
        if key in found:
            sequence, modified = found[key]
            event.add("sequence", sequence)
            event.add("last-modified", modified.astimezone(dt.timezone.utc).replace(microsecond=0))
        cal.add_component(event)
    if timed:
        cal.add_component(_vtimezone(icalendar))
    for name, value, parameters in properties:
        if parameters:
            cal.add(name, value, parameters=parameters)
        else:
            cal.add(name, value)
    data: bytes = cal.to_ical()
    return data


def _vtimezone(icalendar: Any) -> Any:
    """Asia/Ho_Chi_Minh: UTC+7 without daylight saving since 1975 (written out, so that no
    tz database is needed)."""
    zone = icalendar.Timezone()
    zone.add("tzid", TZID)
    standard = icalendar.TimezoneStandard()
    standard.add("dtstart", dt.datetime(1975, 6, 13))
    standard.add("tzoffsetfrom", dt.timedelta(hours=7))
    standard.add("tzoffsetto", dt.timedelta(hours=7))
    standard.add("tzname", "ICT")
    zone.add_component(standard)
    return zone


CSV_FIELDS = ("uid", "unit", "duty", "directive", "section", "title", "kind", "period", "window_start",
              "own_deadline", "deadline", "status", "recipient", "source", "assumptions")


def rows(ws: Workspace, items: list[Item], lang: str) -> list[dict[str, str]]:
    result = []
    for item in items:
        occ = item.occurrence
        result.append({
            "uid": uid(item), "unit": occ.unit, "duty": occ.duty.id,
            "directive": ws.rules.directive(occ.duty.directive).number, "section": occ.duty.source.section,
            "title": pick(lang, occ.duty.title_vi, occ.duty.title_en), "kind": occ.duty.kind,
            "period": occ.period, "window_start": item.window_start.isoformat(),
            "own_deadline": occ.deadline.isoformat(), "deadline": item.deadline.isoformat(),
            "status": item.status, "recipient": occ.recipient_unit or "", "source": plain(occ.duty.source.text),
            # what the row depends on that no document gives: said here as in every output
            "assumptions": " | ".join(assumption_text(a, lang) for a in occ.assumptions),
        })
    return result


def to_csv(ws: Workspace, items: list[Item], lang: str = "vi") -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: cell(v) for k, v in row.items()} for row in rows(ws, items, lang))
    return buffer.getvalue()
