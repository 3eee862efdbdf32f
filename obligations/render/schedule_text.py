"""The words for schedule descriptions, in Vietnamese and English.

Schedules describe themselves as a reason code and parameters (rules/schedules/,
``describe()``); this table holds the texts, code -> (vi, en) template, and ``text``
fills them in. Kept apart from the rules so that all wording lives under render/.
"""

from __future__ import annotations

from obligations.render.day_text import day_iso
from obligations.rules.schedules.base import Description

TEXTS: dict[str, tuple[str, str]] = {
    "periodic.end": ("hằng {period}{only}; hạn là ngày cuối kỳ", "every {period}{only}; due by its last day"),
    "periodic.day": ("hằng {period}{only}; {incl} ngày {day} của {month}", "every {period}{only}; {incl} day {day} of {month}"),
    "periodic.in_month": ("hằng {period}{only}; trong {month}", "every {period}{only}; during {month}"),
    "periodic.weekday": ("hằng tuần; {incl} {weekday}", "every week; {incl} {weekday}"),
    "periodic.offset": ("hằng {period}{only}; {incl} {offset} {unit} kể từ ngày {from} kỳ",
                        "every {period}{only}; {incl} {offset} {unit} after the period's {from}"),
    "once.day": ("một lần; {incl} ngày {date}", "once; {incl} {date}"),
    "once.span": ("một lần; từ {start} đến hết ngày {date}", "once; from {start} to the end of {date}"),
    "event.after": ("{incl} {offset} {unit} kể từ ngày sau sự kiện “{event}” (Bộ luật Dân sự 2015, Điều 147)",
                    "{incl} {offset} {unit} counted from the day after the event “{event}” (Civil Code 2015 Art. 147)"),
    "event.before": ("{incl} {offset} {unit} trước ngày sự kiện “{event}”", "{incl} {offset} {unit} before the event “{event}”"),
    "rrule": ("{incl} mỗi ngày của quy tắc lặp {rrule}", "{incl} each date of the recurrence rule {rrule}"),
    "peaks": ("cao điểm từ {days_before} ngày trước đến {days_after} ngày sau: {around}",
              "peak from {days_before} days before to {days_after} days after: {around}"),
    # parts
    "period.week": ("tuần", "week"), "period.month": ("tháng", "month"), "period.quarter": ("quý", "quarter"),
    "period.half": ("6 tháng", "half-year"), "period.nine_months": ("9 tháng", "nine months"),
    "period.year": ("năm", "year"),
    "incl.true": ("chậm nhất", "at the latest"), "incl.false": ("trước", "before"),
    "incl.none": ("trước (theo chính sách before)", "before (by the `before` policy)"),
    "month.calendar": ("tháng {n}", "month {n}"), "month.this": ("tháng thứ {n} của kỳ", "month {n} of the period"),
    "month.last": ("tháng cuối kỳ", "the period's last month"),
    "month.same": ("tháng", "the month"),
    "month.next": ("tháng thứ {n} sau kỳ", "month {n} after the period"),
    "day.last": ("cuối", "last"),
    "unit.days": ("ngày", "days"), "unit.working_days": ("ngày làm việc", "working days"),
    "from.end": ("kết thúc", "end"), "from.start": ("bắt đầu", "start"),
    "only": (" (chỉ kỳ {only})", " (only periods {only})"),
    "time": ("; trước {time}", "; by {time}"),
    "covers": ("; số liệu tính từ ngày 15 của tháng trước kỳ đến ngày 14 của tháng cuối kỳ (Nghị định 09/2019/NĐ-CP, Điều 12)",
               "; data from the 15th of the month before the period to the 14th of its last month "
               "(Decree 09/2019/NĐ-CP Art. 12)"),
    "weekday.MO": ("thứ Hai", "Monday"), "weekday.TU": ("thứ Ba", "Tuesday"), "weekday.WE": ("thứ Tư", "Wednesday"),
    "weekday.TH": ("thứ Năm", "Thursday"), "weekday.FR": ("thứ Sáu", "Friday"), "weekday.SA": ("thứ Bảy", "Saturday"),
    "weekday.SU": ("Chủ nhật", "Sunday"),
}


def _t(code: str, lang: str, **values: object) -> str:
    vi, en = TEXTS[code]
    return (en if lang == "en" else vi).format(**values)


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
