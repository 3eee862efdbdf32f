"""Local and national additions by data, and bad calendar files."""

import shutil

import pytest

from conftest import FIXTURES, d
from obligations.calendar.working import VietnamCalendar
from obligations.calendar.data import load_calendar_data
from obligations.base.errors import CalendarRangeError, DataFileError


@pytest.fixture(scope="module")
def local_data():
    return load_calendar_data(FIXTURES / "calendars_local")


def test_national_additions_change_working_days(local_data):
    cal = VietnamCalendar(local_data)
    assert not cal.is_working_day(d("2027-05-04"))
    assert cal.is_working_day(d("2027-05-08"))          # a Saturday made a working day
    assert {e.kind for e in cal.events_on(d("2027-05-08"))} == {"makeup_workday"}


def test_local_days_apply_only_in_scope(local_data):
    outside = VietnamCalendar(local_data)
    inside = VietnamCalendar(local_data, scope=["xa-X", "huyen-Y"])
    assert outside.is_working_day(d("2025-03-03"))
    assert not inside.is_working_day(d("2025-03-03"))
    festival = [e for e in inside.events_on(d("2025-02-12")) if e.commemoration_id == "le-hoi-lang"]
    assert festival and festival[0].kind == "local"     # rằm tháng Giêng 2025 is 12/2/2025
    assert not [e for e in outside.events_on(d("2025-02-12")) if e.commemoration_id]
    assert inside.roll(d("2025-03-03"), "next").result == d("2025-03-04")


def test_year_outside_coverage(national):
    with pytest.raises(CalendarRangeError) as err:
        national.is_working_day(d("1990-01-02"))
    assert "1995-2100" in str(err.value)


def _broken(tmp_path, name, text):
    target = tmp_path / "cal"
    shutil.copytree(FIXTURES / "calendars_local", target)
    (target / name).write_text(text, encoding="utf-8")
    return target


@pytest.mark.parametrize("name,text,expected", [
    ("commemorations.toml", "[[commemoration]]\nid = 'x'\nname_vi='a'\nname_en='b'\nbasis='c'\n"
     "date = { month = 2, day = 31 }\n", ":1 (commemoration 'x'): date: 31/2 is not a solar day"),
    ("commemorations.toml", "[[commemoration]]\nid = 'x'\nname_vi='a'\nname_en='b'\nbasis='c'\n"
     "date = { month = 2, day = 3 }\ncolour = 'red'\n", "unknown key 'colour'"),
    ("commemorations.toml", "[[commemoration]\nid = 'x'\n", "malformed TOML"),
    ("days.toml", "[[day_off]]\ndate = 2025-02-30\n", "malformed TOML"),
    ("days.toml", "[[workday]]\ndate = '2025-02-03'\nname_vi='a'\nname_en='b'\nbasis='c'\ndecision='d'\n",
     "date: must be a TOML date"),
    ("vietnam.toml", "[coverage]\nfirst_year = 2030\nlast_year = 2020\nswaps_known_through = 2026\n",
     "not a range"),
    ("local/xa-X.toml", "[[commemoration]]\nid='y'\nname_vi='a'\nname_en='b'\nbasis='c'\ndate={month=1,day=1}\n",
     "scope: is missing"),
])
def test_bad_calendar_files_name_file_and_place(tmp_path, run_cli, name, text, expected):
    directory = _broken(tmp_path, name, text)
    with pytest.raises(DataFileError) as err:
        load_calendar_data(directory)
    assert name.split("/")[-1] in str(err.value) and expected in str(err.value)
    code, out, errtext = run_cli("calendar", "--year", "2025", "--lang", "en", "--calendars", str(directory))
    assert code == 2 and out == ""
    assert expected in errtext and "Traceback" not in errtext
    assert len(errtext.strip().splitlines()) == 1


def test_duplicate_commemoration_id(tmp_path):
    directory = _broken(tmp_path, "local/xa-X.toml",
                        "[scope]\nunits=['xa-X']\n[[commemoration]]\nid='quoc-khanh'\nname_vi='a'\n"
                        "name_en='b'\nbasis='c'\ndate={month=1,day=1}\n")
    with pytest.raises(DataFileError, match="used twice"):
        load_calendar_data(directory)


