"""What changed (``changes``) as JSON, a table in words, and rows for CSV and xlsx."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Literal, Protocol

from obligations.base.version import SCHEMA_VERSION
from obligations.render.day_text import day, period_text
from obligations.render.emphasis import plain
from obligations.render.labels import Labels, npmsg, number, pmsg
from obligations.render.messages import decision_json, decision_text, pick
from obligations.render.span_report import SpanReport
from obligations.report.changes_model import CHANGE_KINDS, Cause, Change


class ChangesReport(SpanReport, Protocol):
    """What this writer reads of a ``report.changes.ChangesReport`` (render/span_report.py)."""

    @property
    def old_known(self) -> dt.date | None: ...
    @property
    def new_known(self) -> dt.date | None: ...
    @property
    def old_rules(self) -> str | None: ...
    @property
    def new_rules(self) -> str | None: ...
    @property
    def changes(self) -> Sequence[Change]: ...
    @property
    def units(self) -> int: ...
    @property
    def names(self) -> Mapping[str, str]: ...


_t = Labels([
    pmsg("changes.title", "Changes under {name} ({unit}), deadlines from {start} to {end}"),
    pmsg("changes.known", "as known on {old} compared with as known on {new}"),
    pmsg("changes.rules", "rules in {old} compared with rules in {new}"),
    pmsg("changes.loaded", "every loaded document"),
    pmsg("changes.none", "Nothing changed."),
    pmsg("changes.added", "added"),
    pmsg("changes.moved", "moved"),
    pmsg("changes.removed", "removed"),
    pmsg("changes.ack", "acknowledged by {by} at {at}"),
    pmsg("changes.new_ack", "not yet acknowledged"),
    pmsg("changes.since", "Changes since {day}"),
    pmsg("changes.pending", "Changes since {day} not yet acknowledged (acknowledge them: changes --under {unit} "
                            "--from-known {iso} --ack --by NAME):"),
    npmsg("changes.acked", "{n} change acknowledged by {by}", "{n} changes acknowledged by {by}"),
    npmsg("changes.gained", "{n} working day gained", "{n} working days gained"),
    npmsg("changes.lost", "{n} working day lost", "{n} working days lost"),
    pmsg("changes.same_days", "as many working days"),
    pmsg("cause.defines", "{number} defines it ({section}): “{text}”"),
    pmsg("cause.withdrawn", "{number} is no longer in the rules"),
    pmsg("cause.change", "{number} ({action}, {section}): “{text}”"),
    pmsg("cause.day_off", "{day} became a day off ({name}): {decision}"),
    pmsg("cause.working", "{day} became a working day ({name}): {decision}"),
    pmsg("cause.no_decision", "decision not named in the calendar data"),
    pmsg("cause.above", "the level above moved: {unit}'s {duty} ({period}) from {old} to {new}"),
    pmsg("cause.unexplained", "no document or calendar decision of the two states explains it"),
    pmsg("col.unit", "Unit"), pmsg("col.change", "Change"), pmsg("col.duty", "Duty"), pmsg("col.period", "Period"),
    pmsg("col.old", "Old deadline"), pmsg("col.new", "New deadline"), pmsg("col.days", "Working days"),
    pmsg("col.cause", "Cause"),
    pmsg("action.amend", "amends"), pmsg("action.replace", "replaces"), pmsg("action.revoke", "revokes"),
    pmsg("action.reinstate", "reinstates"), pmsg("action.postpone", "postpones"),
])


def word(key: str, lang: str, **values: object) -> str:
    """A word of the changes' table, for the unit page."""
    return _t(key, lang, **values)


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d is not None else None


def cause_text(c: Cause, lang: str) -> str:
    """One cause in words."""
    if c.kind == "document":
        number_ = c.number or c.directive or ""
        if c.action == "defines":
            return _t("cause.defines", lang, number=number_, section=c.section or "", text=plain(c.text or ""))
        if c.action == "withdrawn":
            return _t("cause.withdrawn", lang, number=number_)
        action = _t(f"action.{c.action}", lang)
        return _t("cause.change", lang, number=number_, action=action, section=c.section or "", text=plain(c.text or ""))
    if c.kind == "calendar" and c.day is not None:
        if c.made_by is not None:       # number, issuer, day of issue, or that the day is assumed
            decision = decision_text(c.made_by, lang)
        else:
            decision = " ".join(x for x in (c.decision, c.issuer) if x) or c.basis or _t("cause.no_decision", lang)
            if c.issued is not None:
                decision += f" ({day(c.issued, lang)})"
        return _t("cause.working" if c.working else "cause.day_off", lang, day=day(c.day, lang),
                  name=pick(lang, c.name or "", c.name_en), decision=decision)
    if c.kind == "above" and c.key is not None:
        return _t("cause.above", lang, unit=c.key.unit, duty=c.key.duty, period=period_text(c.key.period, lang),
                  old=day(c.old, lang) if c.old else "—", new=day(c.new, lang) if c.new else "—")
    return _t("cause.unexplained", lang)


def cause_json(c: Cause, lang: str) -> dict[str, object]:
    out: dict[str, object] = {"kind": c.kind}
    if c.kind == "document":
        out.update({"directive": c.directive, "number": c.number, "issued": _iso(c.issued), "action": c.action,
                    "section": c.section, "sentence": plain(c.text) if c.text else c.text})
    elif c.kind == "calendar":
        out.update({"day": _iso(c.day), "working": c.working, "name": pick(lang, c.name, c.name_en) if c.name else None,
                    "decision": c.decision,
                    "issuer": c.issuer, "issued": _iso(c.issued), "basis": c.basis, "source": c.source,
                    "calendar_decision": decision_json(c.made_by, lang) if c.made_by is not None else None})
    elif c.kind == "above" and c.key is not None:
        out.update({"id": str(c.key), "unit": c.key.unit, "duty": c.key.duty, "period": c.key.period,
                    "old_deadline": _iso(c.old), "new_deadline": _iso(c.new),
                    "causes": [cause_json(x, lang) for x in c.causes]})
    out["text"] = cause_text(c, lang)
    return out


