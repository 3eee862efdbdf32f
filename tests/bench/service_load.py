"""A real `serve` on 127.0.0.1 and concurrent clients: used by the bench and by a bounded test.

Only ever binds the loopback address, on a free port, and stops the server it started.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent.parent
ON = "2026-11-23"
UNITS = ("xa-X", "chibo-1", "chibo-2", "chibo-3", "phuong-Z1", "chibo-hn-1")
# (unit, duty, period, delivered on): occurrences a commune's token may record
DELIVERIES = (("chibo-1", "76-KH-DU/chi-bo-bao-cao-hang-nam", "2025", "2025-11-20"),
              ("chibo-2", "76-KH-DU/chi-bo-bao-cao-hang-nam", "2025", "2025-11-21"),
              ("xa-X", "76-KH-DU/dang-uy-bao-cao-hang-nam", "2025", "2025-11-25"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(tmp: Path, tokens: Path | None = None, python: str = sys.executable) -> Iterator[str]:
    """``python -m obligations serve`` on 127.0.0.1; yields its base URL."""
    port = free_port()
    argv = [python, "-m", "obligations", "serve", "--host", "127.0.0.1", "--port", str(port),
            "--db", str(tmp / "log.sqlite3")]
    if tokens is not None:
        argv += ["--tokens", str(tokens)]
    log = open(tmp / "serve.log", "w")
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            env=dict(os.environ, OBLIGATIONS_DB=str(tmp / "log.sqlite3")))
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                log.flush()
                raise RuntimeError(f"serve exited {proc.returncode}: {(tmp / 'serve.log').read_text()[-500:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("serve did not start within 60 s") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


async def _burst(requests: list[tuple[str, str, dict | None, dict]], timeout: float) -> list[tuple[int, float]]:
    """All ``requests`` (method, url, json, headers) at once; (status, seconds) of each."""
    import httpx2

    limits = httpx2.Limits(max_connections=len(requests), max_keepalive_connections=len(requests))
    async with httpx2.AsyncClient(limits=limits, timeout=timeout) as client:
        async def one(method: str, url: str, body: dict | None, headers: dict) -> tuple[int, float]:
            start = time.perf_counter()
            try:
                r = await client.request(method, url, json=body, headers=headers)
                return r.status_code, time.perf_counter() - start
            except Exception:
                return -1, time.perf_counter() - start
        return list(await asyncio.gather(*(one(*r) for r in requests)))


def burst(requests: list[tuple[str, str, dict | None, dict]], timeout: float = 60) -> tuple[list[tuple[int, float]], float]:
    start = time.perf_counter()
    results = asyncio.run(_burst(requests, timeout))
    return results, time.perf_counter() - start


def due_requests(base: str, count: int) -> list[tuple[str, str, dict | None, dict]]:
    return [("GET", f"{base}/api/v1/units/{UNITS[n % len(UNITS)]}/due?on={ON}", None, {}) for n in range(count)]


def first_deliveries(base: str, token: str) -> list[tuple[str, str, dict | None, dict]]:
    """The first record of each occurrence of DELIVERIES, for ``submission_requests`` to replace."""
    return [("POST", f"{base}/api/v1/units/{unit}/submissions", {"duty": duty, "period": period, "on": on,
                                                               "ref": "load-first"},
             {"Authorization": f"Bearer {token}"}) for unit, duty, period, on in DELIVERIES]


def submission_requests(base: str, token: str, count: int, round_: int) -> list[tuple[str, str, dict | None, dict]]:
    """``count`` corrections of the three occurrences of DELIVERIES (one record per occurrence:
    each replaces the one in force, which stays as history), each with its own reference."""
    out = []
    for n in range(count):
        unit, duty, period, on = DELIVERIES[n % len(DELIVERIES)]
        out.append(("POST", f"{base}/api/v1/units/{unit}/submissions",
                    {"duty": duty, "period": period, "on": on, "ref": f"load-{round_}-{n}", "replace": True,
                     "reason": "load test"},
                    {"Authorization": f"Bearer {token}"}))
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]