def test_holiday_cache_round_trips_and_survives_damage(tmp_path):
    from obligations.calendar.holiday_source import HolidaySource, compute_year

    fresh = compute_year(2025)
    first = HolidaySource(tmp_path)
    assert first.year(2025) == fresh
    (cache_file,) = tmp_path.glob("holidays-vn-*.json")
    assert HolidaySource(tmp_path).year(2025) == fresh          # read back from disk
    cache_file.write_text("{not json", encoding="utf-8")
    assert HolidaySource(tmp_path).year(2025) == fresh          # damaged: recomputed
    assert HolidaySource(None).year(2025) == fresh and HolidaySource(None)._path is None
    # "off" is the command line's word for no cache (the library reads no environment)
    from obligations.cli.environment import cache_dir

    assert cache_dir({"OBLIGATIONS_CACHE": "off"}) is None


def test_calendars_with_and_without_cache_agree(calendar_data, tmp_path):
    from obligations.calendar.holiday_source import HolidaySource

    cached = VietnamCalendar(calendar_data, source=HolidaySource(tmp_path))
    direct = VietnamCalendar(calendar_data, source=HolidaySource(None))
    start, end = d("2023-01-01"), d("2027-12-31")
    assert cached.events_between(start, end) == direct.events_between(start, end)
    assert cached.count_working_days(start, end) == direct.count_working_days(start, end)


def test_load_cache_follows_file_content(tmp_path, monkeypatch):
    import shutil

    from obligations.base import paths
    from obligations.workspace import load

    rules = tmp_path / "rules"
    shutil.copytree(paths.rules_dir(), rules)
    assert not (tmp_path / "cache").exists()
    load(rules)                                   # the library writes nothing unless asked
    assert not (tmp_path / "cache").exists()

    def load(rules, load=load):                   # the command line asks for its cache directory
        return load(rules, cache_dir=tmp_path / "cache")

    first = load(rules)
    assert len(list((tmp_path / "cache").glob("loaded-*.json"))) == 1
    assert load(rules).rules.duty("76-KH-DU/chi-bo-so-ket").schedule.date.month == 10     # from the cache
    path = rules / "76-KH-DU.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'schedule = { every = "once", start = 2025-10-01, date = 2025-10-31, inclusive = true }\nvalid = { from = 2023-04-01 }\nfeeds = ["76-KH-DU/dang-uy-so-ket"]',
        'schedule = { every = "once", start = 2025-09-01, date = 2025-09-30, inclusive = true }\nvalid = { from = 2023-04-01 }\nfeeds = ["76-KH-DU/dang-uy-so-ket"]'),
        encoding="utf-8")
    assert load(rules).rules.duty("76-KH-DU/chi-bo-so-ket").schedule.date.month == 9      # edited: loaded afresh
    for cached in (tmp_path / "cache").glob("loaded-*.json"):
        cached.write_bytes(b"{\"format\": 2, \"loaded\": {\"$\": \"obj\", \"c\": \"os.system\", \"v\": {}}}")
    assert load(rules).rules.duty("76-KH-DU/chi-bo-so-ket").schedule.date.month == 9      # damaged: ignored
    assert first.rules.duty("76-KH-DU/chi-bo-so-ket").schedule.date.month == 10


def test_a_damaged_holiday_cache_is_recomputed_whatever_it_holds(tmp_path):
    from obligations.calendar.holiday_source import HolidaySource, compute_year

    fresh = compute_year(2025)
    HolidaySource(tmp_path).year(2025)
    (cache_file,) = tmp_path.glob("holidays-vn-*.json")
    for damage in ("[]", '{"format": 2, "years": []}', '{"format": 2, "years": {"2025": 5}}', "[" * 100000):
        cache_file.write_text(damage, encoding="utf-8")
        assert HolidaySource(tmp_path).year(2025) == fresh


def test_two_inputs_whose_cache_names_collide_are_told_apart(tmp_path, monkeypatch):
    """The cache file's name is a short checksum; the inputs' whole fingerprint is inside."""
    import shutil

    from obligations import load_cache
    from obligations.base import paths
    from obligations.workspace import load

    monkeypatch.setattr(load_cache, "_name", lambda fingerprint: "same")
    rules = tmp_path / "rules"
    shutil.copytree(paths.rules_dir(), rules)
    assert load(rules, cache_dir=tmp_path / "cache").rules.duty("76-KH-DU/chi-bo-so-ket").schedule.date.month == 10
    path = rules / "76-KH-DU.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'start = 2025-10-01, date = 2025-10-31', 'start = 2025-09-01, date = 2025-09-30'), encoding="utf-8")
    assert [p.name for p in (tmp_path / "cache").glob("loaded-*.json")] == ["loaded-same.json"]
    assert load(rules, cache_dir=tmp_path / "cache").rules.duty("76-KH-DU/chi-bo-so-ket").schedule.date.month == 9
