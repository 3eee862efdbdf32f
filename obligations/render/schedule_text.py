"""The words for schedule descriptions, in Vietnamese and English.

Schedules describe themselves as a reason code and parameters (rules/schedules/,
``describe()``); this table holds the texts, code -> English template (the other languages
in the catalogues, docs/translating.md), and ``text`` fills them in. Kept apart from the rules
so that all wording lives under render/.
"""

from __future__ import annotations

from obligations.render.day_text import day_iso
from obligations.render.labels import Labels, pmsg
from obligations.rules.schedules.base import Description

_texts = Labels([
    pmsg("periodic.end", "every {period}{only}; due by its last day"),
    pmsg("periodic.day", "every {period}{only}; {incl} day {day} of {month}"),
    pmsg("periodic.in_month", "every {period}{only}; during {month}"),
    pmsg("periodic.weekday", "every week; {incl} {weekday}"),
    pmsg("periodic.offset", "every {period}{only}; {incl} {offset} {unit} after the period's {from}"),
    pmsg("once.day", "once; {incl} {date}"),
    pmsg("once.span", "once; from {start} to the end of {date}"),
    pmsg("event.after", "{incl} {offset} {unit} counted from the day after the event “{event}” (Civil Code 2015 Art. 147)"),
    pmsg("event.before", "{incl} {offset} {unit} before the event “{event}”"),
    pmsg("rrule", "{incl} each date of the recurrence rule {rrule}"),
    pmsg("peaks", "peak from {days_before} days before to {days_after} days after: {around}"),
    # parts
    pmsg("period.week", "week"), pmsg("period.month", "month"), pmsg("period.quarter", "quarter"),
    pmsg("period.half", "half-year"), pmsg("period.nine_months", "nine months"),
    pmsg("period.year", "year"),
    pmsg("incl.true", "at the latest"), pmsg("incl.false", "before"),
    pmsg("incl.none", "before (by the `before` policy)"),
    pmsg("month.calendar", "month {n}"), pmsg("month.this", "month {n} of the period"),
    pmsg("month.last", "the period's last month"),
    pmsg("month.same", "the month"),
    pmsg("month.next", "month {n} after the period"),
    pmsg("day.last", "last"),
    pmsg("unit.days", "days"), pmsg("unit.working_days", "working days"),
    pmsg("from.end", "end"), pmsg("from.start", "start"),
    pmsg("only", " (only periods {only})"),
    pmsg("time", "; by {time}"),
    pmsg("covers", "; data from the 15th of the month before the period to the 14th of its last month "
                   "(Decree 09/2019/NĐ-CP Art. 12)"),
    pmsg("weekday.MO", "Monday"), pmsg("weekday.TU", "Tuesday"), pmsg("weekday.WE", "Wednesday"),
    pmsg("weekday.TH", "Thursday"), pmsg("weekday.FR", "Friday"), pmsg("weekday.SA", "Saturday"),
    pmsg("weekday.SU", "Sunday"),
])


def _t(code: str, lang: str, **values: object) -> str:
    return _texts(code, lang, **values)


def _month(p: dict[str, object], lang: str) -> str:
    number = p.get("month")
    if p.get("of") == "next":
        return _t("month.next", lang, n=number)
    if p.get("every") == "year":
        return _t("month.calendar", lang, n=number)
    if p.get("every") == "month":
        return _t("month.same", lang)
    return _t("month.last", lang) if number == "last" else _t("month.this", lang, n=number)


def text(description: Description, lang: str = "vi") -> str:
    """The description in one line of Vietnamese or English."""
    p = dict(description.params)
    values: dict[str, object] = dict(p)
    if "every" in p:
        values["period"] = _t(f"period.{p['every']}", lang)
    only = p.get("only")
    values["only"] = _t("only", lang, only=", ".join(map(str, only))) if isinstance(only, list) and only else ""
    if "inclusive" in p:
        values["incl"] = _t({True: "incl.true", False: "incl.false", None: "incl.none"}[p["inclusive"]], lang)  # type: ignore[index]
    if description.code in ("periodic.day", "periodic.in_month"):
        values["month"] = _month(p, lang)
    if p.get("day") == "last":
        values["day"] = _t("day.last", lang)
    for key in ("unit", "from", "weekday"):
        if key in p:
            values[key] = _t(f"{key}.{p[key]}", lang)
    for key in ("date", "start"):      # dates the schedule names (once), as the reader writes them
        if isinstance(p.get(key), str):
            values[key] = day_iso(p[key], lang)
    around = p.get("around")
    if isinstance(around, list):
        values["around"] = ", ".join(map(str, around))
    out = _t(description.code, lang, **values)
    if p.get("time"):
        out += _t("time", lang, time=p["time"])
    if p.get("covers"):
        out += _t("covers", lang)
    return out
