"""Is a unit a Party body or a state body? Told from its id and its name, never guessed.

The hierarchy file has no field for it: a unit is a Party committee or a cell when its name says
so ("Đảng ủy …", "Tỉnh ủy …", "Chi bộ …", a "Ban …" of the Party) or its id is one of the Party
committees of the real units (``dang-uy-…``, ``trung-uong``: org/national.py); a state body when
its name is that of a state body ("Ủy ban nhân dân …", "Sở …", "Xã …") or its id one of the real
administrative units (``tinh-NN``, ``xa-NNNNN``, ``chinh-phu``). Anything else is ``None``: the
caller says it could not tell (the reminder letter then uses the state layout and says so).
"""

from __future__ import annotations

import re
from typing import Literal

from obligations.org.hierarchy import Unit
from obligations.org.national import PARTY_ROOT, STATE_ROOT
from obligations.org.names import fold

BodyKind = Literal["party", "state"]

Committee = Literal["dang_uy", "tinh_uy", "thanh_uy", "huyen_uy", "thi_uy", "quan_uy", "chi_bo", "dang_bo",
                    "bch_trung_uong", "ban_thuong_vu"]
"""The collective body a Party signature "T/M …" stands for (Hướng dẫn 36-HD/VPTW); the words are
rendering's (render/letter_parts.py)."""

# the words a Party body's name begins with (folded: no diacritics, lower case), and its committee
_PARTY_WORDS: tuple[tuple[str, Committee], ...] = (
    ("dang uy ", "dang_uy"), ("tinh uy ", "tinh_uy"), ("thanh uy ", "thanh_uy"), ("huyen uy ", "huyen_uy"),
    ("thi uy ", "thi_uy"), ("quan uy ", "quan_uy"), ("chi bo ", "chi_bo"), ("dang bo ", "dang_bo"),
    ("ban chap hanh trung uong", "bch_trung_uong"), ("ban thuong vu ", "ban_thuong_vu"),
)
# Party bodies named inside the name ("Trung ương (Ban Tuyên giáo Trung ương)")
_PARTY_INSIDE = re.compile(r"\bban tuyen giao\b|\bban to chuc\b|\bban dan van\b|\bdang cong san\b")
_STATE_WORDS = ("uy ban nhan dan", "ubnd ", "hoi dong nhan dan", "chinh phu", "bo ", "so ", "xa ", "phuong ",
                "dac khu ", "tinh ", "thanh pho ")
_STATE_ID = re.compile(r"(?:tinh|xa)-\d+")


def body_kind(unit: Unit) -> BodyKind | None:
    """``party``, ``state``, or None when neither the id nor the name tells."""
    if unit.id == PARTY_ROOT or unit.id.startswith("dang-uy-"):
        return "party"
    if unit.id == STATE_ROOT or _STATE_ID.fullmatch(unit.id):
        return "state"
    name = fold(unit.name) + " "
    if any(name.startswith(word) for word, _ in _PARTY_WORDS) or _PARTY_INSIDE.search(name):
        return "party"
    if any(name.startswith(word) for word in _STATE_WORDS):
        return "state"
    return None


def committee_word(unit: Unit) -> Committee | None:
    """The collective body a Party signature stands for (``dang_uy``: "T/M ĐẢNG ỦY"), from the
    first words of the name; None when the name does not begin with one."""
    name = fold(unit.name) + " "
    return next((word for start, word in _PARTY_WORDS if name.startswith(start)), None)
