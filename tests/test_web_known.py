"""The web API answers as the CLI does with layered rules and "as known on" (review items 1, 21),
keeps its numbers in the CLI's bounds (item 9) and guards the unit list (item 11)."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx2")

from web_helpers import cli_json, make_client, write_tokens  # noqa: E402

RULES = ["rules", "tests/fixtures/amend"]
LAYERED = ["--rules", "rules", "--rules", "tests/fixtures/amend"]
ON = "2026-06-01"                  # before the amending letter (issued 2026-07-15)
LATER = "2026-08-01"               # after it
KONTUM = "CV-BTVTU-KonTum/bao-cao-hang-nam"
TOKEN = "xa-token-known-0123456789"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return tmp_path_factory.mktemp("web-known") / "log.sqlite3"


@pytest.fixture(scope="module")
def client(db):
    client, _service = make_client(db, rules=RULES)
    with client:
        yield client


def kontum(doc: dict) -> str:
    [deadline] = [i["deadline"] for i in doc["items"] if i["duty"] == KONTUM and i["period"] == "2026"]
    return deadline


@pytest.mark.parametrize("known,deadline", [(None, "2026-12-14"), (LATER, "2026-12-09")])
def test_due_with_layered_rules_equals_cli(client, db, known, deadline):
    params = {"on": ON, "horizon": 200} | ({"as_known_on": known} if known else {})
    api = client.get("/api/units/xa-X/due", params=params)
    assert api.status_code == 200, api.text
    argv = ["due", "--unit", "xa-X", *LAYERED, "--on", ON, "--horizon", "200", "--format", "json", "--db", str(db)]
    cli = cli_json(*argv, *(["--as-known-on", known] if known else []), db=db)
    assert api.json() == cli
    # as known on 1 June the letter of 15 July does not count: the Kon Tum date stands
    assert kontum(api.json()) == deadline


def test_due_as_known_on_default_is_on(client):
    plain = client.get("/api/units/xa-X/due", params={"on": ON, "horizon": 200}).json()
    same = client.get("/api/units/xa-X/due", params={"on": ON, "horizon": 200, "as_known_on": ON}).json()
    assert plain == same


@pytest.mark.parametrize("known", [None, LATER])
def test_explain_with_layered_rules_equals_cli(client, db, known):
    params = {"duty": KONTUM, "period": "2026", "on": ON} | ({"as_known_on": known} if known else {})
    api = client.get("/api/units/xa-X/explain", params=params)
    assert api.status_code == 200, api.text
    argv = ["explain", "--unit", "xa-X", "--duty", KONTUM, "--period", "2026", *LAYERED, "--on", ON,
            "--format", "json", "--db", str(db)]
    assert api.json() == cli_json(*argv, *(["--as-known-on", known] if known else []), db=db)


def test_timeline_and_feed_take_as_known_on(client, run_cli, tmp_path):
    def deadlines(svg: str) -> bool:
        return "2026-12-14" in svg, "2026-12-09" in svg

    early = client.get("/units/xa-X/timeline.svg", params={"year": 2026, "as_known_on": ON})
    late = client.get("/units/xa-X/timeline.svg", params={"year": 2026, "as_known_on": LATER})
    assert early.status_code == late.status_code == 200
    assert deadlines(early.text) == (True, False) and deadlines(late.text) == (False, True)
    out = tmp_path / "t.svg"
    argv = ["timeline", "--unit", "xa-X", "--year", "2026", *LAYERED, "--as-known-on", ON, "--out", str(out),
            "--db", str(tmp_path / "none.sqlite3")]
    assert run_cli(*argv)[0] == 0
    assert out.read_text(encoding="utf-8") == early.text
    feed_early = client.get("/units/xa-X/calendar.ics", params={"as_known_on": ON}).text
    feed_late = client.get("/units/xa-X/calendar.ics", params={"as_known_on": LATER}).text
    assert "20261214" in feed_early.replace("-", "") and feed_early != feed_late
    assert client.get("/api/units/xa-X/due", params={"as_known_on": "2026-02-30"}).status_code == 400


@pytest.mark.parametrize("path,name,high", [
    ("/api/units/xa-X/due", "horizon", 3660),
    ("/api/units/xa-X/due", "lookback", 3660),
    ("/units/xa-X/calendar.ics", "remind", 250),
])
def test_numbers_are_bounded_as_on_the_command_line(client, path, name, high):
    import importlib

    from obligations.base.vocabulary import HORIZON_MAX, WORKING_DAYS_MAX

    main = importlib.import_module("obligations.cli.main")     # the package exports main(), the function
    assert (main.HORIZON_MAX, main.WORKING_DAYS_MAX) == (HORIZON_MAX, WORKING_DAYS_MAX) == (3660, 250)
    for value in (1_000_000_000, high + 1, -1):
        r = client.get(path, params={name: value})
        assert r.status_code == 422, (name, value, r.status_code)
    assert client.get(path, params={name: high, "on": ON} if "api" in path else {name: high}).status_code == 200


def test_the_unit_list_is_a_guarded_read(tmp_path):
    tokens = write_tokens(tmp_path / "tokens.toml", {TOKEN: "xa-X"})
    local, _ = make_client(tmp_path / "log.sqlite3", tokens, local=True, open_reads=True)
    r = local.get("/")
    assert r.status_code == 200 and "/units/xa-X" in r.text
    remote, _ = make_client(tmp_path / "log.sqlite3", tokens, local=False, open_reads=False)
    refused = remote.get("/")
    assert refused.status_code == 401 and "xa-X" not in refused.text and "chibo-1" not in refused.text
    assert remote.get("/", params={"token": "not-a-token"}).status_code == 401
    allowed = remote.get("/", headers={"Authorization": f"Bearer {TOKEN}"})
    assert allowed.status_code == 200 and "/units/xa-X" in allowed.text
    by_query = remote.get("/", params={"token": TOKEN})
    assert by_query.status_code == 200 and f"/units/xa-X?token={TOKEN}" in by_query.text
