"""`notify` against a real SMTP server on loopback (aiosmtpd) and a webhook receiver (http.server
on 127.0.0.1): the exact messages of ten consecutive days, written by hand with the reasoning,
nothing sent twice, signatures verified by the receiver, retries, a killed run resumed, a failing
channel that does not stop the others, and explain showing what was sent.

The fixture: the bundled rules and hierarchy (xa-X with its cells chibo-1..3, the level above
tinh-quang-ngai); the bundled calendar plus one day off written here, Tuesday 8/12/2026; a log
written by hand with an extension of chibo-3's 2026 yearly report until Friday 11/12/2026.

December 2026: Tue 1, Wed 2, Thu 3, Fri 4, Sat 5, Sun 6, Mon 7, Tue 8 (the fixture's day off),
Wed 9, Thu 10, Fri 11, Mon 14.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import hashlib
import hmac
import http.server
import json
import shutil
import socket
import threading
from pathlib import Path

import pytest

from obligations.base import paths
from obligations.log.store import SubmissionLog

aiosmtpd = pytest.importorskip("aiosmtpd.controller")

SECRET = "bi-mat-cua-xa-X-0123456789"
SECRET2 = "bi-mat-cua-chi-bo-2-abcdef"
CELL = "76-KH-DU/chi-bo-bao-cao-hang-nam"         # the cells' yearly report: due Monday 30/11/2026
COMMUNE = "76-KH-DU/dang-uy-bao-cao-hang-nam"     # xa-X's yearly report (76-KH/ĐU V.7): due 30/11/2026, to tinh-quang-ngai
KONTUM = "CV-BTVTU-KonTum/bao-cao-hang-nam"       # xa-X's report to the province: due Monday 14/12/2026
DAYS = [dt.date(2026, 12, 1) + dt.timedelta(days=i) for i in range(10)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Mailbox:
    """aiosmtpd's handler: every message accepted, kept with its envelope."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []
        self.hold = threading.Event()       # set: a DATA after the first hangs (a run killed mid-send)
        self.held = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self.hold.is_set() and self.messages:
            import asyncio

            self.held.set()
            while self.hold.is_set():
                await asyncio.sleep(0.05)
            return "451 try again later"      # the sender was killed meanwhile: nobody reads this
        msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append(([r.lower() for r in envelope.rcpt_tos], msg))
        return "250 OK"


class Receiver(http.server.BaseHTTPRequestHandler):
    """Verifies each POST as docs/notify.md tells a receiver to; ``fail`` answers 500 that often."""

    posts: list[dict] = []
    bad: list[str] = []
    secrets: dict[str, str] = {}
    fail: dict[str, int] = {}

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        fields = dict(p.split("=", 1) for p in self.headers["X-Obligations-Signature"].split(","))
        expected = hmac.new(self.secrets[self.path].encode(), fields["t"].encode() + b"." + body,
                            hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, fields["v1"]) or fields["t"] != self.headers["X-Obligations-Timestamp"]:
            self.bad.append(self.path)
        doc = json.loads(body)
        left = self.fail.get(doc["id"], 0)
        if left:
            self.fail[doc["id"]] = left - 1
            self.send_response(500)
            self.end_headers()
            return
        self.posts.append({"path": self.path, "doc": doc, "event_id": self.headers["X-Obligations-Event-Id"]})
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def servers():
    from aiosmtpd.controller import Controller

    box = Mailbox()
    port = free_port()
    smtp = Controller(box, hostname="127.0.0.1", port=port)
    smtp.start()
    Receiver.posts, Receiver.bad, Receiver.fail = [], [], {}
    Receiver.secrets = {"/xa-X": SECRET, "/chibo-2": SECRET2}
    hook = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    yield box, port, f"http://127.0.0.1:{hook.server_address[1]}", smtp
    hook.shutdown()
    box.hold.clear()
    try:
        smtp.stop()
    except Exception:       # a controller stopped by the test itself
        pass


