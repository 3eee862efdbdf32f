"""`check` as data: every problem in the rule files, the hierarchy and the calendar data.

The inputs are read by the one loader of `due` and the service (obligations.loading.gather,
which collects every problem where `due` refuses them all), so whatever `due` refuses is a
finding here. Then this verifies the examples written in the rule files against the
calendar and tries to place every duty of every unit on the calendar, so nothing is found
only later. The findings and notes are data, in the order they were found; render/check.py
writes them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Union

import attrs

from obligations.base import paths
from obligations.base.errors import ObligationsError, Problems
from obligations.base.records import record
from obligations.loading import gather, unknown_implements
from obligations.occurrences.model import Occurrence, Placement
from obligations.reconcile.solve import Conflict
from obligations.rules.model import Duty, Example, Undated
from obligations.workspace import Workspace

__all__ = ["CHECK_YEARS", "CheckReport", "ExampleMismatch", "Finding", "Note", "check_workspace"]

CHECK_YEARS = (2023, 2027)


@record
@attrs.frozen(repr=False)
class ExampleMismatch:
    """An example written beside a duty that the rules do not give.

    ``reason``: "unknown_unit", "period_misfit", "period_without_year", "error" (``error``
    holds the rendered error), "no_occurrence", "window_start" or "deadline" (``found`` is
    the occurrence the rules give for the example's unit and period)."""

    location: str
    reason: str
    duty: Duty
    example: Example
    found: Occurrence | None = None
    error: str = ""
    problem: ObligationsError | None = None      # the error itself: each edge words its fix


@record
@attrs.frozen(repr=False)
class Note:
    """Something informative: "no_example" (``subject`` the duty), "undated" (``subject`` the
    undated obligation, ``directive`` its directive's number), "swaps_unknown" (``year``,
    ``known`` the last year whose swaps are recorded), "implements_unknown" (``directive`` the
    number of a directive in ``file`` that implements ``missing``, which has no rule file),
    "local_skipped" (the bundled local calendar ``file`` names ``missing``, a unit the given
    hierarchy lacks: its days are not applied), "regime_incomplete" (``subject`` the duty whose
    reporting regime lacks the fields ``missing``), "summary" (``counts``)."""

    reason: str
    subject: Duty | Undated | None = None
    directive: str = ""
    year: int = 0
    known: int = 0
    counts: tuple[tuple[str, int], ...] = ()
    file: str = ""
    missing: str = ""

    @property
    def shown(self) -> bool:
        """Said without -v: the warnings, and the data left out."""
        return self.reason in ("swaps_unknown", "implements_unknown", "local_skipped", "regime_incomplete")


Finding = Union[ObligationsError, Placement, Conflict, ExampleMismatch]


@record
@attrs.frozen(repr=False)
class CheckReport:
    findings: tuple[Finding, ...]      # problems to fix, in the order found
    notes: tuple[Note, ...]


def _errors(exc: ObligationsError) -> list[Finding]:
    return list(exc.problems) if isinstance(exc, Problems) else [exc]


def check_workspace(rules: str | Path | list[str] | None = None, org: str | Path | None = None,
                    calendars: str | Path | None = None) -> CheckReport:
    """Every problem of the inputs, and notes. The inputs are read by the loader of `due`
    (obligations.loading.gather), so whatever `due` refuses is a finding here."""
    loaded = gather(rules, org, calendars)
    findings: list[Finding] = list(loaded.problems)
    notes: list[Note] = []
    ruleset, hierarchy, data = loaded.rules, loaded.hierarchy, loaded.calendar_data
    if ruleset is None or hierarchy is None or data is None:
        return CheckReport(tuple(findings), ())
    # A number in `implements` without a rule file is a gap in the chain of sources, not in any deadline.
    notes += [Note("implements_unknown", directive=directive.number, file=directive.file, missing=number)
              for directive, number in unknown_implements(ruleset)]
    from obligations.org.crosscheck import missing_local_units, unknown_local_units

    if _same(calendars, paths.calendars_dir()) and not _same(loaded.org_file, paths.hierarchy_file()):
        # The bundled local calendars name bundled units: with another hierarchy they simply never apply.
        notes += [Note("local_skipped", file=file, missing=unit) for file, unit in missing_local_units(hierarchy, data)]
    else:
        findings += unknown_local_units(hierarchy, data)
    if not loaded.consistent:
        return CheckReport(tuple(findings), tuple(notes))
    ws = Workspace(ruleset, hierarchy, data, _checked=True)

    examples = 0
    for duty in ruleset.duties:
        if not duty.examples:
            notes.append(Note("no_example", duty))
        if duty.regime is not None:
            from obligations.report.catalogue import missing_fields

            unstated = missing_fields(duty)
            if unstated:
                notes.append(Note("regime_incomplete", duty, missing=", ".join(unstated)))
        for example in duty.examples:
            examples += 1
            findings += _check_example(ws, duty, example)
    placed = 0
    feeding = []
    # the years placed: those of CHECK_YEARS the calendar data covers (the summary says which)
    years = (max(CHECK_YEARS[0], data.first_year), min(CHECK_YEARS[1], data.last_year))
    placing: set[str] = set()
    for unit_id in sorted(hierarchy.units):
        try:
            # the years beyond the data too: a window that opens in a covered year and closes in
            # one the data lacks cannot be placed, and `due` refuses to answer about it
            occurrences, placements = ws.occurrences(unit_id, *CHECK_YEARS, needed=(
                dt.date(years[0], 1, 1), dt.date(years[1], 12, 31)))
        except ObligationsError as exc:   # a duty that needs days the calendar data lacks: said once, and go on
            for error in exc.problems if isinstance(exc, Problems) else [exc]:
                if error.render() not in placing:
                    placing.add(error.render())
                    findings.append(error)
            continue
        placed += len(occurrences)
        feeding += [o for o in occurrences if o.duty.feeds]
        findings += placements
    try:
        results = ws.reconcile(feeding)
    except ObligationsError as exc:
        findings += _errors(exc)
        results = {}
    conflicts: list[Conflict] = sorted((r.conflict for r in results.values() if r.conflict), key=lambda c: c.node)
    findings += conflicts
    for directive in ruleset.directives:
        notes += [Note("undated", item, directive.number) for item in directive.undated]
    # The Government decides each year's swaps of working days; a year with none recorded
    # yet may still move (2/1/2026 was decided on 25/12/2025).
    known = data.swaps_known_through
    notes += [Note("swaps_unknown", year=year, known=known, file=data.file)
              for year in range(max(years[0], known + 1), years[1] + 1)]
    notes.append(Note("summary", counts=(
        ("directives", len(ruleset.directives)), ("duties", len(ruleset.duties)), ("examples", examples),
        ("units", len(hierarchy.units)), ("occurrences", placed), ("first_year", years[0]),
        ("last_year", years[1]), ("reconciled", len(results)), ("conflicts", len(conflicts)))))
    return CheckReport(tuple(findings), tuple(notes))


def _same(path: str | Path | None, bundled: Path) -> bool:
    """Is ``path`` (None: not given, so the bundled one) the bundled file or directory?"""
    return path is None or Path(path).resolve() == bundled.resolve()


def _check_example(ws: Workspace, duty: Duty, example: Example) -> list[ExampleMismatch]:
    where = example.location
    if example.unit not in ws.hierarchy.units:
        return [ExampleMismatch(where, "unknown_unit", duty, example)]
    if not duty.schedule.fits(example.period):
        return [ExampleMismatch(where, "period_misfit", duty, example)]
    if not example.period[:4].isdigit():
        return [ExampleMismatch(where, "period_without_year", duty, example)]
    year = int(example.period[:4])
    try:
        # an example sits beside its own sentence: later documents that amend the duty do not apply
        occurrences, _ = ws.occurrence_source.of_unit(example.unit, year - 1, year + 1, duties=[duty],
                                                      as_written=True, needed=None)
        match = [o for o in occurrences if o.period == example.period]
        # an example the calendar data cannot place is not checked: said, not passed
        missed = None if match else ws.occurrence_source.beyond(example.unit, year - 1, year + 1, None, [duty],
                                                                as_written=True, period=example.period)
        if missed is not None:
            raise missed
    except ObligationsError as exc:
        return [ExampleMismatch(where, "error", duty, example, error=exc.render(), problem=exc)]
    if not match:
        return [ExampleMismatch(where, "no_occurrence", duty, example)]
    occ = match[0]
    return [ExampleMismatch(where, reason, duty, example, occ) for reason, differs in (
        ("window_start", occ.window_start != example.window_start), ("deadline", occ.deadline != example.deadline))
        if differs]
