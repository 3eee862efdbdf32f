"""A year of report chains as an SVG picture: the reconciliation seen at a glance.

One band per report chain (a duty of the unit, then the duties it feeds at the levels
above, cell → commune → province). Each row shows the occurrences of one duty at one
unit: the own window as an outlined bar, the effective window as a filled bar, the own
deadline as a hollow diamond and the effective deadline as a filled one. An arrow runs
from the deadline above that decided a tightened deadline down to it, labelled with the
lead time. Conflicts are red; days off are shaded. The picture takes the data of
obligations.report.timeline and draws it, wording its reasons in the language asked for:
no computation of dates happens here.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from obligations.render.labels import Labels
from obligations.render.messages import constraint_source, move_reason, origin_source, pick
from obligations.report.timeline import Arrow, Bar, Chain, DayOff, Row, Timeline

__all__ = ["Arrow", "Bar", "Chain", "DayOff", "Row", "Timeline", "draw"]


_t = Labels({
    "title": ("Chuỗi báo cáo năm {year} — {name} ({unit})", "Report chains {year} — {name} ({unit})"),
    "own": ("hạn riêng", "own deadline"),
    "eff": ("hạn hiệu lực", "effective deadline"),
    "window": ("thời gian thực hiện", "window"),
    "conflict": ("xung đột", "conflict"),
    "off": ("ngày nghỉ", "day off"),
    "lead": ("−{n} ngày làm việc", "−{n} working days"),
    "same": ("cùng báo cáo", "same report"),
    "feeds": ("gửi lên", "feeds"),
    "none": ("Không có báo cáo nào trong năm này.", "No reports in this year."),
    "months": ("Th1 Th2 Th3 Th4 Th5 Th6 Th7 Th8 Th9 Th10 Th11 Th12",
               "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"),
})

LEFT = 300          # the label column
DAY = 3             # pixels per day
ROW = 30
BAND_HEAD = 24
TOP = 70
RED = "#c62828"


def _x(day: dt.date, year: int) -> float:
    return LEFT + (day - dt.date(year, 1, 1)).days * DAY


def _clip(day: dt.date, year: int) -> dt.date:
    return min(max(day, dt.date(year, 1, 1)), dt.date(year, 12, 31))


def _short(text: str, size: int) -> str:
    return text if len(text) <= size else text[:size - 1] + "…"


def _diamond(x: float, y: float, size: float, fill: str, stroke: str, cls: str, title: str) -> str:
    pts = f"{x},{y - size} {x + size},{y} {x},{y + size} {x - size},{y}"
    return (f'<polygon class="{cls}" points="{pts}" fill="{fill}" stroke="{stroke}" stroke-width="1.5">'
            f"<title>{escape(title)}</title></polygon>")


def _note(bar: Bar) -> str:
    """The tooltip: the constraints that set the deadline, in order."""
    return " → ".join(f"{constraint_source(c)} ({c.date.isoformat() if c.date else '?'})" for c in bar.decided_by)


def _bar(bar: Bar, y: float, year: int, lang: str) -> list[str]:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if bar.own_deadline < first and bar.deadline < first or min(bar.own_start, bar.start) > last:
        return []
    colour = RED if bar.conflict else "#1565c0"
    cls = "bar conflict" if bar.conflict else "bar"
    out = [f'<g class="{cls}" data-key="{escape(bar.key)}"><title>{escape(bar.period)}: {escape(_note(bar))}</title>']
    x0, x1 = _x(_clip(bar.own_start, year), year), _x(_clip(bar.own_deadline, year), year) + DAY
    out.append(f'<rect x="{x0}" y="{y - 7}" width="{max(x1 - x0, 1)}" height="14" fill="none" '
               f'stroke="{colour}" stroke-dasharray="3 2"/>')
    if bar.start <= bar.deadline:
        e0, e1 = _x(_clip(bar.start, year), year), _x(_clip(bar.deadline, year), year) + DAY
        out.append(f'<rect x="{e0}" y="{y - 5}" width="{max(e1 - e0, 1)}" height="10" fill="{colour}" '
                   'fill-opacity="0.35"/>')
    if first <= bar.own_deadline <= last:
        out.append(_diamond(_x(bar.own_deadline, year) + DAY / 2, y, 6, "white", colour, "own",
                            f"{_t('own', lang)} {bar.own_deadline.isoformat()}"))
    if first <= bar.deadline <= last:
        out.append(_diamond(_x(bar.deadline, year) + DAY / 2, y, 5, colour, colour, "effective",
                            f"{_t('eff', lang)} {bar.deadline.isoformat()}"))
    out.append("</g>")
    return out


def _arrow(arrow: Arrow, where: dict[str, tuple[float, float]], lang: str) -> list[str]:
    if arrow.parent not in where or arrow.child not in where:
        return []
    (px, py), (cx, cy) = where[arrow.parent], where[arrow.child]
    label = (_t("lead", lang, n=arrow.lead) if arrow.lead
             else _t("same", lang) if arrow.same else _t("feeds", lang))
    mid = (py + cy) / 2
    # an S from the deadline above (drawn on a lower row) to the deadline it decided
    step = 7 if py < cy else -7
    path = f"M{px},{py + step} C{px},{mid} {cx},{mid} {cx},{cy - step - (1 if step > 0 else -1)}"
    stroke = 'stroke="#444" stroke-width="1.3"' if arrow.decided else 'stroke="#999" stroke-width="1" stroke-dasharray="3 3"'
    return [f'<g class="arrow" data-decided="{str(arrow.decided).lower()}"><title>{escape(origin_source(arrow.origin))}</title>'
            f'<path d="{path}" fill="none" {stroke} marker-end="url(#head)"/>'
            f'<text x="{min(px, cx) - 6}" y="{mid + 4}" font-size="10" text-anchor="end" fill="#333" '
            'paint-order="stroke" stroke="white" stroke-width="3">'
            f"{escape(label)}</text></g>"]


def draw(tl: Timeline, lang: str = "vi") -> str:
    lang = "en" if lang == "en" else "vi"
    year = tl.year
    days = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
    width = LEFT + days * DAY + 20
    rows = sum(len(c.rows) for c in tl.chains)
    height = TOP + len(tl.chains) * BAND_HEAD + rows * ROW + 60
    body: list[str] = []
    for off in tl.days_off:
        colour = "#eeeeee" if off.weekend else "#ffe0b2"
        body.append(f'<rect class="{"weekend" if off.weekend else "dayoff"}" x="{_x(off.day, year)}" y="{TOP - 10}" '
                    f'width="{DAY}" height="{height - TOP - 40}" fill="{colour}"><title>{off.day.isoformat()} '
                    f"{escape(move_reason(off.why, lang))}</title></rect>")
    for month, name in enumerate(_t("months", lang).split(), start=1):
        x = _x(dt.date(year, month, 1), year)
        body.append(f'<line x1="{x}" y1="{TOP - 20}" x2="{x}" y2="{height - 50}" stroke="#bbb" stroke-width="0.6"/>')
        body.append(f'<text x="{x + 4}" y="{TOP - 22}" font-size="11" fill="#333">{name}</text>')
    y = TOP
    for chain in tl.chains:
        chain_title = f"{pick(lang, chain.title_vi, chain.title_en)} ({chain.number})"
        body.append(f'<text class="chain" x="8" y="{y + 16}" font-size="12" font-weight="bold">'
                    f"{escape(chain_title)}</text>")
        y += BAND_HEAD
        where: dict[str, tuple[float, float]] = {}
        for row in chain.rows:
            mid = y + ROW / 2
            row_title = pick(lang, row.title_vi, row.title_en)
            label = f"{row.unit_name} — {row_title}"
            body.append(f'<text class="row" x="8" y="{mid - 2}" font-size="10" font-weight="bold">'
                        f"<title>{escape(label)}</title>{escape(_short(row.unit_name, 52))}</text>"
                        f'<text x="8" y="{mid + 10}" font-size="10" fill="#444">{escape(_short(row_title, 54))}</text>')
            body.append(f'<line x1="{LEFT}" y1="{y + ROW}" x2="{width - 20}" y2="{y + ROW}" stroke="#e0e0e0"/>')
            for bar in row.bars:
                body.extend(_bar(bar, mid, year, lang))
                if dt.date(year, 1, 1) <= bar.deadline <= dt.date(year, 12, 31):
                    where[bar.key] = (_x(bar.deadline, year) + DAY / 2, mid)
            y += ROW
        for arrow in chain.arrows:
            body.extend(_arrow(arrow, where, lang))
    if not tl.chains:
        body.append(f'<text x="{LEFT}" y="{TOP + 20}" font-size="13">{escape(_t("none", lang))}</text>')
    legend_y = height - 24
    legend = [
        f'<rect x="8" y="{legend_y - 9}" width="24" height="10" fill="#1565c0" fill-opacity="0.35"/>'
        f'<text x="36" y="{legend_y}" font-size="11">{_t("window", lang)}</text>',
        _diamond(150, legend_y - 4, 6, "white", "#1565c0", "legend", _t("own", lang))
        + f'<text x="160" y="{legend_y}" font-size="11">{_t("own", lang)}</text>',
        _diamond(270, legend_y - 4, 5, "#1565c0", "#1565c0", "legend", _t("eff", lang))
        + f'<text x="280" y="{legend_y}" font-size="11">{_t("eff", lang)}</text>',
        f'<rect x="400" y="{legend_y - 9}" width="24" height="10" fill="{RED}" fill-opacity="0.35"/>'
        f'<text x="428" y="{legend_y}" font-size="11">{_t("conflict", lang)}</text>',
        f'<rect x="520" y="{legend_y - 9}" width="10" height="10" fill="#ffe0b2"/>'
        f'<text x="534" y="{legend_y}" font-size="11">{_t("off", lang)}</text>',
    ]
    title = _t("title", lang, year=year, name=tl.unit_name, unit=tl.unit)
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" id="timeline" class="timeline" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" role="img" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker></defs>',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="8" y="22" font-size="15" font-weight="bold">{escape(title)}</text>',
        *body, *legend, "</svg>", ""])
