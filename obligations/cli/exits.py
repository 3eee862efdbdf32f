"""The command line's exit status for each error code (the one table; docs/errors.md shows it).

2: the input or the data given is not usable (the usage convention of argparse, which also
answers 2); 70: a fault of ours, as an internal error (EX_SOFTWARE). 1 is not an error's: it
means findings (`check` found problems, `extract` found no duty).
"""

from __future__ import annotations

from obligations.base.errors import CODES, ErrorCode

EXIT_USAGE, EXIT_SOFTWARE = 2, 70

EXIT_STATUS: dict[ErrorCode, int] = {code: EXIT_USAGE for code in CODES} | {"engine": EXIT_SOFTWARE,
                                                                            "internal": EXIT_SOFTWARE}
