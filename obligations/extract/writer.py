"""Writing a draft as a literate TOML rule file (or JSON), ready for a person to review."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from obligations.base.version import SCHEMA_VERSION


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    return json.dumps(str(value), ensure_ascii=False)   # a TOML basic string is a JSON string


def _comment(text: str, width: int = 88) -> list[str]:
    words, lines, line = text.split(), [], "#"
    for word in words:
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = "#"
        line += " " + word
    lines.append(line)
    return lines


def to_toml(draft: dict[str, Any]) -> str:
    head = draft["directive"]
    out = [f"# Draft rule file made by `obligations extract` from {head.get('source_document', 'a text')}.",
           "# Review every duty against the text; fill in every TODO; then run `obligations check`.",
           "# The [duty.draft] tables record how sure the extractor was and which words decided each",
           "# field: delete them once reviewed.",
           ""]
    if draft["todo"]:
        out.append("# TODO (directive): " + ", ".join(draft["todo"]))
    out.append("[directive]")
    for key, value in head.items():
        out.append(f"{key} = {_value(value)}")
    for duty in draft["duty"]:
        info = duty["draft"]
        out += ["", "# " + "-" * 86]
        out += _comment(f"{duty['section']}: “{info.get('sentence', duty['source'])}”")
        if "schedule_todo" in info:
            out += _comment(f"TODO schedule: {info['schedule_todo']}")
        if info["todo"]:
            out.append("# TODO: " + ", ".join(info["todo"]))
        for flag in info["flags"]:
            out.append(f"# FLAG: {flag}")
        out.append("[[duty]]")
        for key, value in duty.items():
            if key != "draft":
                out.append(f"{key} = {_value(value)}")
        out.append("")
        out.append("[duty.draft]")
        for key, value in info.items():
            out.append(f"{key} = {_value(value)}")
    unused = draft.get("not_drafted", [])
    if unused:
        out += ["", "# " + "-" * 86,
                f"# Seen and not drafted ({len(unused)}): dated or recurring words in the body that no duty",
                "# above uses, each with the reason. `check` ignores these tables: read each one, and write a",
                "# duty by hand where the text does ask for something by a date."]
        for entry in unused:
            out += ["", "[[not_drafted]]"] + [f"{key} = {_value(value)}" for key, value in entry.items()]
    for event in declared_events(draft):
        out += ["", "# " + "-" * 86, "# An event duties are counted from: rename it if you like (in the duty too); give its",
                "# date when the text states one, else each unit records the day with `obligations event`.",
                "[[event]]"]
        out += [f"{key} = {_value(value)}" for key, value in event.items()]
    return "\n".join(out) + "\n"


def declared_events(draft: dict[str, Any]) -> list[dict[str, Any]]:
    """The `[[event]]` tables the drafted duties need: a rule file declares every event its
    duties are counted from, with the words that name it and its date when the text gives one."""
    found: dict[str, dict[str, Any]] = {}
    for duty in draft["duty"]:
        schedule = duty.get("schedule")
        if not isinstance(schedule, dict) or schedule.get("every") != "event":
            continue
        info = duty["draft"]
        event = found.setdefault(str(schedule["event"]), {"id": schedule["event"]})
        event.setdefault("source", info.get("decided_by", {}).get("schedule") or duty["source"])
        if info.get("event_date") is not None:
            event.setdefault("date", info["event_date"])
    return list(found.values())


def to_json(draft: dict[str, Any]) -> str:
    return json.dumps({"schema_version": SCHEMA_VERSION, **draft, "event": declared_events(draft)}, ensure_ascii=False, indent=1, default=lambda v: v.isoformat()) + "\n"


def org_stub(draft: dict[str, Any]) -> str:
    """The bodies the draft names (its issuer, each duty's `body`) as a hierarchy stub to complete:
    every id, level and parent is a TODO, since no text says them."""
    from .header import slug

    head = draft["directive"]
    names: list[str] = []
    for name in [head.get("issuer")] + [d.get("body") for d in draft["duty"]]:
        if isinstance(name, str) and name and name != "TODO" and name not in names:
            names.append(name)
    out = [f"# Hierarchy stub made by `obligations extract` from {head.get('source_document', 'a text')}:",
           "# the bodies the text names. Give each its id (used in rule files), its level",
           "# (central, province, district, commune, cell: a department takes the level of the unit it",
           "# serves) and its parent, then merge it into your hierarchy.toml (docs/rules.md).", ""]
    for name in names:
        out += ["[[unit]]", f"id = {_value('TODO-' + slug(name).lower())}", f"name = {_value(name)}",
                'level = "TODO"', 'parent = "TODO"', ""]
    return "\n".join(out)


def stubs(draft: dict[str, Any]) -> dict[str, str]:
    """A metadata-only rule file for each text the directive implements (file name → TOML)."""
    from .header import slug

    head = draft["directive"]
    files: dict[str, str] = {}
    for number in head.get("implements", []) or []:
        ident = slug(str(number))
        files[f"{ident}.toml"] = "\n".join([
            f"# {number}: metadata only, written by `obligations extract --stubs` because",
            f"# {head.get('number', 'the draft')} implements it. Fill in the TODOs from the document itself.", "",
            "[directive]", f"id = {_value(ident)}", f"number = {_value(number)}", 'kind = "TODO"',
            'issuer = "TODO"', 'unit = "TODO"', 'title = "TODO"',
            f"note = {_value('Cited by ' + str(head.get('number', 'a draft')) + '; its text is not drafted here.')}",
            ""])
    return files
