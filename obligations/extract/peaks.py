"""``cao điểm vào dịp ...``: a peak of activity around the commemorations named or dated.

A day/month matches a solar commemoration on that date; a name matches its aliases.
"Ngày lễ lớn của đất nước" with no list means the great holidays of Decree 145/2013
Art. 4; local days ("của địa phương", "của tỉnh") cannot be named from the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from .found import Found, todo

RE_PEAK = re.compile(r"cao điểm", re.IGNORECASE)
_LOCAL = re.compile(r"của (địa phương|tỉnh|thành phố|đơn vị)", re.IGNORECASE)


class Commemoration(Protocol):
    """What a peak needs of a commemoration (calendar_data.Commemoration has it)."""

    @property
    def id(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...
    @property
    def scope(self) -> tuple[str, ...]: ...
    @property
    def is_lunar(self) -> bool: ...
    @property
    def day(self) -> int: ...
    @property
    def month(self) -> int: ...
    @property
    def great_holiday(self) -> bool: ...


# The same words as the hand-written rule files: the width is ours, and the output must say so.
PEAK_WIDTH_ASSUMED = "Văn bản không nêu độ dài đợt cao điểm: lấy 14 ngày trước ngày kỷ niệm"
PEAK_WIDTH_ASSUMED_EN = ("The text gives no width for a peak: its window is taken as the 14 days up to the day "
                         "(days_before = 14, days_after = 0).")

def peaks(clause: str, commemorations: Iterable[Commemoration]) -> Found | None:
    peak = RE_PEAK.search(clause)
    if not peak:
        return None
    text = clause[peak.start():]
    lowered = text.lower()
    known = list(commemorations)
    ids: list[str] = []
    reasons: list[str] = []
    words: list[str] = []
    for item in known:
        if item.scope:
            continue
        names = [a for a in item.aliases if a.lower() in lowered]
        dated = None if item.is_lunar else re.search(
            rf"(?<![\d/]){item.day:02d}/{item.month}(?![\d/])|(?<![\d/]){item.day}/{item.month}(?![\d/])", text)
        if names or dated:
            ids.append(item.id)
            said = names[0] if names else dated.group(0) if dated else ""
            words.append(said)
            reasons.append(f"{item.id}: “{said}”")
    todos: list[str] = []
    if not ids and re.search(r"ngày lễ lớn", lowered):
        ids = [c.id for c in known if c.great_holiday and not c.scope]
        words.append("ngày lễ lớn")
        reasons.append("“ngày lễ lớn” without a list: the great holidays of Decree 145/2013/NĐ-CP Art. 4")
    if _LOCAL.search(lowered):
        todos.append("schedule.around (local days)")
        reasons.append("local days are mentioned: add their ids from calendars/local/")
    if not ids:
        return todo(peak.group(0), "a peak without any day named", peak.start(), peak.end())
    reasons.append("window: two weeks before the day (days_before = 14), a default to review")
    return Found({"every": "peaks", "around": ids, "days_before": 14, "days_after": 0},
                 "cao điểm … " + "; ".join(words), "; ".join(reasons), peak.start(), len(clause),
                 confidence=0.8 if todos else 0.85, todo=tuple(todos), assumed=(PEAK_WIDTH_ASSUMED,),
                 assumed_en=(PEAK_WIDTH_ASSUMED_EN,))
