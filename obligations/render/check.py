"""`check`'s findings and notes as lines of text (report/check.py gives them as data)."""

from __future__ import annotations

from pathlib import Path

from obligations.base.errors import ObligationsError
from obligations.occurrences.model import Placement
from obligations.reconcile.solve import Conflict
from obligations.render.messages import constraint_location, constraint_source, placement_message
from obligations.report.check import ExampleMismatch, Finding, Note
from obligations.rules.model import Duty, Undated

__all__ = ["finding_line", "note_line"]


def finding_line(finding: Finding) -> str:
    if isinstance(finding, ObligationsError):
        from obligations.render.error_words import cli_text

        return cli_text(finding)     # the command line's words for the fix (its flags)
    if isinstance(finding, Placement):
        return (f"{finding.location}: duty {finding.duty!r} for {finding.unit} period {finding.period}: "
                f"{placement_message(finding, 'en')}")
    if isinstance(finding, Conflict):
        return _conflict_line(finding)
    return _example_line(finding)


def _conflict_line(conflict: Conflict) -> str:
    """`file:line: conflict ...` at the rule whose window cannot be met, with every clashing constraint."""
    unit, duty, period = conflict.node.unit, conflict.node.duty, conflict.node.period
    first = constraint_location(conflict.constraints[0])
    parts = [f"{c.kind} {c.date} ({constraint_source(c, 'en')}"
             f"{', ' + constraint_location(c) if constraint_location(c) else ''})"
             for c in conflict.constraints]
    return (f"{first or 'rules'}: conflict for {unit} {duty} period {period}: the window opens "
            f"{conflict.window_start} but the latest date accepted is {conflict.deadline}; "
            f"clashing constraints: " + "; ".join(parts))


def _example_line(m: ExampleMismatch) -> str:
    duty, example, occ = m.duty, m.example, m.found
    if m.reason == "unknown_unit":
        text = f"example names unknown unit {example.unit!r}"
    elif m.reason == "period_misfit":
        text = (f"example period {example.period!r} does not fit duty {duty.local_id!r} (every = "
                f"{duty.schedule.kind!r}; give the period as {duty.schedule.label_hint()})")
    elif m.reason == "period_without_year":
        text = f"example period {example.period!r} does not start with a year"
    elif m.reason == "error":
        from obligations.render.error_words import cli_text

        text = cli_text(m.problem) if m.problem is not None else m.error
    elif occ is None:       # "no_occurrence"
        text = (f"example expects {duty.local_id!r} for {example.unit} in period {example.period}, but the "
                "rules give none (is the unit a performer on that date? is the period inside `valid`?)")
    elif m.reason == "window_start":
        text = f"example window_start {example.window_start} but the rules give {occ.window_start}"
    else:
        text = (f"example deadline {example.deadline} but the rules give {occ.deadline} "
                f"(last allowed {occ.last_allowed}, roll {occ.roll.policy})")
    return f"{m.location}: {text}"


def note_line(note: Note) -> str:
    if note.reason == "no_example":
        assert isinstance(note.subject, Duty)
        return f"{note.subject.source.location}: note: duty {note.subject.local_id!r} has no example"
    if note.reason == "undated":
        assert isinstance(note.subject, Undated)
        item = note.subject
        return f"{item.location}: note: undated obligation in {note.directive} mục {item.section}: {item.note}"
    if note.reason == "swaps_unknown":
        settings = note.file or "calendars/vietnam.toml"
        days = str(Path(settings).with_name("days.toml"))
        return (f"{settings}: warning: no decision on swapped working days is recorded for "
                f"{note.year} yet (swaps_known_through = {note.known}): deadlines in {note.year} may still "
                f"move; add it to {days} when the Government decides, then raise swaps_known_through")
    if note.reason == "implements_unknown":
        return (f"{note.file}:[directive] implements: warning: directive {note.directive} implements "
                f"{note.missing!r}, which has no rule file: the chain of sources stops there (add a rule file "
                "for it; its [directive] table alone is fine)")
    if note.reason == "local_skipped":
        return (f"{note.file}:[scope]: note: {note.missing!r} is not a unit of the hierarchy: this bundled "
                "local calendar is skipped for it")
    n = dict(note.counts)
    return (f"checked {n['directives']} directives, {n['duties']} duties, {n['examples']} examples, "
            f"{n['units']} units, {n['occurrences']} occurrences {n['first_year']}-{n['last_year']}, "
            f"{n['reconciled']} reconciled, {n['conflicts']} conflicts")
