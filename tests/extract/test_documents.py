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
    # a held-out part of at least 5 documents, or none between the release of one part and the
    # merge of the next (the eighth, q-, was released on 2026-12-08; a ninth is still to be written)
    assert sum(bool(g["document"].get("held_out")) for _, g in found) in range(5, 100) or \
        not any(g["document"].get("held_out") for _, g in found)


def test_the_tuned_part(rows):
    t = totals(rows[False])
    # measured 2026-12-08 (65 documents: 12 tuned from the start and eight held-out parts of 7, 6,
    # 6, 5, 8, 7, 8 and 6 documents, each measured once and then released): 392/408 = 0.961, 425/425 =
    # 1.000, no silent miss (before the eighth part was released: 377/393 = 0.959, 410/410 = 1.000
    # on the 59 documents then tuned, unchanged by its rules)
    assert t["recall"] >= 0.95 and t["precision"] >= 0.99, t
    assert t["silent"] == 0, [m for r in rows[False] for m in r["silents"]]


def test_the_held_out_part(rows):
    if not rows[True]:
        pytest.skip("no held-out part: between the release of one part and the merge of the next")
    t = totals(rows[True])
    # no held-out part since the eighth (q-) was released on 2026-12-08: the floor is for the next
    # one, to be set when it is measured (the parts, each when measured: 0.633 / 0.775, 0.807 /
    # 0.877, 1.000 / 0.914, 0.875 / 0.778, 0.865 / 1.000, 0.750 / 0.700, 0.500 / 0.737, 0.867 /
    # 0.929 with one silent miss; docs/extract.md)
    assert t["recall"] >= 0.85 and t["precision"] >= 0.97 and t["silent"] == 0, t
