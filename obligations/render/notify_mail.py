"""The words of `notify`: one e-mail per recipient (plain text and HTML), and the lines `notify`
prints. Takes plain rows (``Line``), never the notify objects: rendering sits below them."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence

import attrs

from obligations.render.day_text import day, day_iso, day_long, period_text
from obligations.render.labels import Labels, npmsg, pmsg

_w = Labels([
    pmsg("subject", "[Deadlines] {n_items} item(s) for {unit_name} on {on}"),
    pmsg("hello", "To {unit_name} ({unit}),"),
    pmsg("intro", "The deadline reminders and notices for {on}:"),
    pmsg("kind.reminder", "Reminder"),
    pmsg("kind.overdue", "Overdue"),
    pmsg("kind.escalation", "Escalation: overdue at a unit below"),
    pmsg("kind.conflict", "Deadline in conflict"),
    pmsg("kind.deadline_changed", "Deadline changed"),
    pmsg("kind.delivered", "Delivered"),
    npmsg("left", "{n} working day left", "{n} working days left"),
    npmsg("late", "{n} working day late", "{n} working days late"),
    pmsg("moved", "(reminder brought forward from {was}, a day off)"),
    pmsg("unit_line", "Unit: {unit_name} ({unit})"),
    pmsg("deadline_line", "Deadline: {deadline}"),
    pmsg("source_line", "Source: {directive}, section {section}: “{text}”"),
    pmsg("letter_line", "Draft reminder letter (công văn đôn đốc) attached: {name}; a copy is in {folder}"),
    pmsg("no_letter", "No draft reminder letter could be written: {why}"),
    pmsg("footer", "Sent by obligations notify. Record a delivery with `obligations submit`, an extension "
                   "with `obligations extend`; `obligations explain` shows what was sent."),
    pmsg("dry", "would send"),
    pmsg("sent", "sent"),
    pmsg("failed", "FAILED"),
    pmsg("skipped", "already sent"),
    pmsg("nothing", "nothing to send"),
    pmsg("sent_head", "Notifications sent (notify)"),
    pmsg("sent_row", "   {day}: {kind} to {to} by {channel}: {status}{tries}{detail} (run of {run_on})"),
    npmsg("tries", ", {n} try", ", {n} tries"),
])


@attrs.frozen
class Line:
    """One notice as the words need it."""

    kind: str                       # reminder, overdue, escalation, conflict, deadline_changed, delivered
    unit: str
    unit_name: str
    title: str
    directive: str
    section: str
    text: str
    period: str
    deadline: dt.date
    working_days: int
    moved_from: dt.date | None = None


def _head(line: Line, lang: str) -> str:
    state = ""
    if line.kind == "reminder":
        state = _w("left", lang, n=line.working_days)
    elif line.kind in ("overdue", "escalation"):
        state = _w("late", lang, n=line.working_days)
    moved = " " + _w("moved", lang, was=day(line.moved_from, lang)) if line.moved_from else ""
    return f"{_w('kind.' + line.kind, lang)}: {line.title} [{period_text(line.period, lang)}] — {state}{moved}".rstrip(" —")


def _details(line: Line, lang: str) -> list[str]:
    return [_w("unit_line", lang, unit_name=line.unit_name, unit=line.unit),
            _w("deadline_line", lang, deadline=day_long(line.deadline, lang)),
            _w("source_line", lang, directive=line.directive, section=line.section, text=line.text)]


def subject(unit: str, unit_name: str, on: dt.date, count: int, lang: str) -> str:
    return _w("subject", lang, n_items=count, unit_name=unit_name, unit=unit, on=day(on, lang))


def mail_text(unit: str, unit_name: str, on: dt.date, lines: Sequence[Line], letter: str, lang: str) -> str:
    """The plain-text part; ``letter``: the sentence about the attached letter, or ""."""
    out = [_w("hello", lang, unit_name=unit_name, unit=unit), "", _w("intro", lang, on=day_long(on, lang)), ""]
    for i, line in enumerate(lines, 1):
        out.append(f"{i}. {_head(line, lang)}")
        out.extend(f"   {d}" for d in _details(line, lang))
        out.append("")
    if letter:
        out += [letter, ""]
    out.append(_w("footer", lang))
    return "\n".join(out) + "\n"


def mail_html(unit: str, unit_name: str, on: dt.date, lines: Sequence[Line], letter: str, lang: str) -> str:
    """The HTML part: the same words, every value escaped."""
    e = html.escape
    items = "".join(f"<li><p><strong>{e(_head(line, lang))}</strong></p><ul>"
                    + "".join(f"<li>{e(d)}</li>" for d in _details(line, lang)) + "</ul></li>" for line in lines)
    parts = [f'<!DOCTYPE html><html lang="{e(lang)}"><head><meta charset="utf-8"><title>'
             f"{e(subject(unit, unit_name, on, len(lines), lang))}</title></head><body>",
             f"<p>{e(_w('hello', lang, unit_name=unit_name, unit=unit))}</p>",
             f"<p>{e(_w('intro', lang, on=day_long(on, lang)))}</p><ol>{items}</ol>"]
    if letter:
        parts.append(f"<p>{e(letter)}</p>")
    parts.append(f"<p><small>{e(_w('footer', lang))}</small></p></body></html>")
    return "".join(parts)


def letter_sentence(name: str | None, folder: str, why: str | None, lang: str) -> str:
    if name is not None:
        return _w("letter_line", lang, name=name, folder=folder)
    return _w("no_letter", lang, why=why or "") if why else ""


def run_line(state: str, channel: str, to: str, line: Line, lang: str) -> str:
    """One line of `notify`'s output: state (dry, sent, failed, skipped), channel, unit told, notice."""
    return f"{_w(state, lang)}\t{channel}\t{to}\t{line.unit}\t{_head(line, lang)} — {line.directive} " \
           f"{line.section} — {day(line.deadline, lang)}"


def nothing_line(lang: str) -> str:
    return _w("nothing", lang)


def sent_text(rows: Sequence[Mapping[str, object]], lang: str) -> str:
    """explain's section on what notify sent, from its JSON rows."""
    out = [_w("sent_head", lang)]
    for r in rows:
        tries = r["tries"]
        out.append(_w("sent_row", lang, day=day_iso(r["day"], lang), kind=_w(f"kind.{r['kind']}", lang),
                      to=r["to"], channel=r["channel"], status=_w("sent" if r["status"] == "sent" else "failed", lang),
                      tries=_w("tries", lang, n=tries) if isinstance(tries, int) and tries > 1 else "",
                      detail=f" — {r['detail']}" if r["detail"] else "", run_on=day_iso(r["run_on"], lang)))
    return "\n".join(out)
