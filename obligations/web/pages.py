"""The office's pages: the unit page, the explanation page, the forms behind them, the list of units.

Every page is a read like the API's (open on loopback, else a token) and every form a write
(a token always). A token typed once into a form is remembered for the visit in a cookie
(HttpOnly: no script reads it; SameSite=Strict: no other site's form sends it; Secure over
https; no Max-Age: gone when the browser closes). A token in a link is used only when the user
chose such a link, and is then kept in that page's links; the forms never put it in one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal
from urllib.parse import parse_qs, urlencode

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from obligations.base.errors import ObligationsError, said
from obligations.base.vocabulary import HORIZON_MAX
from obligations.render import page
from obligations.render.day_text import period_text
from obligations.web import contract, limits
from obligations.web.auth import Refused
from obligations.render.error_words import page_detail, page_said
from obligations.web.data import DATE_FORMS, Service, parse_date
from obligations.web.errors import HTTP_STATUS
from obligations.web.timeline import page_timeline

Lang = Literal["vi", "en"]
COOKIE = "obligations_token"
# What /openapi.json says the pages answer (web/contract.py): a page, or the error page.
HTML = "text/html"
PAGE = contract.text_of(200, HTML, "The page, HTML")
FORM_DONE: contract.Responses = {303: {"description": "Recorded: back to the office page, which confirms it"}}
Guard = Callable[..., str | None]


# The page's "Changes since …": what became known in the last 30 days for the unit (docs/usage.md, "changes").
CHANGES_SINCE_DAYS = 30


def page_changes(service: Service, unit: str, day: dt.date, lang: str) -> str:
    from obligations.render.changes_page import changes_section

    since = day - dt.timedelta(days=CHANGES_SINCE_DAYS)
    # the unit's own changes: a page of a province would otherwise evaluate every unit below it twice
    return changes_section(service.changes(unit, since, day, None, None, lang, below=False), since, lang)


def add_pages(app: FastAPI, service: Service, guard: Guard) -> None:
    """The page routes on ``app``; ``guard(request, unit, write=, token=)`` raises Refused."""

    def page_token(request: Request, query: str | None) -> str | None:
        return query or request.cookies.get(COOKIE) or None

    def remember(response: Response, request: Request, token: str) -> None:
        response.set_cookie(COOKIE, token, path=request.scope.get("root_path") or "/", httponly=True,
                            samesite="strict", secure=request.url.scheme == "https")

    def recorded_title(unit: str, item: str | None, lang: str) -> str:
        """The duty of a confirmation in words (its title and period), never its internal id."""
        duty, _, period = (item or "").rpartition("|")
        if not duty:
            return ""
        try:
            doc = service.explain(unit, duty, period or None, service.today(), lang)
        except ObligationsError:
            return ""
        return f"{doc['title']} ({page.t('period', lang, period=period_text(doc['period'], lang))})"

    @app.get("/units/{unit}", response_class=HTMLResponse, tags=["page"], summary="The office page",
             responses=contract.answers(PAGE, contract.errors(*contract.READ, media=HTML)))
    def office_page(request: Request, unit: str, lang: Lang = "vi",
                    on: str | None = Query(None, description=f"the day the page is for, {DATE_FORMS} (default: today)"),
                    lookback: int = Query(30, ge=0, le=HORIZON_MAX), token: str | None = None,
                    recorded: str | None = None, extended: str | None = None) -> HTMLResponse:
        back = f"/?lang={lang}"
        try:
            guard(request, unit, write=False, token=page_token(request, token))
            day = parse_date(on, "on") if on else service.today()
            doc = service.page_due(unit, day, 30, lookback, lang)
            svg, listing = page_timeline(service, unit, lang, day)
            changed = page_changes(service, unit, day, lang)
        except (Refused, ObligationsError) as exc:
            return error_page(exc, lang, back)
        message = None
        if recorded or extended:
            what = recorded_title(unit, recorded or extended, lang)
            message = page.t("recorded" if recorded else "extended", lang, what=what) if what else None
        return HTMLResponse(page.render_page(
            doc, svg, day.year, lang, token=token, message=message, today=service.today().isoformat(),
            host=request.headers.get("host", ""), scheme=request.url.scheme,
            remembered=bool(request.cookies.get(COOKIE)), lookback=lookback if lookback != 30 else None,
            timeline_list=listing, changes=changed))

    @app.get("/units/{unit}/overview", response_class=HTMLResponse, tags=["page"],
             summary="The four-way count of the units below a unit, most overdue first, a bar per unit",
             responses=contract.answers(PAGE, contract.errors(*contract.READ, media=HTML)))
    def overview_page(request: Request, unit: str, lang: Lang = "vi",
                      start: str | None = Query(None, alias="from", description=f"deadlines from this day, {DATE_FORMS}"),
                      to: str | None = Query(None, description=f"deadlines up to this day, {DATE_FORMS}"),
                      on: str | None = Query(None, description=f"the day the page is for, {DATE_FORMS} (default: today)"),
                      token: str | None = None) -> HTMLResponse:
        import datetime as dt

        from obligations.render.overview_page import render_overview

        back = f"/units/{unit}?lang={lang}"
        try:
            guard(request, unit, write=False, token=page_token(request, token))
            day = parse_date(on, "on") if on else service.today()
            first = parse_date(start, "from") if start else dt.date(day.year, 1, 1)
            last = parse_date(to, "to") if to else dt.date(day.year, 12, 31)
            doc = service.count(unit, first, last, day, "unit", lang)
        except (Refused, ObligationsError) as exc:
            return error_page(exc, lang, back)
        return HTMLResponse(render_overview(doc, lang, token))

    @app.get("/units/{unit}/explain", response_class=HTMLResponse, tags=["page"],
             summary="The derivation of one occurrence, as a page",
             responses=contract.answers(PAGE, contract.errors(*contract.READ, media=HTML)))
    def explain_page(request: Request, unit: str, duty: str, period: str | None = None, lang: Lang = "vi",
                     token: str | None = None) -> HTMLResponse:
        from obligations.render.explain_page import render_explain

        back = f"/units/{unit}?" + urlencode({k: v for k, v in {"lang": lang, "token": token}.items() if v})
        try:
            guard(request, unit, write=False, token=page_token(request, token))
            doc = service.explain(unit, duty, period, service.today(), lang)
        except (Refused, ObligationsError) as exc:
            return error_page(exc, lang, back)
        return HTMLResponse(render_explain(doc, lang, back, service.unit_name))

    async def form_of(request: Request) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs((await request.body()).decode("utf-8", "replace")).items()}

    @app.post("/units/{unit}/deliver", response_class=RedirectResponse, status_code=303, tags=["page"],
              summary="The page's form: record a delivery (token in the form or remembered for the visit)",
              responses=contract.answers(FORM_DONE, contract.errors(*contract.WRITE, media=HTML)))
    async def deliver(request: Request, unit: str) -> Response:
        return await run_in_threadpool(record_from_form, request, unit, await form_of(request))

    def record_from_form(request: Request, unit: str, form: dict[str, str]) -> Response:
        lang = "en" if form.get("lang") == "en" else "vi"
        duty, _, period = form.get("item", "").rpartition("|")
        typed = form.get("token") or None
        try:
            guard(request, unit, write=True, token=typed or request.cookies.get(COOKIE))
            day = parse_date(form.get("on", ""), "on")
            service.submit(unit, duty, period, day, form.get("ref") or None, form.get("note") or None)
        except (Refused, ObligationsError) as exc:   # a second, different record: 409 (its code), as the API
            return error_page(exc, lang, f"/units/{unit}?lang={lang}", delivery=(unit, form, typed is None))
        response = RedirectResponse(f"/units/{unit}?{urlencode({'lang': lang, 'recorded': f'{duty}|{period}'})}", 303)
        if typed:
            remember(response, request, typed)
        return response

    @app.post("/units/{unit}/extend", response_class=RedirectResponse, status_code=303, tags=["page"],
              summary="The page's conflict form: record an extension granted by the level above",
              responses=contract.answers(FORM_DONE, contract.errors(*contract.WRITE, media=HTML)))
    async def extend_form(request: Request, unit: str) -> Response:
        return await run_in_threadpool(extension_from_form, request, unit, await form_of(request))

    def extension_from_form(request: Request, unit: str, form: dict[str, str]) -> Response:
        lang = "en" if form.get("lang") == "en" else "vi"
        target = form.get("unit") or unit      # the unit whose deadline is extended (the advice names it)
        typed = form.get("token") or None
        back = f"/units/{unit}?lang={lang}"
        try:
            guard(request, target, write=True, token=typed or request.cookies.get(COOKIE))
            until = parse_date(form.get("until", ""), "until")
            ref = form.get("ref", "").strip()
            if not ref:
                raise ObligationsError(said("web:no-ref", "an extension needs the number of the document that grants it"),
                                       place="ref", fix=said("web:no-ref-fix", "type the số văn bản of the document "
                                                             "granting the extension"),
                                       code="missing-value", param="ref")
            service.extend(target, form.get("duty", ""), form.get("period", ""), until, ref, form.get("note") or None)
        except (Refused, ObligationsError) as exc:   # a different extension already recorded: 409, as the API
            return error_page(exc, lang, back)
        item = f"{form.get('duty', '')}|{form.get('period', '')}"
        response = RedirectResponse(f"/units/{unit}?{urlencode({'lang': lang, 'extended': item})}", 303)
        if typed:
            remember(response, request, typed)
        return response

    def error_page(exc: Refused | ObligationsError, lang: str, back: str,
                   delivery: tuple[str, dict[str, str], bool] | None = None) -> HTMLResponse:
        """The page for a refused or bad request, in the page's language, with the fix, a link
        back and, for a delivery, the form again with what was typed (the token excepted)."""
        said = None
        if isinstance(exc, Refused):
            status, text = exc.decision.status, ""
        else:
            # the status from the code, as the API; the words from the code and its data, in the page's
            # language; the library's own text only on the English page (a Vietnamese page names the file)
            status, said = HTTP_STATUS[exc.code], page_said(exc, lang)
            text = page_detail(exc, lang)
        form = None
        if delivery is not None:
            unit, values, _ = delivery
            doc: dict[str, Any] = {"items": []}
            try:
                on = values.get("on", "")
                doc = service.due(unit, parse_date(on, "on") if on else service.today(), 30, 30, lang)
            except ObligationsError:
                pass
            remembered = bool(delivery[2]) and status not in (401, 403)
            form = page.delivery_form(doc, unit, lang, service.today().isoformat(), remembered=remembered,
                                      values=values)
        return HTMLResponse(page.render_error(status, limits.clip(text), lang, back=back, form=form, said=said), status)

    @app.get("/", response_class=HTMLResponse, tags=["page"], summary="The units",
             responses=contract.answers(PAGE, contract.errors(401, 403, media=HTML)))
    def index(request: Request, lang: Lang = "vi", token: str | None = None) -> HTMLResponse:
        # the list names every unit: a read like the others (open on loopback, else a token)
        try:
            guard(request, None, write=False, token=page_token(request, token))
        except Refused as exc:
            return error_page(exc, lang, "/")
        return HTMLResponse(page.render_index([(u, service.unit_name(u)) for u in service.units()], lang, token))

