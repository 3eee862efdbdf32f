"""The real units of Vietnam from 1/7/2025 (obligations/org/national.py, names.py, `org --province`)."""

import json
import random
import tomllib

import pytest

from obligations.org import names
from obligations.org.hierarchy import load_hierarchy
from obligations.org.national import DATA_FILE, load_national

ON = "2026-11-23"


@pytest.fixture(scope="module")
def national():
    return load_national()


@pytest.fixture(scope="module")
def entries(national):
    return national.entries()


# -- the bundled data against the package it was written from ------------------------------------------

def test_bundled_data_is_the_packages():
    vp = pytest.importorskip("vietnam_provinces", reason="vietnam-provinces is not installed (pip install -e '.[provinces]'"
                                                         " or '.[test]'): the bundled file cannot be compared")
    from vietnam_provinces import Province, Ward

    doc = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    bundled = {code: (name, kind, province) for code, name, kind, province in doc["communes"]}
    package = {int(w.code): (w.name, w.division_type.value, int(w.province_code)) for w in Ward.iter_all()}
    missing = sorted(set(package) - set(bundled))
    assert not missing, f"communes of the package missing from the bundled file: {missing[:10]}"
    assert bundled == package       # every commune with its code, name, kind and province; nothing more
    assert {code: name for code, name, _ in doc["provinces"]} == {int(p.code): p.name for p in Province.iter_all()}
    assert vp.__version__ in doc["source"]


def test_bundled_figures(national):
    # The published figures of the reorganisation (from 1/7/2025): 34 provinces (28 tỉnh, 6 thành
    # phố trực thuộc trung ương) and 3,321 commune-level units: 2,621 xã, 687 phường, 13 đặc khu.
    assert len(national.provinces) == 34 and len(national.communes) == 3321
    kinds = [p.kind for p in national.communes.values()]
    assert (kinds.count("xã"), kinds.count("phường"), kinds.count("đặc khu")) == (2621, 687, 13)
    assert sum(p.kind == "thành phố trung ương" for p in national.provinces.values()) == 6
    # Xã Lâm Bình (code 02266) is in Tuyên Quang (08); Phường Hoàn Kiếm (00070) in Hà Nội (01)
    # the data writes "Xã  Xuân Giang" (code 14104) with two spaces: read with one
    assert national.communes[14104].name == "Xã Xuân Giang"
    assert national.communes[2266].name == "Xã Lâm Bình" and national.communes[2266].province == 8
    assert national.communes[70].name == "Phường Hoàn Kiếm" and national.communes[70].province == 1


def test_ids_and_party_committees(national):
    from obligations.org.national import national_units

    units = {u.id: u for u in national_units(national, {8})}
    # the roots, the province and its committee, and two units for each of its 124 communes
    assert len(units) == 2 + 2 + 2 * 124
    assert units["tinh-08"].name == "Tỉnh Tuyên Quang" and units["dang-uy-tinh-08"].name == "Tỉnh ủy Tuyên Quang"
    assert units["xa-02266"].name == "Xã Lâm Bình" and units["xa-02266"].parents[0].parent == "tinh-08"
    assert units["dang-uy-xa-02266"].name == "Đảng ủy xã Lâm Bình"
    assert units["dang-uy-xa-02266"].parents[0].parent == "dang-uy-tinh-08"
    assert units["dang-uy-tinh-08"].parents[0].parent == "trung-uong"
    # the Party structure is inferred, and says so; the administrative units are not marked
    assert units["dang-uy-xa-02266"].assumed and units["dang-uy-xa-02266"].assumed_en
    assert units["xa-02266"].assumed is None and units["tinh-08"].assumed is None
    assert all(u.start.isoformat() == "2025-07-01" for u in units.values())
    hanoi = {u.id: u for u in national_units(national, {1})}
    assert hanoi["dang-uy-tinh-01"].name == "Thành ủy Hà Nội" and hanoi["tinh-01"].name == "Thành phố Hà Nội"
    assert hanoi["dang-uy-xa-00070"].name == "Đảng ủy phường Hoàn Kiếm"


