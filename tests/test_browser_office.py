"""Issue 23's "Done when" in a real browser: Debian's Chromium (/usr/bin/chromium) driven by Playwright
through its executable path (no browser download), at 1280 and 390 px wide, on a service run in this
process by uvicorn on 127.0.0.1 with a fixed clock (08:00 on 23/11/2026 in Vietnam).

- (a) today's marker in the timeline lies inside the visible part of the timeline without scrolling
  (the marker is any element of the timeline with the class ``today`` or a ``data-today`` attribute;
  failing that, the timeline text that says "Hôm nay");
- (b) no English word of the English catalogue is in the visible text of the Vietnamese unit page;
- (c) axe-core (from the npm registry: ``npm ci --prefix tests/browser``, which .ci/run does before the
  tests; nothing is fetched at test time) reports no serious or critical violation on the unit page,
  the explanation page, two error pages (a delivery with a wrong token, an unknown unit) and the
  overview page of issue 25 (/units/xa-X/overview: the four-way count of the units below xa-X);
- (d) screenshots of every page at both widths go to $OBLIGATIONS_SCREENSHOTS, else
  tests/browser/screenshots/ (git-ignored); the path is printed.

Skipped, with the reason, only when Chromium or Playwright is missing; a missing axe-core fails.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import time
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")

from web_helpers import FIXED_NOW, ROOT, write_tokens  # noqa: E402

HERE = Path(__file__).resolve().parent / "browser"
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("OBLIGATIONS_CHROMIUM", "/usr/bin/chromium")
# The flags that let Chromium run headless in a container and reach nothing but the loopback service.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]
WIDTHS = {"1280": (1280, 800), "390": (390, 844)}
TOKEN = "xa-token-browser-0123456789abcdef"
TODAY = FIXED_NOW.astimezone(dt.timezone(dt.timedelta(hours=7))).date()     # 23/11/2026
assert TODAY == dt.date(2026, 11, 23)


def _screenshots() -> Path:
    folder = Path(os.environ.get("OBLIGATIONS_SCREENSHOTS") or HERE / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# ---------------------------------------------------------------- the English catalogue's words

# English words of the catalogue that are also Vietnamese syllables written without marks (a
# Vietnamese page may say them): "to" (to, lớn), "in" (in ấn), "an" (an toàn), "con", "the" (thẻ
# without marks appears in no text of ours, but "the" is too short to tell apart from mark-less
# Vietnamese); and names that are the same in both languages.
NOT_ENGLISH_ONLY = {"to", "in", "an", "con", "ban", "tin", "the", "do", "no", "on", "at", "by", "of", "or",
                    "is", "it", "as", "be", "vs", "sec", "svg", "webcal", "ics", "json", "csv", "token", "id",
                    "ok"}


def english_words() -> set[str]:
    """The words of the English texts of the catalogues (every (Vietnamese, English) table of
    obligations.render and obligations.web, and the msgids of any gettext catalogue under
    obligations/), less those a Vietnamese text of the same tables also uses and those above."""
    import importlib
    import pkgutil

    import obligations.render
    import obligations.web

    english, vietnamese = [], []
    for package in (obligations.render, obligations.web):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for value in vars(module).values():
                if isinstance(value, dict) and value and all(
                        isinstance(v, tuple) and len(v) == 2 and all(isinstance(s, str) for s in v)
                        for v in value.values()):
                    vietnamese += [v[0] for v in value.values()]
                    english += [v[1] for v in value.values()]
    # the gettext catalogues (obligations/locale, docs/translating.md): the English is the msgids,
    # the Vietnamese the msgstrs of vi.po; read by Babel, which joins the lines of a wrapped entry.
    # check's Vietnamese lines quote the rule files' keys (every, valid, [directive] implements,
    # swaps_known_through): English words that must stay in the list.
    from babel.messages.pofile import read_po

    for po in (ROOT / "obligations").rglob("*.po"):
        with po.open("rb") as f:
            catalog = read_po(f)
        for m in catalog:
            if m.id:
                english += list(m.id) if m.pluralizable else [m.id]
                quotes_keys = {file for file, _line in m.locations} == {"obligations/render/check.py"}
                if catalog.locale is not None and catalog.locale.language == "vi" and not quotes_keys:
                    # a data file's key named in a Vietnamese text (`days`, `schedule.days`) is an
                    # identifier, not a Vietnamese word: left out
                    vietnamese += [re.sub(r"`[^`]*`", " ", s)
                                   for s in (list(m.string) if m.pluralizable else [m.string])]
    def words(texts: list[str]) -> set[str]:
        return {w.lower() for text in texts for w in re.findall(r"[^\W\d_]+", re.sub(r"\{[^}]*\}", " ", text))}
    found = words(english) - words(vietnamese) - NOT_ENGLISH_ONLY
    return {w for w in found if w.isascii() and len(w) >= 2} | ISSUE_EXAMPLES


# English the issue saw on Vietnamese pages that comes from code and data, not from a catalogue
# ("quy tắc previous", "(before=exclusive, opens=period_start)", "… để minh họa / follows from placing …").
ISSUE_EXAMPLES = {"previous", "before", "exclusive", "opens", "follows", "placing"}


def test_the_english_word_list_is_the_catalogue():
    """The list (b) uses is derived, not typed: it must hold the catalogue's plain words and none of
    the Vietnamese ones (hand-picked from labels.py, messages.py and page.py)."""
    found = english_words()
    assert len(found) >= 80, sorted(found)
    assert {"deadline", "overdue", "working", "days", "source", "window", "previous"} <= found
    assert not {"hạn", "ngày", "quá", "xung", "đột", "to", "in"} & found


# ---------------------------------------------------------------- the service and the browser

@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Iterator[str]:
    """The app on a private log, with xa-X's token, served by uvicorn in a thread on a free loopback port;
    its clock is fixed (the service never reads the wall clock here)."""
    from obligations.web.app import create_app
    from obligations.web.auth import load_tokens
    from obligations.web.data import Service

    tmp = tmp_path_factory.mktemp("browser")
    tokens = write_tokens(tmp / "tokens.toml", {TOKEN: "xa-X"})
    service = Service.load(tmp / "log.sqlite3", clock=lambda: FIXED_NOW)
    app = create_app(service, load_tokens(tokens, lambda u: u in service.units()), open_reads=True)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start within 30 s"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    # A newcomer's machine may lack the browser, Playwright or axe-core: skipped with the reason and
    # the fix. CI installs all three and sets OBLIGATIONS_REQUIRE_BROWSER=1: there a missing piece fails.
    required = os.environ.get("OBLIGATIONS_REQUIRE_BROWSER") == "1"
    missing = (f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)" if not Path(CHROMIUM).is_file()
               else f"{AXE} is missing (run `npm ci --prefix tests/browser`)" if not AXE.is_file() else None)
    try:
        from playwright import sync_api
    except ImportError:
        missing = missing or "Playwright is not installed (pip install '.[test]')"
    if missing:
        if required:
            pytest.fail(missing)
        pytest.skip(missing)
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def visits(browser, base) -> Iterator[Any]:
    """visits(width, which): what the tests judge of one Vietnamese page at one width, measured on one
    load of the page (each page is loaded and audited once per width, whichever test asks first)."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}

    def visit(width: str, which: str) -> dict[str, Any]:
        if (width, which) not in seen:
            w, h = WIDTHS[width]
            context = browser.new_context(viewport={"width": w, "height": h}, locale="vi-VN")
            try:
                seen[width, which] = measure(context.new_page(), base, which, width)
            finally:
                context.close()
        return seen[width, which]
    yield visit


