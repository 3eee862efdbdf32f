"""`export`: a unit's occurrences in a date range as iCalendar, CSV, JSON or an .xlsx workbook."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from obligations.base import dates
from obligations.base.dates import parse_iso_date, today_in_vietnam
from obligations.base.errors import InputError, said
from obligations.base.files import os_reason, write_replacing
from obligations.base.version import SCHEMA_VERSION
from obligations.cli import environment
from obligations.cli.options import check_excel
from obligations.render.export import record_changes, rows, to_csv, to_ics, uid
from obligations.status.assess import Item
from obligations.status.engine import make_engine
from obligations.workspace import Workspace

if TYPE_CHECKING:
    from obligations.render.sheets import Column
    from obligations.report.revisions import Revisions


def ics(ws: Workspace, items: list[Item], lang: str, remind: int, db: str | None, past_alarms: bool,
        revised: Revisions | None = None) -> bytes:
    """iCalendar whose SEQUENCE and LAST-MODIFIED follow the log records that changed each
    event (as the feed's), and ``revised`` (report/revisions.py: what became known moved or
    removed; a removed event is sent as CANCELLED). Reading only: an export never writes the log."""
    now = dates.utc_now().replace(microsecond=0)          # the command line is the edge that reads the clock
    log = environment.existing_log(db)
    cancelled = list(revised.cancelled) if revised is not None else []
    changes = record_changes(log, items + cancelled)
    for item in items + cancelled:
        count = revised.counts.get(item.occurrence.key, 0) if revised is not None else 0
        if count:
            logged, at = changes.get(uid(item), (0, ""))
            changes[uid(item)] = (logged + count, at)
    # versions an export stored before exports became read-only: never go below them
    stored = log.exported_versions() if log is not None else {}

    def versions(digests: dict[str, str]) -> dict[str, tuple[int, dt.datetime]]:
        found = {}
        for key, digest in digests.items():
            count, at = changes.get(key, (0, ""))
            sequence, modified = count, (dt.datetime.fromisoformat(at) if at else now)
            old = stored.get(key)
            if old is not None and old[1] + (old[0] != digest) > sequence:
                sequence, modified = old[1] + (old[0] != digest), (old[2] if old[0] == digest else now)
            found[key] = (sequence, modified)
        return found

    return to_ics(ws, items, lang, remind, stamp=now, versions=versions, past_alarms=past_alarms,
                  cancelled=cancelled)


# What a file this program wrote begins with: iCalendar, JSON, CSV (our header), a TOML
# draft (a comment), an SVG picture. Any other existing file is another program's.
OUR_STARTS = (b"BEGIN:VCALENDAR", b"{", b"uid,", b"unit,", b"deadline,", b"#", b"[", b"<?xml", b"<svg")


def refuse_foreign(path: Path) -> None:
    """--out never replaces a file that is not ours (a database, a document)."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(said("out:cannot-write", "cannot write {path}: {why}", path=str(path), why=os_reason(exc)),
                         fix=said("file:check-path", "check the path and its permissions"), code="output-file") from None
    import stat

    if not stat.S_ISREG(info.st_mode):
        raise InputError(said("out:not-regular", "{path} exists and is not a regular file: nothing was written",
                              path=str(path)),
                         fix=said("out:new-file", "give --out the name of a new file"), code="output-file")
    with path.open("rb") as handle:
        head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"PK\x03\x04"):       # a zip: replaced only if it is a workbook we wrote
        from obligations.render.sheets import is_our_workbook

        ours = is_our_workbook(path)
    else:
        ours = not head or head.startswith(OUR_STARTS)
    if not ours:
        raise InputError(said("out:foreign", "{path} exists and was not written by this program: it was left untouched",
                              path=str(path)),
                         fix=said("out:foreign-fix", "give --out the name of a new file, or delete that one first"),
                         code="output-file")


def write_sheet(args: argparse.Namespace, columns: Sequence[Column], rows: list[dict[str, object]], title: str,
                out: TextIO) -> None:
    """``rows`` as an .xlsx workbook (``--format xlsx``) or as CSV (``--excel``: as Excel reads
    it), to --out FILE or standard output."""
    from obligations.render import sheets

    if args.format == "xlsx":
        write(sheets.workbook(columns, rows, args.lang, title, dates.utc_now()), out, args.out)
    else:
        write(csv_text(sheets.csv_table(columns, rows), args.excel), out, args.out)


