"""Dated versions of duties: the rule set as known on a day, and which version is in force.

Two dates decide every answer (docs/rules.md section 9):

- the date of knowledge K: only documents issued on or before K count (``known_on``). A
  directive whose date of issue is not legible (``issued`` is None, as in two seeds)
  counts on every date: it is part of the base set, its duties are limited by their own
  validity, and it may not carry changes (rules/lifecycle.py refuses them);
- the date of effect of each change: a duty's versions follow one another in the order
  of their dates of effect, then of issue (``resolve``).

The version in force for an occurrence (``in_force``): newest first, a version's window
counts when the version has taken effect by the window's last allowed day *as that
version computes it*, no newer version already gave the same period, and no newer
version in effect by then (one that changed the kind of period, or revoked the duty)
yields nothing for it. So "trước ngày 10-12" from a letter effective 15/7/2026 governs the
2026 report, and a change effective after the deadline it would set never reaches back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import attrs

from obligations.base import places
from obligations.base.errors import DataFileError, Said, joined, said
from obligations.base.records import record
from obligations.rules.loader import RuleSet
from obligations.rules.model import Change, Directive, Duty, Policy
from obligations.rules.schedules.base import Window, WorkingCalendar

W = TypeVar("W", bound=Window)
_ALL_FIELDS = ("*",)


@record
@attrs.frozen(repr=False)
class Version:
    """One version of a duty in its history: in force from ``effective`` (None: as first
    written), ``duty`` as that version states it (None: revoked or replaced), ``change`` the
    sentence of the later document that made it."""

    effective: dt.date | None      # None: the duty as first written
    duty: Duty | None              # None: revoked or replaced from ``effective`` on
    change: Change | None = None


@record
@attrs.frozen(repr=False)
class Lifecycle:
    """Every duty some change touches, with its versions; the postponed occurrences."""

    versions: Mapping[str, tuple[Version, ...]] = attrs.field(factory=dict)
    postponed: Mapping[tuple[str, str], Change] = attrs.field(factory=dict)

    def of(self, duty: Duty) -> tuple[Version, ...]:
        return self.versions.get(duty.id) or (Version(None, duty),)

    def changed(self, duty_id: str) -> bool:
        return duty_id in self.versions


def is_known(directive: Directive, known_on: dt.date) -> bool:
    return directive.issued is None or directive.issued <= known_on


def known_on(rules: RuleSet, day: dt.date) -> RuleSet:
    """The rule set as it stood on ``day``: documents issued later do not count; a file
    that stands in for an earlier one with the same id gives way to it until issued."""
    earlier: dict[str, list[Directive]] = {}
    for directive in rules.shadowed:
        earlier.setdefault(directive.id, []).append(directive)
    kept = []
    for directive in rules.directives:
        candidates = [directive, *reversed(earlier.get(directive.id, []))]
        found = next((d for d in candidates if is_known(d, day)), None)
        if found is not None:
            kept.append(found)
    if len(kept) == len(rules.directives) and all(a is b for a, b in zip(kept, rules.directives)):
        return rules
    return RuleSet(tuple(kept), directory=rules.directory)


def order(change: Change) -> tuple[Any, ...]:
    """Later effect wins; at the same effect the later document (lex posterior derogat priori);
    the rest only makes the order total (`check` reports changes it alone would order)."""
    return change.effective, change.issued, change.directive, change.source.location


def amended(duty: Duty, change: Change) -> Duty:
    """``duty`` with an amendment's new values. The policy is rebuilt: the defaults of the
    (maybe new) schedule, then the policies the duty's text set, then the amendment's."""
    values: dict[str, Any] = dict(change.fields)
    updates = {k: values[k] for k in ("schedule", "performers", "recipient", "body", "title_vi", "title_en")
               if k in values}
    schedule = updates.get("schedule", duty.schedule)
    own = {k: getattr(duty.policy, k) for k in duty.policy_overrides}
    new_policy: dict[str, Any] = dict(values.get("policy", ()))
    policy = Policy(**{"roll": schedule.default_roll, "opens": schedule.default_opens, **own, **new_policy})
    return attrs.evolve(duty, **updates, valid_from=values.get("valid.from", duty.valid_from),
                        valid_until=values.get("valid.until", duty.valid_until), policy=policy,
                        policy_overrides=duty.policy_overrides | frozenset(new_policy),
                        amended_by=(*duty.amended_by, change.source))


def _targets(rules: RuleSet, change: Change) -> list[str]:
    try:
        if change.on_directive:
            return [d.id for d in rules.directive(change.target).duties]
        return [rules.duty(change.target).id] if "/" in change.target else []
    except KeyError:
        return []


def resolve(rules: RuleSet) -> Lifecycle:
    """The versions of every changed duty, from the changes of the directives in ``rules``
    (give it ``known_on(rules, day)`` for the answers known on a day)."""
    changes = [c for d in rules.directives for c in d.changes if c.target != d.id]
    if not changes:
        return Lifecycle()
    duties = {d.id: d for d in rules.duties}
    by_duty: dict[str, list[Change]] = {}
    postponed: dict[tuple[str, str], Change] = {}
    for change in sorted(changes, key=order):
        if change.kind == "postpone":
            # a second postponement of the same occurrence replaces the first
            if change.target in duties and change.period is not None:
                postponed[(change.target, change.period)] = change
            continue
        for duty_id in _targets(rules, change):
            by_duty.setdefault(duty_id, []).append(change)
    versions: dict[str, tuple[Version, ...]] = {}
    for duty_id, found in by_duty.items():
        content = duties[duty_id]
        chain = [Version(None, content)]
        for change in found:
            if change.kind == "amend":
                content = amended(content, change)
                chain.append(Version(change.effective, content, change))
            elif change.kind == "reinstate":
                chain.append(Version(change.effective, content, change))
            else:   # revoke, replace
                chain.append(Version(change.effective, None, change))
        versions[duty_id] = tuple(chain)
    return Lifecycle(versions, postponed)


def in_force(expanded: Sequence[tuple[Version, Sequence[W]]]) -> list[tuple[Version, W]]:
    """The windows in force among those of each version (oldest version first), by the rule
    in this module's docstring; the result is in the order of the versions."""
    claimed: set[str] = set()
    newer: list[tuple[dt.date | None, set[str]]] = []
    kept: list[tuple[Version, W]] = []
    for version, windows in reversed(expanded):
        for window in windows:
            if version.effective is not None and window.last_allowed < version.effective:
                continue
            if window.period in claimed:
                continue
            if any(eff is not None and eff <= window.last_allowed and window.period not in periods
                   for eff, periods in newer):
                continue
            claimed.add(window.period)
            kept.append((version, window))
        newer.append((version.effective, {w.period for w in windows}))
    kept.reverse()
    return kept


