"""An occurrence: one instance of a duty for one unit and period, placed on the calendar."""

from __future__ import annotations

import datetime as dt

import attrs

from obligations.base.keys import OccurrenceKey
from obligations.base.records import record
from obligations.calendar.working import Roll
from obligations.org.routing import RoutingNote
from obligations.rules.model import Duty
from obligations.rules.schedules.base import Anchor

__all__ = ["Anchor", "Assumption", "Occurrence", "Placement"]


@record
@attrs.frozen(repr=False)
class Assumption:
    """Something an occurrence depends on that no document gives, as the data marks it.

    ``kind``: "placement" (a unit or a parent link in the hierarchy), "secondary_source"
    (the directive is known only from, e.g., a news article) or "rule" (the rule file
    assumes what the text does not say)."""

    kind: str
    subject: str
    why: str                   # in Vietnamese (the data's first language)
    where: str
    why_en: str | None = None  # in English, when the data gives it


@record
@attrs.frozen(repr=False)
class Occurrence:
    """One duty for one unit in one period (``period``: "2025", "2025-11", …), placed on the unit's
    working calendar: ``window_start``, ``last_allowed`` (the day the text gives) and
    ``deadline`` (that day rolled off a day off, the unit's own deadline before reconciliation;
    ``Item.deadline`` is the effective one). ``duty.source`` is the sentence it comes from."""

    duty: Duty
    unit: str
    period: str
    window_start: dt.date
    last_allowed: dt.date
    roll: Roll
    issuer_unit: str
    recipient_unit: str | None
    routing: tuple[RoutingNote, ...] = ()
    anchor: Anchor | None = None
    time: str | None = None       # "HH:MM" on the deadline day ("trước 16 giờ ngày ...")
    covers: tuple[dt.date, dt.date] | None = None   # the data span (Decree 09/2019/NĐ-CP Art. 12)
    assumptions: tuple[Assumption, ...] = ()
    counted: tuple[dt.date, dt.date] | None = None   # the days a count of working days passed over (Window)
    # built once: a national run asks each occurrence for its key several times
    _key: OccurrenceKey = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_key", OccurrenceKey(self.unit, self.duty.id, self.period))

    @property
    def deadline(self) -> dt.date:
        return self.roll.result

    @property
    def key(self) -> OccurrenceKey:
        return self._key


@record
@attrs.frozen(repr=False)
class Placement:
    """A problem placing one occurrence on the calendar: reported, never dropped."""

    unit: str
    duty: str
    period: str
    reason: str            # "no_working_day"
    window_start: dt.date
    last_allowed: dt.date
    location: str
