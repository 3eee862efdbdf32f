"""Events through the API go through the library's checks, as the CLI's `event` (review items 2, 3),
and the timeline counts the duties that follow from them (item 17)."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx2")

from web_helpers import ROOT, make_client, write_tokens  # noqa: E402

SHAPES = [str(ROOT / "tests" / "fixtures" / "shapes")]
TOKEN = "shapes-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def setup(tmp_path):
    tokens = write_tokens(tmp_path / "tokens.toml", {TOKEN: "don-vi-A"})
    db = tmp_path / "log.sqlite3"
    client, service = make_client(db, tokens, rules=SHAPES)
    return client, service, db


def post(client, event: str, on: str):
    return client.post("/api/units/don-vi-A/events", headers=AUTH, json={"event": event, "on": on, "ref": "1-TB"})


@pytest.mark.parametrize("event,on,words", [
    ("no-such-event", "2026-01-05", "unknown event 'no-such-event'"),
    ("khai-mac-dai-hoi", "1990-01-05", "1990"),            # parses, but the calendar data starts in 1995
    ("khai-mac-dai-hoi", "0001-01-05", "0001"),
])
def test_a_bad_event_is_one_clear_400_and_writes_nothing(setup, event, on, words):
    client, _service, db = setup
    r = post(client, event, on)
    assert r.status_code == 400, r.text
    assert words in r.json()["error"] and r.json()["fix"]
    assert not db.exists()


def test_the_unknown_event_message_names_the_declared_ones(setup):
    client, _service, _db = setup
    fix = post(client, "no-such-event", "2026-01-05").json()["fix"]
    assert "khai-mac-dai-hoi" in fix and "nhan-ke-hoach" in fix


def test_a_future_event_is_accepted_and_counts(setup, run_cli):
    """A congress is announced before it opens: the duty 20 days before it can be met in time."""
    client, service, db = setup
    ahead = service.today() + dt.timedelta(days=400)
    r = post(client, "khai-mac-dai-hoi", ahead.isoformat())
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["event"] == "khai-mac-dai-hoi" and body["on"] == ahead.isoformat() and body["recorded_at"]
    on = (ahead - dt.timedelta(days=40)).isoformat()
    due = client.get("/api/units/don-vi-A/due", params={"on": on, "horizon": 60})
    assert due.status_code == 200
    s07 = [i for i in due.json()["items"] if i["duty"] == "SHAPES/s07"]
    assert s07 and s07[0]["deadline"] < ahead.isoformat()
    code, out, err = run_cli("due", "--unit", "don-vi-A", "--rules", SHAPES[0], "--on", on, "--horizon", "60",
                             "--format", "json", "--db", str(db))
    assert code == 0, err
    import json

    assert json.loads(out) == due.json()


def test_the_timeline_counts_recorded_events(setup, run_cli, tmp_path):
    client, _service, db = setup

    def s06_bars(svg: str) -> bool:
        return "don-vi-A|SHAPES/s06|" in svg

    before = client.get("/units/don-vi-A/timeline.svg", params={"year": 2025, "as_known_on": "2025-12-31"})
    assert before.status_code == 200 and not s06_bars(before.text)
    assert post(client, "nhan-ke-hoach", "2025-03-03").status_code == 201
    after = client.get("/units/don-vi-A/timeline.svg", params={"year": 2025, "as_known_on": "2025-12-31"})
    assert s06_bars(after.text)
    out = tmp_path / "t.svg"
    assert run_cli("timeline", "--unit", "don-vi-A", "--year", "2025", "--rules", SHAPES[0], "--db", str(db),
                   "--as-known-on", "2025-12-31", "--out", str(out))[0] == 0
    assert out.read_text(encoding="utf-8") == after.text


def test_the_timeline_command_never_imports_the_web_service(run_cli, tmp_path):
    import subprocess

    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "obligations", "timeline", "--unit", "chibo-1",
                           "--year", "2025", "--db", str(tmp_path / "none.sqlite3")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert "obligations.report.timeline" in imported
    assert not {m for m in imported if m.startswith(("obligations.web", "fastapi", "starlette"))}
