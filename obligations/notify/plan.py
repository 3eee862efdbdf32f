"""What `notify` has to say on one day: the notices, worked out from the due reports.

A notice has a scheduled day; a run on day D sends the notices scheduled on D, and those
scheduled up to ``catch_up_days`` before D that are still true (a cron run missed over a
weekend is made up, a reminder for a deadline already passed is not). Its key, with the
channel, is what the log records: (occurrence, kind, day, channel).

- ``reminder``: N working days before the effective deadline (``before``), or N calendar
  days before it (``before_days``; a day off then moves it to the working day before). Of the
  reminders already due on D only the latest is sent: a late first run sends one, not three.
- ``overdue``: the first working day after the deadline, while nothing is delivered.
- ``escalation``: the M-th working day after the deadline (``escalate_after``), while nothing
  is delivered and no extension is recorded; it goes to the level above (the occurrence's
  recipient, else the unit's parent), with a draft reminder letter.
- ``conflict``, ``deadline_changed``, ``delivered``: webhook events, keyed by the date they are
  about (the deadline in conflict, the new deadline, the delivery day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Literal

import attrs

from obligations.base.keys import OccurrenceKey
from obligations.calendar.working import VietnamCalendar
from obligations.notify.config import Event, NotifyConfig
from obligations.status.assess import Item

Kind = Literal["reminder", "overdue", "escalation", "conflict", "deadline_changed", "delivered"]
EVENT_OF: dict[Kind, Event] = {"reminder": "due_soon", "overdue": "overdue", "escalation": "overdue",
                               "conflict": "conflict", "deadline_changed": "deadline_changed",
                               "delivered": "delivered"}
# notices that also go by e-mail (the others are for applications: webhooks only)
MAILED: frozenset[Kind] = frozenset({"reminder", "overdue", "escalation"})
SCHEDULED: frozenset[Kind] = MAILED
# how far ahead the due reports look (calendar days): the longest lead time allowed and then some
HORIZON = 140


@attrs.frozen
class Notice:
    """One thing to tell ``to`` (a unit) about ``item`` (an occurrence of ``unit``)."""

    kind: Kind
    day: dt.date                  # the day it is scheduled for (the key's day)
    to: str                       # the unit told: the occurrence's unit, or the level above
    item: Item
    moved_from: dt.date | None = None        # a reminder moved off a day off: the day it would have been
    working_days: int = 0                    # left before (reminder) or late after (overdue) the deadline

    @property
    def key(self) -> OccurrenceKey:
        return self.item.occurrence.key

    @property
    def event(self) -> Event:
        return EVENT_OF[self.kind]


def _reminder(item: Item, on: dt.date, cal: VietnamCalendar, before: Iterable[int],
              before_days: Iterable[int]) -> tuple[dt.date, dt.date | None] | None:
    """The latest reminder day at or before ``on`` (and the day off it was moved from)."""
    deadline = item.deadline
    days: list[tuple[dt.date, dt.date | None]] = []
    for n in before:
        days.append((cal.add_working_days(deadline, -n) if n else deadline, None))
    for n in before_days:
        day = deadline - dt.timedelta(days=n)
        days.append((day, None) if cal.is_working_day(day) else (cal.previous_working_day(day), day))
    due = [d for d in days if d[0] <= on]
    return max(due, key=lambda d: d[0]) if due else None


def notices_for(item: Item, on: dt.date, cal: VietnamCalendar, config: NotifyConfig, above: str | None,
                escalation_blocked: bool, told_deadline: dt.date | None) -> list[Notice]:
    """The notices about one item that are due on ``on`` (before the catch-up window and the log)."""
    occ = item.occurrence
    timing = config.timing_for(occ.unit, occ.duty.kind)
    found: list[Notice] = []
    deadline = item.deadline
    if told_deadline is not None and told_deadline != deadline and item.status != "done":
        found.append(Notice("deadline_changed", deadline, occ.unit, item))
    if item.status == "conflict":
        found.append(Notice("conflict", deadline, occ.unit, item))
    elif item.status == "done":
        if told_deadline is not None and item.submission is not None:
            found.append(Notice("delivered", item.submission.delivered_on, occ.unit, item))
    elif item.status in ("upcoming", "window_open", "due_soon") and deadline >= on:
        chosen = _reminder(item, on, cal, timing.before, timing.before_days)
        if chosen is not None:
            left = cal.count_working_days(chosen[0], deadline)
            found.append(Notice("reminder", chosen[0], occ.unit, item, chosen[1], left))
    elif item.status == "overdue":
        first = cal.next_working_day(deadline)
        one = dt.timedelta(days=1)
        late = cal.count_working_days(deadline + one, on + one)        # working days in (deadline, on]
        found.append(Notice("overdue", first, occ.unit, item, working_days=late))
        m = timing.escalate_after
        if m is not None and above is not None and not escalation_blocked:
            day = cal.add_working_days(deadline, max(m, 1))
            if day <= on:
                found.append(Notice("escalation", day, above, item, working_days=late))
    # the scheduled notices within the catch-up window; the events are told when seen (their key's
    # day is the date they are about: the new deadline, the delivery day, the deadline in conflict)
    return [n for n in found if n.kind not in SCHEDULED or (n.day <= on and (on - n.day).days <= config.catch_up_days)]


def level_above(item: Item, hierarchy_parent: str | None) -> str | None:
    """Whom an escalation goes to: the unit the occurrence is delivered to, else the unit's parent."""
    recipient = item.occurrence.recipient_unit
    if recipient is not None and recipient != item.occurrence.unit:
        return recipient
    return hierarchy_parent


def wanted(notices: Iterable[Notice], subscribed: Mapping[str, object]) -> list[Notice]:
    """The notices someone listens to (a unit with no subscriber in notify.toml is told nothing)."""
    return [n for n in notices if n.to in subscribed]
