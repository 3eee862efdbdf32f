"""The one message catalogue: reason codes and their parameters -> Vietnamese or English.

Domain code never chooses a language; it returns codes with parameters (a calendar move,
a routing note, a constraint's origin, a conflict, a placement problem) and the
functions here turn them into words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from obligations.calendar.decisions import Decision
from obligations.calendar.working import Event, Move
from obligations.occurrences.model import Assumption, Placement
from obligations.org.routing import RoutingNote
from obligations.reconcile.solve import (Conflict, Constraint, ExtensionOrigin, LeadOrigin, Origin, Reconciled,
                                         RuleOrigin, SameReportOrigin)
from obligations.render.day_text import day
from obligations.render.labels import Labels, npmsg, pmsg
from obligations.report.context import Context
from obligations.report.not_active import NotActive

_m = Labels([
    # due for a unit that did not exist on the day asked (report/not_active.py)
    pmsg("not_active.ended", "{unit} ({name}) ended on {end}, before {on}: nothing is due for it."),
    pmsg("not_active.succeeded", "{unit} ({name}) ended on {end}, before {on}: nothing is due for it; "
                                 "its duties passed to its successor {successor} ({successor_name})."),
    pmsg("not_active.begins", "{unit} ({name}) exists from {begins}, after {on}: nothing is due for it yet."),
    pmsg("saturday", "Saturday"),
    # the decision that made a day off (calendars/decisions.toml), named where a deadline moved across it
    pmsg("decided_by", "{number} of {issuer}, issued {date}"),
    pmsg("decided_by_assumed", "{number} of {issuer}, day of issue not known: taken as known from {date} "
                               "(an assumption)"),
    pmsg("decision_without_number", "a decision (number not found)"),
    pmsg("sunday", "Sunday"),
    pmsg("role_issuer", "Issuing unit"),
    pmsg("role_recipient", "Recipient"),
    pmsg("succeeded", "{role} {gone} ended on {ended}; routed to its successor {final}"),
    pmsg("no_successor", "{role} {gone} ended on {ended} and has no successor"),
    pmsg("conflict", "the window opens {start} but the latest date accepted is {deadline}: {sources}"),
    pmsg("opens_late", "opens too late: {source} (from {date})"),
    pmsg("closes_early", "closes too early: {source} (deadline {date})"),
    pmsg("no_day", "No day satisfies every requirement."),
    pmsg("early_choice", "Delivering by {deadline} meets every deadline, but before the window opens ({start}): "
                         "the report can only cover the time up to delivery."),
    pmsg("ask", "Ask {who} ({source}) for an extension to at least {start}, then record it: {command}"),
    pmsg("conflict_window", "the window opens {start}, after the deadline {deadline}"),
    pmsg("assumed_placement", "assumption (no document gives it): {subject}: {why} ({where})"),
    pmsg("assumed_secondary_source", "secondary source: {subject} is known only from {why} ({where})"),
    pmsg("assumed_rule", "assumed by the rule file: {why} ({where})"),
    pmsg("no_working_day", "no working day between {start} and {last}"),
    pmsg("one_day", "The window is a single day ({date})."),
    pmsg("target", "internal target {date} ({why}); the official deadline stays {deadline}"),
    npmsg("target_why", "{n} working day before {name}'s deadline, {basis}",
                        "{n} working days before {name}'s deadline, {basis}"),
    # a constraint's source: the documents and files it comes from, in the reader's words
    pmsg("src_rule", "{unit}: {directive} sec. {section}"),   # a citation
    pmsg("src_lead_unit", "{file}: {own} of {unit} ({basis})"),
    pmsg("src_lead_level", "{file}: {own} of level {level} ({basis})"),
    pmsg("src_lead_none", "{unit}: no lead time stated (0 working days)"),
    pmsg("own_lead", "lead time"),
    pmsg("own_internal", "internal lead time"),
    pmsg("src_extension", "{unit}: extension {ref}"),
    pmsg("src_same", "{unit}: same report under two directives"),
    pmsg("text_lead_none", "feeds the report of {name}; no document states a lead time"),
    npmsg("text_lead", "{name} needs {n} working day to aggregate",
                       "{name} needs {n} working days to aggregate"),
    pmsg("text_same", "one report required by two directives"),
    # an origin in a few words, where a picture has little room (the timeline's tooltips)
    pmsg("cite", "{directive} section {section}"),
    pmsg("cite_extension", "extension {ref}"),
    # the policies of a rule, in words (codes in rules/model.py)
    pmsg("roll_rule", "{policy}"),     # a roll policy said as a rule ("quy tắc: …"), the English as it is
    pmsg("roll.previous", "previous"),
    pmsg("roll.next", "next"),
    pmsg("roll.none", "none"),
    pmsg("before.exclusive", "exclusive"),
    pmsg("before.inclusive", "inclusive"),
    pmsg("opens.period_start", "period_start"),
    pmsg("opens.validity_start", "validity_start"),
    pmsg("level.cell", "cell"), pmsg("level.commune", "commune"), pmsg("level.district", "district"),
    pmsg("level.province", "province"), pmsg("level.central", "central"),
])


def policy_word(kind: str, code: str, lang: str) -> str:
    """A rule's policy (roll, before, opens) or a level, in words; an unknown code as it is."""
    key = f"{kind}.{code}"
    return _m(key, lang) if key in _m else code


