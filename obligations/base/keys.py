"""Typed identities: an occurrence is named by its unit, its duty and its period."""

from __future__ import annotations

from typing import NamedTuple


class OccurrenceKey(NamedTuple):
    """One occurrence of a duty for a unit: ``xa-X``, ``76-KH-DU/chi-bo-so-ket``, ``2025-05``.

    ``str()`` gives the stable textual id ``unit|duty|period`` used in JSON, iCalendar
    UIDs and the submissions log; code never splits it back apart.

    A named tuple, not an attrs class like the rest of the model: a national run builds a
    million keys and hashes and compares them four million times as dictionary keys, which
    a tuple does in C (an attrs class runs Python for each). Immutable and ordered by its
    fields all the same."""

    unit: str
    duty: str
    period: str

    def __str__(self) -> str:
        return f"{self.unit}|{self.duty}|{self.period}"

    def for_unit(self, unit: str) -> OccurrenceKey:
        return OccurrenceKey(unit, self.duty, self.period)
