"""The one message catalogue: reason codes and their parameters -> Vietnamese or English.

Domain code never chooses a language; it returns codes with parameters (a calendar move,
a routing note, a constraint's origin, a conflict, a placement problem) and the
functions here turn them into words.
"""

from __future__ import annotations

from obligations.calendar.working import Event, Move
from obligations.occurrences.model import Placement
from obligations.org.routing import RoutingNote
from obligations.reconcile.solve import (Conflict, Constraint, ExtensionOrigin, LeadOrigin, Origin, RuleOrigin,
                                         SameReportOrigin)
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
})


def pick(lang: str, vi: str, en: str) -> str:
    """Data given in both languages (names from the holidays package, titles of duties)."""
    return en if lang == "en" else vi


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
        if o.setting == "unit":
            return f"{o.file}: lead_days of {o.receiving_unit}"
        if o.setting == "level":
            return f"{o.file}: [lead_days] {o.level}"
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


def placement_message(p: Placement) -> str:
    return f"no working day between {p.window_start} and {p.last_allowed}"
