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

from . import aside, doc_forms, grammar
from .clauses import Clause, lead_body, who
from .labels import Spans, as_deadline, cell_as_deadline, is_label, lead_period
from .found import Found
from .header import TODO, slug
from .peaks import RE_PEAK, Commemoration, peaks
from .text import Paragraph, is_title

_KINDS = [
    ("review", re.compile(r"sơ kết|tổng kết", re.IGNORECASE)),
    ("plan", re.compile(r"kế hoạch[^;]{0,80}ban hành|ban hành[^;]{0,80}kế hoạch|xây dựng kế hoạch", re.IGNORECASE)),
    ("report", re.compile(r"báo cáo|tổng hợp[^;]{0,60}(?:gửi|trình|báo)|(?<!\w)gửi\s+(?:về\s+)?(?:Ban|Sở|Bộ|Văn phòng|"
                          r"Ủy ban|UBND|Thường trực|Tỉnh ủy|Huyện ủy|Thành ủy|Đảng ủy|cấp trên)", re.IGNORECASE)),
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


# Every reading of the grammar starts from one of these (a digit, a deadline word, a recurrence, a
# peak): a clause with none has no schedule, and most clauses of a document have none.
_ANY_TIME = re.compile(r"(?=[\dnNhHtTqQsSmMđĐlLcC])(?:\d|nhất|hạn|trước\s+(?:ngày|hoặc)|hơn|tuần|quý|quí|sáu\s+tháng|"
                       r"ngày\s+thứ|hằng|hàng|mỗi|định\s*kỳ|lần|cao\s+điểm)", re.IGNORECASE)


def found_in(clause: str, commemorations: Iterable[Commemoration], issued: dt.date | None) -> list[Found]:
    """The schedules of one clause: deadlines, recurrences, and peaks."""
    if not may_have_time(clause):
        return []
    return read_schedules(clause, commemorations, issued)


# "cao điểm" naming a document ("Kế hoạch cao điểm …"): what is asked is the document
_NAMED_PLAN = re.compile(r"(?:kế\s+hoạch|chương\s+trình|phương\s+án)\s+cao\s+điểm", re.IGNORECASE)


def may_have_time(clause: str) -> bool:
    return bool(_ANY_TIME.search(clause))


def read_schedules(clause: str, commemorations: Iterable[Commemoration], issued: dt.date | None) -> list[Found]:
    """found_in without the prefilter (tests check the prefilter loses nothing)."""
    if not RE_PEAK.search(clause):
        return grammar.schedules(clause, issued)
    peak = peaks(clause, commemorations)
    if peak is not None and (peak.schedule is None or _NAMED_PLAN.search(clause)):
        # "Cao điểm tập trung trong 10 ngày làm việc (từ ngày 20/11/2025 đến ngày 03/12/2025)": a
        # campaign's peak with its own days, around no commemoration: the days are its deadline;
        # "Hoàn thiện Kế hoạch cao điểm … dịp Tết …; báo cáo … trước ngày 30 tháng 11 năm 2025": the
        # peak names the plan to write, and the day stated is the deadline of writing it
        stated = [f for f in grammar.schedules(clause, issued) if f.schedule is not None]
        if stated:
            return stated
    return [peak] if peak else []


def duties(paragraphs: list[Paragraph], commemorations: Iterable[Commemoration], issued: dt.date | None,
           earliest: dt.date | None, rejected: list[tuple[tuple[int, int], str, str]],
           split: list[list[Clause]], tasks: dict[int, tuple[str, str | None]]) -> list[dict[str, Any]]:
    """The drafted duties of the paragraphs (``split``: their clauses; ``tasks``: labels.label_tasks);
    ``rejected`` receives ((paragraph, clause), phrase, reason) for each deadline phrase read and
    then set aside (listed as not drafted)."""
    known = list(commemorations)
    result: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, paragraph in enumerate(paragraphs):
        if paragraph.text.startswith(_SKIP):
            continue
        if paragraph.row:
            result += _row_duties(number, paragraph, known, issued, earliest, seen)
            continue
        parts = split[number]
        if any(_TARGET.search(h) for h in paragraph.headings[-2:]) or _SHARE.search(paragraph.text[:200]):
            # "Mục tiêu cụ thể … Đến hết năm 2025: Có ≥ 30% doanh nghiệp …": a target, not a duty
            rejected += [((number, i), c.text, "a target to reach, not a duty with a deadline")
                         for i, c in enumerate(parts)]
            continue
        # the task a label ("Thời gian hoàn thành: Quý I/2026") dates: the paragraph's other words, or
        # for a paragraph of labels alone ("- Thời gian hoàn thành: …", "- Đơn vị chủ trì: …") the task above
        task, lead = tasks.get(number, ("", None))
        title = is_title(paragraphs, number)
        for index, clause in enumerate(parts):
            label = is_label(clause.text)
            led = None if label else lead_period(clause.text)
            found = found_in(as_deadline(clause.text) if label else led or clause.text, known, issued)
            found = doc_forms.each_month(found, clause.sentence)
            if any(f.schedule is None and f.reason.endswith("counted from what?") for f in found):
                found = aside.from_lead_in(paragraphs, number, clause.text, found,
                                           lambda text: found_in(text, known, issued))
            found = _keep(found, earliest, clause.text, (number, index), rejected, title)
            if not found:
                continue        # no duty: the context (who, what kind) is not read
            for own, body in (_each_task(parts, task, lead) if label else [("", None)]):
                context = _Context(paragraph, clause.text, clause.sentence, own, body)
                result += [_duty(context, item, earliest, seen, (number, index)) for item in found]
    return aside.without_restated_aims(result, rejected)


def _coordinates(body: str, sentence: str) -> bool:
    """"Sở Tài chính phối hợp …": a body that helps the task above, not one with a task of its own."""
    return bool(re.search(re.escape(body) + r"\s*,?\s*(?:phối\s+hợp|tham\s+gia|hỗ\s+trợ)", " ".join(sentence.split()),
                          re.IGNORECASE))


def _each_task(parts: list[Clause], task: str, lead: str | None) -> list[tuple[str, str | None]]:
    """The tasks a closing label dates: the paragraph's task, or, when its sentences after the first
    each open with a body of their own that leads its task ("Các bộ … hoàn thành việc cập nhật … .
    UBND thành phố Đà Nẵng khẩn trương hoàn thành việc rà soát … . Thời hạn hoàn thành: trước ngày
    30/11/2025."), one task per sentence, each with its body."""
    sentences = list(dict.fromkeys(c.sentence for c in parts if not is_label(c.text)))
    if lead or len(sentences) < 2:
        return [(task, lead)]
    bodies = [lead_body(s) for s in sentences[1:]]
    first = lead_body(sentences[0])
    if any(b is None or b == first or _coordinates(b, s) for b, s in zip(bodies, sentences[1:])) \
            or len(set(bodies)) < len(bodies):
        return [(task, lead)]
    return [(sentences[0].strip(" ."), first)] + [(s.strip(" ."), b) for s, b in zip(sentences[1:], bodies)]


# A stated day this long before the directive's own date is a condition ("có hộ khẩu thường trú
# trước ngày 15/6/2013") or a reference, not something to do by then.
_LONG_BEFORE = dt.timedelta(days=60)
# "báo cáo kết quả thực hiện … trong năm 2014": the year reported on, not a deadline
_REPORTED_ON = re.compile(r"(?:báo\s+cáo|đánh\s+giá|tổng\s+kết|sơ\s+kết)\s+(?:kết\s+quả|tình\s+hình)[^;]{0,80}$",
                          re.IGNORECASE)


# "trong năm 2025 và chuyển sang năm 2026"; "thực hiện trong năm 2014 và số lượng sẽ thực hiện năm
# tiếp theo": the work split between a year and the next, not a deadline
_CARRIED_OVER = re.compile(r"\s*,?\s*(?:và|hoặc)\s+(?:(?:số\s+lượng|phần\s+còn\s+lại)\s+)?(?:được\s+|sẽ\s+)?"
                           r"(?:(?:chuyển(?:\s+tiếp)?|kéo\s+dài)\s+(?:sang|qua)\s+(?:năm|giai\s+đoạn|kỳ)"
                           r"|(?:được\s+)?thực\s+hiện\s+(?:trong\s+|vào\s+)?năm\s+(?:tiếp\s+theo|sau|kế\s+tiếp))",
                           re.IGNORECASE)
_TARGET = re.compile(r"^\s*(?:các\s+)?mục\s+tiêu(?!\s*,?\s*nhiệm\s+vụ)", re.IGNORECASE)
_SHARE = re.compile(r"[≥≤]\s*\d|\d\s*%\s+(?:số\s+)?(?:doanh|hộ|người|xã|đơn\s+vị|cơ\s+sở|hồ\s+sơ|dân\s+số)", re.IGNORECASE)
_SCOPE = re.compile(r"(?:đối\s+với|không\s+có\s+khả\s+năng|bố\s+trí\s+(?:vốn|kinh\s+phí|ngân\s+sách|nguồn)|dự\s+toán|nguồn\s+vốn)[^;]*$",
                    re.IGNORECASE)


def _keep(found: list[Found], earliest: dt.date | None, clause: str, place: tuple[int, int],
          rejected: list[tuple[tuple[int, int], str, str]], title: bool = False) -> list[Found]:
    kept: list[Found] = []
    for item in found:
        if title and _whole_years(item):
            # "II. KẾ HOẠCH TRIỂN KHAI TRONG NĂM 2026", "III. TỪ NAY ĐẾN NĂM 2027" over their items
            rejected.append((place, item.phrase, "in a heading: the items under it carry the duties"))
            continue
        last = _last_allowed(item)
        if earliest and last and last < earliest - _LONG_BEFORE:
            rejected.append((place, item.phrase, f"a day long before the directive's own date ({earliest:%d/%m/%Y}): "
                                                 "a condition or a reference, not a deadline"))
            continue
        start = (item.schedule or {}).get("start")
        if earliest and last and isinstance(start, dt.date) and last < earliest:
            # "Từ ngày 08 đến ngày 09 tháng 11 năm 2025 tại Thanh Hóa, Thủ tướng … đã …": a span
            # wholly before the directive: what happened, not something to do
            rejected.append((place, item.phrase, f"a span before the directive's own date ({earliest:%d/%m/%Y}): "
                                                 "what happened, not a duty"))
            continue
        verdict = aside.verdict(item, clause, earliest, last, kept[-1] if kept else None)
        if isinstance(verdict, str):
            rejected.append((place, item.phrase, verdict))
            continue
        if verdict is not None:
            kept.append(verdict)
            continue
        if item.weak and _REPORTED_ON.search(clause, 0, item.start):
            rejected.append((place, item.phrase, "the year a report covers, not its deadline"))
            continue
        if item.weak and _CARRIED_OVER.match(clause, item.end):
            # "tiếp tục được xử lý trong năm 2025 và chuyển sang năm 2026": the work goes on
            rejected.append((place, item.phrase, "carried over into the next year: the work goes on, not a deadline"))
            continue
        if item.weak and _SCOPE.search(clause, max(0, item.start - 80), item.start):
            # "Đối với các nhiệm vụ triển khai trong năm 2025, …", "bố trí vốn … trong năm 2014"
            rejected.append((place, item.phrase, "the year a scope or a budget is for, not a deadline"))
            continue
        kept.append(item)
    return kept


def _whole_years(item: Found) -> bool:
    """A year or a span of whole years ("trong năm 2026", "từ năm 2025 đến hết năm 2030"), or a
    window whose start is not read ("từ nay đến năm 2027"): what a heading's words give."""
    table = item.schedule
    if table is None:
        return item.reason.startswith("a window")
    start, date = table.get("start"), table.get("date")
    return item.weak or (table.get("every") == "once" and isinstance(start, dt.date) and isinstance(date, dt.date)
                         and (start.month, start.day, date.month, date.day) == (1, 1, 12, 31))


def _row_duties(number: int, paragraph: Paragraph, known: list[Commemoration], issued: dt.date | None,
                earliest: dt.date | None, seen: dict[str, int]) -> list[dict[str, Any]]:
    """A row of a task table: the task from its content column, the body from "Cơ quan chủ trì",
    the deadline from its time column."""
    row = dict(paragraph.row)
    deadline, content = row.get("deadline", ""), row.get("content", "") or paragraph.text
    if not deadline.strip() or row.get("catalogue"):
        return []           # a catalogue's processing time is listed as not drafted, with why
    spans: Spans = "all" if row.get("completion") else "short" if row.get("carried") else "none"
    found = doc_forms.each_month(found_in(cell_as_deadline(deadline, spans=spans), known, issued), paragraph.text)
    context = _Context(paragraph, paragraph.text, paragraph.text, content, row.get("lead") or None)
    return [_duty(context, item, earliest, seen, (number, -1)) for item in found]


# A "clause" longer than this is text without punctuation, not a sentence: each duty
# quotes the words around its phrase instead, so the draft stays linear in the text.
_LONGEST_SOURCE = 1200


class _Context:
    """What is read once per clause, whatever the number of duties in it."""

    def __init__(self, paragraph: Paragraph, clause: str, sentence: str, task: str = "",
                 body: str | None = None) -> None:
        self.paragraph = paragraph
        self.clause = clause
        self.sentence = sentence if len(sentence) <= _LONGEST_SOURCE else clause
        if task and task not in self.sentence:
            self.sentence = f"{task} {clause}" if len(task) + len(clause) < _LONGEST_SOURCE else self.sentence
        what = (task or clause)[-_LONGEST_SOURCE:]
        self.kind, self.kind_words = _kind(what)
        self.people = who(paragraph, what if len(what) <= _LONGEST_SOURCE else what[:_LONGEST_SOURCE], body)
        words = (task or clause)[:400].split()
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


def _duty(context: _Context, found: Found, earliest: dt.date | None, seen: dict[str, int],
          place: tuple[int, int]) -> dict[str, Any]:
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
    if not paragraph.section:
        todo.insert(0, "section")
    base = slug(f"{kind}-{paragraph.section or 'x'}").lower()
    seen[base] = seen.get(base, 0) + 1
    confidence = found.confidence - 0.05 * len(todo) - 0.3 * bool(flags)
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
        "performers": TODO if people.performers is None else list(people.performers),
        "recipient": people.recipient,
        "schedule": TODO if schedule is None else schedule,
        "valid": valid,
    }
    if people.body:
        duty["body"] = people.body
    if found.assumed:
        duty["assumed"] = list(found.assumed)
    if found.assumed_en:
        duty["assumed_en"] = list(found.assumed_en)
    draft: dict[str, Any] = {"confidence": round(max(confidence, 0.05), 2), "reason": "; ".join(reasons),
                             "decided_by": {k: v for k, v in decided_by.items() if v},
                             "todo": todo, "flags": flags, "paragraph": place}
    if context.sentence != clause:
        draft["sentence"] = context.sentence
    if found.event_date:
        draft["event_date"] = found.event_date
    if schedule is None:
        draft["schedule_todo"] = f"“{found.phrase}”: {found.reason}"
    duty["draft"] = draft
    return duty
