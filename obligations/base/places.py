"""The places of a data file a refusal names, said in the reader's language.

A place was a table's name and its id in the file's own English ("duty 'x'", "day_off
2026-05-04"); said here, it reads "nhiệm vụ 'x'", "ngày nghỉ 04/05/2026" under --lang vi and as
before under --lang en (render/error_words.py says a ``Said`` place; a date as the language writes
it). The ids stay as the file writes them: they are what the clerk looks for in the file.
"""

from __future__ import annotations

import datetime as dt

from obligations.base.errors import Said, said


def at_line(line: int | str | None, place: Said) -> Said:
    """``place`` after its line, "12 (duty 'x')", as the locator writes a place with a line."""
    return Said("", "{line} ({place})", {"line": str(line), "place": place}) if line else place


def duty(duty_id: object) -> Said:
    return said("place:duty", "duty {id}", id=repr(duty_id))


def unit(unit_id: str) -> Said:
    return said("place:unit", "unit {id}", id=repr(unit_id))


def decision(decision_id: str) -> Said:
    return said("place:decision", "decision {id}", id=repr(decision_id))


def commemoration(item_id: str) -> Said:
    return said("place:commemoration", "commemoration {id}", id=repr(item_id))


def day_change(table: str, day: dt.date | str) -> Said:
    """A ``[[day_off]]`` or ``[[workday]]`` table by its date."""
    if table == "workday":
        return said("place:workday", "workday {day}", day=day)
    return said("place:day-off", "day_off {day}", day=day)


def event(event_id: str) -> Said:
    return said("place:event", "event {id}", id=repr(event_id))


def table(key: str, item_id: str | None, number: int) -> Said:
    """A ``[[key]]`` table by its id ("duty 'x'"), else by its number in the file ("day_off #2")."""
    if item_id is None:
        return numbered(key, number)
    named = {"duty": duty, "unit": unit, "decision": decision, "commemoration": commemoration, "event": event}
    if key in named:
        return named[key](item_id)
    return said("place:table-id", "{table} {id}", table=key, id=repr(item_id))


def numbered(table: str, number: int) -> Said:
    """The ``number``-th table named ``table`` in the file (counted from 1): "lead_time #2"."""
    return said("place:numbered", "{table} #{number}", table=table, number=number)


def change(kind: str, target: str) -> Said:
    """A change table (amend, replace, revoke, reinstate, postpone) by what it changes."""
    words = {"amend": said("place:amend", "amend of {target}", target=repr(target)),
             "replace": said("place:replace", "replace of {target}", target=repr(target)),
             "revoke": said("place:revoke", "revoke of {target}", target=repr(target)),
             "reinstate": said("place:reinstate", "reinstate of {target}", target=repr(target)),
             "postpone": said("place:postpone", "postpone of {target}", target=repr(target))}
    return words.get(kind) or said("place:change", "{kind} of {target}", kind=kind, target=repr(target))
