"""Pre-aggregated `rollup_*` tables, built at the end of a snapshot build.

Every map, key figure, cause, coverage, indicator, progress and flow question of the dashboard reads these
(county × year grain, summed over a region's counties through `rollup_region_bridge`) instead of the 29 M-household
and 90 M-person microdata. The SQL lives in `rollups/*.sql`, one file per table, run in file-name order;
`rollups/_macros.sql` (the register-status predicates) runs first and defines temporary macros only.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

import duckdb

ROLLUP_SQL = Path(__file__).resolve().parent / "rollups"
MACROS = ROLLUP_SQL / "_macros.sql"

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


def build_rollups(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Create (or replace) every `rollup_*` table from the base tables on `con`; return table -> row count.

    Needs the base tables of dashboard/build/schema.sql filled. Each file must create the table it is named for.
    """
    con.execute(MACROS.read_text(encoding="utf-8"))
    rows: dict[str, int] = {}
    for path, table in zip(rollup_files(), rollup_tables(), strict=True):
        started = time.perf_counter()
        con.execute(path.read_text(encoding="utf-8"))
        rows[table] = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        log.info("rollup %s: %d rows in %.2f s", table, rows[table], time.perf_counter() - started)
    return rows
