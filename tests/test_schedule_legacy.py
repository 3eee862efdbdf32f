"""The schedule language gives the same occurrences as the code it replaced.

tests/fixtures/legacy_rules/occurrences.json was written by the old schedule code
(tests/fixtures/legacy_rules/snapshot.py, before issue #11) from copies of the rule
files in their old `type = ...` form. Both the old files (read through the aliases) and
the migrated files must give exactly those occurrences, for every duty and unit, 2023-2027.
"""

import json
from pathlib import Path

import pytest

from conftest import FIXTURES

LEGACY = FIXTURES / "legacy_rules"
ROOT = Path(__file__).parent.parent
MIGRATED = {"bundled": ROOT / "rules", "policies": FIXTURES / "rules_policies", "conflict": FIXTURES / "rules_conflict"}
# By design the old `within_days` duty is now counted from a dated event, and labelled by
# the event's date instead of the deadline's year.
RELABELLED = {("TEST-1/civil-code", "2025"): "2025-08-16"}
# By design (issue #13) these duties became open-ended, as their texts set no end: their
# occurrences after 2025, which the old files cut off, are new.
OPENED = {"CV-BTVTU-KonTum/cao-diem-ngay-le", "CV-BTVTU-KonTum/ban-tin-chi-bo-hang-thang",
          "HD-BTGThU/cao-diem-ky-niem", "HD-BTGThU/sinh-hoat-chi-bo-hang-thang"}


def rows(directory: Path) -> list[list]:
    import sys

    sys.path.insert(0, str(LEGACY))
    try:
        from snapshot import snapshot
    finally:
        sys.path.remove(str(LEGACY))
    return snapshot(directory)


def expected(name: str) -> list[list]:
    found = json.loads((LEGACY / "occurrences.json").read_text(encoding="utf-8"))[name]
    for row in found:
        row[2] = RELABELLED.get((row[1], row[2]), row[2])
    return sorted(found)


@pytest.mark.parametrize("name", sorted(MIGRATED))
def test_old_files_through_the_aliases_give_the_old_occurrences(name):
    assert rows(LEGACY / name) == expected(name)


@pytest.mark.parametrize("name", sorted(MIGRATED))
def test_migrated_files_give_the_old_occurrences(name):
    got = rows(MIGRATED[name])
    opened = [row for row in got if row[1] in OPENED and row[4] > "2025-12-31"]
    assert [row for row in got if row not in opened] == expected(name)
    assert len(got) > 0 and (name != "bundled" or {row[1] for row in opened} == OPENED)


def test_every_bundled_duty_is_covered():
    from obligations.rules.layers import load_rules

    duties = {d.id for d in load_rules(ROOT / "rules").duties}
    assert {row[1] for row in expected("bundled")} == duties
