"""Vietnamese and English labels for everything the command line prints."""

from __future__ import annotations

import datetime as dt



def number(value: int | float, lang: str) -> str:
    """A number as the language writes it: Vietnamese groups thousands with "." and marks
    decimals with "," (1.234; 3,5); English keeps Python's plain form (1234; 3.5)."""
    if lang == "en":
        return str(value)
    if isinstance(value, float):
        whole, _, frac = f"{value:,.2f}".rstrip("0").rstrip(".").partition(".")
        return whole.replace(",", ".") + ("," + frac if frac else "")
    return f"{value:,}".replace(",", ".")


class Labels(dict[str, tuple[str, ...]]):
    """A table of texts: ``labels(key, lang, **values)``. An entry is (Vietnamese, English) or,
    when the English depends on a count ``n``, (Vietnamese, English for one, English for
    others): Vietnamese nouns do not change with the number ("1 ngày", "2 ngày"). A count ``n``
    (and any float) is written with the language's separators."""

    def __call__(self, key: str, lang: str, **values: object) -> str:
        texts = self[key]
        count = values.get("n")
        if isinstance(count, (int, float)) and not isinstance(count, bool):
            values["n"] = number(count, lang)
        values = {k: number(v, lang) if isinstance(v, float) else v for k, v in values.items()}
        if lang != "en":
            return texts[0].format(**values)
        english = texts[2] if len(texts) > 2 and count != 1 else texts[1]
        return english.format(**values)


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
