"""The fixed vocabulary every layer shares: levels, kinds, statuses, roll policies, bounds."""

from __future__ import annotations

import datetime as dt
from typing import Final

LEVELS: Final = ("central", "province", "district", "commune", "cell")
DUTY_KINDS: Final = ("report", "plan", "activity", "review", "publication")
# conflict: no day satisfies every level's constraints; past: an activity (agenda item)
# whose time has gone by without being tracked as a deliverable.
STATUSES: Final = ("upcoming", "window_open", "due_soon", "overdue", "done", "conflict", "past")
ROLL_POLICIES: Final = ("previous", "next", "none")

# Open ends of validity spans and parent links: far enough for any directive in force.
FAR_PAST: Final = dt.date(1900, 1, 1)
FAR_FUTURE: Final = dt.date(2100, 12, 31)

# Bounds of the numbers a user gives (the command line, the web API); beyond them the
# calendar data cannot answer.
HORIZON_MAX: Final = 3660        # days: ten years (horizon, lookback)
WORKING_DAYS_MAX: Final = 250    # working days: about a year (remind, due-soon)
TIMELINE_MONTHS_MAX: Final = 24  # months before or after today's in the timeline (a picture, not an archive)
