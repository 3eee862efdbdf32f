"""Scans that fail at once where no match can begin.

Python's ``re`` tries a pattern at every position of a clause, and every alternative of it;
an alternative that is a group (``(?P<month>…)``) or a word compared case-insensitively costs
a jump each time. Behind a lookahead of the characters its matches can begin with, a pattern
is given up after one test of one character at most positions (3-4 times faster over a
clause). The lookahead changes no match as long as it lists the first character of every
alternative: tests/extract/test_scans.py reads each guarded pattern's alternatives and checks.
"""

from __future__ import annotations

import re


def fail_fast(pattern: re.Pattern[str], first: str) -> re.Pattern[str]:
    """``pattern`` behind a lookahead of ``first`` (the inside of a character class: every
    character an alternative of ``pattern`` begins with, in ``pattern``'s case rules)."""
    return re.compile(f"(?=[{first}])(?:{pattern.pattern})", pattern.flags)


# what Python's re, ignoring case, also takes for a letter besides its small and capital forms
# (tests/extract/test_scans.py checks every letter of the words below against re itself)
_ALSO = {"i": "İı", "k": "\u212a", "s": "ſ"}
_LEADING = re.compile(r"(?:\(\?<!\\w\))?\(\?=\[(?:\\.|[^\]\\])+\]\)")


def _cases(letter: str) -> str:
    forms = dict.fromkeys(letter.lower() + letter.upper() + _ALSO.get(letter.lower(), ""))
    return "[" + "".join(re.escape(c) for c in forms) + "]"


def _trie(words: list[str]) -> str:
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[0].lower(), []).append(word[1:])
    parts = []
    for head, tails in heads.items():
        rest = [t for t in tails if t]
        inner = "" if len(rest) < len(tails) else _trie(rest) if len(rest) > 1 else "".join(_cases(c) for c in rest[0])
        parts.append(_cases(head) + (f"(?:{inner})" if inner and "|" in inner else inner))
    return "|".join(parts)


def begins_with(pattern: re.Pattern[str], words: tuple[str, ...]) -> re.Pattern[str]:
    """``pattern`` (one that begins with its lookahead of first characters) asking next that one of
    ``words`` stands there (their first letters, any case; ``\\d`` for a digit): where a common
    first letter passes (t, c, n), this fails before trying every alternative. The words are
    compared case-sensitively, each letter in each of its forms: Python's re then skips an
    alternative whose first letter differs without a jump."""
    leading = _LEADING.match(pattern.pattern)
    if leading is None:
        raise ValueError("begins_with: the pattern has no leading lookahead of first characters")
    letters = [word for word in words if word != "\\d"]
    lookahead = "|".join((["\\d"] if len(letters) < len(words) else []) + [f"(?-i:{_trie(letters)})"])
    return re.compile(f"{leading.group(0)}(?={lookahead}){pattern.pattern[leading.end():]}", pattern.flags)
