"""Bad input: one clear message naming the file, the place and the fix; exit 2 (1 for
`check` findings); never a traceback; nothing silently dropped."""

import shutil

import pytest

from obligations.base import paths

DUTY = '''
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
valid = {valid}
'''


@pytest.fixture
def rules_copy(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(paths.rules_dir(), target)
    return target


def add_file(rules, text, name="zz-bad.toml"):
    (rules / name).write_text(text, encoding="utf-8")
    return name


def directive(body="", unit="xa-X"):
    return ('[directive]\nid = "BAD"\nnumber = "1-KH/BAD"\nkind = "plan"\nissuer = "x"\n'
            f'unit = "{unit}"\ntitle = "t"\n' + body)


def duty(schedule='{ type = "once_before", date = 2023-04-20 }', valid="{ from = 2023-04-01 }"):
    return DUTY.format(schedule=schedule, valid=valid)


CASES = {
    "malformed TOML": ("[directive\nid = 1\n", "zz-bad.toml:1", "malformed TOML"),
    "unknown key": (directive(duty() + 'colour = "red"\n'), "zz-bad.toml:9 (duty 'x')", "unknown key 'colour'"),
    "31 February": (directive(duty('{ type = "yearly_before", month = 2, day = 31 }')),
                    "zz-bad.toml:9 (duty 'x')", "31/2 does not happen every year"),
    "impossible date literal": (directive(duty('{ type = "once_before", date = 2023-02-31 }')),
                                "zz-bad.toml", "malformed TOML"),
    "window ends before it starts": (
        directive(duty('{ type = "once_between", start = 2023-05-01, end = 2023-04-01 }')),
        "zz-bad.toml:9 (duty 'x')", "the window ends (2023-04-01) before it starts (2023-05-01)"),
    "validity reversed": (directive(duty(valid="{ from = 2024-01-01, until = 2023-01-01 }")),
                          "zz-bad.toml:9 (duty 'x')", "the duty ends (2023-01-01) before it starts"),
    "unknown schedule type": (directive(duty('{ type = "fortnightly" }')), "zz-bad.toml:9", "unknown schedule type"),
    "unknown issuing unit": (directive(duty(), unit="xa-Q"), "zz-bad.toml:[directive] unit",
                             "issued by unknown unit 'xa-Q'"),
    "unknown recipient": (directive(duty().replace('recipient = "issuer"', 'recipient = "huyen-Q"')),
                          "zz-bad.toml:9 (duty 'x')", "addressed to unknown unit 'huyen-Q'"),
    "unknown commemoration": (directive(duty('{ type = "peaks", around = ["ngay-khong-co"] }')),
                              "zz-bad.toml:9 (duty 'x')", "unknown commemoration 'ngay-khong-co'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_rule_file(run_cli, rules_copy, case):
    text, where, message = CASES[case]
    add_file(rules_copy, text)
    # the cases' words are the English (`check`'s default); the Vietnamese: tests/test_refusal_language.py
    code, out, err = run_cli("due", "--unit", "xa-X", "--on", "2026-11-23", "--rules", str(rules_copy), "--lang", "en")
    assert code == 2 and out == ""
    assert where in err and message in err, err
    assert "Traceback" not in err
    code, out, err = run_cli("check", "--rules", str(rules_copy))
    assert code == 1 and where in out and message in out and "1 problem(s) found" in out
    assert "Traceback" not in out + err


def test_check_lists_every_broken_file(run_cli, rules_copy):
    add_file(rules_copy, CASES["malformed TOML"][0], "aa-bad.toml")
    add_file(rules_copy, CASES["31 February"][0], "bb-bad.toml")
    code, out, _ = run_cli("check", "--rules", str(rules_copy))
    assert code == 1 and "aa-bad.toml:1" in out and "bb-bad.toml:9" in out and "2 problem(s) found" in out


def test_wrong_example_is_a_finding(run_cli, rules_copy):
    path = rules_copy / "76-KH-DU.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("deadline = 2024-11-29", "deadline = 2024-11-30", 1),
                    encoding="utf-8")
    code, out, _ = run_cli("check", "--rules", str(rules_copy))
    assert code == 1
    assert "example deadline 2024-11-30 but the rules give 2024-11-29" in out


@pytest.mark.parametrize("argv,message", [
    (["--unit", "xa-Q"], "unknown unit 'xa-Q'"),
    (["--unit", "xa-X", "--on", "2026-02-30"], "--on '2026-02-30' is not a valid date"),
    (["--unit", "xa-X", "--on", "23.11.2026"], "not a date in the form YYYY-MM-DD or DD/MM/YYYY (write it as 2026-11-23)"),
    (["--unit", "xa-X", "--on", "1980-01-01"], "outside what the calendar data covers"),
    (["--unit", "xa-X", "--horizon", "-3"], "--horizon -3 is outside 0-3660 days"),
    (["--unit", "xa-X", "--rules", "/nonexistent/rules"], "the rules directory does not exist"),
])
def test_bad_command_line_input(run_cli, argv, message):
    code, out, err = run_cli("due", *argv, "--lang", "en")      # the English words below
    assert code == 2 and out == "" and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def _org(tmp_path, text):
    path = tmp_path / "org.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("text,message", [
    ('[[unit]]\nid = "a"\nname = "A"\nlevel = "commune"\nparent = "b"\n'
     '[[unit]]\nid = "b"\nname = "B"\nlevel = "commune"\nparent = "a"\n', "cycle"),
    ('[[unit]]\nid = "a"\nname = "A"\nlevel = "hamlet"\n', "unknown level 'hamlet'"),
    ('[[unit]]\nid = "a"\nname = "A"\nlevel = "cell"\nparent = "nowhere"\n', "unknown parent 'nowhere'"),
    ('[[unit]]\nid = "p"\nname = "P"\nlevel = "province"\n[[unit]]\nid = "q"\nname = "Q"\nlevel = "province"\n'
     '[[unit]]\nid = "a"\nname = "A"\nlevel = "cell"\nparents = [{ unit = "p", until = 2025-06-30 },'
     ' { unit = "q", from = 2025-06-01 }]\n', "overlap"),
])
def test_bad_hierarchy(run_cli, tmp_path, text, message):
    org = _org(tmp_path, text)
    code, out, err = run_cli("due", "--unit", "a", "--on", "2026-11-23", "--org", org, "--lang", "en")
    assert code == 2 and message in err and "org.toml:" in err and "Traceback" not in err
    code, out, err = run_cli("check", "--org", org)
    assert code == 1 and message in out


