"""The grammar of deadline phrases: each shape of the schedule language, the issue's
patterns, inclusive and exclusive words, and phrases that must stay TODO."""

from __future__ import annotations

import datetime as dt

import pytest

from obligations.extract.grammar import schedules

D = dt.date
ISSUED = D(2023, 3, 2)      # "Hà Nội, ngày 02 tháng 3 năm 2023"


def tables(phrase: str, issued: dt.date | None = ISSUED) -> list[dict]:
    return [dict(f.schedule) if f.schedule is not None else "TODO" for f in schedules(phrase, issued)]


@pytest.mark.parametrize("phrase,expected", [
    # the spec's example table, phrase by phrase
    ("trước ngày 15 hằng tháng", {"every": "month", "day": 15, "inclusive": False}),
    ("chậm nhất ngày 06 của tháng cuối quý", {"every": "quarter", "month": "last", "day": 6, "inclusive": True}),
    ("trước ngày 10 của tháng đầu quý sau", {"every": "quarter", "of": "next", "month": 1, "day": 10,
                                            "inclusive": False}),
    ("báo cáo năm trước ngày 20 tháng 01 năm sau", {"every": "year", "of": "next", "month": 1, "day": 20,
                                                  "inclusive": False}),
    ("báo cáo 6 tháng đầu năm trước ngày 10 tháng 7", {"every": "half", "only": [1], "of": "next", "month": 1,
                                                     "day": 10, "inclusive": False}),
    ("báo cáo 9 tháng trước ngày 15/10", {"every": "nine_months", "of": "next", "month": 1, "day": 15,
                                         "inclusive": False}),
    ("trong thời hạn 07 ngày làm việc kể từ ngày kết thúc kỳ báo cáo hằng tháng",
     {"every": "month", "from": "end", "offset": 7, "unit": "working_days", "inclusive": True}),
    ("trong thời hạn 15 ngày kể từ ngày nhận được Kế hoạch",
     {"every": "event", "event": "nhan-duoc-ke-hoach", "direction": "after", "offset": 15, "unit": "days",
      "inclusive": True}),
    ("chậm nhất 20 ngày trước ngày khai mạc Đại hội",
     {"every": "event", "event": "khai-mac-dai-hoi", "direction": "before", "offset": 20, "unit": "days",
      "inclusive": True}),
    ("trước 16 giờ ngày 28 tháng 3 năm 2025", {"every": "once", "date": D(2025, 3, 28), "time": "16:00",
                                               "inclusive": True}),
    ("chậm nhất ngày 15 tháng 12 hằng năm", {"every": "year", "month": 12, "day": 15, "inclusive": True}),
    ("trước ngày 15-12 hằng năm", {"every": "year", "month": 12, "day": 15, "inclusive": False}),
    ("vào tháng 11 hằng năm", {"every": "year", "in_month": 11}),
    ("thứ Sáu hằng tuần", {"every": "week", "weekday": "FR", "inclusive": True}),
    ("sinh hoạt chi bộ hằng tháng", {"every": "month"}),
    ("trước ngày 20/4/2023", {"every": "once", "date": D(2023, 4, 20), "inclusive": False}),
    ("trong tháng 4/2023", {"every": "once", "start": D(2023, 4, 1), "date": D(2023, 4, 30), "inclusive": True}),
    ("trước ngày 25/3 và 25/9 hằng năm", {"every": "rrule", "rrule": "FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=25",
                                          "inclusive": False}),
    # written-out dates
    ("hoàn thành trước ngày 31 tháng 12 năm 2023", {"every": "once", "date": D(2023, 12, 31), "inclusive": False}),
    ("tổ chức trong tháng 5 năm 2026", {"every": "once", "start": D(2026, 5, 1), "date": D(2026, 5, 31),
                                        "inclusive": True}),
    ("hoàn thành trong quý II năm 2026", {"every": "once", "start": D(2026, 4, 1), "date": D(2026, 6, 30),
                                          "inclusive": True}),
    ("hoàn thành trong quý 3/2026", {"every": "once", "start": D(2026, 7, 1), "date": D(2026, 9, 30),
                                     "inclusive": True}),
    ("tổ chức hội nghị tổng kết trong năm 2026", {"every": "once", "start": D(2026, 1, 1), "date": D(2026, 12, 31),
                                                  "inclusive": True}),
    ("hoàn thành trong 6 tháng đầu năm 2024", {"every": "once", "start": D(2024, 1, 1), "date": D(2024, 6, 30),
                                               "inclusive": True}),
    ("hoàn thành trước quý IV/2024", {"every": "once", "date": D(2024, 10, 1), "inclusive": False}),
    ("hoàn thành chậm nhất trong tháng 6/2024", {"every": "once", "date": D(2024, 6, 30), "inclusive": True}),
    ("hoàn thành đến hết năm 2025", {"every": "once", "date": D(2025, 12, 31), "inclusive": True}),
    # separators with spaces; "ngày D tháng M hằng năm" keeps its day
    ("báo cáo trước ngày 15 / 12 / 2024", {"every": "once", "date": D(2024, 12, 15), "inclusive": False}),
    ("báo cáo trước ngày 3.5.2024", {"every": "once", "date": D(2024, 5, 3), "inclusive": False}),
    ("gửi trước ngày 10 tháng 12 hằng năm", {"every": "year", "month": 12, "day": 10, "inclusive": False}),
    # inclusive words
    ("chậm nhất ngày 15/3/2024", {"every": "once", "date": D(2024, 3, 15), "inclusive": True}),
    ("chậm nhất là ngày 15/3/2024", {"every": "once", "date": D(2024, 3, 15), "inclusive": True}),
    ("không muộn hơn ngày 15/3/2024", {"every": "once", "date": D(2024, 3, 15), "inclusive": True}),
    ("hạn chót ngày 15/3/2024", {"every": "once", "date": D(2024, 3, 15), "inclusive": True}),
    ("đến hết ngày 15/3/2024", {"every": "once", "date": D(2024, 3, 15), "inclusive": True}),
    ("vào ngày 15/3/2024", {"every": "once", "date": D(2024, 3, 15), "inclusive": True}),
    ("trước hoặc vào ngày 15/3/2024", {"every": "once", "date": D(2024, 3, 15), "inclusive": True}),
    ("chậm nhất trước ngày 15/3/2024", {"every": "once", "date": D(2024, 3, 15), "inclusive": False}),
    ("từ ngày 01/3/2024 đến ngày 15/3/2024", {"every": "once", "start": D(2024, 3, 1), "date": D(2024, 3, 15),
                                              "inclusive": True}),
    ("từ ngày 01/3 đến ngày 15/3/2024", {"every": "once", "start": D(2024, 3, 1), "date": D(2024, 3, 15),
                                         "inclusive": True}),
    # yearly without "hằng năm" right after the date
    ("báo cáo năm gửi trước ngày 20 tháng 01 năm tiếp theo", {"every": "year", "of": "next", "month": 1, "day": 20,
                                                             "inclusive": False}),
    ("lập dự toán trước ngày 20 tháng 7 năm hiện hành", {"every": "year", "month": 7, "day": 20,
                                                        "inclusive": False}),
    ("gửi kế hoạch trước ngày 31 tháng 3 năm kế hoạch", {"every": "year", "month": 3, "day": 31,
                                                        "inclusive": False}),
    ("Hằng năm, các sở báo cáo trước ngày 15/12", {"every": "year", "month": 12, "day": 15, "inclusive": False}),
    # monthly and quarterly with a day
    ("báo cáo trước ngày 05 của tháng sau", {"every": "month", "of": "next", "month": 1, "day": 5,
                                            "inclusive": False}),
    ("hằng tháng, báo cáo trước ngày 25", {"every": "month", "day": 25, "inclusive": False}),
    ("báo cáo quý gửi trước ngày 15 của tháng đầu quý tiếp theo", {"every": "quarter", "of": "next", "month": 1,
                                                                  "day": 15, "inclusive": False}),
    ("báo cáo 6 tháng trước ngày 15 tháng 7 hằng năm", {"every": "half", "only": [1], "of": "next", "month": 1,
                                                       "day": 15, "inclusive": False}),
    # day.month without a year: the document's date gives it
    ("các huyện báo cáo trước ngày 15.3", {"every": "once", "date": D(2023, 3, 15), "inclusive": False}),
    ("gửi về Sở trước ngày 31/7", {"every": "once", "date": D(2023, 7, 31), "inclusive": False}),
    ("tổ chức trong tháng 5", {"every": "once", "start": D(2023, 5, 1), "date": D(2023, 5, 31), "inclusive": True}),
    # times of day
    ("nộp hồ sơ trước 14 giờ, ngày 05/12/2017", {"every": "once", "date": D(2017, 12, 5), "time": "14:00",
                                                 "inclusive": True}),
    ("gửi trước 16h30 ngày 28/3/2025", {"every": "once", "date": D(2025, 3, 28), "time": "16:30",
                                         "inclusive": True}),
    ("chậm nhất 17 giờ 00 ngày 10/4/2025", {"every": "once", "date": D(2025, 4, 10), "time": "17:00",
                                            "inclusive": True}),
    # events and offsets
    ("trong vòng 10 ngày làm việc kể từ ngày nhận được văn bản",
     {"every": "event", "event": "nhan-duoc-van-ban", "direction": "after", "offset": 10, "unit": "working_days",
      "inclusive": True}),
    ("không quá 30 ngày kể từ ngày kết thúc quý", {"every": "quarter", "from": "end", "offset": 30,
                                                  "unit": "days", "inclusive": True}),
    ("trước ngày 20 hằng tháng", {"every": "month", "day": 20, "inclusive": False}),
    # a half-year report due inside the half it covers
    ("báo cáo 6 tháng trước ngày 15/6", {"every": "half", "only": [1], "month": 6, "day": 15, "inclusive": False}),
    ("báo cáo 6 tháng cuối năm trước ngày 15/01 năm sau", {"every": "half", "only": [2], "of": "next", "month": 1,
                                                          "day": 15, "inclusive": False}),
    ("đăng ký từ ngày 11/3/2024 đến 16h30 ngày 15/3/2024", {"every": "once", "start": D(2024, 3, 11),
                                                            "date": D(2024, 3, 15), "time": "16:30",
                                                            "inclusive": True}),
    ("chậm nhất là ngày thứ mười, kể từ ngày phát sinh nghĩa vụ thuế",
     {"every": "event", "event": "phat-sinh-nghia-vu-thue", "direction": "after", "offset": 10, "unit": "days",
      "inclusive": True}),
    ("chậm nhất là ngày thứ hai mươi của tháng tiếp theo", {"every": "month", "of": "next", "month": 1, "day": 20,
                                                           "inclusive": True}),
    ("chậm nhất ngày 15 (mười lăm) của tháng báo cáo", {"every": "month", "day": 15, "inclusive": True}),
    ("gửi chậm nhất 10h00' ngày 27/4/2020", {"every": "once", "date": D(2020, 4, 27), "time": "10:00",
                                             "inclusive": True}),
    ("báo cáo trong quý II hằng năm", {"every": "quarter", "only": [2]}),
    ("Chậm nhất ngày 25 tháng 11 đối với báo cáo định kỳ hằng năm", {"every": "year", "month": 11, "day": 25,
                                                                    "inclusive": True}),
    ("chậm nhất là ngày thứ ba mươi của quý tiếp theo", {"every": "quarter", "of": "next", "month": 1, "day": 30,
                                                         "inclusive": True}),
    ("chậm nhất là thứ 2, ngày 26 tháng 3 năm 2012", {"every": "once", "date": D(2012, 3, 26), "inclusive": True}),
])
def test_one_phrase_one_schedule(phrase, expected):
    assert tables(phrase) == [expected]


