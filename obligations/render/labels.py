"""Vietnamese and English labels for everything the command line prints."""

from __future__ import annotations

import datetime as dt



class Labels(dict[str, tuple[str, str]]):
    """A table of (Vietnamese, English) texts: ``labels(key, lang, **values)``."""

    def __call__(self, key: str, lang: str, **values: object) -> str:
        vi, en = self[key]
        return (en if lang == "en" else vi).format(**values)


_LABELS = Labels({
    # event kinds
    "public_holiday": ("Ngày lễ, Tết", "Public holiday"),
    "day_off": ("Ngày nghỉ bù / hoán đổi", "Compensatory or substituted day off"),
    "makeup_workday": ("Ngày làm việc bù", "Make-up working day"),
    "commemoration": ("Ngày kỷ niệm", "Commemoration"),
    "local": ("Ngày của địa phương", "Local day"),
    "lunar": ("Ngày âm lịch", "Lunar-dated day"),
    # anniversary classes (Decree 145/2013/NĐ-CP)
    "nam_tron": ("năm tròn", "round anniversary"),
    "nam_le_5": ("năm lẻ 5", "anniversary ending in 5"),
    # statuses
    "upcoming": ("sắp tới", "upcoming"),
    "window_open": ("đang trong hạn", "window open"),
    "due_soon": ("sắp đến hạn", "due soon"),
    "overdue": ("quá hạn", "overdue"),
    "done": ("đã xong", "done"),
    "conflict": ("xung đột", "conflict"),
    "past": ("đã qua", "past"),
    # duty kinds
    "report": ("báo cáo", "report"),
    "plan": ("kế hoạch", "plan"),
    "activity": ("sinh hoạt", "activity"),
    "review": ("sơ kết / tổng kết", "review"),
    "publication": ("phát hành", "publication"),
    # calendar table
    "calendar_title": ("Lịch năm {year}", "Calendar {year}"),
    "days_off": ("Ngày nghỉ", "Days off"),
    "makeup_days": ("Ngày làm việc bù (thứ Bảy)", "Make-up working days (Saturdays)"),
    "commemorations": ("Ngày lễ lớn, kỷ niệm", "Commemorations"),
    "working_count": ("Số ngày làm việc: {n}", "Working days: {n}"),
    "provisional": ("Lưu ý: lịch hoán đổi ngày làm việc năm {year} có thể chưa được công bố.",
                    "Note: the government's day swaps for {year} may not be published yet."),
    "anniversary": ("lần thứ {n}", "{n} anniversary"),
    "lunar_date": ("âm lịch {d}", "lunar {d}"),
    "none": ("(không có)", "(none)"),
})

WEEKDAYS = {
    "vi": ("T2", "T3", "T4", "T5", "T6", "T7", "CN"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def ordinal_en(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th')}"


def label(key: str, lang: str = "vi", **values: object) -> str:
    if key not in _LABELS:
        return key
    if lang == "en" and key == "anniversary":
        values = {"n": ordinal_en(int(str(values["n"])))}
    return _LABELS(key, lang, **values)


def weekday(day: dt.date, lang: str = "vi") -> str:
    return WEEKDAYS["en" if lang == "en" else "vi"][day.weekday()]
