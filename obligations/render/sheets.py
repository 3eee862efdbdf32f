"""Tables for spreadsheet programs: .xlsx workbooks (openpyxl) and CSV as Excel reads it.

Offices exchange .xlsx: a workbook here has one sheet with a header row in the output's
language, frozen so that it stays in view, dates as date cells (shown dd/mm/yyyy in
Vietnamese, ISO in English) that sort and filter as dates, and columns wide enough for
their content. Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``)
is stored as text, as in our CSV (render/csv_safe.py).

openpyxl is an optional dependency (``obligations[sheets]``), imported only when a
workbook is written.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs

from obligations.base.errors import InputError, said
from obligations.render.csv_safe import FORMULA_START
from obligations.render.labels import Labels, pmsg

if TYPE_CHECKING:
    from obligations.report.due import DueReport
    from obligations.status.assess import Item
    from obligations.workspace import Workspace

Kind = Literal["text", "date", "number"]
# The workbook's author: how ``export --out`` knows a workbook it may replace is one of ours.
CREATOR = "obligations"
DATE_FORMAT = {"vi": "dd/mm/yyyy", "en": "yyyy-mm-dd"}
MAX_WIDTH = 60          # characters: a long source sentence wraps to the cell, not the screen


_heads = Labels([
    pmsg("col.unit", "Unit"),
    pmsg("col.duty", "Duty"),
    pmsg("col.title", "Title"),
    pmsg("col.period", "Period"),
    pmsg("col.window_start", "Window opens"),
    pmsg("col.deadline", "Deadline"),
    pmsg("col.status", "Status"),
    pmsg("col.days_left", "Days left"),
    pmsg("col.working_days_left", "Working days left"),
    pmsg("col.delivered_on", "Delivered on"),
    pmsg("col.assumptions", "Assumptions"),
    pmsg("col.result", "Result"),
    pmsg("col.ref", "Reference"),
    pmsg("col.directive", "Directive"),
    pmsg("col.section", "Section"),
    pmsg("col.kind", "Kind"),
    pmsg("col.own_deadline", "Own deadline"),
    pmsg("col.recipient", "To"),
    pmsg("col.source", "Source"),
    pmsg("col.uid", "UID"),
])


@attrs.frozen
class Column:
    """A column by its key: the header, in the output's language, is "col.<key>" of ``words``
    (a table's lookup, ``words(key, lang)``; by default this module's own ``_heads``)."""

    key: str
    kind: Kind = "text"
    words: Callable[[str, str], str] | None = attrs.field(default=None, eq=False)

    def header(self, lang: str) -> str:
        return (self.words or _heads)(f"col.{self.key}", lang)


def workbook(columns: Sequence[Column], rows: Iterable[Mapping[str, object]], lang: str, title: str,
             made: dt.datetime) -> bytes:
    """The rows as an .xlsx file (bytes). A date column takes ``datetime.date`` values (or
    ISO text), a number column ints; None is an empty cell. ``made``: the instant the
    workbook is made (its created and modified properties; the caller's clock)."""
    try:
        import openpyxl  # type: ignore[import-untyped]
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
    except ImportError:
        raise InputError(said("sheets:not-installed", "--format xlsx needs the package openpyxl, which is not installed"),
                         fix=said("sheets:not-installed-fix", 'pip install "obligations[sheets]" (or write CSV for Excel)'),
                         code="not-installed", param="format") from None
    book = openpyxl.Workbook()
    book.properties.creator = CREATOR
    made = made.astimezone(dt.timezone.utc).replace(tzinfo=None, microsecond=0)     # the format's UTC
    book.properties.created = book.properties.modified = made
    sheet = book.active
    assert sheet is not None
    sheet.title = _sheet_title(title)
    widths = [len(c.header(lang)) for c in columns]
    sheet.append([c.header(lang) for c in columns])
    for cell in sheet[1]:
        cell.font = openpyxl.styles.Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for i, column in enumerate(columns):
            value = _value(row.get(column.key), column.kind)
            cell = sheet.cell(row=r, column=i + 1, value=value)
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT["en" if lang == "en" else "vi"]
                shown = 10
            else:
                shown = len(str(value)) if value is not None else 0
            if isinstance(value, str) and value.startswith(FORMULA_START):
                cell.data_type = "s"        # openpyxl took it for a formula; text it is
                cell.quotePrefix = True     # and stays text when edited in Excel
            widths[i] = max(widths[i], shown)
    sheet.freeze_panes = "A2"
    for i, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(i + 1)].width = min(width + 2, MAX_WIDTH)
    import zipfile

    from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

    buffer = io.BytesIO()
    # ExcelWriter, not Workbook.save: save stamps "modified" with the wall clock
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()
    return _stamped(buffer.getvalue(), made)


