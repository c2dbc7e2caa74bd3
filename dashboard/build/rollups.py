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
MICRODATA_BATCH = 8_000_000  # rows per Arrow batch: bounds memory while streaming assistance and persons

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
    "people_by_attribute",
)

_TABLE = re.compile(r"^\d+_(rollup_\w+)\.sql$")


def rollup_files() -> list[Path]:
    """The rollup SQL files in execution order (the region × county bridge first)."""
    return sorted(p for p in ROLLUP_SQL.glob("*.sql") if _TABLE.match(p.name))


def rollup_tables() -> list[str]:
    """Names of the tables `build_rollups` creates, in build order."""
    return [_TABLE.match(p.name).group(1) for p in rollup_files()]


class _NotApplicable(Exception):
    """The numpy engine cannot handle these data (the SQL reference is used instead under engine='auto')."""


def build_microdata_tables(con: duckdb.DuckDBPyConnection, engine: str = "auto") -> dict[str, str]:
    """Create the temporary tables `helped_measure_masks` and `person_groups` (rollups/_*.sql say what they hold);
    return the engine used for each. engine: 'sql' (the reference), 'numpy' (fast; raises ValueError if the data
    do not allow it) or 'auto' (numpy where it applies). Both engines give identical tables (tested)."""
    if engine not in ("auto", "sql", "numpy"):
        raise ValueError(f"engine must be auto, sql or numpy, not {engine!r}")
    used = {}
    households = None
    if engine != "sql":
        try:
            households = _Households(con)
        except _NotApplicable as why:
            if engine == "numpy":
                raise ValueError(f"numpy engine not applicable: {why}") from None
            log.info("microdata tables in SQL: %s", why)
    for table, sql_file, numpy_fn in (("helped_measure_masks", HELPED_MASKS_SQL, _numpy_masks),
                                      ("person_groups", PERSON_GROUPS_SQL, _numpy_person_groups)):
        started = time.perf_counter()
        used[table] = "sql"
        if households is not None:
            try:
                numpy_fn(con, households)
                used[table] = "numpy"
            except _NotApplicable as why:
                if engine == "numpy":
                    raise ValueError(f"numpy engine not applicable to {table}: {why}") from None
                log.info("%s in SQL: %s", table, why)
        if used[table] == "sql":
            con.execute(sql_file.read_text(encoding="utf-8"))
        log.info("%s (%s) in %.2f s", table, used[table], time.perf_counter() - started)
    return used


