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
        "kib", "byte", "socket", "vietnam", "toml", "coverage", "due", "changes", "notify", "token"}


def _english_words() -> set[str]:
    """The words of the English templates of refusals (said, usage, the command line's fixes)."""
    english = catalogue.translation("en")
    words: set[str] = set()
    for (context, message) in _templates(english):
        if context.split(":")[0] in {"usage", "cli", "code", "refusal", "id", "date", "span", "unit", "name", "log",
                                     "out", "coverage", "duty", "period", "engine", "file", "os", "doc", "pdf",
                                     "docx", "serve", "event", "range", "roll", "count", "due", "province",
                                     "schema", "toml", "notify", "calendar", "decision", "changes", "letter", "acks",
                                     "rule", "rules", "org", "cross", "scope", "feeds", "schedule", "rrule",
                                     "once", "peaks", "change", "lead", "tokens", "web", "place"}:
            # ids (CV-BTVTU-KonTum/bao-cao-hang-nam) and quoted values of a template are not English words
            words |= {w.lower() for w in re.findall(r"[A-Za-z]{3,}", re.sub(r"\{\w+\}|\S*[-/]\S*|\"[^\"]*\"", " ", message))}
    return words - KEPT


def _templates(translation: object) -> list[tuple[str, str]]:
    catalog = getattr(translation, "_catalog")
    return [(key.split("\x04")[0], str(value)) for key, value in catalog.items()
            if isinstance(key, str) and "\x04" in key]


def _prose(text: str) -> list[str]:
    """The words of ``text`` a person reads as words: flags, ids, paths, quoted values, TOML table headers, keys in
    backticks and keys given a value (``day = …``: what the clerk types in the file), upper-case names (Unicode's)
    and the program's name left out."""
    text = re.sub(r"`[^`]*`|\b\w+ = |'[^']*'|\"[^\"]*\"|\[\[?[\w.-]+\]\]?|\S*[/\\]\S*|--?[\w-]+|\b[\w.]*[-_.][\w.-]*\b|\b[A-Z][A-Z0-9 ]+\b", " ", text)
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


# -- the last sites (issue 23, refusals3): the schedule forms, the change tables, the rules directory
# given twice, a TOML syntax error, a lead time twice, a foreign log, the places named by table and id

RULE_HEAD = ('[directive]\nid = "BAD"\nnumber = "1-KH/BAD"\nkind = "plan"\nissuer = "x"\nunit = "xa-X"\ntitle = "t"\n'
             'issued = 2023-03-01\n')
RULE_DUTY = '''
[[duty]]
id = "x"
section = "1"
source = "trước ngày 20/4/2023"
kind = "report"
title_vi = "a"
title_en = "a"
performers = ["level:cell"]
recipient = "issuer"
schedule = {schedule}
valid = {{ from = 2023-04-01 }}
'''
KONTUM = "CV-BTVTU-KonTum/bao-cao-hang-nam"


def _rules_with(tmp: Path, text: str) -> list[str]:
    """The bundled rules and one more rule file, as a second --rules directory."""
    from obligations.base import paths

    extra = tmp / "extra"
    extra.mkdir(parents=True, exist_ok=True)
    (extra / "zz-bad.toml").write_text(text, encoding="utf-8")
    return ["--rules", str(paths.rules_dir()), "--rules", str(extra)]


def _schedule(tmp: Path, schedule: str) -> list[str]:
    return ["due", "--unit", "xa-X", "--on", "2026-11-23", *_rules_with(tmp, RULE_HEAD + RULE_DUTY.format(schedule=schedule))]


def _foreign_log(tmp: Path) -> list[str]:
    import sqlite3

    tmp.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(tmp / "khac.sqlite3")
    conn.execute("PRAGMA application_id = 123")
    conn.execute("CREATE TABLE t (a)")
    conn.commit()
    conn.close()
    return ["due", "--unit", "xa-X", "--on", "2026-11-23", "--db", str(tmp / "khac.sqlite3")]