def _stamped(archive: bytes, made: dt.datetime) -> bytes:
    """The zip again with every member dated ``made`` (the properties' instant) instead of the
    wall clock's second at which zipfile wrote it: the file depends only on its content and
    the caller's clock, and two writes of one answer are the same bytes."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as target:
        for member in source.infolist():
            dated = zipfile.ZipInfo(member.filename, date_time=made.timetuple()[:6])
            dated.compress_type, dated.external_attr = zipfile.ZIP_DEFLATED, member.external_attr
            target.writestr(dated, source.read(member))
    return out.getvalue()


def _value(value: object, kind: Kind) -> object:
    if value is None or value == "":
        return None
    if kind == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def _sheet_title(title: str) -> str:
    """Excel's limits on a sheet name: 31 characters, none of []:*?/\\."""
    for bad in "[]:*?/\\":
        title = title.replace(bad, "-")
    return title[:31] or "obligations"


def for_excel(text: str) -> bytes:
    """CSV as Excel on a Vietnamese Windows reads it: UTF-8 with a byte-order mark (without
    it Excel takes the file for the ANSI code page and breaks the diacritics) and CRLF."""
    return b"\xef\xbb\xbf" + text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


def is_our_workbook(path: Path) -> bool:
    """A workbook whose core properties name us as its creator (``CREATOR``): ``--out`` may
    replace it; any other zip (a document, someone's workbook) is left alone."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            core = z.read("docProps/core.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    import re

    return re.search(rb"<dc:creator\b[^>]*>" + CREATOR.encode() + rb"</dc:creator>", core) is not None


# -- the tables of `due`, `status` and `export` ----------------------------------------------

DUE_COLUMNS = (
    Column("unit"), Column("duty"), Column("title"), Column("period"), Column("window_start", "date"),
    Column("deadline", "date"), Column("status"), Column("days_left", "number"),
    Column("working_days_left", "number"), Column("delivered_on", "date"), Column("assumptions"))

STATUS_COLUMNS = (
    Column("deadline", "date"), Column("period"), Column("duty"), Column("title"), Column("result"),
    Column("delivered_on", "date"), Column("ref"), Column("assumptions"))

EXPORT_COLUMNS = (
    Column("unit"), Column("duty"), Column("directive"), Column("section"), Column("title"), Column("kind"),
    Column("period"), Column("window_start", "date"), Column("own_deadline", "date"), Column("deadline", "date"),
    Column("status"), Column("recipient"), Column("source"), Column("assumptions"), Column("uid"))


def export_rows(ws: "Workspace", items: "list[Item]", lang: str) -> list[dict[str, object]]:
    """``export``'s rows (render/export.py) with the status and kind in words."""
    from obligations.render.export import rows
    from obligations.render.labels import label

    return [dict(row, status=label(row["status"], lang), kind=label(row["kind"], lang)) for row in rows(ws, items, lang)]


def due_rows(reports: "Iterable[DueReport]", lang: str) -> Iterable[dict[str, object]]:
    """One row per unit per listed item, as ``due --format csv`` (render/due_csv.py)."""
    from obligations.render.labels import label
    from obligations.render.messages import assumption_text, pick

    for report in reports:
        for item in report.items:
            occ = item.occurrence
            yield {"unit": report.unit, "duty": occ.duty.id, "title": pick(lang, occ.duty.title_vi, occ.duty.title_en),
                   "period": occ.period, "window_start": item.window_start, "deadline": item.deadline,
                   "status": label(item.status, lang), "days_left": item.days_left,
                   "working_days_left": item.working_days_left,
                   "delivered_on": item.submission.delivered_on if item.submission else None,
                   "assumptions": " | ".join(assumption_text(a, lang) for a in occ.assumptions)}


def status_rows(rows: Iterable[Mapping[str, object]], lang: str) -> list[dict[str, object]]:
    """``status``'s rows (render/status.py ``status_rows``) with the result in words."""
    from obligations.render.status import result_text

    return [dict(row, result=result_text(row, lang),
                 assumptions=" | ".join(str(a) for a in row["assumptions"]))  # type: ignore[attr-defined]
            for row in rows]


def csv_table(columns: Sequence[Column], rows: Iterable[Mapping[str, object]]) -> str:
    """The columns' keys as the header, dates in ISO, lists joined by " | ", formula-like text
    kept as text (render/csv_safe.py): the CSV of a table that has no other writer."""
    import csv

    from obligations.render.csv_safe import cell

    def text(value: object) -> object:
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, (list, tuple)):
            return " | ".join(str(v) for v in value)
        return cell(value)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.key for c in columns])
    writer.writerows([text(row.get(c.key)) for c in columns] for row in rows)
    return buffer.getvalue()
