"""Benchmarks with figures (not collected by the test run).

    python tests/bench/bench.py               # all cases
    python tests/bench/bench.py cold national export --runs 5
    python tests/bench/bench.py due-call --against HEAD~1   # ms per warm ws.due, this tree and a commit

Each case runs several times and prints median, min and max, with the peak RSS of the
process that did the work. National-scale runs happen in fresh child processes so that
each peak RSS is its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
ROOT = HERE.parent.parent
ON = "2026-11-23"


def trees(against: str | None) -> tuple[list[tuple[str, Path]], Path | None]:
    """This tree, and with ``against`` that commit's tree first (exported by `git archive` into a
    temporary folder, returned so that the caller removes it): two trees measured in one sitting."""
    import tempfile

    roots = [("this tree", ROOT)]
    if not against:
        return roots, None
    tmp = Path(tempfile.mkdtemp(prefix="obligations-bench-against-"))
    archive = subprocess.run(["git", "archive", against], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive, check=True)
    commit = subprocess.run(["git", "rev-parse", "--short", against], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    return [(f"commit {commit}", tmp), *roots], tmp


def run_child(argv: list[str], env: dict | None = None, cwd: Path = ROOT) -> tuple[float, float, str]:
    """Wall time, peak RSS (MiB) and stdout of one child process (run in ``cwd``: a ``-c`` child
    imports the obligations package of that tree). A failure ends the bench with the child's last
    lines of standard error (why a measured commit could not run)."""
    import tempfile

    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=err, cwd=cwd, env=env)
        out = proc.stdout.read().decode()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            tail = "\n".join(err.read().decode(errors="replace").strip().splitlines()[-6:])
            raise SystemExit(f"failed in {cwd}: {' '.join(argv)[:300]}\n{tail}")
    return elapsed, usage.ru_maxrss / 1024, out


def summary(name: str, values: list[float], unit: str = "s", rss: list[float] | None = None) -> dict:
    row = {"case": name, "median": statistics.median(values), "min": min(values), "max": max(values)}
    text = f"{name:<44} median {row['median']:.3f}{unit}  min {row['min']:.3f}{unit}  max {row['max']:.3f}{unit}"
    if rss:
        row["peak_rss_mib"] = max(rss)
        text += f"  peak RSS {max(rss):.0f} MiB"
    print(text, flush=True)
    return row


def cold(runs: int, bytecode: bool = True) -> None:
    env = dict(os.environ, OBLIGATIONS_DB=str(Path("/tmp") / "obligations-bench-none.sqlite3"))
    # As after `pip install`: bytecode is compiled once and reused. The second case has
    # no bytecode at all, for the baseline as for us (an empty cache prefix, nothing
    # written): every start compiles every module it imports.
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("PYTHONPYCACHEPREFIX", None)
    else:
        import tempfile

        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="obligations-nopyc-")
    print(f"-- cold start, {'bytecode cached (as installed)' if bytecode else 'no bytecode for anything'}")
    baseline_cmd = [sys.executable, "-c", "import holidays, durable.lang, dateutil.rrule, attrs"]
    due_cmd = [sys.executable, "-m", "obligations", "due", "--unit", "xa-X", "--on", ON]
    run_child(due_cmd, env)          # fill the holiday cache, as any second run would find it
    base, due, base_rss, due_rss = [], [], [], []
    for _ in range(runs):            # interleaved, so both see the same machine load
        t, r, _ = run_child(baseline_cmd, env)
        base.append(t), base_rss.append(r)
        t, r, _ = run_child(due_cmd, env)
        due.append(t), due_rss.append(r)
    b = summary("baseline: import holidays, durable.lang, ...", base, rss=base_rss)
    d = summary("due --unit xa-X --on 2026-11-23", due, rss=due_rss)
    print(f"{'cold-start ratio (median due / median baseline)':<44} {d['median'] / b['median']:.2f} (goal <= 1.3, issue #15)")


NATIONAL_CHILD = """
import datetime as dt, json, sys, time
sys.path.insert(0, {here!r})
from synthetic import build
from obligations.status.engine import make_engine
{setting}
t0 = time.perf_counter()
ws = build(communes={communes})
{warm}
t1 = time.perf_counter()
units = items = 0
with setting():
    for report in ws.due_under("tw", dt.date.fromisoformat({on!r}), engine=make_engine({engine!r})):
        units += 1
        items += len(report.items)
