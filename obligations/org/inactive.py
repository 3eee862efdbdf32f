"""The refusal of a question about a unit on a day it did not exist: when it ended and which unit
succeeded it (or stands for it then), or when it began and which units it took over; said in the
reader's language at the edge (the values as data, obligations.base.errors.said)."""

from __future__ import annotations

import datetime as dt

from obligations.base.errors import Said, UnitNotActive, said


def not_active(unit_id: str, name: str, start: dt.date, end: dt.date, day: dt.date, *, year: bool, asked: str,
               file: str | None, successor: tuple[str, str] | None, standing: tuple[str, str] | None,
               before: list[str]) -> UnitNotActive:
    """``successor``, ``standing``: (id, name) of the unit that succeeded it and of the one that
    stands for it on ``day`` (when another); ``before``: the units it took over; ``year``: the day
    was given as a year; ``asked``: the parameter that gave it (the error's ``param``)."""
    when: str | dt.date = str(day.year) if year else day

    def option(last: dt.date) -> str:
        return str(last.year) if year else last.isoformat()

    message: Said
    fix: Said
    if day > end:
        heir = (standing or successor or (None, ""))[0]
        said_successor: Said | str = ""
        if successor is not None:
            stands: Said | str = ""
            if standing is not None and standing[0] != successor[0]:
                stands = said("unit:stands", ", and {standing} ({name}) stands for it in {when}",
                              standing=standing[0], name=standing[1], when=when)
            said_successor = said("unit:successor", ": its successor is {successor} ({name}){stands}",
                                  successor=successor[0], name=successor[1], stands=stands)
        message = said("unit:ended", "{unit} ({name}) ended on {end}, before {when}{successor}",
                       unit=unit_id, name=name, end=end, when=when, successor=said_successor)
        last = option(end)
        fix = (said("unit:ask-heir", "ask for {heir}, or for a day up to {end}", heir=heir, end=end)
               if heir else said("unit:ask-up-to", "ask for a day up to {end}", end=end))
    else:
        message = said("unit:not-begun", "{unit} ({name}) exists from {start}, after {when}",
                       unit=unit_id, name=name, start=start, when=when)
        last = option(start)
        took: Said | str = said("unit:took-over", ", or for the unit(s) it took over: {units}",
                                units=", ".join(before)) if before else ""
        fix = said("unit:ask-from", "ask for a day from {start}{took}", start=start, took=took)
    return UnitNotActive(message, file=file, fix=fix, param=asked, data={"unit": unit_id, "last": last})
