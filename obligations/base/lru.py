"""A bounded memo table that forgets the least recently used entry first.

The caches whose keys come from requests (a set of extensions, a day asked about, a pair
of days counted between) grow with every new question in a long-running service; their
size is stated here, so that memory is bounded whatever is asked. The caches keyed by the
data alone (units, duties, years of the calendar data) are bounded by the data and stay
plain dicts.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, MutableMapping
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class LRU(MutableMapping[K, V]):
    """At most ``limit`` entries; reading or writing one makes it the most recent."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("an LRU table keeps at least one entry")
        self.limit = limit
        self._items: OrderedDict[K, V] = OrderedDict()

    def __getitem__(self, key: K) -> V:
        value = self._items[key]
        self._items.move_to_end(key)
        return value

    def get(self, key: K, default: V | None = None) -> V | None:   # type: ignore[override]
        # the hot path of every cache: one look-up, no exception
        try:
            value = self._items[key]
        except KeyError:
            return default
        self._items.move_to_end(key)
        return value

    def __setitem__(self, key: K, value: V) -> None:
        items = self._items
        items[key] = value
        items.move_to_end(key)
        if len(items) > self.limit:
            items.popitem(last=False)

    def __delitem__(self, key: K) -> None:
        del self._items[key]

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)