CONFIG = """
[notify]
letters_dir = "letters"
catch_up_days = 7
lookback_days = 30

[timing]
before = []                  # only reports are reminded of (all the fixture's items are reports)
escalate_after = 3

[timing.kinds.report]
before = [3]
before_days = [6]

[smtp]
host = "127.0.0.1"
port = {port}
sender = "nhac-han@xa-x.test"
timeout = 10

[webhooks]
tries = 4
backoff = 0.01
timeout = 5

[units.xa-X]
emails = ["van-phong@xa-x.test"]
[[units.xa-X.webhooks]]
url = "{hooks}/xa-X"
secret_env = "T_SECRET_XA_X"

[units.chibo-1]
emails = ["chibo-1@xa-x.test"]

[units.chibo-2]
emails = ["chibo-2@xa-x.test"]
lang = "en"
[[units.chibo-2.webhooks]]
url = "{hooks}/chibo-2"
secret_env = "T_SECRET_CHIBO_2"
events = ["overdue", "delivered"]

[units.chibo-3]
emails = ["chibo-3@xa-x.test"]

[units.tinh-quang-ngai]
emails = ["van-phong@tinh-quang-ngai.test"]
"""
ENV = {"T_SECRET_XA_X": SECRET, "T_SECRET_CHIBO_2": SECRET2}


@pytest.fixture
def setup(tmp_path, servers):
    """The workspace with the fixture's calendar, notify.toml and the hand-written log."""
    import obligations
    from obligations.notify import load_config

    box, port, hooks, smtp = servers
    cal = tmp_path / "calendars"
    shutil.copytree(paths.calendars_dir(), cal)
    with (cal / "days.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[day_off]]\ndate = 2026-12-08\nname_vi = "Ngày nghỉ của bộ kiểm thử"\n'
                'name_en = "Test fixture day off"\nbasis = "tests/test_notify.py: a day off written for the test"\n'
                'decision = "test-notify-day-off"\n'
                # every day off names the decision that made it (docs/calendar.md); this one is the test's
                '\n[[decision]]\nid = "test-notify-day-off"\nnumber = "01/TB-TEST"\nissuer = "tests/test_notify.py"\n'
                'kind = "notice"\nissued = 2026-11-01\ntitle_vi = "Ngày nghỉ của bộ kiểm thử"\n'
                'title_en = "Test fixture day off"\nsource = "tests/test_notify.py"\n')
    ws = obligations.load(calendars=cal)
    (tmp_path / "notify.toml").write_text(CONFIG.format(port=port, hooks=hooks), encoding="utf-8")
    config = load_config(tmp_path / "notify.toml", ws.hierarchy, ENV)
    log = SubmissionLog(tmp_path / "log.sqlite3")
    ws.record_extension(log, "chibo-3", CELL, "2026", dt.date(2026, 12, 11), "12-CV/ĐU")
    return ws, config, log, box, tmp_path


def clock(day: dt.date):
    return lambda: dt.datetime(day.year, day.month, day.day, 1, 0, tzinfo=dt.timezone.utc)   # 08:00 in Vietnam


def run(ws, config, log, day, **kw):
    from obligations.notify import notify

    return notify(ws, config, log, "xa-X", day, now=clock(day), sleep=lambda s: None, **kw)


def mails_of(box, start):
    """{recipient: sorted [(kind word, unit, duty, period)]} from the messages' plain text."""
    out: dict[str, list[str]] = {}
    for rcpts, msg in box.messages[start:]:
        assert len(rcpts) == 1
        out.setdefault(rcpts[0], []).append(msg)
    return out


def summary(run_result, state="sent"):
    """The notices that went, as (channel, to, kind, unit, duty) sorted."""
    return sorted((a.channel.split("/")[-1].replace("mailto:", ""), a.notice.to, a.notice.kind,
                   a.notice.item.occurrence.unit, a.notice.item.occurrence.duty.id)
                  for a in run_result.attempts if a.state == state)


