"""Label forms of a plan's task list: "Thời gian hoàn thành: Quý I/2026", "Thời gian thực
hiện: Tháng 11/2025", "Tiến độ: tháng 4/2026", "Thời hạn: 15/12/2025", "Từ tháng 3 đến hết
quý II/2026", and the deadline column of a task table.

The label says when the task above it is done: a month, a quarter or a year is the window
it is done in (its last day is the deadline, "hoàn thành" inclusive); a day is the last
allowed day. The grammar reads deadline words, not labels: the label is replaced by the
deadline word it means, blanked to the same length, so that every span still points at
the words as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

from .scan import fail_fast

I = re.IGNORECASE
LABEL = re.compile(r"^(?P<label>(?:Thời\s+gian|Thời\s+hạn|Tiến\s+độ|Hạn|Thời\s+điểm)"
                   r"(?:\s+(?:dự\s+kiến\s+)?(?:hoàn\s+thành|thực\s+hiện|triển\s+khai|báo\s+cáo|trình|gửi|nộp|"
                   r"tổ\s+chức|ban\s+hành))?(?:\s+và\s+sản\s+phẩm)?\s*:\s*)", I)
_PERIOD = re.compile(r"(?:trong\s+)?(?:tháng|quý|quí|năm|(?:06|6|sáu)\s+tháng)\s+(?:\d|[IV]{1,3}\b)", I)
_DAY = re.compile(r"(?:ngày\s+)?\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{4})?(?!\d)|ngày\s+\d{1,2}\s+tháng", I)


def is_label(clause: str) -> bool:
    return bool(LABEL.match(clause))


def _pad(word: str, width: int) -> str:
    return (word + " " * width)[:width] if width > len(word) else word


def as_deadline(text: str) -> str:
    """A label form rewritten for the grammar (same length where the label allows it), or the
    text unchanged when it is not one or says no period or day."""
    label = LABEL.match(text)
    if not label:
        return text
    value = text[label.end():]
    spans: Spans = "all" if _COMPLETION.search(label.group("label")) else "short"
    return _value(value, label.end(), text, spans)


# Which spans of periods ("Quý IV/2025 - Quý II/2026", "năm 2026 - 2027") are the window a task is
# done in: "all" where the words say completion ("Thời gian hoàn thành", "Thời hạn"); "short" (at
# most two calendar years) where they say when it is carried out ("Thời gian thực hiện"), a longer
# span being a phase of the plan during which the work goes on; "none" under a plain "Thời gian"
# column, where a span is when the work goes on.
Spans = Literal["all", "short", "none"]
_COMPLETION = re.compile(r"hoàn\s+thành|thời\s+hạn|hạn(?!\w)", I)
_YEAR_IN = re.compile(r"\d{4}")


def _spanned(first: str, last: str, spans: Spans) -> bool:
    if spans == "all":
        return True
    years = [int(y.group(0)) for y in (_YEAR_IN.search(first), _YEAR_IN.search(last)) if y]
    return spans == "short" and len(years) == 2 and 0 <= years[1] - years[0] <= 1


# "năm 2025 và các năm tiếp theo", "từ năm 2026 trở đi": the same work goes on after the period
_ONGOING = re.compile(r"(?:và|,)\s+(?:các|những)\s+năm\s+(?:tiếp\s+theo|sau)|trở\s+đi", I)
_MONTHS = re.compile(r"^tháng\s+(?P<a>\d{1,2})\s*(?:,|và|[-–])\s*(?:tháng\s+)?(?P<b>\d{1,2})\s*[/\-]\s*(?P<y>\d{4})", I)
_PERIOD_Y = r"(?:(?:quý|quí)\s+(?:[IV]{1,3}|[1-4])|tháng\s+\d{1,2})\s*[/\-]\s*\d{4}"
_LISTED = re.compile(rf"^\(?(?P<a>{_PERIOD_Y})(?:\s*,\s*{_PERIOD_Y})*\s*(?:,|và)\s*(?P<b>{_PERIOD_Y})", I)
# "Dự kiến tháng 11/2025", "ngày Tháng 11/2025": a hedge or a stray word before the period
_HEDGE = re.compile(r"^(?:dự\s+kiến\s+(?:trong\s+)?|ngày\s+(?=tháng\s+\d))", I)
# a latest day after a planned one: the deadline is the latest
_LATEST = re.compile(r"(?:chậm|muộn)\s+nhất|hạn\s+chót|không\s+(?:muộn|chậm)\s+hơn|trước\s+ngày", I)
_SPAN = re.compile(r"^(?P<a>(?:tháng|quý|quí)\s+(?:\d{1,2}|[IV]{1,3})\s*[/\-]\s*\d{4})\s*(?:[-–—]|và|đến)\s*"
                   r"(?P<b>(?:tháng|quý|quí)\s+(?:\d{1,2}|[IV]{1,3})\s*[/\-]\s*\d{4}|năm\s+\d{4})\s*\.?$", I)


_YEARS = re.compile(r"^(?:năm|giai\s+đoạn)?\s*(?P<a>\d{4})\s*[-–—]\s*(?:năm\s+)?(?P<b>\d{4})\s*\.?$", I)


def cell_as_deadline(cell: str, spans: Spans = "all") -> str:
    """The deadline column of a task table: "Tháng 6/2026", "Quý III/2026", "15/12/2025", and a
    span "Quý IV/2025 - Quý II/2030" or "Năm 2025 - 2026" (done by the end of its last period) when
    ``spans`` says the column makes it a window (see Spans)."""
    return _value(cell, 0, cell, spans)


def _value(value: str, width: int, text: str, spans: Spans) -> str:
    head = text[:len(text) - len(value)]
    stripped = _HEDGE.sub("", value.lstrip())
    if stripped != value.lstrip() and _LATEST.search(stripped):
        return text       # "Dự kiến ngày 05/12/2025 (Chậm nhất ngày 10/12/2025)": the planned day is no deadline
    if _ONGOING.search(stripped):
        return text       # "năm 2025 và các năm tiếp theo": the work goes on, no deadline is stated
    bare = stripped.rstrip(" ;.,")
    span = _SPAN.match(bare)
    if span:      # "Quý IV/2025 và Quý I/2026", "tháng 11/2025 đến tháng 4/2026": done by the end of the last
        window = _spanned(span.group("a"), span.group("b"), spans)
        return f"{head}từ {span.group('a')} đến hết {span.group('b')}" if window else text
    years = _YEARS.match(bare)
    if years:     # "Năm 2025 - 2026", "năm 2026 - 2027"
        window = _spanned(years.group("a"), years.group("b"), spans)
        return f"{head}từ năm {years.group('a')} đến hết năm {years.group('b')}" if window else text
    months = _MONTHS.match(stripped)
    if months:            # "Tháng 11, 12/2013": done by the end of the last month named
        year = months.group("y")
        return f"{head}từ tháng {months.group('a')}/{year} đến hết tháng {months.group('b')}/{year}"
    listed = _LISTED.match(stripped)
    if listed:            # "Quý IV/2013, Quý I/2014 và thường xuyên": by the end of the last period listed
        return f"{head}từ {listed.group('a')} đến hết {listed.group('b')}"
    if re.fullmatch(r"(?:năm\s+)?\d{4}\s*[.;]?", stripped, I):     # a time column's bare "2026"
        return f"{head}trong năm {stripped.strip(' .;')[-4:]}"
    lead = len(value) - len(stripped)
    if re.match(r"(?:trong|trước|chậm\s+nhất|từ|đến|hoàn\s+thành\s+(?:trước|trong))\b", stripped, I):
        return text
    if _PERIOD.match(stripped):
        word = "trong "
    elif _DAY.match(stripped):
        word = "vào "
    else:
        return text
    if width >= len(word) and stripped == value.lstrip():
        return _pad(word, width) + value
    return head + " " * lead + word + stripped


# "Năm 2018: Rà soát …", "Năm 2019, trình ban hành …", "Quý I/2026: …": a task list that opens each
# item with the period it is done in.
_LEAD_PERIOD = re.compile(r"^(?:Trong\s+)?(?P<p>năm\s+\d{4}|(?:quý|quí)\s+(?:[IV]{1,3}|[1-4])\s*(?:[/\-]\s*|\s+năm\s+)\d{4}|"
                          r"tháng\s+\d{1,2}\s*(?:[/\-]\s*|\s+năm\s+)\d{4})\s*[:,]\s*(?=\S)", I)


_NAMED_DAY = re.compile(r"^(?P<what>[^:;]{3,120}):\s*(?P<day>[Nn]gày\s+\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4})")
# "Báo cáo giữa kỳ thực hiện Kế hoạch (năm 2030)": a report and, in brackets, the period it is done in
_BRACKET_PERIOD = re.compile(r"(?P<what>(?:báo\s+cáo|sơ\s+kết|tổng\s+kết|đánh\s+giá)[^()]{0,120}?)\s*\((?P<p>(?:năm\s+\d{4}|"
                             r"(?:quý|quí)\s+(?:[IV]{1,3}|[1-4])\s*[/\-]\s*\d{4}))\)", I)


_BRACKET_PERIOD = fail_fast(_BRACKET_PERIOD, "bstđ")


_LEAD_YEARLY = re.compile(r"^tháng\s+\d{1,2}\s+(?:hằng|hàng)\s+năm\s*[,:]", I)


def lead_period(clause: str) -> str | None:
    """The clause with its leading period made a deadline phrase ("trong năm 2018, …"), a named
    day made one ("Khai giảng năm học mới: vào ngày 05/9/2024"), a bracketed period of a report
    made one ("Báo cáo giữa kỳ (trong năm 2030)"); or None."""
    match = _LEAD_PERIOD.match(clause)
    if match:
        return "trong " + clause[match.start("p"):]
    yearly = _LEAD_YEARLY.match(clause)
    if yearly:            # "Tháng 11 hằng năm, Trung tâm có văn bản báo cáo …"
        return "vào " + clause
    named = _NAMED_DAY.match(clause) if ":" in clause else None
    if named:
        return f"{named.group('what')}: vào {clause[named.start('day'):]}"
    if "(" in clause and _BRACKET_PERIOD.search(clause):
        return _BRACKET_PERIOD.sub(lambda m: f"{m.group('what')} (trong {m.group('p')})", clause)
    return None


# "Đơn vị chủ trì: Sở Nội vụ", "Cơ quan phối hợp: …": who, not when; a label all the same
LEAD = re.compile(r"^(?:(?:Cơ\s+quan|Đơn\s+vị)\s+(?:chủ\s+trì|thực\s+hiện|phụ\s+trách)(?:\s+thực\s+hiện)?|Chủ\s+trì)"
                  r"\s*:\s*(?P<body>.+)$", I)
_OTHER = re.compile(r"^(?:(?:Cơ\s+quan|Đơn\s+vị)\s+phối\s+hợp|Phối\s+hợp|Sản\s+phẩm|Kết\s+quả\s+(?:dự\s+kiến|đầu\s+ra)|"
                    r"Kinh\s+phí|Nguồn\s+kinh\s+phí)\s*:", I)


def _any_label(text: str) -> bool:
    return bool(LABEL.match(text) or LEAD.match(text) or _OTHER.match(text))


def label_tasks(paragraphs: Sequence[Any], split: Sequence[Sequence[Any]]) -> dict[int, tuple[str, str | None]]:
    """For each paragraph holding a label, the task it dates and the body that leads it: the
    paragraph's own other words, else (a paragraph of labels alone, as a bullet under the task)
    the nearest paragraph above that is not labels; the body from an "Đơn vị chủ trì:" label of
    the same run of labels."""
    result: dict[int, tuple[str, str | None]] = {}
    task = ""
    run: list[int] = []
    lead: str | None = None

    def close() -> None:
        for i in run:
            own = result.get(i, ("", None))[0]
            result[i] = (own or task, lead)

    for number, parts in enumerate(split):
        texts = [c.text for c in parts]
        if not texts:
            continue
        labels = [t for t in texts if _any_label(t)]
        if labels and len(labels) == len(texts):         # labels alone: they belong to the task above
            run.append(number)
            for text in labels:
                found = LEAD.match(text)
                if found:
                    lead = " ".join(found.group("body").split()).strip(" ;.")
            continue
        close()
        run, lead = [], None
        own = " ".join(t for t in texts if not _any_label(t))
        if labels:
            body = next((LEAD.match(t) for t in labels if LEAD.match(t)), None)
            result[number] = (own, " ".join(body.group("body").split()).strip(" ;.") if body else None)
        task = own
    close()
    return result
