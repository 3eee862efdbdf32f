"""The shared representation of the model's classes reads as attrs's own."""

import datetime as dt

import attrs

from obligations.base.keys import OccurrenceKey
from obligations.base.records import record


def test_the_representation_is_the_one_attrs_writes():
    @attrs.frozen
    class Written:
        unit: str
        day: dt.date
        hidden: int = attrs.field(default=0, repr=False)
        note: str | None = None

    @record
    @attrs.frozen(repr=False)
    class Written2:
        unit: str
        day: dt.date
        hidden: int = attrs.field(default=0, repr=False)
        note: str | None = None

    ours = Written2("xã Ô", dt.date(2025, 1, 2), 3, "a'b")
    theirs = Written("xã Ô", dt.date(2025, 1, 2), 3, "a'b")
    assert repr(ours) == repr(theirs).replace("Written(", "Written2(")
    assert repr(OccurrenceKey("xa-X", "76-KH-DU/bao-cao", "2025-05")) == (
        "OccurrenceKey(unit='xa-X', duty='76-KH-DU/bao-cao', period='2025-05')")


def test_a_model_object_shows_its_fields_and_not_its_cache(ws):
    occ = ws.occurrences("xa-X", 2025, 2025)[0][0]
    text = repr(occ)
    assert text.startswith("Occurrence(duty=Duty(") and "unit='xa-X'" in text and "_key" not in text
