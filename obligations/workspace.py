"""The library's front door: load a workspace, ask what is due for a unit on a date.

A ``Workspace`` holds one set of rules, one hierarchy and one calendar dataset. It has no
global state: applications can keep several side by side (other rules, other units).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Iterator

import attrs

from obligations.base import paths
from obligations.calendar.working import VietnamCalendar
from obligations.calendar.data import CalendarData, load_calendar_data
from obligations.base.errors import DataFileError, InputError, Problems
from obligations.org.hierarchy import Hierarchy, load_hierarchy
from obligations.rules.loader import RuleSet, load_rules
from obligations.status.engine import fact
from obligations.rules.model import Directive, Duty, Item, Occurrence
from obligations.reconcile.solve import Conflict, Constraint, Edge, Node, Reconciled, reconcile
from obligations.org.routing import Route, effective_issuer, performs, route
from obligations.rules.schedule import expand

DEFAULT_HORIZON = 30
DEFAULT_LOOKBACK = 30


@attrs.frozen
class Placement:
    """A problem placing one occurrence on the calendar: reported, never dropped."""

    unit: str
    duty: str
    period: str
    message: str
    location: str


@attrs.frozen
class DueReport:
    unit: str
    on: dt.date
    backend: str
    items: tuple[Item, ...]
    hidden_overdue: int
    placements: tuple[Placement, ...] = ()


class Workspace:
    def __init__(self, rules: RuleSet, hierarchy: Hierarchy, calendar_data: CalendarData) -> None:
        self.rules = rules
        self.hierarchy = hierarchy
        self.calendar_data = calendar_data
        self._calendars: dict[tuple[str, ...], VietnamCalendar] = {}
        from obligations.calendar.holiday_source import HolidaySource

        self._holidays = HolidaySource()   # shared by the unit calendars of this workspace
        self._occurrence_cache: dict[tuple[str, str, int], dict[str, Occurrence]] = {}
        self._windows: dict[tuple, list] = {}
        self._unit_calendars: dict[str, VietnamCalendar] = {}
        self._reconciled: dict[frozenset, dict[str, Reconciled]] = {}
        self._by_issuer: dict[str, list[Duty]] = {}
        for directive in rules.directives:
            self._by_issuer.setdefault(directive.unit, []).extend(directive.duties)
        self._local_scopes = {u for c in calendar_data.commemorations for u in c.scope} | \
                             {u for c in calendar_data.day_changes for u in c.scope}
        self._first_year = min((d.valid_from.year for d in rules.duties), default=None)
        # payload -> status, per engine: a status is a function of the fact's payload
        import weakref

        self._statuses: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        problems = cross_check(rules, hierarchy, calendar_data)
        if problems:
            raise Problems(problems)

    @classmethod
    def load(cls, rules: str | Path | None = None, org: str | Path | None = None,
             calendars: str | Path | None = None) -> "Workspace":
        """Load the bundled data, or the given rules directory, hierarchy file, calendar directory."""
        rules_dir = Path(rules) if rules else paths.rules_dir()
        org_file = Path(org) if org else rules_dir / "hierarchy.toml"
        if not org_file.is_file():
            org_file = paths.hierarchy_file() if not org else org_file
        if not org_file.exists():   # a pipe or a device is refused by the reader, by name
            raise DataFileError("the hierarchy file does not exist", file=str(org_file),
                                fix="give --org a hierarchy TOML file (see docs/rules.md)")
        cal_dir = Path(calendars) if calendars else paths.calendars_dir()
        from obligations.cli.load_cache import cached_load

        loaded = cached_load(rules_dir, org_file, cal_dir,
                             lambda: (load_rules(rules_dir), load_hierarchy(org_file), load_calendar_data(cal_dir)))
        return cls(*loaded)

    # -- calendars ----------------------------------------------------------------

    def calendar_for(self, unit_id: str) -> VietnamCalendar:
        """The calendar with the local days of the unit and every unit it has been under."""
        found = self._unit_calendars.get(unit_id)
        if found is None:
            found = self._unit_calendars[unit_id] = self._calendar_for(unit_id)
        return found

    def _calendar_for(self, unit_id: str) -> VietnamCalendar:
        unit = self.hierarchy.unit(unit_id)
        scope = {unit_id}
        pending = [link.parent for link in unit.parents]
        while pending:
            current = pending.pop()
            if current not in scope:
                scope.add(current)
                pending.extend(link.parent for link in self.hierarchy.unit(current).parents)
        # Units without local data share one calendar: the scope is what the local files name.
        key = tuple(sorted(scope & self._local_scopes))
        if key not in self._calendars:
            self._calendars[key] = VietnamCalendar(self.calendar_data, scope=key, source=self._holidays)
        return self._calendars[key]

    # -- occurrences ----------------------------------------------------------------

    def relevant_duties(self, unit_id: str) -> list[Duty]:
        """Duties of directives issued by the unit, any unit ever above it, or their predecessors."""
        issuers = self.hierarchy.ever_above(unit_id)
        return sorted((d for issuer in issuers for d in self._by_issuer.get(issuer, ())), key=lambda d: d.id)

    def duty_for_unit(self, duty: Duty, unit_id: str) -> Duty:
        """Apply the unit's policy defaults, unless the rule set that policy itself."""
        unit_policy = {k: v for k, v in self.hierarchy.unit(unit_id).policy if k not in duty.policy_overrides}
        if not unit_policy:
            return duty
        return attrs.evolve(duty, policy=attrs.evolve(duty.policy, **unit_policy))

    def occurrences(self, unit_id: str, first_year: int, last_year: int,
                    duties: Iterable[Duty] | None = None) -> tuple[list[Occurrence], list[Placement]]:
        self.hierarchy.unit(unit_id)
        cal = self.calendar_for(unit_id)
        first_year = max(first_year, cal.data.first_year)
        last_year = min(last_year, cal.data.last_year)
        found: list[Occurrence] = []
        problems: list[Placement] = []
        if duties is None:
            duties = self.relevant_duties(unit_id)
        unit = self.hierarchy.unit(unit_id)
        above = self.hierarchy.ever_above(unit_id)
        itself = self.hierarchy.succeeded(unit_id)
        for base in duties:
            directive = self.rules.directive(base.directive)
            if not could_perform(base, unit, directive.unit, above, itself):
                continue
            duty = self.duty_for_unit(base, unit_id)
            # keyed by content: the copies of one directive at a thousand units share windows
            key = (duty.schedule, duty.valid_from, duty.valid_until, duty.policy, cal.scope, first_year, last_year)
            windows = self._windows.get(key)
            if windows is None:
                windows = self._windows[key] = list(expand(duty, first_year, last_year, cal))
            routes: dict[int, Route | None] = {}   # the answer is the same within an epoch
            for window in windows:
                day = window.last_allowed
                epoch = self.hierarchy.epoch(day)
                if epoch not in routes:
                    issuer, notes = effective_issuer(self.hierarchy, directive.unit, day)
                    routes[epoch] = (route(self.hierarchy, duty, issuer, notes, unit_id, day)
                                     if issuer is not None and performs(self.hierarchy, duty, issuer, unit_id, day)
                                     else None)
                routed = routes[epoch]
                if routed is None:
                    continue
                issuer = routed.issuer
                roll = cal.roll(day, duty.policy.roll)
                occurrence = Occurrence(duty=duty, unit=unit_id, period=window.period,
                                        window_start=window.start, last_allowed=day, roll=roll,
                                        issuer_unit=issuer, recipient_unit=routed.recipient,
                                        routing=routed.notes, anchor=window.anchor)
                if roll.result < window.start:
                    problems.append(Placement(unit_id, duty.id, window.period,
                                              f"no working day between {window.start} and {day}",
                                              duty.source.location))
                found.append(occurrence)
        found.sort(key=lambda o: (o.deadline, o.duty.id, o.period))
        return found, problems

    # -- reconciliation between levels ---------------------------------------------

    def _occurrence(self, unit_id: str, duty: Duty, period: str) -> Occurrence | None:
        year = int(period[:4])
        key = (unit_id, duty.id, year)
        if key not in self._occurrence_cache:
            found, _ = self.occurrences(unit_id, year - 1, year + 1, duties=[duty])
            self._occurrence_cache[key] = {o.period: o for o in found}
        return self._occurrence_cache[key].get(period)

    def node(self, occ: Occurrence, extension=None) -> Node:
        """The occurrence as a time point of the temporal network, with its two own bounds.

        An extension (gia hạn) granted by the level above replaces the own deadline; it is
        placed on the calendar by the duty's roll policy."""
        directive = self.rules.directive(occ.duty.directive)
        where = f"{occ.unit}: {directive.number} mục {occ.duty.source.section}"
        text = occ.duty.source.text
        start = Constraint("window_start", occ.key, occ.window_start, where, text,
                           location=occ.duty.source.location)
        if extension is not None:
            granted = self.calendar_for(occ.unit).roll(extension.until, occ.duty.policy.roll).result
            return Node(occ.key, occ.unit, occ.window_start, granted, start,
                        Constraint("extension", occ.key, granted, f"{occ.unit}: gia hạn / extension {extension.ref}",
                                   extension.note or "", location="submissions log"), extended=True)
        return Node(occ.key, occ.unit, occ.window_start, occ.deadline, start,
                    Constraint("deadline", occ.key, occ.deadline, where, text, location=occ.duty.source.location))

    def fed_occurrence(self, occ: Occurrence, fed_id: str) -> tuple[Occurrence, Edge] | None:
        """The occurrence that ``occ`` feeds: the same flow at the same unit under another
        directive (no lead time), or at the unit that receives ``occ`` (its lead time)."""
        fed = self.rules.duty(fed_id)
        same = self._occurrence(occ.unit, fed, occ.period)
        if same is not None:
            return same, Edge(occ.key, same.key, 0, f"{occ.unit}: same report under two directives",
                              "cùng một báo cáo, hai văn bản cùng yêu cầu / one report required by two directives")
        if occ.recipient_unit is None:
            return None
        above = self._occurrence(occ.recipient_unit, fed, occ.period)
        if above is None:
            return None
        lead, source = self.hierarchy.lead_time(occ.recipient_unit)
        return above, Edge(occ.key, above.key, lead, source,
                           f"{self.hierarchy.name(occ.recipient_unit)} cần {lead} ngày làm việc để tổng hợp / "
                           f"needs {lead} working days to aggregate",
                           location=Path(self.hierarchy.file).name if self.hierarchy.file else "")

    def network(self, roots: Iterable[Occurrence], extensions: dict | None = None,
                known: dict | None = None) -> tuple[dict[str, Occurrence], list[Node], list[Edge]]:
        """The occurrences reachable upward from ``roots`` through ``feeds``, as an STN.

        The network stops at occurrences in ``known`` (already reconciled)."""
        extensions = extensions or {}
        known = known or {}
        found: dict[str, Occurrence] = {}
        nodes: list[Node] = []
        edges: list[Edge] = []
        queue = sorted(roots, key=lambda o: o.key)
        while queue:
            occ = queue.pop(0)
            if occ.key in found:
                continue
            found[occ.key] = occ
            nodes.append(self.node(occ, extensions.get(occ.key)))
            for fed_id in occ.duty.feeds:
                link = self.fed_occurrence(occ, fed_id)
                if link is not None:
                    edges.append(link[1])
                    if link[0].key not in known:
                        queue.append(link[0])
        return found, nodes, edges

    def reconcile(self, occurrences: Iterable[Occurrence], extensions: dict | None = None
                  ) -> dict[str, Reconciled]:
        """Effective deadlines of ``occurrences`` (and of everything they feed).

        Results are remembered per set of extensions: the parent a thousand cells feed is
        reconciled once."""
        extensions = extensions or {}
        memo = self._reconciled.setdefault(
            frozenset((k, e.until, e.ref) for k, e in extensions.items()), {})
        roots = [o for o in occurrences if o.key not in memo]
        if roots:
            found, nodes, edges = self.network(roots, extensions, memo)
            known = {e.parent: memo[e.parent] for e in edges if e.parent in memo}
            memo.update(reconcile(nodes, edges, self.calendar_for, known))
        return {o.key: memo[o.key] for o in occurrences}

    # -- what is due --------------------------------------------------------------

    def _assess(self, unit_id: str, on: dt.date, occurrences: list[Occurrence], engine, due_soon, log):
        """(occurrence, reconciled or None, status, days left, working days left, submission) rows.

        ``reconciled`` is None for an occurrence that feeds nothing and has no extension:
        its own window and deadline stand, and the result object is only built if needed."""
        cal = self.calendar_for(unit_id)
        delivered = log.delivered(unit_id) if log else {}
        extensions = log.granted() if log else {}
        reconciled = self.reconcile([o for o in occurrences if o.duty.feeds or o.key in extensions], extensions)
        known = self._statuses.setdefault(engine, {})
        payloads, rows = [], []
        for occ in occurrences:
            result = reconciled.get(occ.key)
            deadline = result.deadline if result else occ.deadline
            start = result.window_start if result else occ.window_start
            if deadline >= on:
                left = cal.count_working_days(on, deadline)
            else:
                left = -cal.count_working_days(deadline, on)
            soon = due_soon if due_soon is not None else occ.duty.policy.due_soon_days
            days_left = (deadline - on).days
            payloads.append((occ.key in delivered, days_left, left, (on - start).days, soon))
            rows.append((occ, result, deadline, start, days_left, left, delivered.get(occ.key)))
        statuses = statuses_of(engine, payloads, known)
        return [(*row, status) for row, status in zip(rows, statuses)]

    def _item(self, row) -> Item:
        occ, result, _deadline, _start, days_left, left, submission, status = row
        return Item(occ, status, days_left, left, result, submission)

    def evaluate(self, unit_id: str, on: dt.date, occurrences: list[Occurrence], *, engine=None,
                 due_soon: int | None = None, log=None) -> list[Item]:
        """Reconcile ``occurrences`` of one unit and give each its status on ``on``.

        ``log`` (a SubmissionLog) marks delivered occurrences done and applies extensions."""
        from obligations.status.engine import make_engine

        engine = engine or make_engine()
        return [self._item(row) for row in self._assess(unit_id, on, occurrences, engine, due_soon, log)]

    def due(self, unit_id: str, on: dt.date, *, horizon: int = DEFAULT_HORIZON,
            lookback: int = DEFAULT_LOOKBACK, engine=None, due_soon: int | None = None,
            log=None) -> DueReport:
        """What ``unit_id`` must do around ``on``: items whose window opens by ``on + horizon``
        and whose deadline is not older than ``on - lookback``; older overdue items are counted."""
        from obligations.status.engine import make_engine

        if horizon < 0 or lookback < 0:
            raise InputError("horizon and lookback must not be negative", fix="give a number of days >= 0")
        engine = engine or make_engine()
        self.calendar_for(unit_id).check_year(on.year)
        first = self._first_year or on.year
        last = (on + dt.timedelta(days=horizon)).year
        occurrences, problems = self.occurrences(unit_id, first, last)
        items, hidden = [], 0
        horizon_end = on + dt.timedelta(days=horizon)
        oldest = on - dt.timedelta(days=lookback)
        for row in self._assess(unit_id, on, occurrences, engine, due_soon, log):
            deadline, start, status = row[2], row[3], row[-1]
            if start > horizon_end:
                continue
            if deadline < oldest:
                hidden += status == "overdue"
                continue
            items.append(self._item(row))
        items.sort(key=lambda i: (i.deadline, i.occurrence.duty.id, i.occurrence.period))
        return DueReport(unit=unit_id, on=on, backend=engine.backend, items=tuple(items),
                         hidden_overdue=hidden, placements=tuple(problems))

    def due_under(self, root: str, on: dt.date, *, horizon: int = DEFAULT_HORIZON,
                  lookback: int = DEFAULT_LOOKBACK, engine=None, due_soon: int | None = None,
                  log=None, progress=None) -> Iterator[DueReport]:
        """``due`` for ``root`` and every unit below it on ``on``, one report at a time.

        Units that cannot differ except by their id (same level, parent links, validity
        and policy; not issuing a directive, named by a local calendar or in the log)
        are computed once and the report is relabelled for the others: thirty party
        cells of a commune cost one evaluation. ``progress(done, total)`` is called
        after each unit."""
        from obligations.status.engine import make_engine

        engine = engine or make_engine()
        self.hierarchy.unit(root)
        units = [root, *self.hierarchy.below(root, on)]
        special = self._special_units(log)
        shared: dict[tuple, DueReport] = {}
        for count, unit_id in enumerate(units, start=1):
            signature = None if unit_id in special else self._signature(unit_id)
            base = shared.get(signature) if signature is not None else None
            if base is None:
                report = self.due(unit_id, on, horizon=horizon, lookback=lookback, engine=engine,
                                  due_soon=due_soon, log=log)
                if signature is not None:
                    shared[signature] = report
            else:
                report = relabel_report(base, unit_id)
            if progress is not None:
                progress(count, len(units))
            yield report

    def _special_units(self, log) -> set[str]:
        special = set(self._by_issuer) | self._local_scopes
        # a successor also carries what its predecessors issued
        special |= {u.successor for u in self.hierarchy.units.values() if u.successor}
        special |= {d.recipient for d in self.rules.duties if d.recipient not in ("issuer", "parent")}
        if log is not None:
            special |= {key.split("|", 1)[0] for key in log.delivered()}
            special |= {key.split("|", 1)[0] for key in log.granted()}
        return special

    def _signature(self, unit_id: str) -> tuple:
        u = self.hierarchy.unit(unit_id)
        return (u.level, u.parents, u.start, u.end, u.successor, u.policy, u.lead_days)

    def find_occurrence(self, unit_id: str, duty_id: str, period: str | None, on: dt.date) -> Occurrence:
        """One occurrence of a duty for a unit: the given period, else the next one due."""
        try:
            duty = self.rules.duty(duty_id)
        except KeyError:
            known = ", ".join(d.id for d in self.rules.duties)
            raise InputError(f"unknown or ambiguous duty {duty_id!r}", fix=f"use one of: {known}") from None
        self.hierarchy.unit(unit_id)
        cal = self.calendar_for(unit_id)
        last = (duty.valid_until or dt.date(on.year + 1, 12, 31)).year
        occurrences, _ = self.occurrences(unit_id, max(duty.valid_from.year, cal.data.first_year),
                                          min(last, cal.data.last_year), duties=[duty])
        if not occurrences:
            raise InputError(f"{unit_id} does not perform {duty.id} on any date",
                             fix="check the unit (is it a performer of this duty?) or the duty id")
        if period is not None:
            for occ in occurrences:
                if occ.period == period:
                    return occ
            raise InputError(f"{duty.id} has no period {period!r} for {unit_id}",
                             fix="use one of: " + ", ".join(o.period for o in occurrences))
        upcoming = [o for o in occurrences if o.deadline >= on]
        return upcoming[0] if upcoming else occurrences[-1]

    def record_submission(self, log, unit_id: str, duty_id: str, period: str, delivered_on: dt.date,
                          today: dt.date, ref: str | None = None, note: str | None = None):
        """Check the occurrence exists and the date is not in the future, then record it."""
        if delivered_on > today:
            raise InputError(f"the delivery date {delivered_on} is in the future (today is {today} in Vietnam)",
                             fix="give the day it was actually delivered; nothing was written")
        occ = self.find_occurrence(unit_id, duty_id, period, today)
        return log.record_submission(unit_id, occ.duty.id, occ.period, delivered_on, ref, note)

    def record_extension(self, log, unit_id: str, duty_id: str, period: str, until: dt.date, ref: str,
                         note: str | None = None):
        """An extension granted by the level above, with the reference of the granting document."""
        if not ref or not ref.strip():
            raise InputError("an extension needs the reference of the document that grants it",
                             fix='give --ref "số văn bản"')
        occ = self.find_occurrence(unit_id, duty_id, period, until)
        if until <= occ.deadline:
            raise InputError(f"an extension must be later than the deadline {occ.deadline}",
                             fix="give a later --until date; nothing was written")
        return log.record_extension(unit_id, occ.duty.id, occ.period, until, ref, note)

    def chain(self, directive: Directive) -> list[str]:
        """The numbers of the directives this one implements, transitively, nearest first."""
        numbers = self.rules.by_number()
        result: list[str] = []
        pending = list(directive.implements)
        while pending:
            number = pending.pop(0)
            if number in result:
                continue
            result.append(number)
            if number in numbers:
                pending.extend(numbers[number].implements)
        return result


