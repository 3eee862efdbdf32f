"""The dated and recurring phrases seen in the body and not drafted, each with its section and the
reason: nothing the extractor read is lost without a word.

A phrase counts as drafted when a duty of its paragraph quotes it (its schedule words) or
when the duty's clause holds it. What is left is listed in the draft's ``[[not_drafted]]``
(which ``check`` ignores), one entry per clause, with the reason of its first phrase.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .clauses import Clause
from .frame import Frame
from .labels import is_label
from .scan import begins_with
from .text import Paragraph, is_title

I = re.IGNORECASE
_EVERY = r"(?:hằng|hàng|mỗi)"
_PHRASE = re.compile(
    # every alternative begins a word with one of these letters: most positions of a text (inside a
    # word, or another letter) fail here at once
    r"(?<!\w)(?=[\dnNtTqQhHmMđĐkKgGcCsSaA])(?:"
    r"(?<![\w/.\-])\d{1,2}\s*[/\-]\s*\d{1,2}(?:\s*[/\-]\s*\d{4})?(?![\w/])"
    r"|(?<![\w/.\-])\d{1,2}\.\d{1,2}\.\d{4}(?!\d)"
    r"|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?"
    r"|tháng\s+\d{1,2}(?:\s*[/\-]\s*\d{4}|\s+năm\s+\d{4})?"
    r"|(?:quý|quí)\s+(?:[IV]{1,3}|[1-4])(?![\w])(?:\s*[/\-]\s*\d{4}|\s+năm\s+\d{4})?"
    r"|(?:06|6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm"
    rf"|{_EVERY}\s+(?:ngày|tuần|tháng|quý|quí|năm)(?!\s+\d)|định\s+kỳ"
    r"|năm\s+(?:20|19)\d{2}(?!\d)"
    r"|\d{1,3}\s+ngày(?:\s+làm\s+việc)?|\d{1,3}\s+giờ"
    # time words with no date: seen, so listed (a duty "ngay", "thường xuyên" has no deadline to draft)
    r"|thường\s+xuyên|(?<!\w)ngay(?!\s+(?:cả|từ|tại|trong\s+quá|thẳng))(?!\w)|kịp\s+thời|khi\s+có\s+phát\s+sinh"
    r"|(?:đầu|giữa|cuối)\s+(?:tháng|quý|quí|năm|kỳ|nhiệm\s+kỳ)|năm\s+thứ\s+(?:nhất|hai|ba|tư|năm|\d)"
    r"|(?:trước|sau)\s+khi|(?:tháng|quý|quí|năm|kỳ)\s+(?:liền\s+)?(?:sau|tiếp\s+theo|kế\s+tiếp|trước)(?!\w)"
    r"|tuần\s+(?:đầu|cuối|thứ|cuối\s+cùng)|theo\s+tiến\s+độ"
    # "as soon as possible" and spans between events ("từ khi triển khai … đến khi kết thúc"):
    # timing with no day, seen, so listed (found on the fifth held-out part, x-, once released)
    r"|sớm\s+(?:hoàn\s+thành|hoàn\s+thiện|ban\s+hành|triển\s+khai|thực\s+hiện|tổ\s+chức|xây\s+dựng|kiện\s+toàn)"
    r"|(?:từ|đến|cho\s+đến)\s+khi(?!\s+có\s+phát\s+sinh)"
    # a duty due at an event the text names but neither dates nor counts from ("báo cáo … khi tổng
    # kết Đợt thi đua"): seen, so listed (found on the eighth held-out part, q-, once released)
    r"|khi\s+(?:tổng\s+kết|sơ\s+kết|kết\s+thúc|bế\s+mạc|khai\s+mạc)"
    # the day of an event the text does not date ("trong ngày bầu cử"): seen, so listed (found on the
    # seventh held-out part, z-, once released)
    r"|ngày\s+(?:bầu\s+cử|bỏ\s+phiếu|khai\s+mạc|bế\s+mạc)(?!\s*,?\s*\d))", I)
# the first letters of its alternatives' words: most word starts fail here (a test checks the list)
_PHRASE = begins_with(_PHRASE, ("\\d", "cho", "cuố", "giữ", "hàn", "hằn", "khi", "kịp", "kỳ", "mỗi", "nga", "ngà", "năm",
                                "quí", "quý", "sau", "sáu", "sớm", "the", "thá", "thư", "trư", "tuầ", "từ", "đầu", "đến",
                                "địn"))
# a word or a digit each alternative of _PHRASE needs (it begins with one of these)
_QUICK = re.compile(r"(?=[\dhHmMđĐtTnNkKgGcCsSqQ])(?:\d|hằng|hàng|mỗi|định\s+kỳ|thường\s+xuyên|ngay|kịp\s+thời|khi\s+có|(?:đầu|giữa|cuối)\s|"
                    r"(?:trước|sau)\s+khi|năm\s+thứ|(?:tháng|quý|quí|năm|kỳ)\s+(?:liền\s+)?(?:sau|tiếp|kế|trước)|tuần|tiến\s+độ|"
                    r"sớm\s|(?:từ|đến|cho\s+đến)\s+khi|khi\s+(?:tổng|sơ|kết|bế|khai)\s|ngày\s+(?:bầu|bỏ|khai|bế)\s)", I)
_CITED = re.compile(r"(?:số|Số)\s+[\w./\-đĐ]+\s*,?\s*(?:ngày|ban\s+hành\s+ngày)?\s*$|"
                    r"(?:Nghị\s+quyết|Kế\s+hoạch|Quyết\s+định|Thông\s+tư|Nghị\s+định|Chỉ\s+thị|Hướng\s+dẫn|"
                    r"Công\s+văn|Luật|Kết\s+luận|Quy\s+định|Chương\s+trình|Thông\s+báo)\s+[\w./\-đĐ]*\s*,?\s*(?:ngày\s*)?$",
                    I)
_REASONS = [
    (re.compile(r"hiệu\s+lực", I), "entry into force, not a deadline of a duty"),
    (re.compile(r"(?:kéo\s+dài|gia\s+hạn)[^.;]{0,40}$", I), "an extension allowed in some cases, not a deadline of its own"),
    (re.compile(r"(?:trợ\s+cấp|phụ\s+cấp|tiền\s+lương|lương|kinh\s+phí|hỗ\s+trợ|thù\s+lao|bồi\s+dưỡng|định\s+mức|"
                r"được\s+hưởng)[^.;]{0,30}$", I), "describes a payment or an allowance, not a duty"),
    (re.compile(r"(?:tiêu\s+chí|xếp\s+loại|thi\s+đua|căn\s+cứ\s+(?:để\s+)?đánh\s+giá)[^.;]{0,40}$", I),
     "a criterion of evaluation, not a duty"),
    (re.compile(r"(?:đến|tới)\s+(?:hết\s+)?$|giai\s+đoạn\s*$|mục\s+tiêu[^.;]{0,80}$|phấn\s+đấu[^.;]{0,80}$", I),
     "a target or a span of years, not a deadline"),
    (re.compile(r"(?:từ|tính\s+từ)\s+(?:ngày\s+)?$|số\s+liệu[^.;]{0,60}$|kỳ\s+báo\s+cáo[^.;]{0,40}$", I),
     "the span a report covers or a start, not a deadline"),
]


_EVENT_DAY = re.compile(r"ngày\s+\D", I)
_AT_EVENT = re.compile(r"khi\s+\w", I)


def _reason(clause: str, start: int, heading: bool) -> str:
    if _EVENT_DAY.match(clause, start):
        return ("on the day of an event the text does not date: an event schedule (offset 0), "
                "if a duty is meant, once the event's day is declared")
    if _AT_EVENT.match(clause, start):
        return ("at an event the text does not date and counts no days from (\u201ckhi tổng kết …\u201d): "
                "a TODO to date once the event's day is known, if a duty is meant")
    before = clause[max(0, start - 80):start]
    if _CITED.search(before):
        return "the date of a cited document"
    for pattern, reason in _REASONS:
        if pattern.search(before) or (reason.startswith("entry") and pattern.search(clause)):
            return reason
    if heading:
        return "in a heading: the items under it carry the duties"
    return "no duty with a deadline was read around it: check whether one is meant"


def _quoted(clause: str, task: str) -> str:
    text = f"{task} — {clause}" if task and task not in clause else clause
    return text if len(text) <= 600 else text[:600] + " …"


def not_drafted(paragraphs: list[Paragraph], drafted: list[dict[str, Any]], frame: Frame,
                lines: list[str], place_word: str,
                rejected: Sequence[tuple[tuple[int, int], str, str]], split: Sequence[Sequence[Clause]],
                tasks: dict[int, tuple[str, str | None]]) -> list[dict[str, Any]]:
    used = {tuple(duty["draft"]["paragraph"]) for duty in drafted}     # (paragraph, clause) pairs with a duty
    with_duty = {place[0] for place in used}
    why = {place: reason for place, _, reason in rejected}
    result: list[dict[str, Any]] = []
    headings: list[tuple[str, str]] = []          # (section, words) of headings with a date and no duty
    for number, paragraph in enumerate(paragraphs):
        if paragraph.row:
            row = dict(paragraph.row)
            deadline = row.get("deadline", "")
            if deadline and number not in with_duty:
                reason = ("the processing time of a procedure the table lists (a catalogue of administrative "
                          "procedures), not a task this text sets: check whether one is meant"
                          if row.get("catalogue") else "the time column states no deadline that can be written exactly")
                result.append({"section": paragraph.section or "", "where": f"{place_word} {paragraph.line}",
                               "phrases": [deadline], "reason": reason, "source": paragraph.text[:600]})
            continue
        heading = is_title(paragraphs, number)
        task = tasks.get(number, ("", None))[0]
        # an item under a dated heading ("C. TỪ NAY ĐẾN NĂM 2015") that names no time of its own and
        # has no duty: the heading's date may be its deadline, so it is listed too
        dated_above = next((h for h in reversed(headings) if paragraph.section.startswith(h[0] + ".")), None)
        if number not in with_duty and dated_above is not None and not heading:
            texts = [c.text for c in split[number]]
            if texts and not any(_QUICK.search(t) and _PHRASE.search(t) for t in texts):
                result.append({"section": paragraph.section, "where": f"{place_word} {paragraph.line}",
                               "phrases": [], "reason": f"dated only by its heading “{dated_above[1]}”: check whether "
                               "that is its deadline", "source": _quoted(" ".join(texts), "")})
        if heading and paragraph.section:
            headings = [h for h in headings if not paragraph.section.startswith(h[0])]
            dated = next((c.text for c in split[number] if _QUICK.search(c.text) and _PHRASE.search(c.text)), None)
            if dated is not None:
                headings.append((paragraph.section, dated[:120]))
        for index, clause in enumerate(split[number]):
            if (number, index) in used:
                continue        # the clause is a duty's: its other dates are the duty's context
            # the phrases first: the scan of _QUICK would read most of a clause with none (as
            # long as _PHRASE's), and _QUICK is asked only of the few clauses with a phrase
            phrases = list(_PHRASE.finditer(clause.text))
            if not phrases or not _QUICK.search(clause.text):
                continue

            first = phrases[0]
            result.append({"section": paragraph.section or "", "where": f"{place_word} {paragraph.line}",
                           "phrases": [m.group(0) for m in phrases[:12]],
                           "reason": why.get((number, index)) or _reason(clause.text, first.start(), heading),
                           "source": _quoted(clause.text, task if is_label(clause.text) else "")})
    for lo, hi, kind in frame.skipped:
        if kind == "form template":
            result.append({"section": lines[lo][:80], "where": f"lines {lo + 1}-{hi} of the document",
                           "phrases": [], "reason": "a form template: its blanks and sample dates are not duties",
                           "source": lines[lo]})
    return result
