"""Every "today" comes from one clock (obligations.base.dates.utc_now at the command line, the
service's injected clock on the web): with the clock set to a day far from the real date,
each answer that defaults to today follows the clock. Code that read the wall clock (or
``date.today()``, or the machine's time zone) answers for the real day and fails here.

The clock stands at 18:30 UTC on 4/3/2031: 01:30 on Wednesday 5/3/2031 in Vietnam."""

from __future__ import annotations

import datetime as dt
import json

import pytest

FAR = dt.datetime(2031, 3, 4, 18, 30, tzinfo=dt.timezone.utc)
TODAY = "2031-03-05"                 # its date in Vietnam (UTC+7), worked out by hand
YEARLY = "CV-BTVTU-KonTum/bao-cao-hang-nam"


def test_due_without_on_answers_for_the_clocks_day(run_cli, clock):
    clock(FAR)
    code, out, err = run_cli("due", "--unit", "xa-X", "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["on"] == TODAY
    # the yearly report of 2031 is the one open on 5/3/2031 (window 1/1-14/12/2031)
    assert [i["period"] for i in doc["items"] if i["duty"] == YEARLY] == ["2031"]


def test_submit_without_on_records_the_clocks_day(run_cli, clock):
    clock(FAR)
    code, out, err = run_cli("submit", "--unit", "xa-X", "--duty", YEARLY, "--period", "2030")
    assert code == 0, err
    code, out, err = run_cli("status", "--unit", "xa-X", "--year", "2030", "--format", "json")
    assert code == 0, err
    [row] = [i for i in json.loads(out)["items"] if i["duty"] == YEARLY and i["period"] == "2030"]
    assert row["delivered_on"] == TODAY


def test_export_reminders_are_cut_at_the_clocks_instant(run_cli, clock):
    """Reminders before the clock's instant are left out: at 01:30 on 5/3/2031 every
    reminder of 2030 is past and none of December 2031 is."""
    import icalendar

    clock(FAR)
    code, out, err = run_cli("export", "--unit", "xa-X", "--from", "2030-01-01", "--to", "2031-12-31")
    assert code == 0, err
    alarms = [a.decoded("trigger") for a in icalendar.Calendar.from_ical(out.encode()).walk("VALARM")]
    assert alarms and all(at >= FAR for at in alarms)
    assert any(at.year == 2031 and at.month == 12 for at in alarms)


# -- the service -------------------------------------------------------------------------

pytest.importorskip("fastapi")
pytest.importorskip("httpx2")

TOKEN = "xa-token-clock-0123456789"


@pytest.fixture
def far_client(tmp_path):
    from web_helpers import make_client, write_tokens

    tokens = write_tokens(tmp_path / "tokens.toml", {TOKEN: "xa-X"})
    client, service = make_client(tmp_path / "log.sqlite3", tokens, clock=lambda: FAR)
    return client, service


def test_the_service_today_is_its_clocks_day(far_client):
    _client, service = far_client
    assert service.today() == dt.date(2031, 3, 5)


def test_api_due_without_on_answers_for_the_clocks_day(far_client):
    client, _ = far_client
    r = client.get("/api/units/xa-X/due")
    assert r.status_code == 200, r.text
    assert r.json()["on"] == TODAY


def test_api_submission_without_on_is_delivered_on_the_clocks_day(far_client):
    client, _ = far_client
    r = client.post("/api/units/xa-X/submissions", headers={"Authorization": f"Bearer {TOKEN}"},
                    json={"duty": YEARLY, "period": "2030"})
    assert r.status_code == 201, r.text
    assert r.json()["delivered_on"] == TODAY


def test_the_feed_covers_the_years_around_the_clocks_day(far_client):
    """The feed holds last January to next December: 2030-2032 by the clock."""
    import icalendar

    client, _ = far_client
    r = client.get("/units/xa-X/calendar.ics")
    assert r.status_code == 200
    deadlines = [dt.date.fromisoformat(str(e["X-OBLIGATIONS-DEADLINE"]))
                 for e in icalendar.Calendar.from_ical(r.content).walk("VEVENT")]
    assert deadlines and min(deadlines).year == 2030 and max(deadlines).year == 2032


def test_the_unit_page_shows_the_clocks_day(far_client):
    client, _ = far_client
    r = client.get("/units/xa-X")
    assert r.status_code == 200
    assert "05/03/2031" in r.text or TODAY in r.text
