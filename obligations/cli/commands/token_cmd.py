"""`token`: a new access token for the web service, shown once; only its hash is kept.

Standard output carries the lines for the tokens file (the hash, never the token), so
``python -m obligations token --unit xa-X >> tokens.toml`` appends them; the token itself
goes to standard error, for the person who hands it to the office. A note is written as
one TOML string whatever it holds (line breaks, quotes and backslashes escaped), so that
the appended lines never break the file for the other offices.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from obligations.base.errors import InputError, said
from obligations.render.labels import Labels, pmsg
from obligations.web.auth import NotText, new_token, toml_entry

# the line for the person who hands the token over, in the command's --lang
_SHOWN = Labels([pmsg("token:shown", "token for {unit} (shown once, not stored anywhere): {token}")])


def run(args: argparse.Namespace, out: TextIO) -> int:
    from obligations.workspace import Workspace

    # a known unit: of the hierarchy, or a real unit of Vietnam by its id or its name (as due --unit);
    # the tokens file names it by id
    _, args.unit = Workspace.load(args.rules, args.org, args.calendars).resolve_unit(args.unit)
    token = new_token()
    try:
        lines = toml_entry(token, args.unit, args.note or "")
    except NotText as exc:    # bytes that are not UTF-8: a TOML file cannot hold them
        raise InputError(said("token:note", "--note: {why}", why=exc.said), fix=said("token:note-fix", "write the note in UTF-8 text")) from None
    print(_SHOWN("token:shown", args.lang, unit=args.unit, token=token), file=sys.stderr)
    out.write(lines)
    return 0
