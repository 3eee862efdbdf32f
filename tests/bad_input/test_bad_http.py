"""The hostile-input corpus over HTTP: every case of http*.toml sent to a real `serve`.

One server for the module (``python -m obligations serve`` on 127.0.0.1, a free port, the
bundled data, a fresh log, a tokens file with tokens for xa-X, chibo-1 and tw), as an
office's app would meet it. Each case states the request, the status and a word of the
answer; an error answer must be the documented JSON shape {"error", "fix"} (unless the case
says ``shape = false``: the office page answers in HTML), never a traceback, and at most
``max_echo`` characters long when the case bounds what may be echoed.

Case keys (one file per area: http-<area>.toml):
    name, method (GET), path, token ("none" | "wrong" | a unit of the tokens file),
    content_type (application/json when a body is given), body (text) or
    body_fill = {template, char, times} ("@" in template replaced by char * times),
    headers (a table of extra headers), before (a list of requests, same keys, sent first
    whatever their answers), status, word, code (the error's code, docs/errors.md), max_echo,
    shape (true), xfail (a reason; strict).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
CASES = [case for file in sorted(HERE.glob("http*.toml"))
         for case in tomllib.loads(file.read_text(encoding="utf-8")).get("case", [])]
SECRETS = {"xa-X": "token-for-xa-X-" + "a" * 28, "chibo-1": "token-for-chibo-1-" + "b" * 25,
           "tw": "token-for-tw-" + "c" * 30}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    from obligations.web.auth import toml_entry

    tmp = tmp_path_factory.mktemp("http-corpus")
    tokens = tmp / "tokens.toml"
    tokens.write_text("\n".join(toml_entry(secret, unit, f"corpus {unit}") for unit, secret in SECRETS.items()),
                      encoding="utf-8")
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("OBLIGATIONS_DEBUG", None)
    log = open(tmp / "serve.log", "w", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "obligations", "serve", "--host", "127.0.0.1", "--port",
                             str(port), "--tokens", str(tokens), "--db", str(tmp / "log.sqlite3")],
                            stdout=log, stderr=subprocess.STDOUT, cwd=tmp, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        log.close()
        pytest.fail("serve did not start: " + (tmp / "serve.log").read_text(encoding="utf-8")[-2000:])
    yield port
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()
    said = (tmp / "serve.log").read_text(encoding="utf-8")
    assert "Traceback" not in said, said[-4000:]


def _send(port: int, case: dict[str, Any]) -> tuple[int | None, str]:
    body: bytes | None = None
    if "body" in case:
        body = case["body"].encode("utf-8")
    elif "body_fill" in case:
        fill = case["body_fill"]
        body = fill["template"].replace("@", fill["char"] * fill["times"]).encode("utf-8")
    headers = dict(case.get("headers", {}))
    if body is not None:
        headers.setdefault("Content-Type", case.get("content_type", "application/json"))
    token = case.get("token", "none")
    if token == "wrong":
        headers["Authorization"] = "Bearer not-a-token-of-this-server"
    elif token != "none":
        headers["Authorization"] = f"Bearer {SECRETS[token]}"
    method = case.get("method", "POST" if body is not None else "GET")
    request = urllib.request.Request(f"http://127.0.0.1:{port}{case['path']}", data=body, headers=headers,
                                     method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
    except OSError as exc:          # a reset while a refused body is still being sent
        return None, f"{type(exc).__name__}: {exc}"


def _params():
    for case in CASES:    # xfail: a case known to fail until another branch lands (its reason says which)
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
        yield pytest.param(case, id=case["name"], marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_hostile_request(case: dict[str, Any], server: int) -> None:
    for earlier in case.get("before", []):
        _send(server, earlier)
    status, text = _send(server, case)
    assert status == case["status"], f"HTTP {status}: {text[:2000]}"
    assert case.get("word", "") in text, text[:2000]
    assert "Traceback" not in text
    if "max_echo" in case:
        assert len(text) < case["max_echo"], f"{len(text)} characters back: {text[:500]}…"
    if status is not None and status >= 400 and case.get("shape", True):
        from obligations.web.errors import HTTP_STATUS

        answer = json.loads(text)
        assert isinstance(answer, dict) and answer.get("error") and answer.get("fix"), text[:2000]
        # errors as data (docs/errors.md): a code of the closed set whose status is the one answered
        assert answer.get("code") in HTTP_STATUS and HTTP_STATUS[answer["code"]] == status, text[:2000]
        assert set(answer) <= {"error", "fix", "code", "file", "place"}, text[:2000]
        assert answer["code"] == case.get("code", answer["code"]), text[:2000]