# -- names ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query, expected", [
    ("Xã Lâm Bình", ["xa-02266"]),
    ("xa lam binh", ["xa-02266"]),                     # without diacritics
    ("XÃ  LÂM   BÌNH", ["xa-02266"]),                  # case and spaces
    ("Lâm Bình, Tuyên Quang", ["xa-02266"]),
    ("lam binh, tinh tuyen quang", ["xa-02266"]),
    ("Lâm Bình", ["xa-02266"]),                        # the kind left out
    ("Đảng ủy xã Lâm Bình", ["dang-uy-xa-02266"]),     # the committee, not the commune
    ("dang uy xa lam binh", ["dang-uy-xa-02266"]),
    ("Tỉnh ủy Tuyên Quang", ["dang-uy-tinh-08"]),
    ("Thành ủy Hà Nội", ["dang-uy-tinh-01"]),
    ("Phường Hoàn Kiếm", ["xa-00070"]),
    ("Hoàn Kiếm, Hà Nội", ["xa-00070"]),
    # "Tuyên Quang" is a province and a commune of Lâm Đồng: both, so the caller must choose
    ("Tuyên Quang", ["tinh-08", "xa-22963"]),
    ("Tuyên Quang, Lâm Đồng", ["xa-22963"]),
    ("Xã Tuyên Quang", ["xa-22963"]),
    ("Tỉnh Tuyên Quang", ["tinh-08"]),
    # written with its diacritics, "Tân Thanh" is two communes, not the nine "Tân Thành"
    ("Tân Thanh", ["xa-02578", "xa-13474"]),
    ("Tân Thanh, Tuyên Quang", ["xa-02578"]),
    ("Lâm Bình, Hà Nội", []),                          # no such commune in that province
    ("Xã Không Có", []),
])
def test_find_by_name(entries, query, expected):
    assert names.find_units(entries, query) == expected


def test_without_diacritics_finds_both_spellings(entries):
    plain = names.find_units(entries, "tan thanh")
    marked = names.find_units(entries, "Tân Thành")
    assert {"xa-02578", "xa-13474"} <= set(plain) and not {"xa-02578", "xa-13474"} & set(marked)
    assert set(marked) < set(plain)


# -- through the command line -------------------------------------------------------------------------

def _unit(run_cli, query):
    code, out, err = run_cli("due", "--unit", query, "--on", ON, "--format", "json")
    assert code == 0, (query, err)
    return json.loads(out)["unit"]


def test_the_issues_three_names(run_cli):
    for query in ("Xã Lâm Bình", "Lâm Bình, Tuyên Quang", "xa lam binh"):
        assert _unit(run_cli, query) == "xa-02266"


def test_a_sample_of_communes_by_id_and_by_name(run_cli, national):
    communes = sorted(national.communes.values(), key=lambda p: p.code)
    sample = random.Random(25).sample(communes, 100)
    shared: dict[str, int] = {}
    for place in national.communes.values():
        shared[place.name] = shared.get(place.name, 0) + 1
    for place in sample:
        uid = f"xa-{place.code:05d}"
        assert _unit(run_cli, uid) == uid
        assert _unit(run_cli, f"dang-uy-{uid}") == f"dang-uy-{uid}"
        # a name of one commune alone; else with its kind and its province, which every commune has
        query = place.name if shared[place.name] == 1 else f"{place.name}, {national.province_short(place.province)}"
        assert _unit(run_cli, query) == uid, query


def test_an_ambiguous_name_lists_the_candidates(run_cli):
    code, out, err = run_cli("due", "--unit", "Tân Thành", "--on", ON, "--lang", "en")
    assert code == 2 and out == ""
    # nine communes are named "Tân Thành" (with its diacritics); the first eight by code are listed
    assert err.startswith("obligations: 9 units are named 'Tân Thành': xa-05923 (Xã Tân Thành, Tỉnh Thái Nguyên)")
    assert "and 1 more" in err and "xa-02578" not in err and "'Lâm Bình, Tuyên Quang'" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_an_ambiguous_name_has_its_code():
    from obligations.base.errors import InputError
    from obligations.workspace import load

    with pytest.raises(InputError) as caught:
        load().resolve_unit("Tuyên Quang")
    assert caught.value.code == "ambiguous-unit" and caught.value.data["candidates"] == "tinh-08 xa-22963"


def test_an_unknown_name_is_an_unknown_unit(run_cli):
    code, out, err = run_cli("due", "--unit", "Xã Không Có", "--on", ON, "--lang", "en")
    assert code == 2 and out == "" and "unknown unit 'Xã Không Có'" in err


def test_a_unit_of_the_file_never_reads_the_real_units(run_cli, monkeypatch):
    # due for an illustrative unit must not pay for the 6,700 real ones (the cold start)
    import obligations.org.national as national_module

    def refuse(*args, **kwargs):
        raise AssertionError("the real units were read")

    monkeypatch.setattr(national_module, "load_national", refuse)
    assert _unit(run_cli, "xa-X") == "xa-X"


