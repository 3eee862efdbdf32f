"""The command line's refusals in the language of the command's --lang: the library's errors
(render/error_words.py says each in words) and argparse's own usage errors.

argparse writes its errors in English from a closed set of templates (Python 3.11's
``argparse``: "the following arguments are required: %s", "argument %s: invalid choice: …");
they are recognised here by those templates and said again from the catalogues, each value
(an option, the values given) kept as typed. A message argparse words otherwise (a newer
Python's new template) stays English: nothing is lost, nothing is guessed.
"""

from __future__ import annotations

import re

from obligations.base.errors import ObligationsError
from obligations.render.labels import Labels, npmsg, pmsg

_T = Labels([
    npmsg("refusal:more", "… and {n} more problem: run `python -m obligations check` to see them all",
          "… and {n} more problems: run `python -m obligations check` to see them all"),
    pmsg("refusal:not-installed", "the package {name} is not installed in this Python ({python}) (install the "
                                  "project: pip install -e . , see README.md)"),
    pmsg("refusal:internal", "internal error: {error} (set OBLIGATIONS_DEBUG=1 for details and please report it)"),
    pmsg("usage:line", "{prog}: error: {message} (see {prog} --help)"),
    # argparse's templates, in format form (the English is argparse's, word for word)
    pmsg("usage:required", "the following arguments are required: {names}"),
    pmsg("usage:unrecognized", "unrecognized arguments: {names}"),
    pmsg("usage:one-of", "one of the arguments {names} is required"),
    pmsg("usage:ambiguous", "ambiguous option: {option} could match {matches}"),
    pmsg("usage:argument", "argument {name}: {message}"),
    pmsg("usage:expected-one", "expected one argument"),
    pmsg("usage:expected-at-most-one", "expected at most one argument"),
    pmsg("usage:expected-at-least-one", "expected at least one argument"),
    pmsg("usage:not-allowed-with", "not allowed with argument {other}"),
    pmsg("usage:ignored-explicit", "ignored explicit argument {value}"),
    pmsg("usage:invalid-choice", "invalid choice: {value} (choose from {choices})"),
    pmsg("usage:invalid-int", "invalid int value: {value}"),
    # the option types of cli/main.py
    pmsg("usage:not-whole", "{value} is not a whole number"),
    pmsg("usage:outside", "{option} {value} is outside {low}-{high} {unit}"),
    pmsg("usage:empty", "is empty: give a value or leave the option out"),
    pmsg("usage:unit:days", "days"),
    pmsg("usage:unit:working-days", "working days"),
    pmsg("usage:unit:months", "months"),
    pmsg("usage:unit:years", "(then the calendar data's coverage applies)"),
])

# the English of the units of cli/main.py's bounded options -> their keys
_UNITS = {"days": "usage:unit:days", "working days": "usage:unit:working-days", "months": "usage:unit:months",
          "(then the calendar data's coverage applies)": "usage:unit:years"}
_WHOLE = ("usage:required", "usage:unrecognized", "usage:one-of", "usage:ambiguous", "usage:argument")
_INNER = ("usage:expected-one", "usage:expected-at-most-one", "usage:expected-at-least-one", "usage:not-allowed-with",
          "usage:ignored-explicit", "usage:invalid-choice", "usage:invalid-int", "usage:not-whole", "usage:outside",
          "usage:empty")
_FIELD = re.compile(r"\\\{(\w+)\\\}")


def _pattern(key: str) -> re.Pattern[str]:
    """The English template of ``key`` as a pattern capturing its fields (``{names}`` -> (?P<names>.+))."""
    return re.compile(_FIELD.sub(lambda m: f"(?P<{m.group(1)}>.+?)", re.escape(_T.english(key))) + r"\Z", re.S)


def _match(keys: tuple[str, ...], message: str) -> tuple[str, dict[str, str]] | None:
    for key in keys:
        found = _pattern(key).match(message)
        if found:
            return key, found.groupdict()
    return None


def _inner(message: str, lang: str) -> str:
    found = _match(_INNER, message)
    if found is None:
        return message
    key, values = found
    if key == "usage:outside" and values["unit"] in _UNITS:
        values["unit"] = _T(_UNITS[values["unit"]], lang)
    return _T(key, lang, **values)


def usage_message(message: str, lang: str) -> str:
    """argparse's error ``message`` in ``lang`` (the English as it is for "en")."""
    found = _match(_WHOLE, message)
    if found is None:
        return message
    key, values = found
    if key == "usage:argument":
        values["message"] = _inner(values["message"], lang)
    return _T(key, lang, **values)


def usage_line(prog: str, message: str, lang: str) -> str:
    """The one line of a usage error: the program, the error, where to read more."""
    return _T("usage:line", lang, prog=prog, message=usage_message(message, lang))


def one_message(exc: ObligationsError, lang: str, lines: int = 4, width: int = 600) -> str:
    """At most five lines: the first problems in ``lang``, cut to a readable width, and how many more."""
    from obligations.base.errors import Problems
    from obligations.render.error_words import cli_text
    from obligations.render.safe_text import escape_controls

    # the library's message with the command line's words for the fix (its flags)
    texts = [cli_text(p, lang) for p in exc.problems] if isinstance(exc, Problems) else [cli_text(exc, lang)]
    shown = [escape_controls(t if len(t) <= width else t[:width] + "…") for t in texts[:lines]]
    if len(texts) > lines:
        shown.append(_T("refusal:more", lang, n=len(texts) - lines))
    return "\n".join(f"obligations: {t}" for t in shown)


def not_installed(name: str, python: str, lang: str) -> str:
    """A dependency missing from this Python: the fix is an install, not a bug report."""
    return "obligations: " + _T("refusal:not-installed", lang, name=repr(name), python=python)


def internal(error: str, lang: str) -> str:
    """A bug, in one line (the traceback only on request)."""
    return "obligations: " + _T("refusal:internal", lang, error=error)
