"""Checks of output options that several commands share, kept apart from the commands so that
checking them imports no renderer (``due``'s start stays lean)."""

from __future__ import annotations

import argparse

from obligations.base.errors import InputError, said


def check_excel(args: argparse.Namespace) -> None:
    """--excel shapes CSV only: with another format it would be silently ignored."""
    if getattr(args, "excel", False) and args.format != "csv":
        raise InputError(said("cli:excel", "--excel applies to --format csv, not --format {format}", format=args.format),
                         fix=said("cli:excel-fix", "add --format csv, or leave --excel out"))


def refuse_out(args: argparse.Namespace) -> None:
    """--out writes the files (CSV, xlsx); a table or a JSON document goes to standard output."""
    if args.out:
        raise InputError(said("cli:out", "--out writes --format csv or xlsx; this table goes to standard output"),
                         fix=said("cli:out-fix", "leave --out out, or add --format csv or --format xlsx"))
