"""Scoring a draft of a whole document against its hand-written gold list (documents/README.md).

A draft duty is matched to a gold duty by the words it quotes: the gold quote and the
duty's source clause (or its sentence) overlap by a common run of at least 24 characters
(or the shorter of the two), the section breaking ties. Its deadlines are compared with the
gold's last allowed days by ``spec_tables.deadlines``, a calendar-free reading of the
schedule language written apart from the code under test:

    right      a stated schedule whose last allowed days in the reference year (a one-off: its
               one day) are the gold's, or an event schedule with the gold's direction, offset
               and unit; a gold duty due on several days a year that is drafted as one duty per
               day ("trước ngày 01/6 và 15/11 hằng năm": two yearly schedules) is right when the
               drafts quoting it, each giving some of its days, give all of them together
    recall     gold duties with a statable deadline that some draft states right / all of them
    precision  stated drafts that are right / all stated drafts (a duplicate of a duty already
               drafted right counts as not right; each of the drafts that give a gold duty's
               days together is right)
    silent     gold duties that no draft duty (stated or TODO) and no [[not_drafted]] entry quotes
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from spec_tables import deadlines

DOCUMENTS = Path(__file__).parent / "documents"
_MIN_RUN = 24


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text)).casefold().replace("uỷ", "ủy").replace("oà", "òa")
    return " ".join(re.sub(r"[“”\"'’‘]", "", text).split())


def overlap(a: str, b: str) -> float:
    """How much of the shorter text the longest common run covers (0 when under the minimum run)."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 1.0
    need = min(_MIN_RUN, len(a), len(b))
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size / min(len(a), len(b)) if match.size >= need else 0.0


def overlaps(a: str, b: str) -> bool:
    return overlap(a, b) > 0


def _section(text: Any) -> str:
    return re.sub(r"[\s.]+", ".", norm(str(text or ""))).strip(".")


def gold_days(duty: dict[str, Any]) -> frozenset[dt.date] | None:
    days = duty.get("last_allowed")
    return frozenset(days) if days else None


def draft_days(schedule: dict[str, Any], year: int) -> frozenset[dt.date] | None:
    table = dict(schedule)
    for key in ("date", "start"):
        if isinstance(table.get(key), str):
            table[key] = dt.date.fromisoformat(table[key])
    if table.get("of") == "this":
        del table["of"]
    found = deadlines(table, range(year - 2, year + 2))
    if found is None:
        return None
    if table.get("every") == "once":
        return frozenset(day for day, _ in found)
    return frozenset(day for day, _ in found if day.year == year)


def is_right(draft: dict[str, Any], gold: dict[str, Any], year: int) -> bool:
    schedule = draft.get("schedule")
    if not isinstance(schedule, dict) or "todo" in gold:
        return False
    if "event" in gold:
        want = gold["event"]
        return (schedule.get("every") == "event" and schedule.get("direction") == want.get("direction")
                and schedule.get("offset") == want.get("offset") and schedule.get("unit", "days") == want.get("unit", "days"))
    if schedule.get("every") == "event":
        return False
    days = draft_days(schedule, year)
    return days is not None and days == gold_days(gold)


def _quotes(draft: dict[str, Any]) -> list[str]:
    info = draft.get("draft", {})
    return [str(draft.get("source", "")), str(info.get("sentence", ""))]


