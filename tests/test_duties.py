"""Every duty of the four documents: its occurrences in 2023-2026 and effective deadlines.

Expected dates are worked out by hand: the weekday of the last allowed day, and the
government's days off (29-30/4/2023 Giỗ Tổ and Sunday; 30/11/2024 a Saturday; ...).
"""

from conftest import deadlines


def test_commune_cells_report_before_20_4_2023(ws):
    for cell in ("chibo-1", "chibo-2", "chibo-3"):
        assert deadlines(ws, cell, "76-KH-DU/chi-bo-bao-cao-trien-khai") == {"2023": ("2023-04-01", "2023-04-19")}
    assert deadlines(ws, "xa-X", "76-KH-DU/chi-bo-bao-cao-trien-khai") == {}   # the committee is not a cell


def test_commune_cells_report_every_november(ws):
    assert deadlines(ws, "chibo-2", "76-KH-DU/chi-bo-bao-cao-hang-nam") == {
        "2023": ("2023-11-01", "2023-11-30"),   # Thursday
        "2024": ("2024-11-01", "2024-11-29"),   # 30/11 Saturday
        "2025": ("2025-11-01", "2025-11-28"),   # 30/11 Sunday
        "2026": ("2026-11-01", "2026-11-30"),   # Monday
    }


def test_commune_reports_to_its_parent_every_november(ws):
    got = deadlines(ws, "xa-X", "76-KH-DU/dang-uy-bao-cao-hang-nam")
    assert got["2026"] == ("2026-11-01", "2026-11-30") and len(got) == 4
    occ = {o.period: o for o in ws.occurrences("xa-X", 2023, 2026, duties=[ws.rules.duty("76-KH-DU/dang-uy-bao-cao-hang-nam")])[0]}
    assert occ["2024"].recipient_unit == "huyen-Y"            # before the reform
    assert occ["2025"].recipient_unit == "tinh-quang-ngai"    # after 1/7/2025


def test_interim_reviews_in_october_2025(ws):
    assert deadlines(ws, "chibo-1", "76-KH-DU/chi-bo-so-ket") == {"2025": ("2025-10-01", "2025-10-31")}
    assert deadlines(ws, "xa-X", "76-KH-DU/dang-uy-so-ket") == {"2025": ("2025-10-01", "2025-10-31")}


def test_introduce_the_work_in_april_2023(ws):
    assert deadlines(ws, "xa-X", "76-KH-DU/gioi-thieu-tac-pham") == {"2023": ("2023-04-01", "2023-04-28")}
    assert deadlines(ws, "chibo-3", "76-KH-DU/gioi-thieu-tac-pham") == {"2023": ("2023-04-01", "2023-04-28")}


def test_monthly_sessions_2023_to_2025(ws):
    got = deadlines(ws, "chibo-1", "76-KH-DU/sinh-hoat-hang-thang")
    assert len(got) == 33 and min(got) == "2023-04" and max(got) == "2025-12"
    assert got["2023-04"] == ("2023-04-01", "2023-04-28")    # 29/4 Giỗ Tổ (Saturday), 30/4 Sunday
    assert got["2023-09"] == ("2023-09-01", "2023-09-29")    # 30/9/2023 Saturday
    assert got["2024-08"] == ("2024-08-01", "2024-08-30")    # 31/8/2024 Saturday
    assert got["2025-12"] == ("2025-12-01", "2025-12-31")    # Wednesday


def test_peaks_around_the_great_holidays(ws):
    got = deadlines(ws, "xa-X", "76-KH-DU/cao-diem-ky-niem")
    # 3/2/2023 is before the plan takes effect (1/4/2023); 6 a year in 2024 and 2025.
    assert sorted(p for p in got if p.startswith("2023")) == [
        "2023-04-30", "2023-05-19", "2023-08-19", "2023-09-02", "2023-12-22"]
    assert len(got) == 5 + 6 + 6
    assert got["2024-02-03"] == ("2024-01-20", "2024-02-03")  # kept on its day (a Saturday): roll none


def test_kon_tum_yearly_report_follows_the_reform(ws):
    duty = "CV-BTVTU-KonTum/bao-cao-hang-nam"
    assert deadlines(ws, "huyen-Y", duty) == {"2023": ("2023-03-08", "2023-12-14"),
                                              "2024": ("2024-01-01", "2024-12-13")}
    assert deadlines(ws, "xa-X", duty) == {"2025": ("2025-01-01", "2025-12-12"),
                                           "2026": ("2026-01-01", "2026-12-14")}
    assert deadlines(ws, "chibo-1", duty) == {}