def measure(page: Any, base: str, which: str, width: str) -> dict[str, Any]:
    goto(page, base, which)
    found: dict[str, Any] = {}
    if which == "unit":                                     # before anything scrolls or resizes
        found["today"] = page.evaluate(TODAY_IN_VIEW)
    found["screenshot"] = shot(page, f"{which}-vi", width)
    found["axe"] = audit(page)                              # the page as loaded
    # the visible text as loaded, and with every <details> open: what a clerk sees after one tap
    text = page.evaluate(VISIBLE_TEXT)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    found["text"] = text + "\n" + page.evaluate(VISIBLE_TEXT)
    shot(page, f"{which}-vi-opened", width)
    return found


def shot(page: Any, name: str, width: str) -> Path:
    path = _screenshots() / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def open_unit(page: Any, base: str) -> Any:
    response = page.goto(f"{base}/units/xa-X?lang=vi", wait_until="load")
    assert response is not None and response.status == 200, response and response.status
    return response


# ---------------------------------------------------------------- (a) today in the visible timeline

TODAY_IN_VIEW = """() => {
  const timeline = document.querySelector('#timeline, .timeline');
  if (!timeline) return {error: 'no element #timeline or .timeline on the page'};
  let markers = [...timeline.querySelectorAll('.today, [data-today]')];
  if (!markers.length) {
    markers = [...timeline.querySelectorAll('text, span, p, div, time')]
      .filter(e => /Hôm nay/i.test(e.textContent) && e.children.length === 0);
  }
  if (!markers.length) return {error: 'the timeline marks no today (no .today, [data-today] or text "Hôm nay")'};
  // each marker (the line and its date) must lie in the visible part: the viewport, cut by every
  // ancestor that clips (overflow other than visible), as the page is loaded (nothing scrolled)
  const seen = markers.map(marker => {
    const box = marker.getBoundingClientRect();
    let vis = {left: 0, right: window.innerWidth, top: -Infinity, bottom: Infinity};
    for (let e = marker.parentElement; e && e !== document.documentElement; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
        const r = e.getBoundingClientRect();
        vis = {left: Math.max(vis.left, r.left), right: Math.min(vis.right, r.right),
               top: Math.max(vis.top, r.top), bottom: Math.min(vis.bottom, r.bottom)};
      }
    }
    return {marker: marker.outerHTML.slice(0, 160), visible: vis,
            box: {left: box.left, right: box.right, top: box.top, bottom: box.bottom},
            inside: box.width + box.height > 0 && box.left >= vis.left - 1 && box.right <= vis.right + 1 &&
                    box.bottom > vis.top && box.top < vis.bottom};
  });
  return {markers: seen, inside: seen.every(m => m.inside)};
}"""


