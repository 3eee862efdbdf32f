"""The real units of Vietnam from 1/7/2025: 34 provinces and 3,321 communes, wards and
special zones, as state units and the Party committees that mirror them.

The data (``data/units-2025-07-01.json``: official code, name, kind) is written by
``tools/national_units.py`` from the ``vietnam-provinces`` package and read here without it.

Ids come from the official codes, padded as the codes are published:

- ``tinh-NN``: the province (or centrally-run city) of code NN, e.g. ``tinh-08`` Tỉnh Tuyên Quang;
- ``xa-NNNNN``: the commune, ward or special zone of code NNNNN, e.g. ``xa-02266`` Xã Lâm Bình
  ("xã" for the whole commune level, as "cấp xã" covers xã, phường and đặc khu);
- ``dang-uy-tinh-NN``, ``dang-uy-xa-NNNNN``: the Party committee of the same place
  (Tỉnh ủy / Thành ủy; Đảng ủy xã / phường / đặc khu).

The state units hang under ``chinh-phu`` (Chính phủ), the committees under ``trung-uong``
(Ban Chấp hành Trung ương). Every unit exists from 2025-07-01. The Party structure is not in
the dataset: each committee is inferred from the administrative unit it mirrors, and says so
(``assumed``) wherever an answer depends on it.

These units join a hierarchy only when asked for (``with_national``): a unit id or a name the
loaded hierarchy does not have, or ``org --province``. The ~6,700 units are never part of the
load cache nor of a start that does not need them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import attrs

from obligations.base.records import record
from obligations.base.vocabulary import FAR_FUTURE
from obligations.org.hierarchy import Hierarchy, ParentLink, Unit

DATA_FILE = Path(__file__).resolve().parent / "data" / "units-2025-07-01.json"
VALID_FROM = dt.date(2025, 7, 1)
STATE_ROOT, PARTY_ROOT = "chinh-phu", "trung-uong"

INFERRED = ("cơ cấu tổ chức đảng suy ra từ đơn vị hành chính cùng tên (từ 1/7/2025): "
            "dữ liệu gốc chỉ có đơn vị hành chính")
INFERRED_EN = ("the Party structure is inferred from the administrative unit of the same name "
               "(from 1/7/2025): the source data has the administrative units only")

_ID = re.compile(r"(?:dang-uy-)?(tinh|xa)-(\d+)")
_KIND_WORD = {"xã": "xã", "phường": "phường", "đặc khu": "đặc khu", "tỉnh": "Tỉnh", "thành phố trung ương": "Thành phố"}


@record
@attrs.frozen(repr=False)
class Place:
    """One administrative unit of the data: official code, name as published, kind
    (xã, phường, đặc khu, tỉnh, thành phố trung ương) and, for a commune, its province's code."""

    code: int
    name: str
    kind: str
    province: int | None = None


@record
@attrs.frozen(repr=False)
class National:
    """The bundled data: provinces and communes by code, and where it came from."""

    source: str
    provinces: dict[int, Place]
    communes: dict[int, Place]

    def province_name(self, code: int) -> str:
        """'Tỉnh Tuyên Quang', 'Thành phố Hà Nội' (the data writes a province without its kind)."""
        place = self.provinces[code]
        word = _KIND_WORD[place.kind]
        return place.name if place.name.startswith(word) else f"{word} {place.name}"

    def province_short(self, code: int) -> str:
        """'Tuyên Quang', 'Hà Nội'."""
        full = self.province_name(code)
        return full.split(" ", 1)[1] if full.startswith("Tỉnh ") else full[len("Thành phố "):]

    def communes_of(self, province: int) -> list[Place]:
        return [p for p in self.communes.values() if p.province == province]

    def provinces_for(self, unit_id: str) -> set[int]:
        """The provinces whose part holds ``unit_id`` (every province for a root; none: not a real unit)."""
        if unit_id in (STATE_ROOT, PARTY_ROOT):
            return set(self.provinces)
        match = _ID.fullmatch(unit_id)
        if match is None:
            return set()
        code = int(match.group(2))
        if match.group(1) == "tinh":
            return {code} if code in self.provinces and len(match.group(2)) == 2 else set()
        place = self.communes.get(code)
        return {place.province} if place is not None and place.province is not None \
            and len(match.group(2)) == 5 else set()

    def entries(self) -> list[tuple[str, str, str | None]]:
        """(id, name, province) of every real unit, for finding one by name without building the units."""
        found: list[tuple[str, str, str | None]] = [
            (STATE_ROOT, "Chính phủ", None), (PARTY_ROOT, "Ban Chấp hành Trung ương Đảng", None)]
        for code, place in self.provinces.items():
            found += [(province_id(code), self.province_name(code), None),
                      (party_id(province_id(code)), _party_name(place, self), None)]
        for code, place in self.communes.items():
            assert place.province is not None
            province = self.province_name(place.province)
            found += [(commune_id(code), place.name, province),
                      (party_id(commune_id(code)), _party_name(place, self), province)]
        return found


