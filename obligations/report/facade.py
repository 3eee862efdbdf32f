"""What the reports that take a whole workspace (explain, deliveries, history) need of it.

A protocol, not the class: ``obligations.workspace.Workspace`` offers these reports as its own
methods (``explain``, ``status``, ``history``), so the reports must sit below it, and cannot
import it. mypy checks that the Workspace satisfies this protocol wherever it is passed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from obligations.base.keys import OccurrenceKey
from obligations.calendar.data import CalendarData
from obligations.calendar.working import VietnamCalendar
from obligations.log.store import SubmissionLog
from obligations.occurrences.generate import EventDates, Occurrences, Span
from obligations.occurrences.model import Occurrence, Placement
from obligations.org.hierarchy import Hierarchy
from obligations.reconcile.network import Extensions
from obligations.reconcile.solve import Edge, Node, Reconciled
from obligations.rules.loader import RuleSet
from obligations.rules.model import Directive, Duty
from obligations.report.due import DueReport
from obligations.status.assess import Item
from obligations.status.rules import Engine


class Facade(Protocol):
    """The part of ``Workspace`` the reports above the rules engine use."""

    @property
    def rules(self) -> RuleSet: ...
    @property
    def all_rules(self) -> RuleSet: ...
    @property
    def hierarchy(self) -> Hierarchy: ...
    @property
    def as_known_on(self) -> dt.date | None: ...
    @property
    def calendar_known_on(self) -> dt.date | None: ...
    @property
    def occurrence_source(self) -> Occurrences: ...
    @property
    def calendar_data(self) -> CalendarData: ...
    @property
    def changes_anything(self) -> bool: ...

    def known_on(self, day: dt.date, *, calendar: bool = True) -> Facade: ...
    def calendar_for(self, unit_id: str) -> VietnamCalendar: ...
    def chain(self, directive: Directive) -> list[str]: ...

    def occurrences(self, unit_id: str, first_year: int, last_year: int, duties: Iterable[Duty] | None = None,
                    events: EventDates | None = None, *, needed: Span | None = ...
                    ) -> tuple[list[Occurrence], list[Placement]]: ...

    def find_occurrence(self, unit_id: str, duty_id: str, period: str | None, on: dt.date,
                        events: EventDates | None = None) -> Occurrence: ...

    def network(self, roots: Iterable[Occurrence], extensions: Extensions | None = None
                ) -> tuple[dict[OccurrenceKey, Occurrence], list[Node], list[Edge]]: ...

    def reconcile(self, occurrences: Iterable[Occurrence], extensions: Extensions | None = None
                  ) -> dict[OccurrenceKey, Reconciled]: ...

    def evaluate(self, unit_id: str, on: dt.date, occurrences: list[Occurrence], *, engine: Engine | None = None,
                 due_soon: int | None = None, log: SubmissionLog | None = None) -> list[Item]: ...

    def items_between(self, unit_id: str, start: dt.date, end: dt.date, on: dt.date, *,
                      engine: Engine | None = None, log: SubmissionLog | None = None) -> list[Item]: ...

    def due_under(self, root: str, on: dt.date, *, horizon: int = ..., lookback: int = ...,
                  engine: Engine | None = None, due_soon: int | None = None, log: SubmissionLog | None = None,
                  progress: Callable[[int, int], None] | None = None, share: bool = True) -> Iterator[DueReport]: ...
