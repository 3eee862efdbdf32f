"""From a directive's paragraphs to a draft rule file (a dict in the rule-file format)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from . import grammar
from .text import Paragraph, clean_line, is_noise

TODO = "TODO"

_KINDS = [
    ("review", re.compile(r"sơ kết|tổng kết", re.IGNORECASE)),
    ("plan", re.compile(r"kế hoạch[^;]*ban hành|ban hành[^;]*kế hoạch|xây dựng kế hoạch", re.IGNORECASE)),
    ("report", re.compile(r"báo cáo", re.IGNORECASE)),
    ("publication", re.compile(r"bản tin|thông tin nội bộ|sổ tay|tuyên truyền|đăng tải|phát hành", re.IGNORECASE)),
    ("activity", re.compile(r"sinh hoạt|triển khai|tổ chức|giới thiệu|học tập", re.IGNORECASE)),
]
_PERFORMERS = [
    (["children"], re.compile(r"đảng bộ, chi bộ trực thuộc|huyện [uủ]ỷ|đảng [uủ]ỷ trực thuộc|ban cán sự|"
                              r"đảng đoàn|đơn vị trực thuộc|cấp dưới", re.IGNORECASE)),
    (["level:cell"], re.compile(r"\bcác chi bộ\b|chi bộ trực thuộc", re.IGNORECASE)),
    (["self"], re.compile(r"^(ban tuyên giáo|văn phòng|ban thường vụ|thường trực|ban chỉ đạo)", re.IGNORECASE)),
]
_BODY = re.compile(r"^((?:Ban|Văn phòng|Thường trực)\s+\S+(?:\s+\S+)??(?:\s+(?:giáo|vụ|đạo|chính|tuyên))?"
                   r"(?:\s+(?:Tỉnh|Thị|Huyện|Thành|Đảng|Trung)\s+(?:ủy|uỷ|ương))?)")
_PARENT = re.compile(r"theo yêu cầu của|gửi (?:về )?cấp trên", re.IGNORECASE)
_ISSUER = re.compile(r"\bvề (?:Ban Thường vụ|Ban Tuyên giáo|Thường trực|Văn phòng)", re.IGNORECASE)
_DOC = r"(Hướng dẫn|Kế hoạch|Chỉ thị|Nghị quyết|Công văn|Kết luận|Quyết định|Thông báo)"
_NUMBER = r"(\d+[A-Za-z]?-[A-ZĐ]+(?:/[A-ZĐa-zđ0-9-]+)?)"
RE_IMPLEMENTS = re.compile(rf"{_DOC}\s+số\s+{_NUMBER},?\s+ngày\s+{grammar.DAY_MONTH_YEAR}")
RE_OWN_HEADER = re.compile(rf"^Số[:\s]*{_NUMBER}", re.IGNORECASE)
RE_OWN_ARTICLE = re.compile(rf"nội dung (?:trong|của)\s+{_DOC}\s+số\s+{_NUMBER},?\s+ngày\s+{grammar.DAY_MONTH_YEAR}"
                            r"\s+của\s+([^.,;]+?)(?:\s+tổ chức|\s+về|\s+triển khai|[.,;])")
RE_ISSUER = re.compile(r"((?:Ban Thường vụ|Ban Tuyên giáo|Ban Chấp hành|Thường trực)\s+[^,;.()]*?)\s+"
                       r"(?:xây dựng|hướng dẫn|yêu cầu|ban hành|chỉ đạo)", re.IGNORECASE)
RE_OWN_DATE = re.compile(rf"ngày\s+{grammar.DAY_MONTH_YEAR}")
_HEADINGS = {"HƯỚNG DẪN": "guide", "KẾ HOẠCH": "plan", "CÔNG VĂN": "letter", "CHỈ THỊ": "directive",
             "NGHỊ QUYẾT": "resolution", "THÔNG BÁO": "notice", "QUYẾT ĐỊNH": "decision"}


def slug(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


def clauses(paragraph: Paragraph) -> list[str]:
    """Split a paragraph into clauses; a peak and its list of days stay one clause."""
    text = re.sub(r"^(?:[IVX]+\.|\d+(?:\.\d+)*\.|[-–+•])\s+", "", paragraph.text).strip()
    peak = grammar.RE_PEAK.search(text)
    tail = ""
    if peak:
        cut = max(text.rfind(";", 0, peak.start()), text.rfind(",", 0, peak.start()),
                  text.rfind(". ", 0, peak.start()))
        text, tail = text[:cut + 1] if cut >= 0 else "", text[cut + 1:].strip()
    parts = re.split(r";\s*|(?<=[^\d/.][.!?])\s+(?=[A-ZĐÀ-Ỹ“\"])", text)
    result = [p.strip(" ,.") for p in parts if p and p.strip(" ,.")]
    if tail:
        result.append(tail.strip(" ,"))
    return result


def _kind(clause: str) -> tuple[str, str]:
    focus = clause.rsplit(":", 1)[-1]
    for name, pattern in _KINDS:
        if pattern.search(focus):
            return name, f"kind from “{pattern.search(focus).group(0)}”"
    return "activity", "kind not stated: activity assumed"


def _performers(paragraph: Paragraph, clause: str) -> tuple[list[str] | str, str | None, str]:
    subject = paragraph.heading or paragraph.text[:120]
    for value, pattern in _PERFORMERS:
        match = pattern.search(subject)
        if match:
            body = _BODY.match(subject).group(1).strip(" ,") if value == ["self"] and _BODY.match(subject) else None
            return value, body, f"performers from “{match.group(0)}” in the heading"
    return TODO, None, "who must do it is not stated near the duty"


def metadata(paragraphs: list[Paragraph], text: str, source_name: str) -> tuple[dict, list[str], dt.date | None]:
    """[directive] fields, what is missing, and the earliest date the directive can have."""
    head: dict = {"id": TODO, "number": TODO, "kind": TODO, "issuer": TODO, "unit": TODO, "title": TODO}
    todo = ["unit"]
    lines = [clean_line(line) for line in text.splitlines() if not is_noise(line) and clean_line(line)]
    joined = " ".join(p.text for p in paragraphs)
    for line in lines[:15]:
        if line.startswith("Kính gửi"):
            head["kind"] = "letter"
            break
        for word, kind in _HEADINGS.items():
            if line.isupper() and line.startswith(word):   # a heading, not a cited title
                head["kind"] = kind
        own = RE_OWN_HEADER.match(line)
        if own:
            head["number"] = own.group(1)
    issued = None
    article = RE_OWN_ARTICLE.search(joined)
    if article:
        head["number"] = article.group(2)
        head["kind"] = {"Kế hoạch": "plan", "Hướng dẫn": "guide"}.get(article.group(1), "plan")
        issued = grammar.safe_date(int(article.group(5)), int(article.group(4)), int(article.group(3)))
        head["issuer"] = article.group(6).strip()
    opening = next((p.text for p in paragraphs if p.text.startswith("Thực hiện")), "")
    implements, latest = [], None
    for m in RE_IMPLEMENTS.finditer(opening):
        implements.append(m.group(2))
        day = grammar.safe_date(int(m.group(5)), int(m.group(4)), int(m.group(3)))
        if day and (latest is None or day > latest):
            latest = day
    if implements:
        head["implements"] = implements
    if head["issuer"] == TODO:
        issuer = RE_ISSUER.search(opening.split(";")[-1]) or RE_ISSUER.search(opening)
        if issuer:
            head["issuer"] = issuer.group(1).strip()
    if issued:
        head["issued"] = issued
    title = []
    for line in lines[:12]:
        if line.startswith(("Thực hiện", "Kính gửi", "Đây là", "Tác giả")) or re.match(r"^\d{1,2}:\d{2}\b", line):
            break
        if not RE_OWN_HEADER.match(line) and not line.isupper():
            title.append(line)
    if head["kind"] != TODO and title:
        head["title"] = " ".join(title)[:300]
    if head["number"] != TODO:
        head["id"] = slug(head["number"])
    head["source_document"] = source_name
    for key in ("id", "number", "kind", "issuer", "title"):
        if head[key] == TODO:
            todo.append(key)
    note = ["Draft made by `obligations extract`: every TODO must be filled in and every duty checked "
            "against the text before use (docs/extract.md)."]
    if not issued:
        note.append("The directive's own date was not found" +
                    (f"; it implements texts dated up to {latest:%d/%m/%Y}, so it is not earlier." if latest else "."))
    head["note"] = " ".join(note)
    return head, todo, issued or latest


def duties(paragraphs: list[Paragraph], commemorations, earliest: dt.date | None) -> list[dict]:
    result: list[dict] = []
    seen: dict[str, int] = {}
    for paragraph in paragraphs:
        if paragraph.text.startswith(("Thực hiện", "Nơi nhận", "Kính gửi")):
            continue
        for clause in clauses(paragraph):
            found = grammar.schedules(clause) if not grammar.RE_PEAK.search(clause) else []
            peak = grammar.peaks(clause, commemorations)
            if peak:
                found.append(peak)
            for item in found:
                result.append(_duty(paragraph, clause, item, earliest, seen))
    return result


def _duty(paragraph: Paragraph, clause: str, found: grammar.Found, earliest: dt.date | None,
          seen: dict[str, int]) -> dict:
    kind, kind_reason = _kind(clause)
    if found.schedule.get("type") == "peaks":
        kind = "publication" if re.search(r"tuyên truyền", clause, re.IGNORECASE) else "activity"
        kind_reason = f"a peak of {'propaganda' if kind == 'publication' else 'activity'}"
    performers, body, who_reason = _performers(paragraph, clause)
    recipient = "parent" if _PARENT.search(clause) else "issuer"
    to_reason = ("“theo yêu cầu của …”: the level above" if recipient == "parent" else
                 "“về …” the issuing body" if _ISSUER.search(clause) else "recipient not stated: the issuer assumed")
    flags = list(found.flags)
    if earliest and found.last_allowed and found.last_allowed < earliest:
        flags.append(f"the date is before the directive's own date ({earliest:%d/%m/%Y}): a reference, not a duty?")
    todo = list(found.todo)
    valid = {}
    valid_from = found.valid_from or earliest
    if found.inferred_from and earliest and found.valid_from and found.valid_from.year == earliest.year \
            and found.valid_from < earliest:
        valid_from = earliest   # "trong năm 2023" cannot oblige before the directive exists
    schedule = dict(found.schedule)
    if schedule.get("type") == "once_between" and earliest and schedule["start"] < earliest <= schedule["end"]:
        schedule["start"] = earliest
    if valid_from is None:
        todo.append("valid.from")
        valid["from"] = TODO
    else:
        valid["from"] = valid_from
    if found.valid_until:
        valid["until"] = found.valid_until
    if performers == TODO:
        todo.append("performers")
    todo.append("title_en")
    base = slug(f"{kind}-{paragraph.section or 'x'}").lower()
    seen[base] = seen.get(base, 0) + 1
    duty_id = f"{base}-{seen[base]}"
    words = clause.split()
    confidence = found.confidence - 0.05 * len([t for t in todo if t != "title_en"]) - 0.3 * bool(flags)
    reasons = list(found.reasons) + [kind_reason, who_reason, to_reason]
    duty = {
        "id": duty_id,
        "section": paragraph.section or TODO,
        "source": clause,
        "kind": kind,
        "title_vi": " ".join(words[:14]) + (" …" if len(words) > 14 else ""),
        "title_en": TODO,
        "performers": performers if performers == TODO else list(performers),
        "recipient": recipient,
        "schedule": schedule,
        "valid": valid,
        "draft": {"confidence": round(max(confidence, 0.05), 2), "reason": "; ".join(reasons),
                  "todo": todo, "flags": flags},
    }
    if body:
        duty["body"] = body
    if not paragraph.section:
        todo.insert(0, "section")
    if any(v is None for v in schedule.values()):
        duty["schedule"] = {k: (TODO if v is None else v) for k, v in schedule.items()}
    return duty
