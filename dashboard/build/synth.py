"""Synthetic registry generator: villages, helpers, households, persons and assistance at any scale.

Small allocations (counties, villages, yearly exit shapes) are solved in numpy with a seeded Generator; the
large tables are vectorised DuckDB SQL (dashboard/build/synth/*.sql) whose every draw is a slice of
`hash(hash(id, seed, salt))`, so the result depends on the seed and scale only, never on the thread count.
Figures that must match published counts exactly (removed, relocated, rangers, microcredit…) are chosen by rank
on a hashed score up to the target, rather than by a probability that would only match on average.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from dashboard.build import reference as ref

SQL_DIR = Path(__file__).with_name("synth")
YEARS = list(range(2014, 2021))
NO_DATA_PROVINCES = {710000, 810000, 820000}  # Taiwan, Hong Kong, Macao: outside the registry

CAUSES = [  # code, key, zh, en
    (1, "illness", "因病", "Illness"),
    (2, "disability", "因残", "Disability"),
    (3, "schooling", "因学", "Schooling costs"),
    (4, "disaster", "因灾", "Natural disaster"),
    (5, "lack_land", "缺土地", "Lack of land"),
    (6, "lack_water", "缺水", "Lack of water"),
    (7, "lack_skills", "缺技术", "Lack of skills"),
    (8, "lack_labour", "缺劳力", "Lack of labour"),
    (9, "lack_funds", "缺资金", "Lack of funds"),
    (10, "poor_transport", "交通条件落后", "Poor transport"),
    (11, "low_motivation", "自身发展动力不足", "Low motivation"),
    (12, "other", "其他", "Other"),
]
# Tilts applied to the C cause shares (facts.md §3: the west and deep-poverty areas lack skills, transport and
# schooling more, and motivation is lower; our multipliers are assumptions).
WEST_TILT = {"lack_skills": 1.5, "poor_transport": 2.0, "schooling": 1.4, "low_motivation": 1.5}
DEEP_TILT = {"lack_skills": 1.4, "poor_transport": 1.8, "schooling": 1.3, "low_motivation": 1.4}
EAST_TILT = {"illness": 1.1, "lack_labour": 1.3, "disability": 1.2}

MEASURES = [  # code, key, zh, en, is_one_off, amount_unit
    (1, "industry", "产业扶持", "Industry support", False, "yuan/year"),
    (2, "employment", "就业扶持", "Employment support", False, "yuan/year"),
    (3, "relocation", "易地扶贫搬迁", "Relocation", True, "yuan"),
    (4, "eco_ranger", "生态护林员", "Ecological ranger", False, "yuan/year"),
    (5, "education", "教育扶贫", "Education support", False, "yuan/year"),
    (6, "health", "健康扶贫", "Health support", False, "yuan/year"),
    (7, "microcredit", "扶贫小额信贷", "Microcredit", True, "yuan"),
    (8, "housing_renovation", "危房改造", "Housing renovation", True, "yuan"),
    (9, "safety_net", "低保/特困供养兜底", "Safety net (dibao / tekun)", False, "yuan/year"),
    (10, "asset_income", "资产收益扶贫", "Asset income", False, "yuan/year"),
    (11, "public_welfare_job", "公益岗位", "Public-welfare job", False, "yuan/year"),
]

LABELS = {  # domain → [(code, zh, en)] in display order
    "level": [("nation", "全国", "Nation"), ("province", "省级", "Province"), ("prefecture", "地级", "Prefecture"),
              ("county", "县级", "County")],
    "region_ecw": [("east", "东部", "East"), ("central", "中部", "Central"), ("west", "西部", "West")],
    "sex": [("male", "男", "Male"), ("female", "女", "Female")],
    "relation": [("head", "户主", "Head"), ("spouse", "配偶", "Spouse"), ("child", "子女", "Child"),
                 ("parent", "父母", "Parent"), ("grandchild", "孙辈", "Grandchild"), ("other", "其他", "Other")],
    "education": [("preschool", "学龄前", "Pre-school"), ("illiterate", "文盲或半文盲", "Illiterate or semi-literate"),
                  ("primary", "小学", "Primary"), ("junior", "初中", "Junior secondary"),
                  ("senior", "高中（含中专）", "Senior secondary"), ("college", "大专及以上", "College or above")],
    "health": [("healthy", "健康", "Healthy"), ("chronic", "长期慢性病", "Chronic illness"),
               ("serious", "大病", "Serious illness"), ("disabled", "残疾", "Disabled")],
    "labour": [("full", "普通劳动力", "Full labour"), ("partial", "弱劳动力或半劳动力", "Partial labour"),
               ("none", "丧失劳动力或无劳动能力", "No labour ability"), ("minor", "未成年", "Under 16")],
    "housing_route": [("safe", "原住房安全", "Already safe"), ("renovated", "危房改造", "Renovated"),
                      ("relocated", "易地扶贫搬迁", "Relocated")],
    "unit_type": [("party_gov", "党政机关", "Party or government organ"),
                  ("public_institution", "事业单位", "Public institution"), ("soe", "国有企业", "State-owned enterprise"),
                  ("other", "其他", "Other")],
    "ethnicity": [("han", "汉族", "Han"), ("zhuang", "壮族", "Zhuang"), ("hui", "回族", "Hui"), ("manchu", "满族", "Manchu"),
                  ("uyghur", "维吾尔族", "Uyghur"), ("miao", "苗族", "Miao"), ("yi", "彝族", "Yi"),
                  ("tujia", "土家族", "Tujia"), ("tibetan", "藏族", "Tibetan"), ("mongol", "蒙古族", "Mongol"),
                  ("dong", "侗族", "Dong"), ("buyi", "布依族", "Buyi"), ("yao", "瑶族", "Yao"), ("bai", "白族", "Bai"),
                  ("korean", "朝鲜族", "Korean"), ("hani", "哈尼族", "Hani"), ("li", "黎族", "Li"),
                  ("kazakh", "哈萨克族", "Kazakh"), ("dai", "傣族", "Dai"), ("she", "畲族", "She"),
                  ("lisu", "傈僳族", "Lisu"), ("dongxiang", "东乡族", "Dongxiang"), ("tu", "土族", "Tu"),
                  ("kyrgyz", "柯尔克孜族", "Kyrgyz")],
}

# Our assumptions (C), named so the closing note and the docs can list them.
ASSUMPTIONS = {
    "share_people_in_poor_counties": 0.55,  # keeps the census housing-route shares consistent with 50.6 % safe
    "nonpoor_villages_with_registered_households": 400_000,
    "share_households_in_poor_villages": 0.55,  # where the county has poor villages
    "poor_village_weight_poor_county": 2.0,
    "poor_village_weight_other_county": 0.6,
    "urban_district_weight": 0.25,
    "deep_poverty_weight": 1.5,
    "recheck_entries_2015_share": 0.55,
    "returned_share_of_exited_by_2019": 0.012,
    "no_helper_share": 0.012,
    "households_per_helper": 4.5,
}

Progress = Callable[[str], None]


def _largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    """Integer counts summing exactly to `total`, proportional to `weights`."""
    if total == 0 or weights.sum() == 0:
        return np.zeros(len(weights), dtype=np.int64)
    raw = weights / weights.sum() * total
    base = np.floor(raw).astype(np.int64)
    short = total - base.sum()
    order = np.argsort(-(raw - base), kind="stable")
    base[order[:short]] += 1
    return base


def _cause_pmfs(region_ecw: np.ndarray, is_deep: np.ndarray, illness_factor: float) -> np.ndarray:
    """Main-cause probabilities per county (rows) over the 12 causes (columns)."""
    keys = [key for _, key, _, _ in CAUSES]
    base = np.array([ref.fact(f"cause_share_{key}") for key in keys])
    pmf = np.tile(base, (len(region_ecw), 1))
    pmf[:, 0] *= illness_factor
    for tilt, on in ((WEST_TILT, region_ecw == "west"), (DEEP_TILT, is_deep), (EAST_TILT, region_ecw == "east")):
        for key, mult in tilt.items():
            pmf[on, keys.index(key)] *= mult
    return pmf / pmf.sum(axis=1, keepdims=True)


def county_allocation(regions: pd.DataFrame, scale: float) -> pd.DataFrame:
    """Per county: households of the 2014 registration and the re-check, villages and helpers, id ranges, draws."""
    a = ASSUMPTIONS
    counties = regions[(regions["level"] == "county") & ~regions["province_adcode"].isin(NO_DATA_PROVINCES)].copy()
    counties = counties.sort_values("adcode").reset_index(drop=True)
    weights = ref.province_weights().set_index("province_adcode")["weight"]
    missing = sorted(set(counties["province_adcode"]) - set(weights.index))
    if missing:
        raise ValueError(f"data/reference/province_weights.csv: no weight for province_adcode {missing}")

    is_poor = counties["is_poor_county"].to_numpy(bool)
    is_deep = (counties["is_guapai_2020"] | counties["is_sanqu_sanzhou"]).to_numpy(bool)
    urban = counties["name_zh"].str.endswith("区").to_numpy(bool) & ~is_poor
    base_w = np.where(urban, a["urban_district_weight"], 1.0) * np.where(is_deep, a["deep_poverty_weight"], 1.0)
    prov = counties["province_adcode"].to_numpy()
    prov_w = weights.reindex(prov).to_numpy()

    def people_weights(poor_factor: float) -> np.ndarray:
        w = base_w * np.where(is_poor, poor_factor, 1.0)
        share_in_prov = w / pd.Series(w).groupby(prov).transform("sum").to_numpy()
        return prov_w * share_in_prov

    # Solve the poor-county factor so poor counties hold the assumed share of registered people.
    lo, hi = 0.1, 200.0
    for _ in range(60):
        mid = (lo * hi) ** 0.5
        if people_weights(mid)[is_poor].sum() < a["share_people_in_poor_counties"]:
            lo = mid
        else:
            hi = mid
    w = people_weights((lo * hi) ** 0.5)

    persons_per_hh = ref.fact("persons_per_household_2014")
    n_2014 = round(ref.fact("reg_households_2014") * scale)
    n_add = round(ref.fact("recheck_added_people") * scale / persons_per_hh)
    counties["n_2014"] = _largest_remainder(n_2014, w)
    counties["n_add"] = _largest_remainder(n_add, w)
    counties["n_households"] = counties["n_2014"] + counties["n_add"]
    counties["start_id"] = np.concatenate([[0], np.cumsum(counties["n_households"].to_numpy())[:-1]])

    # Villages: poor villages concentrate in poor counties; every county with households has a non-poor one.
    n_hh = counties["n_households"].to_numpy()
    pv_w = n_hh * np.where(is_poor, a["poor_village_weight_poor_county"], a["poor_village_weight_other_county"])
    counties["n_vp"] = _largest_remainder(round(ref.fact("reg_villages_2014") * scale), pv_w)
    n_vn = _largest_remainder(round(a["nonpoor_villages_with_registered_households"] * scale), n_hh.astype(float))
    counties["n_vn"] = np.where(n_hh > 0, np.maximum(n_vn, 1), 0)
    v_counts = (counties["n_vp"] + counties["n_vn"]).to_numpy()
    counties["vp_start"] = np.concatenate([[0], np.cumsum(v_counts)[:-1]])
    counties["vn_start"] = counties["vp_start"] + counties["n_vp"]
    counties["share_pv"] = np.where(counties["n_vp"] > 0, a["share_households_in_poor_villages"], 0.0)

    counties["n_helpers"] = np.ceil(n_hh / a["households_per_helper"]).astype(np.int64)
    counties["helper_start"] = np.concatenate([[0], np.cumsum(counties["n_helpers"].to_numpy())[:-1]])
    counties["batch"] = counties["exit_batch_year"].fillna(2020).astype(int)
    counties["is_deep"] = is_deep

    # Cause distribution per county; the illness multiplier is solved so the national share meets the A figure.
    target_illness = ref.fact("illness_share_households")
    ecw = counties["region_ecw"].to_numpy()

    def illness_share(factor: float) -> float:
        return float((_cause_pmfs(ecw, is_deep, factor)[:, 0] * counties["n_2014"].to_numpy()).sum() / max(n_2014, 1))

    lo, hi = 0.3, 3.0
    for _ in range(40):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if illness_share(mid) < target_illness else (lo, mid)
    cdfs = np.cumsum(_cause_pmfs(ecw, is_deep, (lo + hi) / 2), axis=1)
    cdfs[:, -1] = 1.0
    counties["cause_cdf"] = list(cdfs)

    eth = ref.ethnicity_by_province()
    eth_names, eth_cdf = [], []
    for p in prov:  # padded to 7 entries (pick7): the province's minorities, then Han
        rows = eth[eth["province_adcode"] == p]
        if len(rows) > 6:
            raise ValueError(f"data/reference/ethnicity_by_province.csv: province {p} has {len(rows)} rows, rule: at most 6")
        pad = 7 - len(rows)
        eth_names.append(rows["ethnicity"].tolist() + ["han"] * pad)
        eth_cdf.append(np.cumsum(rows["share"].to_numpy()).tolist() + [1.0] * pad)
    counties["eth_names"] = eth_names
    counties["eth_cdf"] = eth_cdf
    return counties.rename(columns={"adcode": "county_adcode"})[
        ["county_adcode", "province_adcode", "region_ecw", "is_poor_county", "is_deep", "batch", "n_2014", "n_add",
         "n_households", "start_id", "n_vp", "n_vn", "vp_start", "vn_start", "share_pv", "n_helpers", "helper_start",
         "cause_cdf", "eth_names", "eth_cdf"]
    ]


SYLLABLES_A = list("大小上下东西南北新老高黄白红青马张王李刘陈杨赵周吴龙凤金银花柳松竹梅桃杏梨枣石沙")
SYLLABLES_B = list("石河坪沟坝岭寨湾山田水林桥塘岩溪庄口营关堡铺屯峪冲坡垭岗")


def villages(counties: pd.DataFrame, scale: float, seed: int) -> pd.DataFrame:
    """Villages with names, poor-village exits matching the published remainders exactly, teams and secretaries."""
    rng = np.random.default_rng([seed, 1])
    rows = []
    for c in counties.itertuples():
        n = c.n_vp + c.n_vn
        if n == 0:
            continue
        rows.append(pd.DataFrame({
            "village_id": np.arange(c.vp_start, c.vp_start + n, dtype=np.int64),
            "county_adcode": c.county_adcode,
            "is_poor_village": np.arange(n) < c.n_vp,
            "batch": c.batch,
            "is_deep": c.is_deep,
        }))
    v = pd.concat(rows, ignore_index=True)
    names = (np.array(SYLLABLES_A)[rng.integers(0, len(SYLLABLES_A), len(v))].astype(object)
             + np.array(SYLLABLES_B)[rng.integers(0, len(SYLLABLES_B), len(v))].astype(object) + "村")
    v["name_zh"] = names
    dup = v.groupby(["county_adcode", "name_zh"]).cumcount()
    v.loc[dup > 0, "name_zh"] = [f"{n[:-1]}{k + 1}村" for n, k in zip(v.loc[dup > 0, "name_zh"], dup[dup > 0], strict=True)]

    # Remaining poor villages at each year end: published for 2018–2020, earlier years follow the NBS shape (C).
    poor = v.index[v["is_poor_village"]].to_numpy()
    total = len(poor)
    r2018 = round(ref.fact("poor_villages_remaining_2018") * scale)
    r2019 = round(ref.fact("poor_villages_remaining_2019") * scale)
    r2020 = round(ref.fact("poor_villages_remaining_2020") * scale)
    nbs = pd.read_csv(ref.REFERENCE / "nbs_rural_poverty_series.csv").set_index("year")["reduction_vs_prev_year_10k"]
    shape = nbs.loc[2014:2018].to_numpy(float)
    cum_exits = np.round(np.cumsum(shape) / shape.sum() * (total - r2018)).astype(int)
    remaining = {2013: total, **{y: total - e for y, e in zip(range(2014, 2019), cum_exits, strict=True)},
                 2018: r2018, 2019: r2019, 2020: r2020}
    exit_year = np.zeros(len(v), dtype=np.int64)
    left = poor.copy()  # villages still poor, assigned backwards from 2020
    batch = v["batch"].to_numpy()
    deep = v["is_deep"].to_numpy()
    for year in range(2020, 2013, -1):
        n_exit = remaining[year - 1] - remaining[year] if year > 2014 else len(left)
        eligible = left[batch[left] >= year]
        if n_exit > len(eligible):
            raise ValueError(f"cannot place {n_exit} poor-village exits in {year}: only {len(eligible)} eligible")
        # Efraimidis–Spirakis weighted sampling: later exits favour deep-poverty counties.
        w = np.where(deep[eligible], 3.0, 1.0) * np.where(batch[eligible] == year, 2.0, 1.0)
        keys = rng.random(len(eligible)) ** (1.0 / w)
        chosen = eligible[np.argsort(-keys, kind="stable")[:n_exit]]
        exit_year[chosen] = year
        left = np.setdiff1d(left, chosen, assume_unique=True)
    v["exit_year"] = pd.array(np.where(exit_year > 0, exit_year, 0), dtype="Int16")
    v.loc[~v["is_poor_village"], "exit_year"] = pd.NA

    # One work team per poor village (A: 128,000 teams); first secretaries (A: 188,000) also go to non-poor villages.
    v["has_work_team"] = v["is_poor_village"]
    n_sec = min(round(ref.fact("first_secretaries_2016") * scale), len(v))
    extra = max(n_sec - int(v["is_poor_village"].sum()), 0)
    nonpoor = v.index[~v["is_poor_village"]].to_numpy()
    pick = rng.choice(nonpoor, size=min(extra, len(nonpoor)), replace=False)
    v["has_first_secretary"] = v["is_poor_village"]
    v.loc[pick, "has_first_secretary"] = True
    return v[["village_id", "county_adcode", "name_zh", "is_poor_village", "exit_year", "has_work_team",
              "has_first_secretary"]]


def exit_cdfs(masses: pd.DataFrame) -> pd.DataFrame:
    """Per (batch, registered_year) cumulative exit-year probabilities whose national mix follows the NBS shape.

    A county's households exit by its batch year and not before registration, so each group's distribution is the
    yearly weights truncated to its window; iterative proportional fitting finds weights whose mix, weighted by
    people, meets the published shape (facts: exit_share_2014…2020).
    """
    target = np.array([ref.fact(f"exit_share_{y}") for y in YEARS])
    target = target / target.sum()
    years = np.array(YEARS)
    groups = masses.to_dict("records")
    windows = [((years >= max(g["registered_year"], 2014)) & (years <= g["batch"])).astype(float) for g in groups]
    m = np.array([g["people"] for g in groups], dtype=float)
    w = np.ones(len(YEARS))
    for _ in range(500):
        p = np.array([win * w / (win * w).sum() for win in windows])
        pred = (p * m[:, None]).sum(0) / m.sum()
        w = w * np.where(pred > 0, target / np.maximum(pred, 1e-12), 1.0)
    p = np.array([win * w / (win * w).sum() for win in windows])
    cdf = np.cumsum(p, axis=1)
    cdf[:, -1] = 1.0
    return pd.DataFrame({"batch": masses["batch"].to_numpy(), "registered_year": masses["registered_year"].to_numpy(),
                         "exit_cdf": list(cdf)})


STEP_SECONDS: dict[str, float] = {}  # wall time of each SQL step in the last build (printed by bench-build)


def _run(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> None:
    """Execute one generator step, dashboard/build/synth/<name>.sql (statements separated by ';')."""
    t0 = time.perf_counter()
    sql = (SQL_DIR / f"{name}.sql").read_text()
    for statement in [s for s in sql.split(";\n") if s.strip() and not _only_comments(s)]:
        used = {k: v for k, v in (params or {}).items() if f"${k}" in statement}
        con.execute(statement, used or None)
    STEP_SECONDS[name] = STEP_SECONDS.get(name, 0.0) + time.perf_counter() - t0


def _only_comments(statement: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in statement.splitlines())


def _select_exact(con: duckdb.DuckDBPyConnection, name: str, target: int) -> None:
    """Choose the candidates of step `name` with the lowest scores up to `target` (people or households).

    The running total needs an ORDER BY window, which DuckDB runs on one thread, so a histogram of the scores
    (one parallel scan) first finds the cut-off below which just enough weight lies.
    """
    _run(con, name)
    bins = 1000
    hist = con.execute(
        "SELECT least(floor(score * $bins), $bins - 1)::INTEGER AS b, sum(weight) AS w FROM candidates GROUP BY b",
        {"bins": bins}).df().set_index("b")["w"].reindex(range(bins), fill_value=0).cumsum()
    reach = np.flatnonzero(hist.to_numpy() >= target)
    if target > 0 and len(reach) == 0:
        raise RuntimeError(f"{name}: the candidates hold only {hist.iloc[-1]:.0f} of the target {target}")
    cutoff = (reach[0] + 1) / bins if target > 0 else 0.0
    _run(con, "select_exact", {"target": target, "cutoff": cutoff})
    table = name.split("_", 1)[1]
    con.execute(f"ALTER TABLE selected RENAME TO {table}")  # internal name from the step file
    con.execute("DROP VIEW candidates")


def generate(con: duckdb.DuckDBPyConnection, regions: pd.DataFrame, scale: float, seed: int,
             progress: Progress = lambda _: None) -> None:
    """Fill villages, helpers, households, persons and assistance in `con` (schema already created)."""
    a = ASSUMPTIONS
    STEP_SECONDS.clear()
    con.execute("SET VARIABLE seed = ?", [seed])
    _run(con, "00_macros")
    counties = county_allocation(regions, scale)
    con.register("counties_df", counties)
    con.execute("CREATE TEMP TABLE county_params AS SELECT * FROM counties_df")
    con.unregister("counties_df")
    progress("villages")
    vil = villages(counties, scale, seed)
    con.register("villages_df", vil)
    con.execute("INSERT INTO villages SELECT * FROM villages_df")
    con.unregister("villages_df")

    progress("households")
    _run(con, "10_household_base", {"share_2015": a["recheck_entries_2015_share"], "no_helper": a["no_helper_share"]})
    # Make the people totals exact: nudge sizes of a hashed handful of households up or down by one.
    for reg_years, target in (((2014,), ref.fact("reg_people_2014")), ((2015, 2016), ref.fact("recheck_added_people"))):
        got = con.execute("SELECT coalesce(sum(size), 0) FROM hh_base WHERE list_contains(?, registered_year)",
                          [list(reg_years)]).fetchone()[0]
        delta = round(target * scale) - int(got)
        _run(con, "11_adjust_sizes", {"years": list(reg_years), "n": abs(delta), "step": 1 if delta > 0 else -1})

    _select_exact(con, "20_sel_removed", round(ref.fact("recheck_removed_people") * scale))
    _run(con, "21_apply_removed")
    masses = con.execute("""
        SELECT batch, registered_year, sum(size)::DOUBLE AS people FROM hh_base
        WHERE removed_year IS NULL GROUP BY ALL ORDER BY ALL""").df()
    con.register("exit_cdf_df", exit_cdfs(masses))
    con.execute("CREATE TEMP TABLE exit_cdf AS SELECT * FROM exit_cdf_df")
    con.unregister("exit_cdf_df")
    _run(con, "30_household_status", {"returned": a["returned_share_of_exited_by_2019"]})

    progress("selections")
    _select_exact(con, "40_sel_relocated", round(ref.fact("relocated_people") * scale))
    _select_exact(con, "41_sel_rangers", round(ref.fact("eco_ranger_people") * scale))
    _select_exact(con, "42_sel_microcredit", round(ref.fact("microcredit_households_2016") * scale))
    _run(con, "50_households")
    progress("helpers")
    _run(con, "55_helpers")
    progress("persons")
    _run(con, "60_persons")
    _run(con, "65_households")
    progress("assistance")
    _run(con, "70_assistance")
    _run(con, "90_cleanup")


def load_dimensions(con: duckdb.DuckDBPyConnection) -> None:
    """Causes, measures, labels and poverty lines (the small coded tables)."""
    con.executemany("INSERT INTO causes VALUES (?, ?, ?)", [(c, zh, en) for c, _, zh, en in CAUSES])
    con.executemany("INSERT INTO measures VALUES (?, ?, ?, ?, ?, ?)",
                    [(c, key, zh, en, one_off, unit) for c, key, zh, en, one_off, unit in MEASURES])
    con.executemany("INSERT INTO labels VALUES (?, ?, ?, ?, ?)",
                    [(domain, code, i, zh, en) for domain, rows in LABELS.items()
                     for i, (code, zh, en) in enumerate(rows)])
    con.executemany("INSERT INTO poverty_lines VALUES (?, ?)",
                    [(y, int(ref.fact(f"poverty_line_{y}"))) for y in YEARS])
