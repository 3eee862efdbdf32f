"""The whole-document corpus (tests/extract/documents/): the extractor against hand-written gold lists.

The figures are printed by `python tests/bench/bench.py documents`; here they are floors that
a change must not go below, at the level measured when they were set (docs/extract.md gives
the figures, the issue's targets and what is missing). The tuned part is the one the grammar's
rules were written against; the held-out part was not looked at while tuning, so it says how
the extractor does on text it has not seen.
"""

from __future__ import annotations

from typing import Any

import pytest
from doc_score import documents, score, totals

from obligations.base import paths
from obligations.calendar.data import load_calendar_data
from obligations.extract import extract


@pytest.fixture(scope="module")
def rows() -> dict[bool, list[dict[str, Any]]]:
    commemorations = load_calendar_data(paths.calendars_dir()).commemorations
    parts: dict[bool, list[dict[str, Any]]] = {False: [], True: []}
    for path, gold in documents():
        parts[bool(gold["document"].get("held_out"))].append(score(extract(path, commemorations), gold))
    return parts


def test_the_corpus_is_whole_documents_with_sources():
    found = documents()
    assert len(found) >= 15
    for path, gold in found:
        head = gold["document"]
        assert path.is_file() and head["source"].startswith("https://") and head["how"], path.name
        text = " ".join(path.read_text(encoding="utf-8").split())
        for duty in gold.get("duty", []):
            # every gold quote is the document's own words
            assert " ".join(duty["quote"].split()) in text, (path.name, duty["quote"])
            assert sum(k in duty for k in ("last_allowed", "event", "todo")) == 1, (path.name, duty["quote"])
    assert sum(bool(g["document"].get("held_out")) for _, g in found) >= 5


def test_the_tuned_part(rows):
    t = totals(rows[False])
    # measured 2026-12-07 (31 documents: 12 tuned from the start and three held-out parts of 7, 6
    # and 6 documents, each measured once and then released): 267/284 = 0.940, 268/271 = 0.989,
    # no silent miss
    assert t["recall"] >= 0.93 and t["precision"] >= 0.98, t
    assert t["silent"] == 0, [m for r in rows[False] for m in r["silents"]]


def test_the_held_out_part(rows):
    t = totals(rows[True])
    # measured 2026-12-07 (the fourth held-out part, 5 documents never looked at while tuning):
    # 14/16 = 0.875, 14/18 = 0.778, 1 silent miss: under the targets for precision and
    # silent misses. A floor so that it does not get worse unnoticed. (Earlier parts, each when
    # measured: 0.633 / 0.775, 0.807 / 0.877, 1.000 / 0.914.)
    assert t["recall"] >= 0.85 and t["precision"] >= 0.75 and t["silent"] <= 1, t


def test_the_whole_corpus(rows):
    t = totals(rows[False] + rows[True])
    # measured 2026-12-07 (36 documents): 281/300 = 0.937, 282/289 = 0.976, 1 silent miss (in the
    # held-out part); the targets are 0.90 / 0.97 / none silent
    assert t["recall"] >= 0.9 and t["precision"] >= 0.97 and t["silent"] <= 1, t


def test_the_prefilter_loses_no_schedule():
    # found_in skips the grammar for a clause with none of the words a reading starts from; on every
    # clause of the corpus, the seeds and the sentence corpus, the grammar finds nothing in those
    import tomllib
    from pathlib import Path

    from obligations.extract.clauses import clauses
    from obligations.extract.draft import may_have_time, read_schedules
    from obligations.extract.text import paragraphs

    here = Path(__file__).parent
    commemorations = load_calendar_data(paths.calendars_dir()).commemorations
    texts = [p.read_text(encoding="utf-8") for p in (here / "documents").glob("*.txt")]
    texts += [p.read_text(encoding="utf-8") for p in (here.parent / "fixtures" / "seeds").glob("*.txt")]
    with (here / "corpus" / "corpus.toml").open("rb") as f:
        sentences = [s["text"] for s in tomllib.load(f)["sentence"]]
    every = [c.text for t in texts for p in paragraphs(t) for c in clauses(p)] + sentences
    skipped = [c for c in every if not may_have_time(c)]
    assert len(skipped) > len(every) // 4            # the prefilter does skip most prose
    assert [c for c in skipped if read_schedules(c, commemorations, None)] == []
