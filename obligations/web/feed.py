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

from obligations.base.dates import VIETNAM_TZ

REFRESH = "PT6H"


def subscription(ics: bytes, changes: dict[str, tuple[int, str]], name: str) -> bytes:
    import icalendar

    cal = icalendar.Calendar.from_ical(ics)
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", REFRESH)
    for event in cal.walk("VEVENT"):
        count, at = changes.get(str(event["UID"]), (0, ""))
        start = dt.date.fromisoformat(str(event["X-OBLIGATIONS-WINDOW-START"]))
        event.pop("DTSTAMP", None)
        if at:
            changed = dt.datetime.fromisoformat(at).astimezone(dt.timezone.utc)
            event.add("dtstamp", changed)
            event.add("last-modified", changed)
        else:
            event.add("dtstamp", dt.datetime(start.year, start.month, start.day, tzinfo=VIETNAM_TZ)
                      .astimezone(dt.timezone.utc))
        event.add("sequence", count)
    return bytes(cal.to_ical())


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
