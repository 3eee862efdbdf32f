"""Occurrences with their reconciled bounds -> items with a status on a date.

The numbers the status rules compare (days and working days left, days since the
window opened) are computed here from the calendar; the status itself comes out of the
rules engine. A status is a function of its fact's payload, so each distinct payload is
asked once per engine (``known`` keeps the answers).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, MutableMapping, Sequence

import attrs

from obligations.base.keys import OccurrenceKey
from obligations.base.errors import EngineError, said
from obligations.base.records import record
from obligations.base.vocabulary import STATUSES, Status
from obligations.calendar.working import VietnamCalendar
from obligations.log.store import Submission
from obligations.occurrences.model import Occurrence
from obligations.reconcile.solve import Reconciled, own_result
from obligations.status.rules import Engine, fact

Payload = tuple[bool, int, int, int, int, bool, bool]   # done, days, wd, since, soon, conflict, agenda


@record
@attrs.frozen(repr=False)
class Item:
    """An occurrence with its status on the evaluation date.

    ``deadline`` is the effective deadline, the one to act on: the unit's own deadline
    (``own_deadline``) once the levels above have been taken into account (a report a
    commune feeds into its district's report due earlier is due earlier too).
    ``reconciled`` holds that result, what decided it and any conflict; it is None when
    the occurrence's own window and deadline stand (``result`` then builds that result).

    Fields: ``occurrence`` (the unit's occurrence of the duty: ``occurrence.duty``,
    ``occurrence.period``, ``occurrence.duty.source`` for the sentence it comes from),
    ``status`` (a :data:`obligations.Status`), ``days_left`` (calendar days from the day
    asked about to ``deadline``, negative once past), ``working_days_left``,
    ``reconciled``, ``submission`` (the first delivery recorded in the log, or None).
    """

    occurrence: Occurrence
    status: Status
    days_left: int
    working_days_left: int
    reconciled: Reconciled | None = None
    submission: Submission | None = None     # the first delivery recorded in the submissions log

    @property
    def result(self) -> Reconciled:
        """The reconciled result, or the occurrence's own window and deadline."""
        return self.reconciled if self.reconciled is not None else own_result(self.occurrence)

    @property
    def deadline(self) -> dt.date:
        """The effective deadline: the last day to deliver, after reconciliation with the levels above."""
        return self.reconciled.deadline if self.reconciled else self.occurrence.deadline

    @property
    def own_deadline(self) -> dt.date:
        """The unit's own deadline, from its duty alone (before reconciliation); ``deadline``
        is never later, and is the one to act on."""
        return self.occurrence.deadline

    @property
    def window_start(self) -> dt.date:
        """The first day of the effective window (after reconciliation)."""
        return self.reconciled.window_start if self.reconciled else self.occurrence.window_start


def is_agenda(occ: Occurrence) -> bool:
    """Activities (sessions, peaks, bulletins) are an agenda, not deliverables: once past they
    are not overdue, unless the duty's or the unit's policy tracks them."""
    return occ.duty.kind == "activity" and not occ.duty.policy.track


def as_status(name: str) -> Status:
    """An engine's answer as a status; anything else is the engine's fault, said loudly."""
    if name not in STATUSES:
        raise EngineError(said("engine:not-status", "the rules engine answered {name}, which is not a status",
                               name=repr(name)),
                          fix=said("engine:not-status-fix", "the status ruleset must name one of: {names}",
                                   names=", ".join(f"`{s}`" for s in STATUSES)))
    return name       # narrowed to Status by the test above


def statuses_of(engine: Engine, payloads: Sequence[Payload], known: MutableMapping[Payload, Status]
                ) -> list[Status]:
    """Statuses for (done, days_left, wd_left, since_start, soon, conflict, agenda) payloads."""
    # ``known`` may be bounded (obligations.base.lru): the answers of this call are kept
    # apart, so that storing the new ones can never drop one this call still needs
    found: dict[Payload, Status] = {}
    for p in payloads:
        if p not in found and p in known:
            found[p] = known[p]
    new = {p: str(n) for n, p in enumerate(dict.fromkeys(p for p in payloads if p not in found))}
    if new:
        facts = [fact(fid, done=p[0], days_left=p[1], wd_left=p[2], since_start=p[3], soon=p[4],
                      conflict=p[5], agenda=p[6])
                 for p, fid in new.items()]
        answers = engine.evaluate(facts)
        for payload, fid in new.items():
            found[payload] = known[payload] = as_status(answers[fid])
    return [found[p] for p in payloads]


def payload_of(on: dt.date, occ: Occurrence, result: Reconciled | None, done: bool, calendar: VietnamCalendar,
               due_soon: int | None) -> Payload:
    """The fact the status rules see for one occurrence (days_left and wd_left are [1] and [2])."""
    deadline = result.deadline if result else occ.deadline
    start = result.window_start if result else occ.window_start
    left = calendar.count_working_days(on, deadline)     # negative once the deadline has passed
    soon = due_soon if due_soon is not None else occ.duty.policy.due_soon_days
    conflict = result is not None and result.conflict is not None
    return (done, (deadline - on).days, left, (on - start).days, soon, conflict, is_agenda(occ))


def assess(on: dt.date, occurrences: Sequence[Occurrence], reconciled: Mapping[OccurrenceKey, Reconciled],
           delivered: Mapping[OccurrenceKey, Submission], calendar: VietnamCalendar, engine: Engine,
           due_soon: int | None, known: MutableMapping[Payload, Status]) -> list[Item]:
    """Every occurrence of one unit as an item with its status on ``on``."""
    payloads: list[Payload] = []
    parts: list[tuple[Occurrence, Reconciled | None, int, int]] = []
    for occ in occurrences:
        result = reconciled.get(occ.key)
        fact_payload = payload_of(on, occ, result, occ.key in delivered, calendar, due_soon)
        payloads.append(fact_payload)
        parts.append((occ, result, fact_payload[1], fact_payload[2]))
    statuses = statuses_of(engine, payloads, known)
    return [Item(occ, status, days_left, left, result, delivered.get(occ.key))
            for (occ, result, days_left, left), status in zip(parts, statuses)]
