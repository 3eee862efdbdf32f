"""`calendar`: the days off, make-up working days and commemorations of one year."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from obligations.base import paths
from obligations.calendar.data import load_calendar_data
from obligations.calendar.holiday_source import HolidaySource
from obligations.calendar.working import VietnamCalendar
from obligations.cli import environment
from obligations.render.calendar import year_as_json, year_as_table


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.unit:
        ws, args.unit = environment.workspace(args.rules, args.org, args.calendars).resolve_unit(args.unit)
        cal = ws.calendar_for(args.unit)
    else:
        directory = Path(args.calendars) if args.calendars else paths.calendars_dir()
        cal = VietnamCalendar(load_calendar_data(directory), source=HolidaySource(environment.cache_dir()))
    cal.check_year(args.year)
    if args.format == "json":
        json.dump(year_as_json(cal, args.year, args.lang), out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(year_as_table(cal, args.year, args.lang) + "\n")
    return 0
