"""The four-way count (``status --under``) as JSON, a table in words, and rows for CSV and xlsx."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal, Protocol

from obligations.base.version import SCHEMA_VERSION
from obligations.render.day_text import day
from obligations.render.labels import Labels, number, pmsg
from obligations.render.messages import pick
from obligations.render.span_report import SpanReport

from obligations.report.count_model import CountGroup, Counted, Tally


class CountReport(SpanReport, Protocol):
    """What this writer reads of a ``report.count.CountReport`` (render/span_report.py)."""

    @property
    def on(self) -> dt.date: ...
    @property
    def by(self) -> str: ...
    @property
    def groups(self) -> Sequence[CountGroup]: ...
    @property
    def total(self) -> Tally: ...
    @property
    def units(self) -> int: ...

_t = Labels([
    pmsg("count.title", "Four-way count under {name} ({unit}): deadlines from {start} to {end}, as of {on}"),
    pmsg("count.by_unit", "Unit"),
    pmsg("count.by_directive", "Directive"),
    pmsg("count.by_duty", "Duty"),
    pmsg("count.on_time", "On time"),
    pmsg("count.late", "Late"),
    pmsg("count.within", "Not yet due"),
    pmsg("count.overdue", "Overdue"),
    pmsg("count.total", "Total"),
    pmsg("count.late_days", "Working days late"),
    pmsg("count.conflicts", "Conflicts"),
    pmsg("count.all", "All ({n} units)"),
    pmsg("col.group", "Group"),
    pmsg("col.name", "Name"),
    pmsg("col.on_time", "On time"),
    pmsg("col.late", "Late"),
    pmsg("col.within", "Not yet due"),
    pmsg("col.overdue", "Overdue"),
    pmsg("col.total", "Total"),
    pmsg("col.on_time_percent", "On time (%)"),
    pmsg("col.late_percent", "Late (%)"),
    pmsg("col.within_percent", "Not yet due (%)"),
    pmsg("col.overdue_percent", "Overdue (%)"),
    pmsg("col.late_working_days", "Working days late"),
    pmsg("col.conflicts", "Conflicts"),
    pmsg("count.note", "Counts under a unit include the units below it; conflicts (deadlines that cannot "
                       "be met at every level) are counted apart, not in the four."),
])
CATEGORIES = ("on_time", "late", "within", "overdue")


def word(key: str, lang: str) -> str:
    """A word of the count's table ("count.on_time" …), for the overview page."""
    return _t(key, lang)


def tally_json(t: Tally) -> dict[str, object]:
    return {"on_time": t.on_time, "late": t.late, "within": t.within, "overdue": t.overdue, "total": t.total,
            "late_working_days": t.late_working_days, "conflicts": t.conflicts,
            "percent": {c: t.percent(c) for c in CATEGORIES}}  # type: ignore[arg-type]


def counted_json(c: Counted, lang: str) -> dict[str, object]:
    d = c.delivery
    item, occ = d.item, d.item.occurrence
    row: dict[str, object] = {
        "id": f"{occ.unit}|{occ.duty.id}|{occ.period}", "unit": occ.unit, "duty": occ.duty.id,
        "directive": occ.duty.source.directive, "period": occ.period,
        "title": pick(lang, occ.duty.title_vi, occ.duty.title_en), "deadline": item.deadline.isoformat(),
        "category": c.category if c.category is not None else "conflict", "result": d.result,
        "delivered_on": item.submission.delivered_on.isoformat() if item.submission else None}
    if d.result == "late":
        row["late_working_days"] = d.late_working_days
    if d.deadline_at_delivery is not None:
        row["deadline_at_delivery"] = d.deadline_at_delivery.isoformat()
    return row


def group_json(g: CountGroup, by: str, lang: str) -> dict[str, object]:
    out: dict[str, object] = {by: g.key, "name": g.name}
    if by == "unit":
        out["parent"] = g.parent
    out["counts"] = tally_json(g.tally)
    if g.under is not None:
        out["under"] = tally_json(g.under)
    out["occurrences"] = [counted_json(c, lang) for c in g.occurrences]
    return out


