"""What a deadline phrase of a whole document is, when it is not a duty with that deadline: the
rules found on the released held-out parts (letters, notices, reports: an earlier instruction
recalled, what was done, a figure counted to a day, a target, a forecast, an onward report); a
point's count from its lead-in's event; an aim given again as a task. draft.py asks here."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import attrs

from .found import Found, todo
from .text import Paragraph

# "Chủ tịch … đã chỉ đạo …", "đã yêu cầu": what an earlier text asked, recalled
# (or anything said done: "Hội nghị đã được tổ chức vào ngày 05/11/2025"), with a day already past
_RECALLED = re.compile(r"(?<!\w)đã\s+(?!quá\s+hạn)", re.IGNORECASE)
# "mục tiêu đến hết năm 2025", "mục tiêu đến năm 2030 là": a target's horizon (not after a verb that
# asks to reach it: "hoàn thành mục tiêu trước ngày …" is a duty)
_TARGET_BEFORE = re.compile(r"(?<!\w)mục\s+tiêu\s+(?:(?:là|đến|tới)\s+)?$", re.IGNORECASE)
_REACH = re.compile(r"(?:hoàn\s+thành|đạt|thực\s+hiện)(?:\s+(?:các|những|bằng\s+được))?\s*$", re.IGNORECASE)
_QUANTITY_BEFORE = re.compile(r"\d[\d.,]*\s*(?:km|m2|m²|ha|%|MW|tấn|căn|công\s+trình|dự\s+án)\s*$", re.IGNORECASE)
_ASKED_EARLIER = re.compile(r"(?<!\w)đã\s+(?:có\s+(?:văn\s+bản\s+)?)?(?:chỉ\s+đạo|yêu\s+cầu|đề\s+nghị)(?!\w)",
                            re.IGNORECASE)
_ONWARD = re.compile(r"(?<!\w)để\s+(?:tổng\s+hợp|báo\s+cáo|trình)(?!\w)", re.IGNORECASE)
_AS_OF = re.compile(r"(?<!\w)(?:tính|cập\s+nhật)\s*$", re.IGNORECASE)
# what was done: "…, Sở Nội vụ đã kiểm tra …" right after the period (not "đã đề ra", "đã được giao")
_DONE = re.compile(r"\s*,?\s*[^;.,]{0,60}?(?<!\w)đã\s+(?!được\s+giao|đề\s+ra|nêu|quy\s+định)", re.IGNORECASE)
_ASKED = re.compile(r"(?<!\w)(?:yêu\s+cầu|đề\s+nghị|giao|phải|cần|khẩn\s+trương|tiếp\s+tục|chỉ\s+đạo|chủ\s+trì)(?!\w)",
                    re.IGNORECASE)
_REACHED = re.compile(r"[^;.]{0,80}?(?<!\w)đạt\s+(?:(?:tỷ\s+lệ|mức)\s+)?(?:(?:trên|tối\s+thiểu|ít\s+nhất)\s+)?"
                      r"\d[\d.,]*\s*%", re.IGNORECASE)
_FORECAST = re.compile(r"(?<!\w)(?:tin\s+tưởng|kỳ\s+vọng|dự\s+báo)(?!\w)", re.IGNORECASE)


def verdict(item: Found, clause: str, earliest: dt.date | None, last: dt.date | None,
            before: Found | None) -> str | Found | None:
    """None: the item stays; a reason: it is not a duty (listed as not drafted); a Found: the TODO it
    becomes (``before``: the phrase kept before it in the clause)."""
    if earliest and last and last < earliest and _RECALLED.search(clause, 0, item.start):
        # "… đã chỉ đạo các cơ quan … hoàn thành … trước ngày 30/10/2025": an earlier instruction
        # recalled, its deadline past when this directive was issued
        return ("an earlier instruction or event, recalled (“đã …”) and past when this directive was issued: "
                "not a duty of this directive")
    if item.schedule is not None and _ASKED_EARLIER.search(clause, 0, item.start):
        # "Bộ Tài chính đã đề nghị các địa phương gửi báo cáo trước ngày 05/12/2025": a request
        # recalled, still running; whether this directive asks it again is for a person to say
        return todo(item.phrase, "a deadline an earlier request set (“đã đề nghị …”), recalled: is it a "
                                 "duty this directive asks?", item.start, item.end)
    target = _TARGET_BEFORE.search(clause, max(0, item.start - 40), item.start)
    if target and not _REACH.search(clause, max(0, target.start() - 24), target.start()):
        # "bảo đảm mục tiêu đến hết năm 2025 cả nước có khoảng 1.700 km …": the target's horizon
        return "the horizon of a target, not a deadline"
    if item.weak and _QUANTITY_BEFORE.search(clause, max(0, item.start - 40), item.start):
        # "hoàn thành 5.000 km vào năm 2030": a quantity to reach by a year, a target
        return "a quantity to reach by a year: a target, not a deadline"
    if _AS_OF.search(clause, max(0, item.start - 16), item.start):
        # "Tính đến ngày 30/9/2025, toàn tỉnh có 120 hồ sơ …": the day a count is made, not a deadline
        return "the day a figure is counted to (“tính đến”), not a deadline"
    if _window(item) and _DONE.match(clause, item.end) and not _ASKED.search(clause):
        # "Trong tháng 10/2025, Sở Nội vụ đã kiểm tra 15 đơn vị": what was done then, nobody is asked
        return "what was done in that period (“đã …”), not a duty"
    if item.phrase[:3].lower() in ("đến", "tới") and _REACHED.search(clause, item.end):
        # "Đến ngày 31/12/2025, các xã đạt 100% chỉ tiêu": a target to reach by then
        return "a share to reach by then: a target, not a deadline"
    if _FORECAST.search(clause, 0, item.start):
        # "chúng ta có cơ sở để tin tưởng trong năm 2025 sẽ hoàn thành …": a forecast, nobody is asked
        return "a forecast or a hope, not a duty"
    if before is not None and before.schedule is not None and item.schedule is not None \
            and _ONWARD.search(clause, before.end, item.start):
        # "Các sở báo cáo trước ngày 15/11/2025 để tổng hợp, báo cáo Bộ Nội vụ trước ngày 30/11/2025":
        # the second day is the onward report of whoever collects, not the performers'
        return todo(item.phrase, "the onward deadline of whoever collects (“để tổng hợp, báo cáo …”), "
                                 "not the performers': whose duty is it?", item.start, item.end)
    return None


def _window(item: Found) -> bool:
    """A period the duty is done within (a year, a quarter, a month: a start and a last day)."""
    table = item.schedule or {}
    return table.get("every") == "once" and isinstance(table.get("start"), dt.date)


_LEAD_EVENT = re.compile(r"(?:kể\s+từ\s+(?:khi|ngày)|sau\s+khi)\s+[^:;]{3,120}:\s*$", re.IGNORECASE)


def from_lead_in(paragraphs: list[Paragraph], number: int, clause: str, found: list[Found],
                 read: Callable[[str], list[Found]]) -> list[Found]:
    """"Thời hạn thẩm định … kể từ khi nhận đủ hồ sơ hợp pháp như sau:" over "a) Không quá 30 ngày
    đối với …": a point's count with nothing to count from in its own words counts from the event
    its lead-in names."""
    section = paragraphs[number].section
    parent = section.rsplit(".", 1)[0] if "." in section else ""
    for j in range(number - 1, max(-1, number - 12), -1):
        above = paragraphs[j]
        if above.section == parent or not above.section.startswith(parent + "."):
            lead = above.text.rstrip()
            if above.section != parent or not _LEAD_EVENT.search(lead[-200:]):
                return found
            shift = len(lead) + 1
            again = [attrs.evolve(f, start=f.start - shift, end=f.end - shift)
                     for f in read(f"{lead} {clause}") if f.start >= shift]
            return again if again and all(f.schedule is not None for f in again) else found
    return found


_AIM = re.compile(r"(?:^\s*Để\s|phấn\s+đấu)", re.IGNORECASE)


def without_restated_aims(result: list[dict[str, Any]],
                          rejected: list[tuple[tuple[int, int], str, str]]) -> list[dict[str, Any]]:
    """"Để …, phấn đấu hoàn thành trước ngày 30/11/2025 …, yêu cầu Bộ Y tế: … hoàn thành việc xây
    dựng trước ngày 30/11/2025": the aim of a passage, given again as a task in the same item, is one
    duty (the task's); the aim is listed."""
    kept: list[dict[str, Any]] = []
    for i, duty in enumerate(result):
        schedule, source = duty["schedule"], str(duty["source"])
        phrase = str(duty["draft"]["decided_by"].get("schedule", ""))
        at = source.find(phrase) if phrase else -1
        if isinstance(schedule, dict) and at >= 0 and _AIM.search(source[:at]) and any(
                later["schedule"] == schedule and later["source"] != source
                and str(later["section"]).startswith(str(duty["section"])) for later in result[i + 1:]):
            rejected.append((duty["draft"]["paragraph"], phrase, "an aim given again as a task below: drafted there"))
            continue
        kept.append(duty)
    return kept