t2 = time.perf_counter()
print(json.dumps({{"build": t1 - t0, "evaluate": t2 - t1, "units": units, "items": items}}))
"""


LOG_CHILD = """
import datetime as dt, inspect, json, sys, time
sys.path.insert(0, {here!r})
from synthetic import build
from obligations.log.store import SubmissionLog
from obligations.status.engine import make_engine
{setting}
ws = build(communes={communes})
{warm}
log = SubmissionLog({path!r})
# only what the measured tree's due_under takes (an older commit may lack a keyword)
offered = inspect.signature(ws.due_under).parameters
kw = {{k: v for k, v in (("engine", make_engine({engine!r})), ("share", {share!r})) if k in offered}}
t1, c1 = time.perf_counter(), time.process_time()
units = items = 0
with setting():
    for report in ws.due_under("tw", dt.date.fromisoformat({on!r}), log=log, **kw):
        units += 1
        items += len(report.items)
t2 = time.perf_counter()
print(json.dumps({{"evaluate": t2 - t1, "cpu": time.process_time() - c1, "units": units, "items": items,
                  "note": note}}))
"""

# The holiday facts of the years evaluated, loaded before the clock starts: the command line
# reads them from its holiday cache (calendar/holiday_source.py); computing them imports the
# `holidays` package (~0.1 s, once), which would weigh on the small fractions only.
# (through the year after the evaluation date's, which the feeds between levels reach)
WARM = ("[ws.calendar_for('tw').is_working_day(dt.date(year, 6, 1)) "
        f"for year in range(ws.occurrence_source.first_year, {dt.date.fromisoformat(ON).year + 2})]")

# The cycle collector as `due --under` sets it (obligations/cli/collector.py), or Python's default
# (also for a measured commit older than the collector's setting: said in the line it prints).
SETTINGS = {
    "cli": ("note = ''\ntry:\n    from obligations.cli.collector import fewer_collections as setting\n"
            "except ImportError:\n    from contextlib import nullcontext as setting\n"
            "    note = \"this tree has no cli/collector.py: Python's collector thresholds\""),
    "default": "note = ''\nfrom contextlib import nullcontext as setting",
}


WRITE_LOG_CHILD = """
import sys
from pathlib import Path
sys.path.insert(0, {here!r})
from synthetic import build
from synthetic_log import write_log
print(write_log(build(communes={communes}), Path({path!r})))
"""


def write_log(roots: list[tuple[str, Path]], communes: int, path: str) -> int:
    """The synthetic log, written by the first of ``roots`` that has the writer (with ``--against``,
    the measured commit, first: a log is read by the code of its schema version and newer ones,
    while an older tree refuses a newer schema). Returns the number of rows."""
    root = next((r for _, r in roots if (r / "tests" / "bench" / "synthetic_log.py").exists()), ROOT)
    _, _, out = run_child([sys.executable, "-c", WRITE_LOG_CHILD.format(here=str(root / "tests" / "bench"),
                                                                         communes=communes, path=path)],
                          _env(root), cwd=root)
    return int(out.strip())


def national_with_log(runs: int, engine: str, fractions: tuple[float, ...] = (0.1, 0.5, 1.0),
                      share: bool = True, collector: str = "cli", against: str | None = None) -> None:
    """Every unit with its own deliveries (2025) and extensions (1 %): the log is written
    first (not timed), then evaluated in fresh child processes. ``against``: that commit's tree
    too, on the same log, the two alternating run by run (a busy machine slows both alike)."""
    import tempfile

    label = "national-with-log" if share else "national-no-sharing"
    roots, tmp = trees(against)
    try:
        with tempfile.TemporaryDirectory(prefix="obligations-bench-log-") as folder:
            for fraction in fractions:
                communes = round(3321 * fraction)
                path = str(Path(folder) / f"log-{communes}.sqlite3")
                rows = write_log(roots, communes, path)
                found: dict[str, tuple[list[float], list[float], list[float]]] = {n: ([], [], []) for n, _ in roots}
                docs: dict[str, dict] = {}       # each tree's last answer: its units and items
                for _ in range(runs):
                    for name, root in roots:
                        code = LOG_CHILD.format(here=str(root / "tests" / "bench"), communes=communes, path=path,
                                                on=ON, engine=engine, share=share, setting=SETTINGS[collector],
                                                warm=WARM)
                        _, peak, out = run_child([sys.executable, "-c", code], _env(root), cwd=root)
                        doc = docs[name] = json.loads(out)
                        times, cpu, rss = found[name]
                        times.append(doc["evaluate"])
                        cpu.append(doc.get("cpu", float("nan")))
                        rss.append(peak)
                for name, (times, cpu, rss) in found.items():
                    doc = docs[name]
                    tree = "" if len(roots) == 1 else f" tree={name.replace(' ', '-')}"
                    print(f"{label}: fraction={fraction} units={doc['units']} log_rows={rows} "
                          f"seconds={statistics.median(times):.2f} peak_mib={max(rss):.0f}"
                          f" cpu_seconds={statistics.median(cpu):.2f}{tree}", flush=True)
                    print(f"{'':<44} units/s median {doc['units'] / statistics.median(times):,.0f} "
                          f"(min {min(times):.2f} s, max {max(times):.2f} s, {len(times)} runs; items listed: "
                          f"{doc['items']:,}){_note(doc)}", flush=True)
                os.unlink(path)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def _note(doc: dict) -> str:
    return f"; {doc['note']}" if doc.get("note") else ""


def _env(root: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(root))


COUNT_CHILD = """
import datetime as dt, json, sys, time
sys.path.insert(0, {here!r})
from synthetic import build
from obligations.log.store import SubmissionLog
{setting}
ws = build(communes={communes})
if not hasattr(ws, "count_under"):
    sys.exit("this tree has no Workspace.count_under (issue #25): nothing to measure")
{warm}
log = SubmissionLog({path!r})
t1, c1 = time.perf_counter(), time.process_time()
with setting():
    found = ws.count_under("tw", dt.date(2025, 1, 1), dt.date(2026, 12, 31), dt.date.fromisoformat({on!r}), log=log)