M, H = "van-phong@xa-x.test", "xa-X"           # xa-X's mailbox and webhook (path /xa-X)
EXPECTED = {
    # Tue 1/12: the first working day after Monday 30/11: the overdue notices of the four late
    # reports (chibo-3's is extended to 11/12: not late). chibo-2's webhook takes overdue events.
    DAYS[0]: [("chibo-1@xa-x.test", "chibo-1", "overdue", "chibo-1", CELL),
              ("chibo-2", "chibo-2", "overdue", "chibo-2", CELL),
              ("chibo-2@xa-x.test", "chibo-2", "overdue", "chibo-2", CELL),
              (M, "xa-X", "overdue", "xa-X", COMMUNE),
              (H, "xa-X", "overdue", "xa-X", COMMUNE)],
    # Wed 2/12: nothing new (the overdue notices went yesterday); chibo-2 delivers today (below)
    DAYS[1]: [],
    # Thu 3/12: 3 working days after 30/11 (1, 2, 3 December): escalations, no extension recorded.
    # chibo-1's goes to xa-X (the cell reports to it); xa-X's own to tinh-quang-ngai (its
    # recipient). chibo-2 delivered on 2/12: no escalation, a `delivered` event to its webhook.
    DAYS[2]: [("chibo-2", "chibo-2", "delivered", "chibo-2", CELL),
              ("van-phong@tinh-quang-ngai.test", "tinh-quang-ngai", "escalation", "xa-X", COMMUNE),
              (M, "xa-X", "escalation", "chibo-1", CELL),
              (H, "xa-X", "escalation", "chibo-1", CELL)],
    # Fri 4/12: chibo-3's extended deadline Fri 11/12 minus 6 days is Saturday 5/12, a day off:
    # the reminder moves to the working day before, Friday 4/12.
    DAYS[3]: [("chibo-3@xa-x.test", "chibo-3", "reminder", "chibo-3", CELL)],
    DAYS[4]: [], DAYS[5]: [],                      # the weekend
    # Mon 7/12: xa-X's report to the province, due Mon 14/12: 14/12 minus 6 days is Tue 8/12, the
    # fixture's day off: moved to Mon 7/12. chibo-3: 3 working days before Fri 11/12 are
    # 10, 9 and (8/12 being off) 7/12.
    DAYS[6]: [("chibo-3@xa-x.test", "chibo-3", "reminder", "chibo-3", CELL),
              (M, "xa-X", "reminder", "xa-X", KONTUM),
              (H, "xa-X", "reminder", "xa-X", KONTUM)],
    DAYS[7]: [],                                   # Tue 8/12: the day off
    # Wed 9/12: 3 working days before Mon 14/12: 11, 10, 9 December
    DAYS[8]: [(M, "xa-X", "reminder", "xa-X", KONTUM),
              (H, "xa-X", "reminder", "xa-X", KONTUM)],
    DAYS[9]: [],
}


def test_ten_days_exact_messages_twice_a_day(setup):
    ws, config, log, box, tmp = setup
    seen_mails = 0
    for day in DAYS:
        first = run(ws, config, log, day)
        assert not first.failed
        assert summary(first) == sorted(EXPECTED[day]), day
        # e-mail: one message per recipient per run, text and HTML, grouping its items
        got = mails_of(box, seen_mails)
        want = {c for c, *_ in EXPECTED[day] if "@" in c}
        assert set(got) == want and all(len(v) == 1 for v in got.values()), day
        for msgs in got.values():
            types = {p.get_content_type() for p in msgs[0].walk()}
            assert {"text/plain", "text/html"} <= types
        seen_mails = len(box.messages)
        second = run(ws, config, log, day)             # the same day again: nothing new
        assert summary(second) == [] and len(box.messages) == seen_mails, day
        if day == DAYS[1]:
            ws.record_submission(log, "chibo-2", CELL, "2026", dt.date(2026, 12, 2), dt.date(2026, 12, 2))
    assert not Receiver.bad
    assert len({p["event_id"] for p in Receiver.posts}) == len(Receiver.posts)
    # the moved reminders say from which day off
    moved = [p["doc"] for p in Receiver.posts if p["doc"]["kind"] == "reminder" and p["doc"]["moved_from"]]
    assert [(d["day"], d["moved_from"]) for d in moved] == [("2026-12-07", "2026-12-08")]


def test_escalation_letter_and_languages(setup):
    ws, config, log, box, tmp = setup
    for day in DAYS[:3]:
        run(ws, config, log, day)
    letters = sorted(p.name for p in (tmp / "letters").iterdir())
    assert letters == ["cong-van-don-doc-tinh-quang-ngai-2026-12-03.docx", "cong-van-don-doc-tinh-quang-ngai-2026-12-03.txt",
                       "cong-van-don-doc-xa-X-2026-12-03.docx", "cong-van-don-doc-xa-X-2026-12-03.txt"]
    import docx

    letter = docx.Document(tmp / "letters" / "cong-van-don-doc-xa-X-2026-12-03.docx")
    text = "\n".join([p.text for p in letter.paragraphs] + [c.text for t in letter.tables for r in t.rows
                                                            for c in r.cells])
    # no delivery recorded in this test: chibo-1 and chibo-2 are escalated, not chibo-3 (extended);
    # each with its document and section, the quoted sentence (76-KH/ĐU IV.1.2)
    assert "Chi bộ thôn 1" in text and "Chi bộ thôn 2" in text and "Chi bộ thôn 3" not in text
    assert "76-KH/ĐU" in text and "IV.1.2" in text and "báo cáo kết quả thực hiện" in text
    escalation = [m for r, m in box.messages if r == ["van-phong@xa-x.test"] and "chi-bo" not in str(m["Subject"])][-1]
    names = [p.get_filename() for p in escalation.walk() if p.get_filename()]
    assert names == ["cong-van-don-doc-xa-X-2026-12-03.docx", "cong-van-don-doc-xa-X-2026-12-03.txt"]
    # chibo-2 reads English, the others Vietnamese (dd/mm/yyyy)
    en = next(m for r, m in box.messages if r == ["chibo-2@xa-x.test"])
    assert "1 working day late" in en.get_body(("plain",)).get_content()
    vi = next(m for r, m in box.messages if r == ["chibo-1@xa-x.test"])
    assert "30/11/2026" in vi.get_body(("plain",)).get_content()


