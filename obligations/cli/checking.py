"""`check`: every problem in the rule files, the hierarchy and the calendar data.

Unlike loading for `due` (which stops at bad data), this collects every problem it can
find, verifies the examples written in the rule files against the calendar, and tries to
place every duty of every unit on the calendar, so nothing is found only later.
"""

from __future__ import annotations

from pathlib import Path

from obligations.base import paths
from obligations.calendar.data import load_calendar_data
from obligations.base.errors import DataFileError, ObligationsError, Problems
from obligations.org.hierarchy import load_hierarchy
from obligations.loading import rule_dirs
from obligations.rules.layers import layered
from obligations.rules.loader import RuleSet, load_rule_file, misnamed_rule_files, rule_files
from obligations.loading import cross_check
from obligations.render.messages import constraint_location, constraint_source, placement_message
from obligations.reconcile.solve import Conflict
from obligations.rules.model import Duty, Example
from obligations.workspace import Workspace

CHECK_YEARS = (2023, 2027)


def _render(exc: ObligationsError) -> list[str]:
    if isinstance(exc, Problems):
        return [p.render() for p in exc.problems]
    return [exc.render()]


def check_workspace(rules: str | Path | list[str] | None = None, org: str | Path | None = None,
                    calendars: str | Path | None = None) -> tuple[list[str], list[str]]:
    """Return (findings, notes): findings are problems to fix, notes are informative."""
    findings: list[str] = []
    notes: list[str] = []
    rules_dirs = rule_dirs(rules)
    rules_dir = rules_dirs[0]
    org_file = Path(org) if org else rules_dir / "hierarchy.toml"
    if not org and not org_file.is_file():
        org_file = paths.hierarchy_file()
    for directory in rules_dirs:
        if not directory.is_dir():
            raise DataFileError("the rules directory does not exist", file=str(directory),
                                fix="give --rules a directory holding *.toml rule files")
    try:
        data = load_calendar_data(Path(calendars) if calendars else paths.calendars_dir())
    except ObligationsError as exc:
        return _render(exc), notes
    try:
        hierarchy = load_hierarchy(org_file)
    except ObligationsError as exc:
        findings += _render(exc)
        hierarchy = None
    layers = []
    for directory in rules_dirs:
        directives = []
        files = rule_files(directory)
        findings += [p.render() for p in misnamed_rule_files(directory)]
        if not files:
            findings.append(DataFileError("no rule files (*.toml)", file=str(directory),
                                          fix="add a rule file; see docs/rules.md").render())
        for path in files:
            try:
                directives.append(load_rule_file(path, rel=f"{directory.name}/{path.name}"))
            except ObligationsError as exc:
                findings += _render(exc)
        layers.append(directives)
    if hierarchy is None:
        return findings, notes
    unlayered: list[ObligationsError] = []
    chosen, shadowed = layered(layers, unlayered)
    ruleset = RuleSet(chosen, directory=str(rules_dir), shadowed=shadowed)
    findings += [line for exc in unlayered for line in _render(exc)]
    problems = cross_check(ruleset, hierarchy, data)
    if calendars or not org:
        # The bundled local calendars name bundled units: with another hierarchy they simply never apply.
        from obligations.org.crosscheck import unknown_local_units

        findings += [p.render() for p in unknown_local_units(hierarchy, data)]
    findings += [p.render() for p in problems]
    if problems:
        return findings, notes
    ws = Workspace(ruleset, hierarchy, data)

    examples = 0
    for duty in ruleset.duties:
        if not duty.examples:
            notes.append(f"{duty.source.location}: note: duty {duty.local_id!r} has no example")
        for example in duty.examples:
            examples += 1
            findings += _check_example(ws, duty, example)
    placed = 0
    feeding = []
    for unit_id in sorted(hierarchy.units):
        occurrences, placements = ws.occurrences(unit_id, *CHECK_YEARS)
        placed += len(occurrences)
        feeding += [o for o in occurrences if o.duty.feeds]
        findings += [f"{p.location}: duty {p.duty!r} for {p.unit} period {p.period}: {placement_message(p, 'en')}"
                     for p in placements]
    try:
        results = ws.reconcile(feeding)
    except ObligationsError as exc:
        findings += _render(exc)
        results = {}
    conflicts = [r.conflict for r in results.values() if r.conflict]
    for conflict in sorted(conflicts, key=lambda c: c.node):
        findings.append(_conflict_line(conflict))
    for directive in ruleset.directives:
        for item in directive.undated:
            notes.append(f"{item.location}: note: undated obligation in {directive.number} mục {item.section}: {item.note}")
    # The Government decides each year's swaps of working days; a year with none recorded
    # yet may still move (2/1/2026 was decided on 25/12/2025).
    known = data.swaps_known_through
    for year in range(max(CHECK_YEARS[0], known + 1), CHECK_YEARS[1] + 1):
        notes.append(f"calendars/vietnam.toml: warning: no decision on swapped working days is recorded for {year} "
                     f"yet (swaps_known_through = {known}): deadlines in {year} may still move; add it to "
                     "calendars/days.toml when the Government decides, then raise swaps_known_through")
    notes.append(f"checked {len(ruleset.directives)} directives, {len(ruleset.duties)} duties, "
                 f"{examples} examples, {len(hierarchy.units)} units, {placed} occurrences "
                 f"{CHECK_YEARS[0]}-{CHECK_YEARS[1]}, {len(results)} reconciled, {len(conflicts)} conflicts")
    return findings, notes


