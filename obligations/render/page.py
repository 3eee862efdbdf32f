"""The office page: what is due, by when, why, and a form to record a delivery.

Plain HTML and a little CSS: no JavaScript, so it works on any phone browser. Each item
opens its explanation with ``<details>``; conflicts come first. The page is built from
the same JSON the API returns (the ``due`` document), never from a second computation.
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import urlencode

_T: dict[str, tuple[str, str]] = {
    "title": ("Việc cần làm — {name}", "Due — {name}"),
    "asof": ("Tính đến ngày {on}", "As of {on}"),
    "deadline": ("Hạn", "Deadline"),
    "own": ("hạn riêng theo văn bản {own}", "own deadline by the directive {own}"),
    "left": ("còn {n} ngày ({wd} ngày làm việc)", "{n} days left ({wd} working days)"),
    "late": ("quá hạn {n} ngày ({wd} ngày làm việc)", "{n} days late ({wd} working days)"),
    "window": ("Thời gian thực hiện: {start} → {end}", "Window: {start} → {end}"),
    "why": ("Vì sao hạn này?", "Why this deadline?"),
    "source": ("Nguồn", "Source"),
    "decided": ("Hạn hiệu lực do", "Effective deadline set by"),
    "lead": ("trừ {n} ngày làm việc", "minus {n} working days"),
    "moved": ("Dời lịch", "Calendar moves"),
    "to": ("Gửi", "To"),
    "full": ("Giải trình đầy đủ", "Full derivation"),
    "conflict": ("XUNG ĐỘT", "CONFLICT"),
    "conflicts": ("Xung đột cần xử lý", "Conflicts to resolve"),
    "items": ("Việc trong kỳ", "Items"),
    "none": ("Không có việc nào trong khoảng thời gian này.", "Nothing due in this range."),
    "hidden": ("{n} việc quá hạn cũ hơn không hiển thị.", "{n} older overdue items not shown."),
    "done": ("Đã nộp ngày {on}", "Delivered on {on}"),
    "timeline": ("Chuỗi báo cáo năm {year}", "Report chains {year}"),
    "svg": ("Tải ảnh SVG", "Download the SVG"),
    "form": ("Ghi nhận đã nộp", "Record a delivery"),
    "which": ("Việc", "Item"),
    "on": ("Ngày nộp", "Delivered on"),
    "ref": ("Số văn bản", "Document number"),
    "note": ("Ghi chú", "Note"),
    "token": ("Mã truy cập (token)", "Access token"),
    "send": ("Ghi nhận", "Record"),
    "feed": ("Theo dõi trên lịch điện thoại (webcal)", "Subscribe in a phone calendar (webcal)"),
    "other": ("English", "Tiếng Việt"),
    "recorded": ("Đã ghi nhận.", "Recorded."),
    "upcoming": ("sắp tới", "upcoming"),
    "window_open": ("đang trong hạn", "window open"),
    "due_soon": ("sắp đến hạn", "due soon"),
    "overdue": ("quá hạn", "overdue"),
    "status_done": ("đã xong", "done"),
}

CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:0 12px 40px;
 max-width:960px;margin:auto;line-height:1.45;font-size:16px;color:#1a1a1a}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:8px}
h1{font-size:1.35rem;margin:16px 0 4px}h2{font-size:1.1rem;margin:24px 0 8px}
.item{border:1px solid #ccc;border-left:6px solid #1565c0;border-radius:6px;padding:10px 12px;margin:10px 0}
.item.overdue{border-left-color:#c62828}.item.due_soon{border-left-color:#ef6c00}
.item.done{border-left-color:#2e7d32;opacity:.85}.item.conflict{border-color:#c62828;background:#fff5f5}
.deadline{font-size:1.15rem;font-weight:bold}.status{display:inline-block;padding:1px 8px;border-radius:10px;
 background:#e3f2fd;font-size:.85rem}.overdue .status{background:#ffcdd2}.due_soon .status{background:#ffe0b2}
.done .status{background:#c8e6c9}.conflict-text{color:#c62828;font-weight:bold}
details{margin-top:6px}summary{cursor:pointer;color:#0d47a1}blockquote{margin:6px 0;padding-left:10px;
 border-left:3px solid #ccc;color:#444}.svg{overflow-x:auto;border:1px solid #ddd}
form{display:grid;gap:8px;max-width:520px}label{display:grid;gap:2px}input,select,button{font-size:1rem;
 padding:6px;width:100%;max-width:100%}button{background:#1565c0;color:white;border:0;border-radius:4px;padding:8px}
.msg{background:#e8f5e9;padding:8px;border-radius:4px}.small{font-size:.85rem;color:#555}
"""


