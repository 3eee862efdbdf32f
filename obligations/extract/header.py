"""The directive's own fields: number, kind, issuer, the texts it implements, its date.

The date anchors what the text leaves open: a day and month without a year ("trước
ngày 15.3") is read as the first such day on or after it, and a stated date before it
is flagged as a reference rather than a duty. It comes from ``--issued``, else from the
header line "Hà Nội, ngày 02 tháng 3 năm 2023", else from a news article's "Kế hoạch số
147-KH/TU ngày 30/3/2023 của ...".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from .found import safe_date
from .frame import KINDS, Frame, header_line
from .text import Paragraph, is_noise

TODO = "TODO"
_DATE = r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})"
_DOC = r"(Hướng dẫn|Kế hoạch|Chỉ thị|Nghị quyết|Công văn|Kết luận|Quyết định|Thông báo)"
_NUMBER = r"(\d+[A-Za-z]?-[A-ZĐ]+(?:/[A-ZĐa-zđ0-9-]+)?)"
RE_IMPLEMENTS = re.compile(rf"{_DOC}\s+số\s+{_NUMBER},?\s+ngày\s+{_DATE}")
RE_OWN_ARTICLE = re.compile(rf"nội dung (?:trong|của)\s+{_DOC}\s+số\s+{_NUMBER},?\s+ngày\s+{_DATE}"
                            r"\s+của\s+([^.,;]{1,120}?)(?:\s+tổ chức|\s+về|\s+triển khai|[.,;])")
RE_ISSUER = re.compile(r"((?:Ban Thường vụ|Ban Tuyên giáo|Ban Chấp hành|Thường trực)\s+[^,;.()]{0,80}?)\s+"
                       r"(?:xây dựng|hướng dẫn|yêu cầu|ban hành|chỉ đạo)", re.IGNORECASE)
_HEAD_LINES = 40


def slug(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


def _date(match: re.Match[str], first: int) -> dt.date | None:
    return safe_date(int(match.group(first + 2)), int(match.group(first + 1)), int(match.group(first)))


def metadata(paragraphs: list[Paragraph], all_lines: list[str], source_name: str,
             issued: dt.date | None, frame: Frame) -> tuple[dict[str, Any], list[str], dt.date | None, dt.date | None]:
    """[directive] fields, what is missing, the directive's own date (it anchors the text's
    dates), and the earliest date it can have (its own, else the latest text it implements).
    The frame (the header read in either format: frame.py) gives number, issuer, date, kind and
    title; what follows serves texts without a header (news articles, letters quoted in part)."""
    head: dict[str, Any] = {"id": TODO, "number": TODO, "kind": TODO, "issuer": TODO, "unit": TODO, "title": TODO}
    todo = ["unit"]
    lines: list[str] = []
    for line in all_lines:
        if len(lines) >= _HEAD_LINES:
            break
        if line and not is_noise(line):
            lines.append(line)
    for line in lines[:15]:
        if line.startswith("Kính gửi"):
            head["kind"] = "letter"
            break
        for word, kind in KINDS.items():
            if line.isupper() and line.startswith(word):   # a heading ("KẾ HOẠCH TRIỂN KHAI …"), not a cited title
                head["kind"] = kind
    decided = "--issued" if issued else ""
    if issued is None and frame.issued is not None:
        issued, decided = frame.issued, frame.date_words
    # the recitals name the texts implemented: "Thực hiện Chỉ thị số 46-CT/TW, ngày …", "Căn cứ …"
    opening = " ".join(p.text for p in paragraphs[:60] if p.text.startswith(("Thực hiện", "Căn cứ")))
    for paragraph in paragraphs[:60]:
        article = RE_OWN_ARTICLE.search(paragraph.text)
        if article:
            head["number"] = article.group(2)
            head["kind"] = {"Kế hoạch": "plan", "Hướng dẫn": "guide"}.get(article.group(1), "plan")
            head["issuer"] = article.group(6).strip()
            if issued is None:
                issued, decided = _date(article, 3), article.group(0)
            break
    implements, latest = [], None
    for m in RE_IMPLEMENTS.finditer(opening):
        implements.append(m.group(2))
        day = _date(m, 3)
        if day and (latest is None or day > latest):
            latest = day
    if implements:
        head["implements"] = list(dict.fromkeys(implements))     # a text cited twice is implemented once
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
        if not header_line(line) and not line.isupper():
            title.append(line)
    if head["kind"] != TODO and title:
        head["title"] = " ".join(title)[:300]
    for key in ("number", "issuer", "kind", "title"):
        value = getattr(frame, key)
        if value:
            head[key] = value
    if head["number"] != TODO:
        head["id"] = slug(head["number"])
    head["source_document"] = source_name
    for key in ("id", "number", "kind", "issuer", "title"):
        if head[key] == TODO:
            todo.append(key)
    note = ["Draft made by `obligations extract`: every TODO must be filled in and every duty checked "
            "against the text before use (docs/extract.md)."]
    if issued:
        note.append(f"Dates without a year are read against the directive's date {issued:%d/%m/%Y} "
                    f"(from {decided!r}).")
    else:
        note.append("The directive's own date was not found (give it with --issued)" +
                    (f"; it implements texts dated up to {latest:%d/%m/%Y}, so it is not earlier." if latest else "."))
    head["note"] = " ".join(note)
    earliest = issued or latest
    in_force = _in_force(paragraphs, issued)
    if in_force is not None and (earliest is None or in_force > earliest):
        # "Thông tư này có hiệu lực thi hành kể từ ngày 05 tháng 9 năm 2022": no duty before
        earliest = in_force
        head["note"] += f" Duties apply from {in_force:%d/%m/%Y}, the day the text comes into force."
    return head, todo, issued, earliest


_IN_FORCE = re.compile(r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+ngày\s+(?:(?P<d>\d{1,2})\s+tháng\s+"
                       r"(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})|(?P<d2>\d{1,2})\s*[/.\-]\s*(?P<m2>\d{1,2})\s*[/.\-]\s*"
                       r"(?P<y2>\d{4}))", re.IGNORECASE)


def _in_force(paragraphs: list[Paragraph], issued: dt.date | None) -> dt.date | None:
    """The day the directive itself comes into force, when it names one ("có hiệu lực … từ ngày D")."""
    for paragraph in paragraphs:
        if "hiệu lực" not in paragraph.text:
            continue
        for match in _IN_FORCE.finditer(paragraph.text):
            if re.search(r"(?:Thông\s+tư|Nghị\s+định|Quyết\s+định|Quy\s+định|Quy\s+chế|Chỉ\s+thị|Kế\s+hoạch)\s+này\s+"
                         r"[^.;]{0,20}$", paragraph.text[max(0, match.start() - 40):match.start()], re.IGNORECASE):
                if match.group("d"):
                    day = safe_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
                else:
                    day = safe_date(int(match.group("y2")), int(match.group("m2")), int(match.group("d2")))
                if day is not None and (issued is None or day >= issued):
                    return day
    return None
