"""Units written as a hierarchy TOML file (rules/hierarchy.toml's format) that loads as it is."""

from __future__ import annotations

import json
from collections.abc import Iterable

from obligations.base.vocabulary import FAR_FUTURE, FAR_PAST
from obligations.org.hierarchy import Unit


def _text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)    # a JSON string is a TOML basic string


def units_toml(units: Iterable[Unit], head: Iterable[str] = ()) -> str:
    """``head`` as comment lines, then one [[unit]] table per unit."""
    out = [f"# {line}".rstrip() for line in head]
    for unit in units:
        out += ["", "[[unit]]", f"id = {_text(unit.id)}", f"name = {_text(unit.name)}", f"level = {_text(unit.level)}"]
        if len(unit.parents) == 1 and unit.parents[0].start == unit.start and unit.parents[0].end == unit.end \
                and unit.parents[0].assumed is None:
            out.append(f"parent = {_text(unit.parents[0].parent)}")
        elif unit.parents:
            out.append("parents = [" + ", ".join(
                "{ " + ", ".join([f"unit = {_text(link.parent)}"]
                                 + ([f"from = {link.start.isoformat()}"] if link.start != FAR_PAST else [])
                                 + ([f"until = {link.end.isoformat()}"] if link.end != FAR_FUTURE else [])) + " }"
                for link in unit.parents) + "]")
        if unit.start != FAR_PAST:
            out.append(f"from = {unit.start.isoformat()}")
        if unit.end != FAR_FUTURE:
            out.append(f"until = {unit.end.isoformat()}")
        for key in ("successor", "note", "assumed", "assumed_en"):
            value = getattr(unit, key)
            if value:
                out.append(f"{key} = {_text(value)}")
    return "\n".join(out) + "\n"
