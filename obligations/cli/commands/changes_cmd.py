"""`changes`: what a new document or a calendar decision changes (report/changes.py), and its
acknowledgement (``--ack --by NAME``, log/acks.py)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TextIO

from obligations.base.dates import parse_iso_date, today_in_vietnam
from obligations.base.errors import InputError, said
from obligations.cli import environment
from obligations.cli.options import check_excel
from obligations.cli.report_out import Sheet, write_report


def _day(text: str | None, what: str) -> dt.date | None:
    return parse_iso_date(text, what=what) if text is not None else None


def run(args: argparse.Namespace, out: TextIO) -> int:
    from obligations.report.changes import with_acks
    from obligations.workspace import Workspace

    check_excel(args)
    from_known, to_known = _day(args.from_known, "--from-known"), _day(args.to_known, "--to-known")
    start, end = _day(args.from_, "--from"), _day(args.to, "--to")
    if args.ack and not args.by:
        raise InputError(said("changes:no-by", "--ack records who acknowledged the changes: --by is missing"),
                         fix=said("changes:no-by-fix", "add --by NAME (a person or an office)"), code="bad-input",
                         param="by")
    if args.by and not args.ack:
        raise InputError(said("changes:by-alone", "--by names who acknowledges: it goes with --ack"),
                         fix=said("changes:by-alone-fix", "add --ack, or leave --by out"), code="bad-input", param="by")
    if args.rules_new:
        old = Workspace.load(args.rules, args.org, args.calendars, cache_dir=environment.cache_dir())
        new = Workspace.load(args.rules_new, args.org, args.calendars, cache_dir=environment.cache_dir())
        start = start or from_known or to_known or today_in_vietnam()
        names = (", ".join(args.rules) if args.rules else "(bundled)", ", ".join(args.rules_new))
    else:
        if from_known is None:
            raise InputError(said("changes:neither", "changes compares two days of knowledge, or two rules directories: "
                                  "neither was given"),
                             fix=said("changes:neither-fix", "give --from-known DATE (and --to-known DATE, default "
                                      "today), or --rules-new DIR"),
                             code="bad-input", param="from_known")
        to_known = to_known or today_in_vietnam()
        old = new = environment.workspace(args.rules, args.org, args.calendars)
        names = (None, None)   # type: ignore[assignment]
    under = None
    if args.under is not None:
        old, under = old.resolve_unit(args.under)
        if new is not old and under not in new.hierarchy.units:
            new, _ = new.resolve_unit(under)
        elif not args.rules_new:
            new = old
    log = environment.existing_log(args.db)
    report = with_acks(old, new, under, from_known, to_known, start, end, log,
                       old_rules=names[0], new_rules=names[1])
    if args.ack:
        from obligations.log.acks import record_acks
        from obligations.report.changes import ack_key

        fresh = record_acks(environment.log(args.db), [ack_key(c) for c in report.changes], args.by)
        report = with_acks(old, new, under, from_known, to_known, start, end, environment.existing_log(args.db),
                           old_rules=names[0], new_rules=names[1])
        if args.format == "table":
            from obligations.render.changes_json import word

            out.write(word("changes.acked", args.lang, n=len(fresh), by=args.by) + "\n")

    def sheet() -> Sheet:
        from obligations.render.changes_json import COLUMNS, changes_rows, word
        from obligations.render.sheets import Column

        return [Column(key, kind, word) for key, kind in COLUMNS], changes_rows(report, args.lang)

    def text() -> str:
        from obligations.render.changes_json import changes_text

        return changes_text(report, args.lang)

    return write_report(args, out, report, report.root, sheet, text)