def test_cycle_that_only_exists_later_is_found(tmp_path):
    from obligations.base.errors import DataFileError
    from obligations.org.hierarchy import load_hierarchy

    org = _org(tmp_path, '[[unit]]\nid = "a"\nname = "A"\nlevel = "commune"\nparent = "b"\n'
                         '[[unit]]\nid = "b"\nname = "B"\nlevel = "commune"\n'
                         'parents = [{ unit = "a", from = 2027-01-01 }]\n')
    with pytest.raises(DataFileError, match="cycle on 2027-01-01: a -> b -> a"):
        load_hierarchy(org)


def test_window_with_no_working_day_is_reported_not_dropped(run_cli, tmp_path):
    rules = tmp_path / "r"
    rules.mkdir()
    shutil.copy(paths.hierarchy_file(), rules / "hierarchy.toml")
    (rules / "tet.toml").write_text(directive(duty(
        '{ type = "once_between", start = 2025-01-28, end = 2025-01-31 }')), encoding="utf-8")
    code, out, err = run_cli("due", "--unit", "chibo-1", "--on", "2025-01-20", "--rules", str(rules),
                             "--format", "json")
    import json

    doc = json.loads(out)
    assert code == 0 and doc["placement_problems"][0]["message"] == "không có ngày làm việc nào từ 28/01/2025 đến 31/01/2025"
    code, out, _ = run_cli("due", "--unit", "chibo-1", "--on", "2025-01-20", "--rules", str(rules),
                           "--format", "json", "--lang", "en")
    assert json.loads(out)["placement_problems"][0]["message"] == "no working day between 2025-01-28 and 2025-01-31"
    code, out, _ = run_cli("check", "--rules", str(rules))
    assert code == 1 and "no working day between 2025-01-28 and 2025-01-31" in out
