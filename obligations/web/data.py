"""The one module of the web service that calls the library.

Everything the service shows comes through ``Service``: the same functions the command
line calls (``Workspace.due`` then ``due_json``, ``explain``, ``year_as_json``,
``record_submission``...), so the API's JSON is the CLI's JSON by construction. The
workspace keeps caches that are not meant for concurrent mutation, and the durable
engine keeps a host per engine: every call into the library holds one lock. A call
takes milliseconds, so serialising them costs little and keeps answers exact.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

from obligations.base.dates import parse_iso_date, today_in_vietnam
from obligations.base.errors import InputError
from obligations.reconcile.solve import SameReportOrigin
from obligations.render.messages import constraint_source, move_reason, origin_source, pick
from obligations.render.timeline_svg import Arrow, Bar, Chain, DayOff, Row, Timeline

JSON = dict[str, Any]


class UnknownUnit(InputError):
    """A unit id the hierarchy does not know: 404 on the web."""


def parse_date(text: str, what: str) -> dt.date:
    return parse_iso_date(text, what=what)


def today() -> dt.date:
    return today_in_vietnam()


class Service:
    def __init__(self, workspace: Any, db: Path, engine: str | None = None) -> None:
        from obligations.status.engine import make_engine

        self.ws = workspace
        self.db = db
        self.engine = make_engine(engine)
        self._lock = threading.RLock()

    @classmethod
    def load(cls, db: Path, rules: str | list[str] | None = None, org: str | None = None, calendars: str | None = None,
             engine: str | None = None, cache_dir: Path | None = None) -> "Service":
        from obligations.workspace import Workspace

        return cls(Workspace.load(rules, org, calendars, cache_dir=cache_dir), db, engine)

    # -- the log --------------------------------------------------------------------

    def _reader(self) -> Any:
        """As the CLI's ``due``: the log only when its file exists (reading creates nothing)."""
        return self._writer() if self.db.exists() else None

    def _writer(self) -> Any:
        from obligations.log.store import SubmissionLog

        return SubmissionLog(self.db)

    # -- units and who may act for them ----------------------------------------------

    def check_unit(self, unit: str) -> None:
        if unit not in self.ws.hierarchy.units:
            raise UnknownUnit(f"unknown unit {unit!r}", fix="use a unit id of the hierarchy, e.g. xa-X")

    def unit_name(self, unit: str) -> str:
        return str(self.ws.hierarchy.name(unit))

    def units(self) -> list[str]:
        return sorted(self.ws.hierarchy.units)

    def may_act_for(self, acting: str, unit: str, on: dt.date) -> bool:
        """A token's unit acts for itself and for every unit below it on ``on``."""
        if acting == unit:
            return True
        if unit not in self.ws.hierarchy.units:
            return False
        with self._lock:
            return acting in self.ws.hierarchy.ancestors(unit, on)

    # -- reading ----------------------------------------------------------------------

    def due(self, unit: str, on: dt.date, horizon: int, lookback: int, lang: str) -> JSON:
        from obligations.render.due import due_json

        self.check_unit(unit)
        with self._lock:
            report = self.ws.due(unit, on, horizon=horizon, lookback=lookback, engine=self.engine,
                                 log=self._reader())
            return dict(due_json(self.ws, report, lang))

    def explain(self, unit: str, duty: str, period: str | None, on: dt.date, lang: str) -> JSON:
        from obligations.render.explain import explain_json
        from obligations.report.explain import explain

        self.check_unit(unit)
        with self._lock:
            found = explain(self.ws, unit, duty, period, on, log=self._reader())
            return dict(explain_json(found, self.ws.hierarchy, lang))

    def explain_text(self, doc: JSON, lang: str) -> str:
        from obligations.render.explain import explain_text

        return explain_text(doc, lang)

    def calendar(self, year: int, lang: str, unit: str | None = None) -> JSON:
        from obligations.calendar.working import VietnamCalendar
        from obligations.render.calendar import year_as_json

        with self._lock:
            if unit is not None:
                self.check_unit(unit)
                cal = self.ws.calendar_for(unit)
            else:
                cal = VietnamCalendar(self.ws.calendar_data, scope=(), source=self.ws.calendars.holidays)
            cal.check_year(year)
            return dict(year_as_json(cal, year, lang))

    # -- writing ----------------------------------------------------------------------

    def submit(self, unit: str, duty: str, period: str, on: dt.date, ref: str | None,
               note: str | None) -> JSON:
        self.check_unit(unit)
        with self._lock:
            item = self.ws.record_submission(self._writer(), unit, duty, period, on, today(), ref=ref, note=note)
        return {"unit": item.unit, "duty": item.duty, "period": item.period,
                "delivered_on": item.delivered_on.isoformat(), "ref": item.ref, "note": item.note,
                "recorded_at": item.recorded_at}

    def extend(self, unit: str, duty: str, period: str, until: dt.date, ref: str, note: str | None) -> JSON:
        self.check_unit(unit)
        with self._lock:
            item = self.ws.record_extension(self._writer(), unit, duty, period, until, ref, note=note)
        return {"unit": item.unit, "duty": item.duty, "period": item.period, "until": item.until.isoformat(),
                "ref": item.ref, "note": item.note, "recorded_at": item.recorded_at}

    @staticmethod
    def events_supported() -> bool:
        from obligations.log.store import SubmissionLog

        return hasattr(SubmissionLog, "record_event")

    def record_event(self, unit: str, event: str, on: dt.date, ref: str | None, note: str | None) -> JSON:
        """A dated event of the unit (e.g. the day a plan was received), for duties counted from it."""
        self.check_unit(unit)
        if not self.events_supported():
            raise NotImplementedError("this version of the submissions log cannot record events")
        if on > today():
            raise InputError(f"the event date {on} is in the future (today is {today()} in Vietnam)",
                             fix="give the day the event happened; nothing was written")
        with self._lock:
            item = self._writer().record_event(unit, event, on, ref, note)
        result: JSON = {"unit": unit, "event": event, "on": on.isoformat(), "ref": ref, "note": note}
        recorded = getattr(item, "recorded_at", None)
        if recorded is not None:
            result["recorded_at"] = recorded
        return result

    def count_records(self, unit: str) -> int:
        """Submissions and extensions recorded for ``unit`` (for tests and the load bench)."""
        log = self._reader()
        return len(log.submissions(unit)) + len(log.extensions(unit)) if log else 0

    # -- the calendar feed ----------------------------------------------------------------

    def feed(self, unit: str, on: dt.date, lang: str, remind: int) -> tuple[bytes, dict[str, tuple[int, str]]]:
        """The unit's occurrences from last January to next December as iCalendar (``to_ics``),
        and for each event UID the number of log records that changed it and the latest time."""
        from obligations.render.export import to_ics, uid

        self.check_unit(unit)
        with self._lock:
            log = self._reader()
            items = self.ws.items_between(unit, dt.date(on.year - 1, 1, 1), dt.date(on.year + 1, 12, 31), on,
                                          engine=self.engine, log=log)
            # a fixed stamp: the feed's content changes only when an event does
            data = to_ics(self.ws, items, lang, remind, stamp=dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc))
            records: dict[Any, list[str]] = {}
            if log is not None:
                for rec in [*log.submissions(unit), *log.extensions(unit)]:
                    records.setdefault(rec.key, []).append(rec.recorded_at)
            changes = {uid(i): (len(records[i.occurrence.key]), max(records[i.occurrence.key]))
                       for i in items if i.occurrence.key in records}
        return bytes(data), changes

    # -- the timeline picture ---------------------------------------------------------------

    def timeline(self, unit: str, year: int, lang: str) -> Timeline:
        """Each duty of ``unit`` in ``year`` with the chain of duties it feeds above it."""
        self.check_unit(unit)
        with self._lock:
            ws = self.ws
            cal = ws.calendar_for(unit)
            cal.check_year(year)
            log = self._reader()
            extensions = log.granted() if log else {}
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
            found_own, _ = ws.occurrences(unit, year - 1, year + 1)
            own = [o for o in found_own if o.window_start <= last and o.deadline >= first]
            found, _nodes, edges = ws.network(own, extensions)
            results = ws.reconcile(list(found.values()), extensions)
            ups: dict[Any, list[Any]] = {}
            for e in edges:
                ups.setdefault(e.child, []).append(e)
            roots: dict[str, list[Any]] = {}
            for o in own:
                roots.setdefault(o.duty.id, []).append(o.key)
            chains = [self._chain(duty_id, keys, found, results, ups, lang) for duty_id, keys in sorted(roots.items())]
            days_off = []
            day = first
            while day <= last:
                if not cal.is_working_day(day):
                    why = cal.why_not_working(day)
                    days_off.append(DayOff(day, move_reason(why, lang), why.source == "weekend"))
                day += dt.timedelta(days=1)
            return Timeline(unit, self.unit_name(unit), year, tuple(chains), tuple(days_off))

    def _chain(self, duty_id: str, keys: list[Any], found: dict[Any, Any], results: dict[Any, Any],
               ups: dict[Any, list[Any]], lang: str) -> Chain:
        ws = self.ws
        order: list[tuple[str, str]] = []
        members: dict[tuple[str, str], list[Any]] = {}
        seen: set[Any] = set()
        queue = list(keys)
        while queue:                          # breadth first: the unit, then each level above
            key = queue.pop(0)
            if key in seen or key not in found:
                continue
            seen.add(key)
            occ = found[key]
            group = (occ.unit, occ.duty.id)
            if group not in members:
                order.append(group)
                members[group] = []
            members[group].append(key)
            queue.extend(e.parent for e in ups.get(key, []))
        rows, arrows = [], []
        for group in order:
            bars = []
            for key in members[group]:
                occ, res = found[key], results[key]
                note = " → ".join(f"{constraint_source(c)} ({c.date.isoformat() if c.date else '?'})"
                                  for c in res.decided_by)
                bars.append(Bar(str(key), occ.period, occ.window_start, occ.deadline, res.window_start, res.deadline,
                                res.conflict is not None, note))
                last = res.decided_by[-1] if res.decided_by else None
                for edge in ups.get(key, []):
                    # every feed is drawn; the one whose bound set the effective deadline stands out
                    decided = (last is not None and last.kind == "lead" and len(res.decided_by) > 1
                               and res.decided_by[-2].node == edge.parent and last.origin == edge.origin)
                    arrows.append(Arrow(str(edge.parent), str(key), edge.lead, origin_source(edge.origin), decided,
                                        isinstance(edge.origin, SameReportOrigin)))
            unit, duty_id_row = group
            duty = found[members[group][0]].duty
            rows.append(Row(unit, self.unit_name(unit), ws.hierarchy.unit(unit).level, duty_id_row,
                            pick(lang, duty.title_vi, duty.title_en), tuple(bars)))
        root = found[keys[0]].duty
        number = ws.rules.directive(root.directive).number
        title = f"{pick(lang, root.title_vi, root.title_en)} ({number})"
        return Chain(title, tuple(rows), tuple(arrows))