def write(data: str | bytes, out: TextIO, target: str | None) -> None:
    """To --out FILE (written whole, then moved into place) or to standard output."""
    if target:
        path = Path(target)
        refuse_foreign(path)
        try:
            write_replacing(path, data if isinstance(data, bytes) else data.encode("utf-8"))
        except OSError as exc:
            raise InputError(said("out:cannot-write", "cannot write {path}: {why}", path=str(path), why=os_reason(exc)),
                             fix=said("out:folder-fix", "check the folder exists and is writable"),
                             code="output-file") from None
    elif isinstance(data, bytes) and data.startswith(b"PK"):
        # a workbook is not text: never to a terminal (nor through its text filter)
        if not hasattr(out, "buffer") or out.isatty():
            raise InputError(said("out:xlsx-terminal", "an .xlsx workbook is not text: it was not written to the terminal"),
                             fix=said("out:xlsx-terminal-fix", "give --out FILE.xlsx, or redirect standard output to "
                                                               "a file"))
        out.flush()
        out.buffer.write(data)
    elif isinstance(data, bytes) and hasattr(out, "buffer"):
        out.flush()          # bytes as they are: a text stream would rewrite iCalendar's CRLF on Windows
        out.buffer.write(data)
    else:
        out.write(data.decode("utf-8") if isinstance(data, bytes) else data)


def render(ws: Workspace, items: list[Item], fmt: str, lang: str, remind: int, db: str | None = None,
           past_alarms: bool = False, excel: bool = False, title: str = "") -> str | bytes:
    if fmt == "ics":
        return ics(ws, items, lang, remind, db, past_alarms)
    if fmt == "csv":
        return csv_text(to_csv(ws, items, lang), excel)
    if fmt == "xlsx":
        from obligations.render import sheets

        return sheets.workbook(sheets.EXPORT_COLUMNS, sheets.export_rows(ws, items, lang), lang, title,
                               dates.utc_now())
    return json.dumps({"schema_version": SCHEMA_VERSION, "items": rows(ws, items, lang)}, ensure_ascii=False,
                      indent=1) + "\n"


def csv_text(text: str, excel: bool) -> str | bytes:
    """CSV as written, or (``excel``) with a byte-order mark and CRLF (render/sheets.py)."""
    if not excel:
        return text
    from obligations.render.sheets import for_excel

    return for_excel(text)


def run(args: argparse.Namespace, out: TextIO) -> int:
    check_excel(args)
    start = parse_iso_date(args.from_, what="--from")
    end = parse_iso_date(args.to, what="--to")
    if end < start:     # said here in the command line's words (the library says "the end of the span")
        raise InputError(said("cli:to-before-from", "--to ({end}) is before --from ({start})", end=end, start=start),
                         fix=said("span:reversed-fix", "give the earlier date first"), code="bad-range", param="to")
    on = parse_iso_date(args.on, what="--on") if args.on is not None else today_in_vietnam()
    ws = environment.workspace(args.rules, args.org, args.calendars, environment.known_on(args.as_known_on, on),
                               calendar=args.as_known_on is not None)
    ws, args.unit = ws.resolve_unit(args.unit)     # an id, or a name ("Xã Lâm Bình")
    # days outside the calendar data's coverage are refused by items_between (naming the data used)
    items = ws.items_between(args.unit, start, end, on, engine=make_engine(environment.engine_name(args.engine)),
                             log=environment.existing_log(args.db))
    if args.format == "ics":      # the events follow what became known (report/revisions.py), as the feed's
        from obligations.report.revisions import revisions

        revised = revisions(ws, args.unit, start, end, on, ws.as_known_on or on, calendar=args.as_known_on is not None)
        write(ics(ws, items, args.lang, args.remind, args.db, args.past_alarms, revised), out, args.out)
        return 0
    write(render(ws, items, args.format, args.lang, args.remind, args.db, args.past_alarms, args.excel, args.unit),
          out, args.out)
    return 0
