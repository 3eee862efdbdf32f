"""The schema of the calendar data files: coverage, commemorations, days off and workdays."""

from __future__ import annotations

from obligations.base.schema import Field, Table

_MONTH_DAY = Table((Field("month", "int", required=True, low=1, high=12, fix="a month from 1 to 12"),
                    Field("day", "int", required=True, low=1, high=31, fix="a day from 1 to 31")))
_TEXTS = (Field("name_vi", "str", required=True), Field("name_en", "str", required=True),
          Field("basis", "str", required=True, fix="cite the document or fact the date comes from"))
COMMEMORATION_SCHEMA = Table((
    Field("id", "id", required=True), *_TEXTS,
    Field("date", "table", schema=_MONTH_DAY, fix="e.g. date = { month = 9, day = 2 }"),
    Field("lunar", "table", schema=_MONTH_DAY, fix="e.g. lunar = { month = 3, day = 10 }"),
    Field("origin_year", "int", low=1, high=2100, fix="the year of the event, e.g. 1945"),
    Field("aliases", "str_list", non_empty=False), Field("great_holiday", "bool"),
), one_of=(("date", "lunar"),))
DAY_SCHEMA = Table((Field("date", "date", required=True), *_TEXTS))
_DAY_TABLES = (Field("commemoration", "tables", non_empty=False), Field("day_off", "tables", non_empty=False),
               Field("workday", "tables", non_empty=False))
DAYS_FILE_SCHEMA = Table(_DAY_TABLES)
LOCAL_FILE_SCHEMA = Table((Field("scope", "table", required=True, schema=Table((
    Field("units", "id_list", required=True, fix='e.g. units = ["tinh-kon-tum"]'),))), *_DAY_TABLES))
COVERAGE_SCHEMA = Table((Field("coverage", "table", required=True, schema=Table(tuple(
    Field(name, "int", required=True, low=1900, high=2100, fix="the lunar calendar is computed for 1900-2100 only")
    for name in ("first_year", "last_year", "swaps_known_through")))),))
