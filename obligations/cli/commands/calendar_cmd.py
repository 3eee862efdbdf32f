"""`calendar`: the days off, make-up working days and commemorations of one year."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TextIO

from obligations.base import paths
from obligations.calendar.working import VietnamCalendar
from obligations.calendar.data import load_calendar_data
from obligations.render.labels import label, weekday


def load_calendar(args, scope: tuple[str, ...] = ()) -> VietnamCalendar:
    directory = Path(args.calendars) if getattr(args, "calendars", None) else paths.calendars_dir()
    return VietnamCalendar(load_calendar_data(directory), scope=scope)


def year_as_json(cal: VietnamCalendar, year: int, lang: str) -> dict:
    days = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        events = []
        for e in cal.events_on(day):
            item = {"name": e.name(lang), "kind": e.kind, "source": e.source}
            if e.basis:
                item["basis"] = e.basis
            if e.anniversary is not None:
                item["anniversary"] = e.anniversary
            if e.anniversary_class:
                item["anniversary_class"] = e.anniversary_class
            events.append(item)
        days.append({"date": day.isoformat(), "working": cal.is_working_day(day), "events": events})
        day += dt.timedelta(days=1)
    return {"year": year, "provisional": cal.is_provisional(year), "days": days}


def _line(e, lang: str) -> str:
    text = f"  {e.date.isoformat()} {weekday(e.date, lang):<3} {e.name(lang)}"
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


def run(args, out: TextIO) -> int:
    if args.unit:
        from obligations.workspace import Workspace

        cal = Workspace.load(args.rules, args.org, args.calendars).calendar_for(args.unit)
    else:
        cal = load_calendar(args)
    cal.check_year(args.year)
    if args.format == "json":
        json.dump(year_as_json(cal, args.year, args.lang), out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(year_as_table(cal, args.year, args.lang) + "\n")
    return 0
