"""The timeline's content in words: the text alternative of the picture (a list a page shows
beside it, the `timeline --format text` output, the picture's <desc>) and the words the
picture writes (obligations.render.timeline_svg). Dates as people read them
(obligations.render.day_text); both languages, never mixed."""

from __future__ import annotations

from html import escape
from typing import Any

from obligations.render.day_text import day, period_text
from obligations.render.labels import Labels, pmsg
from obligations.render.messages import move_reason, pick
from obligations.report.timeline import Bar, Row, Timeline

__all__ = ["entries", "text_list", "list_html", "words"]

words = Labels([
    pmsg("title", "Report chains — {name} ({unit})"),
    pmsg("span", "From {first} to {last}"),
    pmsg("today", "today {date}"),
    pmsg("today_outside", "today {date} (outside this span)"),
    pmsg("own", "own deadline"),
    pmsg("eff", "effective deadline"),
    pmsg("deadline", "deadline {date}"),
    pmsg("own_at", "own deadline {date}"),
    pmsg("window", "window"),
    pmsg("window_at", "window {start} – {end}"),
    pmsg("conflict", "conflict"),
    pmsg("overdue", "overdue"),
    pmsg("delivered", "delivered {date}"),
    pmsg("off", "public day off"),
    pmsg("weekend", "weekend"),
    pmsg("today_key", "today"),
    pmsg("lead", "−{n} working days"),
    pmsg("same", "same report"),
    pmsg("feeds", "feeds"),
    pmsg("none", "No reports in this span."),
    pmsg("days_off", "Public days off: {days}"),
    pmsg("no_days_off", "No public day off in this span."),
    pmsg("months", "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"),
    pmsg("month_year", "{month} {year}"),       # a month's first column: "Th11/2026", "Nov 2026"
])


def bar_words(bar: Bar, late: bool, lang: str) -> list[str]:
    """One occurrence in words: its deadlines, conflict, delivery or lateness (``late``)."""
    said = [f"{period_text(bar.period, lang)}: {words('deadline', lang, date=day(bar.deadline, lang))}"]
    if bar.own_deadline != bar.deadline:
        said.append(words("own_at", lang, date=day(bar.own_deadline, lang)))
    if bar.conflict:
        said.append(words("conflict", lang))
    if bar.delivered is not None:
        said.append(words("delivered", lang, date=day(bar.delivered, lang)))
    elif late:
        said.append(words("overdue", lang))
    return said


def in_span(bar: Bar, tl: Timeline) -> bool:
    return min(bar.own_start, bar.start) <= tl.last and max(bar.own_deadline, bar.deadline) >= tl.first


def overdue(bar: Bar, row: Row, tl: Timeline) -> bool:
    # only the unit's own duties: the log records the deliveries of this office, not of the levels above
    return row.unit == tl.unit and bar.overdue(tl.today)


def entries(tl: Timeline, lang: str = "vi") -> dict[str, Any]:
    """What the picture shows, as data for a page to list beside it (the text alternative):
    the span, today, each chain with its rows and their occurrences (dates as people read
    them and as ISO), and the public days off in the span."""
    lang = "en" if lang == "en" else "vi"
    chains = []
    for chain in tl.chains:
        rows = []
        for row in chain.rows:
            items = [{"key": bar.key, "period": bar.period, "deadline": bar.deadline.isoformat(),
                      "own_deadline": bar.own_deadline.isoformat(), "conflict": bar.conflict,
                      "overdue": overdue(bar, row, tl),
                      "delivered": bar.delivered.isoformat() if bar.delivered else None,
                      "text": ", ".join(bar_words(bar, overdue(bar, row, tl), lang))}
                     for bar in row.bars if in_span(bar, tl)]
            rows.append({"unit": row.unit, "unit_name": row.unit_name,
                         "title": pick(lang, row.title_vi, row.title_en), "items": items})
        chains.append({"title": f"{pick(lang, chain.title_vi, chain.title_en)} ({chain.number})", "rows": rows})
    days_off = [{"day": off.day.isoformat(), "text": f"{day(off.day, lang)} {move_reason(off.why, lang)}"}
                for off in tl.days_off if not off.weekend]
    return {"unit": tl.unit, "first": tl.first.isoformat(), "last": tl.last.isoformat(),
            "today": tl.today.isoformat(),
            "title": words("title", lang, name=tl.unit_name, unit=tl.unit),
            "span": words("span", lang, first=day(tl.first, lang), last=day(tl.last, lang)),
            "today_text": words("today" if tl.first <= tl.today <= tl.last else "today_outside", lang,
                             date=day(tl.today, lang)),
            "chains": chains, "days_off": days_off,
            "days_off_text": (words("days_off", lang, days="; ".join(d["text"] for d in days_off)) if days_off
                              else words("no_days_off", lang))}


def text_list(tl: Timeline, lang: str = "vi") -> str:
    """The text alternative as plain lines (the `timeline --format text` output)."""
    data = entries(tl, lang)
    lines = [data["title"], f"{data['span']} · {data['today_text']}", ""]
    for chain in data["chains"]:
        lines.append(chain["title"])
        for row in chain["rows"]:
            lines.append(f"  {row['unit_name']} — {row['title']}")
            lines.extend(f"    {item['text']}" for item in row["items"])
        lines.append("")
    if not data["chains"]:
        lines.extend([words("none", lang), ""])
    lines.append(data["days_off_text"])
    return "\n".join(lines) + "\n"


def list_html(tl: Timeline, lang: str = "vi") -> str:
    """The text alternative as an HTML fragment for the page to show beside the picture:
    a list of chains, rows and dates in <time datetime> elements."""
    data = entries(tl, lang)
    out = [f"<div class='timeline-list' lang='{'en' if lang == 'en' else 'vi'}'>",
           f"<p>{escape(data['span'])} · <time datetime='{data['today']}'>{escape(data['today_text'])}</time></p>"]
    if not data["chains"]:
        out.append(f"<p>{escape(words('none', lang))}</p>")
    out.append("<ul>")
    for chain in data["chains"]:
        out.append(f"<li>{escape(chain['title'])}<ul>")
        for row in chain["rows"]:
            items = "".join(f"<li><time datetime='{item['deadline']}'>{escape(item['text'])}</time></li>"
                            for item in row["items"])
            out.append(f"<li>{escape(row['unit_name'])} — {escape(row['title'])}<ul>{items}</ul></li>")
        out.append("</ul></li>")
    out.append(f"</ul><p>{escape(data['days_off_text'])}</p></div>")
    return "".join(out)
