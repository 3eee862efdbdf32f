"""A unit asked for by id or by name, found in the loaded hierarchy or among the real units of
Vietnam (obligations.org.national, read only when needed)."""

from __future__ import annotations

from obligations.org import names
from obligations.org.hierarchy import Hierarchy


def locate(hierarchy: Hierarchy, query: str) -> tuple[str, Hierarchy]:
    """The id of the unit ``query`` names (its id, or its name: "Xã Lâm Bình", "Lâm Bình, Tuyên
    Quang") and a hierarchy that has it: ``hierarchy`` itself when it does, else ``hierarchy`` with
    the real units of the province asked about joined (a few hundred, not 6,700; read only then).
    Unknown: ``unknown-unit``; several units of that name: ``ambiguous-unit``."""
    if query in hierarchy.units:
        return query, hierarchy
    from obligations.org.national import load_national, with_national

    national = load_national()
    provinces = national.provinces_for(query)
    unit_id = query
    if not provinces:
        entries = names.hierarchy_entries(hierarchy) + national.entries()
        found = names.find_units(entries, query)
        if not found:
            raise hierarchy.unknown(query)
        if len(found) > 1:
            raise names.ambiguous(query, found, {e[0]: e for e in entries})
        unit_id = found[0]
        if unit_id in hierarchy.units:
            return unit_id, hierarchy
        provinces = national.provinces_for(unit_id)
    return unit_id, with_national(hierarchy, national, provinces)
