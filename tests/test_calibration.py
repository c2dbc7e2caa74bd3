"""Calibration on a tiny hand-made snapshot: hand-computed figures, the pass/fail rules and the CLI exit status."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard import calibrate
from dashboard.build import calibration
from dashboard.paths import REFERENCE, ROOT

SCHEMA = ROOT / "dashboard" / "build" / "schema.sql"

# Households: (id, village, county, size, main_cause, registered, removed, exit, first_exit, returned,
#              housing_route, safe_water, piped_water, n_school_age, n_out_of_school, helper_id, income_2020)
HOUSEHOLDS = [
    (1, 1, 340101, 4, 1, 2014, None, 2016, None, None, "safe", True, True, 2, 0, 1, 10000),
    (2, 1, 340102, 2, 9, 2014, 2015, None, None, None, "safe", True, False, 0, 0, None, None),
    # registered in the re-check; exited 2015, returned 2016, final exit 2019
    (3, 2, 520101, 3, 1, 2015, None, 2019, 2015, 2016, "relocated", False, False, 0, 0, 2, 8000),
    (4, 2, 520101, 5, 7, 2016, None, 2020, None, None, "renovated", True, True, 1, 1, 2, 6000),
    (5, 3, 340102, 1, 2, 2014, None, 2014, None, None, "safe", True, True, 0, 0, 1, 12000),
]
# Persons per household: (health, insured, migrant), one tuple per member.
PERSONS = {
    1: [("chronic", True, True), ("healthy", True, False), ("disabled", True, False), ("healthy", True, False)],
    2: [("disabled", False, True), ("healthy", False, False)],
    3: [("serious", True, True), ("healthy", True, True), ("healthy", False, False)],
    4: [
        ("disabled", True, False),
        ("chronic", True, True),
        ("healthy", True, False),
        ("healthy", True, False),
        ("healthy", True, False),
    ],
    5: [("serious", True, False)],
}
ASSISTANCE = [
    (1, 7, 2015, 50000),
    (1, 7, 2017, 30000),
    (2, 7, 2015, 20000),
    (3, 3, 2016, None),
    (4, 4, 2017, 10000),
    (4, 4, 2018, 10000),
    (4, 9, 2020, 3000),
]


def _fill(con: duckdb.DuckDBPyConnection, scale: float) -> None:
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    con.execute(
        "INSERT INTO meta VALUES ('synthetic', 1, $scale, 1, now(), 'test', 'test', 'test', '{}')", {"scale": scale}
    )
    con.executemany(
        "INSERT INTO regions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, false, 0)",
        [
            (100000, "nation", "全国", "China", None, None, None, False, None, False),
            (340000, "province", "安徽省", "Anhui", 100000, 340000, "central", False, None, False),
            (340101, "county", "甲县", "Jia", 340000, 340000, "central", True, 2018, False),
            (340102, "county", "乙县", "Yi", 340000, 340000, "central", False, None, False),
            (520000, "province", "贵州省", "Guizhou", 100000, 520000, "west", False, None, False),
            (520101, "county", "丙县", "Bing", 520000, 520000, "west", True, 2020, True),
        ],
    )
    con.executemany(
        "INSERT INTO poor_county_list VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
        [(2, 340101, "甲县", "安徽省", 340101, 340000, 2018, False), (3, 520101, "丙县", "贵州省", 520101, 520000, 2020, True)],
    )
    con.executemany(
        "INSERT INTO villages VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (1, 340101, "一村", True, 2018, True, True),
            (2, 520101, "二村", True, 2020, True, False),
            (3, 340102, "三村", False, None, False, True),
        ],
    )
    con.executemany("INSERT INTO helpers VALUES (?, ?, ?)", [(1, 340101, "county"), (2, 520101, "province")])
    con.executemany(
        "INSERT INTO households VALUES (?, ?, ?, ?, ?, [], ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, ?,"
        " ?, ?, ?, ?, true, ?, ?)",
        [h[:10] + (h[16], h[15], h[10], h[11], h[12], h[13], h[14]) for h in HOUSEHOLDS],
    )
    con.executemany(
        "INSERT INTO persons VALUES (?, ?, 'other', 'female', 1980, 'han', 'primary', ?, 'full', false, ?, ?)",
        [(hid * 16 + k, hid, *p) for hid, members in PERSONS.items() for k, p in enumerate(members)],
    )
    con.executemany("INSERT INTO assistance VALUES (?, ?, ?, ?)", ASSISTANCE)
    con.executemany("INSERT INTO poverty_lines VALUES (?, ?)", [(2014, 2800), (2020, 4000)])


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("calibration") / "tiny.duckdb"
    with duckdb.connect(str(path)) as con:
        _fill(con, scale=1.0)
    return path


@pytest.fixture(scope="module")
def figures(snapshot: Path) -> pd.DataFrame:
    with duckdb.connect(str(snapshot), read_only=True) as con:
        return calibration.measure_figures(con).set_index("figure_id")


# Hand-computed from the rows above.
EXPECTED = {
    "reg_households_2014": 3,  # households 1, 2, 5
    "reg_people_2014": 7,  # 4 + 2 + 1
    "persons_per_household_2014": 7 / 3,
    "recheck_added_people": 8,  # households 3, 4
    "recheck_removed_people": 2,  # household 2
    "net_people_after_recheck": 13,
    "anhui_reg_people_2014": 7,
    "people_share_central": 1.0,
    "people_share_west": 0.0,
    "exit_share_2014": 1 / 13,
    "exit_share_2015": 0.0,  # household 3's 2015 exit was not final
    "exit_share_2016": 4 / 13,
    "exit_share_2019": 3 / 13,
    "exit_share_2020": 5 / 13,
    "illness_share_households": 1 / 3,
    "illness_share_people_2015": 7 / 8,  # households 1 and 3 of 1, 3, 5 (2 was removed in 2015)
    "illness_people_2015": 4,  # household 3 was out of poverty at the end of 2015 (returned in 2016)
    "housing_checked_households_2020": 4,
    "housing_safe_share": 0.5,
    "housing_made_safe_share": 0.5,
    "housing_safe_share_poor_counties": 1 / 3,
    "housing_relocated_share_poor_counties": 1 / 3,
    "housing_safe_share_other_counties": 1.0,
    "relocated_people": 3,
    "relocated_people_measure3": 3,
    "eco_ranger_people": 1,  # one household, two years
    "microcredit_households_2016": 2,  # households 1 and 2 in 2015; 1's 2017 loan is later
    "microcredit_amount_2016": 70000,
    "microcredit_household_times_2020": 3,
    "safety_net_people_2020": 5,
    "migrant_workers_2019": 4,  # household 2's migrant was removed
    "disabled_people_2014": 2,  # households 1 and 2
    "disabled_people_2019": 1,  # household 4, the only one poor at the end of 2019
    "ill_people_serious_chronic": 2,  # households 3 and 4, the ones poor at the end of 2016
    "insured_share": 12 / 13,
    "no_water_shortage_share_poor_counties": 2 / 3,
    "piped_water_share_poor_counties": 2 / 3,
    "school_attendance_6_15_poor_counties": 2 / 3,
    "income_2020_poor_areas": (10000 * 4 + 8000 * 3 + 6000 * 5) / 12,
    "helpers_per_household": 2 / 4,
    "helper_coverage_share": 1.0,
    "cause_share_lack_funds": 1 / 3,
    "reg_villages_2014": 2,
    "poor_villages_remaining_2018": 1,
    "poor_villages_remaining_2019": 1,
    "poor_villages_remaining_2020": 0,
    "work_teams_2016": 2,
    "first_secretaries_2016": 2,  # one of them in a non-poor village
    "anhui_poor_villages_2014": 1,
    "poor_counties_total": 2,
    "county_exits_2018": 1,
    "county_exits_2020": 1,
    "guapai_counties_2020": 1,
    "poverty_line_2014": 2800,
}


@pytest.mark.parametrize("figure_id", sorted(EXPECTED))
def test_hand_computed_values(figures: pd.DataFrame, figure_id: str) -> None:
    assert figures.at[figure_id, "snapshot_value"] == pytest.approx(EXPECTED[figure_id])


def test_every_figure_has_a_row_and_checked_ones_are_measured(figures: pd.DataFrame) -> None:
    facts = calibration.read_facts()
    assert set(facts["figure_id"]) <= set(figures.index)
    checked = facts.loc[facts["checked"], "figure_id"]
    assert not set(checked) & calibration.UNMEASURABLE
    assert figures.loc[list(calibration.UNMEASURABLE), "snapshot_value"].isna().all()


def test_unchecked_figures_are_info_and_never_fail(figures: pd.DataFrame) -> None:
    info = figures[~figures["checked"]]
    assert info["ok"].isna().all() and (info["status"] == "info").all()
    assert (figures.loc[figures["confidence"] == "C", "status"] == "info").all()


def test_scaled_expectation(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "s.duckdb")) as con:
        _fill(con, scale=0.001)
        df = calibration.measure_figures(con).set_index("figure_id")
    assert df.at["reg_people_2014", "expected_value"] == pytest.approx(89_620)
    assert df.at["poor_counties_total", "expected_value"] == 832  # county counts are not scaled
    assert df.at["illness_share_households", "expected_value"] == pytest.approx(0.424)


def test_county_check_is_exact(figures: pd.DataFrame) -> None:
    # The tiny snapshot has 1 poor county in Anhui against 20 in the list: that row fails and names the cells.
    row = figures.loc["poor_counties_province_340000"]
    assert not row["ok"] and "total: published 20, snapshot 1" in row["note"]
    assert figures.at["poor_counties_province_other", "ok"]


@pytest.mark.parametrize(
    ("kind", "expected", "snapshot", "scaled", "ok"),
    [
        ("count", 1000.0, 1009.0, True, True),
        ("count", 1000.0, 1011.0, True, False),
        ("count", 27.07, 27.0, True, True),  # nearest integer to a scaled count passes
        ("count", 2.707, 3.0, True, True),
        ("count", 2.707, 2.0, True, False),
        ("count", 28.0, 27.0, False, False),  # county counts: exact in practice
        ("count", 0.0, 0.0, True, True),
        ("count", 0.0, 1.0, True, False),
        ("share", 0.424, 0.433, False, True),  # +0.9 pp
        ("share", 0.424, 0.435, False, False),  # +1.1 pp
        ("mean", 3.04, 3.07, False, True),
        ("mean", 3.04, 3.08, False, False),
        ("share", 0.5, None, False, False),  # nothing to measure: a checked figure fails
    ],
)
def test_judge(kind: str, expected: float, snapshot: float | None, scaled: bool, ok: bool) -> None:
    assert calibration.judge(kind, expected, snapshot, scaled)[3] is ok


def test_write_calibration_table(snapshot: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copy(snapshot, copy)  # the module's snapshot stays as built
    with duckdb.connect(str(copy)) as con:
        df = calibration.write_calibration_table(con)
        stored = con.sql("SELECT figure_id, ok, status FROM calibration").df()
    assert len(stored) == len(df)
    assert stored["ok"].isna().sum() == (df["status"] == "info").sum()


def _matching_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **override: float) -> None:
    """Point calibration at a facts table and county list that the tiny snapshot matches."""
    ids = [
        "reg_people_2014",
        "recheck_removed_people",
        "illness_share_households",
        "persons_per_household_2014",
        "poor_villages_remaining_2020",
        "county_exits_2018",
    ]
    facts = calibration.read_facts().set_index("figure_id").loc[ids].reset_index()
    facts["value"] = [EXPECTED[i] for i in ids]
    facts["checked"] = True
    for fid, value in override.items():
        facts.loc[facts["figure_id"] == fid, "value"] = value
    facts_csv = tmp_path / "facts.csv"
    facts.to_csv(facts_csv, index=False)
    counties_csv = tmp_path / "counties.csv"
    counties_csv.write_text(
        "province,n_poor_counties,exit_2016,exit_2017,exit_2018,exit_2019,exit_2020_guapai\n"
        "安徽省,1,0,0,1,0,0\n贵州省,1,0,0,0,0,1\nTOTAL (this file),2,0,0,1,0,1\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(calibration, "FACTS_CSV", facts_csv)
    monkeypatch.setattr(calibration, "COUNTIES_CSV", counties_csv)


def test_cli_exits_0_when_all_checked_figures_match(snapshot, tmp_path, monkeypatch, capsys) -> None:
    _matching_reference(tmp_path, monkeypatch)
    assert calibrate.main([str(snapshot)]) == 0
    assert "OK: all" in capsys.readouterr().out


def test_cli_exits_1_and_names_the_failing_figure(snapshot, tmp_path, monkeypatch, capsys) -> None:
    _matching_reference(tmp_path, monkeypatch, reg_people_2014=8)  # the snapshot's 7 is 12.5 % short
    assert calibrate.main([str(snapshot)]) == 1
    out = capsys.readouterr().out
    assert "FAIL: 1 of" in out and "reg_people_2014" in out.splitlines()[-1]


def test_cli_module_against_the_real_reference(snapshot: Path) -> None:
    # A 5-household snapshot is nowhere near the national figures: `python -m dashboard.calibrate` must say so.
    run = subprocess.run(
        [sys.executable, "-m", "dashboard.calibrate", str(snapshot)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert "FAIL:" in run.stdout and "reg_villages_2014" in run.stdout


def test_reference_tables_are_consistent() -> None:
    facts = calibration.read_facts()
    assert facts["figure_id"].is_unique
    assert set(facts["confidence"]) <= {"A", "B", "C"}
    c_rows = facts[facts["confidence"] == "C"]
    assert not c_rows["checked"].any() and (c_rows["source"] == "assumption").all()
    shares = facts[facts["unit"] == "share"]
    assert shares["value"].between(0, 1).all() and not shares["scaled"].any()
    by_prefix = facts.set_index("figure_id")["value"]
    assert by_prefix.filter(like="exit_share_").sum() == pytest.approx(1, abs=1e-4)
    assert by_prefix.filter(like="cause_share_").sum() == pytest.approx(1)
    assert by_prefix.filter(like="people_share_").sum() == pytest.approx(1, abs=1e-4)
    weights = pd.read_csv(REFERENCE / "province_weights.csv")
    assert len(weights) == 31 and weights["weight"].sum() == pytest.approx(1, abs=1e-6)
    for region in ("east", "central", "west"):
        share = weights.loc[weights["region_ecw"] == region, "weight"].sum()
        assert share == pytest.approx(by_prefix[f"people_share_{region}"], abs=1e-4)
    anhui = weights.set_index("province_adcode").loc[340000]
    assert anhui["weight"] * 89_620_000 == pytest.approx(4_840_000, rel=1e-4) and anhui["confidence"] == "A"
