"""Lead times: the working days a unit needs between its subordinates' reports and its own.

Nothing sets a lead time but data that states it, with its basis: the sentence or decision
that sets it, or "quy định nội bộ" for an office's own practice (``internal = true``: a
target shown beside the deadline, never instead of it). Without such data the lead time
is 0: a report is due no later than the report it feeds.

    [[lead_time]]
    level = "commune"          # or unit = "xa-C"
    days = 3
    basis = "Công văn số .../VP: các chi bộ gửi báo cáo trước 3 ngày làm việc"
    internal = false           # true: the office's own practice
    from = 2025-01-01          # optional validity
    until = 2025-12-31
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs

from obligations.base import places
from obligations.base.errors import DataFileError, said, said_n
from obligations.base.records import record
from obligations.base.toml import Locator
from obligations.base.vocabulary import FAR_FUTURE, FAR_PAST, LEVELS

# A working year at most; more is a typing mistake, caught here rather than as a calendar problem.
LEAD_DAYS_MAX = 250



@record
@attrs.frozen(repr=False)
class LeadTimeRule:
    """One stated lead time, for a unit or for every unit of a level, over a span of dates."""

    days: int
    basis: str
    internal: bool
    unit: str | None
    level: str | None
    start: dt.date
    end: dt.date
    location: str             # file:line

    def applies(self, unit_id: str, level: str, day: dt.date) -> bool:
        return (self.unit == unit_id or (self.unit is None and self.level == level)) and \
            self.start <= day <= self.end


@record
@attrs.frozen(repr=False)
class LeadTime:
    """The lead time that applies to one unit on one day, and where it is set."""

    days: int
    setting: str              # "unit" | "level" | "none" (no data: 0)
    level: str | None
    file: str                 # file:line of the rule, or the hierarchy file
    basis: str = ""
    internal: bool = False


def parse(items: Sequence[dict[str, Any]], loc: Locator, file_name: str) -> tuple[list[LeadTimeRule],
                                                                                   list[DataFileError]]:
    """``[[lead_time]]`` tables (already checked against org.hierarchy_schema)."""
    rules: list[LeadTimeRule] = []
    problems: list[DataFileError] = []
    for index, item in enumerate(items):
        line = loc.table_line("lead_time", index)
        place = places.numbered("lead_time", index + 1)
        if "unit" not in item and "level" not in item:
            problems.append(loc.error(said("lead:no-unit", "a lead time names no unit and no level"), line=line,
                                      place=place, fix=said("lead:no-unit-fix", 'add unit = "<id>" or level = "<level>"')))
            continue
        start, end = item.get("from", FAR_PAST), item.get("until", FAR_FUTURE)
        if end < start:
            problems.append(loc.error(said("lead:ends-before", "until: the lead time ends ({end}) before it starts "
                                           "({start})", end=end, start=start), line=line,
                                      place=place, fix=said("org:swap", "swap from and until")))
        rule = LeadTimeRule(item["days"], item["basis"].strip(), bool(item.get("internal", False)),
                            item.get("unit"), item.get("level"), start, end, f"{file_name}:{line}")
        for other in rules:   # two stated lead times for one unit or level on one day: which one?
            if (other.unit, other.level, other.internal) == (rule.unit, rule.level, rule.internal) and \
                    other.start <= rule.end and rule.start <= other.end:
                whom = (said("lead:for-unit", "{unit}", unit=rule.unit) if rule.unit else
                        said("lead:for-level", "level {level}", level=repr(rule.level)))
                days = (said_n("lead:days", "{n} working day", "{n} working days", n=other.days),
                        said_n("lead:days", "{n} working day", "{n} working days", n=rule.days))
                problems.append(loc.error(
                    said("lead:overlap-internal", "lead_time: a second internal lead time for {whom} overlaps the one "
                         "at {at} ({first} and {second})", whom=whom, at=other.location, first=days[0], second=days[1])
                    if rule.internal else
                    said("lead:overlap", "lead_time: a second lead time for {whom} overlaps the one at {at} ({first} "
                         "and {second})", whom=whom, at=other.location, first=days[0], second=days[1]),
                    line=line, place=place,
                    fix=said("lead:overlap-fix", "keep one, or give each its own from/until so that they do not overlap")))
        rules.append(rule)
    return rules, problems


def lead_time(rules: Sequence[LeadTimeRule], unit_id: str, level: str, day: dt.date, *, internal: bool,
              file_name: str) -> LeadTime | None:
    """The official (or internal) lead time of ``unit_id`` on ``day``: its own rule before its
    level's. None for an internal one that no data states; an official one is then 0."""
    found = [r for r in rules if r.internal == internal and r.applies(unit_id, level, day)]
    found.sort(key=lambda r: r.unit is None)          # the unit's own rule first
    if not found:
        return None if internal else LeadTime(0, "none", None, file_name)
    rule = found[0]
    return LeadTime(rule.days, "unit" if rule.unit else "level", rule.level, rule.location, rule.basis,
                    rule.internal)
