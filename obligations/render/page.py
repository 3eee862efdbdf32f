"""The office page: what is due, by when, why, and the forms to record a delivery or an extension.

Plain HTML and a little CSS: no JavaScript, so it works on any phone browser. Sections follow
the order a clerk acts in (conflicts, overdue, this week, later, delivered); each item is a
heading with its deadline as ``<time datetime>``. The page is built from the same JSON the API
returns (the ``due`` document), never from a second computation; dates for people come from
render/day_text.py only.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from typing import Any
from urllib.parse import urlencode

from obligations.base.vocabulary import HORIZON_MAX
from obligations.render.day_text import day, day_long, period_text
from obligations.render.emphasis import plain
from obligations.render.page_words import WORDS as _T


# A proportional stack that has Vietnamese glyphs (stacked diacritics) on Windows, Android,
# macOS and Debian; never monospace for Vietnamese text.
FONTS = 'system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,"Liberation Sans",sans-serif'

CSS = """
*{box-sizing:border-box}
body{font-family:%s;margin:0 auto;padding:0 12px 40px;
 max-width:960px;line-height:1.5;font-size:16px;color:#1a1a1a;background:#fff}
a{color:#0b4f9c}a:focus,button:focus,input:focus,select:focus,summary:focus{outline:3px solid #b35c00;outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{position:static}
header.top{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:8px}
nav ul{list-style:none;display:flex;gap:16px;padding:0;margin:8px 0}
h1{font-size:1.4rem;margin:16px 0 4px}h2{font-size:1.2rem;margin:28px 0 8px;border-bottom:2px solid #ddd}
h3{font-size:1.05rem;margin:0 0 4px}
.item{border:1px solid #bbb;border-left:6px solid #0b4f9c;border-radius:6px;padding:10px 12px;margin:10px 0}
.item.overdue{border-left-color:#b71c1c}.item.due_soon{border-left-color:#b35c00}
.item.done{border-left-color:#1b5e20}.item.late{border-left-color:#6a1b9a}
.item.conflict{border-color:#b71c1c;background:#fff5f5}
.deadline{font-weight:bold}.status{display:inline-block;padding:0 8px;border-radius:10px;border:1px solid #555;
 font-size:.9rem;background:#fff}
.overdue .status,.conflict .status{border-color:#b71c1c;color:#b71c1c}
blockquote{margin:6px 0;padding-left:10px;border-left:3px solid #999;color:#333}
.svg{overflow-x:auto;border:1px solid #ccc}
form{display:grid;gap:8px;max-width:560px}label{display:grid;gap:2px;font-weight:bold}
input,select,button{font:inherit;padding:6px;width:100%%;max-width:100%%}
button{background:#0b4f9c;color:#fff;border:0;border-radius:4px;padding:8px;cursor:pointer}
.msg{background:#e8f5e9;border:1px solid #1b5e20;padding:8px;border-radius:4px}
.error{background:#fff5f5;border:1px solid #b71c1c;padding:8px;border-radius:4px}
.small{font-size:.9rem;color:#333}code{font-family:inherit;word-break:break-all;background:#f3f3f3;padding:0 3px}
details{margin-top:6px}summary{cursor:pointer;color:#0b4f9c}
ol.steps>li{margin:10px 0}
""" % FONTS


def t(key: str, lang: str, **values: object) -> str:
    return _T(key, lang, **values)


def _date(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def time_tag(iso: str, lang: str, *, long: bool = True) -> str:
    """A date for people inside ``<time datetime>``: machines read ISO, people dd/mm/yyyy."""
    d = _date(iso)
    return f"<time datetime=\"{d.isoformat()}\">{escape(day_long(d, lang) if long else day(d, lang))}</time>"


def link(path: str, **query: Any) -> str:
    pairs = {k: v for k, v in query.items() if v not in (None, "")}
    return escape(path + ("?" + urlencode(pairs) if pairs else ""))


def shell(title: str, lang: str, body: str, *, nav: str = "") -> str:
    """The frame of every page: language, skip link, banner, navigation, one ``<main>``."""
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
            f"<a class='skip' href='#main'>{t('skip', lang)}</a>"
            f"{nav}<main id='main'>{body}</main></body></html>")


def _left(item: dict[str, Any], lang: str) -> str:
    if item["days_left"] > 0:
        return t("left", lang, n=item["days_left"], working=t("working", lang, n=item["working_days_left"]))
    if item["days_left"] == 0:
        return t("today", lang)
    return t("late", lang, n=-item["days_left"], working=t("working", lang, n=-item["working_days_left"]))


def _late(item: dict[str, Any]) -> int:
    """Working days the delivery came after the deadline (0 when on time); the app adds the
    count as ``late_working_days`` (it needs the unit's calendar)."""
    sub = item.get("submission")
    if not sub or sub["delivered_on"] <= item["deadline"]:
        return 0
    return int(item.get("late_working_days") or 0)


def _status(item: dict[str, Any], lang: str) -> str:
    if item["status"] == "done":
        return t("status_late" if _late(item) else "status_done", lang)
    return t(item["status"], lang)


def _item(item: dict[str, Any], unit: str, lang: str, token: str | None) -> list[str]:
    late = _late(item)
    classes = ["item", item["status"]] + (["late"] if late else []) + \
        (["conflict"] if item["conflicts"] and item["status"] != "conflict" else [])
    hid = "i-" + re.sub(r"[^A-Za-z0-9_-]+", "-", item["id"])
    out = [f"<article class=\"{' '.join(classes)}\" id=\"{escape(hid)}\" aria-labelledby=\"{escape(hid)}-h\">",
           f"<h3 id=\"{escape(hid)}-h\">{escape(item['title'])} "
           f"<span class='small'>({escape(t('period', lang, period=period_text(item['period'], lang)))})</span></h3>",
           f"<p><span class='deadline'>{t('deadline', lang)}: {time_tag(item['deadline'], lang)}</span> "
           f"<span class='status'>{escape(_status(item, lang))}</span></p>"]
    sub = item["submission"]
    if sub:
        on = time_tag(sub["delivered_on"], lang, long=False)
        text = (escape(t("done_late", lang, n=late, on="\0")).replace("\0", on) if late
                else escape(t("done", lang, on="\0")).replace("\0", on))
        if sub["ref"]:
            text += ", " + escape(t("doc_ref", lang, ref=sub["ref"]))
        out.append(f"<p>{text}</p>")
    else:
        out.append(f"<p>{escape(_left(item, lang))}</p>")
    window = escape(t("window", lang, start="\0", end="\1")).replace("\0", time_tag(item["window_start"], lang, long=False)) \
        .replace("\1", time_tag(item["deadline"], lang, long=False))
    extra = ""
    if item["own_deadline"] != item["deadline"]:
        extra = "; " + escape(t("own", lang, own="\0")).replace("\0", time_tag(item["own_deadline"], lang, long=False))
    out.append(f"<p class='small'>{window}{extra}</p>")
    for s in item["sources"][:1]:
        out.append(f"<p class='small'>{escape(t('source', lang, directive=s['directive'], section=s['section']))}</p>"
                   f"<blockquote>{escape(plain(s['text']))}</blockquote>")
    if item["recipient"]:
        out.append(f"<p class='small'>{escape(t('to', lang, name=item['recipient']['name']))}</p>")
    for c in item["conflicts"]:
        out.extend(_conflict(c, item, unit, lang, token))
    notes = [a["text"] for a in item["assumptions"]] + list(item["routing"])
    if notes:
        out.append(f"<details class='notes'><summary>{t('assumptions', lang)}</summary><ul>"
                   + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ul></details>")
    href = link(f"/units/{unit}/explain", duty=item["duty"], period=item["period"], lang=lang, token=token)
    out.append(f"<p><a href=\"{href}\">{t('full', lang)}<span class='skip'>: {escape(item['title'])}</span></a></p>")
    out.append("</article>")
    return out


def _conflict(c: dict[str, Any], item: dict[str, Any], unit: str, lang: str, token: str | None) -> list[str]:
    out = [f"<p class='error'><strong>{t('conflict', lang).capitalize()}:</strong> {escape(c['message'])}</p>",
           f"<p><strong>{t('advice', lang)}:</strong></p><ul>"]
    # the command line's advice without its last line (the command to type): the form replaces it
    closing = [k for k in c["constraints"] if k["kind"] in ("deadline", "extension")]
    advice = c["advice"][:-1] if closing else c["advice"]
    out.extend(f"<li>{escape(a)}</li>" for a in advice)
    if closing:
        start = escape(t("ask", lang, source=closing[0]["source"], start="\0")).replace(
            "\0", time_tag(c["window_start"], lang, long=False))
        out.append(f"<li>{start}</li>")
    out.append("</ul>")
    if closing:
        strict = closing[0]
        fid = "x-" + re.sub(r"[^A-Za-z0-9_-]+", "-", item["id"])
        out.append(f"<form method='post' action=\"{link(f'/units/{unit}/extend')}\" aria-label=\"{t('ext_form', lang)}\">"
                   f"<input type='hidden' name='lang' value='{lang}'>"
                   f"<input type='hidden' name='unit' value=\"{escape(strict['unit'])}\">"
                   f"<input type='hidden' name='duty' value=\"{escape(strict['duty'])}\">"
                   f"<input type='hidden' name='period' value=\"{escape(strict['period'])}\">"
                   f"<label for='{fid}-until'>{t('ext_until', lang)}</label>"
                   f"<input type='date' id='{fid}-until' name='until' value=\"{escape(c['window_start'])}\" required>"
                   f"<label for='{fid}-ref'>{t('ext_ref', lang)}</label>"
                   f"<input id='{fid}-ref' name='ref' maxlength='200' required>"
                   + (f"<label for='{fid}-token'>{t('token', lang)}</label>"
                      f"<input type='password' id='{fid}-token' name='token' autocomplete='off'>" if not token else "")
                   + f"<button type='submit'>{t('ext_send', lang)}</button></form>")
    return out


def sections(doc: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The items in the order a clerk acts: conflicts, overdue, this week (deadline within 7 days),
    coming up, delivered. Each item in exactly one section."""
    groups: dict[str, list[dict[str, Any]]] = {"s_conflicts": [], "s_overdue": [], "s_week": [], "s_later": [], "s_done": []}
    for i in doc["items"]:
        if i["conflicts"] and i["status"] != "done":
            groups["s_conflicts"].append(i)
        elif i["status"] == "done":
            groups["s_done"].append(i)
        elif i["status"] == "overdue" or i["days_left"] < 0:
            groups["s_overdue"].append(i)
        elif i["days_left"] <= 7:
            groups["s_week"].append(i)
        else:
            groups["s_later"].append(i)
    return list(groups.items())


def delivery_form(doc: dict[str, Any], unit: str, lang: str, today: str, *, remembered: bool,
                  values: dict[str, str] | None = None) -> list[str]:
    """The form to record a delivery; ``values`` fill it again after a refusal."""
    values = values or {}
    open_items = [i for i in doc["items"] if i["status"] != "done"]
    if not open_items and not values:
        return []
    chosen = values.get("item", "")
    options = "".join(
        f"<option value=\"{escape(i['duty'])}|{escape(i['period'])}\""
        + (" selected" if chosen == f"{i['duty']}|{i['period']}" else "") + ">"
        f"{escape(day(_date(i['deadline']), lang))} — {escape(i['title'])} ({escape(t('period', lang, period=period_text(i['period'], lang)))})</option>"
        for i in open_items)
    if chosen and not any(chosen == f"{i['duty']}|{i['period']}" for i in open_items):
        options = f"<option value=\"{escape(chosen)}\" selected>{escape(chosen)}</option>" + options
    out = [f"<section aria-labelledby='form-h'><h2 id='form-h'>{t('form', lang)}</h2>",
           f"<form method='post' action=\"{link(f'/units/{unit}/deliver')}\">",
           f"<input type='hidden' name='lang' value='{lang}'>",
           f"<label for='f-item'>{t('which', lang)}</label><select id='f-item' name='item' required>{options}</select>",
           f"<label for='f-on'>{t('on', lang)}</label><input type='date' id='f-on' name='on' "
           f"value=\"{escape(values.get('on') or today)}\"" + (f" max='{today}'" if today else "") + " required>",
           f"<label for='f-ref'>{t('ref', lang)}</label><input id='f-ref' name='ref' maxlength='200' "
           f"value=\"{escape(values.get('ref', ''))}\">",
           f"<label for='f-note'>{t('note', lang)}</label><input id='f-note' name='note' maxlength='500' "
           f"value=\"{escape(values.get('note', ''))}\">"]
    if remembered:
        out.append(f"<p class='small'>{t('token_kept', lang)}</p>")
    else:
        # never filled again: a refused token is not echoed back
        out.append(f"<label for='f-token'>{t('token', lang)}</label>"
                   "<input type='password' id='f-token' name='token' autocomplete='off' required>")
    out.append(f"<button type='submit'>{t('send', lang)}</button></form></section>")
    return out


def _lang_attr(lang: str) -> str:
    # the link to the other language is named in Vietnamese on both pages ("Tiếng Anh", "Tiếng Việt"):
    # on the English page that name is Vietnamese text
    return " lang='vi'" if lang == "en" else ""


def _nav(unit: str, lang: str, other_href: str) -> str:
    other = "vi" if lang == "en" else "en"
    return (f"<header class='top'><nav aria-label=\"{t('units', lang)}\"><ul>"
            f"<li><a href='/?lang={lang}'>{t('units', lang)}</a></li>"
            f"<li><a href=\"{other_href}\"{_lang_attr(lang)} hreflang='{other}'>{t('other', lang)}</a></li>"
            "</ul></nav></header>")


def render_page(doc: dict[str, Any], svg: str, year: int, lang: str, *, token: str | None = None,
                message: str | None = None, today: str = "", host: str = "", scheme: str = "http",
                remembered: bool = False, lookback: int | None = None, timeline_list: str = "",
                changes: str = "") -> str:
    """``token``: only when the user chose a link carrying one (it is kept in the page's links);
    ``remembered``: the visit's cookie holds a token (the forms do not ask again);
    ``timeline_list``: the picture's content as HTML (its text alternative), shown below it;
    ``changes``: the section of what changed (render/changes_page.py), first: not yet acknowledged."""
    lang = "en" if lang == "en" else "vi"
    unit = doc["unit"]
    other = "vi" if lang == "en" else "en"
    on = doc["on"]
    asof = escape(t("asof", lang, on="\0")).replace("\0", time_tag(on, lang))
    body = [f"<h1>{escape(t('title', lang, name=doc['unit_name']))}</h1>", f"<p class='small'>{asof}</p>"]
    if message:
        body.append(f"<p class='msg' role='status'>{escape(message)}</p>")
    body.append(changes)
    if not doc["items"]:
        body.append(f"<p>{t('none', lang)}</p>")
    for key, items in sections(doc):
        if not items and key in ("s_conflicts", "s_done"):
            continue
        body.append(f"<section aria-labelledby='{key}'><h2 id='{key}'>{t(key, lang)} ({len(items)})</h2>")
        if key == "s_overdue" and doc["hidden_overdue"]:
            href = link(f"/units/{unit}", lang=lang, on=on, lookback=HORIZON_MAX, token=token)
            body.append(f"<p><a href=\"{href}#s_overdue\">{escape(t('hidden', lang, n=doc['hidden_overdue']))}</a></p>")
        for item in items:
            body.extend(_item(item, unit, lang, token))
        if not items:
            body.append(f"<p class='small'>{t('s_empty', lang)}</p>")
        body.append("</section>")
    body.extend(delivery_form(doc, unit, lang, today, remembered=remembered or bool(token)))
    body.append(f"<section aria-labelledby='tl-h'><h2 id='tl-h'>{escape(t('timeline', lang, year=year))}</h2>"
                f"<div class='svg' tabindex='0' role='region' aria-label=\"{t('picture', lang)}\">{svg}</div>{timeline_list}"
                f"<p><a href=\"{link(f'/units/{unit}/timeline.svg', year=year, lang=lang, token=token)}\">"
                f"{escape(t('svg', lang, year=year))}</a></p></section>")
    feed = link(f"/units/{unit}/calendar.ics", lang=lang, token=token)
    body.append(f"<section aria-labelledby='feed-h'><h2 id='feed-h'>{t('feed', lang)}</h2>")
    if host:
        body.append(f"<p><a href=\"webcal://{escape(host)}{feed}\">{t('subscribe', lang)}</a></p>"
                    f"<p class='small'>{t('feed_http', lang)} <code>{escape(scheme)}://{escape(host)}{feed}</code></p>")
    else:
        body.append(f"<p><a href=\"{feed}\">{t('subscribe', lang)}</a></p>")
    body.append("</section>")
    other_href = link(f"/units/{unit}", lang=other, on=on, lookback=lookback, token=token)
    return shell(t("title", lang, name=doc["unit_name"]), lang, "".join(body), nav=_nav(unit, lang, other_href))


def error_text(status: int, lang: str) -> tuple[str, str]:
    """The refusal in the page's words, and its fix."""
    key = f"e{status}" if f"e{status}" in _T else "e_other"
    return t(key, lang), t(key + "_fix", lang)


def render_error(status: int, detail: str, lang: str, *, back: str = "/", form: list[str] | None = None,
                 said: tuple[str, str] | None = None) -> str:
    """An error page in the page's language: what went wrong, the fix, a link back, and the
    form again with what was typed (``form``, already rendered). ``said``: what went wrong and
    the fix in the page's language from the error's code (render/error_words.py), else the
    status's. ``detail``: the service's own words (in English) or, on a Vietnamese page, the
    file and place, shown under "details" for whoever maintains the service."""
    lang = "en" if lang == "en" else "vi"
    what, fix = said or error_text(status, lang)
    back_label = t("back_home" if back == "/" or back.startswith("/?") else "back", lang)   # the list of units
    body = [f"<h1>{t('e_title', lang)}</h1>",
            f"<div class='error' role='alert'><p>{escape(what)}</p>"
            f"<p><strong>{t('fix', lang)}:</strong> {escape(fix)}</p></div>",
            f"<p><a href=\"{escape(back)}\">{back_label}</a></p>"]
    if detail:
        tongue = " lang='en'" if lang == "en" else ""      # the service's English words, or file and place
        body.append(f"<details><summary>{t('detail', lang)}</summary><p{tongue}>{escape(detail)}</p></details>")
    if form:
        body.extend(form)
    return shell(f"{status} — {t('e_title', lang)}", lang, "".join(body))


def render_index(units: list[tuple[str, str]], lang: str, token: str | None) -> str:
    lang = "en" if lang == "en" else "vi"
    items = "".join(f"<li><a href=\"{link(f'/units/{u}', lang=lang if lang == 'en' else None, token=token)}\">{escape(name)}</a></li>"
                    for u, name in units)
    other = "vi" if lang == "en" else "en"
    nav = (f"<header class='top'><nav aria-label=\"{t('units', lang)}\"><ul><li><a href=\"{link('/', lang=other, token=token)}\" "
           f"{_lang_attr(lang)} hreflang='{other}'>{t('other', lang)}</a></li></ul></nav></header>")
    return shell(t("units", lang), lang, f"<h1>{t('units', lang)}</h1><ul>{items}</ul>", nav=nav)