def count_document(report: CountReport, lang: str) -> dict[str, object]:
    """The document of docs/schemas/count.json."""
    return {"schema_version": SCHEMA_VERSION, "unit": report.root, "name": report.root_name,
            "from": report.start.isoformat(), "to": report.end.isoformat(), "on": report.on.isoformat(),
            "by": report.by, "units": report.units, "total": tally_json(report.total),
            "groups": [group_json(g, report.by, lang) for g in report.groups]}


def _cell(t: Tally, category: str, lang: str) -> str:
    n = getattr(t, category)
    share = t.percent(category)  # type: ignore[arg-type]
    return f"{number(n, lang)} ({number(float(share), lang)}%)" if share is not None else number(n, lang)


def _label(g: CountGroup, report: CountReport, lang: str) -> str:
    if report.by == "unit":
        depth, parent = 0, g.parent
        parents = {x.key: x.parent for x in report.groups}
        while parent is not None:
            depth, parent = depth + 1, parents.get(parent)
        return "  " * depth + f"{g.name} ({g.key})"
    if report.by == "duty" and g.occurrences:
        duty = g.occurrences[0].delivery.item.occurrence.duty
        return f"{pick(lang, duty.title_vi, duty.title_en)} ({g.key})"
    return g.name


def table_rows(report: CountReport, lang: str) -> list[list[str]]:
    """The header and one row per group (by unit: the count under each unit), then the total."""
    head = [_t(f"count.by_{report.by}", lang)] + [_t(f"count.{c}", lang) for c in CATEGORIES] + [
        _t("count.total", lang), _t("count.late_days", lang), _t("count.conflicts", lang)]
    rows = [head]
    for g in report.groups:
        t = g.under if g.under is not None else g.tally
        rows.append([_label(g, report, lang)] + [_cell(t, c, lang) for c in CATEGORIES]
                    + [number(t.total, lang), number(t.late_working_days, lang), number(t.conflicts, lang)])
    t = report.total
    rows.append([_t("count.all", lang, n=number(report.units, lang))] + [_cell(t, c, lang) for c in CATEGORIES]
                + [number(t.total, lang), number(t.late_working_days, lang), number(t.conflicts, lang)])
    return rows


def count_text(report: CountReport, lang: str) -> str:
    rows = table_rows(report, lang)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [_t("count.title", lang, name=report.root_name, unit=report.root, start=day(report.start, lang),
                end=day(report.end, lang), on=day(report.on, lang)), ""]
    for i, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(r, widths))).rstrip())
        if i == 0 or i == len(rows) - 2:
            lines.append("  ".join("-" * w for w in widths))
    lines.extend(["", _t("count.note", lang)])
    return "\n".join(lines)


# The columns of ``count_rows``: (key, kind) for render/sheets.py (CSV: the keys; xlsx: ``word("col." + key)``).
# (key, kind of cell: render/sheets.Kind), headed by this module's words (``word``)
COLUMNS: tuple[tuple[str, Literal["text", "number"]], ...] = (
    ("group", "text"), ("name", "text"), *((c, "number") for c in CATEGORIES), ("total", "number"),
    *((f"{c}_percent", "number") for c in CATEGORIES), ("late_working_days", "number"), ("conflicts", "number"))


def count_rows(report: CountReport) -> list[dict[str, object]]:
    """One row per group for CSV and xlsx: the key, its name, the four counts (by unit: under the
    unit), their percentages, the working days late and the conflicts; the total last."""
    out: list[dict[str, object]] = []

    def row(key: str, name: str, t: Tally) -> dict[str, object]:
        r: dict[str, object] = {"group": key, "name": name}
        for c in CATEGORIES:
            r[c] = getattr(t, c)
        r["total"] = t.total
        for c in CATEGORIES:
            r[f"{c}_percent"] = t.percent(c)  # type: ignore[arg-type]
        r["late_working_days"] = t.late_working_days
        r["conflicts"] = t.conflicts
        return r

    for g in report.groups:
        out.append(row(g.key, g.name, g.under if g.under is not None else g.tally))
    out.append(row("*", report.root_name, report.total))
    return out
