"""The overview page of a unit: the four-way count of each unit below it, sorted by overdue, a bar
per unit (plain HTML and CSS, no script), built from the ``count`` document (docs/schemas/count.json)
the API returns, never from a second computation."""

from __future__ import annotations

from html import escape
from typing import Any

from obligations.render.count import CATEGORIES, word as _words
from obligations.render.day_text import day_iso
from obligations.render.labels import Labels, number, pmsg
from obligations.render.page import link, shell

_t = Labels([
    pmsg("overview.title", "Overview of {name}: deadlines from {start} to {end}, as of {on}"),
    pmsg("overview.units", "Units, most overdue first"),
    pmsg("overview.bar", "{name}: {on_time} on time, {late} late, {within} not yet due, {overdue} overdue"),
    pmsg("overview.none", "nothing due in the range"),
])
COLOURS = {"on_time": "#1b5e20", "late": "#6a1b9a", "within": "#0b4f9c", "overdue": "#b71c1c"}
CSS = ("table.ov{border-collapse:collapse;width:100%}table.ov td,table.ov th{padding:4px 6px;"
       "border-bottom:1px solid #ddd;text-align:right}table.ov td:first-child,table.ov th:first-child{text-align:left}"
       ".bar{display:flex;height:14px;min-width:160px;border:1px solid #999}.bar span{display:block;height:100%}"
       ".key span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}")


def _bar(counts: dict[str, Any], name: str, lang: str) -> str:
    total = counts["total"]
    label = escape(_t("overview.bar", lang, name=name, **{c: counts[c] for c in CATEGORIES}))
    if not total:
        return f"<span class='small'>{_t('overview.none', lang)}</span>"
    parts = "".join(f"<span style='width:{100 * counts[c] / total:.2f}%;background:{COLOURS[c]}'></span>"
                    for c in CATEGORIES if counts[c])
    return f"<div class='bar' role='img' aria-label=\"{label}\">{parts}</div>"


def render_overview(doc: dict[str, Any], lang: str, token: str | None = None) -> str:
    """``doc``: a ``count`` document by unit. Each row is the count under a unit below the root
    (its own and its units'), most overdue first (then most late, then by id)."""
    root = doc["unit"]
    rows = [g for g in doc["groups"] if g["unit"] != root]
    rows.sort(key=lambda g: (-g["under"]["overdue"], -g["under"]["late"], g["unit"]))
    rows.insert(0, next(g for g in doc["groups"] if g["unit"] == root))
    head = "".join(f"<th scope='col'>{escape(_words(f'count.{c}', lang))}</th>" for c in CATEGORIES)
    body = []
    for g in rows:
        c = g["under"]
        name = f"{g['name']} ({g['unit']})"
        href = link(f"/units/{g['unit']}/overview", lang=lang if lang == "en" else None, token=token,
                    **{"from": doc["from"], "to": doc["to"], "on": doc["on"]})
        cells = "".join(f"<td>{number(c[k], lang)}</td>" for k in CATEGORIES)
        body.append(f"<tr><td><a href=\"{href}\">{escape(name)}</a></td>{cells}"
                    f"<td>{number(c['late_working_days'], lang)}</td><td>{_bar(c, name, lang)}</td></tr>")
    key = "".join(f"<span style='background:{COLOURS[c]}'></span>{escape(_words(f'count.{c}', lang))}"
                  for c in CATEGORIES)
    title = _t("overview.title", lang, name=doc["name"], start=day_iso(doc["from"], lang), end=day_iso(doc["to"], lang),
               on=day_iso(doc["on"], lang))
    html = (f"<style>{CSS}</style><h1>{escape(title)}</h1><h2>{escape(_t('overview.units', lang))}</h2>"
            f"<p class='key small'>{key}</p><table class='ov'><thead><tr><th scope='col'>"
            f"{escape(_words('count.by_unit', lang))}</th>{head}<th scope='col'>{escape(_words('count.late_days', lang))}"
            f"</th><th scope='col'></th></tr></thead><tbody>{''.join(body)}</tbody></table>"
            f"<p class='small'>{escape(_words('count.note', lang))}</p>")
    return shell(title, lang, html)
