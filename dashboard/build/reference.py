"""The reference figures in data/reference/: what the generator targets and calibration checks."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pandas as pd

from dashboard.paths import REFERENCE

FACT_COLUMNS = ["figure_id", "value", "unit", "kind", "scaled", "year", "confidence", "checked", "source"]
RULES = {  # column → (rule text, test of one raw cell)
    "figure_id": ("a non-empty identifier", lambda v: bool(v) and v.replace("_", "").isalnum()),
    "value": ("a number", lambda v: _is_number(v)),
    "kind": ("one of count, share, mean", lambda v: v in {"count", "share", "mean"}),
    "scaled": ("true or false", lambda v: v in {"true", "false"}),
    "checked": ("true or false", lambda v: v in {"true", "false"}),
    "confidence": ("one of A, B, C", lambda v: v in {"A", "B", "C"}),
}


class ReferenceError(ValueError):
    """A reference file breaks a rule; the message names the file, line, column and rule."""


def _is_number(v: str) -> bool:
    try:
        float(v)
    except ValueError:
        return False
    return True


def validate_facts(path: Path) -> None:
    """Check every row of a facts file; raise ReferenceError naming file, line, column and rule at the first fault."""
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = [c for c in FACT_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ReferenceError(f"{path}: missing columns {missing}")
        seen: dict[str, int] = {}
        for line, row in enumerate(reader, start=2):
            for column, (rule, ok) in RULES.items():
                if not ok((row[column] or "").strip()):
                    raise ReferenceError(f"{path}, line {line}, column {column}: {row[column]!r} is not {rule}")
            if row["confidence"] == "C" and row["checked"] == "true":
                raise ReferenceError(f"{path}, line {line}, column checked: a C figure is an assumption, "
                                     "rule: assumptions are reported, never checked")
            if row["kind"] == "share" and not 0 <= float(row["value"]) <= 1:
                raise ReferenceError(f"{path}, line {line}, column value: {row['value']} is not a share in [0, 1]")
            if row["figure_id"] in seen:
                raise ReferenceError(f"{path}, line {line}, column figure_id: {row['figure_id']} repeats line "
                                     f"{seen[row['figure_id']]}, rule: unique")
            seen[row["figure_id"]] = line


@cache
def facts() -> pd.DataFrame:
    """data/reference/facts.csv indexed by figure_id (value, unit, kind, scaled, year, confidence, checked, source)."""
    path = REFERENCE / "facts.csv"
    validate_facts(path)
    return pd.read_csv(path, dtype={"figure_id": str}).set_index("figure_id")


def fact(figure_id: str) -> float:
    """The published value of one figure; a clear error if the reference table lacks it."""
    table = facts()
    if figure_id not in table.index:
        raise KeyError(f"{REFERENCE / 'facts.csv'}: no row with figure_id={figure_id!r} (the generator needs it)")
    return float(table.at[figure_id, "value"])


def province_weights() -> pd.DataFrame:
    """Share of registered people per mainland province (C assumption inside the A bands)."""
    df = pd.read_csv(REFERENCE / "province_weights.csv")
    total = df["weight"].sum()
    if abs(total - 1) > 1e-3:
        raise ValueError(f"{REFERENCE / 'province_weights.csv'}: column weight sums to {total:.4f}, rule: must sum to 1")
    return df


def ethnicity_by_province() -> pd.DataFrame:
    """Minority groups and their shares of registered people per province (C assumption)."""
    return pd.read_csv(REFERENCE / "ethnicity_by_province.csv")
