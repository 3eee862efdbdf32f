"""What changed between two states of knowledge, as data (``Workspace.changes``, ``changes``).

An occurrence is named by its unit, duty and period (``OccurrenceKey``). Between the old state
(rules and calendar as known on one day, or an old rules directory) and the new one, each
occurrence whose effective deadline falls in the range asked about is ``added`` (it exists only
in the new state), ``removed`` (only in the old) or ``moved`` (its effective deadline differs).
Every change carries its causes: the documents that define or change its duty and differ
between the two states, the calendar decisions whose days lie where they move its deadline, and
``above`` when the deadline moved because an occurrence it feeds (a level above) moved.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from obligations.base.keys import OccurrenceKey
from obligations.base.records import record
from obligations.calendar.decisions import Decision

ChangeKind = Literal["added", "moved", "removed"]
CHANGE_KINDS: tuple[ChangeKind, ...] = ("added", "moved", "removed")
CauseKind = Literal["document", "calendar", "above", "unexplained"]
# what a document does to the duty: defines it (a new plan), or changes it (rules/model.Change)
DocumentAction = Literal["defines", "withdrawn", "amend", "replace", "revoke", "reinstate", "postpone"]


@record
@attrs.frozen(repr=False)
class Cause:
    """Why an occurrence changed.

    ``document``: ``directive`` (id), ``number``, ``issued``, ``action`` and the sentence
    (``section``, ``text``) that defines or changes the duty. ``calendar``: ``day`` became a
    working day or a day off (``working``), ``name`` (``name_en``), and the decision behind it (``decision``
    number, ``issuer``, ``issued``; ``basis`` and ``source`` as the data cites them; ``made_by`` the
    decision itself, which says whether its day of issue is known or assumed).
    ``above``: the occurrence ``key`` it feeds moved from ``old`` to ``new`` (``causes``: why).
    ``unexplained``: no document or calendar decision of the two states explains it."""

    kind: CauseKind
    directive: str | None = None
    number: str | None = None
    issued: dt.date | None = None
    action: DocumentAction | None = None
    section: str | None = None
    text: str | None = None
    day: dt.date | None = None
    working: bool | None = None
    name: str | None = None
    name_en: str | None = None
    decision: str | None = None
    issuer: str | None = None
    basis: str | None = None
    source: str | None = None
    made_by: Decision | None = None     # calendar: the decision itself (number, title, whether assumed)
    key: OccurrenceKey | None = None
    old: dt.date | None = None
    new: dt.date | None = None
    causes: tuple[Cause, ...] = ()


@record
@attrs.frozen(repr=False)
class Change:
    """One occurrence added, moved or removed. ``old``/``new``: the effective deadlines (None
    where it does not exist); ``old_own``/``new_own``: the unit's own deadlines before
    reconciliation; ``working_days``: working days gained (positive) or lost (negative) by the
    move, counted from the earlier deadline, each deadline by its own state's calendar."""

    key: OccurrenceKey
    kind: ChangeKind
    title_vi: str
    title_en: str | None
    directive_number: str
    old: dt.date | None
    new: dt.date | None
    old_own: dt.date | None
    new_own: dt.date | None
    working_days: int | None
    causes: tuple[Cause, ...]
    acknowledged: Acknowledgement | None = None

    @property
    def above_only(self) -> bool:
        """Moved only because a level above moved (its own deadline stands)."""
        return self.kind == "moved" and self.old_own == self.new_own


@record
@attrs.frozen(repr=False)
class Acknowledgement:
    """Who acknowledged a change and when (the submissions log, table change_ack)."""

    by: str
    at: str
