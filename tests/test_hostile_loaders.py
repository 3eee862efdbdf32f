"""Laws of the loaders under hostile data. Random bytes given to the rule and hierarchy
loaders end in a DataFileError. Then the fuzzers that matter: each starts from a valid
document of the bundled data (a rule file, the hierarchy, a calendar file), changes ONE
field (its type, its value, a value out of range, a Unicode trap, the key removed, an
unknown key added, a value copied from a sibling, a reference to another or an unknown id), writes the result as real TOML and
loads the whole workspace through the one loader (obligations.workspace.load). Every
outcome is a load or our error naming the file, with a fix; never another exception. The
share of generated documents that load is measured and must be real: a fuzzer whose
documents never load tests only the first check of the loader."""

from __future__ import annotations

import copy
import datetime as dt
import random
import shutil
import subprocess
import sys
import tomllib
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import toml_writer
from obligations.base import paths
from obligations.base.errors import DataFileError, ObligationsError, Problems
from obligations.org.hierarchy import load_hierarchy
from obligations.render.csv_safe import cell as _cell
from obligations.render.safe_text import escape_controls
from obligations.rules.loader import load_rule_file
from obligations.workspace import load as load_workspace

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
MUTATE_SETTINGS = settings(max_examples=60, deadline=None,
                           suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


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


# -- one field of a valid document changed -------------------------------------------------

RULES, CALENDARS = paths.rules_dir(), paths.calendars_dir()
# every file of the bundled data, by the part of the workspace it belongs to
TARGETS = ([("rules", p.name) for p in sorted(RULES.glob("*.toml")) if p.name != "hierarchy.toml"]
           + [("rules", "hierarchy.toml")]
           + [("calendars", p.relative_to(CALENDARS).as_posix()) for p in sorted(CALENDARS.rglob("*.toml"))])
# "reference" twice: a field naming another entity (a unit, a commemoration, an event) set to
# another id of the data or to a well-formed id nothing defines, so that the checks between
# files are reached as often as the checks of one value
KINDS = ("type", "value", "range", "unicode", "missing", "extra", "sibling", "reference", "reference")
UNKNOWN_IDS = ["xa-khong-co", "tinh-khong-co", "ngay-khong-co", "khong-co-dau"]
TEXTS = ["", " ", "xa-X", "chibo-1", "tw", "tinh-kon-tum", "khong-co-dau", "level:cell", "issuer", "self", "month",
         "quarter", "year", "end", "start", "next", "previous", "none", "inclusive", "exclusive", "report", "plan",
         "2025-13-01", "2025-Q5", "TODO", "FREQ=DAILY", "MO", "tet-nguyen-dan"]
OTHER_TYPES = [7, -1, "chữ", True, False, 1.5, dt.date(2025, 1, 1), dt.datetime(2025, 1, 1, 8, 30), [], [1, "a"],
               {}, {"khoa": 1}, [{"id": "x"}]]
EDGE_INTS = [-2**63, -1, 0, 1, 13, 32, 367, 3661, 10**6, 2**63 - 1]
EDGE_DATES = [dt.date(1, 1, 1), dt.date(1899, 12, 31), dt.date(1900, 1, 1), dt.date(2100, 12, 31), dt.date(2101, 1, 1),
              dt.date(9999, 12, 31)]


def _unicode(text: str, rnd: random.Random) -> str:
    """A string that looks like ``text`` or holds a character a file should not bring in."""
    tricks = [
        lambda t: t.replace("a", "\u0430", 1) if "a" in t else "\u0430" + t,       # Cyrillic а
        lambda t: unicodedata.normalize("NFD", t) if t else "Vie\u0302\u0323t",   # decomposed
        lambda t: t[:1] + "\u200b" + t[1:],                                      # zero-width space
        lambda t: "\u202e" + t,                                                  # right-to-left override
        lambda t: t + "\x1b[2J",                                                 # terminal escape
        lambda t: t + "\x00",                                                    # NUL
        lambda t: t + "\r\nid = \"chen\"",                                       # a line break and a key
        lambda t: "📅" * 3 + t,
        lambda t: t + " ",
        lambda t: "\ufeff" + t,                                                  # byte order mark
    ]
    return rnd.choice(tricks)(text)


def _nodes(doc):
    """(container, key, value) of every value in the document below the top level's tables."""
    found = []

    def walk(container):
        items = container.items() if isinstance(container, dict) else enumerate(container)
        for k, v in list(items):
            found.append((container, k, v))
            if isinstance(v, (dict, list)):
                walk(v)

    walk(doc)
    return found


def _siblings(doc, container, k):
    """Values the same key holds in the other tables of the same array (another duty's id)."""
    values = []
    for parent, _, v in _nodes(doc):
        if isinstance(v, list) and any(item is container for item in v):
            values = [item[k] for item in v if item is not container and isinstance(item, dict) and k in item]
    return values


def defined_ids(docs) -> list[str]:
    """Every id the data defines (units, directives, duties, commemorations, events)."""
    return sorted({v for doc in docs for _, k, v in _nodes(doc) if k == "id" and isinstance(v, str)})


def mutate(doc, rnd: random.Random, ids: list[str] = ()) -> tuple[dict, str]:
    """A deep copy of ``doc`` with one field changed, and what was done. ``ids``: the ids the
    whole data defines, for references."""
    doc = copy.deepcopy(doc)
    nodes = _nodes(doc)
    kind = rnd.choice(KINDS)
    refs = [n for n in nodes if n[1] != "id" and isinstance(n[2], str) and n[2] in ids]
    if kind == "reference" and refs:
        container, k, old = rnd.choice(refs)
        container[k] = rnd.choice([i for i in ids if i != old] + UNKNOWN_IDS * 3)
        return doc, f"reference {k!r} {old!r} -> {container[k]!r}"
    container, k, old = rnd.choice(nodes)
    kind = "value" if kind == "reference" else kind
    where = f"{k!r} ({type(old).__name__} {str(old)[:30]!r})"
    if kind == "missing":
        del container[k]
        return doc, f"missing {where}"
    if kind == "extra":
        target = old if isinstance(old, dict) else container if isinstance(container, dict) else None
        if target is not None:
            target[rnd.choice(["khoa_la", "Id", "id ", "ghi_chu", "schedule"])] = rnd.choice(OTHER_TYPES + TEXTS)
            return doc, f"extra key beside {where}"
        kind = "sibling"
    if kind == "sibling":
        values = _siblings(doc, container, k) if isinstance(container, dict) else []
        if values:
            container[k] = copy.deepcopy(rnd.choice(values))
            return doc, f"sibling's value for {where}: {container[k]!r:.40}"
        kind = "value"
    if kind == "type":
        new = rnd.choice([v for v in OTHER_TYPES if type(v) is not type(old)])
    elif kind == "range" and isinstance(old, int) and not isinstance(old, bool):
        new = rnd.choice(EDGE_INTS)
    elif kind == "range" and isinstance(old, dt.date):
        new = rnd.choice(EDGE_DATES)
    elif kind == "range" and isinstance(old, str):
        new = old * (5000 // max(len(old), 1) + 1)
    elif kind == "unicode":
        new = _unicode(old if isinstance(old, str) else rnd.choice(TEXTS), rnd)
    elif isinstance(old, bool):
        new = not old
    elif isinstance(old, int):
        new = old + rnd.choice([-2, -1, 1, 2, 100])
    elif isinstance(old, dt.date):
        new = old + dt.timedelta(days=rnd.choice([-400, -31, -1, 1, 31, 400]))
    elif isinstance(old, str):
        new = rnd.choice([t for t in TEXTS if t != old])
    elif isinstance(old, list) and old:
        new = rnd.choice([old[:-1], old + [copy.deepcopy(old[-1])], old[::-1] if len(old) > 1 else []])
    else:
        new = rnd.choice(OTHER_TYPES)
    container[k] = new
    return doc, f"{kind} of {where} -> {new!r:.40}"


class Fuzzer:
    """A private copy of the bundled rules and calendars; each round rewrites one file."""

    def __init__(self, tmp: Path) -> None:
        self.dirs = {"rules": tmp / "rules", "calendars": tmp / "calendars"}
        for name, source in (("rules", RULES), ("calendars", CALENDARS)):
            if not self.dirs[name].exists():
                shutil.copytree(source, self.dirs[name])
        self.docs = {t: tomllib.loads(((RULES if t[0] == "rules" else CALENDARS) / t[1]).read_text(encoding="utf-8"))
                     for t in TARGETS}
        self.ids = defined_ids(self.docs.values())
        self.valid_toml = self.rounds = 0

    def round(self, rnd: random.Random) -> tuple[str, str]:
        """Mutate one field of one file, load the workspace; ("load" | "refused", what was done)."""
        target = rnd.choice(TARGETS)
        doc, what = mutate(self.docs[target], rnd, self.ids)
        text = toml_writer.dumps(doc)
        self.rounds += 1
        assert tomllib.loads(text) == doc, f"the writer lost {what} in {target[1]}:\n{text[:400]}"
        self.valid_toml += 1
        path = self.dirs[target[0]] / target[1]
        original = path.read_bytes()
        path.write_text(text, encoding="utf-8")
        try:
            return outcome(lambda: load_workspace(self.dirs["rules"], self.dirs["rules"] / "hierarchy.toml",
                                                  self.dirs["calendars"]), target[1], what), f"{target[1]}: {what}"
        finally:
            path.write_bytes(original)


def _flat(exc: ObligationsError):
    """The single problems of an error (a Problems may hold Problems)."""
    if isinstance(exc, Problems):
        for problem in exc.problems:
            yield from _flat(problem)
    else:
        yield exc


def outcome(load, name: str, what: str) -> str:
    """Load: "load", or "refused" when the refusal is clean. Anything else fails the test."""
    try:
        load()
    except ObligationsError as exc:
        problems = list(_flat(exc))
        assert problems, f"{name}: {what}: an empty list of problems"
        for problem in problems:
            assert problem.file and problem.message, f"{name}: {what}: no file named: {problem.render()!r}"
            assert problem.fix, f"{name}: {what}: no fix: {problem.render()!r}"
            assert problem.place or problem.file.rpartition(":")[2].isdigit(), \
                f"{name}: {what}: no place (line or table): {problem.render()!r}"
            # a file of the data, maybe another than the one changed: a commemoration removed
            # is reported at the rule that peaks around it, a coverage cut at the day it leaves out
            assert any(problem.file.split(":")[0].endswith(n) for _, n in TARGETS), \
                f"{name}: {what}: {problem.file!r} is no file of the data"
        return "refused"
    return "load"


def test_the_generator_writes_valid_toml_and_keeps_the_original(tmp_path):
    """Unchanged, every bundled file written back by the writer loads as it was read."""
    for kind, name in TARGETS:
        doc = tomllib.loads(((RULES if kind == "rules" else CALENDARS) / name).read_text(encoding="utf-8"))
        assert tomllib.loads(toml_writer.dumps(doc)) == doc, name
    fuzz = Fuzzer(tmp_path)
    for (kind, name), doc in fuzz.docs.items():
        (fuzz.dirs[kind] / name).write_text(toml_writer.dumps(doc), encoding="utf-8")
    load_workspace(fuzz.dirs["rules"], fuzz.dirs["rules"] / "hierarchy.toml", fuzz.dirs["calendars"])


@MUTATE_SETTINGS
@given(rnd=st.randoms(use_true_random=False))
def test_one_changed_field_loads_or_is_refused_cleanly(tmp_path, rnd):
    Fuzzer(tmp_path).round(rnd)


ROUNDS = 300


def test_the_share_of_changed_documents_that_load(tmp_path):
    """A fixed seed, ROUNDS documents: every one is valid TOML, every one loads or is refused
    cleanly, and both outcomes are common (measured on the bundled data: see the printed line)."""
    fuzz, rnd = Fuzzer(tmp_path), random.Random(22)
    seen = {"load": 0, "refused": 0}
    for _ in range(ROUNDS):
        result, _what = fuzz.round(rnd)
        seen[result] += 1
    print(f"\none field changed in {ROUNDS} documents: {fuzz.valid_toml / fuzz.rounds:.0%} valid TOML, "
          f"{seen['load'] / ROUNDS:.0%} load, {seen['refused'] / ROUNDS:.0%} refused cleanly, 0 crash")
    assert fuzz.valid_toml == fuzz.rounds == ROUNDS
    assert seen["load"] >= ROUNDS // 5 and seen["refused"] >= ROUNDS // 5, seen


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