def postponed_window(window: W, change: Change) -> W:
    """The window of a postponed occurrence: its last allowed day is the day named."""
    assert change.to is not None
    last = change.to if change.inclusive else change.to - dt.timedelta(days=1)
    return attrs.evolve(window, last_allowed=last, named=change.to)


def problems(rules: RuleSet, calendar: WorkingCalendar | None = None) -> list[DataFileError]:
    """Changes that point at nothing, changes of one field at once without an order between
    them (postponements of one occurrence too), cycles of replacements, and amendments that
    leave a duty ending before it starts. With a ``calendar`` (the national one), also
    postponements to a day before their period begins or before their window opens."""
    found: list[DataFileError] = []
    duties = {d.id: d for d in rules.duties}
    directives = {d.id for d in rules.directives}

    def at(change: Change, message: Said, fix: Said) -> DataFileError:
        file, _, line = change.source.location.rpartition(":")
        return DataFileError(message, file=file, place=places.at_line(line, places.change(change.kind, change.target)),
                             fix=fix)

    changes = [c for d in rules.directives for c in d.changes if c.target != d.id]
    lifecycle = resolve(rules)
    for change in changes:
        known = change.target in (directives if change.on_directive else duties)
        if not known:
            found.append(at(change, said("change:no-directive", "{kind} points at directive {target}, which no loaded "
                                         "rule file has", kind=change.kind, target=repr(change.target))
                            if change.on_directive else
                            said("change:no-duty", "{kind} points at duty {target}, which no loaded rule file has",
                                 kind=change.kind, target=repr(change.target)),
                            said("change:no-target-fix", "correct the id, or add the rules directory that holds it "
                                 "(several may be given)")))
        if change.by is not None and change.by not in duties and change.by not in directives:
            found.append(at(change, said("change:no-by", "replace names {by} as taking over, which no loaded rule file "
                                         "has", by=repr(change.by)),
                            said("change:no-by-fix", 'name a duty as "<directive id>/<duty id>" or a directive id')))
        if change.kind == "postpone" and known and change.period is not None:
            versions = lifecycle.of(duties[change.target])
            if not any(v.duty is not None and v.duty.schedule.fits(change.period) for v in versions):
                found.append(at(change, said("change:period", "period {period} does not fit {target}",
                                             period=repr(change.period), target=change.target),
                                said("period:give-as", "give the period as {hint}",
                                     hint=duties[change.target].schedule.label_hint())))
    found += _unordered(rules, changes, at)
    found += _postponed_together(changes, at)
    if calendar is not None:
        found += _postponed_too_early(changes, duties, lifecycle, calendar, at)
    found += _cycles(changes, at)
    for duty_id, chain in lifecycle.versions.items():
        for version in chain:
            duty = version.duty
            if duty is not None and duty.valid_until is not None and duty.valid_until < duty.valid_from \
                    and version.change is not None:
                found.append(at(version.change, said("change:ends-before", "after this amendment {duty} ends ({end}) "
                                                     "before it starts ({start})", duty=duty_id, end=duty.valid_until,
                                                     start=duty.valid_from),
                                said("change:ends-before-fix", "check valid.from and valid.until")))
    return found


