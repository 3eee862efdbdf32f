"""Who performs an occurrence and to whom it goes, in the hierarchy valid on its date.

A directive issued by a unit that no longer exists is carried by that unit's successor
(policy ``successor_carries``): after 1/7/2025 Kon Tum's requests reach the communes of
the merged province through Quảng Ngãi. Each such step is recorded so the output can say
so; nothing is re-routed silently.
"""

from __future__ import annotations

import datetime as dt

import attrs

from obligations.org.hierarchy import Hierarchy
from obligations.rules.model import Duty


@attrs.frozen
class Note:
    vi: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


@attrs.frozen
class Route:
    issuer: str
    recipient: str | None
    notes: tuple[Note, ...] = ()


def _succession_note(h: Hierarchy, steps: list[str], final: str | None, day: dt.date, role_vi: str,
                     role_en: str) -> Note:
    gone = steps[0]
    ended = h.unit(gone).end.isoformat()
    if final is None:
        return Note(f"{role_vi} {h.name(gone)} không còn từ sau {ended} và không có đơn vị kế thừa",
                    f"{role_en} {h.name(gone)} ended on {ended} and has no successor")
    return Note(f"{role_vi} {h.name(gone)} không còn từ sau {ended}; chuyển cho đơn vị kế thừa {h.name(final)}",
                f"{role_en} {h.name(gone)} ended on {ended}; routed to its successor {h.name(final)}")


def effective_issuer(h: Hierarchy, unit_id: str, day: dt.date) -> tuple[str | None, tuple[Note, ...]]:
    final, steps = h.successor_on(unit_id, day)
    if not steps:
        return final, ()
    return final, (_succession_note(h, steps, final, day, "Đơn vị ban hành", "Issuing unit"),)


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
    return False


def route(h: Hierarchy, duty: Duty, issuer: str, issuer_notes: tuple[Note, ...], unit_id: str,
          day: dt.date) -> Route:
    notes = list(issuer_notes)
    if duty.recipient == "issuer":
        recipient = issuer
    elif duty.recipient == "parent":
        recipient = h.parent_of(unit_id, day)
    else:
        recipient, steps = h.successor_on(duty.recipient, day)
        if steps:
            notes.append(_succession_note(h, steps, recipient, day, "Nơi nhận", "Recipient"))
    return Route(issuer, recipient, tuple(notes))
