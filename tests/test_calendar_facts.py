"""Calendar facts checked by hand against the government's published schedules."""

import datetime as dt

import pytest

from conftest import d


def test_facts_from_the_issue(national):
    assert national.is_working_day(d("2024-05-04"))          # make-up Saturday
    assert not national.is_working_day(d("2024-04-29"))      # swapped day off
    roll = national.roll(d("2025-11-30"), "previous")        # a Sunday
    assert roll.result == d("2025-11-28")
    from obligations.render.messages import move_reason

    assert [move_reason(m, "en") for m in roll.skipped] == ["Sunday", "Saturday"]
    kinds = {e.kind for e in national.events_on(d("2023-09-04"))}
    assert kinds == {"day_off"}                               # nghỉ bù for 2/9/2023 (a Saturday)


# Weekdays in the year, weekday days off and make-up Saturdays counted by hand from the
# government's schedules: 2023 starts on a Sunday (260 weekdays), 2024 is a leap year
# starting on a Monday (262), 2025 starts on a Wednesday (261), 2026 on a Thursday (261),
# 2027 on a Friday (261).
YEARS = {
    2023: dict(weekdays=260, off=["2023-01-02", "2023-01-20", "2023-01-23", "2023-01-24",
                                  "2023-01-25", "2023-01-26", "2023-05-01", "2023-05-02",
                                  "2023-05-03", "2023-09-01", "2023-09-04"],
               makeup=[], tet="2023-01-22", hung="2023-04-29"),
    2024: dict(weekdays=262, off=["2024-01-01", "2024-02-08", "2024-02-09", "2024-02-12",
                                  "2024-02-13", "2024-02-14", "2024-04-18", "2024-04-29",
                                  "2024-04-30", "2024-05-01", "2024-09-02", "2024-09-03"],
               makeup=["2024-05-04"], tet="2024-02-10", hung="2024-04-18"),
    2025: dict(weekdays=261, off=["2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29",
                                  "2025-01-30", "2025-01-31", "2025-04-07", "2025-04-30",
                                  "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02"],
               makeup=["2025-04-26"], tet="2025-01-29", hung="2025-04-07"),
    # 2/1/2026 <-> 10/1/2026: Văn bản 12729/VPCP-KGVX of 25/12/2025 (calendars/days.toml)
    2026: dict(weekdays=261, off=["2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18",
                                  "2026-02-19", "2026-02-20", "2026-04-27", "2026-04-30",
                                  "2026-05-01", "2026-08-31", "2026-09-01", "2026-09-02",
                                  "2026-11-24"],
               makeup=["2026-01-10", "2026-08-22"], tet="2026-02-17", hung="2026-04-26"),
    2027: dict(weekdays=261, off=["2027-01-01", "2027-02-04", "2027-02-05", "2027-02-08",
                                  "2027-02-09", "2027-02-10", "2027-04-16", "2027-04-30",
                                  "2027-05-03", "2027-09-02", "2027-09-03", "2027-11-24"],
               makeup=[], tet="2027-02-06", hung="2027-04-16"),
}


@pytest.mark.parametrize("year", sorted(YEARS))
def test_year(national, year):
    facts = YEARS[year]
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    days = [start + dt.timedelta(n) for n in range((end - start).days)]
    weekday_off = sorted(x.isoformat() for x in days if x.weekday() < 5 and not national.is_working_day(x))
    saturday_work = sorted(x.isoformat() for x in days if x.weekday() >= 5 and national.is_working_day(x))
    assert weekday_off == facts["off"]
    assert saturday_work == facts["makeup"]
    expected = facts["weekdays"] - len(facts["off"]) + len(facts["makeup"])
    assert national.count_working_days(start, end) == expected
    assert [e.date.isoformat() for e in national.commemoration_dates("tet-nguyen-dan", year)] == [facts["tet"]]
    assert [e.date.isoformat() for e in national.commemoration_dates("gio-to-hung-vuong", year)] == [facts["hung"]]


def test_culture_day_only_from_2026(national):
    assert national.is_working_day(d("2025-11-24"))
    assert not national.is_working_day(d("2026-11-24"))
    assert [e.name_en for e in national.events_on(d("2026-11-24"))] == ["Vietnam Cultural Day"]


def test_compensatory_and_substituted_are_day_off(national):
    assert {e.kind for e in national.events_on(d("2026-04-27"))} == {"day_off"}   # Hùng Kings on Sunday
    assert {e.kind for e in national.events_on(d("2025-05-02"))} == {"day_off"}   # swapped with 26/4
    assert {e.kind for e in national.events_on(d("2025-04-26"))} == {"makeup_workday"}
    assert "public_holiday" in {e.kind for e in national.events_on(d("2025-09-02"))}


def test_anniversaries_and_decree_classes(national):
    def one(day):
        (e,) = [e for e in national.events_on(d(day)) if e.commemoration_id]
        return e.anniversary, e.anniversary_class

    assert one("2025-04-30") == (50, "nam_tron")
    assert one("2025-05-19") == (135, "nam_le_5")
    assert one("2025-02-03") == (95, "nam_le_5")
    assert one("2025-09-02") == (80, "nam_tron")
    assert one("2024-12-22") == (80, "nam_tron")
    assert one("2026-05-07") == (72, None)
    (tet,) = national.commemoration_dates("tet-nguyen-dan", 2025)
    assert tet.anniversary is None and tet.kind == "lunar"


def test_vietnamese_not_chinese_lunar_new_year():
    from obligations.calendar.lunar import to_lunar, to_solar

    # Vietnam (UTC+7) and China (UTC+8) disagree in these years.
    assert to_solar(1985, 1, 1) == d("1985-01-21")
    assert to_solar(2007, 1, 1) == d("2007-02-17")
    assert to_lunar(d("2007-02-17")).month == 1


def test_tet_and_hung_kings_agree_with_the_holidays_package(national):
    import holidays

    for year in range(1995, 2061):
        table = holidays.country_holidays("VN", years=year, language="en_US", observed=False)
        tet = [day for day, name in table.items() if name == "Lunar New Year"]
        mine = [e.date for e in national.commemoration_dates("tet-nguyen-dan", year)]
        assert mine == tet, year
        if year >= 2007:
            hung = [day for day, name in table.items() if name == "Hung Kings' Commemoration Day"]
            assert [e.date for e in national.commemoration_dates("gio-to-hung-vuong", year)] == hung


def test_english_names_give_dates_day_first(national):
    # holidays' en_US name is "Day off (substituted from 05/04/2024)": 4 May, the make-up Saturday.
    (event,) = [e for e in national.events_on(d("2024-04-29")) if e.kind == "day_off"]
    assert "04/05/2024" in event.name_en and national.is_working_day(d("2024-05-04"))