def roll_policy(code: str, lang: str) -> str:
    """How a deadline on a day off moves: "quy tắc: lùi về ngày làm việc liền trước" / "previous"."""
    return _m("roll_rule", lang, policy=policy_word("roll", code, lang))


def pick(lang: str, vi: str, en: str | None) -> str:
    """Data given in both languages (names from the holidays package, titles of duties);
    without an English text (a duty's title_en is optional), the Vietnamese one."""
    return en if lang == "en" and en is not None else vi


def event_name(event: Event, lang: str) -> str:
    return pick(lang, event.name_vi, event.name_en)


def move_reason(move: Move, lang: str) -> str:
    if move.reason in ("saturday", "sunday"):
        return _m(move.reason, lang)
    return pick(lang, move.names_vi, move.names_en)


def decision_text(decision: Decision, lang: str) -> str:
    """Which decision made a calendar fact, by number, issuer and day of issue."""
    number = decision.number or _m("decision_without_number", lang)
    if decision.issued_on is not None:
        return _m("decided_by", lang, number=number, issuer=decision.issuer, date=day(decision.issued_on, lang))
    # why the day is assumed is the data's own note, in one language: in the JSON ("source"), not here
    return _m("decided_by_assumed", lang, number=number, issuer=decision.issuer, date=day(decision.known_from, lang))


def skipped_day(move: Move, lang: str, *, cite: bool = False) -> dict[str, object]:
    """A day a deadline moved across, as the JSON outputs give it (docs/schemas/common.json,
    skipped_day); ``cite``: the reason also names the decisions that made the day off."""
    reason = move_reason(move, lang)
    if cite and move.decisions:
        reason += " (" + "; ".join(decision_text(d, lang) for d in move.decisions) + ")"
    found: dict[str, object] = {"date": move.date.isoformat(), "reason": reason, "source": move.source}
    if move.decisions:      # a weekend has none: the key is left out
        found["decisions"] = [decision_json(d, lang) for d in move.decisions]
    return found


def decision_json(d: Decision, lang: str) -> dict[str, object]:
    """A decision as the JSON outputs give it (docs/schemas/common.json, calendar_decision)."""
    return {"id": d.id, "number": d.number, "issuer": d.issuer, "kind": d.kind,
            "issued_on": d.issued_on.isoformat() if d.issued_on else None, "known_from": d.known_from.isoformat(),
            "assumed": d.assumed, "assumption": d.assumption or None, "title": pick(lang, d.title_vi, d.title_en),
            "source": d.source, "text": decision_text(d, lang)}


def routing_note(note: RoutingNote, lang: str) -> str:
    role = _m(f"role_{note.role}", lang)
    ended = day(note.ended, lang)
    if note.final is None:
        return _m("no_successor", lang, role=role, gone=note.gone_name, ended=ended)
    return _m("succeeded", lang, role=role, gone=note.gone_name, ended=ended, final=note.final_name)


# A constraint's source and text cite documents and files (whose words are the documents'
# own) in the reader's language.

def constraint_source(c: Constraint, lang: str = "vi") -> str:
    return origin_source(c.origin, lang)


def origin_source(o: Origin, lang: str = "vi") -> str:
    if isinstance(o, RuleOrigin):
        return _m("src_rule", lang, unit=o.unit, directive=o.directive, section=o.section)
    if isinstance(o, LeadOrigin):
        own = _m("own_internal" if o.internal else "own_lead", lang)
        if o.setting == "unit":
            return _m("src_lead_unit", lang, file=o.file, own=own, unit=o.receiving_unit, basis=o.basis)
        if o.setting == "level":
            return _m("src_lead_level", lang, file=o.file, own=own, level=policy_word("level", o.level or "", lang),
                      basis=o.basis)
        return _m("src_lead_none", lang, unit=o.receiving_unit)
    if isinstance(o, ExtensionOrigin):
        return _m("src_extension", lang, unit=o.unit, ref=o.ref)
    return _m("src_same", lang, unit=o.unit)


def constraint_text(c: Constraint, lang: str = "vi") -> str:
    return origin_text(c.origin, lang)


