"""Who may write and read: refused writes write nothing, and no refusal logs the token."""

from __future__ import annotations

import logging

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx2")

from web_helpers import make_client, write_tokens  # noqa: E402

XA, CELL, OTHER = "xa-token-0123456789abcdef", "cell-token-0123456789abcdef", "hn-token-0123456789abcdef"
SUBMISSION = {"duty": "76-KH-DU/chi-bo-bao-cao-hang-nam", "period": "2025", "on": "2025-11-20"}
WRITES = [
    ("/api/units/chibo-1/submissions", SUBMISSION),
    ("/api/units/chibo-1/extensions", {"duty": "76-KH-DU/chi-bo-bao-cao-hang-nam", "period": "2026",
                                       "until": "2026-12-10", "ref": "1-CV"}),
    ("/api/units/chibo-1/events", {"event": "nhan-ke-hoach", "on": "2026-11-02"}),
]


@pytest.fixture
def setup(tmp_path):
    tokens = write_tokens(tmp_path / "tokens.toml", {XA: "xa-X", CELL: "chibo-1", OTHER: "chibo-hn-1"})
    db = tmp_path / "log.sqlite3"
    return db, tokens


@pytest.mark.parametrize("path,body", WRITES)
@pytest.mark.parametrize("header,status", [
    (None, 401),
    ("Bearer not-a-known-token", 401),
    ("Basic " + XA, 401),                  # not a bearer token
    (f"Bearer {OTHER}", 403),              # a unit elsewhere in the hierarchy
])
def test_refused_writes_write_nothing(setup, caplog, path, body, header, status):
    db, tokens = setup
    client, service = make_client(db, tokens)
    headers = {"Authorization": header} if header else {}
    with caplog.at_level(logging.WARNING, logger="obligations.web"):
        r = client.post(path, json=body, headers=headers)
    assert r.status_code == status
    assert not db.exists() or service.count_records("chibo-1") == 0
    assert not db.exists()                  # not even created
    refusals = [rec.getMessage() for rec in caplog.records if "refused" in rec.getMessage()]
    assert refusals and all(t not in m for m in refusals for t in (XA, CELL, OTHER, "not-a-known-token"))
    if status == 401:
        assert r.headers["www-authenticate"] == "Bearer"


def test_a_token_writes_for_its_unit_and_below_only(setup):
    db, tokens = setup
    client, service = make_client(db, tokens)
    assert client.post("/api/units/chibo-1/submissions", json=SUBMISSION,
                       headers={"Authorization": f"Bearer {XA}"}).status_code == 201      # below xa-X
    # itself (another period: the same record again would write nothing)
    assert client.post("/api/units/chibo-1/submissions", json={**SUBMISSION, "period": "2024", "on": "2024-11-20"},
                       headers={"Authorization": f"Bearer {CELL}"}).status_code == 201
    up = client.post("/api/units/xa-X/submissions", headers={"Authorization": f"Bearer {CELL}"},
                     json={"duty": "76-KH-DU/dang-uy-bao-cao-hang-nam", "period": "2025", "on": "2025-11-20"})
    assert up.status_code == 403                                                            # above it
    sibling = client.post("/api/units/chibo-2/submissions", json=SUBMISSION, headers={"Authorization": f"Bearer {CELL}"})
    assert sibling.status_code == 403
    assert service.count_records("chibo-1") == 2
    assert service.count_records("xa-X") == 0 and service.count_records("chibo-2") == 0


def test_the_page_form_needs_a_token_too(setup):
    db, tokens = setup
    client, service = make_client(db, tokens)
    form = {"item": "76-KH-DU/chi-bo-bao-cao-hang-nam|2025", "on": "2025-11-20", "lang": "vi"}
    assert client.post("/units/chibo-1/deliver", data=form).status_code == 401
    assert client.post("/units/chibo-1/deliver", data={**form, "token": OTHER}).status_code == 403
    assert not db.exists()
    ok = client.post("/units/chibo-1/deliver", data={**form, "token": CELL, "ref": "02-BC"}, follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"].startswith("/units/chibo-1?")
    assert service.count_records("chibo-1") == 1
    page = client.get(ok.headers["location"])
    assert page.status_code == 200 and "Đã ghi nhận" in page.text


def test_reads_are_open_on_loopback_only(setup):
    db, tokens = setup
    local, _ = make_client(db, tokens, local=True, open_reads=True)
    assert local.get("/api/units/xa-X/due").status_code == 200
    # bound to another address: every read needs a token that acts for the unit
    remote, _ = make_client(db, tokens, local=False, open_reads=False)
    assert remote.get("/api/units/xa-X/due").status_code == 401
    assert remote.get("/units/xa-X/calendar.ics").status_code == 401
    assert remote.get("/units/xa-X").status_code == 401
    assert remote.get("/api/units/xa-X/due", headers={"Authorization": f"Bearer {XA}"}).status_code == 200
    assert remote.get("/api/units/chibo-1/due", headers={"Authorization": f"Bearer {XA}"}).status_code == 200
    assert remote.get("/api/units/xa-X/due", headers={"Authorization": f"Bearer {CELL}"}).status_code == 403
    assert remote.get("/units/xa-X/calendar.ics", params={"token": XA}).status_code == 200
    assert remote.get("/api/calendar/2026", headers={"Authorization": f"Bearer {OTHER}"}).status_code == 200
    # a loopback client of a server bound elsewhere is not trusted either
    bound_wide, _ = make_client(db, tokens, local=True, open_reads=False)
    assert bound_wide.get("/api/units/xa-X/due").status_code == 401


def test_tokens_file_holds_hashes_and_known_units(tmp_path):
    from obligations.base.errors import DataFileError
    from obligations.web.auth import load_tokens

    path = write_tokens(tmp_path / "t.toml", {XA: "xa-X"})
    text = path.read_text()
    assert XA not in text and "sha256" in text
    known = {"xa-X"}.__contains__
    assert load_tokens(path, known).find(XA).unit == "xa-X"
    for bad, words in (('[[token]]\nsha256 = "abc"\nunit = "xa-X"\n', "64"),
                       ('[[token]]\nsha256 = "' + "a" * 64 + '"\nunit = "nope"\n', "unknown unit"),
                       ('[[token]]\ntoken = "secret"\n', "keys"),
                       ("[[token]\n", "TOML")):
        path.write_text(bad)
        with pytest.raises(DataFileError, match=words) as err:
            load_tokens(path, known)
        assert str(path) in err.value.render()
    with pytest.raises(DataFileError, match="does not exist"):
        load_tokens(tmp_path / "missing.toml", known)


def test_token_command_prints_the_token_once_and_only_its_hash_for_the_file(run_cli, capsys):
    from obligations.web.auth import hash_token

    code, out, _err = run_cli("token", "--unit", "xa-X", "--note", "văn phòng")
    assert code == 0
    # run_cli captured stderr too; the token is only there
    import re

    digest = re.search(r'sha256 = "([0-9a-f]{64})"', out).group(1)
    token = _err.strip().rsplit(" ", 1)[-1]
    assert hash_token(token) == digest and token not in out
    assert run_cli("token", "--unit", "nope")[0] == 2