def days_text(n: int | None, lang: str) -> str:
    if n is None:
        return ""
    if n == 0:
        return _t("changes.same_days", lang)
    return _t("changes.gained" if n > 0 else "changes.lost", lang, n=abs(n))


def change_json(c: Change, names: Mapping[str, str], lang: str) -> dict[str, object]:
    return {"id": str(c.key), "unit": c.key.unit, "unit_name": names.get(c.key.unit, c.key.unit),
            "duty": c.key.duty, "period": c.key.period, "change": c.kind,
            "title": pick(lang, c.title_vi, c.title_en), "directive": c.directive_number,
            "old_deadline": _iso(c.old), "new_deadline": _iso(c.new),
            "old_own_deadline": _iso(c.old_own), "new_own_deadline": _iso(c.new_own),
            "working_days": c.working_days, "above_only": c.above_only,
            "acknowledged": {"by": c.acknowledged.by, "at": c.acknowledged.at} if c.acknowledged else None,
            "causes": [cause_json(x, lang) for x in c.causes]}


def changes_document(report: ChangesReport, lang: str) -> dict[str, object]:
    """The document of docs/schemas/changes.json."""
    counts = {k: sum(1 for c in report.changes if c.kind == k) for k in CHANGE_KINDS}
    return {"schema_version": SCHEMA_VERSION, "unit": report.root, "name": report.root_name,
            "from": report.start.isoformat(), "to": report.end.isoformat(),
            "old_known": _iso(report.old_known), "new_known": _iso(report.new_known),
            "old_rules": report.old_rules, "new_rules": report.new_rules, "units": report.units,
            "counts": counts, "changes": [change_json(c, report.names, lang) for c in report.changes]}


def _states(report: ChangesReport, lang: str) -> str:
    if report.old_rules is not None or report.new_rules is not None:
        return _t("changes.rules", lang, old=report.old_rules or "", new=report.new_rules or "")
    loaded = _t("changes.loaded", lang)
    return _t("changes.known", lang, old=day(report.old_known, lang) if report.old_known else loaded,
              new=day(report.new_known, lang) if report.new_known else loaded)


def changes_text(report: ChangesReport, lang: str) -> str:
    """The table of ``changes``: a block per change, unacknowledged ones as they come."""
    lines = [_t("changes.title", lang, name=report.root_name, unit=report.root, start=day(report.start, lang),
                end=day(report.end, lang)), _states(report, lang), ""]
    if not report.changes:
        lines.append(_t("changes.none", lang))
    for c in report.changes:
        dates = " → ".join(day(d, lang) for d in (c.old, c.new) if d is not None)
        head = (f"[{_t('changes.' + c.kind, lang)}] {report.names.get(c.key.unit, c.key.unit)} ({c.key.unit}) · "
                f"{pick(lang, c.title_vi, c.title_en)} ({period_text(c.key.period, lang)}) · {dates}")
        if c.working_days is not None:
            head += f" · {days_text(c.working_days, lang)}"
        lines.append(head)
        lines.extend(f"    - {cause_text(x, lang)}" for x in c.causes)
        if c.acknowledged is not None:
            lines.append("    " + _t("changes.ack", lang, by=c.acknowledged.by, at=c.acknowledged.at))
    summary = ", ".join(f"{_t('changes.' + k, lang)}: {number(sum(1 for c in report.changes if c.kind == k), lang)}"
                        for k in CHANGE_KINDS)
    lines.extend(["", summary])
    return "\n".join(lines)


def pending_text(report: ChangesReport, unit: str, lang: str) -> str:
    """The changes of ``unit`` not yet acknowledged, for the top of ``due``'s table ("" when none)."""
    pending = [c for c in report.changes if c.key.unit == unit and c.acknowledged is None]
    if not pending:
        return ""
    lines = [_t("changes.pending", lang, day=day(report.start, lang), unit=unit, iso=report.start.isoformat())]
    for c in pending:
        dates = " → ".join(day(d, lang) for d in (c.old, c.new) if d is not None)
        causes = "; ".join(cause_text(x, lang) for x in c.causes)
        lines.append(f"  [{_t('changes.' + c.kind, lang)}] {pick(lang, c.title_vi, c.title_en)} ({period_text(c.key.period, lang)}) · "
                     f"{dates} · {causes}")
    return "\n".join(lines) + "\n\n"


# (key, kind of cell: render/sheets.Kind), headed by ``word("col." + key)``
COLUMNS: tuple[tuple[str, Literal["text", "number", "date"]], ...] = (
    ("unit", "text"), ("change", "text"), ("duty", "text"), ("period", "text"), ("old", "date"), ("new", "date"),
    ("days", "number"), ("cause", "text"))


def changes_rows(report: ChangesReport, lang: str) -> list[dict[str, object]]:
    """One row per change for CSV and xlsx: the kind of change and its causes in words (causes
    joined by "; "), ids and ISO dates as they are."""
    return [{"unit": c.key.unit, "change": _t("changes." + c.kind, lang), "duty": c.key.duty, "period": c.key.period, "old": c.old,
             "new": c.new, "days": c.working_days, "cause": "; ".join(cause_text(x, lang) for x in c.causes)}
            for c in report.changes]
