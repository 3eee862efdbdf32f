"""The library's front door: load a workspace, ask what is due for a unit on a date.

A ``Workspace`` holds one set of rules, one hierarchy and one calendar dataset, and
wires the stages of the pipeline together:

    occurrences (duties -> dated occurrences for a unit)
      -> reconcile.network (feeds -> temporal network -> effective deadlines)
      -> status.assess (statuses from the rules engine)
      -> report (due, due_under, explain: results as data)

It has no global state and reads no environment: applications can keep several side
by side. ``load()`` reads files and writes nothing unless given a cache directory.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING

from obligations.base.errors import InputError, Problems, said
from obligations.base.keys import OccurrenceKey
from obligations.base.lru import LRU
from obligations.base.vocabulary import Status
from obligations.calendar.data import CalendarData
from obligations.calendar.holiday_source import HolidaySource
from obligations.calendar.working import VietnamCalendar
from obligations.loading import RulesArg, cross_check, read_inputs
from obligations.log.store import Extension, RecordedEvent, Submission, SubmissionLog
from obligations.occurrences.calendars import CalendarViews
from obligations.occurrences.generate import EVERY_DAY, EventDates, Occurrences, Span
from obligations.occurrences.model import Occurrence, Placement
from obligations.org.hierarchy import Hierarchy
from obligations.reconcile.network import Extensions, Network
from obligations.reconcile.solve import Edge, Node, Reconciled
from obligations.report.due import ASKED, DEFAULT_HORIZON, DEFAULT_LOOKBACK, DueReport, due, evaluate
from obligations.rules.loader import RuleSet
from obligations.rules.model import Directive, Duty
from obligations.rules.versions import known_on
from obligations.status.assess import Item, Payload
from obligations.status.slot import EngineSlot
from obligations.status.rules import Engine

if TYPE_CHECKING:       # the reports sit above this module and are imported when asked for
    from obligations.report.deliveries import Delivery
    from obligations.report.status_report import StatusReport
    from obligations.report.count import CountReport
    from obligations.report.explain import Explanation
    from obligations.report.history import History
    from obligations.report.changes import ChangesReport

__all__ = ["DEFAULT_HORIZON", "DEFAULT_LOOKBACK", "DueReport", "Placement", "Workspace", "load"]


# Views "as known on" a day, each with its own memo tables: the 16 used last are kept (a service
# asked about every day of a year would otherwise keep a view, and its tables, per day).
KNOWN_ON_KEPT = 16
# Statuses by payload, per engine and view: a national run on one day has far fewer.
STATUSES_KEPT = 50_000


class Workspace:
    """One set of rules, one hierarchy and one calendar dataset, and the questions asked of them.

    Made by :func:`obligations.load`. Reading methods (``due``, ``due_under``, ``explain``,
    ``status``, ``items_between``) write nothing; ``record_*`` write to the submissions log
    they are given (:func:`obligations.open_log`). Every method takes the dates it answers
    about: the library never reads the clock.

    >>> import datetime as dt, obligations
    >>> ws = obligations.load()
    >>> report = ws.due("chibo-1", dt.date(2025, 11, 20))
    >>> # "vào tháng 11": 30/11/2025 is a Sunday, so Friday 28/11; six working days left, due soon from five
    >>> [(str(i.deadline), i.status) for i in report.items if i.occurrence.duty.kind == "report"]
    [('2025-11-28', 'window_open')]
    """

    def __init__(self, rules: RuleSet, hierarchy: Hierarchy, calendar_data: CalendarData, *,
                 holidays: HolidaySource | None = None, as_known_on: dt.date | None = None,
                 calendar_known: bool = True, _checked: bool = False, _views: CalendarViews | None = None,
                 _engine: EngineSlot | None = None) -> None:
        """``as_known_on``: the documents issued (rules.versions) and, with ``calendar_known``, the
        calendar decisions known (CalendarData.as_known_on) by that day only; None: all count."""
        if not _checked:
            problems = cross_check(rules, hierarchy, calendar_data)
            if problems:
                raise Problems(list(problems))
        self.all_rules = rules
        self.as_known_on = as_known_on
        self.calendar_known_on = as_known_on if calendar_known else None
        self.rules = known_on(rules, as_known_on) if as_known_on is not None else rules
        self.hierarchy = hierarchy
        self.calendar_data = calendar_data
        self._views = _views or CalendarViews(hierarchy, calendar_data, holidays or HolidaySource())
        self.calendars = self._views.known_on(self.calendar_known_on)
        self._holidays = holidays
        self.occurrence_source = Occurrences(self.rules, hierarchy, self.calendars, as_known_on)
        self.network_solver = Network(self.occurrence_source, self.calendars)
        # payload -> status, per engine: a status is a function of the fact's payload
        self._statuses: weakref.WeakKeyDictionary[Engine, LRU[Payload, Status]] = weakref.WeakKeyDictionary()
        self._as_known: LRU[tuple[dt.date, bool], Workspace] = LRU(KNOWN_ON_KEPT)
        self._engine = _engine or EngineSlot()

    @classmethod
    def load(cls, rules: RulesArg = None, org: str | Path | None = None,
             calendars: str | Path | None = None, *, cache_dir: str | Path | None = None,
             as_known_on: dt.date | None = None, calendar_known: bool = True) -> Workspace:
        """Load the bundled data, or the given rules directories (later ones add to earlier
        ones), hierarchy file, calendar directory (``as_known_on``, ``calendar_known``: as ``Workspace``;
        ``cache_dir``: inputs and holiday facts are cached there, only there)."""
        directory = Path(cache_dir) if cache_dir is not None else None
        inputs = read_inputs(rules, org, calendars, cache_dir=directory)   # checked against each other
        return cls(*inputs, holidays=HolidaySource(directory), as_known_on=as_known_on,
                   calendar_known=calendar_known, _checked=True)

    def known_on(self, day: dt.date, *, calendar: bool = True) -> Workspace:
        """The same inputs as known on ``day`` (documents and, with ``calendar``, calendar decisions)."""
        if day == self.as_known_on and (day if calendar else None) == self.calendar_known_on:
            return self
        found = self._as_known.get((day, calendar))
        if found is None:
            found = self._as_known[(day, calendar)] = Workspace(
                self.all_rules, self.hierarchy, self.calendar_data, holidays=self._holidays, as_known_on=day,
                calendar_known=calendar, _checked=True, _views=self._views, _engine=self._engine)
        return found

    def resolve_unit(self, query: str) -> tuple[Workspace, str]:
        """The unit ``query`` names (its id, or its name: "Xã Lâm Bình", "Lâm Bình, Tuyên Quang",
        matched without diacritics or case; obligations.org.names) and a workspace that knows it:
        this one when its hierarchy has the unit, else one with the real units of its province
        joined (obligations.org.lookup.locate). Unknown: ``unknown-unit``; ambiguous: ``ambiguous-unit``."""
        if query in self.hierarchy.units:       # the usual case: nothing more is imported
            return self, query
        from obligations.org.lookup import locate

        unit_id, hierarchy = locate(self.hierarchy, query)
        if hierarchy is self.hierarchy:
            return self, unit_id
        # only units were added: the rules still check against the hierarchy (no cross_check again)
        return Workspace(self.all_rules, hierarchy, self.calendar_data, holidays=self._holidays,
                         as_known_on=self.as_known_on, calendar_known=self.calendar_known_on is not None,
                         _checked=True, _engine=self._engine), unit_id

    @property
    def changes_anything(self) -> bool:
        """Do any loaded documents amend, replace, revoke or postpone duties?"""
        return any(d.changes for d in self.all_rules.directives)

    @property
    def engine(self) -> Engine:
        """The rules engine that answers when a call is given none: made on first use (durable_rules
        when it imports, else the pure-Python evaluator; ``engine.backend`` says which), then reused."""
        return self._engine.get()

    def _known(self, engine: Engine) -> MutableMapping[Payload, Status]:
        found = self._statuses.get(engine)
        if found is None:
            found = self._statuses[engine] = LRU(STATUSES_KEPT)
        return found

    # -- the stages, one call each -------------------------------------------------------

    def calendar_for(self, unit_id: str) -> VietnamCalendar:
        """The calendar with the local days of the unit and every unit it has been under."""
        return self.calendars(unit_id)

    def relevant_duties(self, unit_id: str) -> list[Duty]:
        """The duties that fall to ``unit_id`` (issued at or above it, performed at its level)."""
        return self.occurrence_source.relevant_duties(unit_id)

    def occurrences(self, unit_id: str, first_year: int, last_year: int, duties: Iterable[Duty] | None = None,
                    events: EventDates | None = None, *, needed: Span | None = EVERY_DAY
                    ) -> tuple[list[Occurrence], list[Placement]]:
        """Occurrences whose last allowed day falls in the years asked; ``needed``: the days the
        answer looks at, refused (CalendarRangeError) when one of them needs a year the calendar
        data does not cover (Occurrences.of_unit)."""
        return self.occurrence_source.of_unit(unit_id, first_year, last_year, duties, events, needed=needed)

    def find_occurrence(self, unit_id: str, duty_id: str, period: str | None, on: dt.date,
                        events: EventDates | None = None) -> Occurrence:
        """One occurrence of a duty for a unit: ``period`` ("2025", "2025-11"), else the next one due on ``on``."""
        return self.occurrence_source.find(unit_id, duty_id, period, on, events)

    def network(self, roots: Iterable[Occurrence], extensions: Extensions | None = None
                ) -> tuple[dict[OccurrenceKey, Occurrence], list[Node], list[Edge]]:
        """Everything the occurrences feed, transitively, with the constraints between them."""
        return self.network_solver.build(roots, extensions)

    def reconcile(self, occurrences: Iterable[Occurrence], extensions: Extensions | None = None
                  ) -> dict[OccurrenceKey, Reconciled]:
        """The effective window and deadline of each occurrence, what decided them, any conflict."""
        return self.network_solver.solve(occurrences, extensions)

    def evaluate(self, unit_id: str, on: dt.date, occurrences: list[Occurrence], *, engine: Engine | None = None,
                 due_soon: int | None = None, log: SubmissionLog | None = None) -> list[Item]:
        """The occurrences reconciled and given their status on ``on`` (all of them, unfiltered)."""
        engine = engine or self.engine
        return evaluate(unit_id, on, occurrences, self.network_solver, self.calendars, engine,
                                   due_soon, log, self._known(engine))

    def due(self, unit_id: str, on: dt.date, *, horizon: int = DEFAULT_HORIZON, lookback: int = DEFAULT_LOOKBACK,
            engine: Engine | None = None, due_soon: int | None = None, log: SubmissionLog | None = None) -> DueReport:
        """What ``unit_id`` must do around ``on``: every item whose window opens within ``horizon``
        days and whose deadline is at most ``lookback`` days past (older overdue ones are
        counted in ``hidden_overdue``), reconciled with the levels above, each with its status.

        ``log``: deliveries and extensions recorded there count (``done``, later deadlines).
        ``engine``: a rules engine of your own (``obligations.status.engine.make_engine``);
        by default the workspace's. Raises :class:`obligations.InputError` for a unit that is
        not in the hierarchy or not active on ``on``, :class:`obligations.CalendarRangeError`
        for days the calendar data does not cover.

        >>> import datetime as dt, obligations
        >>> ws = obligations.load()
        >>> report = ws.due("xa-X", dt.date(2026, 11, 23))
        >>> report.unit, report.on
        ('xa-X', datetime.date(2026, 11, 23))
        """
        engine = engine or self.engine
        return due(unit_id, on, self.occurrence_source, self.network_solver, engine, self._known(engine),
                              horizon=horizon, lookback=lookback, due_soon=due_soon, log=log)

    def due_under(self, root: str, on: dt.date, *, horizon: int = DEFAULT_HORIZON,
                  lookback: int = DEFAULT_LOOKBACK, engine: Engine | None = None, due_soon: int | None = None,
                  log: SubmissionLog | None = None,
                  progress: Callable[[int, int], None] | None = None, share: bool = True) -> Iterator[DueReport]:
        """``due`` for ``root`` and every unit below it on ``on``, one report per unit, lazily
        (the root first). ``progress(done, total)`` is called as units are answered."""
        engine = engine or self.engine
        self.hierarchy.require_on(root, on)     # now, not at the first unit: before any line is written
        from obligations.report.bulk import due_under   # not needed by the one-unit path

        if horizon >= 0 and lookback >= 0:
            # before the first report: a refusal must not come after a table has begun
            self.calendar_for(root).check_days(on - dt.timedelta(days=lookback), on + dt.timedelta(days=horizon),
                                               ASKED)
        return due_under(root, on, self.occurrence_source, self.network_solver, engine, self._known(engine),
                              horizon=horizon, lookback=lookback, due_soon=due_soon, log=log, progress=progress,
                              share=share)

    def items_between(self, unit_id: str, start: dt.date, end: dt.date, on: dt.date, *,
                      engine: Engine | None = None, log: SubmissionLog | None = None) -> list[Item]:
        """Every occurrence of ``unit_id`` whose window meets [start, end], reconciled, with status."""
        if end < start:
            raise InputError(said("span:reversed", "the end of the span ({end}) is before its start ({start})",
                                  end=end, start=start),
                             fix=said("span:reversed-fix", "give the earlier date first"), code="bad-range", param="to")
        unit = self.hierarchy.unit(unit_id)
        if start > unit.end:           # the whole span after the unit ended (or before it began): refused
            self.hierarchy.require_on(unit_id, start, asked="from")
        elif end < unit.start:
            self.hierarchy.require_on(unit_id, end, asked="to")
        self.calendar_for(unit_id).check_days(start, end)
        occurrences, _ = self.occurrences(unit_id, start.year, end.year + 1,
                                          events=log.event_dates(unit_id) if log is not None else None,
                                          needed=(start, end))
        items = self.evaluate(unit_id, on, occurrences, engine=engine, log=log)
        chosen = [i for i in items if i.window_start <= end and i.deadline >= start]
        return sorted(chosen, key=lambda i: (i.deadline, i.occurrence.duty.id, i.occurrence.period))

    def record_submission(self, log: SubmissionLog, unit_id: str, duty_id: str, period: str,
                          delivered_on: dt.date, today: dt.date, ref: str | None = None,
                          note: str | None = None, *, replace: bool = False,
                          reason: str | None = None) -> Submission:
        """Record a delivery of an occurrence that exists. A second, different record of the
        occurrence raises ``AlreadyRecorded`` (naming the first) unless ``replace=True`` with a
        ``reason``; the record replaced is kept as history."""
        from obligations.log.record import record_submission   # writes only: kept off the reading path

        return record_submission(self.occurrence_source, log, unit_id, duty_id, period, delivered_on, today,
                                 ref, note, replace=replace, reason=reason)

    def record_extension(self, log: SubmissionLog, unit_id: str, duty_id: str, period: str, until: dt.date,
                         ref: str, note: str | None = None, *, replace: bool = False,
                         reason: str | None = None) -> Extension:
        """Record an extension (gia hạn) with the granting document; a second one for the same
        occurrence (a further grant, a correction) needs ``replace=True`` and a ``reason``."""
        from obligations.log.record import record_extension

        return record_extension(self.occurrence_source, log, unit_id, duty_id, period, until, ref, note,
                                replace=replace, reason=reason)

    def record_event(self, log: SubmissionLog, unit_id: str, event_id: str, happened_on: dt.date,
                     ref: str | None = None, note: str | None = None, *, replace: bool = False,
                     reason: str | None = None) -> RecordedEvent:
        """Record the day an event happened for a unit; another day for the same event is a
        correction and needs ``replace=True`` and a ``reason``."""
        from obligations.log.record import record_event

        return record_event(self.occurrence_source, log, unit_id, event_id, happened_on, ref, note,
                            replace=replace, reason=reason)

    def chain(self, directive: Directive) -> list[str]:
        """The numbers of the directives ``directive`` implements, nearest first."""
        return self.rules.chain(directive)

    # -- the reports that take the whole workspace (obligations.report.*) ------------------

    def explain(self, unit_id: str, duty_id: str, period: str | None, on: dt.date, *,
                log: SubmissionLog | None = None) -> Explanation:
        """The whole derivation of one occurrence: its duty and source sentence, the directives
        it implements, every occurrence it feeds and the constraints between them, its effective
        deadline (``explanation.result.deadline``) and what decided it, the duty's versions, and
        what ``log`` records for it. ``period``: "2025", "2025-11" …; None: the next one due on ``on``.

        >>> import datetime as dt, obligations
        >>> ws = obligations.load()
        >>> found = ws.explain("chibo-1", "76-KH-DU/chi-bo-bao-cao-hang-nam", "2025", dt.date(2025, 11, 20))
        >>> str(found.result.deadline), found.occurrence.duty.source.section   # 30/11/2025 is a Sunday
        ('2025-11-28', 'IV.1.2')
        """
        from obligations.report.explain import explain

        return explain(self, unit_id, duty_id, period, on, log=log)

    def status(self, unit_id: str, on: dt.date, *, year: int | None = None,
               log: SubmissionLog | None = None) -> StatusReport:
        """Each occurrence of ``unit_id`` whose deadline falls in ``year`` (None: whose window has
        opened by ``on``), judged on ``on`` against what ``log`` records: ``on_time``, ``late``
        (with the working days late), ``missing`` or ``open``; oldest deadline first
        (``report.deliveries``), with the log's events and replaced records beside them.

        >>> import datetime as dt, obligations
        >>> ws = obligations.load()
        >>> report = ws.status("chibo-1", dt.date(2025, 12, 1), year=2025)
        >>> sorted({row.result for row in report.deliveries})   # an empty log: nothing delivered
        ['missing', 'open']
        """
        from obligations.report.status_report import status_report

        return status_report(self, unit_id, on, year, log)

    def count_under(self, root: str, start: dt.date, end: dt.date, on: dt.date, *, by: str = "unit",
                    log: SubmissionLog | None = None) -> CountReport:
        """The four-way count of ``root`` and every unit below it on ``on`` (report.count): the
        occurrences whose effective deadline falls in [start, end] and whose window has opened
        by ``on``, judged against ``log`` as ``status`` judges them: ``on_time`` (đúng hạn),
        ``late`` (trễ hạn, with the working days late summed), ``within`` (chưa đến hạn: not
        delivered, deadline ahead) and ``overdue`` (quá hạn); an occurrence whose deadline is in
        conflict is counted apart (``conflicts``). ``by``: "unit" (each unit's own count and the
        count under it), "directive" or "duty"; each group lists the occurrences behind it.

        >>> import datetime as dt, obligations
        >>> ws = obligations.load()
        >>> found = ws.count_under("xa-X", dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2026, 1, 5))
        >>> found.total.on_time, found.total.late, found.total.within   # an empty log: nothing delivered
        (0, 0, 0)
        """
        from obligations.report.count import count_under

        return count_under(self, root, start, end, on, by=by, log=log,
                           evaluation=(self.network_solver, self.engine, self._known(self.engine)))

    def changes(self, under: str | None, from_known: dt.date | None, to_known: dt.date | None, *,
                new: Workspace | None = None, start: dt.date | None = None, end: dt.date | None = None,
                log: SubmissionLog | None = None, below: bool = True) -> ChangesReport:
        """Each occurrence of ``under`` (None: every top unit) and the units below it added, moved or
        removed between this workspace as known on ``from_known`` and ``new`` (default: this one) as
        known on ``to_known`` (None: every loaded document), whose old or new effective deadline is in
        [``start`` (default ``from_known``), ``end`` (default: 31/12 two years after)], with its causes
        (report.changes); ``log``: the acknowledgements recorded there; ``below=False``: ``under`` alone."""
        from obligations.report.changes import with_acks

        return with_acks(self, new or self, under, from_known, to_known, start, end, log, below=below)

    def history(self, occurrence: Occurrence) -> History | None:
        """The dated versions of an occurrence's duty (which later document amended, replaced,
        revoked or postponed it, and which version this occurrence follows); None when no loaded
        document changes the duty, the usual case."""
        from obligations.report.history import history

        return history(self, occurrence)


def load(rules: RulesArg = None, org: str | Path | None = None, calendars: str | Path | None = None,
         *, cache_dir: str | Path | None = None, as_known_on: dt.date | None = None,
         calendar_known: bool = True) -> Workspace:
    """A workspace over the bundled data (rules, hierarchy and calendars shipped with the package),
    or over yours: ``rules`` one directory or several (later ones add to and amend earlier ones), ``org``
    a hierarchy file (default: the first rules directory's ``hierarchy.toml``), ``calendars`` a directory.

    Every file is checked against the others; bad input raises :class:`obligations.Problems` (every
    problem at once) or another :class:`obligations.ObligationsError` naming the file, the place and
    the fix. ``cache_dir``: keep parsed inputs there (nothing is written otherwise). ``as_known_on``:
    answer with the documents issued and (``calendar_known``) the calendar decisions known by then.

    >>> import obligations
    >>> ws = obligations.load()
    >>> ws.hierarchy.unit("xa-X").level
    'commune'
    """
    return Workspace.load(rules, org, calendars, cache_dir=cache_dir, as_known_on=as_known_on,
                          calendar_known=calendar_known)
