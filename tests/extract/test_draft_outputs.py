"""What `extract` writes beside the draft: performers matched in a hierarchy (--org), the bodies as a
hierarchy stub (--org-stub), metadata-only files for the texts implemented (--stubs), and the
[[not_drafted]] listing with the summary line."""

from __future__ import annotations

import json
import tomllib

PLAN = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
Số: 199/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ngãi, ngày 15 tháng 9 năm 2025
KẾ HOẠCH
Triển khai công tác chuyển đổi số năm 2026
Thực hiện Kế hoạch số 12-KH/TU, ngày 02/01/2025 của Ban Thường vụ Tỉnh ủy;
II. NHIỆM VỤ
1. Sở Nội vụ chủ trì xây dựng báo cáo đánh giá kết quả chuyển đổi số, trình Ủy ban nhân dân tỉnh.
Thời gian hoàn thành: Quý I/2026.
2. Công an tỉnh:
a) Tổng hợp tình hình an ninh mạng, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2025.
3. Cán bộ làm công tác chuyển đổi số được hưởng trợ cấp hằng tháng.
Nơi nhận:
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
"""
ORG = """[[unit]]
id = "tinh-qn"
name = "Ủy ban nhân dân tỉnh Quảng Ngãi"
level = "province"

[[unit]]
id = "so-noi-vu"
name = "Sở Nội vụ tỉnh Quảng Ngãi"
level = "province"
parent = "tinh-qn"
"""


def test_performers_from_the_hierarchy_bodies_as_a_stub(run_cli, tmp_path):
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(PLAN, encoding="utf-8")
    org = tmp_path / "org.toml"
    org.write_text(ORG, encoding="utf-8")
    stub, stubs = tmp_path / "stub.toml", tmp_path / "stubs"
    stubs.mkdir()
    code, out, err = run_cli("extract", str(plan), "--format", "json", "--org", str(org),
                             "--org-stub", str(stub), "--stubs", str(stubs))
    assert code == 0, err
    draft = json.loads(out)
    by_section = {d["section"]: d for d in draft["duty"]}
    # "Sở Nội vụ chủ trì …" names one unit of the hierarchy ("Sở Nội vụ tỉnh Quảng Ngãi"): its performer
    assert by_section["II.1"]["performers"] == ["unit:so-noi-vu"] and by_section["II.1"]["kind"] == "report"
    assert by_section["II.1"]["schedule"] == {"every": "once", "start": "2026-01-01", "date": "2026-03-31",
                                              "inclusive": True}
    # "2. Công an tỉnh:" over a): the body from the heading; no unit of that name: performer TODO
    assert by_section["II.2.a"]["body"] == "Công an tỉnh" and by_section["II.2.a"]["performers"] == "TODO"
    # the allowance is listed, not drafted
    assert "II.3" not in by_section
    assert any("hằng tháng" in " ".join(e["phrases"]) and e["section"] == "II.3" for e in draft["not_drafted"])
    units = tomllib.loads(stub.read_text(encoding="utf-8"))["unit"]
    assert {u["name"] for u in units} >= {"Ủy ban nhân dân tỉnh Quảng Ngãi", "Sở Nội vụ", "Công an tỉnh"}
    assert all(u["level"] == "TODO" and u["parent"] == "TODO" for u in units)
    (implemented,) = stubs.iterdir()
    meta = tomllib.loads(implemented.read_text(encoding="utf-8"))["directive"]
    assert implemented.name == "12-KH-TU.toml" and meta["number"] == "12-KH/TU"
    assert "2 duties drafted" in err and "not drafted" in err