def test_dry_run_sends_and_records_nothing(setup):
    ws, config, log, box, tmp = setup
    found = run(ws, config, log, DAYS[2], dry_run=True)
    assert {a.state for a in found.attempts} == {"dry"} and len(found.attempts) >= 4
    assert box.messages == [] and Receiver.posts == [] and not (tmp / "letters").exists()
    from obligations.log.notices import records

    assert records(log) == []


def test_a_receiver_failing_three_times_gets_the_event_on_the_fourth_try(setup):
    ws, config, log, box, tmp = setup
    from obligations.log.notices import SentKey, records

    key = SentKey(f"xa-X|{COMMUNE}|2026", "overdue", DAYS[0], config.units["xa-X"].webhooks[0].url)
    Receiver.fail[key.event_id] = 3
    found = run(ws, config, log, DAYS[0])
    assert not found.failed
    hook = [a for a in found.attempts if a.channel == key.channel]
    assert [(a.state, a.tries) for a in hook] == [("sent", 4)]
    assert [p["event_id"] for p in Receiver.posts if p["path"] == "/xa-X"] == [key.event_id]
    assert [(r.status, r.tries) for r in records(log, key.occurrence) if r.key.channel == key.channel] == [("sent", 4)]


def test_a_failing_channel_does_not_stop_the_others(setup, run_cli, monkeypatch):
    ws, config, log, box, tmp = setup
    toml = (tmp / "notify.toml").read_text(encoding="utf-8")
    (tmp / "notify.toml").write_text(toml.replace(f"port = {config.smtp.port}", f"port = {free_port()}"))
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    code, out, err = run_cli("notify", "--under", "xa-X", "--config", str(tmp / "notify.toml"), "--on", "2026-12-01",
                             "--calendars", str(tmp / "calendars"), "--db", str(log.path), "--lang", "en")
    assert code == 1 and "Traceback" not in out + err
    assert out.count("FAILED\tmailto:") == 3 and "unreachable" in out
    assert sorted(p["path"] for p in Receiver.posts) == ["/chibo-2", "/xa-X"]
    # the next run (the server back) sends the e-mails, not the webhooks again
    again = run(ws, config, log, DAYS[0])          # loaded before the port was changed: the real server
    assert summary(again) == sorted(e for e in EXPECTED[DAYS[0]] if "@" in e[0])
    # explain shows the failure and the later success
    code, out, err = run_cli("explain", "--unit", "xa-X", "--duty", COMMUNE, "--period", "2026", "--on", "2026-12-01",
                             "--calendars", str(tmp / "calendars"), "--db", str(log.path), "--format", "json")
    rows = json.loads(out)["notifications"]
    assert [(r["kind"], r["channel"], r["status"]) for r in rows] == [
        ("overdue", "mailto:van-phong@xa-x.test", "failed"), ("overdue", config.units["xa-X"].webhooks[0].url, "sent"),
        ("overdue", "mailto:van-phong@xa-x.test", "sent")]


