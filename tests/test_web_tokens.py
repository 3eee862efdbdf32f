"""The tokens file: `token` never prints a line that breaks it, and a hash listed twice is refused."""

from __future__ import annotations

import re
import tomllib

import pytest

from obligations.base.errors import DataFileError
from obligations.web.auth import hash_token, load_tokens

KNOWN = {"xa-X", "chibo-1", "tw"}.__contains__

# notes that, written between quotes as they are, end the string early, add a key or a table
HOSTILE = ['dòng 1"\nadmin = true\n[[token]]\nunit = "tw"',
           'ends with a backslash \\',
           'a "quoted" word and \\" an escaped quote',
           "\r\n[evil]\r\n",
           "\x00\x01\x1b[31mred\x1b[0m\x7f",
           "\u0085 \u2028 \u2029 tab\there",
           "'''\"\"\" triple quotes",
           "văn phòng Đảng ủy xã X, cấp ngày 1/12/2026"]


@pytest.mark.parametrize("note", HOSTILE)
def test_token_lines_appended_to_a_real_file_keep_it_loading(run_cli, tmp_path, note):
    """As docs/service.md says: `token ... >> tokens.toml`, then `serve --tokens tokens.toml`."""
    path = tmp_path / "tokens.toml"
    code, first, _ = run_cli("token", "--unit", "xa-X", "--note", "Văn phòng")
    assert code == 0
    code, out, err = run_cli("token", "--unit", "chibo-1", "--note", note)
    assert code == 0, err
    path.write_text(first + out, encoding="utf-8")
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    assert set(doc) == {"token"} and len(doc["token"]) == 2
    assert all(set(entry) == {"sha256", "unit", "note"} for entry in doc["token"])
    assert doc["token"][1]["note"] == note and doc["token"][1]["unit"] == "chibo-1"
    tokens = load_tokens(path, KNOWN)          # the loader `serve` starts with
    token = err.strip().rsplit(" ", 1)[-1]
    assert tokens.find(token).unit == "chibo-1" and len(tokens.entries) == 2
    assert "\n" not in out.split("note = ", 1)[1].rstrip("\n")     # the note stays on its one line


def test_a_note_that_is_not_utf8_is_refused(tmp_path):
    import os
    import subprocess
    import sys

    root = __import__("pathlib").Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable.encode(), b"-m", b"obligations", b"token", b"--unit", b"xa-X",
                           b"--note", b"abc \xff"], capture_output=True, cwd=root,
                          env=dict(os.environ, PYTHONPATH=str(root)), timeout=60)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2 and "0xFF" in err and "Traceback" not in err
    assert proc.stdout == b""                  # nothing to append, not even half an entry


def test_one_hash_listed_twice_is_refused_with_both_lines(tmp_path):
    digest = hash_token("a-token-for-both")
    path = tmp_path / "tokens.toml"
    path.write_text(f'# offices\n[[token]]\nsha256 = "{digest}"\nunit = "xa-X"\n\n'
                    f'[[token]]\nsha256 = "{hash_token("other")}"\nunit = "tw"\n\n'
                    f'[[token]]\nsha256 = "{digest}"\nunit = "chibo-1"\nnote = "copy"\n', encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_tokens(path, KNOWN)
    text = err.value.render()
    # the third entry starts at line 10, the first at line 2
    assert text.startswith(f"{path}:10 ([[token]] #3)")
    assert "line 2, [[token]] #1" in text and "xa-X" in text and "chibo-1" in text
    # the same hash for the same unit twice is refused too: one entry per token
    path.write_text(f'[[token]]\nsha256 = "{digest}"\nunit = "xa-X"\n[[token]]\nsha256 = "{digest}"\nunit = "xa-X"\n')
    with pytest.raises(DataFileError, match=re.escape("already listed at line 1")):
        load_tokens(path, KNOWN)


def test_serve_with_a_hash_listed_twice_exits_2_naming_the_file_and_line(tmp_path):
    import os
    import socket
    import subprocess
    import sys

    digest = hash_token("a-token-for-both")
    path = tmp_path / "tokens-dup.toml"
    path.write_text(f'[[token]]\nsha256 = "{digest}"\nunit = "xa-X"\n\n[[token]]\nsha256 = "{digest}"\nunit = "chibo-1"\n')
    root = __import__("pathlib").Path(__file__).resolve().parent.parent
    with socket.socket() as s:                 # a free port: were the file accepted, it would serve there
        s.bind(("127.0.0.1", 0))
        port = str(s.getsockname()[1])
    proc = subprocess.run([sys.executable, "-m", "obligations", "serve", "--port", port, "--tokens", str(path)],
                          capture_output=True, text=True, cwd=root, timeout=30,
                          env=dict(os.environ, PYTHONPATH=str(root), OBLIGATIONS_DB=str(tmp_path / "x.sqlite3")))
    assert proc.returncode == 2 and f"{path}:5" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.count("\n") == 1 and not (tmp_path / "x.sqlite3").exists()


def test_the_token_line_is_in_the_commands_language(run_cli):
    """The line for the person who hands the token over goes to standard error in --lang:
    Vietnamese by default, English with --lang en; the token itself ends the line either way."""
    code, out, err = run_cli("token", "--unit", "xa-X")
    assert code == 0 and err.startswith("mã truy cập cho xa-X (chỉ hiện một lần này, không lưu ở đâu cả): ")
    assert "token for" not in err and "shown once" not in err
    code, out, err = run_cli("token", "--unit", "xa-X", "--lang", "en")
    assert code == 0 and err.startswith("token for xa-X (shown once, not stored anywhere): ")
