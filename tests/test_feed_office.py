"""The feed as a clerk's phone sees it (issue 23): no reminder already past by the service's
clock (some apps fire every one on subscribing), and titles that say the state."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx2")

from web_helpers import FIXED_NOW, make_client, write_tokens  # noqa: E402

TOKEN = "xa-token-feed-office-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
REPORT = "76-KH-DU/dang-uy-bao-cao-hang-nam"
CONFLICT = str(Path(__file__).parent / "fixtures" / "rules_conflict")


def alarms_by_two_libraries(body: bytes) -> tuple[dict[str, list[dt.datetime]], dict[str, list[dt.datetime]]]:
    """UID -> alarm instants, read by icalendar and, separately, by vobject."""
    import icalendar
    import vobject

    first = {str(e["UID"]): [a.decoded("TRIGGER") for a in e.walk("VALARM")]
             for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}
    second: dict[str, list[dt.datetime]] = {}
    for event in vobject.readOne(body.decode("utf-8")).vevent_list:
        second[event.uid.value] = [a.trigger.value for a in getattr(event, "valarm_list", [])]
    return first, second


def summaries(body: bytes) -> dict[tuple[str, str], str]:
    import icalendar

    return {(str(e["X-OBLIGATIONS-DUTY"]), str(e["X-OBLIGATIONS-PERIOD"])): str(e["SUMMARY"])
            for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def feed(tmp_path, clock=lambda: FIXED_NOW, rules=None, unit="xa-X", **params):
    tmp_path.mkdir(parents=True, exist_ok=True)
    tokens = write_tokens(tmp_path / "tokens.toml", {TOKEN: unit})
    client, _ = make_client(tmp_path / "log.sqlite3", tokens, clock=clock, rules=rules)
    r = client.get(f"/units/{unit}/calendar.ics", params=params)
    assert r.status_code == 200
    return client, r.content


def test_no_alarm_before_the_services_now_in_two_parsers(tmp_path):
    _, body = feed(tmp_path)
    first, second = alarms_by_two_libraries(body)
    assert set(first) == set(second) and first
    everyone = [at for ats in first.values() for at in ats]
    assert everyone and all(at >= FIXED_NOW for at in everyone)
    assert sorted(everyone) == sorted(at for ats in second.values() for at in ats)
    # the yearly report of 2026 (deadline Monday 30/11): 3 working days before is Wednesday 25/11
    # (24/11 is Culture Day), at 08:00 in Vietnam = 01:00 UTC, two days after the clock: kept
    assert dt.datetime(2026, 11, 25, 1, 0, tzinfo=dt.timezone.utc) in everyone
    # events whose deadline has passed had their reminders before now: none is left (the feed
    # kept them all with its fixed stamp of 2000)
    import icalendar

    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    past = [e for e in events if dt.date.fromisoformat(str(e["X-OBLIGATIONS-DEADLINE"])) < dt.date(2026, 11, 23)]
    assert past and not any(e.walk("VALARM") for e in past)


def test_the_clock_moves_the_alarms_not_the_wall_clock(tmp_path):
    # one hour after that reminder (09:00 on 25/11 in Vietnam): it is gone; an hour before: kept
    after = dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.timezone.utc)
    _, body = feed(tmp_path / "a", clock=lambda: after)
    first, _ = alarms_by_two_libraries(body)
    everyone = [at for ats in first.values() for at in ats]
    assert dt.datetime(2026, 11, 25, 1, 0, tzinfo=dt.timezone.utc) not in everyone
    assert all(at >= after for at in everyone)
    before = dt.datetime(2026, 11, 25, 0, 0, tzinfo=dt.timezone.utc)
    _, body = feed(tmp_path / "b", clock=lambda: before)
    first, _ = alarms_by_two_libraries(body)
    assert dt.datetime(2026, 11, 25, 1, 0, tzinfo=dt.timezone.utc) in [at for ats in first.values() for at in ats]


def test_titles_say_delivered_and_overdue(tmp_path):
    client, body = feed(tmp_path)
    titles = summaries(body)
    # on 23/11/2026 the report of 2026 (deadline 30/11) is still ahead: no mark
    assert titles[(REPORT, "2026")].startswith("[Hạn 30/11/2026] ")
    overdue = [t for t in titles.values() if t.startswith("⚠ quá hạn · [Hạn ")]
    assert overdue                                   # the export counts 4 overdue items that day
    r = client.post("/api/units/xa-X/submissions", headers=AUTH,
                    json={"duty": REPORT, "period": "2026", "on": "2026-11-23"})
    assert r.status_code == 201, r.text
    titles = summaries(client.get("/units/xa-X/calendar.ics").content)
    assert titles[(REPORT, "2026")].startswith("✔ đã nộp · [Hạn 30/11/2026] ")
    english = summaries(client.get("/units/xa-X/calendar.ics", params={"lang": "en"}).content)
    assert english[(REPORT, "2026")].startswith("✔ delivered · [Deadline 30/11/2026] ")
    assert any(t.startswith("⚠ overdue · ") for t in english.values())
    assert not any("quá hạn" in t or "đã nộp" in t for t in english.values())


def test_title_says_conflict(tmp_path):
    # tests/fixtures/rules_conflict on 03/11/2025: xa-C's review cannot meet the province's deadline
    on = dt.datetime(2025, 11, 3, 1, 0, tzinfo=dt.timezone.utc)
    _, body = feed(tmp_path, clock=lambda: on, rules=[CONFLICT], unit="xa-C")
    titles = summaries(body)
    marked = [t for t in titles.values() if t.startswith("⚡ xung đột · ")]
    assert marked == ["⚡ xung đột · [Hạn 14/11/2025] Đảng ủy xã báo cáo sơ kết (năm 2025)"]
