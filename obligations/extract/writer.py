"""Writing a draft as a literate TOML rule file (or JSON), ready for a person to review."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


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
    return json.dumps({**draft, "event": declared_events(draft)}, ensure_ascii=False, indent=1, default=lambda v: v.isoformat()) + "\n"
