"""Vietnamese and English labels for everything the command line prints."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from obligations.render import catalogue


def number(value: int | float, lang: str) -> str:
    """A number as the language writes it: Vietnamese groups thousands with "." and marks
    decimals with "," (1.234; 3,5); English keeps Python's plain form (1234; 3.5)."""
    if lang == "en":
        return str(value)
    if isinstance(value, float):
        whole, _, frac = f"{value:,.2f}".rstrip("0").rstrip(".").partition(".")
        return whole.replace(",", ".") + ("," + frac if frac else "")
    return f"{value:,}".replace(",", ".")


@attrs.frozen
class Msg:
    """One text of a table: its key (the catalogue's msgctxt) and its English (the msgid), with the
    English plural when the text counts ``n``. The other languages are in the catalogues."""

    key: str
    english: str
    plural: str | None = None


def pmsg(key: str, english: str) -> Msg:
    """A text; a marker `pybabel extract` knows (keyword ``pmsg:1c,2`` in pyproject.toml)."""
    return Msg(key, english)


def npmsg(key: str, one: str, other: str) -> Msg:
    """A text with a count ``n``: the English for one and for others (keyword ``npmsg:1c,2,3``).
    Each catalogue has the forms its language needs: Vietnamese one ("1 ngày", "2 ngày")."""
    return Msg(key, one, other)


class Labels:
    """A table of texts: ``labels(key, lang, **values)``, the words from the language's gettext
    catalogue (render/catalogue.py, docs/translating.md). A count ``n`` chooses the plural form
    and, like any float, is written with the language's separators."""

    __slots__ = ("_messages",)

    def __init__(self, messages: Iterable[Msg]) -> None:
        if isinstance(messages, Mapping):     # the (Vietnamese, English) tables before the catalogues
            raise TypeError("Labels takes pmsg(key, english) and npmsg(key, one, other) entries, the "
                            "Vietnamese being in obligations/locale/vi/LC_MESSAGES/obligations.po "
                            "(docs/translating.md)")
        table: dict[str, Msg] = {}
        for message in messages:
            if message.key in table:
                raise ValueError(f"two texts with the key {message.key!r} in one table")
            table[message.key] = message
        self._messages: Mapping[str, Msg] = MappingProxyType(table)

    def __contains__(self, key: object) -> bool:
        return key in self._messages

    def english(self, key: str) -> str:
        """The English of ``key`` as written in the code (the template, its fields not filled)."""
        return self._messages[key].english

    def __call__(self, key: str, lang: str, **values: object) -> str:
        message = self._messages[key]
        count = values.get("n")
        if isinstance(count, (int, float)) and not isinstance(count, bool):
            values["n"] = number(count, lang)
        values = {k: number(v, lang) if isinstance(v, float) else v for k, v in values.items()}
        if message.plural is None:
            return catalogue.text(lang, key, message.english).format(**values)
        if not isinstance(count, int) or isinstance(count, bool):
            raise TypeError(f"the text {key!r} counts n: give n as an integer, not {count!r}")
        return catalogue.text(lang, key, message.english, message.plural, count).format(**values)


_LABELS = Labels([
    # event kinds
    pmsg("public_holiday", "Public holiday"),
    pmsg("day_off", "Compensatory or substituted day off"),
    pmsg("makeup_workday", "Make-up working day"),
    pmsg("commemoration", "Commemoration"),
    pmsg("local", "Local day"),
    pmsg("lunar", "Lunar-dated day"),
    # anniversary classes (Decree 145/2013/NĐ-CP)
    pmsg("nam_tron", "round anniversary"),
    pmsg("nam_le_5", "anniversary ending in 5"),
    # statuses
    pmsg("upcoming", "upcoming"),
    pmsg("window_open", "window open"),
    pmsg("due_soon", "due soon"),
    pmsg("overdue", "overdue"),
    pmsg("done", "done"),
    pmsg("conflict", "conflict"),
    pmsg("past", "past"),
    # duty kinds
    pmsg("report", "report"),
    pmsg("plan", "plan"),
    pmsg("activity", "activity"),
    pmsg("review", "review"),
    pmsg("publication", "publication"),
    # calendar table
    pmsg("calendar_title", "Calendar {year}"),
    pmsg("days_off", "Days off"),
    pmsg("makeup_days", "Make-up working days (Saturdays)"),
    pmsg("commemorations", "Commemorations"),
    pmsg("working_count", "Working days: {n}"),
    pmsg("provisional", "Note: the government's day swaps for {year} may not be published yet."),
    pmsg("anniversary", "{n} anniversary"),
    pmsg("lunar_date", "lunar {d}"),
    pmsg("none", "(none)"),
])

def ordinal_en(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th')}"


def label(key: str, lang: str = "vi", **values: object) -> str:
    if key not in _LABELS:
        return key
    if lang == "en" and key == "anniversary":
        values = {"n": ordinal_en(int(str(values["n"])))}
    return _LABELS(key, lang, **values)
