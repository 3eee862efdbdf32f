"""The office page as a clerk reads it (issue 23): landmarks, sections in the order of the day's
work, dates as <time datetime> with dd/mm/yyyy, a webcal link, no English on the Vietnamese page,
the token remembered in a cookie, error pages that keep the form, the explanation as steps.

Expected values are written by hand from the calendar: 23/11/2026 (the fixed clock) is a Monday,
24/11 is Ngày Văn hóa Việt Nam (a day off), so xa-X's yearly report due Monday 30/11/2026 has
7 days and 4 working days (23, 25, 26, 27/11) left.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx2")

from web_helpers import ON, ROOT, make_client, write_tokens  # noqa: E402

XA = "xa-token-0123456789abcdef"
REPORT = "76-KH-DU/dang-uy-bao-cao-hang-nam"
TITLE = "Đảng ủy xã báo cáo kết quả đợt sinh hoạt hằng năm"
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
DMY = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")
# the English of the page's own words (render/page_words.py), as whole words
ENGLISH = ["Deadline", "days", "working days", "left", "late", "Source", "Conflicts", "Overdue", "This week",
           "Coming up", "Delivered", "Record", "Subscribe", "token", "Window", "Why", "Assumptions", "Units",
           "English", "Back", "Skip", "What to do", "Download"]


def visible(page: str, *, notes: bool = True) -> str:
    """The text a reader sees (tags, styles and the picture dropped). ``notes=False`` also drops
    the assumption notes, whose sentences come from render/messages.py, shared with the CLI."""
    page = re.sub(r"(?is)<(script|style|svg)\b.*?</\1\s*>", " ", page)
    if not notes:
        page = re.sub(r"(?is)<details class='notes'>.*?</details>", " ", page)
    return html.unescape(re.sub(r"(?s)<[^>]*>", " ", page))


def english(text: str) -> list[str]:
    return [w for w in ENGLISH if re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", text)]


@pytest.fixture
def setup(tmp_path):
    tokens = write_tokens(tmp_path / "tokens.toml", {XA: "xa-X"})
    client, service = make_client(tmp_path / "log.sqlite3", tokens)
    return client, service


def test_the_unit_page_has_landmarks_sections_in_order_and_items_as_headings(setup):
    client, _ = setup
    page = client.get("/units/xa-X", params={"on": ON}).text
    assert "<html lang='vi'" in page and page.count("<main") == 1 and "<nav" in page
    order = [page.index(f">{name} (") for name in ("Quá hạn", "Tuần này", "Sắp tới")]
    assert order == sorted(order)
    # the report due on 30/11 is this week, the one due on 14/12 later (by hand: 7 and 21 days away)
    week, later = page.index(">Tuần này ("), page.index(">Sắp tới (")
    assert week < page.index(f"<h3 id=\"i-xa-X-76-KH-DU-dang-uy-bao-cao-hang-nam-2026-h\">{TITLE}") < later
    assert '<time datetime="2026-11-30">Thứ Hai, 30/11/2026</time>' in page
    assert "còn 7 ngày (4 ngày làm việc)" in page
    # the source quoted without the rule file's Markdown: "**trước ngày 15-12 hằng năm**"
    assert "(qua Ban Tuyên giáo Tỉnh ủy) trước ngày 15-12 hằng năm để" in page and "**" not in page
    assert "giả định" in page                                   # the assumptions, on every item
    assert 'href="/units/xa-X/explain?duty=76-KH-DU%2Fdang-uy-bao-cao-hang-nam&amp;period=2026&amp;lang=vi"' in page


def test_visible_dates_are_dd_mm_yyyy_and_no_english_on_the_vietnamese_page(setup):
    client, _ = setup
    page = client.get("/units/xa-X", params={"on": ON}).text
    text = visible(page, notes=False)
    assert DMY.search(text) and not ISO.search(text), ISO.findall(text)[:3]
    assert not english(visible(page)), english(visible(page))
    assert re.search(r"<time\b[^>]*\bdatetime=\"2026-11-23\"", page)


def test_the_english_page_is_english(setup):
    client, _ = setup
    page = client.get("/units/xa-X", params={"on": ON, "lang": "en"}).text
    assert "<html lang='en'" in page
    assert '<time datetime="2026-11-30">Monday, 2026-11-30</time>' in page
    assert "7 days left (4 working days)" in page
    text = visible(page, notes=False)
    assert not [w for w in ("Hạn", "còn", "Quá hạn", "Tuần này", "Sắp tới", "Ghi nhận") if w in text.replace("Tiếng Việt", "")]


def test_counts_on_the_page_are_written_as_the_language_writes_numbers(setup):
    # chibo-1's 2023 report "before 20/4/2023" was due Wednesday 19/04/2023: 1314 days before
    # 23/11/2026 (tests/test_office_text.py). Vietnamese groups thousands with "." (1.314) as the
    # command line does; the count and the working days each take their own English plural form.
    client, _ = setup
    vi = visible(client.get("/units/chibo-1", params={"on": ON, "lookback": 1500}).text)
    en = visible(client.get("/units/chibo-1", params={"on": ON, "lookback": 1500, "lang": "en"}).text)
    assert "quá hạn 1.314 ngày (" in vi and "1314" not in vi
    assert re.search(r"1314 days late \(\d+ working days\)", en)


def test_older_overdue_items_are_a_link_away(setup):
    client, service = setup
    page = client.get("/units/xa-X", params={"on": ON}).text
    hidden = service.due("xa-X", dt.date(2026, 11, 23), 30, 30, "vi")["hidden_overdue"]
    assert hidden > 0 and ">Quá hạn (0)<" in page
    link = re.search(r'href="([^"]*lookback=[^"]*)"', page)
    assert link and f"Còn {hidden} việc quá hạn cũ hơn" in page
    older = client.get(html.unescape(link.group(1)).split("#")[0]).text
    assert f">Quá hạn ({hidden})<" in older and "Còn " not in visible(older)


def test_the_webcal_link_subscribes_to_the_feed(setup):
    client, _ = setup
    page = client.get("/units/xa-X", params={"on": ON}).text
    assert 'href="webcal://testserver/units/xa-X/calendar.ics?lang=vi"' in page
    assert "http://testserver/units/xa-X/calendar.ics?lang=vi" in page
    feed = client.get("/units/xa-X/calendar.ics", params={"lang": "vi"})
    assert feed.status_code == 200 and "BEGIN:VCALENDAR" in feed.text


def test_a_delivery_remembers_the_token_in_a_strict_http_only_cookie(setup):
    client, service = setup
    form = {"lang": "vi", "item": f"{REPORT}|2026", "on": ON, "ref": "12-BC/ĐU"}
    ok = client.post("/units/xa-X/deliver", data={**form, "token": XA}, follow_redirects=False)
    assert ok.status_code == 303 and XA not in ok.headers["location"]
    cookie = ok.headers["set-cookie"]
    flags = [f.strip().lower() for f in cookie.split(";")]
    assert "httponly" in flags and "samesite=strict" in flags and "path=/" in flags
    assert "secure" not in flags                       # served over http here: a Secure cookie would never return
    assert not any(f.startswith(("max-age", "expires")) for f in flags)     # for the visit only
    # the confirmation names the duty in words, not its id
    done = client.get(ok.headers["location"]).text
    assert f"Đã ghi nhận việc nộp: {TITLE} (kỳ năm 2026)." in done
    assert not re.search(r"Đã ghi nhận[^<]*76-KH-DU", done)
    # the next delivery needs no token: the cookie carries it, and the form no longer asks
    assert "name='token'" not in done.split("form-h")[1].split("</form>")[0]
    again = client.post("/units/xa-X/deliver", data={"lang": "vi", "item": "CV-BTVTU-KonTum/bao-cao-hang-nam|2026",
                                                     "on": ON}, follow_redirects=False)
    assert again.status_code == 303 and service.count_records("xa-X") == 2
    # no link of the page carries the token
    assert XA not in client.get("/units/xa-X", params={"on": ON}).text


def test_the_cookie_is_secure_over_https(tmp_path):
    tokens = write_tokens(tmp_path / "tokens.toml", {XA: "xa-X"})
    client, _ = make_client(tmp_path / "log.sqlite3", tokens)
    client.base_url = "https://testserver"
    ok = client.post("/units/xa-X/deliver", data={"lang": "vi", "item": f"{REPORT}|2026", "on": ON, "token": XA},
                     follow_redirects=False)
    assert ok.status_code == 303 and "secure" in [f.strip().lower() for f in ok.headers["set-cookie"].split(";")]


def test_a_wrong_token_shows_the_form_again_filled_in_with_a_link_back(setup):
    client, service = setup
    form = {"lang": "vi", "item": f"{REPORT}|2026", "on": ON, "ref": "SO-THU-7731", "note": "ghi-chu-7731",
            "token": "sai-ma-truy-cap"}
    r = client.post("/units/xa-X/deliver", data=form, follow_redirects=False)
    assert r.status_code == 401 and "set-cookie" not in r.headers and service.count_records("xa-X") == 0
    page = r.text
    assert "<html lang='vi'" in page and "<main" in page
    assert "Mã truy cập không đúng hoặc chưa nhập." in page and "Cách khắc phục:" in page
    assert 'href="/units/xa-X?lang=vi"' in page
    assert 'value="SO-THU-7731"' in page and 'value="ghi-chu-7731"' in page
    assert f'<option value="{REPORT}|2026" selected>' in page
    assert "sai-ma-truy-cap" not in page                        # a refused token is never echoed
    assert not english(visible(page)), english(visible(page))
    en = client.post("/units/xa-X/deliver", data={**form, "lang": "en"}, follow_redirects=False)
    assert "<html lang='en'" in en.text and "The access token is missing or unknown." in en.text


def test_a_late_delivery_says_how_late_not_done(tmp_path):
    # the clock on Monday 7/12/2026; the report due Monday 30/11 delivered on Wednesday 2/12:
    # late by Tuesday 1/12 and Wednesday 2/12, 2 working days
    tokens = write_tokens(tmp_path / "tokens.toml", {XA: "xa-X"})
    client, _ = make_client(tmp_path / "log.sqlite3", tokens,
                            clock=lambda: dt.datetime(2026, 12, 7, 1, 0, tzinfo=dt.timezone.utc))
    ok = client.post("/units/xa-X/deliver", data={"lang": "vi", "item": f"{REPORT}|2026", "on": "2026-12-02",
                                                  "token": XA}, follow_redirects=False)
    assert ok.status_code == 303
    page = client.get("/units/xa-X").text
    card = page[page.index(f">{TITLE} "):].split("</article>")[0]
    assert "Nộp muộn 2 ngày làm việc (ngày <time datetime=\"2026-12-02\">02/12/2026</time>)" in card
    assert "nộp muộn" in card and "đã nộp" not in card and "quá hạn" not in card


def test_a_conflict_card_gives_the_advice_and_records_an_extension(tmp_path):
    tokens = write_tokens(tmp_path / "tokens.toml", {XA: "xa-C"})
    client, service = make_client(tmp_path / "log.sqlite3", tokens, rules=[str(ROOT / "tests/fixtures/rules_conflict")],
                                  clock=lambda: dt.datetime(2025, 11, 3, 1, 0, tzinfo=dt.timezone.utc))
    page = client.get("/units/xa-C").text
    assert page.index(">Xung đột (1)<") < page.index(">Quá hạn (")
    # the fixture: the report opens on 1/12/2025 (2-KH/ĐU) but 1-CV/TU closes it on 14/11/2025
    assert "gia hạn đến ít nhất <time datetime=\"2025-12-01\">01/12/2025</time>" in page
    assert "action=\"/units/xa-C/extend\"" in page and 'name="until"' not in page and "name='until'" in page
    r = client.post("/units/xa-C/extend", data={"lang": "vi", "unit": "xa-C", "duty": "P-1/so-ket", "period": "2025",
                                                "until": "2025-12-01", "ref": "5-CV/TU", "token": XA},
                    follow_redirects=False)
    assert r.status_code == 303 and "httponly" in r.headers["set-cookie"].lower()
    after = client.get(r.headers["location"]).text
    assert "Đã ghi nhận gia hạn: Sơ kết (kỳ năm 2025)." in after
    # without the number of the granting document: refused, in Vietnamese, nothing written
    before = service.count_records("xa-C")
    bad = client.post("/units/xa-C/extend", data={"lang": "vi", "unit": "xa-C", "duty": "P-1/so-ket", "period": "2025",
                                                  "until": "2025-12-02", "ref": ""}, follow_redirects=False)
    assert bad.status_code == 400 and "Cách khắc phục" in bad.text and service.count_records("xa-C") == before


def test_the_explanation_is_structured_html(tmp_path):
    client, _ = make_client(tmp_path / "log.sqlite3", rules=[str(ROOT / "tests/fixtures/rules_conflict")],
                            clock=lambda: dt.datetime(2025, 11, 3, 1, 0, tzinfo=dt.timezone.utc))
    r = client.get("/units/chibo-K/explain", params={"duty": "C-1/chi-bo-so-ket", "period": "2025"})
    page = r.text
    assert r.status_code == 200 and "<main" in page and "<ol class='steps'>" in page and "<details>" in page
    assert "<blockquote><p>các chi bộ báo cáo sơ kết trong tháng 11/2025</p></blockquote>" in page
    # the last allowed day, Sunday 30/11/2025, and Saturday 29/11 are passed over, each by name
    assert '<time datetime="2025-11-30">30/11/2025</time>: Chủ nhật, nghỉ' in page
    assert '<time datetime="2025-11-29">29/11/2025</time>: Thứ Bảy, nghỉ' in page
    # the chain of levels by unit name: the cell feeds the commune, which needs 3 working days
    assert "Chi bộ K nộp cho Xã C" in page and "cần 3 ngày làm việc để tổng hợp" in page
    details = page[page.index("<details>"):]
    assert "rules_conflict/commune.toml:23" in details and "commune.toml" not in page[:page.index("<details>")]
    assert 'href="/units/chibo-K?lang=vi"' in page
    css = page[page.index("<style>"):page.index("</style>")]
    assert "monospace" not in css and '"Noto Sans"' in css and "font-family:system-ui" in css
    assert not ISO.search(visible(page)), ISO.findall(visible(page))[:3]
    en = client.get("/units/chibo-K/explain", params={"duty": "C-1/chi-bo-so-ket", "period": "2025", "lang": "en"}).text
    assert "<html lang='en'" in en and '<time datetime="2025-11-30">2025-11-30</time>: Sunday, day off' in en
    assert "Chi bộ K feeds Xã C" in en and "3 working days to aggregate" in en


def test_a_second_different_delivery_on_the_form_is_409_naming_the_first(tmp_path):
    # The same refusal as the API's (issue 22): the occurrence already has a delivery on 20/11/2026;
    # a second one on 23/11/2026 without replace is a conflict, answered as a page in Vietnamese.
    tokens = write_tokens(tmp_path / "tokens.toml", {XA: "xa-X"})
    client, _ = make_client(tmp_path / "log.sqlite3", tokens)
    first = client.post("/units/xa-X/deliver", data={"lang": "vi", "item": f"{REPORT}|2026", "on": "2026-11-20",
                                                     "token": XA}, follow_redirects=False)
    assert first.status_code == 303
    second = client.post("/units/xa-X/deliver", data={"lang": "vi", "item": f"{REPORT}|2026", "on": ON},
                         follow_redirects=False)
    assert second.status_code == 409, second.text[:500]
    assert "<main" in second.text and "href=\"/units/xa-X?lang=vi\"" in second.text.replace("&amp;", "&")
