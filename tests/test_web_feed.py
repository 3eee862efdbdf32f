"""The calendar feed parses in three libraries, keeps its UIDs, and tells clients what changed."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx2")

from web_helpers import make_client, write_tokens  # noqa: E402

TOKEN = "xa-token-feed-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(tmp_path):
    tokens = write_tokens(tmp_path / "tokens.toml", {TOKEN: "xa-X"})
    client, _service = make_client(tmp_path / "log.sqlite3", tokens)
    return client


def events(body: bytes) -> dict:
    import icalendar

    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def test_feed_parses_in_icalendar_ics_and_vobject(client):
    r = client.get("/units/xa-X/calendar.ics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    parsed = events(r.content)
    assert parsed
    ics = pytest.importorskip("ics")
    vobject = pytest.importorskip("vobject")
    other = ics.Calendar(r.text)
    assert {e.uid for e in other.events} == set(parsed)
    third = vobject.readOne(r.text)
    assert {v.uid.value for v in third.vevent_list} == set(parsed)
    for event in parsed.values():
        deadline = dt.date.fromisoformat(str(event["X-OBLIGATIONS-DEADLINE"]))
        assert event.decoded("DTSTART") == deadline                       # on the deadline day
        assert event.decoded("DTEND") == deadline + dt.timedelta(days=1)
        assert event["SEQUENCE"] == 0 and "LAST-MODIFIED" not in event


def test_uids_are_stable_and_the_same_as_export(client, run_cli):
    first = client.get("/units/xa-X/calendar.ics").content
    second = client.get("/units/xa-X/calendar.ics").content
    assert first == second
    from obligations.base.dates import today_in_vietnam

    year = today_in_vietnam().year
    code, out, _ = run_cli("export", "--unit", "xa-X", "--from", f"{year - 1}-01-01", "--to", f"{year + 1}-12-31")
    assert code == 0
    assert set(events(out.encode())) == set(events(first))


def test_etag_and_if_none_match(client):
    r = client.get("/units/xa-X/calendar.ics")
    tag = r.headers["etag"]
    again = client.get("/units/xa-X/calendar.ics", headers={"If-None-Match": tag})
    assert again.status_code == 304 and not again.content and again.headers["etag"] == tag
    assert client.get("/units/xa-X/calendar.ics", headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get("/units/xa-X/calendar.ics", headers={"If-None-Match": f'"x", W/{tag}'}).status_code == 304


def test_a_change_bumps_sequence_and_last_modified_and_the_etag(client):
    before = client.get("/units/xa-X/calendar.ics")
    from obligations.base.dates import today_in_vietnam

    year = today_in_vietnam().year
    duty = "76-KH-DU/dang-uy-bao-cao-hang-nam"
    old = [e for e in events(before.content).values()
           if str(e["X-OBLIGATIONS-DUTY"]) == duty and str(e["X-OBLIGATIONS-PERIOD"]) == str(year)]
    assert len(old) == 1
    uid = str(old[0]["UID"])
    own = old[0].decoded("DTEND") - dt.timedelta(days=1)
    until = own + dt.timedelta(days=14)
    r = client.post("/api/units/xa-X/extensions", headers=AUTH,
                    json={"duty": duty, "period": str(year), "until": until.isoformat(), "ref": "9-CV/TU"})
    assert r.status_code == 201, r.text
    after = client.get("/units/xa-X/calendar.ics", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
    changed = events(after.content)[uid]
    assert changed["SEQUENCE"] == 1
    assert changed.decoded("LAST-MODIFIED") == changed.decoded("DTSTAMP")
    assert changed.decoded("DTEND") > old[0].decoded("DTEND")
    untouched = [e for k, e in events(after.content).items() if k != uid]
    assert all(e["SEQUENCE"] == 0 for e in untouched)


def test_timeline_svg_draws_the_reconciliation(client, run_cli, tmp_path):
    r = client.get("/units/chibo-1/timeline.svg", params={"year": 2025})
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(r.text)
    ns = "{http://www.w3.org/2000/svg}"
    groups = root.iter(f"{ns}g")
    classes = [g.get("class") for g in groups]
    assert "arrow" in classes                       # the cell's report feeds the commune's
    bars = [g for g in root.iter(f"{ns}g") if (g.get("class") or "").startswith("bar")]
    keys = {g.get("data-key") for g in bars}
    assert "chibo-1|76-KH-DU/chi-bo-bao-cao-hang-nam|2025" in keys
    assert any(k.startswith("xa-X|") for k in keys)   # the level it feeds
    assert any(r.get("class") == "dayoff" for r in root.iter(f"{ns}rect"))
    out = tmp_path / "t.svg"
    assert run_cli("timeline", "--unit", "chibo-1", "--year", "2025", "--out", str(out))[0] == 0
    assert out.read_text(encoding="utf-8") == r.text
    assert client.get("/units/nope/timeline.svg").status_code == 404


def test_timeline_marks_a_conflict_in_red():
    from obligations.render.timeline_svg import draw
    from obligations.report.timeline import Bar, Chain, Row, Timeline

    bar = Bar("u|d|2025", "2025", dt.date(2025, 3, 1), dt.date(2025, 3, 31), dt.date(2025, 3, 20),
              dt.date(2025, 3, 10), True)
    row = Row("u", "U", "cell", "d", "t", "t", (bar,))
    svg = draw(Timeline("u", "U", dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2025, 3, 5),
                        (Chain("c", "c", "1-KH", (row,), ()),), ()))
    root = ET.fromstring(svg)
    conflict = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "bar conflict"]
    assert conflict and "#c62828" in ET.tostring(conflict[0], encoding="unicode")
    # not by colour alone: the cross-hatched pattern, and the word on the row's line of dates
    assert 'fill="url(#tl-conflict)"' in ET.tostring(conflict[0], encoding="unicode")
    dates = [t for t in root.iter("{http://www.w3.org/2000/svg}text") if t.get("class") == "dates"]
    assert [t.text for t in dates] == ["năm 2025: hạn 10/03/2025; hạn riêng 31/03/2025; xung đột"]


def test_page_lists_items_conflicts_first_and_works_in_english(client):
    r = client.get("/units/chibo-1", params={"on": "2025-11-25"})
    assert r.status_code == 200 and "<html lang='vi'" in r.text
    assert "Giải trình hạn này" in r.text and 'id="timeline"' in r.text and "<form" in r.text
    assert "duty=76-KH-DU%2Fchi-bo-bao-cao-hang-nam&amp;period=2025" in r.text
    en = client.get("/units/chibo-1", params={"on": "2025-11-25", "lang": "en"})
    assert "How this deadline is derived" in en.text and "<html lang='en'" in en.text
    explain = client.get("/units/chibo-1/explain", params={"duty": "76-KH-DU/chi-bo-bao-cao-hang-nam",
                                                          "period": "2025"})
    assert explain.status_code == 200 and "76-KH/ĐU" in explain.text
    assert client.get("/units/nope").status_code == 404
    # an unknown unit is 404 on every page, as in the JSON API; an unknown duty is a bad request
    missing = client.get("/units/nope/explain", params={"duty": "76-KH-DU/chi-bo-bao-cao-hang-nam"})
    assert missing.status_code == 404 and "nope" in missing.text
    assert client.get("/units/chibo-1/explain", params={"duty": "nope"}).status_code == 400


def test_page_shows_conflicts_first():
    from obligations.render.page import render_page

    def item(key: str, conflict: bool) -> dict:
        return {"id": key, "duty": "d", "period": "2025", "title": key, "directive": "X", "status": "upcoming",
                "days_left": 3, "working_days_left": 2, "window_start": "2025-01-01", "deadline": "2025-02-01",
                "own_deadline": "2025-02-01", "sources": [], "decided_by": [], "calendar": {"skipped": []},
                "routing": [], "recipient": None, "submission": None, "assumptions": [],
                "conflicts": [{"message": "clash", "advice": ["ask"], "constraints": [],
                               "window_start": "2025-02-03"}] if conflict else []}
    doc = {"unit": "u", "unit_name": "U", "on": "2025-01-01", "hidden_overdue": 0,
           "items": [item("first-by-date", False), item("the-conflict", True)]}
    html = render_page(doc, "<svg/>", 2025, "vi")
    assert html.index("the-conflict") < html.index("first-by-date")
