"""A small grammar of Vietnamese date and schedule phrases, over normalised text.

Dates are day/month[/year] in Vietnamese order, with "/", "-" or "." between the parts.
Each rule returns what it understood and a confidence with its reason; what it cannot
decide is left as ``None`` for a person to fill in, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from obligations.base.dates import month_end

_SEP = r"[/.\-]"
DAY_MONTH = rf"(\d{{1,2}}){_SEP}(\d{{1,2}})"
DAY_MONTH_YEAR = rf"(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}})"
EVERY = r"(?:hằng|hàng)"

RE_YEARLY_BEFORE = re.compile(rf"trước ngày\s+{DAY_MONTH}\s+{EVERY} năm", re.IGNORECASE)
RE_ONCE_BEFORE = re.compile(rf"trước ngày\s+{DAY_MONTH_YEAR}", re.IGNORECASE)
RE_YEARLY_MONTH = re.compile(rf"(?:vào|trong)?\s*tháng\s+(\d{{1,2}})\s+{EVERY} năm", re.IGNORECASE)
RE_FROM_YEAR_ON = re.compile(r"từ năm\s+(\d{4})\s+trở đi", re.IGNORECASE)
RE_MONTHLY = re.compile(rf"{EVERY} tháng", re.IGNORECASE)
RE_QUARTERLY = re.compile(rf"{EVERY} quý", re.IGNORECASE)
RE_YEAR_RANGE = re.compile(r"từ năm\s+(\d{4})\s*-\s*(\d{4})", re.IGNORECASE)
RE_IN_YEAR = re.compile(r"(?:trong\s+)?năm\s+(\d{4})", re.IGNORECASE)
RE_MONTH_YEAR = re.compile(r"(?:(?:ngay\s+)?(?:trong|vào)\s+)?tháng\s+(\d{1,2})/(\d{4})", re.IGNORECASE)
RE_START_MONTH = re.compile(rf"(?:ngay\s+)?(?:trong|từ)\s+tháng\s+(\d{{1,2}})/(\d{{4}})\s+(?:và|đến)\s+{EVERY} tháng",
                            re.IGNORECASE)
RE_WITHIN_DAYS = re.compile(
    rf"trong\s+(?:thời hạn|vòng)\s+(\d{{1,3}})\s+ngày(\s+làm việc)?,?\s+kể từ\s+(?:ngày\s+)?(?:{DAY_MONTH_YEAR}|([^,;.]+))",
    re.IGNORECASE)
RE_HALF_YEAR = re.compile(r"(?:6|sáu) tháng (?:đầu|cuối) năm", re.IGNORECASE)
RE_PERIODIC = re.compile(r"định kỳ", re.IGNORECASE)
RE_PEAK = re.compile(r"cao điểm", re.IGNORECASE)
RE_PUBLISH = re.compile(r"\b(đưa|phát hành|xuất bản|đăng tải|biên soạn)\b", re.IGNORECASE)


@attrs.frozen
class Found:
    """One schedule understood in a clause."""

    schedule: dict                      # the rule-file schedule table, or {"type": "TODO"}
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    confidence: float = 0.9
    reasons: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()         # impossible or past dates
    todo: tuple[str, ...] = ()          # what a person must fill in
    last_allowed: dt.date | None = None
    inferred_from: bool = False         # valid_from is the start of a year named, not a date given


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _impossible(text: str) -> Found:
    return Found({"type": "TODO"}, confidence=0.2, reasons=(f"impossible date {text}",),
                 flags=(f"impossible date: {text}",), todo=("schedule",))


def schedules(clause: str) -> list[Found]:
    """Every schedule phrase of one clause (peaks are handled by ``peaks``)."""
    found: list[Found] = []
    used: list[tuple[int, int]] = []

    def free(match: re.Match) -> bool:
        return all(match.end() <= a or match.start() >= b for a, b in used)

    def take(match: re.Match) -> None:
        used.append((match.start(), match.end()))

    for m in RE_YEARLY_BEFORE.finditer(clause):
        day, month = int(m.group(1)), int(m.group(2))
        take(m)
        if safe_date(2023, month, day) is None:       # must exist every year (not 29/2)
            found.append(_impossible(m.group(0)))
            continue
        since = RE_FROM_YEAR_ON.search(clause)
        found.append(Found({"type": "yearly_before", "month": month, "day": day},
                           valid_from=dt.date(int(since.group(1)), 1, 1) if since else None, inferred_from=True,
                           reasons=(f"“{m.group(0)}”: every year before {day}/{month}",)))
    for m in RE_ONCE_BEFORE.finditer(clause):
        if not free(m):
            continue
        take(m)
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        date = safe_date(year, month, day)
        if date is None:
            found.append(_impossible(m.group(0)))
            continue
        found.append(Found({"type": "once_before", "date": date}, last_allowed=date - dt.timedelta(days=1),
                           reasons=(f"“{m.group(0)}”: once, before {date:%d/%m/%Y}",)))
    for m in RE_YEARLY_MONTH.finditer(clause):
        take(m)
        month = int(m.group(1))
        if not 1 <= month <= 12:
            found.append(_impossible(m.group(0)))
            continue
        since = RE_FROM_YEAR_ON.search(clause)
        reasons = [f"“{m.group(0).strip()}”: every year, the whole month {month}"]
        if since:
            reasons.append(f"“{since.group(0)}”: from {since.group(1)}")
        found.append(Found({"type": "yearly_in_month", "month": month}, inferred_from=True,
                           valid_from=dt.date(int(since.group(1)), 1, 1) if since else None,
                           reasons=tuple(reasons)))
    for m in RE_MONTHLY.finditer(clause):
        take(m)
        start = RE_START_MONTH.search(clause)
        span = RE_YEAR_RANGE.search(clause)
        in_year = RE_IN_YEAR.search(clause[m.end():m.end() + 20])
        reasons = [f"“{m.group(0)}”: every month"]
        valid_from = valid_until = None
        todo: list[str] = []
        if start:
            take(start)
            month, year = int(start.group(1)), int(start.group(2))
            if not 1 <= month <= 12:
                found.append(_impossible(start.group(0)))
                continue
            valid_from = dt.date(year, month, 1)
            reasons.append(f"“{start.group(0)}”: starting in {month}/{year}")
        if span:
            take(span)
            first, last = int(span.group(1)), int(span.group(2))
            valid_from = valid_from or dt.date(first, 1, 1)
            valid_until = dt.date(last, 12, 31)
            reasons.append(f"“{span.group(0)}”: {first} to {last}")
        elif in_year:
            year = int(in_year.group(1))
            valid_from, valid_until = valid_from or dt.date(year, 1, 1), dt.date(year, 12, 31)
            reasons.append(f"“{in_year.group(0).strip()}”: within {year}")
        else:
            todo.append("valid.until")
            reasons.append("no end given: open-ended unless the directive says otherwise")
        found.append(Found({"type": "monthly"}, valid_from=valid_from, valid_until=valid_until,
                           confidence=0.8 if todo else 0.9, reasons=tuple(reasons), todo=tuple(todo),
                           inferred_from=bool(in_year and not start and not span)))
    for m in RE_QUARTERLY.finditer(clause):
        take(m)
        found.append(Found({"type": "quarterly"}, confidence=0.7, reasons=(f"“{m.group(0)}”: every quarter",),
                           todo=("valid.until",)))
    for m in RE_MONTH_YEAR.finditer(clause):
        if not free(m):
            continue
        take(m)
        month, year = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            found.append(_impossible(m.group(0)))
            continue
        found.append(Found({"type": "once_in_month", "year": year, "month": month},
                           last_allowed=month_end(year, month),
                           reasons=(f"“{m.group(0).strip()}”: once, within {month}/{year}",)))
    for m in RE_WITHIN_DAYS.finditer(clause):
        take(m)
        days = int(m.group(1))
        if m.group(3):
            start = safe_date(int(m.group(5)), int(m.group(4)), int(m.group(3)))
            if start is None:
                found.append(_impossible(m.group(0)))
                continue
            found.append(Found({"type": "within_days", "start": start, "days": days},
                               reasons=(f"“{m.group(0).strip()}”: {days} days after {start:%d/%m/%Y} "
                                        "(Civil Code: ends on the next working day)",)))
        else:
            found.append(Found({"type": "within_days", "start": None, "days": days}, confidence=0.5,
                               reasons=(f"“{m.group(0).strip()}”: {days} days after an event without a date",),
                               todo=("schedule.start",)))
        if m.group(2):
            found[-1] = attrs.evolve(found[-1], flags=("counted in working days: check the policy",))
    if not found:
        half = RE_HALF_YEAR.search(clause)
        if half:
            found.append(Found({"type": "TODO"}, confidence=0.3,
                               reasons=(f"“{half.group(0)}” names the period reported on, not a deadline",),
                               todo=("schedule",)))
        elif RE_PERIODIC.search(clause):
            found.append(Found({"type": "TODO"}, confidence=0.3,
                               reasons=("“định kỳ” (periodically) without a period",), todo=("schedule",)))
        elif RE_PUBLISH.search(clause):
            for m in RE_IN_YEAR.finditer(clause):
                year = int(m.group(1))
                found.append(Found({"type": "once_between", "start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)},
                                   confidence=0.6, last_allowed=dt.date(year, 12, 31),
                                   reasons=(f"“{m.group(0).strip()}” with “{RE_PUBLISH.search(clause).group(0)}”: "
                                            f"once within {year}",)))
                break
    return found


def peaks(clause: str, commemorations) -> Found | None:
    """``cao điểm vào dịp ...``: the commemorations named or dated in the clause.

    A day/month matches a solar commemoration on that date; a name matches its aliases.
    "Ngày lễ lớn của đất nước" with no list means the great holidays of Decree 145/2013
    Art. 4; local days ("của địa phương", "của tỉnh") cannot be named from the text."""
    if not RE_PEAK.search(clause):
        return None
    start = RE_PEAK.search(clause).start()
    text = clause[start:]
    lowered = text.lower()
    ids: list[str] = []
    reasons: list[str] = []
    for item in commemorations:
        if item.scope:
            continue
        names = [a for a in item.aliases if a.lower() in lowered]
        dated = (not item.is_lunar and re.search(rf"(?<![\d/]){item.day:02d}/{item.month}(?![\d/])|"
                                                 rf"(?<![\d/]){item.day}/{item.month}(?![\d/])", text))
        if names or dated:
            ids.append(item.id)
            reasons.append(f"{item.id}: " + (f"“{names[0]}”" if names else f"“{dated.group(0)}”"))
    todo: list[str] = []
    if not ids and re.search(r"ngày lễ lớn", lowered):
        ids = [c.id for c in commemorations if c.great_holiday and not c.scope]
        reasons.append("“ngày lễ lớn” without a list: the great holidays of Decree 145/2013/NĐ-CP Art. 4")
    if re.search(r"của (địa phương|tỉnh|thành phố|đơn vị)", lowered):
        todo.append("schedule.around (local days)")
        reasons.append("local days are mentioned: add their ids from calendars/local/")
    if not ids:
        return Found({"type": "TODO"}, confidence=0.3, reasons=("a peak without any day named",),
                     todo=("schedule",))
    confidence = 0.8 if todo else 0.85
    return Found({"type": "peaks", "around": ids, "days_before": 14, "days_after": 0}, confidence=confidence,
                 reasons=tuple(reasons) + ("window: two weeks before the day (days_before = 14), a default to review",),
                 todo=tuple(todo))
