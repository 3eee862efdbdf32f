"""`serve` for real on 127.0.0.1: headless Chromium renders the page, and concurrent clients
lose nothing. Bounded: 200 `due` requests and 3 × 100 submissions, well under 30 s."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
pytest.importorskip("httpx2")

sys.path.insert(0, str(Path(__file__).parent / "bench"))
from service_load import (DELIVERIES, burst, due_requests, first_deliveries, free_port, serving,  # noqa: E402
                          submission_requests)
from web_helpers import write_tokens  # noqa: E402

TOKEN = "xa-token-live-0123456789abcdef"
ERROR_WORDS = ("Internal Server Error", "Traceback", "internal error", "class='error'", "ERR_")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("live")
    tokens = write_tokens(tmp / "tokens.toml", {TOKEN: "xa-X"})
    with serving(tmp, tokens) as base:
        yield base, tmp


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def run_chromium(url: str, tmp: Path, *extra: str) -> subprocess.CompletedProcess:
    profile = tmp / "profile"
    profile.mkdir(exist_ok=True)
    argv = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", f"--user-data-dir={profile}", *extra, url]
    return subprocess.run(argv, capture_output=True, text=True, timeout=90)


def test_page_and_timeline_render_in_headless_chromium(server, tmp_path):
    if chromium() is None:
        pytest.skip("chromium is not installed and could not be (.ci/run installs Debian's chromium package)")
    base, _ = server
    url = f"{base}/units/chibo-1?on=2025-11-25"
    dom = run_chromium(url, tmp_path, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-500:]
    html = dom.stdout
    assert html.count('class="item ') >= 3, html[:500]                 # the due items
    assert "chibo-1|76-KH-DU/chi-bo-bao-cao-hang-nam|2025" in html
    assert 'id="timeline"' in html and 'class="arrow"' in html         # the timeline and its arrows
    assert not any(word in html for word in ERROR_WORDS)
    shot = tmp_path / "page.png"
    run = run_chromium(url, tmp_path, f"--screenshot={shot}", "--window-size=412,2400")
    assert run.returncode == 0 and shot.stat().st_size > 10_000
    svg_shot = tmp_path / "timeline.png"
    run = run_chromium(f"{base}/units/chibo-1/timeline.svg?year=2025", tmp_path, f"--screenshot={svg_shot}",
                       "--window-size=1450,600")
    assert run.returncode == 0 and svg_shot.stat().st_size > 10_000
    print(f"screenshots: {shot} {svg_shot}")


def test_200_concurrent_due_requests(server):
    base, _ = server
    results, elapsed = burst(due_requests(base, 200))
    statuses = [s for s, _ in results]
    assert statuses == [200] * 200, {s: statuses.count(s) for s in set(statuses)}
    assert elapsed < 30


def test_3_x_100_concurrent_submissions_lose_nothing(server):
    """Three occurrences recorded, then corrected 300 times at once (100 at a time): every
    record is stored, and exactly one is in force per occurrence (the others are history)."""
    base, tmp = server
    results, _ = burst(first_deliveries(base, TOKEN))
    assert [s for s, _ in results] == [201] * len(DELIVERIES)
    for round_ in range(3):
        results, elapsed = burst(submission_requests(base, TOKEN, 100, round_))
        statuses = [s for s, _ in results]
        assert statuses == [201] * 100, {s: statuses.count(s) for s in set(statuses)}
        assert elapsed < 30
    with sqlite3.connect(tmp / "log.sqlite3") as conn:
        refs = {r for (r,) in conn.execute("SELECT ref FROM submission WHERE ref LIKE 'load-%'")}
        in_force = conn.execute("SELECT unit, duty, period, count(*) FROM submission WHERE replaced_by IS NULL "
                                "GROUP BY unit, duty, period").fetchall()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert refs == {f"load-{r}-{n}" for r in range(3) for n in range(100)} | {"load-first"}
    assert sorted((u, d, p, c) for u, d, p, c in in_force) == sorted((u, d, p, 1) for u, d, p, _ in DELIVERIES)
    # and the service sees them: each delivered occurrence is done
    import json
    import urllib.request

    for unit, duty, period, _on in DELIVERIES:
        with urllib.request.urlopen(f"{base}/api/units/{unit}/explain?duty={duty}&period={period}") as r:
            assert json.load(r)["submission"] is not None


def test_serve_refuses_bad_arguments_in_one_line(tmp_path):
    env = dict(os.environ, OBLIGATIONS_DB=str(tmp_path / "x.sqlite3"))
    bad = tmp_path / "tokens.toml"
    bad.write_text('[[token]]\nsha256 = "secret"\nunit = "xa-X"\n')
    import socket

    busy = socket.create_server(("127.0.0.1", 0))
    port = str(free_port())
    for argv, words in ((["--tokens", str(bad)], "64"), (["--tokens", str(tmp_path / "none.toml")], "does not exist"),
                        (["--port", "0"], "not a port"), (["--port", str(busy.getsockname()[1])], "cannot listen")):
        proc = subprocess.run([sys.executable, "-m", "obligations", "serve", "--lang", "en", "--port", port, *argv],
                              capture_output=True, text=True, timeout=60, env=env,
                              cwd=Path(__file__).resolve().parent.parent)
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert words in proc.stderr
    busy.close()
    assert not (tmp_path / "x.sqlite3").exists()
