"""Typed identities: an occurrence is named by its unit, its duty and its period."""

from __future__ import annotations

import attrs

from obligations.base.records import record


@record
@attrs.frozen(order=True, repr=False)
class OccurrenceKey:
    """One occurrence of a duty for a unit: ``xa-X``, ``76-KH-DU/chi-bo-so-ket``, ``2025-05``.

    ``str()`` gives the stable textual id ``unit|duty|period`` used in JSON, iCalendar
    UIDs and the submissions log; code never splits it back apart."""

    unit: str
    duty: str
    period: str

    def __str__(self) -> str:
        return f"{self.unit}|{self.duty}|{self.period}"

    def for_unit(self, unit: str) -> OccurrenceKey:
        return OccurrenceKey(unit, self.duty, self.period)