def relabel_report(report: DueReport, unit_id: str) -> DueReport:
    """The same report for another unit of the same shape: every key of the old unit moves."""
    old = report.unit
    return attrs.evolve(report, unit=unit_id,
                        items=tuple(_relabel_item(item, old, unit_id) for item in report.items),
                        placements=tuple(attrs.evolve(p, unit=unit_id) for p in report.placements))


def _relabel_key(key: str, old: str, new: str) -> str:
    return new + key[len(old):] if key.startswith(old + "|") else key


def _relabel_item(item: Item, old: str, new: str) -> Item:
    # Direct constructors: attrs.evolve introspects the class on every call, and a
    # province relabels hundreds of thousands of items.
    prefix = old + "|"

    def constraint(c: Constraint) -> Constraint:
        if not c.node.startswith(prefix):
            return c
        source = new + c.source[len(old):] if c.source.startswith(old + ":") else c.source
        return Constraint(c.kind, new + c.node[len(old):], c.date, source, c.text, c.lead, c.location)

    o = item.occurrence
    occ = Occurrence(o.duty, new, o.period, o.window_start, o.last_allowed, o.roll, o.issuer_unit,
                     o.recipient_unit, o.routing, o.anchor)
    r = item.reconciled
    if r is None:
        return Item(occ, item.status, item.days_left, item.working_days_left, None, item.submission)
    conflict = r.conflict
    if conflict is not None:
        conflict = Conflict(_relabel_key(conflict.node, old, new), conflict.window_start, conflict.deadline,
                            tuple(constraint(c) for c in conflict.constraints))
    rec = Reconciled(occ.key, r.own_deadline, r.deadline, r.window_start,
                     tuple(constraint(c) for c in r.decided_by), tuple(constraint(c) for c in r.started_by),
                     conflict)
    return Item(occ, item.status, item.days_left, item.working_days_left, rec, item.submission)