t2 = time.perf_counter()
t = found.total
print(json.dumps({{"evaluate": t2 - t1, "cpu": time.process_time() - c1, "units": found.units,
                  "counts": [t.on_time, t.late, t.within, t.overdue, t.conflicts], "note": note}}))
"""


def national_count(runs: int, collector: str = "cli", fraction: float = 1.0, against: str | None = None) -> None:
    """The four-way count (``Workspace.count_under``) of the whole synthetic country, deadlines of
    2025-2026 as of ON, with the national-with-log bench's log (written first, not timed).
    ``against``: that commit's tree too, on the same log, the two alternating."""
    import tempfile

    roots, tmp = trees(against)
    try:
        with tempfile.TemporaryDirectory(prefix="obligations-bench-count-") as folder:
            communes = round(3321 * fraction)
            path = str(Path(folder) / f"log-{communes}.sqlite3")
            rows = write_log(roots, communes, path)
            found: dict[str, tuple[list[float], list[float], list[float]]] = {n: ([], [], []) for n, _ in roots}
            docs: dict[str, dict] = {}           # each tree's last answer: its units and counts
            for _ in range(runs):
                for name, root in roots:
                    code = COUNT_CHILD.format(here=str(root / "tests" / "bench"), communes=communes, path=path, on=ON,
                                              setting=SETTINGS[collector], warm=WARM)
                    _, peak, out = run_child([sys.executable, "-c", code], _env(root), cwd=root)
                    doc = docs[name] = json.loads(out)
                    times, cpu, rss = found[name]
                    times.append(doc["evaluate"])
                    cpu.append(doc.get("cpu", float("nan")))
                    rss.append(peak)
            for name, (times, cpu, rss) in found.items():      # this tree's last
                doc = docs[name]
                tree = "" if len(roots) == 1 else f" tree={name.replace(' ', '-')}"
                print(f"national-count: units={doc['units']} log_rows={rows} seconds={statistics.median(times):.2f} "
                      f"peak_mib={max(rss):.0f} cpu_seconds={statistics.median(cpu):.2f}{tree}", flush=True)
                print(f"{'':<44} on time, late, within, overdue, conflicts: {doc['counts']} (fraction {fraction}, "
                      f"min {min(times):.2f} s, max {max(times):.2f} s, {len(times)} runs){_note(doc)}", flush=True)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


CHANGES_CHILD = """
import datetime as dt, json, sys, time
sys.path.insert(0, {here!r})
from synthetic import build
{setting}
ws = build(communes={communes})
{warm}
t1, c1 = time.perf_counter(), time.process_time()
with setting():
    if {mode!r} == "due":
        found = sum(1 for _ in ws.due_under("tw", dt.date(2025, 12, 26)))
    else:
        found = len(ws.changes("tw", dt.date(2025, 12, 20), dt.date(2025, 12, 26), start=dt.date(2025, 12, 20),
                               end=dt.date(2026, 12, 31)).changes)
t2, c2 = time.perf_counter(), time.process_time()
print(json.dumps({{"seconds": t2 - t1, "cpu": c2 - c1, "found": found}}))
"""


