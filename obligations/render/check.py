"""`check`'s findings and notes as lines of text (report/check.py gives them as data), in the
language of ``--lang``; the loader's errors (ObligationsError) keep their own words, the same
as `due` prints."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from obligations.base.errors import ObligationsError
from obligations.occurrences.model import Placement
from obligations.reconcile.solve import Conflict
from obligations.render.day_text import day
from obligations.render.labels import Labels, number, pmsg
from obligations.render.messages import constraint_location, constraint_source, placement_message, policy_word
from obligations.report.check import ExampleMismatch, Finding, Note
from obligations.rules.model import Duty, Undated

__all__ = ["finding_line", "note_line", "problems_line", "ok_line"]

_c = Labels([
    pmsg("placement", "{location}: duty {duty!r} for {unit} period {period}: {message}"),
    pmsg("conflict_line", "{first}: conflict for {unit} {duty} period {period}: the window opens {start} but the "
                          "latest date accepted is {deadline}; clashing constraints: {parts}"),
    pmsg("kind.deadline", "deadline"), pmsg("kind.window_start", "window_start"),
    pmsg("kind.extension", "extension"), pmsg("kind.lead", "lead"),
    pmsg("unknown_unit", "example names unknown unit {unit!r}"),
    pmsg("period_misfit", "example period {period!r} does not fit duty {duty!r} (every = {every!r}; give the period "
                          "as {hint})"),
    pmsg("period_without_year", "example period {period!r} does not start with a year"),
    pmsg("no_occurrence", "example expects {duty!r} for {unit} in period {period}, but the rules give none (is the "
                          "unit a performer on that date? is the period inside `valid`?)"),
    pmsg("example_window_start", "example window_start {expected} but the rules give {found}"),
    pmsg("example_deadline", "example deadline {expected} but the rules give {found} (last allowed {last}, roll "
                             "{roll})"),
    pmsg("no_example", "{location}: note: duty {duty!r} has no example"),
    pmsg("undated", "{location}: note: undated obligation in {directive} sec. {section}: {note}"),
    pmsg("swaps_unknown", "{settings}: warning: no decision on swapped working days is recorded for {year} yet "
                          "(swaps_known_through = {known}): deadlines in {year} may still move; add it to {days} "
                          "when the Government decides, then raise swaps_known_through"),
    pmsg("implements_unknown", "{file}:[directive] implements: warning: directive {directive} implements "
                               "{missing!r}, which has no rule file: the chain of sources stops there (add a rule "
                               "file for it; its [directive] table alone is fine)"),
    pmsg("local_skipped", "{file}:[scope]: note: {missing!r} is not a unit of the hierarchy: this bundled local "
                          "calendar is skipped for it"),
    pmsg("regime_incomplete", "{location}: warning: the reporting regime of duty {duty!r} does not state: "
                              "{missing} (Decree 09/2019/NĐ-CP Art. 7; fill them in where the document states them)"),
    pmsg("summary", "checked {directives} directives, {duties} duties, {examples} examples, {units} units, "
                    "{occurrences} occurrences {first_year}-{last_year}, {reconciled} reconciled, {conflicts} "
                    "conflicts"),
    pmsg("problems", "{n} problem(s) found."),
    pmsg("ok", "OK: {summary}"),
])


def finding_line(finding: Finding, lang: str = "en") -> str:
    if isinstance(finding, ObligationsError):
        from obligations.render.error_words import cli_text

        return cli_text(finding, lang)     # the command line's words for the fix (its flags)
    if isinstance(finding, Placement):
        return _c("placement", lang, location=finding.location, duty=finding.duty, unit=finding.unit,
                  period=finding.period, message=placement_message(finding, lang))
    if isinstance(finding, Conflict):
        return _conflict_line(finding, lang)
    return _example_line(finding, lang)


def _conflict_line(conflict: Conflict, lang: str) -> str:
    """`file:line: conflict ...` at the rule whose window cannot be met, with every clashing constraint."""
    first = constraint_location(conflict.constraints[0])
    parts = [f"{_kind(c.kind, lang)} {_day(c.date, lang)} ({constraint_source(c, lang)}"
             f"{', ' + constraint_location(c) if constraint_location(c) else ''})"
             for c in conflict.constraints]
    return _c("conflict_line", lang, first=first or "rules", unit=conflict.node.unit, duty=conflict.node.duty,
              period=conflict.node.period, start=day(conflict.window_start, lang),
              deadline=day(conflict.deadline, lang), parts="; ".join(parts))


def _kind(code: str, lang: str) -> str:
    key = f"kind.{code}"
    return _c(key, lang) if key in _c else code


def _day(d: dt.date | None, lang: str) -> str:
    return day(d, lang) if d is not None else str(d)


def _example_line(m: ExampleMismatch, lang: str) -> str:
    duty, example, occ = m.duty, m.example, m.found
    if m.reason == "unknown_unit":
        text = _c("unknown_unit", lang, unit=example.unit)
    elif m.reason == "period_misfit":
        from obligations.render.error_words import say
        text = _c("period_misfit", lang, period=example.period, duty=duty.local_id, every=duty.schedule.kind,
                  hint=say(duty.schedule.label_hint(), lang))
    elif m.reason == "period_without_year":
        text = _c("period_without_year", lang, period=example.period)
    elif m.reason == "error":
        from obligations.render.error_words import cli_text

        text = cli_text(m.problem, lang) if m.problem is not None else m.error
    elif occ is None:       # "no_occurrence"
        text = _c("no_occurrence", lang, duty=duty.local_id, unit=example.unit, period=example.period)
    elif m.reason == "window_start":
        text = _c("example_window_start", lang, expected=_day(example.window_start, lang),
                  found=_day(occ.window_start, lang))
    else:
        text = _c("example_deadline", lang, expected=_day(example.deadline, lang), found=_day(occ.deadline, lang),
                  last=_day(occ.last_allowed, lang), roll=policy_word("roll", occ.roll.policy, lang))
    return f"{m.location}: {text}"


def note_line(note: Note, lang: str = "en") -> str:
    if note.reason == "no_example":
        assert isinstance(note.subject, Duty)
        return _c("no_example", lang, location=note.subject.source.location, duty=note.subject.local_id)
    if note.reason == "regime_incomplete":
        assert isinstance(note.subject, Duty)
        return _c("regime_incomplete", lang, location=note.subject.source.location, duty=note.subject.id,
                  missing=note.missing)
    if note.reason == "undated":
        assert isinstance(note.subject, Undated)
        item = note.subject
        return _c("undated", lang, location=item.location, directive=note.directive, section=item.section,
                  note=item.note)
    if note.reason == "swaps_unknown":
        settings = note.file or "calendars/vietnam.toml"
        return _c("swaps_unknown", lang, settings=settings, year=note.year, known=note.known,
                  days=str(Path(settings).with_name("days.toml")))
    if note.reason == "implements_unknown":
        return _c("implements_unknown", lang, file=note.file, directive=note.directive, missing=note.missing)
    if note.reason == "local_skipped":
        return _c("local_skipped", lang, file=note.file, missing=note.missing)
    # counts with the language's separators (1.314 in Vietnamese); years as they are
    return _c("summary", lang, **{k: v if k.endswith("year") else number(v, lang) for k, v in note.counts})


def problems_line(count: int, lang: str = "en") -> str:
    return _c("problems", lang, n=count)


def ok_line(summary: str, lang: str = "en") -> str:
    return _c("ok", lang, summary=summary)
