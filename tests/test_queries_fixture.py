"""Pin the meaning of every query on the tiny hand-written registry (tests/fixtures/tiny_registry.py).

Each expected value below was worked out by hand from the rows in the fixture's docstring, not by running SQL.
Every queries/*.sql must have an entry in CASES: a new query without one fails test_every_query_has_a_case.

Year-by-year status of the fixture households (R = on the register at the end of the year, P = poor then):
    H1  R 14–20, P 14–15              exits 2016
    H2  R 14–20, P 14, 17             first exit 2015, returned 2017, exit 2018
    H3  R 14,    P 14                 removed 2015
    H4  R 15–20, P 15–18              entered 2015, exit 2019
    H5  R 14–20, P 14–16              exit 2017
    H6  R 16–20, P 16–19              entered 2016, exit 2020
    H7  R 14–20, P 14–19              exit 2020
    H8  R 14–20, never poor at a year end (exit 2014)
    H9  never on the register at a year end (entered and removed 2016)
    H10 R 14–20, P 14–15              first exit 2016, returned and exited 2019
Helped (poor at some time in the year, on the register at its end):
    H1 14–16, H2 14, 15, 17, 18, H3 14, H4 15–19, H5 14–17, H6 16–20, H7 14–20, H8 14, H10 14–16, 19
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixtures.tiny_registry import (  # noqa: E402
    GUIZHOU,
    HUBEI,
    NATION,
    QIANDONGNAN,
    RONGJIANG,
    SHENNONGJIA,
    YICHANG,
    YUANAN,
    ZIGUI,
    build_tiny_registry,
)

from dashboard import paths  # noqa: E402
from dashboard.query import QueryLayer  # noqa: E402

YEARS = list(range(2014, 2021))


@pytest.fixture(scope="module")
def layer(tmp_path_factory) -> QueryLayer:
    path = build_tiny_registry(tmp_path_factory.mktemp("tiny") / "tiny.duckdb")
    q = QueryLayer(path)
    yield q
    q.close()


def col(df: pd.DataFrame, name: str) -> list:
    """A column as a plain list (NaN/NA → None) for readable comparisons."""
    return [None if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA else v
            for v in df[name].tolist()]


def approx(values: list) -> list:
    return [pytest.approx(v) if isinstance(v, float) else v for v in values]


def nonzero(df: pd.DataFrame, key: str, value: str = "n_households") -> dict:
    return {k: v for k, v in zip(df[key], df[value], strict=True) if v}


# --- one function per query; each gets the layer and asserts hand-computed answers --------------------------------

def case_region_info(q):
    df = q.run("region_info", adcode=SHENNONGJIA)
    assert len(df) == 1
    row = df.iloc[0]
    assert (row.level, row.parent_adcode, row.province_adcode) == ("county", HUBEI, HUBEI)
    assert bool(row.is_poor_county) and row.exit_batch_year == 2017 and row.n_children == 0
    assert q.run("region_info", adcode=NATION).iloc[0].n_children == 2
    assert q.run("region_info", adcode=999999).empty


def case_region_path(q):
    df = q.run("region_path", adcode=ZIGUI)
    assert col(df, "depth") == [0, 1, 2, 3]
    assert col(df, "adcode") == [NATION, HUBEI, YICHANG, ZIGUI]
    assert col(q.run("region_path", adcode=SHENNONGJIA), "adcode") == [NATION, HUBEI, SHENNONGJIA]
    assert col(q.run("region_path", adcode=NATION), "depth") == [0]


def case_child_regions(q):
    df = q.run("child_regions", adcode=HUBEI)
    assert col(df, "adcode") == [YICHANG, SHENNONGJIA]
    assert col(df, "level") == ["prefecture", "county"]
    assert col(df, "n_children") == [2, 0]
    assert col(q.run("child_regions", adcode=NATION), "adcode") == [HUBEI, GUIZHOU]
    assert q.run("child_regions", adcode=ZIGUI).empty


def case_key_figures_by_year(q):
    df = q.run("key_figures_by_year", adcode=NATION)
    assert col(df, "year") == YEARS
    assert col(df, "n_households_entered") == [7, 1, 2, 0, 0, 0, 0]
    assert col(df, "n_people_entered") == [22, 5, 12, 0, 0, 0, 0]
    assert col(df, "n_households_removed") == [0, 1, 1, 0, 0, 0, 0]
    assert col(df, "n_people_removed") == [0, 2, 3, 0, 0, 0, 0]
    assert col(df, "n_households_exited") == [1, 1, 2, 1, 1, 2, 2]
    assert col(df, "n_people_exited") == [2, 4, 7, 1, 4, 9, 15]
    assert col(df, "n_households_returned") == [0, 0, 0, 1, 0, 1, 0]
    assert col(df, "n_people_returned") == [0, 0, 0, 4, 0, 4, 0]
    assert col(df, "n_households_on_register") == [7, 7, 8, 8, 8, 8, 8]
    assert col(df, "n_people_on_register") == [22, 25, 34, 34, 34, 34, 34]
    assert col(df, "n_households_remaining") == [6, 5, 4, 4, 3, 2, 0]
    assert col(df, "n_people_remaining") == [20, 19, 21, 24, 20, 15, 0]
    assert col(df, "n_poor_villages") == [4] * 7
    assert col(df, "n_poor_villages_exited") == [0, 0, 1, 1, 0, 1, 1]
    assert col(df, "n_poor_villages_remaining") == [4, 4, 3, 2, 2, 1, 0]
    assert col(df, "n_poor_counties") == [3] * 7
    assert col(df, "n_poor_counties_exited") == [0, 0, 0, 1, 2, 2, 3]
    assert col(df, "share_people_exited") == approx([2 / 34, 6 / 34, 13 / 34, 10 / 34, 14 / 34, 19 / 34, 1.0])
    zigui = q.run("key_figures_by_year", adcode=ZIGUI)
    assert col(zigui, "n_people_remaining") == [6, 5, 5, 9, 5, 0, 0]
    assert col(zigui, "n_poor_counties_exited") == [0, 0, 0, 0, 1, 1, 1]
    assert q.run("key_figures_by_year", adcode=999999).empty


def case_child_region_figures(q):
    df = q.run("child_region_figures", adcode=NATION, year=2017).set_index("adcode")
    assert list(df.index) == [HUBEI, GUIZHOU]
    hb, gz = df.loc[HUBEI], df.loc[GUIZHOU]
    assert (hb.n_poor_villages, hb.n_poor_villages_remaining) == (3, 1)
    assert (hb.n_households_on_register, hb.n_households_remaining) == (5, 3)
    assert (hb.n_people_on_register, hb.n_people_remaining, hb.n_people_exited) == (22, 18, 4)
    assert hb.share_people_exited == pytest.approx(4 / 22)
    assert (hb.n_poor_counties, hb.n_poor_counties_exited) == (2, 1)
    assert hb.share_with_helper == pytest.approx(2 / 4)  # helped: H2, H4, H5, H6; helpers: H2, H4
    assert hb.share_with_any_measure == pytest.approx(3 / 4)  # H5 has no assistance at all
    assert (gz.n_households_on_register, gz.n_people_on_register, gz.n_people_remaining) == (3, 12, 6)
    assert gz.share_people_exited == pytest.approx(0.5)
    assert (gz.n_poor_counties, gz.n_poor_counties_exited) == (1, 0)
    assert gz.share_with_helper == pytest.approx(1.0) and gz.share_with_any_measure == pytest.approx(1.0)
    assert q.run("child_region_figures", adcode=ZIGUI, year=2017).empty


def case_households_by_cause(q):
    df = q.run("households_by_cause", adcode=NATION, year=2016)
    assert col(df, "cause_code") == list(range(1, 13))
    assert nonzero(df, "cause_code") == {1: 2, 2: 3, 3: 1, 4: 1, 5: 1}
    assert nonzero(df, "cause_code", "n_people") == {1: 9, 2: 7, 3: 5, 4: 9, 5: 4}
    assert df.share_households.sum() == pytest.approx(1.0)
    assert df.set_index("cause_code").share_people[2] == pytest.approx(7 / 34)


def case_causes_by_child_region(q):
    df = q.run("causes_by_child_region", adcode=HUBEI, year=2014)
    assert len(df) == 2 * 12
    yc = df[df.adcode == YICHANG].set_index("cause_code")
    assert (yc.n_households[1], yc.n_households[2]) == (2, 1)  # H1, H3 / H2
    assert yc.share_households[1] == pytest.approx(2 / 3)
    snj = df[df.adcode == SHENNONGJIA].set_index("cause_code")
    assert nonzero(snj.reset_index(), "cause_code") == {2: 1} and snj.share_households[2] == pytest.approx(1.0)
    assert q.run("causes_by_child_region", adcode=ZIGUI, year=2014).empty


def case_assistance_coverage(q):
    df = q.run("assistance_coverage", adcode=NATION, year=2016)
    assert col(df, "measure_code") == [1, 2, 3, 4, 5]
    assert col(df, "n_base") == [6] * 5  # H1, H4, H5, H6, H7, H10
    assert col(df, "n_households") == [2, 0, 1, 0, 0]  # H4, H7 industry; H4 relocation (H2, H9 not helped)
    assert col(df, "share_households") == approx([2 / 6, 0.0, 1 / 6, 0.0, 0.0])
    y2014 = q.run("assistance_coverage", adcode=NATION, year=2014)
    assert col(y2014, "n_households") == [4, 0, 0, 0, 1]  # H1's duplicate row counts once


def case_assistance_summary(q):
    row = q.run("assistance_summary", adcode=NATION, year=2016).iloc[0]
    assert (row.n_households, row.n_with_any_measure, row.n_without_measure) == (6, 2, 4)
    assert row.share_with_any_measure == pytest.approx(1 / 3)
    assert (row.n_with_helper, row.share_with_helper, row.n_helpers) == (3, pytest.approx(0.5), 4)
    assert row.n_people_relocated == 9  # H10 (2015) + H4 (2016); H2 not on the relocated route, H9 not registered
    assert row.n_eco_rangers == 0
    row = q.run("assistance_summary", adcode=NATION, year=2018).iloc[0]
    assert (row.n_households, row.n_with_any_measure, row.n_with_helper) == (4, 4, 3)
    assert (row.n_people_relocated, row.n_eco_rangers) == (18, 2)  # + H6 in 2017 (counted once); H2, H4
    row = q.run("assistance_summary", adcode=NATION, year=2017).iloc[0]
    assert (row.n_households, row.n_with_any_measure) == (5, 4)  # H1's 2017 row: H1 not helped in 2017
    assert len(q.run("assistance_summary", adcode=999999, year=2017)) == 1


def case_measure_coverage_by_child_region(q):
    df = q.run("measure_coverage_by_child_region", adcode=NATION, year=2014)
    assert len(df) == 2 * 6
    hb = df[df.adcode == HUBEI].set_index("measure_code")
    assert (hb.n_base[0], hb.n_households[0], hb.n_households[1], hb.n_without_measure[0]) == (4, 3, 3, 1)
    assert set(hb.n_without_measure) == {1}
    assert hb.measure_name_en[0] == "Any measure"
    gz = df[df.adcode == GUIZHOU].set_index("measure_code")
    assert (gz.n_base[0], gz.n_households[0], gz.n_households[1], gz.n_households[5]) == (3, 2, 1, 1)
    assert gz.share_households[0] == pytest.approx(2 / 3)
    assert q.run("measure_coverage_by_child_region", adcode=RONGJIANG, year=2014).empty


def case_basic_needs_indicators(q):
    df = q.run("basic_needs_indicators", adcode=NATION).set_index("indicator")
    assert list(df.index) == ["housing_safe", "housing_renovated", "housing_relocated", "safe_water",
                              "piped_water", "all_insured", "school_age_in_school"]
    assert col(df.reset_index(), "n_households") == [3, 2, 3, 7, 5, 7, 9]
    assert col(df.reset_index(), "n_base") == [8, 8, 8, 8, 8, 8, 11]
    assert df.share["school_age_in_school"] == pytest.approx(9 / 11)


def case_exits_by_year(q):
    df = q.run("exits_by_year", adcode=NATION)
    assert col(df, "year") == YEARS
    assert col(df, "n_households_exited") == [1, 1, 2, 1, 1, 2, 2]
    assert col(df, "n_people_exited") == [2, 4, 7, 1, 4, 9, 15]
    assert col(df, "n_poor_villages_exited") == [0, 0, 1, 1, 0, 1, 1]
    assert col(df, "n_poor_counties_exited") == [0, 0, 0, 1, 1, 0, 1]


def case_poor_counties_by_batch(q):
    df = q.run("poor_counties_by_batch", adcode=NATION)
    assert col(df, "exit_batch_year") == [2016, 2017, 2018, 2019, 2020]
    assert col(df, "n_poor_counties") == [0, 1, 1, 0, 1]
    assert col(df, "n_guapai") == [0, 0, 0, 0, 1]
    assert col(q.run("poor_counties_by_batch", adcode=HUBEI), "n_guapai") == [0] * 5


def case_lagging_counties(q):
    df = q.run("lagging_counties", adcode=NATION, year=2017, limit=10)
    assert col(df, "adcode") == [SHENNONGJIA, ZIGUI, RONGJIANG]
    assert col(df, "n_people_on_register") == [10, 9, 12]
    assert col(df, "n_people_remaining") == [9, 9, 6]
    assert col(df, "share_people_remaining") == approx([0.9, 1.0, 0.5])
    assert col(df, "expected_share_remaining") == approx([0.0, 1 / 5, 3 / 7])
    assert col(df, "gap") == approx([0.9, 0.8, 0.5 - 3 / 7])
    assert col(q.run("lagging_counties", adcode=NATION, year=2017, limit=2), "adcode") == [SHENNONGJIA, ZIGUI]
    assert q.run("lagging_counties", adcode=YUANAN, year=2017, limit=5).empty  # not a poor county


def case_flows_by_year(q):
    df = q.run("flows_by_year", adcode=NATION)
    assert col(df, "n_people_remaining_start") == [0, 20, 19, 21, 24, 20, 15]
    assert col(df, "n_people_remaining") == [20, 19, 21, 24, 20, 15, 0]
    balance = (df.n_people_remaining_start + df.n_people_entered - df.n_people_removed - df.n_people_exited
               + df.n_people_returned)
    assert list(balance) == list(df.n_people_remaining)
    hh = (df.n_households_remaining_start + df.n_households_entered - df.n_households_removed
          - df.n_households_exited + df.n_households_returned)
    assert list(hh) == list(df.n_households_remaining)


def case_income_histogram(q):
    df = q.run("income_histogram", adcode=NATION, year=2020)
    assert len(df) == 41 and col(df, "bin_lower")[:3] == [0, 500, 1000]
    assert df.bin_upper.iloc[-1] is None or pd.isna(df.bin_upper.iloc[-1])
    assert nonzero(df, "bin_lower") == {4500: 1, 5000: 2, 5500: 1, 6500: 1, 7000: 1, 7500: 1, 20000: 1}
    assert set(df.poverty_line) == {4000}
    df = q.run("income_histogram", adcode=NATION, year=2014)
    assert nonzero(df, "bin_lower") == {0: 1, 1500: 2, 2000: 2, 2500: 1, 5000: 1}  # H8's −100 in the first bin
    assert df.share_households.sum() == pytest.approx(1.0)


def case_age_pyramid(q):
    df = q.run("age_pyramid", adcode=SHENNONGJIA, year=2016)
    assert len(df) == 36 and col(df, "age_band")[:2] == ["0-4", "0-4"] and col(df, "age_band")[-1] == "85+"
    people = {(b, s): n for b, s, n in zip(df.age_band_start, df.sex, df.n_people, strict=True) if n}
    assert people == {(0, "male"): 1, (0, "female"): 1, (5, "male"): 1, (20, "female"): 1, (25, "male"): 1,
                      (45, "male"): 1, (45, "female"): 1, (70, "male"): 1, (70, "female"): 1, (85, "female"): 1}
    assert df.share_people.sum() == pytest.approx(1.0)
    zigui = q.run("age_pyramid", adcode=ZIGUI, year=2015)
    assert zigui.n_people.sum() == 8  # H2 and H4 (H3 removed; H4's member born 2016 not yet counted)


def case_household_size_distribution(q):
    df = q.run("household_size_distribution", adcode=NATION)
    assert col(df, "size") == list(range(1, 9))
    assert col(df, "size_label")[-1] == "8+"
    assert col(df, "n_households") == [1, 1, 1, 2, 1, 1, 0, 1]


def case_people_by_attribute(q):
    df = q.run("people_by_attribute", adcode=NATION, domain="education")
    assert col(df, "code") == ["preschool", "illiterate", "primary", "junior", "senior", "college"]
    assert col(df, "n_people") == [4, 10, 14, 4, 2, 0]
    df = q.run("people_by_attribute", adcode=NATION, domain="health")
    assert col(df, "code") == ["healthy", "chronic", "serious", "disabled"]
    assert col(df, "n_people") == [26, 4, 2, 2]
    assert col(df, "name_zh")[0] == "健康"
    df = q.run("people_by_attribute", adcode=NATION, domain="labour")
    assert col(df, "code") == ["full", "partial", "none", "minor"]
    assert col(df, "n_people") == [14, 4, 6, 10]
    assert df.share_people.sum() == pytest.approx(1.0)


def case_villages_of_county(q):
    df = q.run("villages_of_county", adcode=ZIGUI, year=2017)
    assert col(df, "village_id") == [2, 3]
    assert col(df, "is_exited") == [True, False]
    assert col(df, "n_households_on_register") == [1, 1]  # H3 removed in 2015
    assert col(df, "n_people_on_register") == [4, 5]
    assert col(df, "n_people_remaining") == [4, 5]
    assert col(df, "share_people_exited") == approx([0.0, 0.0])
    df = q.run("villages_of_county", adcode=ZIGUI, year=2018)
    assert col(df, "n_people_remaining") == [0, 5] and col(df, "share_people_exited") == approx([1.0, 0.0])
    assert q.run("villages_of_county", adcode=HUBEI, year=2017).empty


def case_snapshot_meta(q):
    df = q.run("snapshot_meta")
    assert len(df) == 1 and df.source[0] == "synthetic" and df.scale[0] == pytest.approx(0.0001)


def case_calibration_figures(q):
    df = q.run("calibration_figures")
    assert col(df, "figure_id") == ["reg_households_2014"]


def case_data_dictionary(q):
    df = q.run("data_dictionary")
    tables = list(dict.fromkeys(df.table_name))
    assert tables == sorted(tables) and {"meta", "regions", "households", "assistance"} <= set(tables)
    assert not any(t.startswith("rollup_") or t == "calibration" for t in tables)
    size = df[(df.table_name == "households") & (df.column_name == "size")].iloc[0]
    assert (size.comment_zh, size.comment_en) == ("户人口数", "Household size (persons)")
    assert size.table_comment_zh == "建档立卡贫困户"


def case_labels(q):
    df = q.run("labels")
    assert len(df) == 16
    assert col(df[df.domain == "sex"], "code") == ["male", "female"]


def case_poverty_lines(q):
    df = q.run("poverty_lines")
    assert col(df, "year") == YEARS and col(df, "line_yuan")[0] == 2800


def case_child_boundaries(q):
    df = q.run("child_boundaries", adcode=YICHANG)
    assert col(df, "adcode") == [YUANAN, ZIGUI]
    assert col(q.run("child_boundaries", adcode=ZIGUI), "adcode") == [ZIGUI]  # a leaf draws itself
    assert df.min_lon.iloc[0] < df.centroid_lon.iloc[0] < df.max_lon.iloc[0]


def case_region_boundary(q):
    df = q.run("region_boundary", adcode=QIANDONGNAN)
    assert col(df, "adcode") == [QIANDONGNAN] and df.geojson[0].startswith('{"type": "Polygon"')


CASES = {name[len("case_"):]: fn for name, fn in globals().items() if name.startswith("case_")}


def test_every_query_has_a_case():
    files = {p.stem for p in paths.QUERIES.glob("*.sql")}
    assert files - set(CASES) == set(), "queries without a pinned case in test_queries_fixture.py"
    assert set(CASES) - files == set(), "cases for queries that no longer exist"


@pytest.mark.parametrize("name", sorted(p.stem for p in paths.QUERIES.glob("*.sql")))
def test_query_meaning(layer, name):
    if name not in CASES:
        pytest.fail(f"queries/{name}.sql has no case in test_queries_fixture.py")
    CASES[name](layer)


@pytest.mark.parametrize("name", sorted(p.stem for p in paths.QUERIES.glob("*.sql")))
def test_header_columns_match_result(layer, name):
    spec = layer.spec(name)
    params = {"adcode": HUBEI, "year": 2016, "limit": 5, "domain": "labour"}
    df = layer.run(name, **{k: v for k, v in params.items() if k in spec.params})
    assert list(df.columns) == list(spec.columns)