def origin_text(o: Origin, lang: str = "vi") -> str:
    if isinstance(o, RuleOrigin):
        return o.text
    if isinstance(o, LeadOrigin):
        if o.setting == "none":
            return _m("text_lead_none", lang, name=o.receiving_name)
        return _m("text_lead", lang, name=o.receiving_name, n=o.days)
    if isinstance(o, ExtensionOrigin):
        return o.note
    return _m("text_same", lang)


def origin_brief(o: Origin, lang: str = "vi") -> str:
    """An origin in a few words, where a picture has little room (the timeline's tooltips): a rule
    by its citation and an extension by its reference (their sentence and note are long), a lead
    time and the same report in the words of origin_text."""
    if isinstance(o, RuleOrigin):
        return _m("cite", lang, directive=o.directive, section=o.section)
    if isinstance(o, ExtensionOrigin):
        return _m("cite_extension", lang, ref=o.ref)
    return origin_text(o, lang)


def constraint_location(c: Constraint) -> str:
    o = c.origin
    if isinstance(o, RuleOrigin):
        return o.location
    if isinstance(o, LeadOrigin):
        return o.file
    if isinstance(o, ExtensionOrigin):
        return "submissions log"
    assert isinstance(o, SameReportOrigin)
    return ""


def conflict_message(conflict: Conflict, lang: str) -> str:
    return _m("conflict", lang, start=day(conflict.window_start, lang), deadline=day(conflict.deadline, lang),
              sources="; ".join(constraint_source(c, lang) for c in conflict.constraints))


def conflict_advice(conflict: Conflict, lang: str, name_of: Callable[[str], str]) -> list[str]:
    """Which constraint opens too late, which deadline closes too early, the one choice that
    meets every deadline, and what to do: ask the stricter level for an extension."""
    opening = [c for c in conflict.constraints if c.kind == "window_start"]
    closing = [c for c in conflict.constraints if c.kind in ("deadline", "extension")]
    def when(d: dt.date | None) -> str:
        return day(d, lang) if d else "?"
    lines = [_m("opens_late", lang, source=constraint_source(c, lang), date=when(c.date)) for c in opening[-1:]]
    lines += [_m("closes_early", lang, source=constraint_source(c, lang), date=when(c.date)) for c in closing[:1]]
    lines.append(_m("no_day", lang))
    lines.append(_m("early_choice", lang, deadline=day(conflict.deadline, lang), start=day(conflict.window_start, lang)))
    if closing:
        strict = closing[0]
        command = (f'python -m obligations extend --unit {strict.node.unit} --duty {strict.node.duty} '
                   f'--period {strict.node.period} --until {day(conflict.window_start, lang)} --ref "số văn bản"')
        issuer = strict.origin.issuer if isinstance(strict.origin, RuleOrigin) and strict.origin.issuer else ""
        lines.append(_m("ask", lang, who=name_of(issuer or strict.node.unit), source=constraint_source(strict, lang),
                        start=day(conflict.window_start, lang), command=command))
    return lines


def conflict_window(conflict: Conflict, lang: str) -> str:
    return _m("conflict_window", lang, start=day(conflict.window_start, lang), deadline=day(conflict.deadline, lang))


def assumption_text(a: Assumption, lang: str) -> str:
    return _m(f"assumed_{a.kind}", lang, subject=a.subject, why=pick(lang, a.why, a.why_en), where=a.where)


def one_day_window(start: dt.date, deadline: dt.date, lang: str) -> str | None:
    return _m("one_day", lang, date=day(deadline, lang)) if start == deadline else None


def target_text(result: Reconciled, lang: str, name_of: Callable[[str], str]) -> str | None:
    """An internal target beside the official deadline, and why (never instead of it)."""
    if result.target is None or not result.target_by:
        return None
    lead = result.target_by[-1]
    origin = lead.origin
    if not isinstance(origin, LeadOrigin):
        return None
    why = _m("target_why", lang, n=lead.lead, name=name_of(origin.receiving_unit), basis=origin.basis)
    return _m("target", lang, date=day(result.target, lang), why=why, deadline=day(result.deadline, lang))


def placement_message(p: Placement, lang: str) -> str:
    return _m("no_working_day", lang, start=day(p.window_start, lang), last=day(p.last_allowed, lang))


def not_active_text(unit: str, on: dt.date, why: NotActive, context: Context, lang: str) -> str:
    """Why a due report lists nothing: when the unit ended and who took over, or when it begins."""
    values = {"unit": unit, "name": context.name(unit), "on": day(on, lang)}
    if why.begins is not None:
        return _m("not_active.begins", lang, begins=day(why.begins, lang), **values)
    assert why.ended is not None
    if why.successor is None:
        return _m("not_active.ended", lang, end=day(why.ended, lang), **values)
    return _m("not_active.succeeded", lang, end=day(why.ended, lang), successor=why.successor,
              successor_name=context.name(why.successor), **values)
