"""`token`: a new access token for the web service, shown once; only its hash is kept.

Standard output carries the lines for the tokens file (the hash, never the token), so
``python -m obligations token --unit xa-X >> tokens.toml`` appends them; the token itself
goes to standard error, for the person who hands it to the office.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from obligations.web.auth import new_token, toml_entry


def run(args: argparse.Namespace, out: TextIO) -> int:
    from obligations.workspace import Workspace

    Workspace.load(args.rules, args.org, args.calendars).hierarchy.unit(args.unit)   # a known unit
    token = new_token()
    print(f"token for {args.unit} (shown once, not stored anywhere): {token}", file=sys.stderr)
    out.write(toml_entry(token, args.unit, args.note or ""))
    return 0
