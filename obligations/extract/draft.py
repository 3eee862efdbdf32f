"""From a directive's paragraphs to a draft rule file (a dict in the rule-file format).

Each drafted duty keeps the sentence it comes from, its section, its schedule in the
spec's form (or ``"TODO"`` with the phrase and the reason), who performs it and for whom
where the text says so, a confidence, and ``draft.decided_by``: the words that decided
each field, so that a reviewer checks a duty against the text in one look.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from . import grammar
from .clauses import clauses, who
from .found import Found
from .header import TODO, slug
from .peaks import RE_PEAK, Commemoration, peaks
from .text import Paragraph

_KINDS = [
    ("review", re.compile(r"sơ kết|tổng kết", re.IGNORECASE)),
    ("plan", re.compile(r"kế hoạch[^;]{0,80}ban hành|ban hành[^;]{0,80}kế hoạch|xây dựng kế hoạch", re.IGNORECASE)),
    ("report", re.compile(r"báo cáo", re.IGNORECASE)),
    ("publication", re.compile(r"bản tin|thông tin nội bộ|sổ tay|tuyên truyền|đăng tải|phát hành", re.IGNORECASE)),
    ("activity", re.compile(r"sinh hoạt|triển khai|tổ chức|giới thiệu|học tập", re.IGNORECASE)),
]
_SKIP = ("Thực hiện", "Nơi nhận", "Kính gửi")


def _kind(clause: str) -> tuple[str, str]:
    focus = clause.rsplit(":", 1)[-1]
    for name, pattern in _KINDS:
        match = pattern.search(focus)
        if match:
            return name, match.group(0)
    return "activity", ""


def found_in(clause: str, commemorations: Iterable[Commemoration], issued: dt.date | None) -> list[Found]:
    """The schedules of one clause: deadlines, recurrences, and peaks."""
    found = grammar.schedules(clause, issued) if not RE_PEAK.search(clause) else []
    peak = peaks(clause, commemorations)
    if peak:
        found.append(peak)
    return found


def duties(paragraphs: list[Paragraph], commemorations: Iterable[Commemoration], issued: dt.date | None,
           earliest: dt.date | None) -> list[dict[str, Any]]:
    known = list(commemorations)
    result: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for paragraph in paragraphs:
        if paragraph.text.startswith(_SKIP):
            continue
        for clause in clauses(paragraph):
            found = found_in(clause.text, known, issued)
            if found:
                context = _Context(paragraph, clause.text, clause.sentence)
                result += [_duty(context, item, earliest, seen) for item in found]
    return result


# A "clause" longer than this is text without punctuation, not a sentence: each duty
# quotes the words around its phrase instead, so the draft stays linear in the text.
_LONGEST_SOURCE = 1200


class _Context:
    """What is read once per clause, whatever the number of duties in it."""

    def __init__(self, paragraph: Paragraph, clause: str, sentence: str) -> None:
        self.paragraph = paragraph
        self.clause = clause
        self.sentence = sentence if len(sentence) <= _LONGEST_SOURCE else clause
        self.kind, self.kind_words = _kind(clause[-_LONGEST_SOURCE:])
        self.people = who(paragraph, clause if len(clause) <= _LONGEST_SOURCE else clause[:_LONGEST_SOURCE])
        words = clause[:400].split()
        self.title = " ".join(words[:14]) + (" …" if len(words) > 14 else "")

    def source(self, found: Found) -> str:
        if len(self.clause) <= _LONGEST_SOURCE:
            return self.clause
        lo, hi = max(0, found.start - 200), min(len(self.clause), found.end + 200)
        return ("… " if lo else "") + self.clause[lo:hi] + (" …" if hi < len(self.clause) else "")


def _valid(found: Found, schedule: dict[str, Any] | None, earliest: dt.date | None,
           todo: list[str]) -> dict[str, Any]:
    valid: dict[str, Any] = {}
    valid_from = found.valid_from or earliest
    if found.inferred_from and earliest and found.valid_from and found.valid_from.year == earliest.year \
            and found.valid_from < earliest:
        valid_from = earliest   # "trong năm 2023" cannot oblige before the directive exists
    if schedule is not None and schedule.get("every") == "once" and earliest and isinstance(schedule.get("start"),
                                                                                        dt.date):
        if schedule["start"] < earliest <= schedule["date"] and found.inferred_start:
            schedule["start"] = earliest     # a publication "năm 2023" starts with the directive
    if valid_from is None:
        todo.append("valid.from")
        valid["from"] = TODO
    else:
        valid["from"] = valid_from
    if found.valid_until:
        valid["until"] = found.valid_until
    return valid


def _last_allowed(found: Found) -> dt.date | None:
    if found.last_allowed:
        return found.last_allowed
    table = found.schedule or {}
    date = table.get("date")
    if table.get("every") == "once" and isinstance(date, dt.date):
        return date if table.get("inclusive", True) else date - dt.timedelta(days=1)
    return None


def _duty(context: _Context, found: Found, earliest: dt.date | None, seen: dict[str, int]) -> dict[str, Any]:
    paragraph, clause = context.paragraph, context.source(found)
    kind, kind_words = context.kind, context.kind_words
    schedule = dict(found.schedule) if found.schedule is not None else None
    if schedule is not None and schedule.get("every") == "peaks":
        kind = "publication" if re.search(r"tuyên truyền", clause, re.IGNORECASE) else "activity"
        kind_words = "tuyên truyền" if kind == "publication" else "cao điểm"
    people = context.people
    flags = list(found.flags)
    last = _last_allowed(found)
    if earliest and last and last < earliest:
        flags.append(f"the date is before the directive's own date ({earliest:%d/%m/%Y}): a reference, not a duty?")
    todo = list(found.todo)
    valid = _valid(found, schedule, earliest, todo)
    if people.performers is None:
        todo.append("performers")
    todo.append("title_en")
    if not paragraph.section:
        todo.insert(0, "section")
    base = slug(f"{kind}-{paragraph.section or 'x'}").lower()
    seen[base] = seen.get(base, 0) + 1
    confidence = found.confidence - 0.05 * len([t for t in todo if t != "title_en"]) - 0.3 * bool(flags)
    decided_by = {"schedule": found.phrase, "kind": kind_words, "performers": people.performers_words,
                  "recipient": people.recipient_words}
    if found.period_words:
        decided_by["period"] = found.period_words
    reasons = [found.reason,
               f"kind from “{kind_words}”" if kind_words else "kind not stated: activity assumed",
               f"performers from “{people.performers_words}”" if people.performers else
               "who must do it is not stated near the duty",
               f"recipient from “{people.recipient_words}”" if people.recipient_words else
               "recipient not stated: the issuer assumed"]
    duty: dict[str, Any] = {
        "id": f"{base}-{seen[base]}",
        "section": paragraph.section or TODO,
        "source": clause,
        "kind": kind,
        "title_vi": context.title,
        "title_en": TODO,
        "performers": TODO if people.performers is None else list(people.performers),
        "recipient": people.recipient,
        "schedule": TODO if schedule is None else schedule,
        "valid": valid,
    }
    if people.body:
        duty["body"] = people.body
    if found.assumed:
        duty["assumed"] = list(found.assumed)
    draft: dict[str, Any] = {"confidence": round(max(confidence, 0.05), 2), "reason": "; ".join(reasons),
                             "decided_by": {k: v for k, v in decided_by.items() if v},
                             "todo": todo, "flags": flags}
    if context.sentence != clause:
        draft["sentence"] = context.sentence
    if found.event_date:
        draft["event_date"] = found.event_date
    if schedule is None:
        draft["schedule_todo"] = f"“{found.phrase}”: {found.reason}"
    duty["draft"] = draft
    return duty