@pytest.mark.parametrize("width", ["1280", "390"])
def test_today_is_in_the_visible_part_of_the_timeline(visits, width):
    found = visits(width, "unit")["today"]
    assert "error" not in found, found.get("error")
    outside = [m for m in found["markers"] if not m["inside"]]
    assert found["inside"], f"at {width} px, outside the visible part of the timeline: {outside}"


def test_the_today_check_tells_inside_from_outside(browser):
    """(a) is not vacuous: in a 300 px scrolled box holding a 1400 px timeline, a today line at x=100
    is visible, one at x=350 is not (inside the 390 px window, but the box must be scrolled to show it),
    and a timeline without one is reported."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        for x, inside in ((100, True), (350, False), (1000, False)):
            page.set_content(f"<div style='width:300px;overflow-x:auto'><svg id='timeline' width='1400' height='80'>"
                             f"<line class='today' x1='{x}' x2='{x}' y1='0' y2='80' stroke='red'/></svg></div>")
            assert page.evaluate(TODAY_IN_VIEW)["inside"] is inside, x
        page.set_content("<svg id='timeline' width='300' height='80'><text x='10' y='20'>Th11</text></svg>")
        assert "no today" in page.evaluate(TODAY_IN_VIEW)["error"]
    finally:
        context.close()


PAGES = ("unit", "explanation", "error-401", "error-404", "overview")


def explain_href(page: Any) -> str:
    links = page.eval_on_selector_all("a[href*='/explain?']", "els => els.map(e => e.getAttribute('href'))")
    assert links, "the unit page links to no explanation"
    return links[0]


def goto(page: Any, base: str, which: str) -> None:
    """Load one of the five Vietnamese pages the criteria judge: the unit page, the explanation its
    first item links to, the page of a delivery sent from the page with a wrong token (401), the page
    of an unknown unit (404), the overview of the units below xa-X (issue 25)."""
    open_unit(page, base)
    if which == "explanation":
        response = page.goto(base + explain_href(page), wait_until="load")
        assert response is not None and response.status == 200, response and response.status
    elif which == "error-401":
        # the item as the form names it (duty|period); a form that names it otherwise, from the explanation
        # link: the token is judged before the item is read
        options = page.eval_on_selector_all("select[name='item'] option", "os => os.map(o => o.value)")
        query = parse_qs(urlsplit(explain_href(page)).query)
        item = options[0] if options else f"{query['duty'][0]}|{query.get('period', [''])[0]}"
        with page.expect_navigation() as nav:
            page.evaluate("""([item, day]) => {
              const f = document.createElement('form'); f.method = 'post'; f.action = '/units/xa-X/deliver';
              const fields = {item, on: day, lang: 'vi', token: 'wrong-token-0000000000000000'};
              for (const [k, v] of Object.entries(fields)) {
                const i = document.createElement('input'); i.type = 'hidden'; i.name = k; i.value = v; f.append(i); }
              document.body.append(f); f.submit(); }""", [item, TODAY.isoformat()])
        assert nav.value.status == 401, nav.value.status
    elif which == "error-404":
        response = page.goto(f"{base}/units/xa-KHONG-CO?lang=vi", wait_until="load")
        assert response is not None and response.status == 404, response and response.status
    elif which == "overview":
        # issue 25: the four-way count of xa-X and the units below it (its three cells), this year's
        # deadlines as of the service's today
        response = page.goto(f"{base}/units/xa-X/overview?lang=vi", wait_until="load")
        assert response is not None and response.status == 200, response and response.status


def judged(marks: dict[str, str]) -> list[Any]:
    """The four pages as parameters, those ``marks`` names a strict xfail with its reason."""
    return [pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=marks[p])) if p in marks else p
            for p in PAGES]


# ---------------------------------------------------------------- (b) no English word on the Vietnamese pages

VISIBLE_TEXT = """() => {
  // text a reader sees: rendered text nodes (a closed <details> and display:none render nothing)
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const e = n.parentElement;
    if (!e || !n.textContent.trim() || ['SCRIPT', 'STYLE'].includes(e.tagName)) continue;
    if (e.closest('title, desc')) continue;          // SVG tooltips: not visible text
    const r = document.createRange(); r.selectNodeContents(n);
    if (r.getClientRects().length === 0) continue;
    const s = getComputedStyle(e);
    if (s.visibility === 'hidden' || s.display === 'none') continue;
    out.push(n.textContent);
  }
  return out.join('\\n');
}"""
# Addresses are names, not words: a URL to copy (the webcal:// link) and a rule file's path with its
# line (rules/76-KH-DU.toml:173, for those who maintain rules) must stay as they are.
# a web address, or a file by its path or its bare name ("(hierarchy.toml)", where an assumption is written)
ADDRESS = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+|[\w.-]+(?:/[\w.-]+)*\.(?:toml|ics|svg|json|csv|xlsx)(?::\d+)?")


def english_on(text: str, words: set[str]) -> dict[str, str]:
    """Each English word found (outside addresses), with the text around its first occurrence."""
    text = ADDRESS.sub(" ", text)
    found = {}
    for match in re.finditer(r"[^\W\d_]+", text):
        word = match.group().lower()
        if word in words and word not in found:
            found[word] = " ".join(text[max(0, match.start() - 40):match.end() + 40].split())
    return found


def test_addresses_are_not_words():
    words = {"calendar", "rules", "late"}
    assert english_on("webcal://127.0.0.1:8000/units/xa-X/calendar.ics (rules/76-KH-DU.toml:173)", words) == {}
    assert english_on("để minh họa (rules.toml)", words) == {}
    assert set(english_on("quá hạn 1 days late; rules", words)) == {"late", "rules"}


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("which", judged({}))
def test_no_english_word_on_the_vietnamese_pages(visits, width, which):
    found = english_on(visits(width, which)["text"], english_words())
    assert not found, f"{len(found)} English words on the Vietnamese {which} page at {width} px: " + "; ".join(
        f"{w!r} in «{ctx}»" for w, ctx in sorted(found.items()))


# ---------------------------------------------------------------- (c) axe-core: 0 serious or critical

def audit(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations of impact serious or critical on the page as loaded (axe must have
    checked something: a page it passed nothing on was not audited)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => { const r = await axe.run(document); return {passes: r.passes.length, "
                           "violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, "
                           "nodes: v.nodes.length, first: v.nodes[0] && v.nodes[0].target.join(' ')}))}; }")
    assert result["passes"] > 5, result
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def summary(violations: list[dict[str, Any]]) -> str:
    return "; ".join(f"{v['impact']} {v['id']} ×{v['nodes']} ({v['help']}; first: {v['first']})"
                     for v in violations)


def test_axe_finds_what_it_must(browser):
    """The audit is real: a page with an unlabelled field, an image without alt (critical), a link without
    a name and grey text on white (serious) fails it on each."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.set_content("<!doctype html><html lang='vi'><head><title>x</title></head><body><main>"
                         "<h1>x</h1><img src='data:,'><input type='text'><a href='/x'></a>"
                         "<p style='color:#bbb;background:#fff'>chữ nhạt</p></main></body></html>")
        assert {v["id"] for v in audit(page)} >= {"image-alt", "label", "link-name", "color-contrast"}
    finally:
        context.close()


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("which", PAGES)
def test_axe_no_serious_or_critical_violation(visits, width, which):
    bad = visits(width, which)["axe"]
    assert not bad, f"axe on the {which} page at {width} px: {summary(bad)}"


def test_screenshots_are_in_the_folder_named(visits, capsys):
    """(d): every page at both widths, as loaded and with its <details> open, in the folder printed."""
    for width in WIDTHS:
        for which in PAGES:
            path = visits(width, which)["screenshot"]
            assert path.parent == _screenshots() and path.stat().st_size > 5_000, path
            assert (path.parent / f"{which}-vi-opened-{width}.png").is_file()
    with capsys.disabled():                                 # shown by every run, not only a failing one
        print(f"\nscreenshots for review: {_screenshots()}")
