"""The decisions behind calendar facts: which law, decision or notice made a day off or a
working day, who issued it and when, so that a question "as known on D" applies only the
decisions known by D (docs/calendar.md, "Decisions and the day they are known").

A decision is a ``[[decision]]`` table of any file of the calendar directory (the bundled
ones are in ``calendars/decisions.toml``). It accounts for facts in two ways: a day of
``days.toml`` or ``local/*.toml`` names it (``decision = "id"``), or it claims facts of the
``holidays`` package: ``days`` (the dates of a yearly swap or Tết arrangement) or ``holidays``
(every fact of the years ``from``-``to``, or only those whose Vietnamese name starts with
one of ``names``: the Labour Code in force in those years and the observed days of its rule).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import attrs

from obligations.base import places
from obligations.base.errors import DataFileError, said
from obligations.base.records import record
from obligations.base.toml import Locator

DecisionKind = Literal["law", "resolution", "decree", "decision", "notice", "dispatch", "directive"]
DECISION_KINDS: tuple[DecisionKind, ...] = ("law", "resolution", "decree", "decision", "notice", "dispatch",
                                            "directive")


@record
@attrs.frozen(repr=False)
class HolidayClaim:
    """The facts of the ``holidays`` package a decision accounts for: those of the years
    ``first_year``-``last_year`` (only those whose name starts with one of ``names``, if any)."""

    first_year: int
    last_year: int
    names: tuple[str, ...] = ()

    def covers(self, day: dt.date, name_vi: str) -> bool:
        return (self.first_year <= day.year <= self.last_year
                and (not self.names or any(name_vi.startswith(n) for n in self.names)))


@record
@attrs.frozen(repr=False)
class Decision:
    """A law, decision, notice or letter that made calendar facts.

    ``issued_on`` is None when the day of issue is not known: the data then states the day
    from which the decision is taken as known (``known_from``) and why (``assumption``);
    answers that depend on it say it is an assumption."""

    id: str
    number: str                       # "" when the number was not found
    issuer: str
    kind: DecisionKind
    issued_on: dt.date | None
    known_from: dt.date
    title_vi: str
    title_en: str
    source: str                       # the citation or address the data gives
    where: str = ""                   # file:line of the [[decision]] table
    assumption: str = ""              # why known_from is assumed (issued_on is None)
    days: tuple[dt.date, ...] = ()    # dates of the holidays package it made
    holidays: HolidayClaim | None = None

    @property
    def assumed(self) -> bool:
        """The day it is known from is an assumption (the day of issue is not known)."""
        return self.issued_on is None

    def known_by(self, day: dt.date) -> bool:
        return self.known_from <= day


def parse_decisions(doc: dict[str, Any], loc: Locator, source: str,
                    problems: list[DataFileError]) -> list[Decision]:
    """The ``[[decision]]`` tables of one checked file."""
    found = []
    for index, item in enumerate(doc.get("decision", [])):
        line = loc.table_line("decision", index)
        where = f"{source}:{line}" if line else source
        issued = item.get("issued")
        assumed = item.get("assumed_known_from")
        place = places.decision(item["id"])
        if issued is None and not item.get("assumption"):
            problems.append(loc.error(said("decision:no-assumption", "assumption: a decision whose day of issue is not "
                                           "known must say why it is taken as known from assumed_known_from"),
                                      line=line, place=place,
                                      fix=said("decision:no-assumption-fix", 'add assumption = "…" (e.g. "issued before '
                                               'the first day it changes; taken as known a month before")')))
        claim = item.get("holidays")
        holidays = None
        if claim is not None:
            holidays = HolidayClaim(claim["from"], claim["to"], tuple(claim.get("names", ())))
            if claim["from"] > claim["to"]:
                problems.append(loc.error(said("decision:not-range", "holidays: {first}-{last} is not a range",
                                               first=claim["from"], last=claim["to"]), line=line,
                                          place=place, fix=said("decision:not-range-fix", "from comes before to")))
        known_from = issued if issued is not None else assumed
        found.append(Decision(
            id=item["id"], number=item.get("number", ""), issuer=item["issuer"], kind=item["kind"], issued_on=issued,
            known_from=known_from, title_vi=item["title_vi"], title_en=item["title_en"], source=item["source"],
            where=where, assumption=item.get("assumption", "") if issued is None else "",
            days=tuple(item.get("days", ())), holidays=holidays))
    return found


class PackageDecisions:
    """Which decision made a fact of the ``holidays`` package: a decision naming the date
    first, then one claiming the name in that year, then one claiming the whole year."""

    def __init__(self, decisions: tuple[Decision, ...]) -> None:
        self._by_day: dict[dt.date, Decision] = {d: x for x in decisions for d in x.days}
        self._named = [x for x in decisions if x.holidays is not None and x.holidays.names]
        self._whole = [x for x in decisions if x.holidays is not None and not x.holidays.names]

    def of_makeup(self, day: dt.date) -> Decision | None:
        """A make-up working day is made only by a decision naming it (a swap)."""
        return self._by_day.get(day)

    def of(self, day: dt.date, name_vi: str) -> Decision | None:
        found = self._by_day.get(day)
        if found is not None:
            return found
        for group in (self._named, self._whole):
            for decision in group:
                assert decision.holidays is not None
                if decision.holidays.covers(day, name_vi):
                    return decision
        return None
