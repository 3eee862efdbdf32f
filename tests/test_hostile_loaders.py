"""Laws of the loaders under hostile data: random bytes and random TOML values given to the
rule, hierarchy and calendar loaders only ever end in a DataFileError (or Problems of
them), never in another exception."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from obligations.base import paths
from obligations.base.errors import DataFileError, Problems
from obligations.calendar.data import load_calendar_data
from obligations.org.hierarchy import load_hierarchy
from obligations.render.csv_safe import cell as _cell
from obligations.render.safe_text import escape_controls
from obligations.rules.loader import load_rule_file

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

RULE_KEYS = ["id", "number", "kind", "issuer", "unit", "title", "issued", "implements", "section", "source",
             "title_vi", "title_en", "performers", "recipient", "schedule", "valid", "policy", "feeds", "example",
             "type", "date", "month", "day", "from", "until", "roll", "due_soon_days", "see_also", "note"]
ORG_KEYS = ["id", "name", "level", "parent", "parents", "unit", "from", "until", "successor", "lead_days", "policy"]
CAL_KEYS = ["coverage", "first_year", "last_year", "swaps_known_through", "commemoration", "day_off", "workday",
            "id", "name_vi", "name_en", "basis", "date", "lunar", "month", "day", "scope", "units", "aliases"]

scalars = st.one_of(
    st.text(max_size=12), st.sampled_from(["xa-X", "cell", "level:cell", "issuer", "once_before", "TODO", ""]),
    st.integers(min_value=-2**70, max_value=2**70), st.integers(min_value=-3, max_value=40), st.booleans(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
)


def toml_values(keys):
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(keys) | st.text(max_size=6), inner, max_size=6)),
        max_leaves=20)


def dump(value) -> str:
    """A value as inline TOML (enough of TOML for the generated documents)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(dump(v) for v in value) + "]"
    return "{ " + ", ".join(f"{json.dumps(k)} = {dump(v)}" for k, v in value.items()) + " }"


def document(keys, tables):
    return st.fixed_dictionaries({t: toml_values(keys) for t in tables}).map(
        lambda d: "".join(f"{json.dumps(k)} = {dump(v)}\n" for k, v in d.items()))


def only_data_file_errors(load) -> None:
    try:
        load()
    except (DataFileError, Problems) as exc:
        if isinstance(exc, Problems):
            assert all(isinstance(p, DataFileError) for p in exc.problems)
        assert exc.render()


@SETTINGS
@given(data=st.binary(max_size=300))
def test_random_bytes_give_only_data_file_errors(tmp_path, data):
    path = tmp_path / "x.toml"
    path.write_bytes(data)
    only_data_file_errors(lambda: load_rule_file(path))
    only_data_file_errors(lambda: load_hierarchy(path))


@SETTINGS
@given(text=document(RULE_KEYS, ["directive", "duty", "undated"]))
def test_random_rule_values_give_only_data_file_errors(tmp_path, text):
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    only_data_file_errors(lambda: load_rule_file(path))


@SETTINGS
@given(text=document(ORG_KEYS, ["unit", "lead_days"]))
def test_random_hierarchy_values_give_only_data_file_errors(tmp_path, text):
    path = tmp_path / "h.toml"
    path.write_text(text, encoding="utf-8")
    only_data_file_errors(lambda: load_hierarchy(path))


@SETTINGS
@given(text=document(CAL_KEYS, ["commemoration", "day_off", "workday"]),
       coverage=document(CAL_KEYS, ["coverage"]))
def test_random_calendar_values_give_only_data_file_errors(tmp_path, text, coverage):
    directory = tmp_path / "cal"
    if not directory.exists():
        shutil.copytree(paths.calendars_dir(), directory)
    (directory / "days.toml").write_text(text, encoding="utf-8")
    (directory / "vietnam.toml").write_text(coverage, encoding="utf-8")
    only_data_file_errors(lambda: load_calendar_data(directory))


@given(st.text())
def test_escaped_text_holds_no_control_character(text):
    shown = escape_controls(text)
    assert not any(ord(c) < 32 and c not in "\t\n" or 0x7F <= ord(c) <= 0x9F for c in shown)


@given(st.text())
def test_csv_cells_never_start_a_formula(text):
    assert not str(_cell(text)).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_terminal_output_escapes_control_characters(tmp_path):
    """Run `due` under a pseudo-terminal: a title holding ESC is shown as \\u001b."""
    import os
    import pty

    rules = tmp_path / "rules"
    shutil.copytree(paths.rules_dir(), rules)
    shutil.copy(Path(__file__).parent / "bad_input" / "rules" / "escape-in-title.toml", rules / "zz.toml")
    master, slave = pty.openpty()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parent.parent))
    proc = subprocess.Popen([sys.executable, "-m", "obligations", "due", "--unit", "chibo-1", "--on", "2023-04-10",
                             "--rules", str(rules)], stdout=slave, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=30)
    os.close(master)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0 and "\\u001b[2J" in shown and "\x1b" not in shown


def test_a_link_planted_at_a_temporary_name_is_never_written_through(tmp_path):
    """Our files are written to ``<name>.<pid>.tmp`` then moved: a link planted there by
    someone else must not make us write into its target."""
    import os

    from obligations.base.files import write_replacing

    victim = tmp_path / "victim"
    victim.write_text("not ours")
    target = tmp_path / "out.ics"
    (tmp_path / f"out.ics.{os.getpid()}.tmp").symlink_to(victim)
    with pytest.raises(OSError):
        write_replacing(target, b"BEGIN:VCALENDAR")
    assert victim.read_text() == "not ours" and not target.exists()
    # without a planted name it writes the whole file and leaves no temporary behind
    (tmp_path / f"out.ics.{os.getpid()}.tmp").unlink()
    write_replacing(target, b"BEGIN:VCALENDAR")
    assert target.read_bytes() == b"BEGIN:VCALENDAR" and sorted(p.name for p in tmp_path.iterdir()) == [
        "out.ics", "victim"]


def test_the_holiday_cache_never_writes_through_a_planted_link(tmp_path):
    import os

    from obligations.calendar.holiday_source import HolidaySource

    victim = tmp_path / "victim"
    victim.write_text("not ours")
    source = HolidaySource(tmp_path / "cache")
    path = source._path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.with_name(f"{path.name}.{os.getpid()}.tmp").symlink_to(victim)
    assert source.year(2026).days                       # computed all the same: the cache only costs speed
    assert victim.read_text() == "not ours"
