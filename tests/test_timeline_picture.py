"""The timeline picture as a clerk sees it (issue 23): centred on today, sized to its box, a today
line with its date, every date written, labels inside the picture, days off and weekends in the
legend, signs besides colour, a text alternative, no English in Vietnamese.

The SVG is read back with xml.etree; expected windows and dates are worked out by hand below."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from obligations.report.timeline import Bar, Chain, Row, Timeline, around, year_span

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def view(root: ET.Element) -> tuple[float, float]:
    _, _, w, h = (float(v) for v in root.get("viewBox").split())
    return w, h


def texts(root: ET.Element, cls: str | None = None) -> list[ET.Element]:
    return [t for t in root.iter(f"{NS}text") if cls is None or (t.get("class") or "") == cls]


def all_text(root: ET.Element) -> str:
    """Every word a person can get from the picture: texts, titles, description."""
    return " ".join("".join(e.itertext()) for e in root.iter() if e.tag in (f"{NS}text", f"{NS}title", f"{NS}desc"))


def picture(run_cli, tmp_path, *argv: str) -> ET.Element:
    out = tmp_path / "t.svg"
    code, _o, err = run_cli("timeline", *argv, "--out", str(out), "--db", str(tmp_path / "none.sqlite3"))
    assert code == 0, err
    return parse(out.read_text(encoding="utf-8"))


# -- the window: hand-worked --------------------------------------------------------------------

@pytest.mark.parametrize("today,before,after,first,last", [
    # today's month with the two whole months before and the four after
    ("2026-11-23", 2, 4, "2026-09-01", "2027-03-31"),
    ("2026-01-15", 2, 4, "2025-11-01", "2026-05-31"),    # back over the new year
    ("2026-12-31", 2, 4, "2026-10-01", "2027-04-30"),    # April has 30 days
    ("2027-12-01", 2, 4, "2027-10-01", "2028-04-30"),
    ("2028-02-29", 0, 0, "2028-02-01", "2028-02-29"),    # a leap February alone
    ("2026-11-23", 10, 13, "2026-01-01", "2027-12-31"),  # widened to two whole years
])
def test_the_window_is_whole_months_around_today(today, before, after, first, last):
    assert around(dt.date.fromisoformat(today), before, after) == (dt.date.fromisoformat(first),
                                                                   dt.date.fromisoformat(last))


def test_the_default_window_is_two_months_back_four_ahead():
    assert around(dt.date(2026, 11, 23)) == (dt.date(2026, 9, 1), dt.date(2027, 3, 31))
    assert year_span(2026) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


# -- today's line ---------------------------------------------------------------------------------

# At 390 px the page's box shows 390 - 2*12 (padding) - 2 (border) = 364 CSS px of a picture that
# stops shrinking at 760 CSS px: the first 364 * 960 / 760 = 460 viewBox units are on screen.
PHONE_VISIBLE = 364 * 960 / 760


@pytest.mark.parametrize("today", ["2026-01-01", "2026-03-15", "2026-06-30", "2026-09-02", "2026-11-23",
                                   "2026-12-31"])
def test_today_is_drawn_with_its_date_inside_the_picture_and_a_phones_screen(run_cli, tmp_path, today):
    root = picture(run_cli, tmp_path, "--unit", "xa-X", "--on", today)
    width, _ = view(root)
    assert root.get("width") == "100%"                          # scales to its box ...
    assert "min-width:760px" in root.get("style")               # ... down to 760 CSS px, then scrolls
    lines = [e for e in root.iter(f"{NS}line") if e.get("class") == "today"]
    assert len(lines) == 1 and lines[0].get("data-day") == today
    x = float(lines[0].get("x1"))
    assert 0 < x < width and x <= PHONE_VISIBLE
    y, m, d = today.split("-")
    label = texts(root, "today")
    assert [t.text for t in label] == [f"hôm nay {d}/{m}/{y}"]
    # the label beside the line is on the phone's screen too
    w = len(label[0].text) * 13 * 0.6
    left = float(label[0].get("x")) - (w if label[0].get("text-anchor") == "end" else 0)
    assert 0 <= left and left + w <= PHONE_VISIBLE


def test_a_whole_year_marks_today_where_it_falls_and_says_when_it_is_outside(run_cli, tmp_path):
    root = picture(run_cli, tmp_path, "--unit", "chibo-1", "--year", "2026", "--on", "2026-11-23")
    width, _ = view(root)
    line = [e for e in root.iter(f"{NS}line") if e.get("class") == "today"][0]
    # day 326 of 365 (23/11 is the 327th day): 12 + 326.5 * 936 / 365
    assert float(line.get("x1")) == pytest.approx(12 + 326.5 * 936 / 365, abs=0.1)
    other = picture(run_cli, tmp_path, "--unit", "chibo-1", "--year", "2025", "--on", "2026-11-23")
    assert not [e for e in other.iter(f"{NS}line") if e.get("class") == "today"]
    assert "hôm nay 23/11/2026 (ngoài khoảng này)" in all_text(other)


# -- what is written ------------------------------------------------------------------------------

def test_every_deadline_is_written_as_text(run_cli, tmp_path):
    root = picture(run_cli, tmp_path, "--unit", "chibo-1", "--on", "2026-11-23")
    written = " ".join(t.text or "" for t in texts(root, "dates"))
    # chibo-1's annual report and the two commune reports it feeds (76-KH/ĐU): the cell and the
    # commune's own round by 30/11, the commune's report to the province by 14/12
    for date in ("30/11/2026", "14/12/2026"):
        assert date in written
    for bar in root.iter(f"{NS}g"):
        if (bar.get("class") or "").startswith("bar"):
            y, m, d = bar.get("data-deadline").split("-")
            assert f"{d}/{m}/{y}" in written, bar.get("data-key")


def test_no_text_leaves_the_picture(run_cli, tmp_path):
    for argv in (("--unit", "xa-X", "--on", "2026-11-23"), ("--unit", "chibo-1", "--year", "2026"),
                 ("--unit", "xa-X", "--on", "2026-11-23", "--lang", "en"),
                 ("--unit", "tinh-quang-ngai", "--on", "2026-01-10")):
        root = picture(run_cli, tmp_path, *argv)
        width, height = view(root)
        parents = {child: g.get("transform") for g in root.iter(f"{NS}g") if g.get("transform") for child in g.iter()}
        for t in texts(root):
            # the text drawn (a cut text keeps its whole form in a <title>, which is not drawn)
            text = (t[0].tail or "") if t.find(f"{NS}title") is not None else "".join(t.itertext())
            # about 0.6 of the font size per character in a sans-serif font
            w = len(text) * float(t.get("font-size")) * 0.6
            x, anchor = float(t.get("x")), t.get("text-anchor", "start")
            left = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
            # the legend's keys are moved by their group's translate(x, y)
            moved = parents.get(t)
            x0, y0 = ((float(v) for v in re.match(r"translate\(([\d.]+),([\d.]+)\)", moved).groups())
                      if moved else (0.0, 0.0))
            assert 0 <= x0 + left and x0 + left + w <= width, (argv, text, x0 + left, w)
            assert 0 < y0 + float(t.get("y")) <= height, (argv, text)


def test_long_labels_are_cut_with_the_whole_text_in_their_title():
    long_title = "Báo cáo " + "rất dài " * 30 + "cuối"
    root = parse(_draw(Row("u", "Chi bộ thôn 1", "cell", "d", long_title, None, ()), dt.date(2026, 3, 5)))
    row = texts(root, "row")[0]
    assert row.find(f"{NS}title").text == f"Chi bộ thôn 1 — {long_title}"
    assert row.find(f"{NS}title").tail.endswith("…")


def test_the_legend_shows_weekends_days_off_and_every_sign(run_cli, tmp_path):
    root = picture(run_cli, tmp_path, "--unit", "xa-X", "--on", "2026-11-23")
    keys = {"".join(t.itertext()): g for g in root.iter(f"{NS}g") if "key" in (g.get("class") or "").split()
            for t in g.findall(f"{NS}text")}
    assert set(keys) == {"thời gian thực hiện", "hạn riêng", "hạn hiệu lực", "xung đột", "quá hạn",
                         "ngày nghỉ lễ, Tết", "cuối tuần", "hôm nay"}
    # the legend's swatches are the columns' own fills: hatched days off, grey weekends
    columns = {r.get("class"): r.get("fill") for r in root.iter(f"{NS}rect") if r.get("class") in ("dayoff", "weekend")}
    assert columns == {"dayoff": "url(#tl-off)", "weekend": "#e4e4e4"}
    assert ET.tostring(keys["ngày nghỉ lễ, Tết"], encoding="unicode").count("url(#tl-off)") == 1
    assert ET.tostring(keys["cuối tuần"], encoding="unicode").count("#e4e4e4") == 1
    # 24/11/2026 (Ngày Văn hóa Việt Nam) is a day off; 28/11/2026 a Saturday
    titles = {"".join(r.find(f"{NS}title").itertext()): r.get("class") for r in root.iter(f"{NS}rect")
              if r.get("class") in ("dayoff", "weekend")}
    assert titles["24/11/2026 Ngày Văn hóa Việt Nam"] == "dayoff"
    assert titles["28/11/2026 Thứ Bảy"] == "weekend"


def test_chain_and_row_titles_sit_on_opaque_bands_over_the_columns(run_cli, tmp_path):
    root = picture(run_cli, tmp_path, "--unit", "xa-X", "--on", "2026-11-23")
    order = list(root.iter())
    last_column = max(i for i, e in enumerate(order) if e.get("class") in ("dayoff", "weekend"))
    bands = [(i, float(e.get("y")), float(e.get("y")) + float(e.get("height"))) for i, e in enumerate(order)
             if e.get("class") == "band"]
    assert bands and all(i > last_column for i, _, _ in bands)
    for t in texts(root, "chain") + texts(root, "row") + texts(root, "dates"):
        y, size = float(t.get("y")), float(t.get("font-size"))
        assert any(top <= y - size and y + 3 <= bottom for _, top, bottom in bands), "".join(t.itertext())


# -- signs besides colour -------------------------------------------------------------------------

def _draw(row: Row, today: dt.date, lang: str = "vi") -> str:
    from obligations.render.timeline_svg import draw

    return draw(Timeline("u", "U", dt.date(2026, 1, 1), dt.date(2026, 6, 30), today,
                         (Chain("Chuỗi", None, "1-KH", (row,), ()),), ()), lang)


def _bar(period: str, deadline: dt.date, delivered: dt.date | None = None) -> Bar:
    return Bar(f"u|d|{period}", period, deadline - dt.timedelta(days=10), deadline,
               deadline - dt.timedelta(days=10), deadline, False, (), delivered)


def test_overdue_is_marked_and_said_and_a_delivery_is_not():
    late, done = _bar("2026-01", dt.date(2026, 1, 30)), _bar("2026-02", dt.date(2026, 2, 27), dt.date(2026, 2, 26))
    coming = _bar("2026-03", dt.date(2026, 3, 31))
    root = parse(_draw(Row("u", "U", "cell", "d", "Báo cáo tháng", None, (late, done, coming)), dt.date(2026, 3, 5)))
    classes = {g.get("data-key"): g.get("class") for g in root.iter(f"{NS}g") if g.get("data-key")}
    assert classes == {"u|d|2026-01": "bar overdue", "u|d|2026-02": "bar", "u|d|2026-03": "bar"}
    marks = [g for g in root.iter(f"{NS}g") if g.get("class") == "overdue-mark"]
    assert len(marks) == 2                                      # the late bar's, and the legend's
    written = " ".join(t.text or "" for t in texts(root, "dates"))
    assert written == "tháng 01/2026: hạn 30/01/2026; quá hạn · tháng 02/2026: hạn 27/02/2026; đã nộp 26/02/2026 · " \
                      "tháng 03/2026: hạn 31/03/2026"


def test_a_level_above_is_never_called_overdue_by_this_office():
    root = parse(_draw(Row("xa", "Xã", "commune", "d", "Báo cáo", None, (_bar("2026-01", dt.date(2026, 1, 30)),)),
                       dt.date(2026, 3, 5)))
    assert "quá hạn" not in " ".join(t.text or "" for t in texts(root, "dates"))


# -- the text alternative -------------------------------------------------------------------------

def test_the_picture_names_its_title_and_description(run_cli, tmp_path):
    root = picture(run_cli, tmp_path, "--unit", "chibo-1", "--on", "2026-11-23")
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby").split()
    found = {e.get("id"): e for e in root.iter() if e.get("id") in ids}
    assert [found[i].tag for i in ids] == [f"{NS}title", f"{NS}desc"]
    desc = found[ids[1]].text
    assert "Từ 01/09/2026 đến 31/03/2027" in desc and "hôm nay 23/11/2026" in desc
    assert "2026: hạn 30/11/2026" in desc and "2026: hạn 14/12/2026" in desc
    assert "24/11/2026 Ngày Văn hóa Việt Nam" in desc


def test_the_text_list_says_what_the_picture_shows(run_cli, tmp_path):
    code, out, err = run_cli("timeline", "--unit", "chibo-1", "--on", "2026-11-23",
                             "--format", "text", "--db", str(tmp_path / "none.sqlite3"))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[:2] == ["Chuỗi báo cáo — Chi bộ thôn 1 (chibo-1)", "Từ 01/09/2026 đến 31/03/2027 · hôm nay 23/11/2026"]
    assert "  Chi bộ thôn 1 — Chi bộ báo cáo kết quả thực hiện hằng năm" in lines
    assert "    năm 2026: hạn 30/11/2026" in lines and "    năm 2026: hạn 14/12/2026" in lines
    assert lines[-1].startswith("Ngày nghỉ lễ, Tết: 01/09/2026 Quốc khánh; 02/09/2026 Quốc khánh; "
                                "24/11/2026 Ngày Văn hóa Việt Nam; 01/01/2027 Tết Dương lịch")


def test_the_page_gets_the_list_as_html_with_times():
    from obligations.render.timeline_text import entries, list_html

    tl = Timeline("u", "U", dt.date(2026, 1, 1), dt.date(2026, 6, 30), dt.date(2026, 3, 5),
                  (Chain("Chuỗi", None, "1-KH", (Row("u", "U", "cell", "d", "Báo cáo <tháng>", None,
                                                     (_bar("2026-01", dt.date(2026, 1, 30)),)),), ()),), ())
    data = entries(tl, "vi")
    assert data["chains"][0]["rows"][0]["items"][0]["deadline"] == "2026-01-30"
    assert data["chains"][0]["rows"][0]["items"][0]["overdue"] is True
    html = list_html(tl, "vi")
    assert "<time datetime='2026-01-30'>tháng 01/2026: hạn 30/01/2026, quá hạn</time>" in html
    assert "Báo cáo &lt;tháng&gt;" in html and "<tháng>" not in html


# -- both languages, never mixed ------------------------------------------------------------------

# the English of the picture's own labels, written out by hand
ENGLISH = ["deadline", "window", "conflict", "overdue", "today", "weekend", "day off", "working days", "feeds",
           "same report", "delivered", "extension", "section", "needs", "aggregate", "lead time", "from", "to",
           "report chains", "outside", "no reports", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
           "Sep", "Oct", "Nov", "Dec", "public", "Saturday", "Sunday"]


@pytest.mark.parametrize("argv", [("--unit", "xa-X", "--on", "2026-11-23"), ("--unit", "chibo-1", "--year", "2025"),
                                  ("--unit", "tinh-quang-ngai", "--on", "2026-05-20")])
def test_no_english_word_in_the_vietnamese_picture(run_cli, tmp_path, argv):
    said = all_text(picture(run_cli, tmp_path, *argv))
    found = [w for w in ENGLISH if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", said, re.IGNORECASE)]
    assert not found, found
    english = all_text(picture(run_cli, tmp_path, *argv, "--lang", "en"))
    assert "hạn" not in english and "hôm nay" not in english


# -- the service's parameters ---------------------------------------------------------------------

def test_the_route_draws_the_months_around_today_or_on_or_a_year(tmp_path):
    pytest.importorskip("fastapi")
    from web_helpers import make_client

    client, _ = make_client(tmp_path / "log.sqlite3")
    spans = {}
    for params in ({}, {"on": "2026-05-20"}, {"on": "2026-05-20", "before": 0, "after": 1}, {"year": 2025}):
        r = client.get("/units/xa-X/timeline.svg", params=params)
        assert r.status_code == 200, r.text
        root = parse(r.text)
        spans[tuple(params)] = (root.get("data-first"), root.get("data-last"))
    assert spans == {(): ("2026-09-01", "2027-03-31"),                 # the service's day: 23/11/2026
                     ("on",): ("2026-03-01", "2026-09-30"),
                     ("on", "before", "after"): ("2026-05-01", "2026-06-30"),
                     ("year",): ("2025-01-01", "2025-12-31")}


def test_the_tooltips_word_an_origin_as_the_explanation_does(run_cli, tmp_path):
    # chibo-1's reports feed Đảng ủy xã X, whose files state no lead time: the arrow's tooltip says
    # it in the words of `explain` (render/messages.origin_text), no longer in words of its own
    # ("… tổng hợp; không văn bản nào quy định thời gian" before); the same report under 76-KH/ĐU
    # and Kon Tum's letter likewise.
    def arrows(lang: str) -> list[str]:
        root = picture(run_cli, tmp_path, "--unit", "chibo-1", "--on", "2026-11-23", "--lang", lang)
        return sorted("".join(t.itertext()) for g in root.iter(f"{NS}g") if g.get("class") == "arrow"
                      for t in g.iter(f"{NS}title"))
    assert arrows("vi") == ["cùng một báo cáo, hai văn bản cùng yêu cầu",
                            "Đảng ủy xã X (ban hành 76-KH/ĐU) nhận báo cáo để tổng hợp; không văn bản nào quy định "
                            "thời gian tổng hợp"]
    assert arrows("en") == ["feeds the report of Đảng ủy xã X (ban hành 76-KH/ĐU); no document states a lead time",
                            "one report required by two directives"]