def t(key: str, lang: str, **values: object) -> str:
    vi, en = _T[key]
    return (en if lang == "en" else vi).format(**values)


def _status(status: str, lang: str) -> str:
    return t("status_done" if status == "done" else status, lang)


def _link(path: str, **query: Any) -> str:
    pairs = {k: v for k, v in query.items() if v not in (None, "")}
    return escape(path + ("?" + urlencode(pairs) if pairs else ""))


def _why(item: dict[str, Any], unit: str, lang: str, token: str | None) -> list[str]:
    out = [f"<details><summary>{t('why', lang)}</summary>"]
    for s in item["sources"]:
        out.append(f"<p><b>{t('source', lang)}:</b> {escape(s['directive'])} "
                   f"{'mục' if lang == 'vi' else 'sec.'} {escape(s['section'])} "
                   f"<span class='small'>({escape(s['file'])})</span></p><blockquote>{escape(s['text'])}</blockquote>")
    if item["decided_by"]:
        out.append(f"<p><b>{t('decided', lang)}:</b></p><ol>")
        for c in item["decided_by"]:
            extra = f" — {t('lead', lang, n=c['lead_working_days'])}" if c["kind"] == "lead" else ""
            out.append(f"<li>{escape(str(c['date']))}: {escape(c['source'])}{escape(extra)}</li>")
        out.append("</ol>")
    if item["calendar"]["skipped"]:
        moves = "; ".join(f"{m['date']} {m['reason']}" for m in item["calendar"]["skipped"])
        out.append(f"<p><b>{t('moved', lang)}:</b> {escape(moves)}</p>")
    for note in item["routing"]:
        out.append(f"<p class='small'>{escape(note)}</p>")
    if item["recipient"]:
        out.append(f"<p><b>{t('to', lang)}:</b> {escape(item['recipient']['name'])}</p>")
    href = _link(f"/units/{unit}/explain", duty=item["duty"], period=item["period"], lang=lang, token=token)
    out.append(f"<p><a class='explain' href=\"{href}\">{t('full', lang)}</a></p></details>")
    return out


def _item(item: dict[str, Any], unit: str, lang: str, token: str | None) -> list[str]:
    classes = ["item", item["status"]] + (["conflict"] if item["conflicts"] else [])
    left = (t("left", lang, n=item["days_left"], wd=item["working_days_left"]) if item["days_left"] >= 0
            else t("late", lang, n=-item["days_left"], wd=-item["working_days_left"]))
    out = [f"<article class=\"{' '.join(classes)}\" id=\"{escape(item['id'])}\" data-deadline=\"{item['deadline']}\">",
           f"<div class='deadline'>{t('deadline', lang)} {item['deadline']} "
           f"<span class='status'>{escape(_status(item['status'], lang))}</span></div>",
           f"<div><b>{escape(item['title'])}</b> [{escape(item['period'])}] — {escape(item['directive'])}</div>",
           f"<div class='small'>{escape(left)}; {escape(t('window', lang, start=item['window_start'], end=item['deadline']))}"
           + (f"; {escape(t('own', lang, own=item['own_deadline']))}" if item["own_deadline"] != item["deadline"] else "")
           + "</div>"]
    for c in item["conflicts"]:
        out.append(f"<p class='conflict-text'>{t('conflict', lang)}: {escape(c['message'])}</p>")
    if item["submission"]:
        out.append(f"<p>{escape(t('done', lang, on=item['submission']['delivered_on']))}"
                   + (f" ({escape(item['submission']['ref'])})" if item["submission"]["ref"] else "") + "</p>")
    out.extend(_why(item, unit, lang, token))
    out.append("</article>")
    return out


