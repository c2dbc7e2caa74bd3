"""Calibration: measure a snapshot against the published figures in data/reference/facts.csv.

Every figure gets a row. A figure is **checked** when facts.csv says `checked=true` (sourced A/B figures the
generator targets): `ok` is then True or False. Figures that are only reported (C assumptions, bounds, cross-checks,
figures the schema cannot reproduce) get `ok = None` and status 'info': they are shown, never passed or failed.

Tolerances: counts and means within 1 % (relative error), shares within 1 percentage point. A scaled count also
passes when it equals the nearest integer to its expected value, so tiny scales are not failed by rounding alone.
Poor counties per province and exit batch are compared exactly with poor_counties_by_province_exit_year.csv.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.paths import REFERENCE

SQL_FILE = Path(__file__).with_name("calibration.sql")
FACTS_CSV = REFERENCE / "facts.csv"
COUNTIES_CSV = REFERENCE / "poor_counties_by_province_exit_year.csv"
PROVINCES_CSV = REFERENCE / "province_weights.csv"

REL_TOLERANCE = 0.01  # counts and means: 1 % relative
PP_TOLERANCE = 1.0  # shares: 1 percentage point
BATCH_YEARS = (2016, 2017, 2018, 2019, 2020)
# In facts.csv but not measurable from the schema (persons.is_migrant_worker is one flag, not per year).
UNMEASURABLE = frozenset({"migrant_workers_2016"})
COUNTY_SOURCE = "https://github.com/Clebeech/ds_project (processed/poverty_county_list.csv @58576a2)"

COLUMNS = [
    "figure_id",
    "description_en",
    "description_zh",
    "unit",
    "kind",
    "confidence",
    "checked",
    "source",
    "published_value",
    "scale",
    "expected_value",
    "snapshot_value",
    "error",
    "error_unit",
    "tolerance",
    "ok",
    "status",
    "note",
]


@cache
def sql_statements() -> dict[str, str]:
    """The named statements of calibration.sql ('-- name: x' starts statement x)."""
    parts = re.split(r"^-- name: *(\w+) *$", SQL_FILE.read_text(encoding="utf-8"), flags=re.M)
    return {name: body.strip() for name, body in zip(parts[1::2], parts[2::2], strict=True)}


def read_facts() -> pd.DataFrame:
    """facts.csv with its true/false columns as booleans."""
    df = pd.read_csv(FACTS_CSV, dtype={"figure_id": str})
    for col in ("scaled", "checked"):
        df[col] = df[col].astype(str).str.lower().eq("true")
    return df


def snapshot_scale(con: duckdb.DuckDBPyConnection) -> float:
    """meta.scale of the snapshot (1.0 = the whole nation)."""
    rows = con.execute(sql_statements()["scale"]).fetchall()
    if len(rows) != 1 or rows[0][0] is None:
        raise ValueError(f"meta must hold exactly one row with a scale, found {rows!r}")
    return float(rows[0][0])


def measured_values(con: duckdb.DuckDBPyConnection) -> dict[str, float | None]:
    """The snapshot's value of every measurable figure, keyed by figure_id (None where undefined, e.g. 0/0)."""
    rel = con.execute(sql_statements()["figures"])
    names = [d[0] for d in rel.description]
    row = rel.fetchone()
    return {n: (None if v is None else float(v)) for n, v in zip(names, row, strict=True)}


def judge(kind: str, expected: float, snapshot: float | None, scaled: bool) -> tuple[float | None, str, float, bool]:
    """Error, its unit, tolerance and pass/fail of one figure.

    Shares: error in percentage points, tolerance 1 pp. Counts and means: relative error (the count itself when the
    expected value is 0), tolerance 1 %; a scaled count also passes at the integer nearest its expected value.
    A missing snapshot value fails.
    """
    if kind == "share":
        if snapshot is None:
            return None, "pp", PP_TOLERANCE, False
        error = (snapshot - expected) * 100
        return error, "pp", PP_TOLERANCE, abs(error) <= PP_TOLERANCE + 1e-9
    if snapshot is None:
        return None, "relative", REL_TOLERANCE, False
    error = (snapshot - expected) / max(abs(expected), 1.0)
    ok = abs(error) <= REL_TOLERANCE + 1e-12
    if kind == "count" and scaled:
        ok = ok or abs(snapshot - expected) <= 0.5
    return error, "relative", REL_TOLERANCE, ok


def _figure_rows(con: duckdb.DuckDBPyConnection, scale: float) -> list[dict]:
    facts = read_facts()
    measured = measured_values(con)
    unknown = set(facts["figure_id"]) - set(measured) - UNMEASURABLE
    if unknown:
        raise ValueError(f"calibration.sql does not measure {sorted(unknown)}: add them or list them in UNMEASURABLE")
    rows = []
    for f in facts.itertuples(index=False):
        expected = f.value * scale if f.scaled else float(f.value)
        snap = measured.get(f.figure_id)
        if f.figure_id in UNMEASURABLE:
            error, unit, tol, ok = None, "relative" if f.kind != "share" else "pp", None, None
        else:
            error, unit, tol, ok = judge(f.kind, expected, snap, f.scaled)
        if not f.checked:
            ok = None  # reported only: a C assumption or a figure the generator does not target
        rows.append(
            dict(
                figure_id=f.figure_id,
                description_en=f.description_en,
                description_zh=f.description_zh,
                unit=f.unit,
                kind=f.kind,
                confidence=f.confidence,
                checked=f.checked,
                source=f.source,
                published_value=float(f.value),
                scale=scale if f.scaled else 1.0,
                expected_value=expected,
                snapshot_value=snap,
                error=error,
                error_unit=unit,
                tolerance=tol,
                ok=ok,
                note=f.note,
            )
        )
    return rows


