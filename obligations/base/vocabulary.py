"""The fixed vocabulary every layer shares: levels, kinds, statuses, roll policies, bounds."""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

# The closed vocabularies as types (a type checker catches ``status == "overdu"``) and as
# tuples (for loops, messages and checks at run time); tests/test_vocabulary.py keeps each
# tuple equal to its type's values.

Level = Literal["central", "province", "district", "commune", "cell"]
"""A unit's level in the hierarchy, from the top."""
Kind = Literal["report", "plan", "activity", "review", "publication"]
"""What a duty asks for: a report, a plan, an activity (session, peak, bulletin), a review, a publication."""
Status = Literal["upcoming", "window_open", "due_soon", "overdue", "done", "conflict", "past"]
"""An item's status on the day asked about: ``upcoming`` (its window has not opened),
``window_open``, ``due_soon`` (within the duty's due-soon working days), ``overdue``,
``done`` (a delivery is recorded), ``conflict`` (no day satisfies every level's
constraints), ``past`` (an activity, an agenda item, whose time has gone by without being
tracked as a deliverable)."""
RollPolicy = Literal["previous", "next", "none"]
"""Where a deadline on a day off moves: the working day before, the one after, or not at all."""
DeliveryResult = Literal["on_time", "late", "missing", "open"]
"""A delivery judged against its deadline (``Workspace.status``): delivered on time, late,
missing (its deadline passed, nothing recorded) or still open."""

LEVELS: Final[tuple[Level, ...]] = ("central", "province", "district", "commune", "cell")
DUTY_KINDS: Final[tuple[Kind, ...]] = ("report", "plan", "activity", "review", "publication")
STATUSES: Final[tuple[Status, ...]] = ("upcoming", "window_open", "due_soon", "overdue", "done", "conflict", "past")
ROLL_POLICIES: Final[tuple[RollPolicy, ...]] = ("previous", "next", "none")
DELIVERY_RESULTS: Final[tuple[DeliveryResult, ...]] = ("on_time", "late", "missing", "open")

# Open ends of validity spans and parent links: far enough for any directive in force.
FAR_PAST: Final = dt.date(1900, 1, 1)
FAR_FUTURE: Final = dt.date(2100, 12, 31)

# Bounds of the numbers a user gives (the command line, the web API); beyond them the
# calendar data cannot answer.
HORIZON_MAX: Final = 3660        # days: ten years (horizon, lookback)
WORKING_DAYS_MAX: Final = 250    # working days: about a year (remind, due-soon)
TIMELINE_MONTHS_MAX: Final = 24  # months before or after today's in the timeline (a picture, not an archive)