def statuses_of(engine, payloads: list[tuple], known: dict) -> list[str]:
    """Statuses for (done, days_left, wd_left, since_start, soon) payloads: the engine
    is asked once per payload it has not answered before (``known`` keeps its answers)."""
    new = {p: str(n) for n, p in enumerate(dict.fromkeys(p for p in payloads if p not in known))}
    if new:
        facts = [fact(fid, done=p[0], days_left=p[1], wd_left=p[2], since_start=p[3], soon=p[4])
                 for p, fid in new.items()]
        answers = engine.evaluate(facts)
        for payload, fid in new.items():
            known[payload] = answers[fid]
    return [known[p] for p in payloads]


def could_perform(duty: Duty, unit, issuer: str, above: set[str], itself: set[str]) -> bool:
    """False when no date can make ``unit`` a performer (saves walking every window):
    "level:X" needs the unit's level; "self" needs the issuer to be the unit or a unit it
    succeeded; "children" needs the issuer (or one it succeeded) above it at some time."""
    for selector in duty.performers:
        if selector.startswith("level:"):
            if unit.level == selector[6:]:
                return True
        elif selector == "self":
            if issuer in itself:
                return True
        elif issuer in above and issuer not in itself:
            return True
    return False


def cross_check(rules: RuleSet, hierarchy: Hierarchy, data: CalendarData) -> list[DataFileError]:
    """Problems between files: unknown units, commemorations or implemented directives."""
    problems = []
    known_days = {c.id for c in data.commemorations}

    def at(duty: Duty, message: str, fix: str) -> DataFileError:
        file, _, line = duty.source.location.rpartition(":")
        return DataFileError(message, file=file, place=f"{line} (duty {duty.local_id!r})", fix=fix)

    numbers = rules.by_number()
    for directive in rules.directives:
        if directive.unit not in hierarchy.units:
            problems.append(DataFileError(f"directive {directive.number} is issued by unknown unit {directive.unit!r}",
                                          file=directive.file, place="[directive] unit",
                                          fix=f"add the unit to the hierarchy ({hierarchy.file}) or correct the id"))
        for number in directive.implements:
            if number not in numbers:
                problems.append(DataFileError(f"directive {directive.number} implements {number!r}, which has no rule file",
                                              file=directive.file, place="[directive] implements",
                                              fix="add a rule file for it (metadata only is fine)"))
        for duty in directive.duties:
            if duty.recipient not in ("issuer", "parent") and duty.recipient not in hierarchy.units:
                problems.append(at(duty, f"duty {duty.local_id!r} is addressed to unknown unit {duty.recipient!r}",
                                   'use "issuer", "parent" or a unit id of the hierarchy'))
            for fed in duty.feeds:
                try:
                    rules.duty(fed)
                except KeyError:
                    problems.append(at(duty, f"duty {duty.local_id!r} feeds unknown duty {fed!r}",
                                       'name a duty as "<directive id>/<duty id>" of a loaded rule file'))
            for cid in duty.schedule.around:
                if cid not in known_days:
                    problems.append(at(duty, f"duty {duty.local_id!r} peaks around unknown commemoration {cid!r}",
                                       "use an id from calendars/commemorations.toml or a local file"))
    from obligations.org.crosscheck import feed_cycles

    return problems + feed_cycles(rules.duties)


def load(rules=None, org=None, calendars=None) -> Workspace:
    return Workspace.load(rules, org, calendars)