# (name, argv given a folder, a Vietnamese phrase, the English phrase): each phrase written by hand
# from the input (31/2 exists in no year; INTERVAL=0 is below 1; the window of 1/5 to 1/4 runs backwards)
LAST_SITES = [
    ("periodic 31/2", lambda tmp: _schedule(tmp, '{ every = "year", month = 2, day = 31 }'),
     "(nhiệm vụ 'x'): ngày 31/2 không có trong mọi năm", "(duty 'x'): 31/2 does not happen every year"),
    ("periodic two deadlines", lambda tmp: _schedule(tmp, '{ every = "month", day = 5, offset = 3 }'),
     "hạn được nêu hai lần (schedule.day và schedule.offset)", "the deadline is stated twice (schedule.day and schedule.offset)"),
    ("periodic only of a year", lambda tmp: _schedule(tmp, '{ every = "year", only = [1], month = 1, day = 5 }'),
     "schedule.only không áp dụng cho kỳ theo năm", "schedule.only does not apply to year periods"),
    ("rrule interval 0", lambda tmp: _schedule(tmp, '{ every = "rrule", rrule = "FREQ=YEARLY;INTERVAL=0;BYMONTH=3" }'),
     "INTERVAL=0 không phải là số nguyên từ 1 đến 1000", "INTERVAL=0 is not a whole number from 1 to 1000"),
    ("rrule dateutil's reason", lambda tmp: _schedule(tmp, '{ every = "rrule", rrule = "FREQ=YEARLY;BYMONTH=X" }'),
     "không phải là quy tắc RFC 5545: BYMONTH có giá trị không hợp lệ: 'X'",
     "is not an RFC 5545 rule: BYMONTH has a value it cannot take: 'X'"),
    ("event unknown", lambda tmp: _schedule(tmp, '{ every = "event", event = "dai-hoi", direction = "after", offset = 5 }'),
     "không có sự kiện 'dai-hoi' (khai báo trong tệp này: chưa khai báo sự kiện nào)",
     "unknown event 'dai-hoi' (declared in this file: none declared)"),
    ("once reversed", lambda tmp: _schedule(tmp, '{ every = "once", start = 2023-05-01, date = 2023-04-01 }'),
     "khoảng thời gian kết thúc (01/04/2023) trước khi bắt đầu (01/05/2023)",
     "the window ends (2023-04-01) before it starts (2023-05-01)"),
    ("peaks around", lambda tmp: _schedule(tmp, '{ every = "peaks", around = [] }'),
     "schedule.around phải liệt kê mã các ngày kỷ niệm", "schedule.around must list commemoration ids"),
    ("amendment of nothing", lambda tmp: ["due", "--unit", "xa-X", "--on", "2026-11-23", *_rules_with(
        tmp, RULE_HEAD + f'\n[[amend]]\nduty = "{KONTUM}/x"\nsection = "1"\nsource = "s"\neffective = 2026-07-15\n'
        'title_vi = "b"\n')],
     f"nhiệm vụ '{KONTUM}/x' không chỉ tới một nhiệm vụ của văn bản nào",
     f"duty '{KONTUM}/x' does not name a duty of a directive"),
    ("amendment points at no duty", lambda tmp: ["due", "--unit", "xa-X", "--on", "2026-11-23", *_rules_with(
        tmp, RULE_HEAD + '\n[[amend]]\nduty = "CV-BTVTU-KonTum/khong-co"\nsection = "1"\nsource = "s"\n'
        'effective = 2026-07-15\ntitle_vi = "b"\n')],
     "(bảng sửa đổi 'CV-BTVTU-KonTum/khong-co'): [[amend]] chỉ tới nhiệm vụ 'CV-BTVTU-KonTum/khong-co'",
     "(amend of 'CV-BTVTU-KonTum/khong-co'): amend points at duty 'CV-BTVTU-KonTum/khong-co'"),
    ("amendment changes nothing", lambda tmp: ["due", "--unit", "xa-X", "--on", "2026-11-23", *_rules_with(
        tmp, RULE_HEAD + f'\n[[amend]]\nduty = "{KONTUM}"\nsection = "1"\nsource = "s"\neffective = 2026-07-15\n')],
     "bảng sửa đổi không thay đổi gì", "the amendment changes nothing"),
    ("rules directory twice", lambda tmp: ["due", "--unit", "xa-X", "--on", "2026-11-23", "--rules", str(CORPUS.parent.parent / "rules"),
                                           "--rules", str(CORPUS.parent.parent / "rules")],
     "thư mục quy tắc này được chỉ hai lần", "this rules directory is given twice"),
    ("TOML syntax", lambda tmp: ["due", "--unit", "xa-X", "--on", "2026-11-23", *_rules_with(tmp, "[directive\nid = 1\n")],
     "tệp TOML sai cú pháp: tiêu đề [bảng] thiếu dấu ] đóng", "malformed TOML: a [table] header lacks its closing ]"),
    ("day off's place", lambda tmp: ["due", "--unit", "xa-X", "--on", "2026-04-20", *_with_days(tmp, "caldates-unknown-decision.toml")],
     "(ngày nghỉ 04/05/2026)", "(day_off 2026-05-04)"),
    ("foreign log", _foreign_log, "tệp là cơ sở dữ liệu SQLite của chương trình khác (mã ứng dụng 0x7b)",
     "the file is an SQLite database of another program (application id 0x7b)"),
]


