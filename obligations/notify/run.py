"""One `notify` run: the notices of a day for the units under one, sent once each.

The library entry point is :func:`notify`; the command line (cli/commands/notify_cmd.py) reads
notify.toml and the clock and prints the outcome. Nothing here reads the wall clock: ``now`` is
given (the webhook timestamps, the e-mails' Date), and so is ``sleep`` (the backoff).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable
from typing import Any, Literal

import attrs

from obligations.base.version import SCHEMA_VERSION
from obligations.log.store import SubmissionLog
from obligations.notify.channels import Mail, Outcome, event_body, post, send_mails
from obligations.notify.config import NotifyConfig
from obligations.notify.letters import Letters, write_letters
from obligations.notify.plan import HORIZON, MAILED, Notice, level_above, notices_for, wanted
from obligations.log.notices import SentKey, SentRecord, last_deadlines, record, sent_keys
from obligations.render.emphasis import plain
from obligations.render.messages import pick
from obligations.render.notify_mail import Line, letter_sentence, mail_html, mail_text, subject
from obligations.workspace import Workspace

State = Literal["dry", "sent", "failed", "skipped"]


@attrs.frozen
class Attempt:
    """What became of one notice on one channel (``mailto:address`` or a webhook's url)."""

    state: State
    channel: str
    notice: Notice
    line: Line
    tries: int = 0
    detail: str | None = None


@attrs.frozen
class NotifyRun:
    """The outcome of a run: every notice on every channel, and the letters written."""

    root: str
    on: dt.date
    dry_run: bool
    attempts: tuple[Attempt, ...]
    letters: tuple[str, ...]

    @property
    def failed(self) -> bool:
        return any(a.state == "failed" for a in self.attempts)


def line_of(ws: Workspace, notice: Notice, lang: str) -> Line:
    occ = notice.item.occurrence
    duty = occ.duty
    return Line(notice.kind, occ.unit, ws.hierarchy.name(occ.unit), pick(lang, duty.title_vi, duty.title_en),
                duty.source.directive, duty.source.section, plain(duty.source.text), occ.period,
                notice.item.deadline, notice.working_days, notice.moved_from)


def payload(notice: Notice, line: Line, key: SentKey, on: dt.date) -> dict[str, Any]:
    """The JSON body of a webhook (docs/schemas/notify-event.json)."""
    item = notice.item
    return {"schema_version": SCHEMA_VERSION, "id": key.event_id, "event": notice.event, "kind": notice.kind,
            "day": notice.day.isoformat(), "on": on.isoformat(), "to": notice.to,
            "occurrence": {"id": str(notice.key), "unit": line.unit, "unit_name": line.unit_name,
                           "duty": item.occurrence.duty.id, "period": line.period, "title": line.title,
                           "directive": line.directive, "section": line.section, "text": line.text,
                           "deadline": line.deadline.isoformat(), "status": item.status},
            "working_days": notice.working_days,
            "moved_from": notice.moved_from.isoformat() if notice.moved_from else None,
            "delivered_on": item.submission.delivered_on.isoformat() if item.submission else None}


def plan(ws: Workspace, config: NotifyConfig, log: SubmissionLog, root: str, on: dt.date) -> list[Notice]:
    """Every notice due on ``on`` for the units under ``root`` that someone listens to."""
    told = last_deadlines(log)
    granted = log.granted()
    found: list[Notice] = []
    for report in ws.due_under(root, on, horizon=HORIZON, lookback=config.lookback_days, log=log):
        if report.not_active is not None:
            continue
        cal = ws.calendar_for(report.unit)
        parent = ws.hierarchy.parent_of(report.unit, on)
        for item in report.items:
            key = item.occurrence.key
            found += notices_for(item, on, cal, config, level_above(item, parent), key in granted,
                                 told.get(str(key)))
    return sorted(wanted(found, config.units), key=lambda n: (n.to, n.item.deadline, str(n.key), n.kind))


def notify(ws: Workspace, config: NotifyConfig, log: SubmissionLog, root: str, on: dt.date, *,
           now: Callable[[], dt.datetime], dry_run: bool = False,
           sleep: Callable[[float], None] = time.sleep) -> NotifyRun:
    """Send what is due on ``on`` for ``root`` and every unit below it (reminders, overdue
    notices, escalations with a draft letter; webhook events), each notice at most once per
    channel: what went through is recorded in ``log`` right after (send-then-record, see
    obligations/log/notices.py). ``dry_run``: list, send and record nothing. A channel that
    fails is reported in the outcome (``NotifyRun.failed``); the others still go."""
    notices = plan(ws, config, log, root, on)
    already = sent_keys(log, {str(n.key) for n in notices})
    attempts: list[Attempt] = []
    lines = {id(n): line_of(ws, n, config.units[n.to].lang) for n in notices}

    def key(n: Notice, channel: str) -> SentKey:
        return SentKey(str(n.key), n.kind, n.day, channel)

    def done(n: Notice, channel: str, outcome: Outcome | None) -> Attempt:
        state: State = "dry" if outcome is None else ("sent" if outcome.ok else "failed")
        return Attempt(state, channel, n, lines[id(n)], outcome.tries if outcome else 0,
                       outcome.detail if outcome else None)

    # letters first: an escalation e-mail carries its letter
    pending_escalations = [n for n in notices if n.kind == "escalation"
                           and any(key(n, c) not in already for c in _channels(config, n))]
    letters: Letters = write_letters(ws, config, log, pending_escalations, on, dry_run)
    mails: list[tuple[Mail, list[Notice]]] = []
    for unit, sub in config.units.items():
        mine = [n for n in notices if n.to == unit and n.kind in MAILED]
        for address in sub.emails:
            channel = f"mailto:{address}"
            todo = [n for n in mine if key(n, channel) not in already]
            attempts += [Attempt("skipped", channel, n, lines[id(n)]) for n in mine if key(n, channel) in already]
            if not todo:
                continue
            lang = sub.lang
            mail_lines = [lines[id(n)] for n in todo]
            attach = letters.files.get(unit, ()) if any(n.kind == "escalation" for n in todo) else ()
            why = letters.problems.get(unit) if any(n.kind == "escalation" for n in todo) else None
            sentence = letter_sentence(attach[0].name if attach else None, str(config.letters_dir or ""), why,
                                       lang)
            digest = hashlib.sha256("\n".join(sorted(key(n, channel).event_id for n in todo)).encode()).hexdigest()
            name = ws.hierarchy.name(unit)
            mails.append((Mail(address, subject(unit, name, on, len(todo), lang),
                               mail_text(unit, name, on, mail_lines, sentence, lang),
                               mail_html(unit, name, on, mail_lines, sentence, lang),
                               f"<{digest[:32]}@obligations.notify>", tuple(attach)), todo))
    if dry_run:
        attempts += [done(n, f"mailto:{m.to}", None) for m, todo in mails for n in todo]
    elif mails and config.smtp is not None:
        def answered(index: int, outcome: Outcome) -> None:
            m, todo = mails[index]
            channel = f"mailto:{m.to}"
            attempts.extend(done(n, channel, outcome) for n in todo)
            record(log, [_row(key(n, channel), n, outcome, on) for n in todo])     # right away: see sent.py

        send_mails(config.smtp, [m for m, _ in mails], now(), answered)
    for unit, sub in config.units.items():
        for hook in sub.webhooks:
            for n in notices:
                if n.to != unit or n.event not in hook.events:
                    continue
                k = key(n, hook.url)
                if k in already:
                    attempts.append(Attempt("skipped", hook.url, n, lines[id(n)]))
                    continue
                if dry_run:
                    attempts.append(done(n, hook.url, None))
                    continue
                body = event_body(payload(n, lines[id(n)], k, on))
                outcome = post(hook, body, k.event_id, n.event, config.delivery, now, sleep)
                attempts.append(done(n, hook.url, outcome))
                record(log, [_row(k, n, outcome, on)])
    return NotifyRun(root, on, dry_run, tuple(attempts), tuple(str(p) for ps in letters.files.values() for p in ps))


def _channels(config: NotifyConfig, n: Notice) -> list[str]:
    sub = config.units[n.to]
    return [f"mailto:{a}" for a in sub.emails] + [h.url for h in sub.webhooks if n.event in h.events]


def _row(k: SentKey, n: Notice, outcome: Outcome, on: dt.date) -> SentRecord:
    return SentRecord(k, n.to, n.item.deadline, "sent" if outcome.ok else "failed", outcome.tries, outcome.detail,
                      on, "")
