"""The JSON API answers exactly what the command line prints, for the same arguments."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx2")

from web_helpers import ON, ROOT, cli_json, make_client, write_tokens  # noqa: E402

TOKEN = "xa-token-for-tests-0123456789"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return tmp_path_factory.mktemp("web-api") / "log.sqlite3"


@pytest.fixture(scope="module")
def client(db, tmp_path_factory):
    tokens = write_tokens(tmp_path_factory.mktemp("tokens") / "tokens.toml", {TOKEN: "xa-X"})
    client, service = make_client(db, tokens)
    with client:
        yield client


def bundled_units() -> list[str]:
    from obligations.workspace import load

    return sorted(load().hierarchy.units)


# Units of rules/hierarchy.toml with `until = 2025-06-30` (the 2025 reform): asked about
# 2026-11-23, both the API and the CLI refuse, naming the end day and the successor.
ENDED = {"tinh-kon-tum": "tinh-quang-ngai", "huyen-Y": "tinh-quang-ngai", "thixa-Z": "tinh-A",
         "chibo-thixa-1": None}


@pytest.mark.parametrize("unit", bundled_units())
def test_due_equals_cli_for_every_bundled_unit(client, db, unit):
    api = client.get(f"/api/v1/units/{unit}/due", params={"on": ON})
    assert api.status_code == 200
    assert api.json() == cli_json("due", "--unit", unit, "--on", ON, "--format", "json", "--db", str(db), db=db)
    if unit in ENDED:      # answered with nothing listed, saying when it ended and who took over
        why = api.json()["not_active"]
        assert api.json()["items"] == [] and why["ended"] == "2025-06-30" and why["successor"] == ENDED[unit]
    else:
        assert api.json()["not_active"] is None


def test_due_options_and_log_equal_cli(client, db):
    """horizon, lookback, lang, and a log with a delivery and an extension: still the same JSON."""
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = client.post("/api/v1/units/chibo-1/submissions", headers=auth,
                    json={"duty": "76-KH-DU/chi-bo-bao-cao-hang-nam", "period": "2025", "on": "2025-11-20",
                          "ref": "01-BC/CB"})
    assert r.status_code == 201, r.text
    assert r.json()["delivered_on"] == "2025-11-20"
    r = client.post("/api/v1/units/xa-X/extensions", headers=auth,
                    json={"duty": "76-KH-DU/dang-uy-bao-cao-hang-nam", "period": "2026", "until": "2026-12-10",
                          "ref": "12-CV/TU"})
    assert r.status_code == 201, r.text
    for unit, on, extra in (("chibo-1", "2025-11-25", {"horizon": 60, "lookback": 400, "lang": "en"}),
                            ("xa-X", ON, {"horizon": 10, "lookback": 0, "lang": "vi"})):
        api = client.get(f"/api/v1/units/{unit}/due", params={"on": on, **extra})
        assert api.status_code == 200
        argv = ["due", "--unit", unit, "--on", on, "--format", "json", "--db", str(db),
                "--horizon", str(extra["horizon"]), "--lookback", str(extra["lookback"]), "--lang", extra["lang"]]
        cli = cli_json(*argv, db=db)
        assert api.json() == cli
        assert cli["items"]


def test_explain_equals_cli(client, db):
    for unit, duty, period in (("chibo-1", "76-KH-DU/chi-bo-bao-cao-hang-nam", "2025"),
                               ("xa-X", "76-KH-DU/dang-uy-bao-cao-hang-nam", "2026")):
        api = client.get(f"/api/v1/units/{unit}/explain", params={"duty": duty, "period": period, "on": ON})
        assert api.status_code == 200
        cli = cli_json("explain", "--unit", unit, "--duty", duty, "--period", period, "--on", ON,
                       "--format", "json", "--db", str(db), db=db)
        assert api.json() == cli


def test_calendar_equals_cli(client, db):
    api = client.get("/api/v1/calendar/2026", params={"lang": "en"})
    assert api.status_code == 200
    assert api.json() == cli_json("calendar", "--year", "2026", "--format", "json", "--lang", "en", db=db)
    api = client.get("/api/v1/calendar/2025", params={"unit": "xa-X"})
    assert api.json() == cli_json("calendar", "--year", "2025", "--unit", "xa-X", "--format", "json", db=db)


def test_bad_input_is_one_clear_message(client):
    r = client.get("/api/v1/units/nope/due")
    assert r.status_code == 404 and "nope" in r.json()["error"]
    r = client.get("/api/v1/units/xa-X/due", params={"on": "2026-02-30"})
    assert r.status_code == 400 and "YYYY-MM-DD" in r.json()["fix"]
    r = client.get("/api/v1/units/xa-X/explain", params={"duty": "no-such-duty"})
    assert r.status_code == 400
    r = client.get("/api/v1/calendar/1900")
    assert r.status_code == 400
    r = client.post("/api/v1/units/xa-X/submissions", headers={"Authorization": f"Bearer {TOKEN}"},
                    json={"duty": "76-KH-DU/dang-uy-bao-cao-hang-nam", "period": "2026", "on": "2099-01-01"})
    assert r.status_code == 400 and "future" in r.json()["error"]
    r = client.post("/api/v1/units/xa-X/submissions", headers={"Authorization": f"Bearer {TOKEN}"}, json={"duty": 3})
    assert r.status_code == 422


def test_openapi_describes_every_endpoint(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path, method in (("/api/v1/units/{unit}/due", "get"), ("/api/v1/units/{unit}/explain", "get"),
                         ("/api/v1/calendar/{year}", "get"), ("/api/v1/units/{unit}/submissions", "post"),
                         ("/api/v1/units/{unit}/extensions", "post"), ("/api/v1/units/{unit}/events", "post"),
                         ("/units/{unit}/calendar.ics", "get"), ("/units/{unit}/timeline.svg", "get"),
                         ("/units/{unit}", "get")):
        assert method in paths[path], path
    body = paths["/api/v1/units/{unit}/submissions"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    ref = body["$ref"].rsplit("/", 1)[-1]
    assert set(schema["components"]["schemas"][ref]["required"]) == {"duty", "period"}
    assert {p["name"] for p in paths["/api/v1/units/{unit}/due"]["get"]["parameters"]} >= {
        "unit", "on", "horizon", "lookback", "lang"}


def test_due_path_never_imports_the_web_framework():
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "obligations", "due", "--unit", "xa-X",
                           "--on", ON], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    imported = {line.split("|")[-1].strip().split(".")[0] for line in proc.stderr.splitlines() if "|" in line}
    assert "obligations" in imported
    assert not imported & {"fastapi", "starlette", "uvicorn", "pydantic", "httpx", "httpx2"}


def test_count_equals_cli_and_refuses_bad_input(client, db):
    """GET /api/v1/units/{unit}/count answers the JSON of `status --under --format json`."""
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = client.post("/api/v1/units/chibo-2/submissions", headers=auth,
                    json={"duty": "76-KH-DU/chi-bo-bao-cao-hang-nam", "period": "2025", "on": "2025-12-03"})
    assert r.status_code in (201, 409), r.text
    for by in ("unit", "directive", "duty"):
        api = client.get("/api/v1/units/xa-X/count", params={"from": "2025-01-01", "to": "2026-12-31",
                                                             "on": "2026-12-01", "by": by, "lang": "en"})
        assert api.status_code == 200, api.text
        assert api.json() == cli_json("status", "--under", "xa-X", "--from", "2025-01-01", "--to", "2026-12-31",
                                      "--on", "2026-12-01", "--by", by, "--lang", "en", "--format", "json",
                                      "--db", str(db), db=db)
    late = api.json()["total"]
    assert late["late"] >= 1 and late["late_working_days"] >= 3      # chibo-2: 1, 2, 3/12/2025
    bad = client.get("/api/v1/units/xa-X/count", params={"from": "2026-12-31", "to": "2025-01-01", "on": "2026-12-01"})
    assert bad.status_code == 400 and bad.json()["code"] == "bad-range"
    assert client.get("/api/v1/units/khong-co/count", params={"on": "2026-12-01"}).status_code == 404
    assert client.get("/api/v1/units/xa-X/count", params={"by": "province"}).status_code == 422