def test_several_duties_in_one_sentence():
    found = schedules("Các huyện ủy gửi báo cáo 6 tháng trước ngày 20 tháng 7 và báo cáo năm gửi trước ngày 20 "
                      "tháng 01 năm sau", ISSUED)
    assert [dict(f.schedule) for f in found] == [
        {"every": "half", "only": [1], "of": "next", "month": 1, "day": 20, "inclusive": False},
        {"every": "year", "of": "next", "month": 1, "day": 20, "inclusive": False}]
    assert [f.phrase for f in found] == ["trước ngày 20 tháng 7", "trước ngày 20 tháng 01 năm sau"]
    assert [f.period_words for f in found] == ["6 tháng", "báo cáo năm"]


def test_quarter_and_year_reports_in_one_sentence():
    found = tables("báo cáo quý gửi trước ngày 10 của tháng đầu quý sau; báo cáo năm gửi trước ngày 15/01 năm sau")
    assert found == [{"every": "quarter", "of": "next", "month": 1, "day": 10, "inclusive": False},
                     {"every": "year", "of": "next", "month": 1, "day": 15, "inclusive": False}]


@pytest.mark.parametrize("phrase,reason", [
    ("gửi trước ngày 15.3", "document's date is unknown"),                 # no --issued, no header
    ("báo cáo 6 tháng đầu năm", "names the period reported on"),
    ("định kỳ báo cáo kết quả", "without a period"),
    ("báo cáo quý trước ngày 15/4", "quarter"),
    ("báo cáo tháng trước ngày 20", "which month"),
    ("chậm nhất sau khi kết thúc hội nghị", "not read"),
    ("hoàn thành trước ngày khai mạc Đại hội", "before an event"),
    ("báo cáo trước ngày 31/2/2024", "impossible"),
    ("báo cáo trước ngày 29/02 hằng năm", "impossible"),
    ("trong thời hạn 15 ngày", "counted from what"),
    ("hoàn thành đến tháng 6/2024", "“đến”"),
    ("báo cáo 9 tháng trước ngày 15/5", "nine_months"),
])
def test_not_understood_is_todo_with_the_reason(phrase, reason):
    found = schedules(phrase, None)
    assert [f.schedule for f in found] == [None], found
    assert reason in found[0].reason and found[0].todo == ("schedule",)


