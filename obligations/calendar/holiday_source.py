"""Vietnam's public holidays, days off and make-up days, from the ``holidays`` package.

Importing ``holidays.countries`` loads all of its ~250 country modules (about 80 ms), and
the command line answers many times a day. What the package says of Vietnam for a year
never changes within one release, so the facts can be cached as JSON per installed
version of ``holidays`` in a directory the caller names (the command line uses the
user's cache directory). A missing, stale or unreadable cache is simply recomputed.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import attrs

from obligations.base.errors import ObligationsError
from obligations.base.files import read_regular_file, write_replacing
from obligations.base.records import record

# The facts of every year 1995-2100 take about 1 MB; more is not ours.
CACHE_LIMIT = 8 * 1024 * 1024
CACHE_FORMAT = 2   # 2: English names give dates day/month/year


@record
@attrs.frozen(repr=False)
class HolidayYear:
    """One year as the package sees it: (date, kind, name_vi, name_en) and make-up days."""

    days: tuple[tuple[dt.date, str, str, str], ...]
    makeup: tuple[dt.date, ...]


def installed_version() -> str | None:
    """The installed ``holidays`` version, found without importing the package."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return None
    package = Path(list(spec.submodule_search_locations)[0])
    found = sorted(package.parent.glob("holidays-*.dist-info"))
    if len(found) == 1:
        match = re.fullmatch(r"holidays-(.+)\.dist-info", found[0].name)
        if match:
            return match.group(1)
    try:
        from importlib.metadata import version

        return version("holidays")
    except Exception:
        return None


_US_DATE = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")


def day_first(name: str) -> str:
    """en_US names write dates month/day ("substituted from 05/04/2024" for 4 May); every
    date this program prints is day/month, so the English names are made to agree."""
    return _US_DATE.sub(lambda m: f"{m.group(2)}/{m.group(1)}/{m.group(3)}", name)


def compute_year(year: int) -> HolidayYear:
    import holidays
    from holidays.countries.vietnam import VietnamStaticHolidays

    vi = holidays.country_holidays("VN", years=year, language="vi")
    en = holidays.country_holidays("VN", years=year, language="en_US")
    base = holidays.country_holidays("VN", years=year, language="vi", observed=False)
    # Days that only exist with observed=True are compensatory (nghỉ bù); the package's
    # special public holidays of a swap are substituted days off.
    substituted = set()
    swaps = getattr(VietnamStaticHolidays, "special_public_holidays", {}).get(year, ())
    if swaps and isinstance(swaps[0], int):
        swaps = (swaps,)
    for swap in swaps:
        substituted.add(dt.date(year, swap[0], swap[1]))
    days = []
    for day in sorted(vi):
        kind = "public_holiday" if day in base and day not in substituted else "day_off"
        for name_vi, name_en in zip(vi.get_list(day), en.get_list(day)):
            days.append((day, kind, name_vi, day_first(name_en)))
    makeup = tuple(sorted(d for d in vi.weekend_workdays if d.year == year))
    return HolidayYear(tuple(days), makeup)


class HolidaySource:
    """Per-year holiday facts, memoised in memory and (unless disabled) on disk."""

    def __init__(self, cache_dir: str | Path | None = None) -> None:
        directory = Path(cache_dir) if cache_dir is not None else None
        version = installed_version() if directory is not None else None
        self._path: Path | None = (directory / f"holidays-vn-{version}.json"
                                   if directory is not None and version else None)
        self._years: dict[int, HolidayYear] | None = None

    def _load(self) -> dict[int, HolidayYear]:
        years: dict[int, HolidayYear] = {}
        if self._path is not None:
            try:
                doc = json.loads(read_regular_file(self._path, CACHE_LIMIT))
                if isinstance(doc, dict) and doc.get("format") == CACHE_FORMAT:
                    for key, value in doc["years"].items():
                        years[int(key)] = HolidayYear(
                            tuple((dt.date.fromisoformat(d), k, vi, en) for d, k, vi, en in value["days"]),
                            tuple(dt.date.fromisoformat(d) for d in value["makeup"]))
            except (ObligationsError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
                years = {}   # a missing or damaged cache is recomputed, never trusted
        return years

    def _save(self, years: dict[int, HolidayYear]) -> None:
        if self._path is None:
            return
        doc = {"format": CACHE_FORMAT, "years": {
            str(y): {"days": [[d.isoformat(), k, vi, en] for d, k, vi, en in v.days],
                     "makeup": [d.isoformat() for d in v.makeup]} for y, v in sorted(years.items())}}
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            write_replacing(self._path, json.dumps(doc, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # a read-only cache directory only costs speed

    def year(self, year: int) -> HolidayYear:
        if self._years is None:
            self._years = self._load()
        found = self._years.get(year)
        if found is None:
            found = self._years[year] = compute_year(year)
            self._save(self._years)
        return found
