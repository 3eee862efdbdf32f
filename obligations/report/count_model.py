"""The parts of the four-way count (report/count.py) that its writer (render/count.py) reads: the
tallies, the occurrences behind them and the groups, apart from the count itself so that the
writer does not import the module that imports it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Literal, overload

import attrs

from obligations.base.records import record
from obligations.report.deliveries import Delivery

Category = Literal["on_time", "late", "within", "overdue"]
CATEGORIES: tuple[Category, ...] = ("on_time", "late", "within", "overdue")
GroupBy = Literal["unit", "directive", "duty"]
GROUP_BY: tuple[GroupBy, ...] = ("unit", "directive", "duty")
# status's word for a delivery -> the count's category
CATEGORY_OF: dict[str, Category] = {"on_time": "on_time", "late": "late", "open": "within", "missing": "overdue"}


@record
@attrs.frozen(repr=False)
class Tally:
    """The four counts, the working days late summed over the late ones, and the conflicts
    (counted apart: not in ``total``)."""

    on_time: int = 0
    late: int = 0
    within: int = 0
    overdue: int = 0
    late_working_days: int = 0
    conflicts: int = 0

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.within + self.overdue

    def get(self, category: Category) -> int:
        value: int = getattr(self, category)
        return value

    def percent(self, category: Category) -> float | None:
        """The category's share of the four, in percent with one decimal (None: nothing counted)."""
        return round(100 * self.get(category) / self.total, 1) if self.total else None

    def __add__(self, other: Tally) -> Tally:
        # field by field: attrs.astuple costs ten times more, and a national count adds 200,000 tallies
        return Tally(self.on_time + other.on_time, self.late + other.late, self.within + other.within,
                     self.overdue + other.overdue, self.late_working_days + other.late_working_days,
                     self.conflicts + other.conflicts)

    @classmethod
    def of(cls, counted: Iterable[Counted]) -> Tally:
        found = {c: 0 for c in CATEGORIES}
        days = conflicts = 0
        for c in counted:
            if c.category is None:
                conflicts += 1
            else:
                found[c.category] += 1
                days += c.delivery.late_working_days if c.category == "late" else 0
        return cls(found["on_time"], found["late"], found["within"], found["overdue"], days, conflicts)


@record
@attrs.frozen(repr=False)
class Counted:
    """One occurrence behind a count: the delivery as ``status`` judges it and its category
    (None: its deadline is in conflict, counted apart)."""

    delivery: Delivery
    category: Category | None

    @property
    def unit(self) -> str:
        return self.delivery.item.occurrence.unit


class Drill(Sequence[Counted]):
    """The occurrences behind one unit's count, made into objects when first read (a national
    count has millions: report/count_bulk.py); equal to the tuple of them."""

    __slots__ = ("_make", "_found")

    def __init__(self, make: Callable[[], tuple[Counted, ...]]) -> None:
        self._make: Callable[[], tuple[Counted, ...]] | None = make
        self._found: tuple[Counted, ...] | None = None

    @classmethod
    def of(cls, found: tuple[Counted, ...]) -> Drill:
        drill = cls(lambda: found)
        drill._found, drill._make = found, None
        return drill

    def _all(self) -> tuple[Counted, ...]:
        if self._found is None:
            assert self._make is not None
            self._found, self._make = self._make(), None
        return self._found

    @overload
    def __getitem__(self, index: int) -> Counted: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Counted, ...]: ...
    def __getitem__(self, index: int | slice) -> Counted | tuple[Counted, ...]:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[Counted]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Drill, tuple)):
            return self._all() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())


@record
@attrs.frozen(repr=False)
class CountGroup:
    """One row of the count: a unit (its own occurrences; ``under``: with every unit below it),
    a directive or a duty (over the whole subtree). ``key``: the unit id, the directive id or
    the duty id; ``name``: the unit's name, the directive's number or the duty's id."""

    key: str
    name: str
    tally: Tally
    occurrences: Sequence[Counted]      # a tuple, or a Drill (made when read)
    under: Tally | None = None        # by unit only
    parent: str | None = None         # by unit only: the unit above, within the count
