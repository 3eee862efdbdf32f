"""Splitting a paragraph into sentences and clauses, and reading who and to whom.

A clause ends at ";" or at a sentence end; a peak and its list of days stay one clause.
Several deadlines in one clause are several duties ("báo cáo 6 tháng gửi trước ngày 20
tháng 7 và báo cáo năm gửi trước ngày 20 tháng 01 năm sau"): the grammar returns each.
"""

from __future__ import annotations

import re

import attrs

from obligations.base.records import record

from .peaks import RE_PEAK
from .text import Paragraph

I = re.IGNORECASE
_LEAD = re.compile(r"^(?:[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|[-–+•])\s+")
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZĐÀ-Ỹ“\"])")
# A period after a list number ("1.", "IV."), an initial or a short abbreviation ("TP.")
# does not end a sentence; one after a date ("ngày 20/4/2023.") does.
_NOT_END = re.compile(r"(?:^|[\s(])(?:\d{1,2}|[IVX]{1,5}|[A-ZĐ][a-zđ]?|TP|Tp|v\.v|St)$")


@record
@attrs.frozen(repr=False)
class Clause:
    text: str
    sentence: str          # the whole sentence it belongs to, verbatim


def _sentences(text: str) -> list[str]:
    result, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        if end.group(0)[0] == "." and _NOT_END.search(text, max(start, end.start() - 8), end.start()):
            continue
        result.append(text[start:end.start() + 1])
        start = end.end()
    result.append(text[start:])
    return [s for s in result if s.strip()]


def clauses(paragraph: Paragraph) -> list[Clause]:
    """The clauses of a paragraph, each with its sentence; a peak keeps its list of days."""
    text = _LEAD.sub("", paragraph.text, count=1).strip()
    result: list[Clause] = []
    for said in _sentences(text):
        sentence = said.strip()
        body, tail = sentence, ""
        peak = RE_PEAK.search(sentence)
        if peak:
            cut = max(sentence.rfind(";", 0, peak.start()), sentence.rfind(",", 0, peak.start()))
            body, tail = (sentence[:cut + 1] if cut >= 0 else ""), sentence[cut + 1:].strip()
        for part in body.split(";"):
            part = part.strip(" ,.")
            if part:
                result.append(Clause(part, sentence))
        if tail.strip(" ,."):
            result.append(Clause(tail.strip(" ,"), sentence))
    return result


# Who performs: the subject that opens the clause, else the heading of its section.
_PERFORMERS = [
    (["children"], re.compile(r"đảng bộ, chi bộ trực thuộc|huyện (?:ủy|uỷ)|đảng (?:ủy|uỷ) trực thuộc|ban cán sự|"
                              r"đảng đoàn|đơn vị trực thuộc|cấp dưới|các sở, ban, ngành|ủy ban nhân dân các huyện|"
                              r"UBND các huyện|các bộ, ngành|các địa phương", I)),
    (["level:cell"], re.compile(r"\bcác chi bộ\b|chi bộ trực thuộc", I)),
    (["self"], re.compile(r"^(ban tuyên giáo|văn phòng|ban thường vụ|thường trực|ban chỉ đạo)", I)),
]
_BODY = re.compile(r"^((?:Ban|Văn phòng|Thường trực)\s+\S+(?:\s+\S+)??(?:\s+(?:giáo|vụ|đạo|chính|tuyên))?"
                   r"(?:\s+(?:Tỉnh|Thị|Huyện|Thành|Đảng|Trung)\s+(?:ủy|uỷ|ương))?)")
_PARENT = re.compile(r"theo yêu cầu của[^,;.]{0,60}|gửi (?:về )?cấp trên", I)
_TO = re.compile(r"(?:gửi|về|báo cáo)\s+(?:về\s+)?((?:Ban|Văn phòng|Thường trực|Sở|Bộ|Ủy ban|UBND|Tỉnh ủy|"
                 r"Huyện ủy|Thành ủy)[^,;.]{0,80}?)(?=\s+(?:trước|chậm|trong|để|theo|vào|định)|[,;.]|$)", I)


@record
@attrs.frozen(repr=False)
class Who:
    performers: list[str] | None      # None: not stated
    performers_words: str
    body: str | None
    recipient: str                    # "parent" or "issuer"
    recipient_words: str


