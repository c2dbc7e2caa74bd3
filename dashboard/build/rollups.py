"""Pre-aggregated `rollup_*` tables, built at the end of a snapshot build.

Every map, key figure, cause, coverage, indicator, progress and flow question of the dashboard reads these
(county × year grain, summed over a region's counties through `rollup_region_bridge`) instead of the 29 M-household
and 90 M-person microdata. The SQL lives in `rollups/*.sql`, one file per table, run in file-name order;
`rollups/_macros.sql` (the register-status predicates) runs first and defines temporary macros only; then the
two heavy passes over the microdata fill temporary tables the files read: `_helped_measure_masks.sql` (or its numpy
twin) over the assistance account book and `_person_groups.sql`, the single persons-to-households join.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

ROLLUP_SQL = Path(__file__).resolve().parent / "rollups"
MACROS = ROLLUP_SQL / "_macros.sql"
HELPED_MASKS_SQL = ROLLUP_SQL / "_helped_measure_masks.sql"
PERSON_GROUPS_SQL = ROLLUP_SQL / "_person_groups.sql"
TEMP_TABLES = ("helped_measure_masks", "person_groups")  # built before the rollup files, dropped after
FIRST_YEAR, N_YEARS = 2014, 7
ASSISTANCE_BATCH = 8_000_000  # rows per Arrow batch: bounds memory while streaming the account book

log = logging.getLogger(__name__)

# Queries (queries/<name>.sql) that read only rollups and small dimension tables, never the microdata.
# The benchmark holds these to the rollup latency goal; tests answer each from the raw tables too.
ROLLUP_BACKED_QUERIES: tuple[str, ...] = (
    "key_figures_by_year",
    "child_region_figures",
    "households_by_cause",
    "causes_by_child_region",
    "assistance_coverage",
    "assistance_summary",
    "measure_coverage_by_child_region",
    "basic_needs_indicators",
    "exits_by_year",
    "poor_counties_by_batch",
    "lagging_counties",
    "flows_by_year",
    "villages_of_county",
)

# Distribution queries: read pre-binned rollups (county × year × bin), so they sum more rows.
DISTRIBUTION_QUERIES: tuple[str, ...] = (
    "income_histogram",
    "age_pyramid",
    "household_size_distribution",
    "people_by_education",
    "people_by_health",
    "people_by_labour",
)

_TABLE = re.compile(r"^\d+_(rollup_\w+)\.sql$")


def rollup_files() -> list[Path]:
    """The rollup SQL files in execution order (the region × county bridge first)."""
    return sorted(p for p in ROLLUP_SQL.glob("*.sql") if _TABLE.match(p.name))


def rollup_tables() -> list[str]:
    """Names of the tables `build_rollups` creates, in build order."""
    return [_TABLE.match(p.name).group(1) for p in rollup_files()]


def build_helped_measure_masks(con: duckdb.DuckDBPyConnection, engine: str = "auto") -> str:
    """Create the temporary table `helped_measure_masks` (see rollups/_helped_measure_masks.sql); return the engine
    used. engine: 'sql' (the reference), 'numpy' (fast; raises if the data do not allow it) or 'auto'."""
    if engine not in ("auto", "sql", "numpy"):
        raise ValueError(f"engine must be auto, sql or numpy, not {engine!r}")
    if engine != "sql":
        why_not = _numpy_masks(con)
        if why_not is None:
            return "numpy"
        if engine == "numpy":
            raise ValueError(f"numpy engine not applicable: {why_not}")
        log.info("helped_measure_masks in SQL: %s", why_not)
    con.execute(HELPED_MASKS_SQL.read_text(encoding="utf-8"))
    return "sql"


def _numpy_masks(con: duckdb.DuckDBPyConnection) -> str | None:
    """helped_measure_masks with numpy; returns None when done, else why it does not apply (nothing created).

    Households go into arrays indexed by household_id (county index, helped-years mask); the account book is
    streamed once, each row gathering its household's entries (no hash join) and OR-ing a bit for (year, measure)
    into two per-household words (16 bits a year: 2014–2017, 2018–2020). Then, per year, a bincount over
    (county, set of measures) for the households helped that year with at least one measure.
    """
    codes = [c for (c,) in con.execute("SELECT DISTINCT measure_code FROM measures ORDER BY 1").fetchall()]
    lo_id, hi_id, n_hh = con.execute("SELECT min(household_id), max(household_id), count(*) FROM households").fetchone()
    if not n_hh:
        return "no households"
    if lo_id < 0 or hi_id > 2 * n_hh + 1_000_000:
        return "household ids are not dense enough to index arrays by"
    extra = con.execute(
        "SELECT count(*) FROM (SELECT DISTINCT measure_code FROM assistance) WHERE measure_code NOT IN "
        "(SELECT measure_code FROM measures)").fetchone()[0]
    if len(codes) > 12 or extra or any(c >= 64 for c in codes):
        return "more than 12 measures, or assistance rows with measures not in `measures`"
    dense = np.full(256, -1, dtype=np.int64)
    dense[codes] = np.arange(len(codes))  # measure code -> bit 0..k-1 within a year's 16 bits

    hh = con.execute(
        "SELECT household_id, county_adcode, helped_years(registered_year, removed_year, exit_year, "
        "first_exit_year, returned_year)::UTINYINT AS helped FROM households").fetchnumpy()
    hid = np.asarray(hh["household_id"], dtype=np.int64)
    county_list = np.unique(np.asarray(hh["county_adcode"], dtype=np.int64))
    size = int(hi_id) + 1
    county_idx = np.zeros(size, dtype=np.int32)
    county_idx[hid] = np.searchsorted(county_list, np.asarray(hh["county_adcode"], dtype=np.int64))
    helped = np.zeros(size, dtype=np.uint8)
    helped[hid] = np.asarray(hh["helped"], dtype=np.uint8)
    del hh, hid
    words = (np.zeros(size, dtype=np.uint64), np.zeros(size, dtype=np.uint64))

    reader = con.sql(
        f"SELECT household_id, (year - {FIRST_YEAR})::TINYINT AS y, measure_code FROM assistance "
        f"WHERE year BETWEEN {FIRST_YEAR} AND {FIRST_YEAR + N_YEARS - 1}").to_arrow_reader(ASSISTANCE_BATCH)
    for batch in reader:
        ids = batch.column(0).to_numpy().astype(np.int64, copy=False)
        y = batch.column(1).to_numpy().astype(np.int64)
        bit = dense[batch.column(2).to_numpy()]
        keep = ((helped[ids] >> y.astype(np.uint8)) & 1).astype(bool)  # only years the household is helped
        ids, y, bit = ids[keep], y[keep], bit[keep]
        for w, years in ((0, y < 4), (1, y >= 4)):
            shift = ((y[years] - 4 * w) * 16 + bit[years]).astype(np.uint64)
            np.bitwise_or.at(words[w], ids[years], np.left_shift(np.uint64(1), shift))

    code_of_bit = np.asarray(codes, dtype=np.uint64)
    n_sets = 1 << len(codes)
    frames = []
    for yi in range(N_YEARS):
        field = (words[yi // 4] >> np.uint64((yi % 4) * 16)) & np.uint64(0xFFFF)
        sel = np.flatnonzero(field)
        counts = np.bincount(county_idx[sel].astype(np.int64) * n_sets + field[sel].astype(np.int64),
                             minlength=len(county_list) * n_sets)
        keys = np.flatnonzero(counts)
        dense_mask = (keys % n_sets).astype(np.uint64)
        mask = np.zeros(len(keys), dtype=np.uint64)
        for i, code in enumerate(code_of_bit):  # back from dense bits to bit = measure_code
            mask |= ((dense_mask >> np.uint64(i)) & np.uint64(1)) << code
        frames.append(pd.DataFrame({
            "county_adcode": county_list[keys // n_sets].astype(np.int32),
            "year": np.full(len(keys), FIRST_YEAR + yi, dtype=np.int16),
            "mask": mask,
            "n_households": counts[keys].astype(np.int64),
        }))
    result = pd.concat(frames, ignore_index=True)  # noqa: F841 (read by DuckDB's replacement scan below)
    con.execute("CREATE OR REPLACE TEMP TABLE helped_measure_masks AS "
                "SELECT county_adcode, year, mask::UBIGINT AS mask, n_households FROM result")
    return None


def build_rollups(con: duckdb.DuckDBPyConnection, engine: str = "auto") -> dict[str, int]:
    """Create (or replace) every `rollup_*` table from the base tables on `con`; return table -> row count.

    Needs the base tables of dashboard/build/schema.sql filled. Each file must create the table it is named for.
    engine chooses how the assistance masks are computed (build_helped_measure_masks); the results are the same.
    """
    con.execute(MACROS.read_text(encoding="utf-8"))
    started = time.perf_counter()
    used = build_helped_measure_masks(con, engine)
    log.info("helped_measure_masks (%s) in %.2f s", used, time.perf_counter() - started)
    started = time.perf_counter()
    con.execute(PERSON_GROUPS_SQL.read_text(encoding="utf-8"))
    log.info("person_groups in %.2f s", time.perf_counter() - started)
    rows: dict[str, int] = {}
    for path, table in zip(rollup_files(), rollup_tables(), strict=True):
        started = time.perf_counter()
        con.execute(path.read_text(encoding="utf-8"))
        rows[table] = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        log.info("rollup %s: %d rows in %.2f s", table, rows[table], time.perf_counter() - started)
    for table in TEMP_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return rows
