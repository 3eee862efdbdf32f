"""What the grammar understood in one clause: a schedule in the spec form, or a TODO.

A schedule is one flat table of the schedule language (docs/rules.md, ``every = ...``);
``None`` means the phrase was seen but not fully understood: the draft writes
``schedule = "TODO"`` with the phrase and the reason, never an approximate date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Union

import attrs

from obligations.base.records import record

Value = Union[str, int, bool, dt.date, list[int], list[str]]
Table = Mapping[str, Value]


@record
@attrs.frozen(repr=False)
class Found:
    """One deadline understood (or not) in a clause, with the words that decided it."""

    schedule: Table | None              # None: TODO, a person must write it
    phrase: str                         # the words that decided the schedule, verbatim
    reason: str                         # why, in plain English
    start: int = 0                      # span of the phrase in the clause
    end: int = 0
    confidence: float = 0.9
    period_words: str = ""              # the words that named the period ("báo cáo 6 tháng")
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    inferred_from: bool = False         # valid_from is the start of a year named, not a date given
    inferred_start: bool = False        # a once-window's start is 1/1 of a year named, not a date given
    last_allowed: dt.date | None = None
    event_date: dt.date | None = None   # the day an ``every = "event"`` schedule counts from
    flags: tuple[str, ...] = ()
    todo: tuple[str, ...] = ()
    weak: bool = False                  # "trong năm 2026": a deadline only if the clause has no other
    assumed: tuple[str, ...] = ()       # what the draft takes that no text gives: written as `assumed`
    assumed_en: tuple[str, ...] = ()    # the same in English: written as `assumed_en`


def todo(phrase: str, reason: str, start: int = 0, end: int = 0, *, flag: bool = False) -> Found:
    """A phrase seen but not understood: a person writes the schedule."""
    return Found(None, phrase, reason, start, end, confidence=0.2 if flag else 0.3,
                 flags=(f"{reason}: {phrase}",) if flag else (), todo=("schedule",))


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def spec(table: Table) -> str:
    """A table as the rule file writes it: ``{ every = "year", month = 12, inclusive = false }``."""
    def value(v: Value) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return f'"{v}"'
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return v.isoformat() if isinstance(v, dt.date) else str(v)
    return "{ " + ", ".join(f"{k} = {value(v)}" for k, v in table.items()) + " }"
