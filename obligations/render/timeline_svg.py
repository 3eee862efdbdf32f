"""A unit's report chains as an SVG picture, and the same content as a text list.

One band per report chain (a duty of the unit, then the duties it feeds at the levels
above, cell → commune → province). Each row is one duty at one unit: a line naming it, a
line (or more) with the exact dates written out (the deadlines, the conflicts, the
deliveries: touch screens show no tooltips), then a strip where the own window is an
outlined bar, the effective window a filled bar, the own deadline a hollow diamond and the
effective deadline a filled one. An arrow runs from the deadline above that decided a
tightened deadline down to it, labelled with the lead time.

Colour is never the only sign: conflicts are cross-hatched and named in words, overdue
deadlines carry a ringed "!" and the word, public days off are hatched, weekends plain grey;
today is a dark line labelled with its date. The legend shows every sign.

Layout: the picture is ``WIDTH`` units wide in its viewBox whatever the span, so it scales
to its box (the page embeds it at 100 % width); labels sit above their strip rather than in
a left column, so the whole width is for the days. Below ``MIN_WIDTH`` CSS pixels it stops
shrinking and its box scrolls sideways: with the default span (two months before today's,
four after) today lies within the first 3/7 of the picture, so inside the first 390 px of a
phone's screen without scrolling. Every text is fitted to the width by an estimate of its
characters (``_width``); a longer text is cut with "…" and kept whole in its ``<title>``.

The picture takes the data of obligations.report.timeline and draws it, wording it in the
language asked for: no computation of dates happens here.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from obligations.render.day_text import day, period_text
from obligations.render.messages import move_reason, origin_brief, pick
from obligations.render.timeline_text import (bar_words, entries, in_span, list_html, overdue,
                                              text_list, words)
from obligations.report.timeline import Arrow, Bar, Chain, DayOff, Row, Timeline

__all__ = ["Arrow", "Bar", "Chain", "DayOff", "Row", "Timeline", "draw", "entries", "text_list", "list_html",
           "WIDTH", "MIN_WIDTH"]



WIDTH = 960          # the viewBox width: the page's box is 936 CSS px at 1280 px
MIN_WIDTH = 760      # CSS px below which the picture scrolls sideways instead of shrinking
PAD = 12
TOP = 92             # where the first chain starts
CHAIN = 26
LABEL = 18           # the line naming a row
LINE = 15            # each line of dates
STRIP = 26           # the bars
RED = "#c62828"
BLUE = "#1565c0"
FONT = "system-ui, 'Noto Sans', 'DejaVu Sans', sans-serif"


def _width(text: str, size: float, bold: bool = False) -> float:
    """An upper estimate of the width of ``text`` in a sans-serif font (Vietnamese
    diacritics sit above or below their letter and add no width)."""
    return len(text) * size * (0.66 if bold else 0.6)


def _fit(text: str, size: float, room: float, bold: bool = False) -> str:
    if _width(text, size, bold) <= room:
        return text
    n = max(int(room / (size * (0.66 if bold else 0.6))) - 1, 1)
    return text[:n].rstrip() + "…"


def _wrap(parts: list[str], size: float, room: float, sep: str = " · ") -> list[str]:
    """The parts joined on as few lines as fit ``room``; a part longer than a line is cut."""
    lines: list[str] = []
    for part in parts:
        part = _fit(part, size, room)
        if lines and _width(lines[-1] + sep + part, size) <= room:
            lines[-1] += sep + part
        else:
            lines.append(part)
    return lines


def _text(x: float, y: float, text: str, size: float, *, bold: bool = False, anchor: str = "start",
          cls: str = "", fill: str = "#1a1a1a", full: str | None = None) -> str:
    """A text element; ``full`` (the whole text when cut) goes in its <title>."""
    attrs = f' class="{cls}"' if cls else ""
    weight = ' font-weight="bold"' if bold else ""
    tip = f"<title>{escape(full)}</title>" if full is not None and full != text else ""
    return (f'<text{attrs} x="{x:.1f}" y="{y:.1f}" font-size="{size}"{weight} text-anchor="{anchor}" '
            f'fill="{fill}">{tip}{escape(text)}</text>')


class _Scale:
    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.first, self.last = first, last
        self.per_day = (WIDTH - 2 * PAD) / ((last - first).days + 1)

    def x(self, d: dt.date) -> float:
        """The left edge of day ``d``."""
        return PAD + (d - self.first).days * self.per_day

    def mid(self, d: dt.date) -> float:
        return self.x(d) + self.per_day / 2

    def clip(self, d: dt.date) -> dt.date:
        return min(max(d, self.first), self.last)

    def shows(self, d: dt.date) -> bool:
        return self.first <= d <= self.last


# -- the picture ---------------------------------------------------------------------------

def _diamond(x: float, y: float, size: float, fill: str, stroke: str, cls: str, title: str) -> str:
    pts = f"{x:.1f},{y - size:.1f} {x + size:.1f},{y:.1f} {x:.1f},{y + size:.1f} {x - size:.1f},{y:.1f}"
    return (f'<polygon class="{cls}" points="{pts}" fill="{fill}" stroke="{stroke}" stroke-width="1.5">'
            f"<title>{escape(title)}</title></polygon>")


def _overdue_mark(x: float, y: float) -> str:
    return (f'<g class="overdue-mark"><circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="white" stroke="{RED}" '
            f'stroke-width="1.5"/><text x="{x:.1f}" y="{y + 4:.1f}" font-size="10" font-weight="bold" '
            f'text-anchor="middle" fill="{RED}">!</text></g>')


def _bar(bar: Bar, overdue: bool, y: float, s: _Scale, lang: str) -> list[str]:
    colour = RED if bar.conflict else BLUE
    cls = "bar conflict" if bar.conflict else "bar overdue" if overdue else "bar"
    note = " → ".join(f"{origin_brief(c.origin, lang)} ({day(c.date, lang) if c.date else '?'})" for c in bar.decided_by)
    out = [f'<g class="{cls}" data-key="{escape(bar.key)}" data-deadline="{bar.deadline.isoformat()}">'
           f"<title>{escape(period_text(bar.period, lang))}: {escape(note)}</title>"]
    x0, x1 = s.x(s.clip(bar.own_start)), s.x(s.clip(bar.own_deadline)) + s.per_day
    out.append(f'<rect x="{x0:.1f}" y="{y - 8:.1f}" width="{max(x1 - x0, 1):.1f}" height="16" fill="none" '
               f'stroke="{colour}" stroke-dasharray="3 2"/>')
    if bar.start <= bar.deadline:
        e0, e1 = s.x(s.clip(bar.start)), s.x(s.clip(bar.deadline)) + s.per_day
        fill = "url(#tl-conflict)" if bar.conflict else BLUE
        opacity = "1" if bar.conflict else "0.35"
        out.append(f'<rect x="{e0:.1f}" y="{y - 5:.1f}" width="{max(e1 - e0, 1):.1f}" height="10" fill="{fill}" '
                   f'fill-opacity="{opacity}" stroke="{colour}" stroke-width="0.5"/>')
    elif bar.conflict:
        # the window opens after the deadline: the days in between, cross-hatched
        e0, e1 = s.x(s.clip(bar.deadline)), s.x(s.clip(bar.start)) + s.per_day
        out.append(f'<rect x="{e0:.1f}" y="{y - 5:.1f}" width="{max(e1 - e0, 1):.1f}" height="10" '
                   f'fill="url(#tl-conflict)" stroke="{RED}" stroke-width="0.5"/>')
    if s.shows(bar.own_deadline):
        out.append(_diamond(s.mid(bar.own_deadline), y, 7, "white", colour, "own",
                            words("own_at", lang, date=day(bar.own_deadline, lang))))
    if s.shows(bar.deadline):
        out.append(_diamond(s.mid(bar.deadline), y, 5, colour, colour, "effective",
                            words("deadline", lang, date=day(bar.deadline, lang))))
        if overdue:
            out.append(_overdue_mark(s.mid(bar.deadline), y - 14))
    out.append("</g>")
    return out


def _arrow(arrow: Arrow, where: dict[str, tuple[float, float]], lang: str) -> list[str]:
    if arrow.parent not in where or arrow.child not in where:
        return []
    (px, py), (cx, cy) = where[arrow.parent], where[arrow.child]
    label = (words("lead", lang, n=arrow.lead) if arrow.lead
             else words("same", lang) if arrow.same else words("feeds", lang))
    mid = (py + cy) / 2
    # an S from the deadline above (drawn on a lower row) to the deadline it decided
    step = 7 if py < cy else -7
    path = (f"M{px:.1f},{py + step:.1f} C{px:.1f},{mid:.1f} {cx:.1f},{mid:.1f} "
            f"{cx:.1f},{cy - step - (1 if step > 0 else -1):.1f}")
    stroke = 'stroke="#444" stroke-width="1.3"' if arrow.decided else 'stroke="#777" stroke-width="1" stroke-dasharray="3 3"'
    size = 11
    # the label in the strip of the deadline it decided, right of it (left near the right edge):
    # never over the line naming a row
    if cx + 10 + _width(label, size) <= WIDTH - PAD:
        x, anchor = cx + 10, "start"
    else:
        x, anchor = max(cx - 10, PAD + _width(label, size)), "end"
    return [f'<g class="arrow" data-decided="{str(arrow.decided).lower()}"><title>{escape(origin_brief(arrow.origin, lang))}</title>'
            f'<path d="{path}" fill="none" {stroke} marker-end="url(#tl-head)"/>'
            f'<text x="{x:.1f}" y="{cy + 4:.1f}" font-size="{size}" text-anchor="{anchor}" fill="#333" '
            f'paint-order="stroke" stroke="white" stroke-width="3">{escape(label)}</text></g>']


def _months(s: _Scale, lang: str, top: float, bottom: float) -> list[str]:
    names = words("months", lang).split()
    out = []
    year, month = s.first.year, s.first.month
    while dt.date(year, month, 1) <= s.last:
        start = max(dt.date(year, month, 1), s.first)
        x = s.x(start)
        name = names[month - 1]
        label = words("month_year", lang, month=name, year=year)
        if start != s.first and month != 1:
            label = name
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        room = s.x(min(nxt, s.last + dt.timedelta(days=1))) - x - 4
        if _width(label, 12) > room:
            label = name
        out.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="#999" stroke-width="0.6"/>')
        if _width(label, 12) <= room:
            out.append(_text(x + 3, top + 13, label, 12, cls="month", fill="#333"))
        year, month = nxt.year, nxt.month
    return out


def _legend(y: float, lang: str) -> tuple[list[str], float]:
    """The legend, flowed over as many lines as the width needs; returns its bottom."""
    keys: list[tuple[str, str]] = [
        (f'<rect x="0" y="-9" width="24" height="10" fill="{BLUE}" fill-opacity="0.35" stroke="{BLUE}" '
         'stroke-dasharray="3 2"/>', words("window", lang)),
        (_diamond(12, -4, 7, "white", BLUE, "legend", words("own", lang)), words("own", lang)),
        (_diamond(12, -4, 5, BLUE, BLUE, "legend", words("eff", lang)), words("eff", lang)),
        (f'<rect x="0" y="-9" width="24" height="10" fill="url(#tl-conflict)" stroke="{RED}" stroke-width="0.5"/>',
         words("conflict", lang)),
        (_overdue_mark(12, -4), words("overdue", lang)),
        ('<rect x="7" y="-12" width="10" height="16" fill="url(#tl-off)"/>', words("off", lang)),
        ('<rect x="7" y="-12" width="10" height="16" fill="#e4e4e4"/>', words("weekend", lang)),
        ('<line x1="12" y1="-13" x2="12" y2="5" stroke="#111" stroke-width="2"/>', words("today_key", lang)),
    ]
    out: list[str] = []
    x = float(PAD)
    for mark, label in keys:
        w = 30 + _width(label, 12) + 18
        if x + w > WIDTH - PAD and x > PAD:
            x, y = float(PAD), y + 22
        cls = "legend-" + str(len(out))
        out.append(f'<g class="key {cls}" transform="translate({x:.1f},{y:.1f})">{mark}'
                   f'{_text(30, 0, label, 12)}</g>')
        x += w
    return out, y + 12


def draw(tl: Timeline, lang: str = "vi") -> str:
    """The picture (see the module's description)."""
    lang = "en" if lang == "en" else "vi"
    s = _Scale(tl.first, tl.last)
    room = WIDTH - 2 * PAD
    body: list[str] = []       # chains and rows, drawn over the columns
    y = float(TOP)
    for chain in tl.chains:
        chain_title = f"{pick(lang, chain.title_vi, chain.title_en)} ({chain.number})"
        # an opaque band: the title is never drawn over the columns of the days off
        body.append(f'<rect class="band" x="0" y="{y:.1f}" width="{WIDTH}" height="{CHAIN}" fill="#f5f7fa"/>')
        body.append(_text(PAD, y + 18, _fit(chain_title, 14, room, bold=True), 14, bold=True, cls="chain",
                          full=chain_title))
        y += CHAIN
        where: dict[str, tuple[float, float]] = {}
        for row in chain.rows:
            label = f"{row.unit_name} — {pick(lang, row.title_vi, row.title_en)}"
            bars = [b for b in row.bars if in_span(b, tl)]
            dates = _wrap(["; ".join([w for w in bar_words(b, overdue(b, row, tl), lang)]) for b in bars], 12, room,
                          sep=" · ")
            head = LABEL + LINE * len(dates)
            body.append(f'<rect class="band" x="0" y="{y:.1f}" width="{WIDTH}" height="{head + 2}" fill="white"/>')
            body.append(_text(PAD, y + 14, _fit(label, 13, room, bold=True), 13, bold=True, cls="row", full=label))
            for i, line in enumerate(dates):
                body.append(_text(PAD, y + LABEL + 12 + i * LINE, line, 12, cls="dates", fill="#333"))
            y += head
            mid = y + STRIP / 2 + 2
            for bar in bars:
                body.extend(_bar(bar, overdue(bar, row, tl), mid, s, lang))
                if s.shows(bar.deadline):
                    where[bar.key] = (s.mid(bar.deadline), mid)
            y += STRIP + 4
            body.append(f'<line x1="0" y1="{y:.1f}" x2="{WIDTH}" y2="{y:.1f}" stroke="#ddd"/>')
        for arrow in chain.arrows:
            body.extend(_arrow(arrow, where, lang))
    if not tl.chains:
        body.append(_text(PAD, y + 20, _fit(words("none", lang), 13, room), 13))
        y += 32
    bottom = y
    columns = []
    for off in tl.days_off:
        if s.shows(off.day):
            fill = "#e4e4e4" if off.weekend else "url(#tl-off)"
            columns.append(f'<rect class="{"weekend" if off.weekend else "dayoff"}" x="{s.x(off.day):.1f}" '
                           f'y="{TOP}" width="{s.per_day:.2f}" height="{bottom - TOP:.1f}" fill="{fill}">'
                           f"<title>{escape(day(off.day, lang))} {escape(move_reason(off.why, lang))}</title></rect>")
    months = _months(s, lang, TOP - 20, bottom)
    # today: a dark line through the rows, its date written above them
    today: list[str] = []
    today_label: list[str] = []
    today_text = words("today" if s.shows(tl.today) else "today_outside", lang, date=day(tl.today, lang))
    if s.shows(tl.today):
        x = s.mid(tl.today)
        # left of the line, where a narrow screen shows it (see MIN_WIDTH); right of it near the left edge
        w = _width(today_text, 13, bold=True)
        anchor, tx = ("end", x - 5) if x - 5 - w >= PAD else ("start", x + 5)
        today = [f'<line class="today" data-day="{tl.today.isoformat()}" x1="{x:.1f}" y1="{TOP - 22}" '
                 f'x2="{x:.1f}" y2="{bottom:.1f}" stroke="#111" stroke-width="2"/>']
        today_label = [f'<text class="today" x="{tx:.1f}" y="{TOP - 26}" font-size="13" font-weight="bold" '
                       f'text-anchor="{anchor}" fill="#111" paint-order="stroke" stroke="white" stroke-width="3">'
                       f'{escape(today_text)}</text>']
    legend, end = _legend(bottom + 26, lang)
    height = int(end + 10)
    title = words("title", lang, name=tl.unit_name, unit=tl.unit)
    span = f"{words('span', lang, first=day(tl.first, lang), last=day(tl.last, lang))} · {today_text}"
    desc = " ".join(text_list(tl, lang).split("\n")[1:]).strip()
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" id="timeline" class="timeline" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" style="min-width:{MIN_WIDTH}px;max-width:{WIDTH * 2}px;height:auto;display:block" '
        f'font-family="{FONT}" role="img" aria-labelledby="timeline-title timeline-desc" '
        f'data-first="{tl.first.isoformat()}" data-last="{tl.last.isoformat()}">',
        f'<title id="timeline-title">{escape(title)}</title>',
        f'<desc id="timeline-desc">{escape(" ".join(desc.split()))}</desc>',
        '<defs><marker id="tl-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker>'
        '<pattern id="tl-off" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#ffe0b2"/><line x1="0" y1="0" x2="0" y2="6" stroke="#e65100" '
        'stroke-width="2"/></pattern>'
        '<pattern id="tl-conflict" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="#ffcdd2"/><path d="M0,0 L6,6 M6,0 L0,6" stroke="{RED}" '
        'stroke-width="1"/></pattern></defs>',
        f'<rect width="{WIDTH}" height="{height}" fill="white"/>',
        _text(PAD, 23, _fit(title, 16, room, bold=True), 16, bold=True, cls="title", full=title),
        _text(PAD, 43, _fit(span, 13, room), 13, cls="span", fill="#333", full=span),
        # the today line under the rows' texts (never hiding a word) and over the columns
        *columns, *months, *today, *body, *today_label, *legend, "</svg>", ""])
