"""The API reference is generated from the docstrings (pdoc), as .ci/run and docs/api.md build
it: the build must succeed, without a warning, and give every public name its section."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import obligations

ROOT = Path(__file__).resolve().parent.parent
# the command docs/api.md and .ci/run give (the folder aside)
MODULES = ["obligations", "obligations.workspace", "obligations.log.place", "obligations.base.vocabulary"]


def test_the_reference_builds_with_every_public_name(tmp_path):
    pytest.importorskip("pdoc")
    p = subprocess.run([sys.executable, "-W", "error::UserWarning", "-m", "pdoc", *MODULES, "-o", str(tmp_path)],
                       capture_output=True, text=True, timeout=300, cwd=ROOT,
                       env=dict(os.environ, OBLIGATIONS_CACHE="off"))
    assert p.returncode == 0, p.stderr[-2000:]
    page = (tmp_path / "obligations.html").read_text(encoding="utf-8")
    missing = [name for name in obligations.__all__ if f'id="{name}"' not in page]
    assert not missing
    # the methods of the front door are documented on its page, with their docstrings
    workspace = (tmp_path / "obligations" / "workspace.html").read_text(encoding="utf-8")
    for method in ("due", "due_under", "explain", "status", "history", "items_between", "record_submission",
                   "record_extension", "record_event"):
        assert f'id="Workspace.{method}"' in workspace, method
    assert "The effective deadline" in page          # Item.deadline's docstring reached the page
    assert (tmp_path / "obligations" / "base" / "vocabulary.html").exists()
