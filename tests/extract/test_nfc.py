"""The text reader composes only the lines that need it (sources/plain.nfc): the same result as
composing the whole text, for any text."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings, strategies as st

from obligations.extract.sources import plain

_SAFE_RANGES = ((0x0000, 0x0250), (0x1E00, 0x1F00), (0x2010, 0x2070))


def test_the_safe_characters_are_composed_and_compose_with_nothing_after_them():
    # the premise of nfc: each of them is its own NFC form and is no combining mark, and none is
    # the second of a composition pair (NFC_QC would be "Maybe": for a starter, Unicode lists none
    # in these blocks; a base letter followed by each checks the pairs these blocks could form)
    for lo, hi in _SAFE_RANGES:
        for code in range(lo, hi):
            ch = chr(code)
            assert unicodedata.normalize("NFC", ch) == ch and not unicodedata.combining(ch), hex(code)
            for base in "aAeEoOuUiIyYdDnN\u0103\u01a1\u01b0":
                assert unicodedata.normalize("NFC", base + ch) == base + ch, (base, hex(code))


# Vietnamese text, composed and decomposed, with lines, other scripts and combining marks
_TEXT = st.text(alphabet=st.sampled_from(list("aăâeêioôơuưyđAĐ \n\r|/-0123456789") + [
    "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0304", "\u212b", "\u2000", "\u1100", "\u1161",
    "\u1ea1", "\u1ec7", "\u00e0", "\u0e01", "\u0b47", "\u0b3e"]), max_size=200)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_composing_lines_is_composing_the_text(text):
    assert plain.nfc(text) == unicodedata.normalize("NFC", text)


def test_a_text_decomposed_throughout_is_composed_whole():
    text = unicodedata.normalize("NFD", "Báo cáo kết quả trước ngày 15 tháng 12 hằng năm\n") * 3000
    assert plain.nfc(text) == unicodedata.normalize("NFC", text)
