"""Shared by the web tests: a service on a private log, tokens, a test client, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ON = "2026-11-23"


def cli_json(*argv: str, db: Path) -> dict:
    """The command line's JSON for the same question, from a separate process."""
    env = dict(os.environ, OBLIGATIONS_DB=str(db))
    proc = subprocess.run([sys.executable, "-m", "obligations", *argv], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def write_tokens(path: Path, grants: dict[str, str]) -> Path:
    """A tokens file giving each token (key) to a unit (value); only hashes are written."""
    from obligations.web.auth import toml_entry

    path.write_text("\n".join(toml_entry(token, unit, f"test {unit}") for token, unit in grants.items()),
                    encoding="utf-8")
    return path


# The service's clock in the tests (never the wall clock): 08:00 on 23/11/2026 in Vietnam,
# the day ON the tests ask about.
FIXED_NOW = dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.timezone.utc)


def make_client(db: Path, tokens: Path | None = None, *, local: bool = True, open_reads: bool = True,
                rules: list[str] | None = None, clock=lambda: FIXED_NOW, max_body: int | None = None):
    from starlette.testclient import TestClient

    from obligations.web.app import create_app
    from obligations.web.auth import load_tokens
    from obligations.web.data import Service

    service = Service.load(Path(db), rules, clock=clock)
    limit = {} if max_body is None else {"max_body": max_body}
    app = create_app(service, load_tokens(tokens, service.is_unit_id),
                     open_reads=open_reads, **limit)
    client = TestClient(app, client=("127.0.0.1" if local else "203.0.113.9", 50000))
    return client, service
