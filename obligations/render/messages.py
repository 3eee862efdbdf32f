"""The one message catalogue: reason codes and their parameters -> Vietnamese or English.

Domain code never chooses a language; it returns codes with parameters (a calendar move,
a routing note, a constraint's origin, a conflict, a placement problem) and the
functions here turn them into words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from obligations.calendar.working import Event, Move
from obligations.occurrences.model import Assumption, Placement
from obligations.org.routing import RoutingNote
from obligations.reconcile.solve import (Conflict, Constraint, ExtensionOrigin, LeadOrigin, Origin, Reconciled,
                                         RuleOrigin, SameReportOrigin)
from obligations.render.day_text import day
from obligations.render.labels import Labels

_m = Labels({
    "saturday": ("Thứ Bảy", "Saturday"),
    "sunday": ("Chủ nhật", "Sunday"),
    "role_issuer": ("Đơn vị ban hành", "Issuing unit"),
    "role_recipient": ("Nơi nhận", "Recipient"),
    "succeeded": ("{role} {gone} không còn từ sau {ended}; chuyển cho đơn vị kế thừa {final}",
                  "{role} {gone} ended on {ended}; routed to its successor {final}"),
    "no_successor": ("{role} {gone} không còn từ sau {ended} và không có đơn vị kế thừa",
                     "{role} {gone} ended on {ended} and has no successor"),
    "conflict": ("cửa sổ mở {start} nhưng hạn muộn nhất được chấp nhận là {deadline}: {sources}",
                 "the window opens {start} but the latest date accepted is {deadline}: {sources}"),
    "opens_late": ("mở quá muộn: {source} (từ {date})", "opens too late: {source} (from {date})"),
    "closes_early": ("đóng quá sớm: {source} (hạn {date})", "closes too early: {source} (deadline {date})"),
    "no_day": ("Không có ngày nào thỏa mọi yêu cầu.", "No day satisfies every requirement."),
    "early_choice": ("Nộp chậm nhất {deadline} đáp ứng mọi hạn, nhưng trước khi cửa sổ mở ({start}): báo cáo "
                     "chỉ phản ánh được đến ngày nộp.",
                     "Delivering by {deadline} meets every deadline, but before the window opens ({start}): "
                     "the report can only cover the time up to delivery."),
    "ask": ("Đề nghị {who} ({source}) gia hạn đến ít nhất {start}, rồi ghi lại: {command}",
            "Ask {who} ({source}) for an extension to at least {start}, then record it: {command}"),
    "conflict_window": ("cửa sổ mở {start}, sau hạn {deadline}", "the window opens {start}, after the deadline {deadline}"),
    "assumed_placement": ("giả định (không văn bản nào nêu): {subject}: {why} ({where})",
                          "assumption (no document gives it): {subject}: {why} ({where})"),
    "assumed_secondary_source": ("nguồn thứ cấp: {subject} chỉ được biết qua {why} ({where})",
                          "secondary source: {subject} is known only from {why} ({where})"),
    "assumed_rule": ("giả định của tệp quy tắc: {why} ({where})", "assumed by the rule file: {why} ({where})"),
    "no_working_day": ("không có ngày làm việc nào từ {start} đến {last}", "no working day between {start} and {last}"),
    "one_day": ("Cửa sổ chỉ có một ngày ({date}).", "The window is a single day ({date})."),
    "target": ("mục tiêu nội bộ {date} ({why}); hạn chính thức vẫn là {deadline}",
               "internal target {date} ({why}); the official deadline stays {deadline}"),
    "target_why": ("{n} ngày làm việc trước hạn của {name}, {basis}",
                   "{n} working day before {name}'s deadline, {basis}",
                   "{n} working days before {name}'s deadline, {basis}"),
    # a constraint's source: the documents and files it comes from, in the reader's words
    "src_rule": ("{unit}: {directive} mục {section}", "{unit}: {directive} mục {section}"),   # a citation
    "src_lead_unit": ("{file}: {own} của {unit} ({basis})", "{file}: {own} of {unit} ({basis})"),
    "src_lead_level": ("{file}: {own} của cấp {level} ({basis})", "{file}: {own} of level {level} ({basis})"),
    "src_lead_none": ("{unit}: không văn bản nào quy định thời gian tổng hợp (0 ngày làm việc)",
                      "{unit}: no lead time stated (0 working days)"),
    "own_lead": ("thời gian tổng hợp", "lead time"),
    "own_internal": ("thời gian tổng hợp nội bộ", "internal lead time"),
    "src_extension": ("{unit}: gia hạn {ref}", "{unit}: extension {ref}"),
    "src_same": ("{unit}: cùng một báo cáo theo hai văn bản", "{unit}: same report under two directives"),
    "text_lead_none": ("{name} nhận báo cáo để tổng hợp; không văn bản nào quy định thời gian tổng hợp",
                       "feeds the report of {name}; no document states a lead time"),
    "text_lead": ("{name} cần {n} ngày làm việc để tổng hợp", "{name} needs {n} working day to aggregate",
                  "{name} needs {n} working days to aggregate"),
    "text_same": ("cùng một báo cáo, hai văn bản cùng yêu cầu", "one report required by two directives"),
    # the policies of a rule, in words (codes in rules/model.py)
    "roll.previous": ("lùi về ngày làm việc liền trước", "previous"),
    "roll.next": ("sang ngày làm việc liền sau", "next"),
    "roll.none": ("giữ nguyên ngày nghỉ", "none"),
    "before.exclusive": ("“trước ngày D”: ngày cuối là ngày liền trước D", "exclusive"),
    "before.inclusive": ("“trước ngày D”: tính cả ngày D", "inclusive"),
    "opens.period_start": ("mở từ đầu kỳ", "period_start"),
    "opens.validity_start": ("mở từ ngày văn bản có hiệu lực", "validity_start"),
    "level.cell": ("chi bộ", "cell"), "level.commune": ("xã", "commune"), "level.district": ("huyện", "district"),
    "level.province": ("tỉnh", "province"), "level.central": ("trung ương", "central"),
})


def policy_word(kind: str, code: str, lang: str) -> str:
    """A rule's policy (roll, before, opens) or a level, in words; an unknown code as it is."""
    key = f"{kind}.{code}"
    return _m(key, lang) if key in _m else code


def roll_policy(code: str, lang: str) -> str:
    """How a deadline on a day off moves: "quy tắc: lùi về ngày làm việc liền trước" / "previous"."""
    return (policy_word("roll", code, lang) if lang == "en"
            else "quy tắc: " + policy_word("roll", code, lang))


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
