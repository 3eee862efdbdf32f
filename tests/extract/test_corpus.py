"""Recall and precision of the deadline of each dated duty, on real sentences.

tests/extract/corpus/corpus.toml holds sentences copied verbatim from public Vietnamese
official documents, with the schedules written by hand (README.md there). Each sentence
is read as the extractor reads a paragraph (clauses, deadlines, recurrences, peaks), with
the sentence's ``issued`` date as the document's date. Drafts marked TODO are not
deadlines stated; a stated deadline is correct when it gives the same deadlines as a
hand-written one (spec_tables.same).

    recall    = hand-written deadlines drafted right / hand-written deadlines
                (the TODO sentences are checked apart: each must be drafted TODO)
    precision = stated deadlines that are right / all stated deadlines
                (a deadline stated where the hand wrote TODO is wrong)
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from spec_tables import canonical, same

from obligations.base import paths
from obligations.calendar.data import load_calendar_data
from obligations.extract.clauses import clauses
from obligations.extract.draft import found_in
from obligations.extract.text import Paragraph

CORPUS = Path(__file__).parent / "corpus" / "corpus.toml"
MIN_RECALL, MIN_PRECISION = 0.85, 0.95


def drafted(text: str, issued: Any, commemorations: Any) -> tuple[list[dict[str, Any]], int]:
    """The stated schedules of one sentence (spec tables), and how many TODOs."""
    stated, todos = [], 0
    for clause in clauses(Paragraph("", "", text, 1)):
        for found in found_in(clause.text, commemorations, issued):
            if found.schedule is None:
                todos += 1
            else:
                stated.append(canonical(dict(found.schedule), found.event_date))
    return stated, todos


def score(entries: list[dict[str, Any]], commemorations: Any) -> tuple[dict[str, int], list[str]]:
    counts = {"expected": 0, "found": 0, "stated": 0, "right": 0, "todo_expected": 0, "todo_right": 0}
    misses: list[str] = []
    for entry in entries:
        stated, todos = drafted(entry["text"], entry.get("issued"), commemorations)
        counts["stated"] += len(stated)
        if entry["expected"] == "TODO":
            counts["todo_expected"] += 1
            if not stated and todos:
                counts["todo_right"] += 1
            else:
                misses.append(f"{entry['id']}: hand TODO, drafted {stated or 'nothing'}")
            continue
        hand = [canonical(t) for t in entry["expected"]]
        counts["expected"] += len(hand)
        free = list(stated)
        for table in hand:
            hit = next((s for s in free if same(table, s)), None)
            if hit is not None:
                free.remove(hit)
                counts["found"] += 1
                counts["right"] += 1
            else:
                misses.append(f"{entry['id']}: missed {table}")
        misses += [f"{entry['id']}: wrong {s}" for s in free]
    return counts, misses


def figures(counts: dict[str, int]) -> tuple[float, float]:
    """Recall of the deadlines of dated duties (issue 12's measure: the TODO sentences are
    scored apart, by the precision and by their own count), and precision of what is stated."""
    recall = counts["found"] / max(1, counts["expected"])
    precision = counts["right"] / max(1, counts["stated"])
    return recall, precision


@pytest.mark.skipif(not CORPUS.exists(), reason="no corpus")
def test_recall_and_precision_on_real_sentences(capsys: pytest.CaptureFixture[str]) -> None:
    entries = tomllib.loads(CORPUS.read_text(encoding="utf-8"))["sentence"]
    commemorations = load_calendar_data(paths.calendars_dir()).commemorations
    counts, misses = score(entries, commemorations)
    recall, precision = figures(counts)
    report = (f"corpus: {len(entries)} sentences, {counts['expected']} hand-written deadlines, "
              f"{counts['todo_expected']} hand-written TODOs\n"
              f"  deadlines drafted right {counts['found']}/{counts['expected']}, "
              f"TODO sentences drafted TODO {counts['todo_right']}/{counts['todo_expected']}\n"
              f"  recall {recall:.3f}, precision {counts['right']}/{counts['stated']} = {precision:.3f}")
    with capsys.disabled():
        print("\n" + report + "\n" + "\n".join("  " + m for m in misses))
    assert recall >= MIN_RECALL and precision >= MIN_PRECISION, report
    assert counts["todo_right"] == counts["todo_expected"], report   # never a guess where a person must decide
