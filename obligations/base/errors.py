"""Typed errors that carry where the problem is and how to fix it.

Library code raises these; only the edges (the command line, the web service) turn them
into words and a status, so that an application importing the library can handle them
itself. An error is data: a stable ``code`` (one of ``CODES``, the closed set), the
``message``, the ``file`` and ``place`` it is about, the ``fix`` in neutral words (no
command-line flag, no JSON field: the edges name their own, render/error_words.py), the
caller's ``param`` the fix asks for (the library's own keyword, e.g. "ref"), and ``data``,
the values a message in another language needs (e.g. {"unit": "xa-KHONG-CO"}).

A message, fix or place given as ``said(key, english, **values)`` carries its parameters as data: the
English template (the gettext msgid, ``key`` its msgctxt) and the named values (ids, dates,
numbers, or other ``Said`` pieces), so that an edge renders it in the reader's language from the
catalogues (render/error_words.py, docs/translating.md); ``message``, ``fix`` and ``place`` stay the English.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
import datetime as dt
from typing import Literal, Union, get_args

# The closed set of codes: never renamed once published (apps test them); docs/errors.md
# lists exactly these (tests/test_errors.py checks it).
ErrorCode = Literal[
    "bad-input", "bad-date", "bad-range", "missing-value", "too-long",
    "unknown-unit", "ambiguous-unit", "unknown-duty", "unknown-event", "unknown-option",
    "unit-not-active", "event-not-recorded", "calendar-range",
    "already-recorded", "no-record", "log-file", "output-file", "data-file", "several-problems",
    "document", "not-installed", "engine",
    # raised by the web service itself, before the library is called
    "unauthorized", "forbidden", "not-found", "method-not-allowed", "too-large",
    "unsupported-media", "invalid-request", "internal",
]

CODES: dict[ErrorCode, str] = {
    "bad-input": "a value from the caller that is not acceptable (no more precise code applies)",
    "bad-date": "a date that is not a date, or that cannot be right (a delivery in the future, "
                "an extension not later than the deadline)",
    "bad-range": "a span that ends before it starts, or a negative number of days",
    "missing-value": "a value the request needs was not given (the reference of an extension, "
                     "the reason of a replacement)",
    "too-long": "a text longer than the log keeps",
    "unknown-unit": "a unit id the hierarchy does not know",
    "ambiguous-unit": "a unit's name that fits several units (the candidates are listed)",
    "unknown-duty": "a duty or period that is unknown, ambiguous or not placed for the unit",
    "unknown-event": "an event id no rule file declares",
    "unknown-option": "a name of an option that does not exist (rules engine, roll policy)",
    "unit-not-active": "a unit asked about on a day it did not exist (ended or not yet begun)",
    "event-not-recorded": "a duty counted from an event whose date is not recorded",
    "calendar-range": "a date or year outside what the calendar data covers (or, as known on a day, "
                      "a year whose Labour Code was not issued yet)",
    "already-recorded": "the occurrence (or event) already has a different record",
    "no-record": "a replacement was asked but there is no record to replace",
    "log-file": "the log (the SQLite file of records) cannot be used",
    "output-file": "a file to write that cannot be written, or is not one this program wrote",
    "data-file": "a calendar, rule, hierarchy or tokens file is missing, malformed or inconsistent",
    "several-problems": "several problems of different kinds, each kept with its own code",
    "document": "a directive's file that cannot be read (empty, binary, not UTF-8, .doc)",
    "not-installed": "an optional package this asks for is not installed",
    "engine": "the rules engine gave an inconsistent outcome (a bug: report it)",
    "unauthorized": "web: no token, or one the tokens file does not list",
    "forbidden": "web: a token of another unit",
    "not-found": "web: no such path",
    "method-not-allowed": "web: the path does not take this method",
    "too-large": "web: a body larger than the limit",
    "unsupported-media": "web: a body that is not sent as the path's media type",
    "invalid-request": "web: fields or values the path does not take",
    "internal": "web: an internal error (the server's log has the details)",
}

assert set(CODES) == set(get_args(ErrorCode)), "every code has its meaning"


Value = Union[str, int, dt.date, "Said"]


class Number(int):
    """A count or a size written with the language's group separators (1,001 in English, 1.001 in
    Vietnamese); a plain int (a year, a position) is written as it is."""




class Both(str):
    """A name the data gives in both languages (a decision's title_en and title_vi): the English
    is the string itself, ``vi`` the Vietnamese an edge says instead."""

    vi: str

    def __new__(cls, english: str, vi: str) -> "Both":
        both = super().__new__(cls, english)
        both.vi = vi
        return both


class Said:
    """A text for people with its parameters as data: ``english`` is a ``str.format`` template
    (the catalogue's msgid), ``key`` its msgctxt, ``values`` the named values. ``str()`` is the
    English, dates written YYYY-MM-DD; render/error_words.py says it in another language."""

    __slots__ = ("key", "english", "values", "plural")

    def __init__(self, key: str, english: str, values: Mapping[str, Value], plural: str | None = None) -> None:
        self.key, self.english, self.values = key, english, dict(values)
        self.plural = plural          # the English plural of a text that counts ``values["n"]`` (said_n)

    def __str__(self) -> str:
        return self.template(self.english, self.plural).format(**{k: _english(v) for k, v in self.values.items()})

    def template(self, one: str, other: str | None) -> str:
        """The form of English for ``values["n"]`` (other languages: the catalogue's rule)."""
        count = self.values.get("n")
        return other if other is not None and isinstance(count, int) and count != 1 else one

    def __repr__(self) -> str:
        return f"said({self.key!r}, {str(self)!r})"


def _english(value: Value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Number):
        return f"{value:,}"
    return value if isinstance(value, str) else str(value)


def said(key: str, english: str, /, **values: Value) -> Said:
    """A refusal's text with its values; a marker `pybabel extract` knows (keyword ``said:1c,2``
    in pyproject.toml): the Vietnamese of ``english`` is in the catalogue under ``key``."""
    return Said(key, english, values)


def said_n(key: str, one: str, other: str, /, *, n: int, **values: Value) -> Said:
    """A text that counts ``n`` ("{n} working day", "{n} working days"): the language's plural
    rule chooses the form (keyword ``said_n:1c,2,3`` of ``pybabel extract``, as ``npmsg``)."""
    return Said(key, one, {"n": n, **values}, plural=other)


def joined(items: Sequence[Value], sep: str | Said = ", ") -> Value:
    """Pieces said one after the other with ``sep`` between them (a list of differences, of
    candidates), each piece in the language it is said in (a ``Said`` separator too: " or ")."""
    if not items:
        return ""
    result = items[0]
    for item in items[1:]:
        if isinstance(sep, Said):
            result = Said("", "{a}{sep}{b}", {"a": result, "sep": sep, "b": item})
        else:
            result = Said("", "{a}" + sep.replace("{", "{{").replace("}", "}}") + "{b}", {"a": result, "b": item})
    return result


class ObligationsError(Exception):
    """Base class: a problem the user can fix, described with its code, place and fix."""

    default_code: ErrorCode = "bad-input"

    def __init__(self, message: Said, *, file: str | None = None, place: str | Said | None = None,
                 fix: Said | None = None, code: ErrorCode | None = None, param: str | None = None,
                 data: Mapping[str, str] | None = None) -> None:
        # the English, and the parameters (said_*) an edge needs to say it in another language
        self.message = str(message)
        self.said_message = message if isinstance(message, Said) else None
        self.file = file
        self.place = None if place is None else str(place)
        self.said_place = place if isinstance(place, Said) else None      # a place in words ("top level")
        self.fix = None if fix is None else str(fix)
        self.said_fix = fix if isinstance(fix, Said) else None
        self.code: ErrorCode = code or self.default_code
        self.param = param
        self.data: dict[str, str] = dict(data or {})
        super().__init__(self.render())

    def render(self) -> str:
        return self.render_with(self.fix)

    def render_with(self, fix: str | None) -> str:
        """The one-line text with ``fix`` (an edge's own words for the fix) in place of the library's."""
        where = ":".join(str(p) for p in (self.file, self.place) if p)
        text = f"{where}: {self.message}" if where else self.message
        if fix:
            text += f" ({fix})"
        return text


class DataFileError(ObligationsError):
    """A calendar, rule or hierarchy file is malformed or inconsistent."""

    default_code: ErrorCode = "data-file"


class CalendarRangeError(ObligationsError):
    """A date or year lies outside what the calendar data covers."""

    default_code: ErrorCode = "calendar-range"


class InputError(ObligationsError):
    """Bad input from the caller: an impossible date, an unknown unit or duty."""


class UnitNotActive(InputError):
    """A question about a unit on a day it did not exist: it had ended (merged into its
    successor) or had not yet begun. Refused rather than answered "nothing due"."""

    default_code: ErrorCode = "unit-not-active"


class EngineError(ObligationsError):
    """The rules engine lost a fact or gave an inconsistent outcome."""

    default_code: ErrorCode = "engine"


class Problems(ObligationsError):
    """Several independent problems found while loading or checking; each is kept. Its code
    is theirs when they share one, else "several-problems"."""

    def __init__(self, problems: list[ObligationsError]) -> None:
        self.problems = list(problems)
        codes = {p.code for p in self.problems}
        super().__init__(Said("", "{lines}", {"lines": "\n".join(p.render() for p in self.problems)}),
                         code=codes.pop() if len(codes) == 1 else "several-problems")

    def render_with(self, fix: str | None) -> str:  # message already holds one line per problem
        return self.message