@pytest.mark.parametrize(("name", "argv", "vi", "en"), LAST_SITES, ids=[c[0] for c in LAST_SITES])
def test_the_last_sites_are_said_in_the_language_asked_for(name, argv, vi, en, capsys, tmp_path):
    english = _english_words()
    code = main([*argv(tmp_path / "vi"), "--lang", "vi"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert vi in err, err
    assert "tiếng Anh" not in err, err            # not the marked fallback of a message still in English
    leaked = sorted({w for w in _prose(err) if w in english})
    assert not leaked, (leaked, err)
    code = main([*argv(tmp_path / "en"), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and en in err and vi not in err, err


def test_a_lead_time_twice_is_said_in_vietnamese_by_check(capsys):
    """`check --lang vi` on a hierarchy with two lead times for the commune level over the same days
    (2 and 7 working days, the corpus's file)."""
    code = main(["check", "--org", str(CORPUS / "org/lead-time-twice.toml"), "--lang", "vi"])
    out = capsys.readouterr().out
    assert code == 1 and "(bảng [[lead_time]] thứ 2): lead_time: thời hạn thứ hai cho cấp 'commune'" in out, out
    assert "(2 ngày làm việc và 7 ngày làm việc)" in out and "tiếng Anh" not in out, out
    assert not sorted({w for w in _prose(out) if w in _english_words()}), out
    code = main(["check", "--org", str(CORPUS / "org/lead-time-twice.toml"), "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 1 and "(lead_time #2): lead_time: a second lead time for level 'commune'" in out, out
    assert "(2 working days and 7 working days)" in out, out


def _engine_errors() -> list[Exception]:
    """The rules engine's refusals (a bug of ours when met: raised here directly)."""
    from obligations.base.errors import EngineError
    from obligations.status.assess import as_status
    from obligations.status.python import matches
    from obligations.status.rules import check_ruleset, verify

    found: list[Exception] = []
    for call in (lambda: as_status("la"), lambda: matches({"$zz": 1}, {}), lambda: matches({"a": 1, "b": 2}, {}),
                 lambda: check_ruleset({"r": {"all": []}}), lambda: check_ruleset({"r": {"all": [{"m": {}}]}}),
                 lambda: verify([{"id": "f"}], {}, "durable"), lambda: verify([{"id": "f"}], {"f": ["seen"]}, "durable")):
        with pytest.raises(EngineError) as caught:
            call()
        found.append(caught.value)
    return found


def test_the_engine_refusals_and_the_tokens_file_are_said_in_vietnamese(tmp_path):
    from obligations.base.errors import DataFileError
    from obligations.render.error_words import cli_text
    from obligations.web.auth import load_tokens

    with pytest.raises(DataFileError) as caught:
        load_tokens(CORPUS / "web/tokens-dup.toml", lambda unit: True)
    english = _english_words()
    for exc in [*_engine_errors(), caught.value]:
        vi, en = cli_text(exc, "vi"), cli_text(exc, "en")
        assert "tiếng Anh" not in vi and vi != en, vi
        assert not sorted({w for w in _prose(vi) if w in english}), vi
    assert "mã băm này đã có ở dòng" in cli_text(caught.value, "vi")


def test_a_count_in_a_refusal_takes_the_plural_of_the_language():
    from obligations.base.errors import said_n

    one = said_n("lead:days", "{n} working day", "{n} working days", n=1)
    two = said_n("lead:days", "{n} working day", "{n} working days", n=2)
    assert (str(one), str(two)) == ("1 working day", "2 working days")
    assert (say(one, "en"), say(two, "en"), say(two, "vi")) == ("1 working day", "2 working days", "2 ngày làm việc")


def test_tomllib_reasons_are_said_by_their_shapes_and_an_unknown_one_is_marked():
    from obligations.base.toml import toml_reason

    # the messages of Python 3.11's tomllib, written out by hand
    assert say(toml_reason("Unclosed array"), "vi") == "danh sách [ … ] chưa được đóng"
    assert say(toml_reason("Cannot declare ('a', 'b') twice"), "vi") == "bảng a.b được khai báo hai lần"
    assert say(toml_reason("Found invalid character '\\x01'"), "en") == "the character '\\x01' is not allowed here"
    assert say(toml_reason("Something new"), "vi") == "Something new (lời của bộ đọc TOML, bằng tiếng Anh)"


# -- none creeps back: every refusal site gives its message and fix as said(...)

def _error_calls() -> list[tuple[str, int, str]]:
    """The calls that build a refusal (an ObligationsError class, a locator's or context's
    ``error``, a module's ``_error``/``_refuse``/``at`` helper) whose message or fix is English text
    written in the call (a string, an f-string, a concatenation, a join) instead of ``said(...)``.
    The web service's own JSON errors (web/limits.py's ``error(...)``) stay English by design
    (docs/errors.md) and are not refusals of the library."""
    import ast

    package = Path(__file__).parent.parent / "obligations"
    classes = {"ObligationsError"}
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in package.rglob("*.py")}
    for _ in range(3):                    # subclasses of subclasses
        for tree in trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and any(getattr(b, "id", getattr(b, "attr", None)) in classes
                                                          for b in node.bases):
                    classes.add(node.name)
    helpers = {"_error", "_refuse", "at"}
    found = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            method = (isinstance(node.func, ast.Attribute) and name == "error"      # loc.error, ctx.error
                      and getattr(node.func.value, "id", None) != "limits")        # not the web's JSON errors
            if name not in classes and name not in helpers and not method:
                continue
            given = [a for a in node.args if not isinstance(a, ast.Name) or a.id not in ("path", "change", "duty")]
            given += [k.value for k in node.keywords if k.arg in ("message", "fix")]
            for arg in given:
                text = isinstance(arg, (ast.JoinedStr, ast.BinOp)) or (isinstance(arg, ast.Constant) and isinstance(arg.value, str)) \
                    or (isinstance(arg, ast.Call) and getattr(arg.func, "attr", None) in ("join", "format"))
                if text:
                    found.append((str(path.relative_to(package.parent)), node.lineno, ast.unparse(arg)[:60]))
    return found


def test_no_refusal_site_writes_its_message_in_english_only():
    assert _error_calls() == []


def test_the_error_classes_take_only_said_texts():
    """mypy --strict holds every site to it: a message or fix is a ``Said`` (a plain English string
    would print the marked fallback under --lang vi)."""
    import inspect

    from obligations.base.errors import ObligationsError

    parameters = inspect.signature(ObligationsError.__init__).parameters
    assert parameters["message"].annotation == "Said" and parameters["fix"].annotation == "Said | None"


def test_every_said_text_of_the_code_is_in_the_template():
    """A ``said``/``said_n`` written where pybabel's extractor does not look (it skipped one nested in a
    comprehension's call) would print its English under --lang vi: each literal one is in the .pot."""
    import ast

    from babel.messages.pofile import read_po

    package = Path(__file__).parent.parent / "obligations"
    with open(package / "locale" / "obligations.pot", "rb") as handle:
        template = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(handle) if m.id}
    missing = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("said", "said_n", "pmsg", "npmsg")
                    and len(node.args) >= 2 and all(isinstance(a, ast.Constant) for a in node.args[:2])
                    and (node.args[0].value, node.args[1].value) not in template):
                missing.append((str(path.relative_to(package)), node.lineno, node.args[0].value))
    assert missing == []


def test_a_year_whose_labour_code_is_not_known_yet_is_said_with_the_law_s_vietnamese_title():
    """As known on 19/11/2019 the holidays of 2021 (Labour Code 45/2019/QH14, known from 20/11/2019) are
    refused: the law named by its Vietnamese title, the dates dd/mm/yyyy, the place "quyết định '…'"."""
    import datetime as dt

    from obligations.base import paths
    from obligations.base.errors import CalendarRangeError
    from obligations.calendar.data import load_calendar_data
    from obligations.calendar.holiday_source import HolidaySource
    from obligations.calendar.working import VietnamCalendar
    from obligations.render.error_words import cli_text

    view = load_calendar_data(paths.calendars_dir()).as_known_on(dt.date(2019, 11, 19))
    with pytest.raises(CalendarRangeError) as caught:
        VietnamCalendar(view, source=HolidaySource()).is_working_day(dt.date(2021, 1, 1))
    vi, en = cli_text(caught.value, "vi"), cli_text(caught.value, "en")
    assert "các ngày lễ năm 2021 lấy từ Bộ luật" in vi and "(45/2019/QH14), được biết từ 20/11/2019, sau ngày biết 19/11/2019" in vi, vi
    assert ":quyết định 'blld-2019': " in vi and "tiếng Anh" not in vi, vi
    assert not sorted({w for w in _prose(vi) if w in _english_words()}), vi
    assert "the public holidays of 2021 come from" in en and "known from 2019-11-20" in en, en
