"""performers = ["unit:<id>"]: a duty a text gives to one named body ("Sở Nội vụ chủ trì …")."""

from __future__ import annotations

import json

RULE = """[directive]
id = "199-KH-UBND"
number = "199/KH-UBND"
kind = "plan"
issuer = "Ủy ban nhân dân tỉnh T"
unit = "tinh-T"
title = "Kế hoạch chuyển đổi số năm 2026"
issued = 2025-09-15

[[duty]]
id = "bao-cao-danh-gia"
section = "II.1"
source = "Sở Nội vụ chủ trì xây dựng báo cáo đánh giá kết quả chuyển đổi số. Thời gian hoàn thành: Quý I/2026."
kind = "report"
title_vi = "Báo cáo đánh giá kết quả chuyển đổi số"
performers = ["{performer}"]
recipient = "issuer"
schedule = {{ every = "once", start = 2026-01-01, date = 2026-03-31, inclusive = true }}
valid = {{ from = 2025-09-15 }}
"""
ORG = """[[unit]]
id = "tinh-T"
name = "Ủy ban nhân dân tỉnh T"
level = "province"

[[unit]]
id = "so-noi-vu"
name = "Sở Nội vụ tỉnh T"
level = "province"
parent = "tinh-T"

[[unit]]
id = "so-tai-chinh"
name = "Sở Tài chính tỉnh T"
level = "province"
parent = "tinh-T"
"""


def _rules(tmp_path, performer):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "199.toml").write_text(RULE.format(performer=performer), encoding="utf-8")
    (rules / "hierarchy.toml").write_text(ORG, encoding="utf-8")
    return rules


def test_only_the_named_unit_performs(run_cli, tmp_path):
    rules = _rules(tmp_path, "unit:so-noi-vu")
    code, out, err = run_cli("check", "--rules", str(rules))
    assert code == 0, out + err
    items = {}
    for unit in ("so-noi-vu", "so-tai-chinh", "tinh-T"):
        code, out, err = run_cli("due", "--unit", unit, "--on", "2026-03-02", "--rules", str(rules), "--format", "json")
        assert code == 0, err
        items[unit] = json.loads(out)["items"]
    # 31/3/2026 is a Tuesday, no holiday: the last allowed day stands
    assert [i["deadline"] for i in items["so-noi-vu"]] == ["2026-03-31"]
    assert items["so-tai-chinh"] == [] and items["tinh-T"] == []
    # the bulk path gives the same: the named unit is not laid over its sibling's template
    code, out, err = run_cli("due", "--under", "tinh-T", "--on", "2026-03-02", "--rules", str(rules), "--format", "json")
    assert code == 0, err
    reports = {r["unit"]: r for r in json.loads(out)["units"]}
    assert [i["deadline"] for i in reports["so-noi-vu"]["items"]] == ["2026-03-31"]
    assert reports["so-tai-chinh"]["items"] == []


def test_an_unknown_unit_is_refused(run_cli, tmp_path):
    rules = _rules(tmp_path, "unit:so-xay-dung")
    code, out, err = run_cli("check", "--rules", str(rules))
    assert code == 1 and "given to unknown unit 'so-xay-dung'" in out + err
