"""Finding a unit by its name: "Xã Lâm Bình", "Lâm Bình, Tuyên Quang", "xa lam binh".

Names are compared folded: without diacritics (đ as d), case or extra spaces. A name
without "Đảng ủy", "Tỉnh ủy" or "Thành ủy" names the administrative unit (``xa-…``,
``tinh-…``); with them, the Party committee (``dang-uy-…``). The kind (xã, phường, đặc khu,
tỉnh, thành phố) may be left out; after a comma comes the province. A name that fits
several units is refused with the candidates (code ``ambiguous-unit``), never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable

from obligations.base.errors import InputError
from obligations.org.hierarchy import Hierarchy

_PARTY = ("dang uy ", "tinh uy ", "thanh uy ")
_KINDS = ("xa ", "phuong ", "dac khu ", "tinh ", "thanh pho ")
SHOWN = 8       # candidates listed in the error (the rest counted)
_FIRST = dt.date(2025, 7, 1)   # a day every unit of the real hierarchy exists


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").lower()
    return re.sub(r"\s+", " ", text).strip()


def lower(text: str) -> str:
    """Case and spaces only: the first, stricter comparison (diacritics kept)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).lower()).strip()


def _parts(name: str, norm: Callable[[str], str] = fold) -> tuple[bool, str | None, str]:
    """(names a Party committee, kind or None, the name itself), compared by ``norm``."""
    text, party, kind = fold(name), False, None
    kept = norm(name)                 # the same text, only compared differently
    for word in _PARTY:
        if text.startswith(word):
            party, text, kept = True, text[len(word):], kept[len(word):]
            if word != "dang uy ":
                kind = "tinh " if word == "tinh uy " else "thanh pho "
            break
    for word in _KINDS:
        if text.startswith(word) and len(text) > len(word):
            kind, text, kept = word, text[len(word):], kept[len(word):]
            break
    return party, (kind.strip() if kind else None), kept


def _province_of(hierarchy: Hierarchy, unit_id: str, norm: Callable[[str], str]) -> str | None:
    """The short name of the province above ``unit_id`` (None: no province above)."""
    for link in hierarchy.unit(unit_id).parents:
        parent = hierarchy.units.get(link.parent)
        if parent is not None and parent.level == "province":
            return _parts(parent.name, norm)[2]
    return None


def find_units(hierarchy: Hierarchy, query: str) -> list[str]:
    """The ids of the units ``query`` names (a full name, or a name and its province after a
    comma): compared with their diacritics first ("Tân Thành" is not "Tân Thanh"), and without
    them only when that finds none ("xa lam binh")."""
    for norm in (lower, fold):
        found = _find(hierarchy, query, norm)
        if found:
            return found
    return []


def _find(hierarchy: Hierarchy, query: str, norm: Callable[[str], str]) -> list[str]:
    whole = norm(query)
    exact = [u.id for u in hierarchy.units.values() if norm(u.name) == whole]
    if exact:
        return sorted(exact)
    name, _, province = query.partition(",")
    party, kind, short = _parts(name, norm)
    where = _parts(province, norm)[2] if province.strip() else None
    found = []
    for unit in hierarchy.units.values():
        u_party, u_kind, u_short = _parts(unit.name, norm)
        if u_short != short or u_party != party or (kind is not None and u_kind != kind):
            continue
        if where is not None and _province_of(hierarchy, unit.id, norm) != where and \
                not (unit.level == "province" and u_short == where):
            continue
        found.append(unit.id)
    return sorted(found)


def resolve(hierarchy: Hierarchy, query: str) -> str:
    """The one unit ``query`` names: its id as given, else its name; unknown: the hierarchy's
    error (the nearest id); several: ``ambiguous-unit`` listing them."""
    if query in hierarchy.units:
        return query
    found = find_units(hierarchy, query)
    if len(found) == 1:
        return found[0]
    if not found:
        raise hierarchy.unknown(query)
    shown = [f"{uid} ({hierarchy.name(uid)}{_where(hierarchy, uid)})" for uid in found[:SHOWN]]
    more = f" and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
    raise InputError(f"{len(found)} units are named {query[:80]!r}: " + ", ".join(shown) + more,
                     fix="give the unit's id, or its name and province after a comma (e.g. 'Lâm Bình, Tuyên Quang')",
                     code="ambiguous-unit", param="unit", data={"unit": query, "candidates": " ".join(found)})


def _where(hierarchy: Hierarchy, unit_id: str) -> str:
    parent = hierarchy.parent_of(unit_id, max(hierarchy.unit(unit_id).start, _FIRST))
    return f", {hierarchy.name(parent)}" if parent and hierarchy.unit(parent).level == "province" else ""

