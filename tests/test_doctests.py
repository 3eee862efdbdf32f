"""The examples in the docstrings of the public API run, and print what they say.

The curated modules only (what ``obligations.__all__`` reaches, and the front door); the
examples give every date they ask about, so none depends on the clock. They run from the
repository root, where tests/fixtures/ is.
"""

import doctest
import importlib
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CURATED = ["obligations", "obligations.workspace", "obligations.log.place", "obligations.status.assess",
           "obligations.base.vocabulary"]


@pytest.mark.parametrize("name", CURATED)
def test_docstring_examples_run(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("OBLIGATIONS_CACHE", "off")
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, report=True, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples of {name} failed (see above)"


def test_the_front_door_has_examples():
    # an example that stopped being collected (a renamed method, a docstring lost) must not pass silently
    counts = {}
    for name in ["obligations", "obligations.workspace"]:
        finder = doctest.DocTestFinder()
        counts[name] = sum(len(t.examples) for t in finder.find(importlib.import_module(name)))
    assert counts["obligations"] >= 5 and counts["obligations.workspace"] >= 15, counts
