"""The three formats of one document give identical duties.

tests/extract/documents/ holds, for a few documents, NAME.docx and NAME.pdf built from NAME.txt
by build_formats.py (FORMATS.md says which, how and when: they are built from the text, not the
offices' originals). ``extract`` on each must draft the same duties as on the text: the same
multiset of (section, kind, schedule, body), the same directive number, date and title, and as
many phrases listed as not drafted. Only where a duty was read ("line 12", "paragraph 12",
"page 3") may differ.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from obligations.base import paths
from obligations.calendar.data import load_calendar_data
from obligations.extract import extract

DOCUMENTS = Path(__file__).parent / "documents"
# (document, format): the files build_formats.py wrote (FORMATS.md)
BUILT = [
    ("t-qd2820-2025-ubnd-hcm-csdl-quy-hoach", "docx"),       # a task table (Phụ lục)
    ("r-luongminh-mttq-kh-tiep-cong-dan-2025", "docx"),
    ("s-qd254-2023-ubnd-sonla-bmnn", "docx"),
    ("r-luongminh-mttq-kh-tiep-cong-dan-2025", "pdf"),
    ("s-qd254-2023-ubnd-sonla-bmnn", "pdf"),
]
READERS = {"docx": "docx", "pdf": "pdfminer"}       # the module each format's reader needs


@functools.cache
def _commemorations() -> Any:
    return load_calendar_data(paths.calendars_dir()).commemorations


@functools.cache
def _draft(path: Path) -> dict[str, Any]:
    return extract(path, _commemorations())


def _key(duty: dict[str, Any]) -> tuple[str, ...]:
    """What a duty is, whatever the format it was read from (not where it was read)."""
    return tuple(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
                 for value in (duty.get("section"), duty.get("kind"), duty.get("schedule"), duty.get("body")))


def _show(keys: Counter[tuple[str, ...]], sources: dict[tuple[str, ...], str]) -> str:
    return "\n".join(f"    {n}× {' | '.join(k)}\n       {sources.get(k, '')[:160]}" for k, n in sorted(keys.items()))


# A title of two lines in capitals is two PDF text boxes (pdfminer groups lines only when they
# are aligned); the header reader keeps a summary in capitals going over its lines (it was cut
# at the second one: '… BẢO VỆ BÍ' without 'MẬT NHÀ NƯỚC NĂM 2023').
HEADS = [pytest.param(n, f, id=f"{n}.{f}") for n, f in BUILT]


def _drafts(name: str, fmt: str) -> tuple[dict[str, Any], dict[str, Any]]:
    pytest.importorskip(READERS[fmt], reason=f"reading .{fmt} needs obligations[documents]")
    built = DOCUMENTS / f"{name}.{fmt}"
    if not built.exists():
        pytest.skip(f"{built.name} not built (tests/extract/documents/build_formats.py)")
    return _draft(DOCUMENTS / f"{name}.txt"), _draft(built)


@pytest.mark.parametrize(("name", "fmt"), BUILT, ids=[f"{n}.{f}" for n, f in BUILT])
def test_the_formats_of_one_document_give_the_same_duties(name: str, fmt: str) -> None:
    text, other = _drafts(name, fmt)
    want = Counter(_key(d) for d in text["duty"])
    got = Counter(_key(d) for d in other["duty"])
    sources = {_key(d): d.get("source", "") for d in text["duty"] + other["duty"]}
    assert got == want, (f"{name}: .{fmt} and .txt draft different duties\n"
                         f"  only in .txt:\n{_show(want - got, sources)}\n"
                         f"  only in .{fmt}:\n{_show(got - want, sources)}")
    assert len(other["not_drafted"]) == len(text["not_drafted"])


@pytest.mark.parametrize(("name", "fmt"), HEADS)
def test_the_formats_of_one_document_give_the_same_directive(name: str, fmt: str) -> None:
    text, other = _drafts(name, fmt)
    for field in ("number", "issued", "title"):
        assert other["directive"].get(field) == text["directive"].get(field), field
