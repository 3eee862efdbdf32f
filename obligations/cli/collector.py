"""The cycle collector's setting for one long command (`due --under`), set at the edge.

A national run keeps a million objects alive (the loaded rules and hierarchy, the
results of the units above, the log's keys) and builds millions more that die young.
Almost none form cycles (refcounting frees them; durable-rules leaves a few per call,
which the young passes collect), but with Python's default thresholds (700, 10, 10) the
collector runs its full pass six times over the growing heap: 1.2 s of a 9 s run, timed with ``gc.callbacks`` on the bench's
national case with a log at 100 %. With a first threshold of 100,000 the same run made
ten young passes and no full one (7.9 s, the same peak memory); the bench gives 8.8 s
with Python's thresholds against 7.7 s with these (docs/performance.md).

This changes a process-wide setting, so the library never does it: the command line
does, for the length of the command, and restores it.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["fewer_collections"]

YOUNG_THRESHOLD = 100_000


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