def _form(doc: dict[str, Any], unit: str, lang: str, today: str) -> list[str]:
    open_items = [i for i in doc["items"] if i["status"] != "done"]
    if not open_items:
        return []
    options = "".join(f"<option value=\"{escape(i['duty'])}|{escape(i['period'])}\">"
                      f"{escape(i['deadline'])} — {escape(i['title'])} [{escape(i['period'])}]</option>"
                      for i in open_items)
    return [f"<h2>{t('form', lang)}</h2>",
            f"<form method='post' action=\"{_link(f'/units/{unit}/deliver')}\">",
            f"<input type='hidden' name='lang' value='{lang}'>",
            f"<label>{t('which', lang)}<select name='item' required>{options}</select></label>",
            f"<label>{t('on', lang)}<input type='date' name='on' value='{today}' max='{today}' required></label>",
            f"<label>{t('ref', lang)}<input name='ref' maxlength='200'></label>",
            f"<label>{t('note', lang)}<input name='note' maxlength='500'></label>",
            f"<label>{t('token', lang)}<input type='password' name='token' autocomplete='off' required></label>",
            f"<button type='submit'>{t('send', lang)}</button></form>"]


def render_page(doc: dict[str, Any], svg: str, year: int, lang: str, *, token: str | None = None,
                message: str | None = None, today: str = "", host: str = "") -> str:
    lang = "en" if lang == "en" else "vi"
    unit = doc["unit"]
    other = "vi" if lang == "en" else "en"
    conflicts = [i for i in doc["items"] if i["conflicts"]]
    rest = [i for i in doc["items"] if not i["conflicts"]]
    body = [f"<header><h1>{escape(t('title', lang, name=doc['unit_name']))}</h1>",
            f"<a href=\"{_link(f'/units/{unit}', lang=other, on=doc['on'], token=token)}\">{t('other', lang)}</a></header>",
            f"<p class='small'>{escape(t('asof', lang, on=doc['on']))} · {escape(unit)}</p>"]
    if message:
        body.append(f"<p class='msg' role='status'>{escape(message)}</p>")
    if conflicts:
        body.append(f"<h2>{t('conflicts', lang)}</h2><section id='conflicts'>")
        for item in conflicts:
            body.extend(_item(item, unit, lang, token))
        body.append("</section>")
    body.append(f"<h2>{t('items', lang)}</h2><section id='items'>")
    for item in rest:
        body.extend(_item(item, unit, lang, token))
    if not doc["items"]:
        body.append(f"<p>{t('none', lang)}</p>")
    body.append("</section>")
    if doc["hidden_overdue"]:
        body.append(f"<p class='small'>{escape(t('hidden', lang, n=doc['hidden_overdue']))}</p>")
    body.append(f"<h2>{escape(t('timeline', lang, year=year))}</h2><div class='svg'>{svg}</div>")
    body.append(f"<p><a href=\"{_link(f'/units/{unit}/timeline.svg', year=year, lang=lang, token=token)}\">"
                f"{t('svg', lang)}</a> · <a href=\"{_link(f'/units/{unit}/calendar.ics', lang=lang, token=token)}\">"
                f"{t('feed', lang)}</a>" + (f" <code>webcal://{escape(host)}{_link(f'/units/{unit}/calendar.ics', token=token)}</code>"
                                            if host else "") + "</p>")
    body.extend(_form(doc, unit, lang, today))
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{escape(t('title', lang, name=doc['unit_name']))}</title><style>{CSS}</style></head>"
            f"<body>{''.join(body)}</body></html>")


def render_text(title: str, text: str, lang: str, back: str) -> str:
    """A preformatted text (the explanation) in a page."""
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{escape(title)}</title><style>{CSS} pre{{white-space:pre-wrap}}</style></head>"
            f"<body><p><a href=\"{escape(back)}\">←</a></p><pre>{escape(text)}</pre></body></html>")


def render_error(status: int, message: str, lang: str) -> str:
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{status}</title><style>{CSS}</style></head>"
            f"<body><h1>{status}</h1><p class='error'>{escape(message)}</p></body></html>")