@pytest.mark.parametrize("phrase", [
    "Thực hiện Kế hoạch số 140-KH/TU, ngày 27/4/2023 của Ban Thường vụ",    # a reference, not a deadline
    "phấn đấu đến năm 2030, 100% cơ quan có trang thông tin",              # a target, not a deadline
    "trước hết, cần nâng cao nhận thức",
    "ngày càng trong sạch, vững mạnh",
    "Bản tin do Ban Tuyên giáo phát hành tháng 3/2023",
    "Quyết định này có hiệu lực thi hành sau 10 ngày kể từ ngày ký ban hành",     # entry into force
    "bảo đảm không ít hơn 01 ngày làm việc tính từ thời điểm kết thúc việc lấy số liệu",   # a minimum
    "báo cáo kết quả thực hiện từ ngày 30/01/2020 đến ngày 24/4/2020",      # the span reported on
    "khen thưởng hàng năm cho các danh hiệu thi đua",                       # a kind of award, no duty
    "sự kiện diễn ra trong tháng 9 năm 2019",
])
def test_no_deadline_no_draft(phrase):
    assert tables(phrase) == []


def test_day_month_early_next_year():
    assert tables("gửi trước ngày 15/01", D(2023, 12, 2)) == [{"every": "once", "date": D(2024, 1, 15),
                                                               "inclusive": False}]


def test_far_day_month_is_not_read_as_next_year():
    # Issued 2 March: "trước ngày 28/02" would be eleven months away: more likely a slip.
    assert tables("báo cáo trước ngày 28/02") == ["TODO"]


def test_day_month_months_into_next_year_is_todo():
    # Công văn của Thanh tra Bộ Tư pháp (moj.gov.vn, 07/10/2011), section "Báo cáo Quý I":
    # the sentence alone gives no year and no period; 18/3/2012 as a once-date would be wrong.
    (found,) = schedules("Gửi báo cáo chậm nhất vào ngày 18 tháng 3.", D(2011, 10, 7))
    assert found.schedule is None and "heading" in found.reason
    # ... while the same day in the document's own year stays a once-date
    assert tables("Gửi báo cáo chậm nhất vào ngày 18 tháng 3.", D(2011, 2, 7)) == [
        {"every": "once", "date": D(2011, 3, 18), "inclusive": True}]


def test_decided_by_words_are_verbatim():
    (found,) = schedules("Các chi bộ báo cáo kết quả CHẬM NHẤT NGÀY 15/3/2024 về Đảng ủy", ISSUED)
    assert found.phrase == "CHẬM NHẤT NGÀY 15/3/2024" and found.schedule["inclusive"] is True
