"""A year of the working calendar as JSON or as a table."""

from __future__ import annotations

import datetime as dt

from obligations.base.version import SCHEMA_VERSION
from obligations.calendar.working import Event, VietnamCalendar
from obligations.render.day_text import day_short
from obligations.render.labels import label
from obligations.render.messages import decision_json, decision_text, event_name


def year_as_json(cal: VietnamCalendar, year: int, lang: str) -> dict[str, object]:
    days = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        events = []
        for e in cal.events_on(day):
            item: dict[str, object] = {"name": event_name(e, lang), "kind": e.kind, "source": e.source}
            if e.basis:
                item["basis"] = e.basis
            if e.anniversary is not None:
                item["anniversary"] = e.anniversary
            if e.anniversary_class:
                item["anniversary_class"] = e.anniversary_class
            if e.decision is not None:
                item["decision"] = decision_json(e.decision, lang)
            events.append(item)
        days.append({"date": day.isoformat(), "working": cal.is_working_day(day), "events": events})
        day += dt.timedelta(days=1)
    return {"schema_version": SCHEMA_VERSION, "year": year, "provisional": cal.is_provisional(year), "days": days}


def _line(e: Event, lang: str) -> str:
    text = f"  {day_short(e.date, lang)} {event_name(e, lang)}"
    if e.anniversary:
        text += f" — {label('anniversary', lang, n=e.anniversary)}"
        if e.anniversary_class:
            text += f" ({label(e.anniversary_class, lang)})"
    if e.kind == "lunar":
        from obligations.calendar.lunar import to_lunar

        lunar_day = to_lunar(e.date)
        text += f" [{label('lunar_date', lang, d=f'{lunar_day.day}/{lunar_day.month}')}]"
    if e.kind == "day_off":
        text += f" [{label('day_off', lang)}]"
    if e.decision is not None and not e.commemoration_id:
        text += f" ({decision_text(e.decision, lang)})"
    return text


def year_as_table(cal: VietnamCalendar, year: int, lang: str) -> str:
    events = cal.events_between(dt.date(year, 1, 1), dt.date(year, 12, 31))
    off = [e for e in events if e.kind in ("public_holiday", "day_off")
           or (e.kind == "local" and not e.commemoration_id and not cal.is_working_day(e.date))]
    makeup = [e for e in events if e.kind == "makeup_workday"
              or (e.kind == "local" and not e.commemoration_id and cal.is_working_day(e.date))]
    marks = [e for e in events if e.commemoration_id]
    out = [label("calendar_title", lang, year=year), ""]
    for title, group in (("days_off", off), ("makeup_days", makeup), ("commemorations", marks)):
        out.append(label(title, lang))
        out.extend(_line(e, lang) for e in group)
        if not group:
            out.append("  " + label("none", lang))
        out.append("")
    count = cal.count_working_days(dt.date(year, 1, 1), dt.date(year + 1, 1, 1))
    out.append(label("working_count", lang, n=count))
    if cal.is_provisional(year):
        out.append(label("provisional", lang, year=year))
    return "\n".join(out)
