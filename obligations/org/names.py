"""Finding a unit by its name: "Xã Lâm Bình", "Lâm Bình, Tuyên Quang", "xa lam binh".

Names are compared as written (case and spaces aside) first, and without diacritics (đ as d)
only when that finds none: "Tân Thành" is not "Tân Thanh", but "xa lam binh" finds Xã Lâm
Bình. A name without "Đảng ủy", "Tỉnh ủy" or "Thành ủy" names the administrative unit
(``xa-…``, ``tinh-…``); with them, the Party committee (``dang-uy-…``). The kind (xã, phường,
đặc khu, tỉnh, thành phố) may be left out; after a comma comes the province. A name that fits
several units is refused with the candidates (code ``ambiguous-unit``), never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from obligations.base.errors import InputError, said
from obligations.org.hierarchy import Hierarchy

# (id, name, the short name of its province or None): what a name is matched against
Entry = tuple[str, str, str | None]

_PARTY = ("dang uy ", "tinh uy ", "thanh uy ")
_KINDS = ("xa ", "phuong ", "dac khu ", "tinh ", "thanh pho ")
SHOWN = 8       # candidates listed in the error (the rest counted)


def fold(text: str) -> str:
    """Without diacritics (đ as d), case or extra spaces."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").lower()
    return re.sub(r"\s+", " ", text).strip()


def lower(text: str) -> str:
    """Case and spaces only: the first, stricter comparison (diacritics kept)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).lower()).strip()


def parts(name: str, norm: Callable[[str], str] = fold) -> tuple[bool, str | None, str]:
    """(names a Party committee, kind or None, the name itself compared by ``norm``)."""
    text, party, kind = fold(name), False, None
    kept = norm(name)                 # the same words (folding keeps their lengths), compared by norm
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


def hierarchy_entries(hierarchy: Hierarchy) -> list[Entry]:
    """The units of a hierarchy file, each with the province above it (if one is)."""
    found = []
    for unit in hierarchy.units.values():
        province = None
        for link in unit.parents:
            parent = hierarchy.units.get(link.parent)
            if parent is not None and parent.level == "province":
                province = parent.name
        found.append((unit.id, unit.name, province))
    return found


def find_units(entries: Sequence[Entry], query: str) -> list[str]:
    """The ids of the units ``query`` names (a full name, or a name and its province after a
    comma): compared with their diacritics first, without them only when that finds none."""
    return Names(entries).find(query)


class Names:
    """Entries made ready to be asked many names: each name compared once per way of comparing
    (built on first use: a name written with its diacritics seldom needs the folded one), and
    taken apart only when it ends with the name asked (most do not)."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = entries
        self._normed: dict[Callable[[str], str], list[str]] = {}
        self._parts: dict[tuple[Callable[[str], str], int], tuple[bool, str | None, str, str | None]] = {}

    def find(self, query: str) -> list[str]:
        for norm in (lower, fold):
            found = self._find(query, norm)
            if found:
                return found
        return []

    def _taken_apart(self, norm: Callable[[str], str], index: int) -> tuple[bool, str | None, str, str | None]:
        found = self._parts.get((norm, index))
        if found is None:
            _, name, province = self.entries[index]
            found = self._parts[(norm, index)] = (*parts(name, norm), parts(province, norm)[2] if province else None)
        return found

    def _find(self, query: str, norm: Callable[[str], str]) -> list[str]:
        normed = self._normed.get(norm)
        if normed is None:
            normed = self._normed[norm] = [norm(name) for _, name, _ in self.entries]
        whole = norm(query)
        exact = {self.entries[i][0] for i, text in enumerate(normed) if text == whole}
        if exact:
            return sorted(exact)
        name, _, province = query.partition(",")
        party, kind, short = parts(name, norm)
        where = parts(province, norm)[2] if province.strip() else None
        found = set()
        for index, text in enumerate(normed):
            if not text.endswith(short):       # a unit's name ends with its short name: most stop here
                continue
            u_party, u_kind, u_short, u_province = self._taken_apart(norm, index)
            if u_short == short and u_party == party and (kind is None or u_kind == kind) \
                    and (where is None or u_province == where):
                found.add(self.entries[index][0])
        return sorted(found)


def ambiguous(query: str, found: Iterable[str], described: dict[str, Entry]) -> InputError:
    """The error for a name that fits several units: the first ``SHOWN`` with their provinces."""
    found = list(found)
    shown = []
    for uid in found[:SHOWN]:
        _, name, province = described[uid]
        shown.append(f"{uid} ({name}, {province})" if province else f"{uid} ({name})")
    more = said("name:more", " and {n} more", n=len(found) - SHOWN) if len(found) > SHOWN else ""
    return InputError(said("name:ambiguous", "{n} units are named {query}: {units}{more}", n=len(found),
                           query=repr(query[:80]), units=", ".join(shown), more=more),
                      fix=said("name:ambiguous-fix", "give the unit's id, or its name and province after a comma "
                                                     "(e.g. 'Lâm Bình, Tuyên Quang')"),
                      code="ambiguous-unit", param="unit", data={"unit": query, "candidates": " ".join(found), "n": str(len(found)),
                            "shown": ", ".join(shown) + (f" (+{len(found) - SHOWN})" if len(found) > SHOWN else "")})