class _Households:
    """Per-household arrays indexed by household_id, so that assistance and persons rows find their household by
    a gather (one memory read) instead of a hash join over tens of millions of keys. Index -1 = no such household.
    Categorical values are stored as small indexes into the sorted lists kept alongside."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        lo_id, hi_id, n = con.execute("SELECT min(household_id), max(household_id), count(*) FROM households").fetchall()[0]
        if not n:
            raise _NotApplicable("no households")
        if lo_id < 0 or hi_id > 2 * n + 1_000_000:
            raise _NotApplicable("household ids are not dense enough to index arrays by")
        self.counties = np.array([c for (c,) in con.execute(
            "SELECT DISTINCT county_adcode FROM households ORDER BY 1").fetchall()], dtype=np.int64)
        self.regrem = con.execute(
            "SELECT DISTINCT registered_year, removed_year FROM households ORDER BY 1, 2 NULLS FIRST").fetchall()
        self.removed = [r for (r,) in con.execute(
            "SELECT DISTINCT removed_year FROM households ORDER BY 1 NULLS FIRST").fetchall()]
        cols = con.execute("""
            WITH c AS (
                SELECT county_adcode, (row_number() OVER (ORDER BY county_adcode) - 1)::INTEGER AS idx
                FROM (SELECT DISTINCT county_adcode FROM households)
            ),
            rr AS (
                SELECT registered_year, coalesce(removed_year, 0) AS removed_key,
                       (row_number() OVER (ORDER BY registered_year, removed_year NULLS FIRST) - 1)::SMALLINT AS idx
                FROM (SELECT DISTINCT registered_year, removed_year FROM households)
            ),
            rm AS (
                SELECT coalesce(removed_year, 0) AS removed_key,
                       (row_number() OVER (ORDER BY removed_year NULLS FIRST) - 1)::SMALLINT AS idx
                FROM (SELECT DISTINCT removed_year FROM households)
            )
            SELECT h.household_id, c.idx AS county, rr.idx AS regrem, rm.idx AS removed,
                   helped_years(h.registered_year, h.removed_year, h.exit_year, h.first_exit_year,
                                h.returned_year)::UTINYINT AS helped
            FROM households AS h
            JOIN c ON c.county_adcode = h.county_adcode
            JOIN rr ON rr.registered_year = h.registered_year AND rr.removed_key = coalesce(h.removed_year, 0)
            JOIN rm ON rm.removed_key = coalesce(h.removed_year, 0)""").fetchnumpy()
        ids = np.asarray(cols["household_id"], dtype=np.int64)
        self.size = int(hi_id) + 1
        self.county = np.full(self.size, -1, dtype=np.int32)
        self.county[ids] = cols["county"]
        self.regrem_idx = np.zeros(self.size, dtype=np.int16)
        self.regrem_idx[ids] = cols["regrem"]
        self.removed_idx = np.zeros(self.size, dtype=np.int16)
        self.removed_idx[ids] = cols["removed"]
        self.helped = np.zeros(self.size, dtype=np.uint8)
        self.helped[ids] = cols["helped"]


def _numpy_masks(con: duckdb.DuckDBPyConnection, hh: _Households) -> None:
    """helped_measure_masks with numpy. The account book is streamed once; each row ORs its measure's bit into a
    16-bit word per household-year (one measure at a time, so repeated keys within a step carry the same bit and
    a buffered fancy-index OR is exact). Then, per year, a bincount over (county, set of measures) of the
    households helped that year with at least one measure."""
    codes = [c for (c,) in con.execute("SELECT DISTINCT measure_code FROM measures ORDER BY 1").fetchall()]
    extra = con.execute("SELECT count(*) FROM (SELECT DISTINCT measure_code FROM assistance) "
                        "WHERE measure_code NOT IN (SELECT measure_code FROM measures)").fetchall()[0][0]
    if len(codes) > 12 or extra:
        raise _NotApplicable("more than 12 measures, or assistance rows with measures not in `measures`")
    bit_of = np.zeros(256, dtype=np.uint16)
    bit_of[codes] = 1 << np.arange(len(codes), dtype=np.uint16)  # measure code -> bit within a household-year word
    words = np.zeros(hh.size * N_YEARS, dtype=np.uint16)
    reader = con.sql(
        f"SELECT household_id, year - {FIRST_YEAR} AS y, measure_code FROM assistance "
        f"WHERE year BETWEEN {FIRST_YEAR} AND {FIRST_YEAR + N_YEARS - 1} AND household_id BETWEEN 0 AND {hh.size - 1}"
    ).to_arrow_reader(MICRODATA_BATCH)
    for batch in reader:
        keys = batch.column(0).to_numpy().astype(np.int64) * N_YEARS + batch.column(1).to_numpy()
        measure = batch.column(2).to_numpy()
        for code in np.flatnonzero(np.bincount(measure, minlength=256)):
            k = keys[measure == code]
            words[k] |= bit_of[code]

    n_sets = 1 << len(codes)
    code_of_bit = np.asarray(codes, dtype=np.uint64)
    per_household = words.reshape(hh.size, N_YEARS)
    frames = []
    for yi in range(N_YEARS):
        field = per_household[:, yi]
        sel = np.flatnonzero((field != 0) & ((hh.helped >> yi) & 1).astype(bool) & (hh.county >= 0))
        counts = np.bincount(hh.county[sel].astype(np.int64) * n_sets + field[sel],
                             minlength=len(hh.counties) * n_sets)
        keys = np.flatnonzero(counts)
        dense = (keys % n_sets).astype(np.uint64)
        mask = np.zeros(len(keys), dtype=np.uint64)
        for i, code in enumerate(code_of_bit):  # back from word bits to bit = measure_code
            mask |= ((dense >> np.uint64(i)) & np.uint64(1)) << code
        frames.append(pd.DataFrame({"county_adcode": hh.counties[keys // n_sets],
                                    "year": np.full(len(keys), FIRST_YEAR + yi), "mask": mask,
                                    "n_households": counts[keys]}))
    masks = pd.concat(frames, ignore_index=True)  # noqa: F841 (read by DuckDB's replacement scan)
    con.execute("CREATE OR REPLACE TEMP TABLE helped_measure_masks AS SELECT county_adcode::INTEGER AS county_adcode, "
                "year::SMALLINT AS year, mask::UBIGINT AS mask, n_households::BIGINT AS n_households FROM masks")


def _numpy_person_groups(con: duckdb.DuckDBPyConnection, hh: _Households) -> None:
    """person_groups with numpy: persons are streamed once, find county, registration and removal by a gather on
    household_id, and are counted by bincount over the two grouping sets of _person_groups.sql."""
    values = {c: [v for (v,) in con.execute(f"SELECT DISTINCT {c} FROM persons ORDER BY 1").fetchall()]
              for c in ("sex", "education", "health", "labour")}
    if any(None in v for v in values.values()):
        raise _NotApplicable("NULL person attributes")
    b_lo, b_hi = con.execute("SELECT min(birth_year), max(birth_year) FROM persons").fetchall()[0]
    if b_lo is None:
        raise _NotApplicable("no persons")
    n_c, n_rr, n_rm, n_b = len(hh.counties), len(hh.regrem), len(hh.removed), b_hi - b_lo + 1
    n_s, n_e, n_h, n_l = (len(values[c]) for c in ("sex", "education", "health", "labour"))
    cohort_bins, attr_bins = n_c * n_rr * n_b * n_s, n_c * n_rm * n_e * n_h * n_l
    if max(cohort_bins, attr_bins) > 200_000_000:
        raise _NotApplicable("too many groups for dense counting")
    cohort = np.zeros(cohort_bins, dtype=np.int64)
    attr = np.zeros(attr_bins, dtype=np.int64)
    reader = con.sql(
        "SELECT household_id, birth_year - $b_lo AS b, list_position($sex, sex) - 1 AS s, "
        "list_position($education, education) - 1 AS e, list_position($health, health) - 1 AS h, "
        "list_position($labour, labour) - 1 AS l FROM persons "
        f"WHERE household_id BETWEEN 0 AND {hh.size - 1}",
        params={"b_lo": b_lo, **values}).to_arrow_reader(MICRODATA_BATCH)
    for batch in reader:
        ids = batch.column(0).to_numpy().astype(np.int64)
        c = hh.county[ids].astype(np.int64)
        ok = c >= 0  # persons of households that do not exist are left out, as by the SQL join
        ids, c = ids[ok], c[ok]
        b, s, e, h, lab = (batch.column(i).to_numpy().astype(np.int64)[ok] for i in range(1, 6))
        cohort += np.bincount(((c * n_rr + hh.regrem_idx[ids]) * n_b + b) * n_s + s, minlength=cohort_bins)
        attr += np.bincount((((c * n_rm + hh.removed_idx[ids]) * n_e + e) * n_h + h) * n_l + lab,
                            minlength=attr_bins)

    keys = np.flatnonzero(cohort)
    k, s = np.divmod(keys, n_s)
    k, b = np.divmod(k, n_b)
    c, rr = np.divmod(k, n_rr)
    regrem = np.array(hh.regrem, dtype=object).reshape(-1, 2)
    cohorts = pd.DataFrame({  # noqa: F841 (read by DuckDB's replacement scan)
        "county_adcode": hh.counties[c], "registered_year": regrem[rr, 0].astype(np.int64),
        "removed_year": pd.array(regrem[rr, 1], dtype="Int64"), "birth_year": b + b_lo,
        "sex": np.array(values["sex"], dtype=object)[s], "n_people": cohort[keys]})
    keys = np.flatnonzero(attr)
    k, lab = np.divmod(keys, n_l)
    k, h = np.divmod(k, n_h)
    k, e = np.divmod(k, n_e)
    c, rm = np.divmod(k, n_rm)
    attributes = pd.DataFrame({  # noqa: F841 (read by DuckDB's replacement scan)
        "county_adcode": hh.counties[c], "removed_year": pd.array(np.array(hh.removed, dtype=object)[rm],
                                                                  dtype="Int64"),
        "education": np.array(values["education"], dtype=object)[e],
        "health": np.array(values["health"], dtype=object)[h],
        "labour": np.array(values["labour"], dtype=object)[lab], "n_people": attr[keys]})
    con.execute("""
        CREATE OR REPLACE TEMP TABLE person_groups AS
        SELECT county_adcode::INTEGER AS county_adcode, registered_year::SMALLINT AS registered_year,
               removed_year::SMALLINT AS removed_year, birth_year::SMALLINT AS birth_year, sex::VARCHAR AS sex,
               NULL::VARCHAR AS education, NULL::VARCHAR AS health, NULL::VARCHAR AS labour, true AS is_cohort,
               n_people::BIGINT AS n_people
        FROM cohorts
        UNION ALL
        SELECT county_adcode::INTEGER, NULL, removed_year::SMALLINT, NULL, NULL, education::VARCHAR,
               health::VARCHAR, labour::VARCHAR, false, n_people::BIGINT
        FROM attributes""")


def build_rollups(con: duckdb.DuckDBPyConnection, engine: str = "auto") -> dict[str, int]:
    """Create (or replace) every `rollup_*` table from the base tables on `con`; return table -> row count.

    Needs the base tables of dashboard/build/schema.sql filled. Each file must create the table it is named for.
    engine chooses how the two microdata passes run (build_microdata_tables); the results are the same.
    """
    con.execute(MACROS.read_text(encoding="utf-8"))
    build_microdata_tables(con, engine)
    rows: dict[str, int] = {}
    for path, table in zip(rollup_files(), rollup_tables(), strict=True):
        started = time.perf_counter()
        con.execute(path.read_text(encoding="utf-8"))
        rows[table] = con.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0]
        log.info("rollup %s: %d rows in %.2f s", table, rows[table], time.perf_counter() - started)
    for table in TEMP_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return rows
