"""The frame of a directive: its header, its signature block, "Nơi nhận", annexes and forms.

Two header layouts are read (they differ in order and punctuation, not in content):

- the state format of Nghị định 30/2020/NĐ-CP, Phụ lục I: the issuing body ("ỦY BAN NHÂN
  DÂN" / "TỈNH QUẢNG NGÃI"), "Số: 199/KH-UBND", the national motto ("CỘNG HÒA XÃ HỘI CHỦ
  NGHĨA VIỆT NAM" / "Độc lập - Tự do - Hạnh phúc"), "Quảng Ngãi, ngày 15 tháng 9 năm 2025",
  the kind ("KẾ HOẠCH") and the summary line(s);
- the party format of Hướng dẫn 36-HD/VPTW: the superior committee ("ĐẢNG BỘ TỈNH QUẢNG
  NGÃI"), the issuing body ("TỈNH ỦY"), "*", "Số 85-KH/TU", "ĐẢNG CỘNG SẢN VIỆT NAM", the
  place and date, the kind and the summary.

A .docx often lays the header out in a two-column table: its cells come row by row, so
nothing here depends on the order of the header's lines, only on what each line is.

The body ends at the signature block ("TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ", "KT. CHỦ
TỊCH") or at "Nơi nhận"; what follows is skipped up to an annex ("PHỤ LỤC …"), which is read
again, unless it is a form template ("Mẫu số …", "Biểu mẫu"): a form's blanks and sample
dates are not duties.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from obligations.base.records import record

from .found import safe_date

I = re.IGNORECASE
_MOTTO = re.compile(r"^(?:CỘNG\s+HÒA|CỘNG\s+HOÀ|Độc\s+lập\s*[-–—]|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM)", I)
_NUMBER = re.compile(r"^Số\s*:?\s*(?P<n>\d{1,6}[\wĐđ]*(?:\s*[/-]\s*[\wĐđ]+){1,5})\s*$|"
                     r"^Số\s*:?\s*(?P<m>\d{1,6}[\wĐđ]*(?:\s*[/-]\s*[\wĐđ]+){1,5})(?=\s)", I)
_PLACE_DATE = re.compile(r"^(?P<place>[^\d,]{2,40}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+"
                         r"năm\s+(?P<y>\d{4})\b|^(?P<place2>[^\d,]{2,40}),\s*ngày\s+(?P<d2>\d{1,2})\s*[/.\-]\s*"
                         r"(?P<m2>\d{1,2})\s*[/.\-]\s*(?P<y2>\d{4})\b", I)
KINDS = {"KẾ HOẠCH": "plan", "HƯỚNG DẪN": "guide", "CHỈ THỊ": "directive", "NGHỊ QUYẾT": "resolution",
         "THÔNG BÁO": "notice", "QUYẾT ĐỊNH": "decision", "THÔNG TƯ": "circular", "NGHỊ ĐỊNH": "decree",
         "CHƯƠNG TRÌNH": "programme", "CÔNG VĂN": "letter", "KẾT LUẬN": "conclusion", "QUY ĐỊNH": "regulation",
         "QUY CHẾ": "regulation", "ĐỀ ÁN": "scheme", "THÔNG TƯ LIÊN TỊCH": "circular"}
_KIND = re.compile(r"^(" + "|".join(sorted(KINDS, key=len, reverse=True)) + r")\s*$")
_STAR = re.compile(r"^[*\-–_\s]{1,12}$")
# The body starts at a recital, a numbered part or an address; the summary stops there.
_BODY = re.compile(r"^(?:Căn\s+cứ|Tại\s+(?:phiên|hội\s+nghị|cuộc)|Thực\s+hiện|Theo\s|Để\s|Nhằm\s|Trên\s+cơ\s+sở|Kính\s+gửi|Xét\s|Ban\s+Thường\s+vụ\s|"
                   r"(?:PHẦN|Phần|CHƯƠNG|Chương|Điều)\s+\S+|[IVX]{1,5}\.\s|\d{1,2}\.\s|[a-zđ]\)\s)")
# a first line after the kind heading that starts so is still the summary when it is short:
# "KẾ HOẠCH / Thực hiện công tác bầu cử đại biểu Quốc hội khóa XVI"
_WEAK_BODY = re.compile(r"^(?:Thực\s+hiện|Theo\s|Để\s|Nhằm\s|Trên\s+cơ\s+sở|Ban\s+Thường\s+vụ\s)")
SIGNATURE = re.compile(r"^(?:TM\.|T\.M\.?|T/M\b|KT\.|K\.T\.?|K/T\b|TL\.|T/L\b|TUQ\.|Q\.\s|TM\s|KT\s)", I)
RECIPIENTS = re.compile(r"^Nơi\s+nhận\s*:?", I)
ANNEX = re.compile(r"^(?:PHỤ\s+LỤC|Phụ\s+lục)(?:\s+(?:số\s+)?[\dIVX]+[a-z]?)?\b", I)
FORM = re.compile(r"^(?:Mẫu\s+(?:số\s+)?[\dA-Z]|MẪU\s+(?:SỐ\s+)?[\dA-Z]|Biểu\s+(?:mẫu|số)\b|BIỂU\s+(?:MẪU|SỐ)\b)", I)
_SIGNER = re.compile(r"^(?:CHỦ\s+TỊCH|PHÓ\s+CHỦ\s+TỊCH|BÍ\s+THƯ|PHÓ\s+BÍ\s+THƯ|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|TRƯỞNG\s+BAN|"
                     r"PHÓ\s+TRƯỞNG\s+BAN|GIÁM\s+ĐỐC|PHÓ\s+GIÁM\s+ĐỐC|CHÁNH\s+VĂN\s+PHÒNG|THỦ\s+TƯỚNG|PHÓ\s+THỦ\s+TƯỚNG)\s*$")
_WITH = re.compile(r"^\(?\s*(?:Ban\s+hành\s+)?[Kk]èm\s+theo\b", I)
TASK_ROW = "\x00task row"        # what the frame sees of a task table's row
_AUTHORITY = re.compile(r"^(?:CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|BAN\s+(?:THƯỜNG\s+VỤ|BÍ\s+THƯ|CHẤP\s+HÀNH)|"
                        r"ỦY\s+BAN|UỶ\s+BAN|HỘI\s+ĐỒNG|THƯỜNG\s+TRỰC|BAN\s+CHỈ\s+ĐẠO|TỔNG\s+CỤC|CỤC\s+TRƯỞNG|"
                        r"GIÁM\s+ĐỐC|TRƯỞNG\s+BAN)")
_SUB_BODY = re.compile(r"^(?:BAN|SỞ|VĂN\s+PHÒNG|PHÒNG|CỤC|TỔNG\s+CỤC|VỤ|THANH\s+TRA|HỘI\s+ĐỒNG)\s")
_ACRONYM = re.compile(r"MTTQ|UBND|HĐND|UBMTTQ|TW|TƯ|CP|TTg|TNCS|HCM|BCĐ|BCH")
_LEVEL_WORDS = ("tỉnh", "huyện", "xã", "phường", "thị xã", "thị trấn", "thành phố", "quận", "đặc khu")
_HEAD_LINES = 60


@record
@attrs.frozen(repr=False)
class Frame:
    number: str | None
    issuer: str | None
    issued: dt.date | None
    date_words: str
    kind: str | None
    title: str | None
    body_start: int            # index of the first line of the body
    skipped: tuple[tuple[int, int, str], ...]   # (first, last + 1, why) line ranges that are not body


def upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def proper(name: str) -> str:
    """An issuing body printed in capitals, as it is written in a sentence: "ỦY BAN NHÂN DÂN TỈNH
    QUẢNG NGÃI" → "Ủy ban nhân dân tỉnh Quảng Ngãi", "BỘ TÀI CHÍNH" → "Bộ Tài chính"; an
    acronym stays ("MTTQ"), and so do the proper names "Việt Nam", "Chính phủ", "Trung ương"."""
    raw = name.replace("UỶ", "ỦY").split()
    words = [w.lower() for w in raw]
    out: list[str] = []
    place = False
    for i, word in enumerate(words):
        if _ACRONYM.fullmatch(raw[i]):
            out.append(raw[i])
        elif i == 0 or place or (i == 1 and words[0] in ("bộ", "sở", "ban") and word not in ("chỉ",)):
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
        joined = " ".join(words[max(0, i - 1):i + 1])
        if word in _LEVEL_WORDS or joined in _LEVEL_WORDS:
            place = True
    text = " ".join(out)
    for body in ("Tỉnh ủy", "Huyện ủy", "Thành ủy", "Thị ủy", "Đảng ủy", "Quận ủy", "Việt Nam", "Chính phủ",
                 "Trung ương", "Quốc hội", "Mặt trận Tổ quốc"):
        text = re.sub(rf"(?<=\s){body.lower()}\b", body, text)
    return text


def _issued(match: re.Match[str]) -> dt.date | None:
    if match.group("d"):
        return safe_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    return safe_date(int(match.group("y2")), int(match.group("m2")), int(match.group("d2")))


def _issuer(head: list[str], number_at: int | None, kind_at: int | None) -> str | None:
    """The issuing body: the capitals above the number (the motto and "*" aside); in the party
    format the last of them is the body and the first its superior ("ĐẢNG BỘ TỈNH X" / "TỈNH ỦY")."""
    stop = number_at if number_at is not None else kind_at if kind_at is not None else len(head)
    names = [line for line in head[:stop] if upper(line) and not _MOTTO.match(line) and not _KIND.match(line)]
    if not names:
        return None
    if names[0].upper().startswith(("ĐẢNG BỘ", "ĐẢNG ỦY")) and len(names) >= 2:
        superior = proper(names[0])
        body = proper(" ".join(names[1:]))
        place = re.sub(r"^Đảng (?:bộ|ủy)\s+(?:tỉnh|huyện|xã|phường|thành phố|thị xã|quận)?\s*", "", superior, flags=I)
        return f"{body} {place}".strip() if place and place.lower() not in body.lower() else body
    names = names[:3]
    if len(names) >= 2 and _SUB_BODY.match(names[-1]):
        # "ỦY BAN MTTQ VIỆT NAM / XÃ LƯƠNG MINH / BAN THƯỜNG TRỰC": the body is the last line, of the first
        return f"{proper(names[-1])} {proper(' '.join(names[:-1]))}"
    return proper(" ".join(names))


def header_line(line: str) -> bool:
    """The number line ("Số: 199/KH-UBND") or the place-and-date line of a header."""
    return bool(_NUMBER.match(line) or _PLACE_DATE.match(line))


def attached(line: str) -> bool:
    """The kind heading of a document attached after the signature ("KẾ HOẠCH" approved by the
    decision above it): its text is read as body again."""
    return len(line) < 40 and bool(_KIND.match(" ".join(line.split()).upper())) and upper(line)


def read_frame(lines: list[str]) -> Frame:
    """The header fields of a directive and the line ranges that are not its body."""
    number = issuer = kind = title = None
    issued, date_words = None, ""
    head = lines[:_HEAD_LINES]
    number_at = kind_at = None
    for i, line in enumerate(head):
        if number is None:
            found = _NUMBER.match(line)
            if found:
                number = re.sub(r"\s+", "", found.group("n") or found.group("m"))
                number_at = i
        if issued is None:
            date = _PLACE_DATE.match(re.sub(r"(?<=\b\d) (?=\d\b)", "", line))
            if date:
                issued, date_words = _issued(date), date.group(0)
        if kind is None and upper(line):
            heading = _KIND.match(" ".join(line.split()).upper())
            if heading:
                kind, kind_at = KINDS[heading.group(1)], i
    issuer = _issuer(head, number_at, kind_at) if number_at is not None or kind_at is not None else None
    body_start = 0
    if kind_at is not None:
        words: list[str] = []
        i = kind_at + 1
        while i < len(head):
            line = head[i]
            # the summary ends at the body, or at a line in capitals after a summary in lower case
            # ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" over a decision's recitals); a summary in capitals
            # goes on over its lines
            if (_BODY.match(line) and (words or not _WEAK_BODY.match(line) or len(line) > 160
                                       or line.rstrip().endswith((":", ",", ";")))) \
                    or (words and upper(line) and (not upper(words[-1]) or _AUTHORITY.match(line))) \
                    or (words and upper(words[-1]) and not upper(line) and not _STAR.match(line)) \
                    or _STAR.match(line) and words:
                break
            if not _STAR.match(line) and not _PLACE_DATE.match(line) and not _NUMBER.match(line):
                words.append(line)
            if len(" ".join(words)) > 400:
                break
            i += 1
        title = " ".join(" ".join(words).split()) or None
        body_start = i
        while body_start < len(lines) and upper(lines[body_start]) and not _BODY.match(lines[body_start]):
            body_start += 1    # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" before the recitals of a decision
    elif number_at is not None:
        body_start = number_at + 1
        if issued is not None:
            body_start = max(body_start, next(i for i, line in enumerate(head) if _PLACE_DATE.match(line)) + 1)
        # a letter: "V/v …" is its summary
        for line in head[number_at:number_at + 6]:
            summary = re.match(r"^V/v\s*:?\s*(.+)$", line, I)
            if summary:
                title = summary.group(1).strip()
    return Frame(number, issuer, issued, date_words, kind, title, body_start, tuple(_skipped(lines, body_start)))


_ENDS_WITH = frozenset("NnTtKkQqCcPpBbGgnTHhđĐ")   # Nơi nhận, TM., T/M, KT., TL., TUQ., Q., CHỦ TỊCH, PHÓ, BÍ THƯ, BỘ TRƯỞNG, GIÁM ĐỐC …


def _skipped(lines: list[str], body_start: int) -> list[tuple[int, int, str]]:
    ranges: list[tuple[int, int, str]] = []
    if body_start:
        ranges.append((0, body_start, "header"))
    i, n = body_start, len(lines)
    while i < n:
        line = lines[i]
        if not line or line[0] not in _ENDS_WITH:
            i += 1          # the signature block and "Nơi nhận" begin with one of these letters
            continue
        ends = RECIPIENTS.match(line) or (SIGNATURE.match(line) and upper(line.split(".", 1)[-1] or line)) \
            or (_SIGNER.match(line) and i + 1 < n and not _BODY.match(lines[i + 1]))
        if not ends:
            i += 1
            continue
        start = i
        while i < n and not (ANNEX.match(lines[i]) and upper(lines[i])) and not FORM.match(lines[i]) \
                and not attached(lines[i]) and lines[i] != TASK_ROW:
            if _WITH.match(lines[i]):          # "(Ban hành kèm theo Quyết định …)": its title is above it
                while i > start + 1 and upper(lines[i - 1]) and not SIGNATURE.match(lines[i - 1]) \
                        and not _SIGNER.match(lines[i - 1]):
                    i -= 1
                break
            i += 1
        ranges.append((start, i, "signature block and recipients"))
        # forms are skipped to the next annex that is not a form; annexes are read
        while i < n and FORM.match(lines[i]):
            start = i
            i += 1
            while i < n and not (ANNEX.match(lines[i]) and upper(lines[i])):
                i += 1
            ranges.append((start, i, "form template"))
    return ranges