def test_only_the_province_asked_about_joins():
    from obligations.workspace import load

    ws, uid = load().resolve_unit("Lâm Bình, Tuyên Quang")
    assert uid == "xa-02266" and "xa-X" in ws.hierarchy.units
    assert "xa-00070" not in ws.hierarchy.units                   # Hà Nội's were not built
    assert ws.hierarchy.ancestors("dang-uy-xa-02266", ws.hierarchy.unit("xa-02266").start) == \
        ["dang-uy-tinh-08", "trung-uong"]


# -- org --province -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("province", ["Tuyên Quang", "tuyen quang", "Tỉnh Tuyên Quang", "08", "8"])
def test_org_province(run_cli, province, tmp_path, national):
    code, out, err = run_cli("org", "--province", province)
    assert code == 0 and err == ""
    units = tomllib.loads(out)["unit"]
    assert len(units) == 252
    ids = {u["id"] for u in units}
    for place in national.communes_of(8):
        assert f"xa-{place.code:05d}" in ids and f"dang-uy-xa-{place.code:05d}" in ids
    # the file loads as a hierarchy as it is, to be extended with cells
    path = tmp_path / "hierarchy.toml"
    path.write_text(out + '\n[[unit]]\nid = "chibo-lam-binh-1"\nname = "Chi bộ thôn 1"\nlevel = "cell"\n'
                          'parent = "dang-uy-xa-02266"\n', encoding="utf-8")
    hierarchy = load_hierarchy(path)
    day = hierarchy.unit("xa-02266").start
    assert hierarchy.ancestors("chibo-lam-binh-1", day) == ["dang-uy-xa-02266", "dang-uy-tinh-08", "trung-uong"]
    assert hierarchy.unit("dang-uy-xa-02266").assumed


def test_org_province_hanoi_by_short_name(run_cli):
    code, out, _ = run_cli("org", "--province", "Hà Nội")
    units = {u["id"]: u for u in tomllib.loads(out)["unit"]}
    assert code == 0 and units["dang-uy-tinh-01"]["name"] == "Thành ủy Hà Nội" and "xa-00070" in units


def test_org_province_comments_in_the_commands_language(run_cli):
    """The file's opening comment is for the clerk who extends it: Vietnamese by default, English
    with --lang en, never the two mixed (the units' own `assumed` / `assumed_en` keep both)."""
    _, vi, _ = run_cli("org", "--province", "08")
    _, en, _ = run_cli("org", "--province", "08", "--lang", "en")
    vi_head = [line for line in vi.splitlines() if line.startswith("#")]
    en_head = [line for line in en.splitlines() if line.startswith("#")]
    assert vi_head[0].startswith("# Các đơn vị thật của Tỉnh Tuyên Quang (mã 08) từ 1/7/2025")
    assert en_head[0].startswith("# The real units of Tỉnh Tuyên Quang (code 08) from 1/7/2025")
    for english in ("The real units", "written by", "Extend this file", "inferred", "data 2025"):
        assert english not in "\n".join(vi_head)
    assert "Bổ sung" not in "\n".join(en_head)


@pytest.mark.parametrize("province", ["99", "Kon Tum", "Lâm Bình"])
def test_org_unknown_province(run_cli, province):
    # Kon Tum was merged into Quảng Ngãi on 1/7/2025: no longer a province
    code, out, err = run_cli("org", "--province", province, "--lang", "en")
    assert code == 2 and out == "" and "no province is named or numbered" in err and "08 Tuyên Quang" in err


def test_every_commune_by_name_and_by_id(national, entries):
    """All 3,321: the name alone when no other commune has it, else the name and its province,
    finds exactly that commune (the CLI's resolve_unit does this search, then joins the province
    its id names: the sample above runs both through main)."""
    found = names.Names(entries)
    shared: dict[str, int] = {}
    for place in national.communes.values():
        shared[place.name] = shared.get(place.name, 0) + 1
    wrong = []
    for place in national.communes.values():
        uid = f"xa-{place.code:05d}"
        query = place.name if shared[place.name] == 1 else f"{place.name}, {national.province_short(place.province)}"
        if found.find(query) != [uid] or national.provinces_for(uid) != {place.province} \
                or national.provinces_for(f"dang-uy-{uid}") != {place.province}:
            wrong.append((uid, query, found.find(query)))
    assert not wrong, f"{len(wrong)} communes not found by name or id: {wrong[:5]}"
    # ids that only look like real ones are not: the code's width is part of the id
    assert national.provinces_for("xa-2266") == set() and national.provinces_for("tinh-8") == set()
    assert national.provinces_for("xa-99999") == set() and national.provinces_for("xa-X") == set()
