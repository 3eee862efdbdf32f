"""Typed errors that carry where the problem is and how to fix it.

Library code raises these; only the command line turns them into a message and an
exit code, so that an application importing the library can handle them itself.
"""

from __future__ import annotations


class ObligationsError(Exception):
    """Base class: a problem the user can fix, described with its place and the fix."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None, place: str | None = None,
                 fix: str | None = None) -> None:
        self.message = message
        self.file = file
        self.place = place
        self.fix = fix
        super().__init__(self.render())

    def render(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.place) if p)
        text = f"{where}: {self.message}" if where else self.message
        if self.fix:
            text += f" ({self.fix})"
        return text


class DataFileError(ObligationsError):
    """A calendar, rule or hierarchy file is malformed or inconsistent."""


class CalendarRangeError(ObligationsError):
    """A date or year lies outside what the calendar data covers."""


class InputError(ObligationsError):
    """Bad input from the caller: an impossible date, an unknown unit or duty."""


class UnitNotActive(InputError):
    """A question about a unit on a day it did not exist: it had ended (merged into its
    successor) or had not yet begun. Refused rather than answered "nothing due"."""


class EngineError(ObligationsError):
    """The rules engine lost a fact or gave an inconsistent outcome."""


class Problems(ObligationsError):
    """Several independent problems found while loading or checking; each is kept."""

    def __init__(self, problems: list[ObligationsError]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(p.render() for p in self.problems))

    def render(self) -> str:  # message already holds one line per problem
        return self.message
