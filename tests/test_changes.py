"""What a new document changes (report/changes.py, `changes`, the feed's revisions, acknowledgements).

The fixture tests/fixtures/changes: KT-TINH-1 (issued 1/12/2025) gives three levels whose reports feed
each other: the province's report "trước ngày 16/01/2026" (last day Thursday 15/1/2026), the commune's
"trước ngày 31/01/2026" (own deadline Friday 30/1) that feeds it, the cells' (the same) that feed the
commune's, a topical report of the province "trước ngày 20/01/2027" (Tuesday 19/1/2027), and a commune's
quick report "trước ngày 03/01/2026" (Friday 2/1/2026, until the swap of 2/1 with Saturday 10/1/2026,
decision 12729/VPCP-KGVX of 25/12/2025, makes it Wednesday 31/12/2025: 1/1 is New Year's Day). KT-TINH-2
(issued 22/12/2025) moves the province's report to "trước ngày 09/01/2026" (Thursday 8/1/2026), revokes
the topical report and adds a cells' report "trước ngày 28/02/2026" (Saturday: Friday 27/2/2026)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import obligations
from obligations.report.changes import ack_key

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = str(ROOT / "tests" / "fixtures" / "changes")
D = dt.date
A, B = "KT-TINH-1", "KT-TINH-2"


@pytest.fixture(scope="module")
def ws():
    return obligations.load([str(ROOT / "rules"), FIXTURE])


def rows(report):
    return {(c.key.unit, c.key.duty, c.key.period, c.kind, c.old, c.new) for c in report.changes}


def test_three_levels_by_hand(ws):
    report = ws.changes("tinh-quang-ngai", D(2025, 12, 20), D(2025, 12, 26))
    # 15/1 -> 8/1/2026: the commune's and the cells' own deadline (30/1) stands; the province's moved
    moved = [("tinh-quang-ngai", f"{A}/tinh-bao-cao"), ("xa-X", f"{A}/xa-bao-cao")] + [
        (c, f"{A}/chi-bo-bao-cao") for c in ("chibo-1", "chibo-2", "chibo-3")]
    expected = {(u, d, "2026", "moved", D(2026, 1, 15), D(2026, 1, 8)) for u, d in moved}
    expected |= {(c, f"{B}/chi-bo-bo-sung", "2026", "added", None, D(2026, 2, 27))
                 for c in ("chibo-1", "chibo-2", "chibo-3")}
    expected.add(("tinh-quang-ngai", f"{A}/tinh-chuyen-de", "2027", "removed", D(2027, 1, 19), None))
    # the swap decision (25/12/2025): Friday 2/1/2026 a day off, 1/1 New Year's Day: Wednesday 31/12/2025
    expected.add(("xa-X", f"{A}/xa-bao-cao-dau-nam", "2026", "moved", D(2026, 1, 2), D(2025, 12, 31)))
    assert rows(report) == expected
    quick = next(c for c in report.changes if c.key.duty == f"{A}/xa-bao-cao-dau-nam")
    assert [(x.kind, x.day, x.working, x.decision, x.issued) for x in quick.causes] == [
        ("calendar", D(2026, 1, 2), False, "12729/VPCP-KGVX", D(2025, 12, 25))]
    assert quick.working_days == -1 and not quick.above_only      # 31/12 and 2/1 before; 31/12 after
    by = {(c.key.unit, c.key.duty): c for c in report.changes}
    top = by[("tinh-quang-ngai", f"{A}/tinh-bao-cao")]
    assert [(x.kind, x.directive, x.action) for x in top.causes] == [("document", B, "amend")]
    assert not top.above_only and top.old_own == D(2026, 1, 15) and top.new_own == D(2026, 1, 8)
    # before: 8, 9, 12, 13, 14, 15 January (as known on 20/12/2025 Saturday 10/1 is a day off: the swap
    # making it a working day was decided on 25/12); after: 8 January
    assert top.working_days == -5
    commune = by[("xa-X", f"{A}/xa-bao-cao")]
    assert commune.above_only and commune.old_own == commune.new_own == D(2026, 1, 30)
    assert [(x.kind, x.key.unit, x.old, x.new) for x in commune.causes] == [
        ("above", "tinh-quang-ngai", D(2026, 1, 15), D(2026, 1, 8))]
    assert commune.causes[0].causes[0].directive == B
    cell = by[("chibo-1", f"{A}/chi-bo-bao-cao")]
    assert cell.above_only and [(x.kind, x.key.unit) for x in cell.causes] == [("above", "xa-X")]
    assert cell.causes[0].causes[0].key.unit == "tinh-quang-ngai"       # the chain up to the document
    added = by[("chibo-1", f"{B}/chi-bo-bo-sung")]
    assert [(x.directive, x.action, x.section) for x in added.causes] == [(B, "defines", "2")]
    removed = by[("tinh-quang-ngai", f"{A}/tinh-chuyen-de")]
    assert [(x.directive, x.action) for x in removed.causes] == [(B, "revoke")]


def test_a_decision_whose_day_of_issue_is_not_known_is_said_to_be_an_assumption():
    """The swap of National Day 2026 (Monday 31/8 off, Saturday 22/8 worked): its number and day of
    issue were not found, calendars/decisions.toml takes it as known from 12/8/2026 and says why. A
    monthly duty of the bundled Hướng dẫn BTG Thị ủy (last day 31/8/2026, a Monday) moves to Friday
    28/8 between 1/8 and 1/9/2026 as known; the cause must say the day is assumed, in words and in JSON."""
    from obligations.render.changes_json import cause_json, cause_text

    bundled = obligations.load([str(ROOT / "rules")])
    report = bundled.changes("phuong-Z1", D(2026, 8, 1), D(2026, 9, 1))
    moved = [c for c in report.changes if c.key.period == "2026-08" and c.kind == "moved"]
    assert moved and all((c.old, c.new) == (D(2026, 8, 31), D(2026, 8, 28)) for c in moved)
    cause = moved[0].causes[0]
    assert cause.kind == "calendar" and cause.day == D(2026, 8, 31) and cause.working is False
    vi, en = cause_text(cause, "vi"), cause_text(cause, "en")
    assert "giả định" in vi and "12/08/2026" in vi and "Thủ tướng Chính phủ" in vi
    assert "assumption" in en and "2026-08-12" in en
    decision = cause_json(cause, "vi")["calendar_decision"]
    assert decision["assumed"] is True and decision["issued_on"] is None and decision["known_from"] == "2026-08-12"


REACH = str(ROOT / "tests" / "fixtures" / "changes_reach")


def test_a_count_longer_than_a_month_moves_with_a_day_far_from_its_deadline():
    # KT-DAI-HAN: 40 working days from Sunday 4/1/2026 (the day itself not counted, Civil Code Art. 147).
    # As known on 20/12/2025 Saturday 10/1 is a day off: Jan 5-9, 12-16, 19-23, 26-30 (20), Feb 2-6,
    # 9-13 (30), Tết Monday 16/2 to Friday 20/2 off, Feb 23-27 (35), Mar 2-6 (40): Friday 6/3/2026.
    # As known on 26/12/2025 (12729/VPCP-KGVX of 25/12/2025: Saturday 10/1 a working day, Friday 2/1 a
    # day off but before the count) one more day counts by 30/1: Thursday 5/3/2026, one working day
    # earlier; 10/1 is 54 days before that deadline.
    ws = obligations.load([str(ROOT / "rules"), REACH])
    report = ws.changes("xa-X", D(2025, 12, 20), D(2025, 12, 26))
    assert rows(report) == {("xa-X", "KT-DAI-HAN/bao-cao-dai-han", "2026-01-04", "moved", D(2026, 3, 6),
                             D(2026, 3, 5))}
    change = report.changes[0]
    assert [(x.kind, x.day, x.working, x.decision) for x in change.causes] == [
        ("calendar", D(2026, 1, 10), True, "12729/VPCP-KGVX")]
    assert change.working_days == -1      # 5/3 and 6/3 before (6/3 counted); 5/3 after


def test_a_lead_time_longer_than_a_month_moves_with_a_day_far_from_the_deadline_it_sets(tmp_path):
    # the bundled hierarchy with a stated lead time of 30 working days for the province: the communes'
    # report (own deadline 30/1/2026) feeds the province's, due Thursday 8/1/2026 as known on 23/12/2025
    # (KT-TINH-2, 22/12); counted back 30 working days from 8/1: 7, 6, 5, 2 January (2/1 a working day
    # then), 1/1 New Year's Day, 31, 30, 29, 26, 25, 24, 23, 22, 19, 18, 17, 16, 15, 12, 11, 10, 9, 8, 5, 4,
    # 3, 2, 1 December (27), 28, 27, 26 November (30): Wednesday 26/11/2025. As known on 26/12/2025
    # (12729/VPCP-KGVX: Friday 2/1 a day off) one more day back: Tuesday 25/11/2025, 38 days before 2/1.
    # The cells' report feeds the commune's with no lead time: the same days, moved by the level above.
    org = tmp_path / "hierarchy.toml"
    org.write_text((ROOT / "rules" / "hierarchy.toml").read_text(encoding="utf-8")
                   + '\n[[lead_time]]\nlevel = "province"\ndays = 30\nbasis = "kiểm thử: 30 ngày làm việc"\n',
                   encoding="utf-8")
    ws = obligations.load([str(ROOT / "rules"), FIXTURE], org=str(org))
    report = ws.changes("tinh-quang-ngai", D(2025, 12, 23), D(2025, 12, 26), start=D(2025, 11, 1),
                        end=D(2026, 3, 31))
    expected = {(u, f"{A}/{d}", "2026", "moved", D(2025, 11, 26), D(2025, 11, 25))
                for u, d in [("xa-X", "xa-bao-cao")] + [(c, "chi-bo-bao-cao") for c in ("chibo-1", "chibo-2", "chibo-3")]}
    # and the commune's quick report of the first test (Friday 2/1 -> Wednesday 31/12/2025)
    expected.add(("xa-X", f"{A}/xa-bao-cao-dau-nam", "2026", "moved", D(2026, 1, 2), D(2025, 12, 31)))
    assert rows(report) == expected
    by = {(c.key.unit, c.key.duty): c for c in report.changes}
    commune = by[("xa-X", f"{A}/xa-bao-cao")]
    # its own deadline and the province's stand: the day the lead time counted back over is the cause
    assert commune.old_own == commune.new_own == D(2026, 1, 30)
    assert [(x.kind, x.day, x.decision) for x in commune.causes] == [("calendar", D(2026, 1, 2), "12729/VPCP-KGVX")]
    assert [(x.kind, x.key.unit) for x in by[("chibo-1", f"{A}/chi-bo-bao-cao")].causes] == [("above", "xa-X")]


def test_a_document_moving_a_deadline_far_across_an_edge_is_a_move(tmp_path):
    # a letter issued 1/7/2026 brings xa-X's yearly report from "trước ngày 15-12" (Monday 14/12/2026) to
    # "trước ngày 20-11" (Thursday 19/11/2026), 12 days before the range asked (December 2026): more than
    # the calendar's reach with the bundled rules (10 days: Tết's 9 days off and one), one move, not a
    # removal; the report of 2027 (13/12/2027, Monday -> 19/11/2027, Friday) is outside the range
    (tmp_path / "SOM.toml").write_text(
        '[directive]\nid = "KT-SOM"\nnumber = "KT-SOM"\nkind = "letter"\nissuer = "Tỉnh ủy"\n'
        'unit = "tinh-quang-ngai"\ntitle = "Thử"\nissued = 2026-07-01\n\n[[amend]]\n'
        'duty = "CV-BTVTU-KonTum/bao-cao-hang-nam"\nsection = "1"\nsource = "thành trước ngày 20-11 hằng năm"\n'
        'effective = 2026-07-01\nschedule = { every = "year", month = 11, day = 20, inclusive = false }\n',
        encoding="utf-8")
    ws = obligations.load([str(ROOT / "rules"), str(tmp_path)])
    report = ws.changes("xa-X", D(2026, 6, 30), D(2026, 7, 2), start=D(2026, 12, 1), end=D(2026, 12, 31))
    assert rows(report) == {("xa-X", "CV-BTVTU-KonTum/bao-cao-hang-nam", "2026", "moved", D(2026, 12, 14),
                             D(2026, 11, 19))}
    assert [(c.kind, c.directive, c.action) for c in report.changes[0].causes] == [("document", "KT-SOM", "amend")]


def test_nothing_known_between_two_days_changes_nothing(ws):
    assert ws.changes("tinh-quang-ngai", D(2025, 12, 2), D(2025, 12, 21)).changes == ()
    assert ws.changes("tinh-quang-ngai", D(2025, 12, 26), D(2026, 3, 1)).changes == ()


def test_a_draft_rules_directory(tmp_path):
    old = obligations.load(str(ROOT / "rules"))
    new = obligations.load([str(ROOT / "rules"), str(ROOT / "tests" / "fixtures" / "amend")])
    report = old.changes("xa-X", None, None, new=new, start=D(2026, 12, 1), end=D(2026, 12, 31))
    # "trước ngày 15-12" (Monday 14/12/2026) -> "trước ngày 10-12" (Wednesday 9/12/2026)
    assert rows(report) == {("xa-X", "CV-BTVTU-KonTum/bao-cao-hang-nam", "2026", "moved", D(2026, 12, 14),
                             D(2026, 12, 9))}
    assert [c.directive for c in report.changes[0].causes] == ["CV-TU-QuangNgai-dieu-chinh"]


def test_json_validates_and_is_the_command_lines(ws, run_cli):
    jsonschema = pytest.importorskip("jsonschema")
    from test_json_schemas import errors

    doc = ws.changes("tinh-quang-ngai", D(2025, 12, 20), D(2025, 12, 26)).to_dict("en")
    assert not errors("changes", doc), errors("changes", doc)[:3]
    assert errors("changes", {**doc, "counts": {"added": -1, "moved": 0, "removed": 0}})
    assert errors("changes", {**doc, "changes": [{**doc["changes"][0], "change": "shifted"}]})
    code, out, _ = run_cli("changes", "--rules", str(ROOT / "rules"), "--rules", FIXTURE, "--under", "tinh-quang-ngai",
                           "--from-known", "2025-12-20", "--to-known", "2025-12-26", "--format", "json", "--lang", "en")
    assert code == 0 and json.loads(out) == doc
    assert jsonschema


def test_acknowledgement_in_a_real_log(tmp_path, run_cli):
    db = str(tmp_path / "log.sqlite3")
    args = ("changes", "--rules", str(ROOT / "rules"), "--rules", FIXTURE, "--under", "xa-X", "--from-known",
            "2025-12-20", "--to-known", "2025-12-26", "--db", db)
    code, out, _ = run_cli(*args, "--format", "json")
    assert code == 0 and all(c["acknowledged"] is None for c in json.loads(out)["changes"])
    assert run_cli(*args, "--ack")[0] == 2                                   # --ack needs --by
    code, out, _ = run_cli(*args, "--ack", "--by", "Văn phòng Đảng ủy", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["changes"] and all(c["acknowledged"]["by"] == "Văn phòng Đảng ủy" for c in doc["changes"])
    from obligations.log.store import SubmissionLog

    assert SubmissionLog(db).schema_version() == 7      # 6 made change_ack, 7 notification


def test_feed_keeps_the_uid_with_a_higher_sequence_and_cancels_the_removed(tmp_path):
    icalendar = pytest.importorskip("icalendar")
    vobject = pytest.importorskip("vobject")
    from obligations.web.data import Service

    service = Service.load(tmp_path / "log.sqlite3", [str(ROOT / "rules"), FIXTURE],
                           clock=lambda: dt.datetime(2026, 1, 2, 1, 0, tzinfo=dt.timezone.utc))

    def events(known):
        body = service.feed("tinh-quang-ngai", D(2026, 1, 2), "vi", 3, known)
        one = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}
        other = {v.uid.value: v for v in vobject.readOne(body.decode()).vevent_list}
        assert set(one) == set(other)
        return one, other
    before, _ = events(D(2025, 12, 20))
    after, other = events(D(2025, 12, 26))
    report = [u for u, e in before.items() if str(e["X-OBLIGATIONS-DUTY"]) == f"{A}/tinh-bao-cao"]
    topical = [u for u, e in before.items() if str(e["X-OBLIGATIONS-DUTY"]) == f"{A}/tinh-chuyen-de"]
    assert len(report) == 1 and len(topical) == 1
    uid = report[0]
    assert before[uid].decoded("DTSTART") == D(2026, 1, 15) and after[uid].decoded("DTSTART") == D(2026, 1, 8)
    assert int(after[uid]["SEQUENCE"]) > int(before[uid]["SEQUENCE"])
    assert int(other[uid].sequence.value) == int(after[uid]["SEQUENCE"])
    gone = topical[0]
    assert str(after[gone]["STATUS"]) == "CANCELLED" and other[gone].status.value == "CANCELLED"
    assert "STATUS" not in before[gone]


def test_acknowledged_change_keys_name_both_deadlines(ws):
    report = ws.changes("xa-X", D(2025, 12, 20), D(2025, 12, 26))
    keys = {ack_key(c) for c in report.changes}
    assert ("xa-X", f"{A}/xa-bao-cao", "2026", "moved", "2026-01-15", "2026-01-08") in keys


# -- the law: applying changes(D1 -> D2) to the answers known on D1 gives the answers known on D2 ------

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

BUNDLED = obligations.load(str(ROOT / "rules"))
LAYERED = obligations.load([str(ROOT / "rules"), FIXTURE])
# with a count of 40 working days that passes over the swap of 2026 and Tết (changes_reach)
LONG = obligations.load([str(ROOT / "rules"), FIXTURE, REACH])


def answers(ws, day, start, end):
    """Every unit's effective deadlines in [start, end] as known on ``day``, computed per unit
    (Workspace.items_between), not through report/changes.py."""
    view = ws.known_on(day)
    found = {}
    tops = [u for u in ws.hierarchy.units if ws.hierarchy.unit(u).exists_on(start)
            and ws.hierarchy.parent_of(u, start) is None]
    for top in tops:
        for unit in [top, *ws.hierarchy.below(top, start)]:
            for item in view.items_between(unit, start, end, start):
                if start <= item.deadline <= end:
                    found[item.occurrence.key] = item.deadline
    return found


def apply(before, report):
    after = dict(before)
    for c in report.changes:
        if c.kind == "removed" or (c.new is not None and not report.start <= c.new <= report.end):
            after.pop(c.key, None)
        else:
            after[c.key] = c.new
    return after


days = st.dates(min_value=D(2025, 6, 1), max_value=D(2026, 12, 31))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=days, later=days, layered=st.sampled_from(["bundled", "layered", "long"]))
def test_changes_carry_the_answers_known_on_one_day_to_those_of_a_later_day(first, later, layered):
    if later < first:
        first, later = later, first
    ws = {"bundled": BUNDLED, "layered": LAYERED, "long": LONG}[layered]
    report = ws.changes(None, first, later)
    before = answers(ws, first, report.start, report.end)
    assert apply(before, report) == answers(ws, later, report.start, report.end)


def test_the_law_across_the_fixture_and_the_swap():
    # the days the fixture's documents (1/12, 22/12/2025) and the swap decision (25/12/2025: the commune's
    # quick report moves) became known; nothing after 26/12
    for first, later, some in ((D(2025, 11, 30), D(2025, 12, 1), True), (D(2025, 12, 21), D(2025, 12, 26), True),
                               (D(2025, 12, 24), D(2025, 12, 25), True), (D(2025, 12, 26), D(2026, 1, 5), False)):
        for ws in (LAYERED, LONG):
            report = ws.changes(None, first, later)
            assert bool(report.changes) == some
            assert apply(answers(ws, first, report.start, report.end), report) == \
                answers(ws, later, report.start, report.end)


def test_due_and_the_page_show_the_changes_not_yet_acknowledged_first(tmp_path, run_cli):
    db = str(tmp_path / "log.sqlite3")
    data = ("--rules", str(ROOT / "rules"), "--rules", FIXTURE, "--db", db)
    # chibo-1 acknowledges its changes known from 3/12/2025 to 2/1/2026 (the log is created by it)
    code, _, _ = run_cli("changes", "--under", "chibo-1", "--from-known", "2025-12-03", "--to-known", "2026-01-02",
                         "--ack", "--by", "Văn phòng", *data)
    assert code == 0
    code, out, _ = run_cli("due", "--unit", "xa-X", "--on", "2026-01-02", "--lang", "en", *data)
    first = out.split("Due for")[0]
    assert code == 0 and "not yet acknowledged" in first and "15/01/2026" not in first
    assert "2026-01-15 → 2026-01-08" in first and "tinh-quang-ngai" in first      # the commune's, moved from above
    code, out, _ = run_cli("due", "--unit", "chibo-1", "--on", "2026-01-02", "--lang", "en", *data)
    assert code == 0 and out.startswith("Due for")                                  # all acknowledged
    pytest.importorskip("fastapi")
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    from web_helpers import make_client

    client, _ = make_client(Path(db), rules=[str(ROOT / "rules"), FIXTURE],
                            clock=lambda: dt.datetime(2026, 1, 2, 1, 0, tzinfo=dt.timezone.utc))
    page = client.get("/units/chibo-1", params={"lang": "en"}).text
    section = page[page.index("changes-h"):page.index("</section>", page.index("changes-h"))]
    assert "Changes since" in section and "acknowledged by Văn phòng" in section
    # xa-X acknowledges its quick report's move; its report's move (from above) stays to acknowledge
    run_cli("changes", "--under", "xa-X", "--from-known", "2025-12-24", "--to-known", "2025-12-26", "--ack", "--by",
            "Văn phòng", *data)
    page = client.get("/units/xa-X", params={"lang": "en"}).text
    section = page[page.index("changes-h"):page.index("</section>", page.index("changes-h"))]
    assert section.index("not yet acknowledged") < section.index("acknowledged by Văn phòng")
    assert "Chi bộ" not in section          # the page shows the unit's own changes


def test_export_ics_follows_what_became_known(run_cli):
    icalendar = pytest.importorskip("icalendar")
    args = ("export", "--rules", str(ROOT / "rules"), "--rules", FIXTURE, "--unit", "tinh-quang-ngai", "--from",
            "2026-01-01", "--to", "2027-12-31", "--on", "2026-01-02", "--format", "ics")

    def events(known):
        code, out, _ = run_cli(*args, "--as-known-on", known)
        assert code == 0
        return {str(e["X-OBLIGATIONS-DUTY"]): e for e in icalendar.Calendar.from_ical(out).walk("VEVENT")}
    before, after = events("2025-12-20"), events("2025-12-26")
    report, topical = f"{A}/tinh-bao-cao", f"{A}/tinh-chuyen-de"
    assert before[report]["UID"] == after[report]["UID"]
    assert (before[report].decoded("DTSTART"), after[report].decoded("DTSTART")) == (D(2026, 1, 15), D(2026, 1, 8))
    assert int(after[report]["SEQUENCE"]) == int(before[report]["SEQUENCE"]) + 1
    assert str(after[topical]["STATUS"]) == "CANCELLED" and "STATUS" not in before[topical]


def test_the_api_answers_the_changes_and_records_acknowledgements_with_a_token(tmp_path):
    pytest.importorskip("fastapi")
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    from test_json_schemas import errors
    from web_helpers import make_client, write_tokens

    tokens = write_tokens(tmp_path / "tokens.toml", {"tok-xa": "xa-X", "tok-cell": "chibo-1"})
    client, _ = make_client(tmp_path / "log.sqlite3", tokens, local=True, open_reads=True,
                            rules=[str(ROOT / "rules"), FIXTURE],
                            clock=lambda: dt.datetime(2026, 1, 2, 1, 0, tzinfo=dt.timezone.utc))
    query = {"from_known": "2025-12-20", "to_known": "2025-12-26", "lang": "en"}
    r = client.get("/api/v1/units/xa-X/changes", params=query)
    assert r.status_code == 200 and not errors("changes", r.json())
    assert {(c["unit"], c["change"]) for c in r.json()["changes"]} >= {("xa-X", "moved"), ("chibo-1", "added")}
    body = {"from_known": "2025-12-20", "to_known": "2025-12-26", "by": "Văn phòng"}
    assert client.post("/api/v1/units/xa-X/changes/ack", json=body).status_code == 401          # no token
    assert client.post("/api/v1/units/xa-X/changes/ack", json=body,
                       headers={"Authorization": "Bearer tok-cell"}).status_code == 403       # a cell below
    r = client.post("/api/v1/units/xa-X/changes/ack", json=body, headers={"Authorization": "Bearer tok-xa"})
    # under xa-X: its report and its quick report moved, the three cells' reports moved and their new
    # reports added
    assert r.status_code == 201 and not errors("change-ack", r.json()) and r.json()["acknowledged"] == 8
    assert r.json()["at"] == "2026-01-02T01:00:00+00:00"                                          # the service's clock
    again = client.post("/api/v1/units/xa-X/changes/ack", json=body, headers={"Authorization": "Bearer tok-xa"})
    assert again.status_code == 201 and again.json()["acknowledged"] == 0
    doc = client.get("/api/v1/units/xa-X/changes", params=query).json()
    assert all(c["acknowledged"] == {"by": "Văn phòng", "at": "2026-01-02T01:00:00+00:00"} for c in doc["changes"])
    bad = client.post("/api/v1/units/xa-X/changes/ack", json={**body, "by": " "},
                      headers={"Authorization": "Bearer tok-xa"})
    assert bad.status_code == 400 and {"error", "fix", "code"} <= set(bad.json())


def test_acknowledgements_in_a_log_of_version_5(tmp_path):
    import sqlite3

    from obligations.log.acks import read_acks, record_acks
    from obligations.log.schema import MIGRATIONS
    from obligations.log.store import SubmissionLog

    path = tmp_path / "v5.sqlite3"
    conn = sqlite3.connect(path)
    for version in range(1, 6):
        conn.executescript(MIGRATIONS[version])
    conn.execute("INSERT INTO meta VALUES ('schema_version', '5')")
    conn.commit()
    conn.close()
    log = SubmissionLog(path)
    key = ("xa-X", f"{A}/xa-bao-cao", "2026", "moved", "2026-01-15", "2026-01-08")
    assert read_acks(log, ["xa-X"]) == {} and log.schema_version() == 5       # read as it is, not migrated
    assert record_acks(log, [key, key], "Văn phòng", "2026-01-02T01:00:00+00:00") == [key]
    assert log.schema_version() == 7                                      # every migration applied
    assert read_acks(log, ["xa-X"]) == {key: ("Văn phòng", "2026-01-02T01:00:00+00:00")}
    assert record_acks(log, [key], "Người khác") == []                        # acknowledged once
    with pytest.raises(obligations.InputError, match="characters"):
        record_acks(log, [key], "x" * 201)
