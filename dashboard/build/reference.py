"""The reference figures in data/reference/: what the generator targets and calibration checks."""

from __future__ import annotations

from functools import cache

import pandas as pd

from dashboard.paths import REFERENCE


@cache
def facts() -> pd.DataFrame:
    """data/reference/facts.csv indexed by figure_id (value, unit, kind, scaled, year, confidence, checked, source)."""
    df = pd.read_csv(REFERENCE / "facts.csv", dtype={"figure_id": str})
    dup = df.loc[df["figure_id"].duplicated(), "figure_id"].tolist()
    if dup:
        raise ValueError(f"{REFERENCE / 'facts.csv'}: duplicate figure_id {dup}")
    return df.set_index("figure_id")


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