def _conflict_line(conflict: Conflict) -> str:
    """`file:line: conflict ...` at the rule whose window cannot be met, with every clashing constraint."""
    unit, duty, period = conflict.node.unit, conflict.node.duty, conflict.node.period
    first = constraint_location(conflict.constraints[0])
    parts = [f"{c.kind} {c.date} ({constraint_source(c)}"
             f"{', ' + constraint_location(c) if constraint_location(c) else ''})"
             for c in conflict.constraints]
    return (f"{first or 'rules'}: conflict for {unit} {duty} period {period}: the window opens "
            f"{conflict.window_start} but the latest date accepted is {conflict.deadline}; "
            f"clashing constraints: " + "; ".join(parts))


def _check_example(ws: Workspace, duty: Duty, example: Example) -> list[str]:
    where = f"{example.location}"
    if example.unit not in ws.hierarchy.units:
        return [f"{where}: example names unknown unit {example.unit!r}"]
    if not duty.schedule.fits(example.period):
        return [f"{where}: example period {example.period!r} does not fit duty {duty.local_id!r} "
                f"(every = {duty.schedule.kind!r}; give the period as {duty.schedule.label_hint()})"]
    year = int(example.period[:4]) if example.period[:4].isdigit() else None
    if year is None:
        return [f"{where}: example period {example.period!r} does not start with a year"]
    try:
        # an example sits beside its own sentence: later documents that amend the duty do not apply
        occurrences, _ = ws.occurrence_source.of_unit(example.unit, year - 1, year + 1, duties=[duty],
                                                      as_written=True)
    except ObligationsError as exc:
        return [f"{where}: {exc.render()}"]
    match = [o for o in occurrences if o.period == example.period]
    if not match:
        return [f"{where}: example expects {duty.local_id!r} for {example.unit} in period {example.period}, "
                "but the rules give none (is the unit a performer on that date? is the period inside `valid`?)"]
    occ = match[0]
    problems = []
    if occ.window_start != example.window_start:
        problems.append(f"{where}: example window_start {example.window_start} but the rules give {occ.window_start}")
    if occ.deadline != example.deadline:
        problems.append(f"{where}: example deadline {example.deadline} but the rules give {occ.deadline} "
                        f"(last allowed {occ.last_allowed}, roll {occ.roll.policy})")
    return problems
