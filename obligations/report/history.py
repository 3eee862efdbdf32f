"""The versions of one occurrence's duty: which document changed what, and when (for `explain`)."""

from __future__ import annotations

import datetime as dt

import attrs

from obligations.base.records import record
from obligations.occurrences.model import Occurrence
from obligations.rules.model import Change
from obligations.rules.versions import Version
from obligations.report.facade import Facade as Workspace   # the protocol: these reports sit below the class


@record
@attrs.frozen(repr=False)
class History:
    """The dated versions of an occurrence's duty (``Workspace.history``): ``versions`` oldest first,
    ``in_force`` the index of the one this occurrence follows, a ``postponed`` change of this
    very occurrence, and the changes issued after ``known_on`` that do not count yet."""

    known_on: dt.date | None              # documents issued after this day do not count (None: all do)
    versions: tuple[Version, ...]         # oldest first; the first is the duty as written
    in_force: int                         # the index of the version this occurrence follows
    postponed: Change | None              # a postponement of this very occurrence
    unknown: tuple[Change, ...]           # changes of the duty in documents issued after ``known_on``


def history(ws: Workspace, occ: Occurrence) -> History | None:
    """None when no loaded document changes the duty (the usual case)."""
    lifecycle = ws.occurrence_source.lifecycle
    base = ws.rules.duty(occ.duty.id)
    later = tuple(c for d in ws.all_rules.directives if d.issued is not None and ws.as_known_on is not None
                  and d.issued > ws.as_known_on for c in d.changes
                  if c.target in (occ.duty.id, occ.duty.directive))
    postponed = lifecycle.postponed.get((occ.duty.id, occ.period))
    if not lifecycle.changed(occ.duty.id) and postponed is None and not later:
        return None
    versions = lifecycle.of(base)
    unit_duty = ws.occurrence_source.duty_for_unit
    matching = [i for i, v in enumerate(versions)
                if v.duty is not None and unit_duty(v.duty, occ.unit) == occ.duty
                and (v.effective is None or v.effective <= max(occ.last_allowed, occ.deadline))]
    return History(ws.as_known_on, versions, matching[-1] if matching else 0, postponed, later)