def changes(runs: int, collector: str = "cli", fraction: float = 1.0) -> None:
    """``Workspace.changes`` for the whole synthetic country between 20/12/2025 and 26/12/2025 (the
    2/1 <-> 10/1/2026 swap decided on 25/12/2025 becomes known), deadlines to the end of 2026,
    against ``due --under tw`` (its default horizon and lookback) on 26/12/2025: each in a fresh
    child process after the same build (as two runs of the command line would be); the issue asks
    changes <= 2 x due --under."""
    communes = round(3321 * fraction)
    due_s, changes_s, rss, cpu = [], [], [], {"due": [], "changes": []}
    for _ in range(runs):
        for mode, times in (("due", due_s), ("changes", changes_s)):
            code = CHANGES_CHILD.format(here=str(HERE), communes=communes, setting=SETTINGS[collector], warm=WARM,
                                        mode=mode)
            _, peak, out = run_child([sys.executable, "-c", code])
            doc = json.loads(out)
            times.append(doc["seconds"])
            cpu[mode].append(doc["cpu"])
            rss.append(peak)
            if mode == "due":
                units = doc["found"]
            else:
                found = doc["found"]
    due, chg = statistics.median(due_s), statistics.median(changes_s)
    print(f"changes: units={units} changes_found={found} changes_seconds={chg:.2f} due_under_seconds={due:.2f} "
          f"ratio={chg / due:.2f} peak_mib={max(rss):.0f} (fraction {fraction}, {runs} runs)", flush=True)
    # the machine may be shared: the processor time of each is the fairer comparison
    due_cpu, chg_cpu = statistics.median(cpu["due"]), statistics.median(cpu["changes"])
    print(f"{'':<44} cpu seconds: changes {chg_cpu:.2f}, due --under {due_cpu:.2f}, ratio {chg_cpu / due_cpu:.2f}",
          flush=True)


def national(runs: int, engine: str, collector: str = "cli") -> None:
    for fraction in (0.1, 0.3, 1.0):
        communes = round(3321 * fraction)
        times, rss, rate = [], [], []
        for _ in range(runs):
            code = NATIONAL_CHILD.format(here=str(HERE), communes=communes, on=ON, engine=engine,
                                         setting=SETTINGS[collector], warm=WARM)
            _, peak, out = run_child([sys.executable, "-c", code])
            doc = json.loads(out)
            times.append(doc["evaluate"])
            rss.append(peak)
            rate.append(doc["units"] / doc["evaluate"])
        name = f"national {int(fraction * 100):>3}% ({doc['units']:,} units, {engine})"
        summary(name, times, rss=rss)
        print(f"{'':<44} units/s median {statistics.median(rate):,.0f} (items listed: {doc['items']:,})")
    national_with_log(runs, engine, collector=collector)


def export(runs: int) -> None:
    sys.path.insert(0, str(ROOT))
    from obligations.render.export import to_ics
    from obligations.workspace import load

    ws = load()
    on = dt.date.fromisoformat(ON)

    def once() -> int:
        items = ws.items_between("xa-X", dt.date(2023, 1, 1), dt.date(2027, 12, 31), on)
        return len(to_ics(ws, items, stamp=dt.datetime(2026, 11, 23, 1, tzinfo=dt.timezone.utc)))

    once()  # warm: rules loaded, calendars built
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        size = once()
        times.append(time.perf_counter() - start)
    summary(f"export xa-X 2023-2027 to iCalendar, warm ({size:,} bytes)", times)


def service(runs: int) -> None:
    """`serve` on 127.0.0.1: 200 concurrent `due` requests, then 3 x 100 concurrent submissions."""
    import tempfile

    from service_load import burst, due_requests, first_deliveries, p95, serving, submission_requests

    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    from web_helpers import write_tokens

    token = "bench-token-0123456789abcdef"
    with tempfile.TemporaryDirectory(prefix="obligations-bench-") as name:
        tmp = Path(name)
        tokens = write_tokens(tmp / "tokens.toml", {token: "xa-X"})
        with serving(tmp, tokens) as base:
            burst(due_requests(base, 20))                      # warm: calendars built, engine started
            for run in range(runs):
                results, elapsed = burst(due_requests(base, 200))
                bad = sum(s != 200 for s, _ in results)
                print(f"service: 200 concurrent due      {200 / elapsed:7.0f} requests/s  "
                      f"p95 {p95([t for _, t in results]) * 1000:6.0f} ms  errors {bad}", flush=True)
            burst(first_deliveries(base, token))       # the records the submissions below correct
            sent = 0
            for round_ in range(3):
                results, elapsed = burst(submission_requests(base, token, 100, round_ + 100 * run))
                sent += 100
                bad = sum(s != 201 for s, _ in results)
                print(f"service: 100 concurrent submits  {100 / elapsed:7.0f} requests/s  "
                      f"p95 {p95([t for _, t in results]) * 1000:6.0f} ms  errors {bad}", flush=True)
            import sqlite3

            with sqlite3.connect(tmp / "log.sqlite3") as conn:
                stored = conn.execute("SELECT count(*) FROM submission WHERE ref != 'load-first'").fetchone()[0]
            print(f"service: submissions sent {sent}, stored {stored}", flush=True)


