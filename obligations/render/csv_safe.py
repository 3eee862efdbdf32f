"""CSV cells that a spreadsheet would take for a formula are kept as the text they are.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by spreadsheet programs (=HYPERLINK(...), +cmd|...): a leading apostrophe keeps it
as text (OWASP "CSV injection").
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value
