"""The command line's refusals speak the command's --lang (issue 23): Vietnamese with no word of
the English templates under --lang vi (the default), the English as before under --lang en, and
every error code has its words in both catalogues."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from obligations.base.errors import CODES, said
from obligations.cli.main import main
from obligations.render import catalogue
from obligations.render.error_words import CODE_WORDS, say

# the refusals of the sample: (argv without --lang, a Vietnamese phrase, an English phrase), each
# written by hand from what the refusal is about
SAMPLE = [
    (["due", "--unit", "xa-Zz", "--on", "2026-11-23"], "không có đơn vị 'xa-Zz'", "unknown unit 'xa-Zz'"),
    (["due", "--unit", "x\u0430-X", "--on", "2026-11-23"], "vị trí 2 là U+0430", "position 2 is U+0430"),
    (["due", "--unit", "xa-X", "--on", "31/02/2026"], "không phải là ngày có thật", "is not a valid date"),
    (["due", "--unit", "xa-X", "--on", "2026/11/23"], "hãy ghi là 2026-11-23", "write it as 2026-11-23"),
    (["due", "--unit", "xa-X", "--horizon", "99999"], "nằm ngoài khoảng 0-3660 ngày", "is outside 0-3660 days"),
    (["due", "--on", "2026-11-23"], "cần một trong các tham số --unit --under",
     "one of the arguments --unit --under is required"),
    (["due", "--unit", "xa-X", "--format", "pdf"], "lựa chọn không hợp lệ: 'pdf'", "invalid choice: 'pdf'"),
    (["export", "--unit", "xa-X", "--from", "2026-12-01", "--to", "2026-01-01"],
     "--to (01/01/2026) trước --from (01/12/2026)", "--to (2026-01-01) is before --from (2026-12-01)"),
    (["due", "--unit", "Xã Tân Thành", "--on", "2026-11-23"], "7 đơn vị có tên", "7 units are named"),
    # tinh-kon-tum ended on 30/06/2025 (merged into Quảng Ngãi): a status of 2026 is refused
    (["status", "--unit", "tinh-kon-tum", "--year", "2026"], "đã kết thúc ngày 30/06/2025",
     "ended on 2025-06-30"),
    (["explain", "--unit", "xa-X", "--duty", "khong-co-nhiem-vu", "--on", "2026-11-23"],
     "không có nhiệm vụ 'khong-co-nhiem-vu'", "unknown duty 'khong-co-nhiem-vu'"),
    (["timeline", "--unit", "xa-X", "--year", "2026", "--before", "1"], "--year vẽ cả năm",
     "--year draws the whole year"),
    (["due", "--unit", "xa-X", "--on", "2026-11-23", "--excel"], "--excel chỉ dùng với --format csv",
     "--excel applies to --format csv"),
    (["submit", "--unit", "chibo-1", "--duty", "76-KH-DU/chi-bo-bao-cao-hang-nam", "--period", "2025", "--on",
      "2025-11-20", "--reason", "sửa ngày"], "có lý do nhưng không yêu cầu thay bản ghi",
     "a reason is given without asking to replace a record"),
]

# what may stay as it is in a Vietnamese refusal: ids, flags, paths and values the user typed,
# commands to type, Unicode's names of characters (upper case) and the names of formats and tools
KEPT = {"python", "obligations", "pip", "install", "check", "event", "help", "csv", "xlsx", "ics", "json", "table",
        "sqlite", "utf", "pdf", "docx", "word", "libreoffice", "excel", "iconv", "ocrmypdf", "soffice", "mib",
        "kib", "byte", "socket", "vietnam", "toml", "coverage", "due", "changes", "notify"}


def _english_words() -> set[str]:
    """The words of the English templates of refusals (said, usage, the command line's fixes)."""
    english = catalogue.translation("en")
    words: set[str] = set()
    for (context, message) in _templates(english):
        if context.split(":")[0] in {"usage", "cli", "code", "refusal", "id", "date", "span", "unit", "name", "log",
                                     "out", "coverage", "duty", "period", "engine", "file", "os", "doc", "pdf",
                                     "docx", "serve", "event", "range", "roll", "count", "due", "province",
                                     "schema", "toml", "notify", "calendar", "decision", "changes", "letter", "acks",
                                     "rule", "rules", "org", "cross", "scope", "feeds"}:
            words |= {w.lower() for w in re.findall(r"[A-Za-z]{3,}", re.sub(r"\{\w+\}", " ", message))}
    return words - KEPT


def _templates(translation: object) -> list[tuple[str, str]]:
    catalog = getattr(translation, "_catalog")
    return [(key.split("\x04")[0], str(value)) for key, value in catalog.items()
            if isinstance(key, str) and "\x04" in key]


def _prose(text: str) -> list[str]:
    """The words of ``text`` a person reads as words: flags, ids, paths, quoted values, TOML table headers, upper-case
    names (Unicode's) and the program's name left out."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"|\[\[?[\w.-]+\]\]?|\S*[/\\]\S*|--?[\w-]+|\b[\w.]*[-_.][\w.-]*\b|\b[A-Z][A-Z0-9 ]+\b", " ", text)
    return [w.lower() for w in re.findall(r"[^\W\d_]{3,}", text)]


def _refusal(argv: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[int, str]:
    code = main([*argv, "--db", str(tmp_path / "log.sqlite3")] if argv[0] in ("due", "status", "explain", "export", "submit")
                else argv)
    return code, capsys.readouterr().err


@pytest.mark.parametrize(("argv", "vi", "en"), SAMPLE, ids=[" ".join(a[:3]) for a, _, _ in SAMPLE])
def test_a_refusal_under_lang_vi_is_vietnamese_with_no_english_word(argv, vi, en, capsys, tmp_path):
    english = _english_words()
    for lang in (["--lang", "vi"], []):          # vi is the default of these commands
        code, err = _refusal([*argv, *lang], capsys, tmp_path)
        assert code == 2, err
        assert vi in err, err
        leaked = sorted({w for w in _prose(err) if w in english})
        assert not leaked, (leaked, err)


@pytest.mark.parametrize(("argv", "vi", "en"), SAMPLE, ids=[" ".join(a[:3]) for a, _, _ in SAMPLE])
def test_the_same_refusal_under_lang_en_is_the_english(argv, vi, en, capsys, tmp_path):
    code, err = _refusal([*argv, "--lang", "en"], capsys, tmp_path)
    assert code == 2 and en in err and vi not in err, err


def test_check_refuses_in_english_by_default(capsys, tmp_path):
    code = main(["check", "--rules", str(tmp_path / "no-such-dir")])
    said_ = capsys.readouterr()
    assert code in (1, 2) and "no-such-dir" in said_.out + said_.err, said_
    assert "(the message in English" not in said_.out + said_.err and "không" not in said_.out + said_.err, said_


def test_every_error_code_has_words_in_both_languages():
    for code in CODES:
        vi, en = CODE_WORDS(f"code:{code}", "vi"), CODE_WORDS(f"code:{code}", "en")
        assert en == CODE_WORDS.english(f"code:{code}")
        assert vi and vi != en, (code, vi)


def test_a_said_text_says_its_values_in_the_language_dates_included():
    import datetime as dt

    text = said("span:reversed", "the end of the span ({end}) is before its start ({start})",
                end=dt.date(2026, 1, 1), start=dt.date(2026, 12, 1))
    assert str(text) == "the end of the span (2026-01-01) is before its start (2026-12-01)"
    assert say(text, "en") == str(text)
    assert say(text, "vi") == "ngày cuối của khoảng (01/01/2026) trước ngày đầu (01/12/2026)"


def test_the_leak_detector_finds_the_english_of_an_english_refusal(capsys, tmp_path):
    """The control of the test above: the same detector flags the English refusal's words."""
    code, err = _refusal(["due", "--unit", "xa-Zz", "--on", "2026-11-23", "--lang", "en"], capsys, tmp_path)
    assert code == 2 and {"unknown", "unit", "use", "one"} <= {w for w in _prose(err) if w in _english_words()}, err


# -- the refusals said with their values since (data files, notify.toml, changes): each run on a
# file of the bad-input corpus copied beside the bundled data, as a clerk's command would meet it
CORPUS = Path(__file__).parent / "bad_input"


def _with_rules(tmp_path: Path, bad: str) -> list[str]:
    import shutil

    from obligations.base import paths

    shutil.copytree(paths.rules_dir(), tmp_path / "rules")
    shutil.copy(CORPUS / "rules" / bad, tmp_path / "rules" / "zz-bad.toml")
    return ["--rules", str(tmp_path / "rules")]


def _with_days(tmp_path: Path, bad: str) -> list[str]:
    import shutil

    from obligations.base import paths

    shutil.copytree(paths.calendars_dir(), tmp_path / "cal")
    shutil.copy(CORPUS / "calendars" / bad, tmp_path / "cal" / "days.toml")
    return ["--calendars", str(tmp_path / "cal")]


# (name, argv without --lang given the case's folder, a Vietnamese phrase, the English phrase)
CONVERTED = [
    # notify.toml names a unit the hierarchy lacks (the corpus's file: [units.xa-KHONG-CO])
    ("notify unknown unit", lambda tmp: ["notify", "--under", "xa-X", "--on", "2026-12-01", "--config",
                                         str(CORPUS / "notify/unknown-unit/notify.toml"), "--db", str(tmp / "log.sqlite3")],
     "[units.xa-KHONG-CO]): không có đơn vị 'xa-KHONG-CO'", "[units.xa-KHONG-CO]): unknown unit 'xa-KHONG-CO'"),
    # a day off whose decision no [[decision]] declares
    ("calendar decision", lambda tmp: ["due", "--unit", "xa-X", "--on", "2026-04-20", *_with_days(tmp, "caldates-unknown-decision.toml")],
     "không có bảng [[decision]] nào mang mã 'khong-co'", "no [[decision]] has the id 'khong-co'"),
    # a rule file whose directive id has a Cyrillic letter: the schema's generic message for an id
    ("rule file directive id", lambda tmp: ["due", "--unit", "xa-X", "--on", "2026-11-23",
                                            *_with_rules(tmp, "directive-id-cyrillic.toml")],
     "ở vị trí 1, ngoài bảng ký tự của mã", "at position 1, outside the id alphabet"),
    # changes --ack without who acknowledges
    ("changes ack without by", lambda tmp: ["changes", "--from-known", "2026-01-01", "--ack"],
     "thiếu --by", "--by is missing"),
]


@pytest.mark.parametrize(("name", "argv", "vi", "en"), CONVERTED, ids=[c[0] for c in CONVERTED])
def test_a_converted_refusal_is_vietnamese_with_no_english_word(name, argv, vi, en, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("OBLIGATIONS_TEST_SECRET", "bi-mat-0123456789")
    english = _english_words()
    for lang in (["--lang", "vi"], []):          # vi is the default of these commands
        code = main([*argv(tmp_path / lang[-1] if lang else tmp_path / "default"), *lang])
        err = capsys.readouterr().err
        assert code == 2, err
        assert vi in err, err
        assert "tiếng Anh" not in err, err            # not the fallback of a message still said in English
        leaked = sorted({w for w in _prose(err) if w in english})
        assert not leaked, (leaked, err)
    code = main([*argv(tmp_path / "en"), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and en in err and vi not in err, err
