"""Units written as a hierarchy TOML file (rules/hierarchy.toml's format) that loads as it is."""

from __future__ import annotations

import json
from collections.abc import Iterable

from obligations.base.vocabulary import FAR_FUTURE, FAR_PAST
from obligations.org.hierarchy import Unit
from obligations.render.labels import Labels, pmsg

# the comment at the top of `org --province`, in the command's --lang: where the data comes
# from, how ids are made, what is inferred and what to add
_HEAD = Labels([
    pmsg("org.head", "The real units of {province} (code {code}) from 1/7/2025 and the Party committees that "
                     "mirror them, written by `obligations org --province` from {source}."),
    pmsg("org.ids", "Ids come from the official codes: tinh-NN / xa-NNNNN for the province and its communes, "
                    "wards and special zones; dang-uy-tinh-NN / dang-uy-xa-NNNNN for the Party committees."),
    pmsg("org.assumed", "The Party committees are inferred from the administrative units (marked `assumed`): "
                        "correct them where your structure differs."),
    pmsg("org.extend", "Extend this file with your cells and departments, e.g."),
    pmsg("org.cell", "Chi bộ …"),
    pmsg("org.use", "then use it with --org (docs/rules.md, section on the real units)."),
])


def _wrapped(text: str, width: int = 96) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [""]


def province_head(province: str, code: int, source: str, lang: str) -> list[str]:
    """The comment at the top of ``org --province``, in ``lang``."""
    return [
        *_wrapped(_HEAD("org.head", lang, province=province, code=f"{code:02d}", source=source)),
        *_wrapped(_HEAD("org.ids", lang)),
        *_wrapped(_HEAD("org.assumed", lang)),
        *_wrapped(_HEAD("org.extend", lang)),
        "",
        "  [[unit]]",
        '  id = "chibo-…"',
        f'  name = "{_HEAD("org.cell", lang)}"',
        '  level = "cell"',
        '  parent = "dang-uy-xa-NNNNN"',
        "",
        *_wrapped(_HEAD("org.use", lang)),
    ]


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
