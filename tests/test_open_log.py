"""open_log(): the library's one way to the submissions log, with the command line's default."""

import sys

import pytest

import obligations
from obligations.cli import environment


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG rule is Linux's")
def test_the_default_is_the_command_lines(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    expected = tmp_path / "obligations" / "submissions.sqlite3"       # the XDG data directory's rule
    assert obligations.open_log().path == expected
    assert environment.db_path(env={}) == expected                     # no --db, no $OBLIGATIONS_DB
    assert not expected.exists()                                       # opening creates nothing


def test_a_path_given_is_the_log_and_nothing_is_created(tmp_path, monkeypatch):
    monkeypatch.setenv("OBLIGATIONS_DB", str(tmp_path / "from-env.sqlite3"))   # the library reads no variable
    log = obligations.open_log(tmp_path / "mine.sqlite3")
    assert isinstance(log, obligations.SubmissionLog)
    assert log.path == tmp_path / "mine.sqlite3"
    assert log.submissions() == [] and not log.path.exists()
    assert obligations.open_log().path != tmp_path / "from-env.sqlite3"