def test_a_killed_run_resumes_without_duplicates(setup):
    """The run is killed (SIGKILL) while the SMTP server holds its second message: the first was
    accepted and recorded, the second never accepted. The next run sends the rest, once."""
    import os
    import subprocess
    import sys

    ws, config, log, box, tmp = setup
    box.hold.set()
    env = dict(os.environ, **ENV, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    proc = subprocess.Popen([sys.executable, "-m", "obligations", "notify", "--under", "xa-X", "--config",
                             str(tmp / "notify.toml"), "--on", "2026-12-01", "--calendars", str(tmp / "calendars"),
                             "--db", str(log.path)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert box.held.wait(120), "the run never reached its second message"
    finally:
        proc.kill()
        proc.wait()
        box.hold.clear()
    first = [r for r, _ in box.messages]
    assert first == [["van-phong@xa-x.test"]]          # xa-X comes first in notify.toml
    resumed = run(ws, config, log, DAYS[0])
    # everything of 1/12 but the message that went before the kill (webhooks come after e-mail)
    assert summary(resumed) == sorted(e for e in EXPECTED[DAYS[0]] if e[0] != "van-phong@xa-x.test")
    assert sorted(r[0] for r, _ in box.messages) == ["chibo-1@xa-x.test", "chibo-2@xa-x.test", "van-phong@xa-x.test"]
    assert summary(run(ws, config, log, DAYS[0])) == []


def test_an_extension_after_the_overdue_notice_is_a_deadline_changed_event_and_stops_the_escalation(setup):
    """xa-X's yearly report (due 30/11) was notified overdue on 1/12; on 2/12 the province grants
    an extension until Thursday 10/12. The run of 2/12 tells the webhook the deadline changed
    (keyed by the new deadline); 3/12 brings no escalation (an extension is recorded, and the
    report is no longer late); the reminders are for 10/12: 6 days before is Friday 4/12, and 3
    working days before are 9, 7 (8/12 is off) and 4/12: one reminder on Friday 4/12."""
    ws, config, log, box, tmp = setup
    run(ws, config, log, DAYS[0])
    ws.record_extension(log, "xa-X", COMMUNE, "2026", dt.date(2026, 12, 10), "15-CV/TU")
    changed = run(ws, config, log, DAYS[1])
    assert summary(changed) == [(H, "xa-X", "deadline_changed", "xa-X", COMMUNE)]
    event = Receiver.posts[-1]["doc"]
    assert (event["event"], event["day"], event["occurrence"]["deadline"]) == ("deadline_changed", "2026-12-10",
                                                                               "2026-12-10")
    third = run(ws, config, log, DAYS[2])
    assert [e for e in summary(third) if e[3] == "xa-X"] == []
    fourth = run(ws, config, log, DAYS[3])
    assert [e for e in summary(fourth) if e[3] == "xa-X"] == [(M, "xa-X", "reminder", "xa-X", COMMUNE),
                                                              (H, "xa-X", "reminder", "xa-X", COMMUNE)]


def test_a_conflict_is_a_webhook_event_told_once(servers, tmp_path):
    """tests/fixtures/rules_conflict: xa-C's review (own deadline 31/12/2025) feeds the province's,
    due before 15/11/2025: no day satisfies both (the conflict of obligations.__doc__). It is told
    to xa-C's webhook once, keyed by the deadline in conflict, and never by e-mail."""
    import obligations
    from obligations.notify import load_config

    box, port, hooks, smtp = servers
    ws = obligations.load(rules=str(Path(__file__).parent / "fixtures" / "rules_conflict"))
    (tmp_path / "notify.toml").write_text(
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsender = "a@xa-c.test"\n[units.xa-C]\nemails = ["b@xa-c.test"]\n'
        f'[[units.xa-C.webhooks]]\nurl = "{hooks}/xa-X"\nsecret_env = "T_SECRET_XA_X"\nevents = ["conflict"]\n',
        encoding="utf-8")
    config = load_config(tmp_path / "notify.toml", ws.hierarchy, ENV)
    log = SubmissionLog(tmp_path / "log.sqlite3")
    day = dt.date(2025, 11, 3)
    first = run_under(ws, config, log, "xa-C", day)
    conflicts = [(a.channel.rsplit("/", 1)[-1], a.notice.kind, a.notice.item.occurrence.duty.id, a.notice.day)
                 for a in first.attempts if a.state == "sent" and a.notice.kind == "conflict"]
    assert conflicts == [("xa-X", "conflict", "C-1/so-ket", dt.date(2025, 11, 14))]
    assert not any(a.channel.startswith("mailto:") and a.notice.kind == "conflict" for a in first.attempts)
    again = run_under(ws, config, log, "xa-C", day + dt.timedelta(days=1))
    assert [a for a in again.attempts if a.notice.kind == "conflict" and a.state == "sent"] == []
    assert not Receiver.bad


def run_under(ws, config, log, root, day):
    from obligations.notify import notify

    return notify(ws, config, log, root, day, now=clock(day), sleep=lambda s: None)
