"""Who performs an occurrence and to whom it goes, in the hierarchy valid on its date.

A directive issued by a unit that no longer exists is carried by that unit's successor
(policy ``successor_carries``): after 1/7/2025 Kon Tum's requests reach the communes of
the merged province through Quảng Ngãi. Each such step is recorded so the output can say
so; nothing is re-routed silently.
"""

from __future__ import annotations

import datetime as dt

import attrs

from obligations.base.records import record
from obligations.org.hierarchy import Hierarchy
from obligations.rules.model import Duty


@record
@attrs.frozen(repr=False)
class RoutingNote:
    """A step of routing the output must mention: a unit that ended and who carries on.

    ``role`` is "issuer" (the directive's issuing unit ended) or "recipient"; ``final`` is
    None when the ended unit has no successor. Rendered into words by obligations.render."""

    role: str
    gone: str
    gone_name: str
    ended: dt.date
    final: str | None
    final_name: str | None


@record
@attrs.frozen(repr=False)
class Route:
    issuer: str
    recipient: str | None
    notes: tuple[RoutingNote, ...] = ()


def _succession_note(h: Hierarchy, steps: list[str], final: str | None, role: str) -> RoutingNote:
    gone = steps[0]
    return RoutingNote(role, gone, h.name(gone), h.unit(gone).end, final,
                       h.name(final) if final is not None else None)


def effective_issuer(h: Hierarchy, unit_id: str, day: dt.date) -> tuple[str | None, tuple[RoutingNote, ...]]:
    final, steps = h.successor_on(unit_id, day)
    if not steps:
        return final, ()
    return final, (_succession_note(h, steps, final, "issuer"),)


def performs(h: Hierarchy, duty: Duty, issuer: str, unit_id: str, day: dt.date) -> bool:
    unit = h.unit(unit_id)
    if not unit.exists_on(day):
        return False
    for selector in duty.performers:
        if selector == "self" and unit_id == issuer:
            return True
        if selector == "children" and h.parent_of(unit_id, day) == issuer:
            return True
        if selector.startswith("level:") and unit.level == selector[6:] and issuer in h.ancestors(unit_id, day):
            return True
        if selector == f"unit:{unit_id}":      # a body the text names ("Sở Nội vụ chủ trì …")
            return True
    return False


def route(h: Hierarchy, duty: Duty, issuer: str, issuer_notes: tuple[RoutingNote, ...], unit_id: str,
          day: dt.date) -> Route:
    notes = list(issuer_notes)
    recipient: str | None
    if duty.recipient == "issuer":
        recipient = issuer
    elif duty.recipient == "parent":
        recipient = h.parent_of(unit_id, day)
    else:
        recipient, steps = h.successor_on(duty.recipient, day)
        if steps:
            notes.append(_succession_note(h, steps, recipient, "recipient"))
    return Route(issuer, recipient, tuple(notes))
