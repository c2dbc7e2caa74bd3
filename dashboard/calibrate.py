"""Check a snapshot against the published figures: `python -m dashboard.calibrate <snapshot.duckdb>`.

Prints one line per figure (published value scaled to the snapshot, snapshot value, error, OK/FAIL/info) and exits
1 if any checked figure is outside its tolerance. C assumptions and other reported-only figures show as 'info' and
never fail the run. See dashboard/build/calibration.py for the tolerances and data/reference/facts.csv for the
definitions.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.build.calibration import failures, measure_figures, snapshot_scale


def _number(value: float | None, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if unit == "share":
        return f"{value * 100:.2f}%"
    if abs(value - round(value)) < 1e-9 or abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def _error(error: float | None, error_unit: str) -> str:
    if error is None or pd.isna(error):
        return "–"
    if error_unit == "pp":
        return f"{error:+.2f} pp"
    if error_unit == "cells":
        return f"{error:.0f} cells"
    return f"{error * 100:+.2f}%"


def format_table(df: pd.DataFrame) -> str:
    """The calibration result as an aligned text table, one line per figure."""
    header = ("figure", "conf", "published (scaled)", "snapshot", "error", "result")
    lines = [
        (
            r.figure_id,
            r.confidence,
            _number(r.expected_value, r.unit),
            _number(r.snapshot_value, r.unit),
            _error(r.error, r.error_unit),
            r.status,
        )
        for r in df.itertuples(index=False)
    ]
    widths = [max(len(str(x[i])) for x in [header, *lines]) for i in range(len(header))]
    right = {2, 3, 4}  # numbers right-aligned

    def fmt(row: tuple) -> str:
        return "  ".join(
            str(v).rjust(w) if i in right else str(v).ljust(w) for i, (v, w) in enumerate(zip(row, widths, strict=True))
        )

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(header), rule, *map(fmt, lines)])


def main(argv: list[str] | None = None) -> int:
    """Run the calibration on a snapshot and return the exit status (0 all checked figures pass, 1 otherwise)."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.calibrate", description=__doc__.splitlines()[0])
    parser.add_argument("snapshot", type=Path, help="snapshot DuckDB file")
    args = parser.parse_args(argv)
    if not args.snapshot.is_file():
        parser.error(f"no snapshot at {args.snapshot} (build one with `make snapshot`)")

    with duckdb.connect(str(args.snapshot), read_only=True) as con:
        scale = snapshot_scale(con)
        df = measure_figures(con)
    print(f"snapshot {args.snapshot}  scale {scale:g}")
    print(format_table(df))
    n_checked = int(df["checked"].sum())
    failed = failures(df)
    print()
    if failed:
        print(f"FAIL: {len(failed)} of {n_checked} checked figures are outside tolerance: {', '.join(failed)}")
        return 1
    n_info = int((df["status"] == "info").sum())
    print(f"OK: all {n_checked} checked figures are within tolerance ({n_info} more reported only, marked info)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
