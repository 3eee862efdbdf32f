"""The real units of Vietnam (from 1/7/2025, obligations/org/data) in the web service and in
`token`, as `due --unit` takes them (issue 25): by id ("xa-02266", Xã Lâm Bình of Tuyên Quang,
official code 02266) and by name in a path's {unit}; an ambiguous name is refused with 400
(code ambiguous-unit) listing the candidates; an unknown one with 404."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import quote

import pytest

from web_helpers import ON, ROOT, cli_json, make_client, write_tokens

LAM_BINH = "xa-02266"      # Xã Lâm Bình, Tuyên Quang (official code 02266): one commune of that name


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("real")
    tokens = write_tokens(tmp / "tokens.toml", {"tok-lam-binh": LAM_BINH})
    client, service = make_client(tmp / "log.sqlite3", tokens)
    return client, tmp


def test_the_api_answers_for_a_real_commune_by_id_as_the_command_line(web):
    client, tmp = web
    answer = client.get(f"/api/v1/units/{LAM_BINH}/due", params={"on": ON, "lang": "en"})
    assert answer.status_code == 200, answer.text
    assert answer.json() == cli_json("due", "--unit", LAM_BINH, "--on", ON, "--lang", "en", "--format", "json",
                                     db=tmp / "log.sqlite3")
    assert answer.json()["unit"] == LAM_BINH


@pytest.mark.parametrize("name", ["Xã Lâm Bình", "Lâm Bình, Tuyên Quang", "xa lam binh"])
def test_a_name_in_the_path_answers_for_the_unit_it_names(web, name):
    client, _ = web
    answer = client.get(f"/api/v1/units/{quote(name)}/due", params={"on": ON})
    assert answer.status_code == 200, answer.text
    assert answer.json()["unit"] == LAM_BINH


def test_an_ambiguous_name_is_refused_with_400_listing_the_candidates(web):
    client, _ = web
    # "Xã Tân Thành": seven communes of that name (Thái Nguyên, Lạng Sơn, Thanh Hóa, Quảng Trị, Lâm Đồng,
    # Tây Ninh, Đồng Tháp), as the command line lists them
    answer = client.get(f"/api/v1/units/{quote('Xã Tân Thành')}/due", params={"on": ON})
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["code"] == "ambiguous-unit"
    assert "xa-05923" in body["error"] and "Tỉnh Lạng Sơn" in body["error"]


def test_an_unknown_unit_is_still_404(web):
    client, _ = web
    answer = client.get("/api/v1/units/xa-99999/due", params={"on": ON})
    assert answer.status_code == 404 and answer.json()["code"] == "unknown-unit", answer.text


def test_the_unit_page_and_the_overview_of_a_real_commune(web):
    client, _ = web
    page = client.get(f"/units/{LAM_BINH}", params={"on": ON})
    assert page.status_code == 200 and "Lâm Bình" in page.text, page.text[:500]
    by_name = client.get(f"/units/{quote('Lâm Bình, Tuyên Quang')}", params={"on": ON})
    assert by_name.status_code == 200 and "Lâm Bình" in by_name.text
    overview = client.get(f"/units/{LAM_BINH}/overview", params={"on": ON})
    assert overview.status_code == 200 and "Lâm Bình" in overview.text


def test_the_ambiguous_error_page_is_in_the_pages_language(web):
    client, _ = web
    page = client.get(f"/units/{quote('Xã Tân Thành')}", params={"on": ON, "lang": "vi"})
    assert page.status_code == 400
    assert "nhiều đơn vị" in page.text and "xa-05923" in page.text
    for english in ("units are named", "give the unit's id", "several units"):
        assert english not in page.text
    english_page = client.get(f"/units/{quote('Xã Tân Thành')}", params={"on": ON, "lang": "en"})
    assert english_page.status_code == 400 and "units are named" in english_page.text


def test_a_token_of_a_real_commune_acts_for_it_and_for_no_other_unit(web):
    """The bundled directives give the real communes no duty yet (they are the illustrative units'),
    so a delivery for Lâm Bình passes the token and is refused by the library (no such duty, 400);
    the same token for xa-X is refused before (403), no token at all with 401."""
    client, _ = web
    headers = {"Authorization": "Bearer tok-lam-binh"}
    body = {"duty": "76-KH-DU/chi-bo-bao-cao-hang-nam", "period": "2026", "on": ON}
    answer = client.post(f"/api/v1/units/{LAM_BINH}/submissions", headers=headers, json=body)
    assert answer.status_code == 400 and answer.json()["code"] == "unknown-duty", answer.text
    assert client.post("/api/v1/units/xa-X/submissions", headers=headers, json=body).status_code == 403
    assert client.post(f"/api/v1/units/{LAM_BINH}/submissions", json=body).status_code == 401


@pytest.mark.parametrize("unit", [LAM_BINH, "Lâm Bình, Tuyên Quang"])
def test_token_takes_a_real_unit_by_id_or_name_and_writes_its_id(unit):
    proc = subprocess.run([sys.executable, "-m", "obligations", "token", "--unit", unit, "--note", "UBND xã"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert f'unit = "{LAM_BINH}"' in proc.stdout and LAM_BINH in proc.stderr


def test_token_refuses_an_ambiguous_name_listing_the_candidates():
    proc = subprocess.run([sys.executable, "-m", "obligations", "token", "--unit", "Xã Tân Thành"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 2 and "xa-05923" in proc.stderr and not proc.stdout, proc.stderr