def _county_rows(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Exact check of poor counties per province and exit batch (one row per province, plus the rest)."""
    ref = pd.read_csv(COUNTIES_CSV)
    ref = ref[~ref["province"].str.startswith("TOTAL")]
    provinces = pd.read_csv(PROVINCES_CSV).set_index("province_zh")["province_adcode"]
    missing = set(ref["province"]) - set(provinces.index)
    if missing:
        raise ValueError(f"{COUNTIES_CSV.name}: provinces {sorted(missing)} not in {PROVINCES_CSV.name}")
    got = con.execute(sql_statements()["poor_counties"], {"level": "county"}).df()
    got_n = {
        (
            int(r.province_adcode) if pd.notna(r.province_adcode) else None,
            int(r.exit_batch_year) if pd.notna(r.exit_batch_year) else None,
        ): int(r.n_counties)
        for r in got.itertuples(index=False)
    }
    rows = []
    for r in ref.itertuples(index=False):
        adcode = int(provinces[r.province])
        published = {"total": int(r.n_poor_counties)}
        published.update({y: int(getattr(r, f"exit_{y}" if y < 2020 else "exit_2020_guapai")) for y in BATCH_YEARS})
        snapshot = {"total": sum(n for (p, _), n in got_n.items() if p == adcode)}
        snapshot.update({y: got_n.get((adcode, y), 0) for y in BATCH_YEARS})
        diffs = [
            f"{k}: published {published[k]}, snapshot {snapshot[k]}" for k in published if published[k] != snapshot[k]
        ]
        rows.append(
            _exact_row(
                f"poor_counties_province_{adcode}",
                f"Poor counties in {r.province} by exit batch (total, 2016-2020)",
                f"{r.province}贫困县数及各批次摘帽数",
                published["total"],
                snapshot["total"],
                diffs,
            )
        )
    listed = {int(a) for a in provinces[ref["province"]]}
    others = sum(n for (p, _), n in got_n.items() if p not in listed)
    rows.append(
        _exact_row(
            "poor_counties_province_other",
            "Poor counties outside the 22 provinces of the list (expected none)",
            "名单22省以外的贫困县数",
            0,
            others,
            [f"total: published 0, snapshot {others}"] if others else [],
        )
    )
    return rows


def _exact_row(figure_id: str, en: str, zh: str, published: int, snapshot: int, diffs: list[str]) -> dict:
    return dict(
        figure_id=figure_id,
        description_en=en,
        description_zh=zh,
        unit="count",
        kind="count",
        confidence="B",
        checked=True,
        source=COUNTY_SOURCE,
        published_value=float(published),
        scale=1.0,
        expected_value=float(published),
        snapshot_value=float(snapshot),
        error=float(len(diffs)),
        error_unit="cells",
        tolerance=0.0,
        ok=not diffs,
        note="exact check of the 832-county list as matched to the regions table against "
        "poor_counties_by_province_exit_year.csv (not scaled); "
        + ("; ".join(diffs) if diffs else "all cells match"),
    )


def measure_figures(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Measure every figure of facts.csv in the snapshot open on `con`, plus the exact per-province county check.

    One row per figure with: figure_id, descriptions, unit, kind, confidence, checked, source, published_value,
    scale, expected_value (published x scale when scaled), snapshot_value, error (relative for counts and means,
    percentage points for shares, mismatching cells for the county check), error_unit, tolerance, ok (True/False for
    checked figures, None for figures that are reported only), status ('OK' | 'FAIL' | 'info') and note.
    """
    scale = snapshot_scale(con)
    df = pd.DataFrame(_figure_rows(con, scale) + _county_rows(con), columns=COLUMNS[:-2] + ["note"])
    df["ok"] = df["ok"].astype("boolean")
    df["status"] = df["ok"].map({True: "OK", False: "FAIL"}).fillna("info").astype(str)
    return df[COLUMNS]


def failures(df: pd.DataFrame) -> list[str]:
    """figure_ids of checked figures that failed."""
    return df.loc[df["checked"] & df["ok"].eq(False).fillna(False), "figure_id"].tolist()


def write_calibration_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Store measure_figures() as table `calibration` in the snapshot (replacing it) and return it."""
    df = measure_figures(con)
    con.register("_calibration_df", df)
    try:
        con.execute("CREATE OR REPLACE TABLE calibration AS SELECT * FROM _calibration_df")
    finally:
        con.unregister("_calibration_df")
    con.execute(
        "COMMENT ON TABLE calibration IS '校准结果：快照与公开数据对照 | Calibration: the snapshot against the published "
        "figures (ok NULL = reported only, not checked)'"
    )
    return df
