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
                   "{n} working days before {name}'s deadline, {basis}"),
})


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
    ended = note.ended.isoformat()
    if note.final is None:
        return _m("no_successor", lang, role=role, gone=note.gone_name, ended=ended)
    return _m("succeeded", lang, role=role, gone=note.gone_name, ended=ended, final=note.final_name)


# A constraint's source, text and location are the same in both languages: they cite
# documents and files, whose words are the documents' own.

def constraint_source(c: Constraint) -> str:
    return origin_source(c.origin)


def origin_source(o: Origin) -> str:
    if isinstance(o, RuleOrigin):
        return f"{o.unit}: {o.directive} mục {o.section}"
    if isinstance(o, LeadOrigin):
        own = "internal lead time" if o.internal else "lead time"
        if o.setting == "unit":
            return f"{o.file}: {own} of {o.receiving_unit} ({o.basis})"
        if o.setting == "level":
            return f"{o.file}: {own} of level {o.level} ({o.basis})"
        return f"{o.receiving_unit}: no lead time stated (0 working days)"
    if isinstance(o, ExtensionOrigin):
        return f"{o.unit}: gia hạn / extension {o.ref}"
    return f"{o.unit}: same report under two directives"


def constraint_text(c: Constraint) -> str:
    return origin_text(c.origin)


def origin_text(o: Origin) -> str:
    if isinstance(o, RuleOrigin):
        return o.text
    if isinstance(o, LeadOrigin):
        if o.setting == "none":
            return (f"{o.receiving_name} nhận báo cáo để tổng hợp; không văn bản nào quy định thời gian tổng hợp / "
                    "feeds the report of the receiving unit; no document states a lead time")
        return (f"{o.receiving_name} cần {o.days} ngày làm việc để tổng hợp / "
                f"needs {o.days} working days to aggregate")
    if isinstance(o, ExtensionOrigin):
        return o.note
    return "cùng một báo cáo, hai văn bản cùng yêu cầu / one report required by two directives"


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
    return _m("conflict", lang, start=conflict.window_start, deadline=conflict.deadline,
              sources="; ".join(constraint_source(c) for c in conflict.constraints))


def conflict_advice(conflict: Conflict, lang: str, name_of: Callable[[str], str]) -> list[str]:
    """Which constraint opens too late, which deadline closes too early, the one choice that
    meets every deadline, and what to do: ask the stricter level for an extension."""
    opening = [c for c in conflict.constraints if c.kind == "window_start"]
    closing = [c for c in conflict.constraints if c.kind in ("deadline", "extension")]
    lines = [_m("opens_late", lang, source=constraint_source(c), date=c.date) for c in opening[-1:]]
    lines += [_m("closes_early", lang, source=constraint_source(c), date=c.date) for c in closing[:1]]
    lines.append(_m("no_day", lang))
    lines.append(_m("early_choice", lang, deadline=conflict.deadline, start=conflict.window_start))
    if closing:
        strict = closing[0]
        command = (f'python -m obligations extend --unit {strict.node.unit} --duty {strict.node.duty} '
                   f'--period {strict.node.period} --until {conflict.window_start.isoformat()} --ref "số văn bản"')
        issuer = strict.origin.issuer if isinstance(strict.origin, RuleOrigin) and strict.origin.issuer else ""
        lines.append(_m("ask", lang, who=name_of(issuer or strict.node.unit), source=constraint_source(strict),
                        start=conflict.window_start, command=command))
    return lines


def conflict_window(conflict: Conflict, lang: str) -> str:
    return _m("conflict_window", lang, start=conflict.window_start, deadline=conflict.deadline)


def assumption_text(a: Assumption, lang: str) -> str:
    return _m(f"assumed_{a.kind}", lang, subject=a.subject, why=a.why, where=a.where)


def one_day_window(start: dt.date, deadline: dt.date, lang: str) -> str | None:
    return _m("one_day", lang, date=deadline) if start == deadline else None


def target_text(result: Reconciled, lang: str, name_of: Callable[[str], str]) -> str | None:
    """An internal target beside the official deadline, and why (never instead of it)."""
    if result.target is None or not result.target_by:
        return None
    lead = result.target_by[-1]
    origin = lead.origin
    if not isinstance(origin, LeadOrigin):
        return None
    why = _m("target_why", lang, n=lead.lead, name=name_of(origin.receiving_unit), basis=origin.basis)
    return _m("target", lang, date=result.target, why=why, deadline=result.deadline)


def placement_message(p: Placement, lang: str) -> str:
    return _m("no_working_day", lang, start=p.window_start, last=p.last_allowed)
