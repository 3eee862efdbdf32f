"""Turning due reports into tables, in Vietnamese or English (the JSON: render/due_json.py)."""

from __future__ import annotations

import attrs

from obligations.base.records import record
from obligations.reconcile.solve import ExtensionOrigin, Reconciled, SameReportOrigin
from obligations.render.day_text import day, day_iso, day_short, period_text
from obligations.render.labels import Labels, label, npmsg, pmsg
from obligations.render.messages import (not_active_text, conflict_advice, conflict_message, conflict_window, constraint_source,
                                         assumption_text, move_reason, one_day_window, pick, placement_message, roll_policy, routing_note,
                                         target_text)
from obligations.report.due import DueReport
from obligations.status.assess import Item
from obligations.workspace import Workspace


_HEAD = ("head.deadline", "head.left", "head.status", "head.duty", "head.source")
_t = Labels([
    # the table's column heads
    pmsg("head.deadline", "Deadline"), pmsg("head.left", "Left"), pmsg("head.status", "Status"),
    pmsg("head.duty", "Duty"), pmsg("head.source", "Source"),
    pmsg("cite", "{directive} sec. {section}"),       # a row's source
    pmsg("title", "Due for {name} ({unit}) as of {on}"),
    npmsg("days", "{n} day", "{n} days"),
    npmsg("ago", "{n} day late", "{n} days late"),
    npmsg("wd", "{n} working day left", "{n} working days left"),
    npmsg("wd_late", "{n} working day late", "{n} working days late"),
    pmsg("moved", "moved from {frm} ({why}), policy {policy}"),
    pmsg("to", "to: {name}"),
    pmsg("window", "window: {start} → {end}"),
    pmsg("none", "Nothing due in this range."),
    npmsg("hidden", "{n} older overdue item not shown (use --lookback to see it).",
                    "{n} older overdue items not shown (use --lookback to see them)."),
    pmsg("engine", "Rules engine: {name}"),
    pmsg("tightened", "own deadline {own}; effective {eff} because of {why}"),
    npmsg("lead", "minus {n} working day for {name} to aggregate ({source})",
                  "minus {n} working days for {name} to aggregate ({source})"),
    pmsg("same", "the same report under two directives"),
    pmsg("feeds", "no later than {name}'s deadline (no document states a lead time)"),
    pmsg("conflict", "CONFLICT: {msg}"),
    pmsg("extended", "extended from {own} to {eff} by {ref}"),
    pmsg("done", "delivered {on}{ref}"),
    pmsg("placement", "Could not be placed: {duty} period {period}: {message} ({file})"),
])




def why_text(ws: Workspace, result: Reconciled, lang: str) -> str:
    """The deciding chain in one line: the top deadline, then each lead time below it."""
    parts: list[str] = []
    above: str | None = None
    for c in result.decided_by:
        if c.kind == "lead" and c.lead:
            name = ws.hierarchy.name(above) if above else "?"
            parts.append(_t("lead", lang, n=c.lead, name=name, source=constraint_source(c, lang)))
        elif c.kind == "lead" and isinstance(c.origin, SameReportOrigin):
            parts.append(_t("same", lang))
        elif c.kind == "lead":
            parts.append(_t("feeds", lang, name=ws.hierarchy.name(above) if above else "?"))
        else:
            parts.append(f"{constraint_source(c, lang)} ({day(c.date, lang) if c.date else '?'})")
        above = c.node.unit
    return " → ".join(parts)


@record
@attrs.frozen(repr=False)
class _Row:
    cells: tuple[str, str, str]      # deadline, time left, status: the aligned columns
    title: str
    source: str
    item: Item