# A body that leads a task: "Sở Nội vụ chủ trì …", "Giao Công an tỉnh …", "Đề nghị Ủy ban MTTQ …",
# or a heading "2. Công an tỉnh:" over the items below it.
_AGENCY = (r"(?:Sở|Ban(?!\s+hành)|Văn\s+phòng|Công\s+an|Bộ|Ủy\s+ban|Uỷ\s+ban|UBND|UBMTTQ|Thanh\s+tra|Kho\s+bạc|Cục|Chi\s+cục|"
           r"Phòng(?![,\s]+(?:chống|ngừa))|Đài|Báo(?!\s+cáo)|Trường(?!\s+hợp)|Hội(?!\s+(?:nghị|thảo|thi|diễn))|Liên\s+đoàn|Đoàn|Bảo\s+hiểm|Ngân\s+hàng|Mặt\s+trận|Tỉnh\s+đoàn|Thành\s+đoàn|"
           r"Thường\s+trực|Đảng\s+ủy|Đảng\s+uỷ|Huyện\s+ủy|Thành\s+ủy|Tỉnh\s+ủy|Bộ\s+Chỉ\s+huy|Viện|Trung\s+tâm|"
           r"Hội\s+đồng|Tổ\s+công\s+tác|Cơ\s+quan|Chi\s+bộ|Cấp\s+ủy|Liên\s+minh|Quỹ|Tổng\s+cục)")
_LEAD_IN = re.compile(rf"^(?:(?:Giao|Đề\s+nghị|Yêu\s+cầu|Phân\s+công)\s+)?(?P<body>{_AGENCY}(?:\s+[^\s,;:.()]+){{1,12}}?)"
                      r"(?=\s*(?::|$|\s(?:chủ\s+trì|phối\s+hợp|có\s+trách\s+nhiệm|thực\s+hiện|tham\s+mưu|triển\s+khai|"
                      r"xây\s+dựng|tổ\s+chức|báo\s+cáo|hướng\s+dẫn|chỉ\s+đạo|căn\s+cứ|theo\s+dõi|là\s+cơ\s+quan|"
                      r"rà\s+soát|lãnh\s+đạo|tập\s+trung|khẩn\s+trương|nghiên\s+cứu|phối\s+hợp|tiếp\s+tục|"
                      r"đôn\s+đốc|kiểm\s+tra|hoàn\s+thành|trình|ban\s+hành|lập|gửi|nộp|cập\s+nhật|bố\s+trí|"
                      r"định\s+kỳ|hằng|hàng|thường\s+xuyên|chịu\s+trách\s+nhiệm|tổng\s+hợp|quản\s+lý|thẩm\s+định|"
                      r"đề\s+xuất|phối\s+hợp|giao|đảm\s+bảo|bảo\s+đảm|ưu\s+tiên)\b))")


def lead_body(text: str) -> str | None:
    """The body named at the start of a task or a heading, if one is."""
    match = _LEAD_IN.match(_LEAD.sub("", text, count=1).strip())
    if not match:
        return None
    return " ".join(match.group("body").split()).strip(" ,:")


def who(paragraph: Paragraph, clause: str, body_given: str | None = None) -> Who:
    performers: list[str] | None = None
    words, body = "", None
    for subject, where in ((clause[:120], "clause"), (paragraph.heading[:200] or paragraph.text[:120], "heading")):
        for value, pattern in _PERFORMERS:
            match = pattern.search(subject)
            if match and (where == "heading" or match.start() < 40):
                performers, words = value, match.group(0)
                if value == ["self"]:
                    named = _BODY.match(subject)
                    body = named.group(1).strip(" ,") if named else None
                break
        if performers is not None:
            break
    if body_given:
        body = " ".join(body_given.split())
    elif body is None:
        # the task's own lead-in, else the nearest heading above that names a body
        for text in (clause[:300], paragraph.text[:300], *reversed(paragraph.headings)):
            body = lead_body(text)
            if body:
                break
    parent = _PARENT.search(clause)
    if parent:
        return Who(performers, words, body, "parent", parent.group(0).strip())
    to = _TO.search(clause)
    return Who(performers, words, body, "issuer", to.group(0).strip() if to else "")
