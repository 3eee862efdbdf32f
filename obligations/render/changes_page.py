"""The unit page's section "Thay đổi từ …" / "Changes since …": the changes document (docs/schemas/
changes.json) as HTML, the changes not yet acknowledged first. Built from the API's JSON, never from
a second computation; dates for people from render/day_text.py."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from obligations.render.changes_json import word
from obligations.render.day_text import day


def _day(iso: str | None, lang: str) -> str:
    if not iso:
        return ""
    return f"<time datetime='{escape(iso)}'>{escape(day(dt.date.fromisoformat(iso), lang))}</time>"


def changes_section(doc: dict[str, Any], since: dt.date, lang: str) -> str:
    """The section, or "" when nothing changed (the page stays as it was)."""
    changes = sorted(doc["changes"], key=lambda c: c["acknowledged"] is not None)    # stable: not yet first
    if not changes:
        return ""
    head = escape(word("changes.since", lang, day="\0")).replace("\0", _day(since.isoformat(), lang))
    out = [f"<section aria-labelledby='changes-h'><h2 id='changes-h'>{head} ({len(changes)})</h2><ul>"]
    for c in changes:
        dates = " → ".join(_day(c[k], lang) for k in ("old_deadline", "new_deadline") if c[k])
        state = (escape(word("changes.ack", lang, by=c["acknowledged"]["by"], at=c["acknowledged"]["at"]))
                 if c["acknowledged"] else f"<strong>{escape(word('changes.new_ack', lang))}</strong>")
        causes = "".join(f"<li>{escape(x['text'])}</li>" for x in c["causes"])
        out.append(f"<li><strong>{escape(word('changes.' + c['change'], lang))}</strong> · "
                   f"{escape(c['unit_name'])} · {escape(c['title'])} ({escape(c['period'])}) · {dates}"
                   f"<br><span class='small'>{state}</span><ul class='small'>{causes}</ul></li>")
    out.append("</ul></section>")
    return "".join(out)
