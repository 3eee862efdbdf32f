import datetime as dt
from pathlib import Path

import pytest

from obligations.base import paths
from obligations.calendar.working import VietnamCalendar
from obligations.calendar.data import load_calendar_data

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def private_database(tmp_path, monkeypatch):
    """Never read or write a real user's submissions log from the tests."""
    path = tmp_path / "submissions.sqlite3"
    monkeypatch.setenv("OBLIGATIONS_DB", str(path))
    return path


# The instant the tests' clock stands at: 08:00 on Monday 23/11/2026 in Vietnam (01:00 UTC).
FIXED_NOW = dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """Tests never read the wall clock: the package's one reading of it
    (obligations.base.dates.utc_now, behind every default "today" of the command line and
    the service's default clock) stands at FIXED_NOW in every in-process test, so that no
    answer depends on the day the tests run. A test about "today" asks for this fixture and
    calls ``clock(instant)`` to move it (far from the real date, to show it is followed)."""
    from obligations.base import dates

    now = [FIXED_NOW]
    monkeypatch.setattr(dates, "utc_now", lambda: now[0])

    def move(instant: dt.datetime) -> dt.datetime:
        now[0] = instant
        return instant

    return move


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """The holiday cache of the tests lives in a temporary directory."""
    import os

    path = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("OBLIGATIONS_CACHE")
    os.environ["OBLIGATIONS_CACHE"] = str(path)
    yield path
    if previous is None:
        del os.environ["OBLIGATIONS_CACHE"]
    else:
        os.environ["OBLIGATIONS_CACHE"] = previous


@pytest.fixture(scope="session")
def calendar_data():
    return load_calendar_data(paths.calendars_dir())


@pytest.fixture(scope="session")
def national(calendar_data):
    return VietnamCalendar(calendar_data)


@pytest.fixture
def run_cli(capsys):
    """Run the command line in-process; return (exit code, stdout, stderr)."""
    from obligations.cli import main

    def run(*argv):
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture(scope="session")
def ws():
    from obligations.workspace import load

    return load()


def deadlines(ws, unit, duty_id, first=2023, last=2026):
    """{period: (window_start, deadline)} of one duty for one unit, as ISO strings."""
    duty = ws.rules.duty(duty_id)
    occurrences, problems = ws.occurrences(unit, first, last, duties=[duty])
    assert not problems
    return {o.period: (o.window_start.isoformat(), o.deadline.isoformat()) for o in occurrences}