def _unordered(rules: RuleSet, changes: list[Change], at: Any) -> list[DataFileError]:
    """Two changes of one duty with the same dates of effect and of issue that touch a common
    field (a revocation touches every field): only the order of the files would decide."""
    groups: dict[tuple[str, dt.date, dt.date], list[Change]] = {}
    for change in sorted(changes, key=order):
        if change.kind != "postpone":
            for duty_id in _targets(rules, change):
                groups.setdefault((duty_id, change.effective, change.issued), []).append(change)
    found = []
    for (duty_id, effective, issued), group in groups.items():
        for i, later in enumerate(group):
            for earlier in group[:i]:
                a, b = set(_fields_of(earlier)), set(_fields_of(later))
                common = a & b if "*" not in a | b else (a | b) - {"*"} or {"*"}
                if common:
                    what = joined([said("change:every-field", "every field") if f == "*" else
                                   said("change:field", "{name}", name=f) for f in sorted(common)])
                    found.append(at(later, said("change:unordered", "{kind} of {duty} ({what}) takes effect on "
                                                "{effective} like {other} at {at}, both issued {issued}: nothing says "
                                                "which comes first", kind=later.kind, duty=duty_id, what=what,
                                                effective=effective, other=earlier.kind, at=earlier.source.location,
                                                issued=issued),
                                    said("change:unordered-fix", "give one of them its own date of effect, or keep "
                                         "one (the text decides)")))
                    break
    return found


def _fields_of(change: Change) -> tuple[str, ...]:
    return change.field_names if change.kind == "amend" else _ALL_FIELDS


def _cycles(changes: list[Change], at: Any) -> list[DataFileError]:
    """Replacements that come back to where they started (A replaced by B, B by A)."""
    edges: dict[str, list[tuple[str, Change]]] = {}
    for change in changes:
        if change.kind == "replace":
            edges.setdefault(change.target, []).append((change.by or change.directive, change))
    found: list[DataFileError] = []
    reported: set[frozenset[str]] = set()
    for start in sorted(edges):
        stack: list[tuple[str, list[str], Change | None]] = [(start, [start], None)]
        while stack:
            node, path, first = stack.pop()
            for nxt, change in edges.get(node, []):
                first_change = first or change
                if nxt == start:
                    key = frozenset(path)
                    if key not in reported:
                        reported.add(key)
                        found.append(at(first_change, said("change:cycle", "replacements go round in a cycle: {path}",
                                                           path=" → ".join([*path, start])),
                                        said("change:cycle-fix", "one of these documents must not replace the other; "
                                             "correct `by` or the target")))
                elif nxt not in path:
                    stack.append((nxt, [*path, nxt], first_change))
    return found