def due_table(ws: Workspace, report: DueReport, lang: str) -> str:
    lang = "en" if lang == "en" else "vi"
    out = [_t("title", lang, name=ws.hierarchy.name(report.unit), unit=report.unit, on=day(report.on, lang)), ""]
    rows: list[_Row] = []
    for item in report.items:
        occ = item.occurrence
        duty = occ.duty
        directive = ws.rules.directive(duty.directive)
        left = (_t("days", lang, n=item.days_left) if item.days_left >= 0
                else _t("ago", lang, n=-item.days_left))
        deadline = day_short(item.deadline, lang)
        title = pick(lang, duty.title_vi, duty.title_en) + f" [{period_text(occ.period, lang)}]"
        rows.append(_Row((deadline, left, label(item.status, lang)), title,
                         _t("cite", lang, directive=directive.number, section=duty.source.section), item))
    if report.not_active is not None:
        out.append(not_active_text(report.unit, report.on, report.not_active, report.context, lang))
    elif not rows:
        out.append(_t("none", lang))
    else:
        head = [_t(key, lang) for key in _HEAD]
        widths = [max(len(head[i]), *(len(r.cells[i]) for r in rows)) for i in range(3)]
        out.append("  ".join(h.ljust(w) for h, w in zip(head[:3], widths)) + f"  {head[3]} — {head[4]}")
        for row in rows:
            item = row.item
            occ = item.occurrence
            out.append("  ".join(c.ljust(w) for c, w in zip(row.cells, widths)) + f"  {row.title} — {row.source}")
            pad = " " * (sum(widths) + 6)
            wd = (_t("wd", lang, n=item.working_days_left) if item.working_days_left >= 0
                  else _t("wd_late", lang, n=-item.working_days_left))
            if item.result.conflict:      # never a backwards window that reads like a task
                out.append(pad + "↳ " + conflict_window(item.result.conflict, lang))
            else:
                out.append(pad + "↳ " + _t("window", lang, start=day(item.window_start, lang),
                                            end=day(item.deadline, lang)) + "; " + wd)
            first = item.result.decided_by[0] if item.result.decided_by else None
            if first is not None and isinstance(first.origin, ExtensionOrigin) and first.node == occ.key:
                out.append(pad + "↳ " + _t("extended", lang, own=day(occ.deadline, lang),
                                            eff=day(item.deadline, lang), ref=first.origin.ref))
            elif item.result.tightened:
                out.append(pad + "↳ " + _t("tightened", lang, own=day(occ.deadline, lang),
                                            eff=day(item.deadline, lang), why=why_text(ws, item.result, lang)))
            if item.result.conflict:
                out.append(pad + "↳ " + _t("conflict", lang, msg=conflict_message(item.result.conflict, lang)))
                out.extend(pad + "  " + line for line in
                           conflict_advice(item.result.conflict, lang, ws.hierarchy.name))
            target = target_text(item.result, lang, ws.hierarchy.name)
            if target:
                out.append(pad + "↳ " + target)
            one_day = one_day_window(item.window_start, item.deadline, lang)
            if one_day and not item.result.conflict:
                out.append(pad + "↳ " + one_day)
            if occ.recipient_unit:
                out.append(pad + "↳ " + _t("to", lang, name=ws.hierarchy.name(occ.recipient_unit)))
            if occ.roll.moved:
                why = ", ".join(f"{m.date.strftime('%d/%m')} {move_reason(m, lang)}"
                                for m in occ.roll.skipped)
                out.append(pad + "↳ " + _t("moved", lang, frm=day(occ.last_allowed, lang), why=why,
                                            policy=roll_policy(occ.roll.policy, lang)))
            for note in occ.routing:
                out.append(pad + "↳ " + routing_note(note, lang))
            for assumption in occ.assumptions:
                out.append(pad + "↳ " + assumption_text(assumption, lang))
            if item.submission is not None:
                ref = f" ({item.submission.ref})" if item.submission.ref else ""
                out.append(pad + "↳ " + _t("done", lang, on=day(item.submission.delivered_on, lang), ref=ref))
    out.append("")
    if report.hidden_overdue:
        out.append(_t("hidden", lang, n=report.hidden_overdue))
    for p in report.placements:
        out.append(_t("placement", lang, duty=p.duty, period=p.period, message=placement_message(p, lang), file=p.location))
    for year in report.context.provisional_years:
        out.append(label("provisional", lang, year=year))
    out.append(_t("engine", lang, name=report.backend))
    return "\n".join(out)
