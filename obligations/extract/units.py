"""The bodies a draft names, matched to the units of a hierarchy (``extract --org FILE``).

A body matches a unit when their names are the same (case, "uỷ"/"ủy" and spacing aside), or
when exactly one unit's name begins with the body's ("Sở Nội vụ" → "Sở Nội vụ tỉnh Quảng
Ngãi"); the duty's performer is then ``unit:<id>`` (docs/rules.md). A body that matches no
unit, or several, keeps its performer TODO: nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any


def _norm(name: str) -> str:
    return " ".join(name.casefold().replace("uỷ", "ủy").replace("oà", "òa").split())


def match(body: str, names: Mapping[str, str]) -> str | None:
    """The id of the unit ``body`` names, if exactly one does (``names``: normalised name → id)."""
    key = _norm(body)
    if key in names:
        return names[key]
    found = {unit for name, unit in names.items() if name.startswith(key + " ")}
    return found.pop() if len(found) == 1 else None


def names_of(units: Iterable[tuple[str, str]]) -> dict[str, str]:
    """(id, name) pairs as the normalised name → id map ``match`` reads (a name two units share is dropped)."""
    seen: dict[str, str | None] = {}
    for unit, name in units:
        key = _norm(name)
        seen[key] = None if key in seen and seen[key] != unit else unit
    return {k: v for k, v in seen.items() if v is not None}


def assign(duties: list[dict[str, Any]], names: Mapping[str, str]) -> None:
    """Give each duty whose performer is TODO and whose body names a unit that unit as performer."""
    for duty in duties:
        body = duty.get("body")
        if duty.get("performers") != "TODO" or not isinstance(body, str):
            continue
        unit = match(body, names)
        if unit is None:
            continue
        duty["performers"] = [f"unit:{unit}"]
        info = duty["draft"]
        info["todo"] = [t for t in info["todo"] if t != "performers"]
        info.setdefault("decided_by", {})["performers"] = body
        info["reason"] = info["reason"] + f"; performer: the unit {unit} of the hierarchy, named “{body}”"


_TO_WORDS = re.compile(r"^(?:gửi|về|báo\s+cáo|trình)\s+(?:về\s+)?(?:cho\s+)?", re.IGNORECASE)


def recipients(duties: list[dict[str, Any]], issuer: str, names: Mapping[str, str] | None) -> None:
    """A duty whose text sends it to a named body ("gửi Sở Tài chính") goes to the issuer only when
    that body is the issuer; to the unit of that name when the hierarchy has one; else its
    recipient is a TODO (a report sent to the wrong level is worse than a question)."""
    own = _norm(issuer) if issuer and issuer != "TODO" else ""
    for duty in duties:
        info = duty["draft"]
        words = info.get("decided_by", {}).get("recipient", "")
        if duty.get("recipient") != "issuer" or not words:
            continue
        body = _TO_WORDS.sub("", words).split("(")[0].strip(" ,;.")
        key = _norm(body)
        if own and key and (key in own or own in key or own.endswith(key.split(" ", 1)[-1])):
            continue
        unit = match(body, names) if names else None
        if unit is not None:
            duty["recipient"] = unit
            info["reason"] += f"; recipient: the unit {unit} of the hierarchy, named “{body}”"
            continue
        duty["recipient"] = "TODO"
        info["todo"].append("recipient")
        info["reason"] += f"; recipient: “{body}” is not the issuer and no unit of that name is known"
