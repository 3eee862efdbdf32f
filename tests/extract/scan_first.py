"""The words a regular expression's match can begin with, read from its parse tree.

Python's ``re`` scans a text position by position and tries every alternative of a pattern at
each; a pattern whose alternatives are groups (``(?P<latest>…)|(?P<within>…)``) pays a jump per
alternative at every position. A leading lookahead of the words the alternatives begin with
(``(?=\\d|chậm|trước|…)``) fails at once at most positions. That lookahead must let through
every alternative, or a phrase is silently lost: ``unguarded`` reads the pattern's own
alternatives (``re._parser``, the standard library's parser) and returns the beginnings its
lookahead refuses, so that a test says when an alternative is added that the lookahead lacks.
"""

from __future__ import annotations

import functools
import itertools
import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_LONGEST = 8            # a beginning is read this far (the lookaheads' words are shorter)


class Unbounded(Exception):
    """A match may begin with almost anything (., [^…], \\w, or nothing): no lookahead can guard it."""


def _sequence(items: Any, open_: set[str]) -> tuple[set[str], set[str]]:
    """(beginnings read to their end, beginnings still growing) after ``items`` from ``open_``."""
    closed: set[str] = set()
    for op, av in items:
        open_, more = _item(op, av, open_)
        closed |= more
        if not open_:
            break
    return open_, closed


def _all(items: Any, open_: set[str]) -> set[str]:
    still, closed = _sequence(items, open_)
    return still | closed


def _item(op: Any, av: Any, open_: set[str]) -> tuple[set[str], set[str]]:
    if all(len(s) >= _LONGEST for s in open_):
        return set(), open_
    if op is C.LITERAL:
        return {s + chr(av) for s in open_}, set()
    if op is C.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is C.LITERAL:
                chars.add(chr(value))
            elif kind is C.RANGE and value[1] - value[0] < 40:
                chars |= {chr(c) for c in range(value[0], value[1] + 1)}
            elif kind is C.CATEGORY and value is C.CATEGORY_DIGIT:
                chars.add("٣")          # any digit, of any script: the lookahead must say \d
            else:
                return set(), open_     # a class of many characters: the beginning ends here
        return {s + c for s in open_ for c in chars}, set()
    if op is C.BRANCH:
        still: set[str] = set()
        closed: set[str] = set()
        for alternative in av[1]:
            more, done = _sequence(alternative, open_)
            still |= more
            closed |= done
        return still, closed
    if op is C.SUBPATTERN:
        return _sequence(av[-1], open_)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)):
        # what one or more rounds begin with ends there (a shorter beginning asks the lookahead
        # for less, never more); with none, the items after it go on from here
        return (open_ if av[0] == 0 else set()), _all(av[2], open_)
    if op is C.ASSERT and av[0] == 1:
        return set(), _all(av[1], open_)        # a lookahead: the text goes on with its words
    if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        return open_, set()                     # zero width: what follows begins the match
    return set(), open_


def _guard_sources(pattern: str) -> list[str]:
    """The texts of the lookaheads ``(?=…)`` that open ``pattern`` (after a ``(?<!\\w)``)."""
    sources: list[str] = []
    start = len("(?<!\\w)") if pattern.startswith("(?<!\\w)") else 0
    while pattern.startswith("(?=", start):
        depth, i, in_class = 0, start, False
        while True:
            ch = pattern[i]
            if ch == "\\":
                i += 2
                continue
            if in_class:
                in_class = ch != "]"
            elif ch == "[":
                in_class = True
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        sources.append(pattern[start + 3:i])
        start = i + 1
    return sources


def beginnings(pattern: re.Pattern[str]) -> set[str]:
    """The words (up to 8 characters, ``٣`` for any digit) a match of ``pattern`` begins with,
    its leading lookaheads left out."""
    items = list(_parser.parse(pattern.pattern, pattern.flags))
    first = next(i for i, (op, av) in enumerate(items) if op is C.ASSERT and av[0] == 1)
    for _ in _guard_sources(pattern.pattern):
        del items[first]
    result = _all(items, {""})
    if "" in result:
        raise Unbounded(f"an alternative of {pattern.pattern[:60]} begins with no word")
    return result


_EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


@functools.lru_cache(maxsize=None)
def same_letter(ch: str, flags: int) -> frozenset[str]:
    """Every character ``re`` takes for ``ch`` under ``flags`` (read from re itself, over all of Unicode)."""
    return frozenset(re.findall(re.escape(ch), _EVERY_CHARACTER, flags))


def unguarded(pattern: re.Pattern[str]) -> set[str]:
    """The beginnings of ``pattern``'s alternatives that one of its leading lookaheads refuses
    (empty when they let every alternative through), each beginning's first three characters
    tried in every form the pattern's case rules take for them."""
    guards = [re.compile(source, pattern.flags) for source in _guard_sources(pattern.pattern)]
    refused = set()
    for word in beginnings(pattern):
        forms = itertools.product(*(sorted(same_letter(c, pattern.flags & re.IGNORECASE)) for c in word[:3]))
        if any(not guard.match("".join(form) + word[3:]) for form in forms for guard in guards):
            refused.add(word)
    return refused


def first_characters(pattern: re.Pattern[str]) -> set[str]:
    """The characters (``٣`` for any digit) a match of ``pattern`` can begin with."""
    result = _all(list(_parser.parse(pattern.pattern, pattern.flags)), {""})
    if "" in result:
        raise Unbounded(f"a match of {pattern.pattern[:60]} may begin with anything")
    return {word[0] for word in result}
