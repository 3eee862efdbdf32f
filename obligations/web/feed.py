"""The unit's calendar as a subscription (webcal): what a phone's calendar polls.

The events are those of ``to_ics`` (the ``export`` command's), so the UID of an
occurrence is the same in a one-off file and in the feed. A feed adds what a
subscription needs:

- SEQUENCE counts the records of the submissions log that changed the event (a
  delivery, an extension), and LAST-MODIFIED is the time of the latest of them: both
  follow from the log, so every server process gives the same answer and a GET writes
  nothing. DTSTAMP is LAST-MODIFIED, or the start of the window for an event nothing
  has changed yet.
- ETag is a hash of the body; a client that sends it back in If-None-Match gets 304.
- REFRESH-INTERVAL and X-PUBLISHED-TTL ask clients to poll every few hours.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from obligations.base.dates import VIETNAM_TZ
from obligations.status.assess import Item

REFRESH = "PT6H"


def properties(name: str) -> list[tuple[str, Any, dict[str, str]]]:
    """The calendar's name and how often to poll it."""
    return [("x-wr-calname", name, {}),
            ("refresh-interval", dt.timedelta(hours=6), {"VALUE": "DURATION"}),
            ("x-published-ttl", REFRESH, {})]


def stamps(changes: dict[str, tuple[int, str]]) -> Callable[[str, Item], tuple[dt.datetime, dt.datetime | None, int]]:
    """Each event's DTSTAMP, LAST-MODIFIED and SEQUENCE from the log records that changed it
    (``changes``: UID -> their number and the latest time they were recorded)."""
    def of(key: str, item: Item) -> tuple[dt.datetime, dt.datetime | None, int]:
        count, at = changes.get(key, (0, ""))
        if at:
            changed = dt.datetime.fromisoformat(at).astimezone(dt.timezone.utc)
            return changed, changed, count
        start = item.window_start
        return dt.datetime(start.year, start.month, start.day, tzinfo=VIETNAM_TZ).astimezone(dt.timezone.utc), None, count
    return of


def etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def not_modified(if_none_match: str | None, tag: str) -> bool:
    """RFC 9110: a weak comparison against each tag of If-None-Match, or ``*``."""
    if not if_none_match:
        return False
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == tag:
            return True
    return False
