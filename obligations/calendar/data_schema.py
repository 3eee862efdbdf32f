"""The schema of the calendar data files: coverage, commemorations, days off and workdays."""

from __future__ import annotations

from obligations.base.errors import said
from obligations.base.schema import Field, Table
from obligations.calendar.decisions import DECISION_KINDS

_MONTH_DAY = Table((Field("month", "int", required=True, low=1, high=12, fix=said("fix:data:month", "a month from 1 to 12")),
                    Field("day", "int", required=True, low=1, high=31, fix=said("fix:data:day", "a day from 1 to 31"))))
_TEXTS = (Field("name_vi", "str", required=True), Field("name_en", "str", required=True),
          Field("basis", "str", required=True, fix=said("fix:data:basis", "cite the document or fact the date comes from")))
COMMEMORATION_SCHEMA = Table((
    Field("id", "id", required=True), *_TEXTS,
    Field("date", "table", schema=_MONTH_DAY, fix=said("fix:data:date", "e.g. date = {{ month = 9, day = 2 }}")),
    Field("lunar", "table", schema=_MONTH_DAY, fix=said("fix:data:lunar", "e.g. lunar = {{ month = 3, day = 10 }}")),
    Field("origin_year", "int", low=1, high=2100, fix=said("fix:data:origin_year", "the year of the event, e.g. 1945")),
    Field("aliases", "str_list", non_empty=False), Field("great_holiday", "bool"),
), one_of=(("date", "lunar"),))
DAY_SCHEMA = Table((Field("date", "date", required=True), *_TEXTS,
                    Field("decision", "id", required=True,
                          fix=said("fix:data:decision", 'name the [[decision]] that made the day, e.g. decision = '
                                   '"vpcp-12729-2025" (docs/calendar.md)'))))
_CLAIM = Table((Field("from", "int", required=True, low=1900, high=2100, fix=said("fix:data:from", "the first year, e.g. 2021")),
                Field("to", "int", required=True, low=1900, high=2100, fix=said("fix:data:to", "the last year, e.g. 2100")),
                Field("names", "str_list", fix=said("fix:data:names", 'the Vietnamese names it claims, e.g. ["Ngày Văn hóa Việt Nam"]'))))
DECISION_SCHEMA = Table((
    Field("id", "id", required=True),
    Field("number", "str", fix=said("fix:data:number", 'the document\'s number, e.g. "12729/VPCP-KGVX" (leave it out when not found)')),
    Field("issuer", "str", required=True, fix=said("fix:data:issuer", 'who issued it, e.g. "Văn phòng Chính phủ"')),
    Field("kind", "str", required=True, choices=DECISION_KINDS, fix=said("fix:one-of", "one of: {choices}", choices=", ".join(DECISION_KINDS))),
    Field("issued", "date", fix=said("fix:data:issued", "the day of issue, e.g. issued = 2025-12-25")),
    Field("assumed_known_from", "date",
          fix=said("fix:data:assumed_known_from", "when the day of issue is not known: the day it is taken as known from, e.g. 2025-12-01")),
    Field("assumption", "str", fix=said("fix:data:assumption", "why the decision is taken as known from assumed_known_from")),
    Field("title_vi", "str", required=True), Field("title_en", "str", required=True),
    Field("source", "str", required=True, fix=said("fix:data:source", "the address or citation the facts were taken from")),
    Field("days", "date_list", fix=said("fix:data:days", "the dates of the holidays package it made, e.g. [2025-04-26, 2025-05-02]")),
    Field("holidays", "table", schema=_CLAIM, fix=said("fix:data:holidays", "e.g. holidays = {{ from = 2021, to = 2100 }}")),
), one_of=(("issued", "assumed_known_from"),))
_DAY_TABLES = (Field("commemoration", "tables", non_empty=False), Field("day_off", "tables", non_empty=False),
               Field("workday", "tables", non_empty=False), Field("decision", "tables", non_empty=False))
DAYS_FILE_SCHEMA = Table(_DAY_TABLES)
LOCAL_FILE_SCHEMA = Table((Field("scope", "table", required=True, schema=Table((
    Field("units", "id_list", required=True, fix=said("fix:data:units", 'e.g. units = ["tinh-kon-tum"]')),))), *_DAY_TABLES))
COVERAGE_SCHEMA = Table((Field("coverage", "table", required=True, schema=Table(tuple(
    Field(name, "int", required=True, low=1900, high=2100, fix=said("fix:data:coverage", "the lunar calendar is computed for 1900-2100 only"))
    for name in ("first_year", "last_year", "swaps_known_through")))),))