def score(draft: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """Counts and the list of misses of one document."""
    year = int(gold["document"]["reference_year"])
    golds = gold.get("duty", [])
    drafts = draft.get("duty", [])
    stated = [d for d in drafts if isinstance(d.get("schedule"), dict)]
    todos = [d for d in drafts if not isinstance(d.get("schedule"), dict)]
    matched: dict[int, int] = {}          # gold index → the draft that states it right
    wrong: list[str] = []
    wrong_drafts: list[dict[str, Any]] = []
    duplicates = 0
    for d in stated:
        candidates = [i for i, g in enumerate(golds) if any(overlaps(g["quote"], q) for q in _quotes(d) if q)]
        right = [i for i in candidates if is_right(d, golds[i], year)]
        right.sort(key=lambda i: (i in matched, _section(golds[i].get("section")) != _section(d.get("section")),
                                  -max(overlap(golds[i]["quote"], q) for q in _quotes(d) if q)))
        if right and right[0] not in matched:
            matched[right[0]] = 1
        elif right:
            duplicates += 1
        else:
            wrong_drafts.append(d)
            wrong.append(f"{d.get('section')}: {d.get('schedule')} «{str(d.get('source'))[:90]}»"
                         + (f" (gold: {[golds[i].get('last_allowed') or golds[i].get('event') or 'TODO' for i in candidates]})"
                            if candidates else " (no gold duty quotes it)"))
    # a gold duty with several days a year drafted as one duty per day: right when together they give them
    for i, g in enumerate(golds):
        days = gold_days(g)
        if i in matched or days is None or len(days) < 2:
            continue
        parts = [w for w in wrong_drafts if any(overlaps(g["quote"], q) for q in _quotes(w) if q)
                 and (draft_days(w["schedule"], year) or frozenset()) <= days and draft_days(w["schedule"], year)]
        # the section breaks ties, as above: a quote printed in several items is each item's own
        if any(_section(w.get("section")) == _section(g.get("section")) for w in parts):
            parts = [w for w in parts if _section(w.get("section")) == _section(g.get("section"))]
        together = frozenset().union(*(draft_days(w["schedule"], year) or frozenset() for w in parts)) if parts else None
        if together == days:
            matched[i] = 1
            for w in parts:
                index = wrong_drafts.index(w)
                wrong_drafts.pop(index)
                wrong.pop(index)
    statable = [i for i, g in enumerate(golds) if "todo" not in g]
    unused = draft.get("not_drafted", [])
    silent, missed = [], []
    for i, g in enumerate(golds):
        if i in matched:
            continue
        seen = any(overlaps(g["quote"], q) for d in drafts for q in _quotes(d) if q) or \
            any(overlaps(g["quote"], str(u.get("source", ""))) for u in unused)
        if not seen:
            silent.append(f"{g.get('section')}: «{g['quote'][:90]}»")
        elif "todo" not in g:
            missed.append(f"{g.get('section')}: «{g['quote'][:90]}» → {g.get('last_allowed') or g.get('event')}")
    bodies = sum(1 for i in matched if golds[i].get("who") and any(
        d.get("body") and (norm(d["body"]) in norm(golds[i]["who"]) or norm(golds[i]["who"]) in norm(d["body"]))
        for d in stated if any(overlaps(golds[i]["quote"], q) for q in _quotes(d) if q)))
    right = len([i for i in matched if i in statable])
    return {"gold": len(golds), "statable": len(statable), "right": right,
            "stated": len(stated), "right_drafts": len(stated) - len(wrong) - duplicates,
            "wrong": len(wrong), "duplicates": duplicates, "todo": len(todos),
            "not_drafted": len(unused), "silent": len(silent), "bodies": bodies,
            "misses": missed, "wrongs": wrong, "silents": silent}


def documents() -> list[tuple[Path, dict[str, Any]]]:
    """Every gold file with its document's text path."""
    result = []
    for path in sorted(DOCUMENTS.glob("*.gold.toml")):
        with path.open("rb") as f:
            gold = tomllib.load(f)
        result.append((path.with_name(path.name.replace(".gold.toml", ".txt")), gold))
    return result


def totals(rows: list[dict[str, Any]]) -> dict[str, float]:
    keys = ("gold", "statable", "right", "stated", "right_drafts", "wrong", "duplicates", "todo", "not_drafted",
            "silent", "bodies")
    total: dict[str, float] = {k: sum(r[k] for r in rows) for k in keys}
    total["recall"] = total["right"] / max(1, total["statable"])
    total["precision"] = total["right_drafts"] / max(1, total["stated"])
    return total
