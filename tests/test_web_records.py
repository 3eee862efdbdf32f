"""Second records through the API (issue 22): 409 Conflict with {"error", "fix"} naming the record
already there, a replacement with a reason, the same record again answered without a write;
notes bounded without being echoed."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx2")

from web_helpers import ROOT, make_client, write_tokens  # noqa: E402

TOKEN = "xa-token-for-records-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
COMMUNE = "76-KH-DU/dang-uy-bao-cao-hang-nam"
POST = "/api/units/xa-X/submissions"


@pytest.fixture
def client(tmp_path):
    tokens = write_tokens(tmp_path / "tokens.toml", {TOKEN: "xa-X"})
    client, _service = make_client(tmp_path / "log.sqlite3", tokens)
    with client:
        yield client


def test_a_second_delivery_is_409_and_a_replacement_201(client):
    first = {"duty": COMMUNE, "period": "2024", "on": "2024-11-20", "ref": "12-BC/DU"}
    assert client.post(POST, headers=AUTH, json=first).status_code == 201
    r = client.post(POST, headers=AUTH, json=first)            # the same again: no conflict, no new row
    assert r.status_code == 201 and r.json()["delivered_on"] == "2024-11-20"
    r = client.post(POST, headers=AUTH, json=dict(first, on="2024-11-25"))
    assert r.status_code == 409, r.text
    body = r.json()
    # the log's file named as the error names it; the fix in the API's words (its fields, no flag)
    assert set(body) == {"error", "fix", "code", "file"} and body["code"] == "already-recorded"
    assert "delivered on 2024-11-20" in body["error"] and "12-BC/DU" in body["error"]
    assert '"replace": true' in body["fix"] and "--" not in body["fix"] and body["error"].endswith(f"({body['fix']})")
    r = client.post(POST, headers=AUTH, json=dict(first, on="2024-11-25", replace=True))
    assert r.status_code == 400 and "needs the reason" in r.json()["error"]
    r = client.post(POST, headers=AUTH, json=dict(first, on="2024-11-25", replace=True, reason="sửa ngày nộp"))
    assert r.status_code == 201 and r.json()["reason"] == "sửa ngày nộp"
    doc = client.get("/api/units/xa-X/explain", params={"duty": COMMUNE, "period": "2024", "on": "2025-01-05"}).json()
    assert doc["submission"]["delivered_on"] == "2024-11-25"
    assert [(x["kind"], x["date"], x["ref"]) for x in doc["replaced"]] == [("submission", "2024-11-20", "12-BC/DU")]


def test_a_corrected_event_is_409_then_replaced(tmp_path):
    tokens = write_tokens(tmp_path / "tokens.toml", {TOKEN: "don-vi-A"})
    client, _ = make_client(tmp_path / "log.sqlite3", tokens, rules=[str(ROOT / "tests" / "fixtures" / "shapes")])
    post = "/api/units/don-vi-A/events"
    assert client.post(post, headers=AUTH, json={"event": "nhan-ke-hoach", "on": "2025-03-03"}).status_code == 201
    r = client.post(post, headers=AUTH, json={"event": "nhan-ke-hoach", "on": "2025-03-05"})
    assert r.status_code == 409 and "on 2025-03-03" in r.json()["error"] and r.json()["fix"]
    r = client.post(post, headers=AUTH, json={"event": "nhan-ke-hoach", "on": "2025-03-05", "replace": True,
                                              "reason": "nhận ngày 5/3"})
    assert r.status_code == 201 and r.json()["on"] == "2025-03-05"
    items = client.get("/api/units/don-vi-A/due", params={"on": "2025-03-10"}).json()["items"]
    assert [i["period"] for i in items if i["duty"] == "SHAPES/s06"] == ["2025-03-05"]


def test_a_long_note_is_refused_without_being_echoed(client):
    r = client.post(POST, headers=AUTH, json={"duty": COMMUNE, "period": "2025", "on": "2025-11-20",
                                              "note": "n" * 60_000})
    assert r.status_code == 400 and set(r.json()) == {"error", "fix", "code"} and r.json()["code"] == "too-long"
    assert "60,000 characters" in r.json()["error"] and "n" * 200 not in r.text and len(r.text) < 600
    due = client.get("/api/units/xa-X/due", params={"on": "2025-11-21"})
    assert "n" * 200 not in due.text
