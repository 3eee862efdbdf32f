"""The explanation of one deadline as a page: numbered steps a clerk can follow.

Built from the ``explain`` JSON (render/explain.py), as the command line's text is: the
source quoted, the window, each day off by name, the chain of levels with unit names, the
effective deadline and what decided it, the log. File and line of each fact go in a
``<details>`` block for those who maintain the rules. Dates for people come from day_text.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from obligations.render.day_text import period_text
from obligations.render.labels import Labels, npmsg, pmsg
from obligations.render.emphasis import plain
from obligations.render.page import shell, time_tag

_T = Labels([
    pmsg("head", "Why the deadline is {deadline}"),
    pmsg("what", "{title} — {unit_name}, period {period}"),
    pmsg("s_source", "The directive"),
    pmsg("says", "{directive}, section {section}, says:"),
    pmsg("implements", "This directive implements: {chain}"),
    pmsg("s_window", "The window"),
    pmsg("window", "From {start} to the last allowed day {last}."),
    pmsg("s_calendar", "Days off and working days"),
    pmsg("skip", "{date}: {reason}, day off"),
    pmsg("no_skip", "The last allowed day is a working day: no move."),
    pmsg("anchor", "Tied to {name} ({date})"),
    pmsg("own", "Own deadline by the directive: {date}."),
    pmsg("s_route", "Where it goes"),
    pmsg("route", "Issued by {issuer}. To: {recipient}."),
    pmsg("assumed", "Assumptions:"),
    pmsg("s_levels", "The levels above"),
    npmsg("level", "{child} feeds {parent}: {parent}'s own deadline {own}, effective {eff}; "
                   "{n} working day to aggregate.",
                   "{child} feeds {parent}: {parent}'s own deadline {own}, effective {eff}; "
                   "{n} working days to aggregate."),
    pmsg("level_nolead", "{child} feeds {parent}: {parent}'s own deadline {own}, effective {eff}."),
    pmsg("level_same", "The same report of {parent} under another directive: own deadline {own}, effective {eff}."),
    pmsg("no_levels", "No level above sets an earlier deadline."),
    pmsg("s_decided", "The effective deadline"),
    pmsg("decided", "The effective deadline is {date}, set by:"),
    npmsg("lead", "minus {n} working day", "minus {n} working days"),
    pmsg("opens", "The effective window opens on {date}."),
    pmsg("s_conflicts", "Conflicts"),
    pmsg("s_log", "The log"),
    pmsg("delivered", "Delivered on {date}{ref}."),
    pmsg("not_delivered", "No delivery recorded."),
    pmsg("extended", "Extended until {date}{ref}."),
    pmsg("ref", ", document {ref}"),
    pmsg("maint", "For those who maintain the rules: files and lines"),
    pmsg("back", "Back to the page of what is due"),
])


def _t(key: str, lang: str, **values: object) -> str:
    return _T(key, lang, **values)


def _with_dates(key: str, lang: str, dates: dict[str, str], **values: object) -> str:
    """A sentence whose dates become ``<time>`` elements: the words escaped, the dates marked up."""
    marks = {name: f"\x00{i}\x00" for i, name in enumerate(dates)}
    text = escape(_t(key, lang, **values, **marks))
    for name, iso in dates.items():
        text = text.replace(marks[name], time_tag(iso, lang, long=False))
    return text


def _unit_of(occurrence: str) -> str:
    return occurrence.split("|", 1)[0]


def render_explain(doc: dict[str, Any], lang: str, back: str, name_of: Callable[[str], str]) -> str:
    lang = "en" if lang == "en" else "vi"
    steps: list[str] = []

    # 1. the directive, quoted
    out = [f"<h2>{_t('s_source', lang)}</h2>"]
    for s in doc["sources"]:
        out.append(f"<p>{escape(_t('says', lang, directive=s['directive'], section=s['section']))}</p>"
                   f"<blockquote><p>{escape(plain(s['text']))}</p></blockquote>")
    if len(doc["chain"]) > 1:
        out.append(f"<p>{escape(_t('implements', lang, chain=' → '.join(doc['chain'][1:])))}</p>")
    steps.append("".join(out))

    # 2. the window
    steps.append(f"<h2>{_t('s_window', lang)}</h2><p>"
                 + _with_dates("window", lang, {"start": doc["window_start"], "last": doc["last_allowed"]}) + "</p>")

    # 3. the calendar: each day passed over by name
    out = [f"<h2>{_t('s_calendar', lang)}</h2>"]
    for a in doc["anchor"]:
        out.append("<p>" + _with_dates("anchor", lang, {"date": a["date"]}, name=a["name"]) + "</p>")
    skipped = doc["calendar"]["skipped"]
    if skipped:
        out.append("<ul>" + "".join("<li>" + _with_dates("skip", lang, {"date": m["date"]}, reason=m["reason"]) + "</li>"
                                    for m in skipped) + "</ul>")
    else:
        out.append(f"<p>{_t('no_skip', lang)}</p>")
    out.append("<p>" + _with_dates("own", lang, {"date": doc["own_deadline"]}) + "</p>")
    steps.append("".join(out))

    # 4. where it goes, and what is assumed
    out = [f"<h2>{_t('s_route', lang)}</h2><p>"
           + escape(_t("route", lang, issuer=doc["issuer"]["name"],
                       recipient=doc["recipient"]["name"] if doc["recipient"] else "—")) + "</p>"]
    if doc["routing"]:
        out.append("<ul>" + "".join(f"<li>{escape(n)}</li>" for n in doc["routing"]) + "</ul>")
    if doc["assumptions"]:
        out.append(f"<p>{_t('assumed', lang)}</p><ul>"
                   + "".join(f"<li>{escape(a['text'])}</li>" for a in doc["assumptions"]) + "</ul>")
    steps.append("".join(out))

    # 5. the chain of levels, with unit names
    out = [f"<h2>{_t('s_levels', lang)}</h2>"]
    if doc["above"]:
        out.append("<ol>")
        for e in doc["above"]:
            dates = {"own": e["own_deadline"]}
            if e["effective_deadline"]:
                dates["eff"] = e["effective_deadline"]
            child, parent = _unit_of(e["fed_by"]), e["unit"]
            key = "level_same" if child == parent else "level" if e["lead_working_days"] else "level_nolead"
            out.append("<li>" + _with_dates(key, lang, dates, child=name_of(child),
                                            parent=name_of(parent), n=e["lead_working_days"],
                                            **({} if "eff" in dates else {"eff": "—"}))
                       + f"<br><q>{escape(e['lead_text'])}</q></li>")
        out.append("</ol>")
    else:
        out.append(f"<p>{_t('no_levels', lang)}</p>")
    steps.append("".join(out))

    # 6. the effective deadline and what decided it
    out = [f"<h2>{_t('s_decided', lang)}</h2><p>" + _with_dates("decided", lang, {"date": doc["deadline"]}) + "</p><ul>"]
    for c in doc["decided_by"]:
        lead = f" ({escape(_t('lead', lang, n=c['lead_working_days']))})" if c["kind"] == "lead" else ""
        out.append(f"<li>{time_tag(c['date'], lang, long=False)}: {escape(c['source'])}{lead}"
                   + (f"<br><q>{escape(plain(c['text']))}</q>" if c.get("text") else "") + "</li>")
    out.append("</ul><p>" + _with_dates("opens", lang, {"date": doc["effective_window_start"]}) + "</p>")
    steps.append("".join(out))

    # 7. conflicts
    if doc["conflicts"]:
        out = [f"<h2>{_t('s_conflicts', lang)}</h2>"]
        for c in doc["conflicts"]:
            out.append(f"<p class='error'>{escape(c['message'])}</p><ul>"
                       + "".join(f"<li>{escape(a)}</li>" for a in c["advice"]) + "</ul>")
        steps.append("".join(out))

    # 8. the log
    sub, ext = doc["submission"], doc["extension"]
    out = [f"<h2>{_t('s_log', lang)}</h2>"]
    if sub:
        ref = _t("ref", lang, ref=sub["ref"]) if sub["ref"] else ""
        out.append("<p>" + _with_dates("delivered", lang, {"date": sub["delivered_on"]}, ref=ref) + "</p>")
    else:
        out.append(f"<p>{_t('not_delivered', lang)}</p>")
    if ext:
        ref = _t("ref", lang, ref=ext["ref"]) if ext["ref"] else ""
        out.append("<p>" + _with_dates("extended", lang, {"date": ext["until"]}, ref=ref) + "</p>")
    steps.append("".join(out))

    files = [f"{s['directive']} {s['section']}: {s['file']}" for s in doc["sources"]]
    files += [f"{e['lead_source']}" for e in doc["above"]]
    body = [f"<p><a href=\"{escape(back)}\">{_t('back', lang)}</a></p>",
            "<h1>" + _with_dates("head", lang, {"deadline": doc["deadline"]}) + "</h1>",
            f"<p>{escape(_t('what', lang, title=doc['title'], unit_name=doc['unit_name'], period=period_text(doc['period'], lang)))}</p>",
            "<ol class='steps'>" + "".join(f"<li>{s}</li>" for s in steps) + "</ol>",
            f"<details><summary>{_t('maint', lang)}</summary><ul>"
            + "".join(f"<li><code>{escape(f)}</code></li>" for f in files) + "</ul></details>"]
    title = _t("what", lang, title=doc["title"], unit_name=doc["unit_name"], period=period_text(doc["period"], lang))
    return shell(title, lang, "".join(body))

