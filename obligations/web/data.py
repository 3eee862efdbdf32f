"""The one module of the web service that calls the library.

Everything the service shows comes through ``Service``: the same functions the command
line calls (``Workspace.due`` then ``to_dict``, ``explain``, ``year_as_json``,
``record_submission``...), so the API's JSON is the CLI's JSON by construction. The
workspace keeps caches that are not meant for concurrent mutation, and the durable
engine keeps a host per engine: every call into the library holds one lock. A call
takes milliseconds, so serialising them costs little and keeps answers exact.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from obligations.base.dates import parse_iso_date, today_in_vietnam
from obligations.base.errors import ErrorCode, InputError, Said
from obligations.base.lru import LRU
from obligations.base.version import SCHEMA_VERSION

if TYPE_CHECKING:
    from obligations.report.timeline import Timeline

JSON = dict[str, Any]
RESOLVED_KEPT = 64


class UnknownUnit(InputError):
    """A unit id the hierarchy does not know (code "unknown-unit": 404 on the web)."""

    default_code: ErrorCode = "unknown-unit"


# the forms parse_date accepts, as the schema's descriptions say them
DATE_FORMS = "YYYY-MM-DD or DD/MM/YYYY (D/M/YYYY too)"


def parse_date(text: str, what: str) -> dt.date:
    return parse_iso_date(text, what=what)


class Service:
    def __init__(self, workspace: Any, db: Path, engine: str | None = None, *,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        """``clock``: the instant now, timezone-aware (None: the wall clock, base.dates.utc_now);
        every "today" of the service is its date in Vietnam (tests give a fixed one)."""
        from obligations.status.engine import make_engine

        self.ws = workspace
        self.db = db
        self.engine = make_engine(engine)
        self.clock = clock
        self._lock = threading.RLock()
        # workspaces with a province's real units joined, by the unit asked for (resolve)
        self._resolved: LRU[str, tuple[Any, str]] = LRU(RESOLVED_KEPT)

    @classmethod
    def load(cls, db: Path, rules: str | Path | list[str | Path] | None = None, org: str | None = None,
             calendars: str | None = None, engine: str | None = None, cache_dir: Path | None = None, *,
             clock: Callable[[], dt.datetime] | None = None) -> "Service":
        """``rules``: one directory, or several (later ones add to earlier ones), as ``Workspace.load``.
        Every loaded document counts here; each answer narrows to what was known on its day."""
        from obligations.workspace import Workspace

        return cls(Workspace.load(rules, org, calendars, cache_dir=cache_dir), db, engine, clock=clock)

    def now(self) -> dt.datetime:
        """The instant now by the service's clock (timezone-aware)."""
        from obligations.base import dates

        return self.clock() if self.clock is not None else dates.utc_now()

    def today(self) -> dt.date:
        """Today in Vietnam by the service's clock: the day a request without a date asks about."""
        return today_in_vietnam(self.clock() if self.clock is not None else None)

    def _known(self, ws: Any, day: dt.date, calendar: bool = False) -> Any:
        """``ws`` (the loaded workspace or one ``resolve`` gave) as known on ``day``: the documents
        issued by then and, with ``calendar`` (an ``as_known_on`` asked for), the calendar decisions
        known by then (as the CLI's --as-known-on)."""
        return ws.known_on(day, calendar=calendar)

    # -- the log --------------------------------------------------------------------

    def _reader(self) -> Any:
        """As the CLI's ``due``: the log only when its file exists (reading creates nothing)."""
        return self._writer() if self.db.exists() else None

    def _writer(self) -> Any:
        from obligations.log.store import SubmissionLog

        return SubmissionLog(self.db)

    # -- units and who may act for them ----------------------------------------------

    def resolve(self, unit: str) -> tuple[Any, str]:
        """The workspace that knows ``unit`` and the unit's id: a unit of the loaded hierarchy,
        else a real unit of Vietnam (from 1/7/2025) by its id ("xa-02266") or its name ("Xã Lâm
        Bình", "Lâm Bình, Tuyên Quang"), as ``due --unit`` takes it (``Workspace.resolve_unit``).
        The workspace with a province's real units joined is kept (``RESOLVED_KEPT`` of them).
        Unknown: ``unknown-unit`` (404); several units of that name: ``ambiguous-unit`` (400)."""
        if unit in self.ws.hierarchy.units:
            return self.ws, unit
        with self._lock:
            found = self._resolved.get(unit)
            if found is None:
                try:
                    found = self._resolved[unit] = self.ws.resolve_unit(unit)
                except InputError as exc:
                    if exc.code != "unknown-unit":
                        raise
                    raise UnknownUnit(exc.said_message or Said("", "{message}", {"message": exc.message}), file=exc.file, fix=exc.said_fix,
                                      param=exc.param, data=exc.data) from None
            return found

    def check_unit(self, unit: str) -> None:
        """Refuse a unit that ``resolve`` does not find."""
        self.resolve(unit)

    def is_unit_id(self, unit: str) -> bool:
        """``unit`` is the id of a unit ``resolve`` finds (a tokens file names units by id)."""
        try:
            return self.resolve(unit)[1] == unit
        except InputError:
            return False

    def unit_name(self, unit: str) -> str:
        ws, unit = self.resolve(unit)
        return str(ws.hierarchy.name(unit))

    def units(self) -> list[str]:
        return sorted(self.ws.hierarchy.units)

    def may_act_for(self, acting: str, unit: str, on: dt.date) -> bool:
        """A token's unit acts for itself and for every unit below it on ``on``."""
        if acting == unit:
            return True
        try:
            ws, unit = self.resolve(unit)
        except InputError:
            return False
        with self._lock:
            return acting == unit or acting in ws.hierarchy.ancestors(unit, on)

    # -- reading ----------------------------------------------------------------------

    def due(self, unit: str, on: dt.date, horizon: int, lookback: int, lang: str,
            as_known_on: dt.date | None = None) -> JSON:
        """``as_known_on``: None means ``on``, as the CLI's --as-known-on."""
        ws, unit = self.resolve(unit)
        with self._lock:
            ws = self._known(ws, as_known_on or on, as_known_on is not None)
            report = ws.due(unit, on, horizon=horizon, lookback=lookback, engine=self.engine, log=self._reader())
            doc: JSON = report.to_dict(lang)
            return doc

    def page_due(self, unit: str, on: dt.date, horizon: int, lookback: int, lang: str) -> JSON:
        """The ``due`` document of the office page: as ``due``, each delivered item also with
        ``late_working_days`` as ``status`` counts it (report/deliveries.py), for "nộp muộn"."""
        from obligations.report.deliveries import classify

        ws, unit = self.resolve(unit)
        with self._lock:
            ws = ws.known_on(on)
            log = self._reader()
            report = ws.due(unit, on, horizon=horizon, lookback=lookback, engine=self.engine, log=log)
            doc: JSON = report.to_dict(lang)
            rows: list[JSON] = doc["items"]
            for row, item in zip(rows, report.items):
                if item.submission is not None:
                    row["late_working_days"] = classify(ws, item, on, log).late_working_days
            return doc

    def explain(self, unit: str, duty: str, period: str | None, on: dt.date, lang: str,
                as_known_on: dt.date | None = None) -> JSON:
        from obligations.report.explain import explain

        ws, unit = self.resolve(unit)
        with self._lock:
            ws = self._known(ws, as_known_on or on, as_known_on is not None)
            found = explain(ws, unit, duty, period, on, log=self._reader())
            doc: JSON = found.to_dict(lang)
            return doc

    def count(self, unit: str, start: dt.date, end: dt.date, on: dt.date, by: str, lang: str) -> JSON:
        """The four-way count under ``unit`` (``status --under --format json``, docs/schemas/count.json)."""
        ws, unit = self.resolve(unit)
        with self._lock:
            ws = ws.known_on(on)
            doc: JSON = ws.count_under(unit, start, end, on, by=by, log=self._reader()).to_dict(lang)
            return doc

    def changes(self, unit: str, from_known: dt.date, to_known: dt.date, start: dt.date | None,
                end: dt.date | None, lang: str, *, below: bool = True) -> JSON:
        """What became known between two days (``changes --format json``, docs/schemas/changes.json);
        ``below=False``: of ``unit`` alone (the office page's section)."""
        ws, unit = self.resolve(unit)
        with self._lock:
            report = ws.changes(unit, from_known, to_known, start=start, end=end, log=self._reader(),
                                below=below)
            doc: JSON = report.to_dict(lang)
            return doc

    def acknowledge(self, unit: str, from_known: dt.date, to_known: dt.date, by: str) -> JSON:
        """Acknowledge the changes of ``unit`` (and the units below it) between two days (log/acks.py)."""
        from obligations.log.acks import record_acks
        from obligations.report.changes import ack_key

        ws, unit = self.resolve(unit)
        with self._lock:
            report = ws.changes(unit, from_known, to_known)
            at = self.now().astimezone(dt.timezone.utc).isoformat(timespec="seconds")
            fresh = record_acks(self._writer(), [ack_key(c) for c in report.changes], by, at)
        return {"schema_version": SCHEMA_VERSION, "unit": unit, "from_known": from_known.isoformat(),
                "to_known": to_known.isoformat(), "by": by, "at": at, "acknowledged": len(fresh),
                "changes": [str(c.key) for c in report.changes]}

    def explain_text(self, doc: JSON, lang: str) -> str:
        from obligations.render.explain import explain_text

        return explain_text(doc, lang)

    def calendar(self, year: int, lang: str, unit: str | None = None) -> JSON:
        from obligations.calendar.working import VietnamCalendar
        from obligations.render.calendar import year_as_json

        with self._lock:
            if unit is not None:
                ws, unit = self.resolve(unit)
                cal = ws.calendar_for(unit)
            else:
                cal = VietnamCalendar(self.ws.calendar_data, scope=(), source=self.ws.calendars.holidays)
            cal.check_year(year)
            return dict(year_as_json(cal, year, lang))

    # -- writing ----------------------------------------------------------------------

    def submit(self, unit: str, duty: str, period: str, on: dt.date, ref: str | None,
               note: str | None, *, replace: bool = False, reason: str | None = None) -> JSON:
        """Record a delivery (as `submit`); a different second record raises AlreadyRecorded
        unless ``replace`` with a ``reason``."""
        ws, unit = self.resolve(unit)
        with self._lock:
            item = ws.record_submission(self._writer(), unit, duty, period, on, self.today(), ref=ref, note=note,
                                             replace=replace, reason=reason)
        return {"schema_version": SCHEMA_VERSION, "unit": item.unit, "duty": item.duty, "period": item.period,
                "delivered_on": item.delivered_on.isoformat(), "ref": item.ref, "note": item.note,
                "recorded_at": item.recorded_at, "reason": item.reason}

    def extend(self, unit: str, duty: str, period: str, until: dt.date, ref: str, note: str | None, *,
               replace: bool = False, reason: str | None = None) -> JSON:
        ws, unit = self.resolve(unit)
        with self._lock:
            item = ws.record_extension(self._writer(), unit, duty, period, until, ref, note=note,
                                            replace=replace, reason=reason)
        return {"schema_version": SCHEMA_VERSION, "unit": item.unit, "duty": item.duty, "period": item.period, "until": item.until.isoformat(),
                "ref": item.ref, "note": item.note, "recorded_at": item.recorded_at, "reason": item.reason}

    def record_event(self, unit: str, event: str, on: dt.date, ref: str | None, note: str | None, *,
                     replace: bool = False, reason: str | None = None) -> JSON:
        """A dated event of the unit (e.g. the day a plan was received), for duties counted from it.
        Checked as the CLI's ``event``: the event is declared, its year covered; a day ahead is
        allowed (a congress is announced before it opens); another date is a replacement."""
        ws, unit = self.resolve(unit)
        with self._lock:
            item = ws.record_event(self._writer(), unit, event, on, ref, note, replace=replace, reason=reason)
        return {"schema_version": SCHEMA_VERSION, "unit": item.unit, "event": item.event, "on": item.happened_on.isoformat(), "ref": item.ref,
                "note": item.note, "recorded_at": item.recorded_at, "reason": item.reason}

    def count_records(self, unit: str) -> int:
        """Submissions and extensions recorded for ``unit`` (for tests and the load bench)."""
        log = self._reader()
        return len(log.submissions(unit)) + len(log.extensions(unit)) if log else 0

    # -- the calendar feed ----------------------------------------------------------------

    def feed(self, unit: str, on: dt.date, lang: str, remind: int,
             as_known_on: dt.date | None = None) -> bytes:
        """The unit's occurrences from last January to next December as an iCalendar
        subscription (web/feed.py): each event stamped by the log records that changed it, and
        revised by what became known (report/revisions.py): a moved event keeps its UID with a
        higher SEQUENCE, a removed one is sent as CANCELLED while its deadline is in the range."""
        from obligations.render.export import record_changes, to_ics, uid
        from obligations.report.revisions import revisions
        from obligations.web import feed

        ws, unit = self.resolve(unit)
        with self._lock:
            log = self._reader()
            known, base = as_known_on or on, ws
            ws = self._known(base, known, as_known_on is not None)
            span = dt.date(on.year - 1, 1, 1), dt.date(on.year + 1, 12, 31)
            items = ws.items_between(unit, *span, on, engine=self.engine, log=log)
            revised = revisions(base, unit, *span, on, known, calendar=as_known_on is not None)
            changes = record_changes(log, items)
            for item in [*items, *revised.cancelled]:
                count = revised.counts.get(item.occurrence.key, 0)
                if count:
                    key = uid(item)
                    logged, at = changes.get(key, (0, ""))
                    changes[key] = (logged + count, at)
            # reminders already past by the service's clock are left out, as `export` does:
            # some calendar apps fire every past alarm when subscribing. The body (and its ETag)
            # changes when a reminder passes, at most once a day (reminders are at 08:00)
            return to_ics(ws, items, lang, remind, stamp=self.now(),
                          stamps=feed.stamps(changes), properties=feed.properties(f"{self.unit_name(unit)} ({unit})"),
                          cancelled=revised.cancelled)

    # -- the timeline picture ---------------------------------------------------------------

    def timeline(self, unit: str, span: tuple[dt.date, dt.date], today: dt.date, as_known_on: dt.date,
                 asked: str = "year", calendar: bool = False) -> Timeline:
        """Each duty of ``unit`` in ``span`` (first and last day drawn) with the chain of duties
        it feeds above it (obligations.report.timeline), with the unit's recorded events and
        deliveries; ``today`` is the day marked."""
        from obligations.report.timeline import timeline

        ws, unit = self.resolve(unit)
        with self._lock:
            log = self._reader()
            return timeline(self._known(ws, as_known_on, calendar), unit, span, today, log,
                            log.event_dates(unit) if log is not None else None, asked=asked)