def province_id(code: int) -> str:
    return f"tinh-{code:02d}"


def commune_id(code: int) -> str:
    return f"xa-{code:05d}"


def party_id(state_id: str) -> str:
    return f"dang-uy-{state_id}"


def load_national(path: Path = DATA_FILE) -> National:
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    # a few names of the data have a double space ("Xã  Xuân Giang"): one space, as everyone writes them
    provinces = {int(c): Place(int(c), " ".join(n.split()), k) for c, n, k in doc["provinces"]}
    communes = {int(c): Place(int(c), " ".join(n.split()), k, int(p)) for c, n, k, p in doc["communes"]}
    return National(str(doc["source"]), provinces, communes)


def _party_name(place: Place, national: National) -> str:
    if place.province is None:
        word = "Thành ủy" if place.kind == "thành phố trung ương" else "Tỉnh ủy"
        return f"{word} {national.province_short(place.code)}"
    short = place.name[len(place.kind) + 1:] if place.name.lower().startswith(place.kind + " ") else place.name
    return f"Đảng ủy {place.kind} {short}"


def national_units(national: National, provinces: set[int] | None = None) -> list[Unit]:
    """The roots, then each province's state unit and committee, then its communes' (in code
    order); ``provinces``: only these provinces' parts (with the roots)."""
    where = f"{DATA_FILE.name}"
    since = (ParentLink(STATE_ROOT, VALID_FROM, FAR_FUTURE),)
    units = [Unit(STATE_ROOT, "Chính phủ", "central", (), start=VALID_FROM, location=where),
             Unit(PARTY_ROOT, "Ban Chấp hành Trung ương Đảng", "central", (), start=VALID_FROM, location=where)]
    for code, place in sorted(national.provinces.items()):
        if provinces is not None and code not in provinces:
            continue
        sid = province_id(code)
        units.append(Unit(sid, national.province_name(code), "province", since, start=VALID_FROM, location=where,
                          note=f"Mã đơn vị hành chính {code:02d} ({national.source})."))
        units.append(Unit(party_id(sid), _party_name(place, national), "province",
                          (ParentLink(PARTY_ROOT, VALID_FROM, FAR_FUTURE),), start=VALID_FROM, location=where,
                          note=f"Mã đơn vị hành chính {code:02d} ({national.source}).",
                          assumed=INFERRED, assumed_en=INFERRED_EN))
        for commune in sorted(national.communes_of(code), key=lambda p: p.code):
            cid = commune_id(commune.code)
            note = f"Mã đơn vị hành chính {commune.code:05d} ({national.source})."
            units.append(Unit(cid, commune.name, "commune", (ParentLink(sid, VALID_FROM, FAR_FUTURE),),
                              start=VALID_FROM, location=where, note=note))
            units.append(Unit(party_id(cid), _party_name(commune, national), "commune",
                              (ParentLink(party_id(sid), VALID_FROM, FAR_FUTURE),), start=VALID_FROM,
                              location=where, note=note, assumed=INFERRED, assumed_en=INFERRED_EN))
    return units


def with_national(hierarchy: Hierarchy, national: National | None = None,
                  provinces: set[int] | None = None) -> Hierarchy:
    """``hierarchy`` with the real units it does not have (of ``provinces`` only, and the roots;
    None: all). A unit of the file keeps its own definition: a province's file written by
    ``org --province`` and extended wins."""
    national = national or load_national()
    merged = dict(hierarchy.units)
    for unit in national_units(national, provinces):
        merged.setdefault(unit.id, unit)
    return Hierarchy(merged, file=hierarchy.file, lead_times=hierarchy.lead_times)


def find_province(national: National, query: str) -> int:
    """The code of the province ``query`` names: its code ("08", "8") or its name, with or
    without "Tỉnh"/"Thành phố" and diacritics ("Tuyên Quang", "tuyen quang", "Hà Nội")."""
    from obligations.base.errors import InputError, said
    from obligations.org.names import fold

    text = query.strip()
    if text.isdigit() and int(text) in national.provinces:
        return int(text)
    wanted = fold(text)
    for prefix in ("tinh ", "thanh pho "):
        wanted = wanted[len(prefix):] if wanted.startswith(prefix) else wanted
    found = [code for code in national.provinces if fold(national.province_short(code)) == wanted]
    if len(found) == 1:
        return found[0]
    listing = ", ".join(f"{code:02d} {national.province_short(code)}" for code in sorted(national.provinces))
    raise InputError(said("province:unknown", "no province is named or numbered {query} (34 provinces from "
                                              "1/7/2025)", query=repr(query[:80])),
                     fix=said("province:give-one-of", "give one of: {listing}", listing=listing), code="unknown-unit", param="province", data={"unit": query})