_EXTRACT_CHILD = """
import resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from obligations.base import paths
from obligations.calendar.data import load_calendar_data
from obligations.extract import extract
commemorations = load_calendar_data(paths.calendars_dir()).commemorations
start, cpu = time.perf_counter(), time.process_time()
draft = extract(Path(sys.argv[1]), commemorations)
took, cpu = time.perf_counter() - start, time.process_time() - cpu
print(took, len(draft["duty"]), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, cpu)
"""


def _seed_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt")))


def _extract_child(path: Path, runs: int, root: Path = ROOT) -> tuple[list[float], list[float], int]:
    """Times of extract alone (the reading and drafting, not the interpreter's start), peak RSS, duties."""
    times, rss, duties = [], [], 0
    for _ in range(runs):
        took, _, peak, duties = _extract_once(path, root)
        times.append(took)
        rss.append(peak)
    return times, rss, duties


def _extract_once(path: Path, root: Path) -> tuple[float, float, float, int]:
    """(wall seconds, processor seconds, peak RSS MiB, duties) of one extract in a fresh child
    process importing ``root``'s obligations."""
    _, _, out = run_child([sys.executable, "-c", _EXTRACT_CHILD, str(path), str(root)], _env(root), cwd=root)
    took, duties, peak, cpu = out.split()
    return float(took), float(cpu), float(peak), int(duties)


def _docx_of_pages(path: Path, chars: int = 300_000) -> int:
    """A .docx of about 100 pages (about 3,000 characters a printed A4 page at 14 pt) of one plan: the
    seeds' bodies (up to their "Nơi nhận") one after the other under one header; its characters."""
    import docx

    bodies = [p.read_text(encoding="utf-8").split("Nơi nhận")[0]
              for p in sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))]
    paragraphs = [" ".join(p.split()) for body in bodies for p in body.split("\n") if p.strip()]
    doc, size = docx.Document(), 0
    while size < chars:
        for paragraph in paragraphs:
            doc.add_paragraph(" ".join(paragraph.split()))
            size += len(paragraph)
    doc.save(str(path))
    return size