def _postponed_together(changes: list[Change], at: Any) -> list[DataFileError]:
    """Two postponements of one occurrence to different days, with the same dates of effect
    and of issue (as two amendments of one field are, ``_unordered``): only the order of the
    files (or of the --rules directories) would decide which day counts."""
    groups: dict[tuple[str, str, dt.date, dt.date], list[Change]] = {}
    for change in sorted(changes, key=order):
        if change.kind == "postpone" and change.period is not None:
            groups.setdefault((change.target, change.period, change.effective, change.issued), []).append(change)
    found = []
    for (duty_id, period, effective, issued), group in groups.items():
        for i, later in enumerate(group):
            earlier = next((e for e in group[:i] if (e.to, e.inclusive) != (later.to, later.inclusive)), None)
            if earlier is not None:
                found.append(at(later, said("change:postponed-twice", "postpones period {period} of {duty} to {day}, "
                                            "while {at} postpones it to {other}; both take effect on {effective} and "
                                            "were issued {issued}: nothing says which comes first", period=period,
                                            duty=duty_id, day=_day(later), at=earlier.source.location,
                                            other=_day(earlier), effective=effective, issued=issued),
                                said("change:postponed-twice-fix", "keep the postponement the later text makes, or "
                                     "give it its own date of effect")))
                break
    return found


def _day(change: Change) -> Said:
    """The day a postponement names: "before 2026-01-10" when that day itself is not allowed."""
    assert change.to is not None
    return said("change:on", "{day}", day=change.to) if change.inclusive else \
        said("change:before", "before {day}", day=change.to)


def _postponed_too_early(changes: list[Change], duties: Mapping[str, Duty], lifecycle: Lifecycle,
                         calendar: WorkingCalendar, at: Any) -> list[DataFileError]:
    """A postponement whose new last allowed day comes before the period it moves begins (a
    report on 2026 due in 2025), or before the occurrence's window opens: the occurrence
    would be overdue before it could be done, or fall out of the years asked about."""
    from obligations.base.errors import ObligationsError
    from obligations.rules.schedule import expand
    from obligations.rules.schedules import periods

    found = []
    for change in changes:
        if change.kind != "postpone" or change.period is None or change.to is None or change.target not in duties:
            continue
        last = change.to if change.inclusive else change.to - dt.timedelta(days=1)
        period = change.period
        versions = [v for v in lifecycle.of(duties[change.target]) if v.duty is not None]
        kinds = {v.duty.schedule.kind for v in versions if v.duty is not None and v.duty.schedule.fits(period)}
        named = [k for k in kinds if k in periods.PERIOD_KINDS]
        if named:
            first, _ = periods.span(named[0], period)
            if last < first:
                found.append(at(change, said("change:before-period", "postpones period {period} of {duty} to {day}, "
                                             "before the period begins on {first}", period=period, duty=change.target,
                                             day=_day(change), first=first),
                                said("change:before-period-fix", "give the day the text moves it to (on or after "
                                     "{first}), or the period it moves", first=first)))
                continue
        year = int(period[:4]) if period[:4].isdigit() else None
        if year is None or any(v.duty is not None and v.duty.schedule.event_ids for v in versions):
            continue          # an event's dates are recorded per unit: its windows are not known here
        try:
            expanded = [(v, [w for w in expand(v.duty, year - 1, year + 1, calendar)]) for v in versions
                        if v.duty is not None]
        except ObligationsError:
            continue          # days the calendar data does not cover: `check` reports them when placing
        window = next((w for _, w in in_force(expanded) if w.period == period), None)
        if window is not None and last < window.start:
            found.append(at(change, said("change:before-window", "postpones period {period} of {duty} to {day}, "
                                         "before its window opens on {start}: it would be overdue before it could be "
                                         "done", period=period, duty=change.target, day=_day(change),
                                         start=window.start),
                            said("change:before-window-fix", "give the day the text moves it to (on or after {start})",
                                 start=window.start)))
    return found
