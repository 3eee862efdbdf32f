"""`letter`: the draft reminder letter ("công văn đôn đốc") a level above writes to late units,
as plain text (standard output or --out) or as a .docx (--out; needs obligations[documents])."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from obligations.base.dates import parse_iso_date, today_in_vietnam
from obligations.base.errors import InputError, said
from obligations.cli import environment


def run(args: argparse.Namespace, out: TextIO) -> int:
    on = parse_iso_date(args.on, what="--on") if args.on is not None else today_in_vietnam()
    if args.format == "docx" and not args.out:
        raise InputError(said("letter:docx-out", "a .docx letter is not text: it is written to a file"),
                         fix=said("letter:docx-out-fix", "give --out FILE.docx"), code="missing-value", param="out")
    from obligations.report.reminder_letter import build_letter

    ws = environment.workspace(args.rules, args.org, args.calendars, on)
    letter = build_letter(ws, sender=args.sender, late_units=args.to, on=on, lang=args.lang,
                          log=environment.existing_log(args.db))
    if not letter.items:
        names = ", ".join(f"{u.unit} ({u.name})" for u in letter.late)
        raise InputError(said("letter:nothing-overdue", "nothing is overdue for {names} on {day}: there is nothing to "
                              "remind", names=names, day=on),
                         fix=said("letter:nothing-overdue-fix", "name a unit that is late on that day (see `due --unit U "
                                  "--on DATE`)"),
                         param="to", data={"unit": letter.late[0].unit})
    if args.format == "docx":
        from obligations.render.letter_docx import letter_docx

        data = letter_docx(letter, args.lang)
    else:
        from obligations.render.letter_text import render_letter

        data = render_letter(letter, args.lang).encode("utf-8")
    if args.out:
        _write(Path(args.out), data)
    else:
        out.write(data.decode("utf-8"))
    return 0


def _write(path: Path, data: bytes) -> None:
    """--out replaces only a letter this program wrote (its draft mark, or a .docx it made)."""
    from obligations.base.files import write_replacing
    from obligations.cli.commands.export_cmd import refuse_foreign

    if not _our_text(path):
        refuse_foreign(path)
    try:
        write_replacing(path, data)
    except OSError as exc:
        raise InputError(said("letter:cannot-write", "cannot write {path}: {why}", path=str(path), why=str(exc.strerror)),
                         fix=said("letter:cannot-write-fix", "check the folder exists and is writable"),
                         code="output-file") from None


def _our_text(path: Path) -> bool:
    from obligations.render.letter_parts import draft_marks

    try:
        if not path.is_file() or path.is_symlink():
            return False
        with path.open("rb") as handle:
            head = handle.read(64).lstrip()
    except OSError:
        return False
    return any(head.startswith(mark.encode("utf-8")) for mark in draft_marks())