def documents_speed(runs: int, against: str | None = None, sizes: tuple[float, ...] = (1.0, 2.5, 5.0)) -> None:
    """The speed and memory of whole documents alone (not the corpus's scores): a 100-page .docx
    and 1, 2.5 and 5 MB of hard-wrapped text (linear growth), each in fresh processes; with
    ``against``, that commit's tree too, the two alternating run by run (one sitting). Wall and
    processor seconds: on a busy machine the wall time stretches far more than the processor's."""
    import tempfile

    roots, tmp = trees(against)
    try:
        with tempfile.TemporaryDirectory() as folder:
            inputs: list[tuple[str, Path]] = []
            size = _docx_of_pages(Path(folder) / "100-trang.docx")
            inputs.append((f".docx of ~100 pages ({size // 1000} k chars)", Path(folder) / "100-trang.docx"))
            text = _seed_text()
            for mb in sizes:
                path = Path(folder) / f"{mb}.txt"
                path.write_text(text * (int(mb * 1024 * 1024) // len(text.encode()) + 1), encoding="utf-8")
                inputs.append((f"{mb} MB of text", path))
            for label, path in inputs:
                found: dict[str, tuple[list[float], list[float], list[float]]] = {n: ([], [], []) for n, _ in roots}
                duties = 0
                for _ in range(runs):
                    for name, root in roots:
                        took, cpu, peak, duties = _extract_once(path, root)
                        found[name][0].append(took)
                        found[name][1].append(cpu)
                        found[name][2].append(peak)
                for name, (times, cpu_times, rss) in found.items():
                    print(f"documents-speed: {label:<34} {name:<16} wall median {statistics.median(times):6.2f} s "
                          f"(min {min(times):.2f}, max {max(times):.2f})  cpu median {statistics.median(cpu_times):6.2f} s "
                          f"(min {min(cpu_times):.2f}, max {max(cpu_times):.2f})  peak {max(rss):4.0f} MiB  "
                          f"{duties:,} duties", flush=True)
            print(f"{'':<44} targets: .docx under 3 s; 5 MB under 5 s and 300 MiB, growing linearly; "
                  f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def documents(runs: int) -> None:
    """The whole-document corpus (tests/extract/documents/): per document and in total, recall and
    precision against the hand-written gold lists, TODOs, not drafted, silent misses; the tuned
    part and the held-out part apart (docs/extract.md). Then the speed of whole documents: a
    100-page .docx, and 1.25, 2.5 and 5 MB of text (linear growth), each in fresh processes."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests" / "extract"))
    import tempfile

    from doc_score import documents as corpus, score, totals

    from obligations.base import paths
    from obligations.calendar.data import load_calendar_data
    from obligations.extract import extract as draft

    commemorations = load_calendar_data(paths.calendars_dir()).commemorations
    parts: dict[bool, list[dict]] = {False: [], True: []}
    print(f"{'document':<48} part   gold stat right stated wrong todo n.d. silent  recall precision")
    for path, gold in corpus():
        row = score(draft(path, commemorations), gold)
        held = bool(gold["document"].get("held_out"))
        parts[held].append(row)
        recall = row["right"] / max(1, row["statable"])
        precision = row["right_drafts"] / max(1, row["stated"])
        print(f"{path.stem[:48]:<48} {'held' if held else 'tuned':<6} {row['gold']:>4} {row['statable']:>4} "
              f"{row['right']:>5} {row['stated']:>6} {row['wrong']:>5} {row['todo']:>4} {row['not_drafted']:>4} "
              f"{row['silent']:>6}  {recall:6.3f} {precision:9.3f}", flush=True)
    for label, rows in (("tuned part", parts[False]), ("held-out part", parts[True]),
                        ("whole corpus", parts[False] + parts[True])):
        t = totals(rows)
        print(f"documents {label} ({len(rows)}): recall {int(t['right'])}/{int(t['statable'])} = {t['recall']:.3f}, "
              f"precision {int(t['right_drafts'])}/{int(t['stated'])} = {t['precision']:.3f}, TODO {int(t['todo'])}, "
              f"not drafted {int(t['not_drafted'])}, silent misses {int(t['silent'])}", flush=True)
    print(f"{'':<44} targets: whole corpus recall >= 0.90, precision >= 0.97; held-out >= 0.85 / 0.97; "
          "0 silent misses")

    text = _seed_text()
    with tempfile.TemporaryDirectory() as tmp:
        try:
            import docx  # noqa: F401
        except ImportError:
            print("documents: python-docx missing, the .docx case is skipped")
        else:
            path = Path(tmp) / "100-trang.docx"
            size = _docx_of_pages(path)
            times, rss, duties = _extract_child(path, runs)
            summary(f"extract .docx of ~100 pages ({size // 1000} k chars, {duties} duties)", times, rss=rss)
            print(f"{'':<44} target: under 3 s")
        for mb in (1.25, 2.5, 5.0):
            size = int(mb * 1024 * 1024)
            path = Path(tmp) / f"{mb}.txt"
            path.write_text(text * (size // len(text.encode()) + 1), encoding="utf-8")
            times, rss, duties = _extract_child(path, min(runs, 3))
            summary(f"extract {mb} MB of text ({duties:,} duties)", times, rss=rss)
        print(f"{'':<44} target: 5 MB under 5 s and 300 MiB, growing linearly")


def extract(runs: int) -> None:
    """5 MB of hard-wrapped directive text (the seeds repeated, PDF line breaks kept)."""
    sys.path.insert(0, str(ROOT))
    import tempfile

    from obligations.base import paths
    from obligations.calendar.data import load_calendar_data
    from obligations.extract import extract as draft

    seeds = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in seeds)
    size = 5 * 1024 * 1024
    text = text * (size // len(text.encode()) + 1)
    commemorations = load_calendar_data(paths.calendars_dir()).commemorations
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        path.write_text(text, encoding="utf-8")
        times, duties = [], 0
        for _ in range(runs):
            start = time.perf_counter()
            duties = len(draft(path, commemorations)["duty"])
            times.append(time.perf_counter() - start)
    summary(f"extract {len(text.encode()) / 1e6:.1f} MB hard-wrapped ({duties:,} duties)", times)
    print(f"{'':<44} target: under 5 s")


def lifecycle(runs: int) -> None:
    """`due` for every bundled unit: the bundled rules alone, and with the amending letter
    of tests/fixtures/amend layered over them (one duty then has two dated versions)."""
    sys.path.insert(0, str(ROOT))
    from obligations.loading import read_inputs
    from obligations.workspace import Workspace

    on = dt.date.fromisoformat("2026-12-01")
    for label, dirs in (("bundled", ["rules"]), ("bundled + amend", ["rules", "tests/fixtures/amend"])):
        inputs = read_inputs([ROOT / d for d in dirs])
        times = []
        for _ in range(max(runs, 9)):
            start = time.perf_counter()
            ws = Workspace(*inputs, as_known_on=on)
            for unit in ws.hierarchy.units:
                ws.due(unit, on)
            times.append(time.perf_counter() - start)
        summary(f"lifecycle: due for all units, {label}", times)


def events(runs: int) -> None:
    """Units that record the events their duties count from: the schedule-shapes fixture's
    directive over one province and 2,000 communes of one shape, each commune with both
    events on its own days; `due_under` laying each commune's events over the shared
    template, against every commune evaluated alone (``share=False``)."""
    import random
    import shutil
    import tempfile

    sys.path.insert(0, str(ROOT))
    from obligations.log.store import SubmissionLog
    from obligations.status.engine import make_engine
    from obligations.workspace import Workspace

    communes, on = 2000, dt.date(2025, 6, 1)
    with tempfile.TemporaryDirectory(prefix="obligations-bench-events-") as tmp:
        shapes = Path(tmp) / "shapes"
        shutil.copytree(ROOT / "tests" / "fixtures" / "shapes", shapes)
        with (shapes / "hierarchy.toml").open("a", encoding="utf-8") as org:
            for n in range(communes):
                org.write(f'\n[[unit]]\nid = "xa-{n:04d}"\nname = "Xã {n}"\nlevel = "commune"\nparent = "tinh-B"\n')
        ws = Workspace.load(shapes, shapes / "hierarchy.toml")
        log = SubmissionLog(Path(tmp) / "log.sqlite3")
        pick = random.Random(20251)
        conn = log._connect(create=True)      # creates and migrates the schema, as synthetic_log does
        rows = [(f"xa-{n:04d}", event, (dt.date(2025, 2, 1) + dt.timedelta(days=pick.randrange(150))).isoformat())
                for n in range(communes) for event in ("nhan-ke-hoach", "khai-mac-dai-hoi")]
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO event (unit, event, happened_on, recorded_at) "
                         "VALUES (?, ?, ?, '2025-06-01T00:00:00+00:00')", rows)
        conn.execute("COMMIT")
        conn.close()
        for share in (True, False):
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                count = sum(1 for _ in ws.due_under("tinh-B", on, engine=make_engine("python"), log=log,
                                                    share=share))
                times.append(time.perf_counter() - start)
            summary(f"events: {count:,} units, each with its events, {'laid over' if share else 'alone'}", times)


SERVICE_MEMORY_CHILD = """
import datetime as dt, json, resource, sys, tempfile, time
from pathlib import Path
root, count, every = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sys.path[:0] = [root, root + "/tests/bench"]
from starlette.testclient import TestClient
from synthetic import build
from obligations.web.app import create_app
from obligations.web.auth import load_tokens, toml_entry
from obligations.web.data import Service

def rss_mib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20

ws = build(provinces=1, communes=10, cells=10)          # 112 units, 20,100 occurrences in 2026-2040
tmp = Path(tempfile.mkdtemp(prefix="obligations-bench-memory-"))
token = "bench-memory-token-0123456789abcdef"
(tmp / "tokens.toml").write_text(toml_entry(token, "tw", "bench"), encoding="utf-8")
service = Service(ws, tmp / "log.sqlite3")
client = TestClient(create_app(service, load_tokens(tmp / "tokens.toml", lambda u: u in service.units()),
                               open_reads=True), client=("127.0.0.1", 50000))
by_unit = [ws.occurrences(u, 2026, 2040)[0] for u in sorted(ws.hierarchy.units)]
picked, n = [], 0
while len(picked) < count:                               # round robin over the units
    for occs in by_unit:
        if n < len(occs) and len(picked) < count:
            picked.append(occs[n])
    n += 1
headers = {"Authorization": f"Bearer {token}"}
client.get("/api/v1/units/c0000/due")
start, dues, bad = time.perf_counter(), 0, 0
for i, occ in enumerate(picked):
    r = client.post(f"/api/v1/units/{occ.unit}/extensions", headers=headers,
                    json={"duty": occ.duty.id, "period": occ.period,
                          "until": (occ.deadline + dt.timedelta(days=7)).isoformat(), "ref": f"{i}-CV/GH"})
    bad += r.status_code != 201
    if i % every == every - 1:                           # a due on that day: a new set of extensions, a new day
        dues += 1
        bad += client.get(f"/api/v1/units/{occ.unit}/due", params={"on": occ.deadline.isoformat()}).status_code != 200
print(json.dumps({"extensions": count, "dues": dues, "errors": bad, "seconds": time.perf_counter() - start,
                  "rss_mib": rss_mib(), "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def service_memory(against: str | None, count: int = 10_000, every: int = 10) -> None:
    """Memory of the service after ``count`` extensions recorded through the API (the app in
    process, through its ASGI app), with a `due` on the extension's deadline after every
    ``every``-th: each asks with a new set of extensions and a new day. ``against``: a commit
    measured the same way in the same sitting (its tree exported by `git archive`)."""
    roots, tmp = trees(against)
    try:
        for label, root in roots:
            env = dict(os.environ, PYTHONPATH=str(root), OBLIGATIONS_CACHE="off")
            _, _, out = run_child([sys.executable, "-c", SERVICE_MEMORY_CHILD, str(root), str(count), str(every)], env)
            row = json.loads(out.strip().splitlines()[-1])
            print(f"service memory, {label:<16} {row['extensions']:,} extensions + {row['dues']:,} due through the "
                  f"API: RSS {row['rss_mib']:.0f} MiB, peak {row['peak_rss_mib']:.0f} MiB, "
                  f"{row['seconds']:.0f} s, errors {row['errors']}", flush=True)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


DUE_CALL_CHILD = """
import datetime as dt, json, statistics, sys, time
sys.path.insert(0, sys.argv[1])
import obligations
ws = obligations.load()
on = dt.date(2026, 11, 23)
units = sorted(u for u, unit in ws.hierarchy.units.items() if unit.exists_on(on))
for unit in units:                        # warm: inputs loaded, calendars and occurrences built
    ws.due(unit, on)
per_call = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    for _ in range(20):
        for unit in units:
            ws.due(unit, on)
    per_call.append((time.perf_counter() - start) / (20 * len(units)) * 1000)
print(json.dumps({"units": len(units), "ms": per_call}))
"""


def due_call(runs: int, against: str | None) -> None:
    """Milliseconds per warm ``ws.due`` call (the library, no process start) on the bundled data,
    every unit that exists on 2026-11-23 in turn; with ``against``, that commit too, in the same
    sitting (its tree exported by `git archive`), the two alternating."""
    roots, tmp = trees(against)
    try:
        found: dict[str, list[float]] = {label: [] for label, _ in roots}
        units = 0
        for _ in range(3):               # alternate the trees: a busy machine slows both alike
            for label, root in roots:
                env = dict(os.environ, PYTHONPATH=str(root), OBLIGATIONS_CACHE="off")
                _, _, out = run_child([sys.executable, "-c", DUE_CALL_CHILD, str(root), str(runs)], env)
                row = json.loads(out.strip().splitlines()[-1])
                found[label] += row["ms"]
                units = row["units"]
        for label, values in found.items():
            summary(f"due-call: ws.due per call, {units} units, {label}", values, unit=" ms")
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    cases = ["cold", "national", "export", "service", "extract", "lifecycle"]
    extra = ["changes", "national-with-log", "national-no-sharing", "national-count", "events", "documents", "service-memory",
             "due-call", "documents-speed"]
    parser.add_argument("cases", nargs="*", default=cases,
                        help=f"any of: {', '.join(cases + extra)} (default: all but the last seven; national "
                             "prints the national-with-log lines too; national-no-sharing runs at 10 %%)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--against", metavar="COMMIT", help="service-memory, due-call, national-with-log, "
                                                            "national-count, documents-speed: measure this commit "
                                                            "too, in the same "
                                                            "sitting (e.g. the parent commit)")
    parser.add_argument("--engine", default="auto", choices=["auto", "durable", "python"])
    parser.add_argument("--collector", default="cli", choices=sorted(SETTINGS),
                        help="national cases: the cycle collector as `due --under` sets it (cli, the default) "
                             "or Python's default thresholds")
    parser.add_argument("--fraction", type=float, default=None,
                        help="national-count: this share of the country's communes (default: 1, the whole); "
                             "national-with-log: this share only (default: 0.1, 0.5 and 1)")
    args = parser.parse_args()
    unknown = set(args.cases) - set(cases + extra)
    if unknown:
        parser.error(f"unknown case(s): {', '.join(sorted(unknown))}")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d')}; "
          f"national cases with the cycle collector: {args.collector}")
    if "cold" in args.cases:
        cold(max(args.runs, 9))
        cold(max(args.runs, 9), bytecode=False)
    if "national" in args.cases:
        national(min(args.runs, 3), args.engine, args.collector)
    if "national-with-log" in args.cases and "national" not in args.cases:
        national_with_log(min(args.runs, 3), args.engine, collector=args.collector, against=args.against,
                          **({"fractions": (args.fraction,)} if args.fraction else {}))
    if "national-no-sharing" in args.cases:
        # 100 % unshared takes minutes: 10 % shows what sharing buys
        national_with_log(min(args.runs, 3), args.engine, fractions=(0.1,), share=False, collector=args.collector)
    if "changes" in args.cases:
        changes(min(args.runs, 3), args.collector, args.fraction)
    if "national-count" in args.cases:
        national_count(min(args.runs, 3), args.collector, args.fraction or 1.0, args.against)
    if "export" in args.cases:
        export(args.runs)
    if "service" in args.cases:
        service(min(args.runs, 3))
    if "extract" in args.cases:
        extract(args.runs)
    if "lifecycle" in args.cases:
        lifecycle(args.runs)
    if "documents" in args.cases:
        documents(args.runs)
    if "documents-speed" in args.cases:
        documents_speed(min(args.runs, 5), args.against)
    if "events" in args.cases:
        events(min(args.runs, 3))
    if "service-memory" in args.cases:
        service_memory(args.against)
    if "due-call" in args.cases:
        due_call(args.runs, args.against)


if __name__ == "__main__":
    main()