def test_kon_tum_review_before_15_11_2025(ws):
    assert deadlines(ws, "xa-X", "CV-BTVTU-KonTum/so-ket-2023-2025") == {"2025": ("2025-01-01", "2025-11-14")}
    assert deadlines(ws, "huyen-Y", "CV-BTVTU-KonTum/so-ket-2023-2025") == {}   # gone by then


def test_kon_tum_peaks_and_bulletin(ws):
    peaks = deadlines(ws, "tinh-kon-tum", "CV-BTVTU-KonTum/cao-diem-ngay-le")
    assert peaks["2024-03-16"] == ("2024-03-02", "2024-03-16")          # local: Kon Tum liberated 16/3/1975
    assert peaks["2024-02-10"] == ("2024-01-27", "2024-02-10")          # Tết 2024
    assert peaks["2025-04-07"] == ("2025-03-24", "2025-04-07")          # Giỗ Tổ 10/3 lunar
    assert "2025-09-02" not in peaks                                     # the province is gone by then
    carried = deadlines(ws, "tinh-quang-ngai", "CV-BTVTU-KonTum/cao-diem-ngay-le")
    assert [d for d in sorted(carried) if d < "2026"] == ["2025-08-19", "2025-09-02"]   # its successor carries it
    assert "2026-09-02" in carried                                       # the letter sets no end: open-ended
    bulletin = deadlines(ws, "tinh-kon-tum", "CV-BTVTU-KonTum/ban-tin-chi-bo-hang-thang")
    assert bulletin["2023-03"] == ("2023-03-08", "2023-03-31")
    assert bulletin["2024-06"] == ("2024-06-01", "2024-06-28")
    assert max(bulletin) == "2025-06"                                    # the province is gone; its successor carries it
    assert "2026-06" in deadlines(ws, "tinh-quang-ngai", "CV-BTVTU-KonTum/ban-tin-chi-bo-hang-thang")


def test_town_guide(ws):
    assert deadlines(ws, "chibo-thixa-1", "HD-BTGThU/ke-hoach-trien-khai") == {"2023": ("2023-04-27", "2023-05-09")}
    assert deadlines(ws, "chibo-thixa-1", "HD-BTGThU/bao-cao-hang-nam") == {
        "2023": ("2023-11-01", "2023-11-30"), "2024": ("2024-11-01", "2024-11-29")}
    assert deadlines(ws, "phuong-Z1", "HD-BTGThU/bao-cao-so-ket") == {"2025": ("2025-10-01", "2025-10-31")}
    monthly = deadlines(ws, "chibo-thixa-1", "HD-BTGThU/sinh-hoat-chi-bo-hang-thang")
    assert monthly["2023-04"] == ("2023-04-27", "2023-04-28") and max(monthly) == "2025-06"
    bulletin = deadlines(ws, "thixa-Z", "HD-BTGThU/thong-tin-noi-bo-2023")
    assert sorted(bulletin) == [f"2023-{m:02d}" for m in range(4, 13)]
    assert bulletin["2023-12"] == ("2023-12-01", "2023-12-29")
    peaks = deadlines(ws, "chibo-thixa-1", "HD-BTGThU/cao-diem-ky-niem")
    assert peaks["2023-04-30"] == ("2023-04-27", "2023-04-30")           # clipped to the guide's start


def test_hanoi_plan(ws):
    monthly = deadlines(ws, "chibo-hn-1", "147-KH-TU/sinh-hoat-chi-bo-hang-thang")
    assert monthly["2023-04"] == ("2023-04-01", "2023-04-28")
    assert monthly["2026-11"] == ("2026-11-01", "2026-11-30") and len(monthly) == 45
    assert deadlines(ws, "tp-ha-noi", "147-KH-TU/ban-tin-so-tay-2023") == {"2023": ("2023-03-30", "2023-12-29")}


def test_every_bundled_duty_has_an_example_and_check_passes(run_cli):
    from obligations.report.check import check_workspace

    report = check_workspace()
    assert report.findings == ()
    assert not [n for n in report.notes if n.reason == "no_example"]
    code, out, err = run_cli("check")
    assert code == 0 and "\nOK: checked 8 directives" in out and err == ""
    # years the checked span reaches with no swap decision recorded yet are warned about
    assert "warning: no decision on swapped working days is recorded for 2027" in out


def test_metadata_only_directives_say_why(ws):
    for number in ("97-HD/BTGTW", "66-HD/BTGTU", "140-KH/TU", "105-KH/HU"):
        directive = ws.rules.by_number()[number]
        assert directive.duties == () and "not in the seeds" in directive.note
    assert ws.chain(ws.rules.by_number()["76-KH/ĐU"]) == ["105-KH/HU"]
    assert ws.chain(ws.rules.by_number()["Công văn BTVTU Kon Tum"]) == ["97-HD/BTGTW"]
