"""Cached access to the query layer: the only way pages get data.

One read-only QueryLayer per process (st.cache_resource); each query result is cached by
(snapshot, name, params) with st.cache_data, so reruns after a click or a widget change cost
dictionary look-ups, not DuckDB scans. Pages call `q(name, **params)`; SQL lives in queries/*.sql.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.paths import snapshot_path


@st.cache_resource(show_spinner=False)
def _layer(path: str) -> Any:
    # Tests may swap in another layer ("module:Class"); imported late so a missing snapshot is explained first.
    module_name, _, class_name = os.environ.get("DASHBOARD_QUERY_LAYER", "dashboard.query:QueryLayer").partition(":")
    return getattr(importlib.import_module(module_name), class_name)(Path(path))


def layer() -> Any:
    """The process-wide QueryLayer over the configured snapshot."""
    return _layer(str(snapshot_path()))


@st.cache_data(show_spinner=False, max_entries=4096)
def _run(path: str, name: str, params: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    started = time.perf_counter()
    df = _layer(path).run(name, **dict(params))
    if os.environ.get("DASHBOARD_PROFILE"):  # cache misses only: what a cold page pays per query
        print(f"PROFILE query={name} ms={(time.perf_counter() - started) * 1000:.1f} rows={len(df)}", file=sys.stderr, flush=True)
    return df


def q(name: str, **params: Any) -> pd.DataFrame:
    """Run the named query with parameters, cached. Callers must not mutate the result."""
    return _run(str(snapshot_path()), name, tuple(sorted(params.items())))


def q_row(name: str, **params: Any) -> dict[str, Any]:
    """The first row of a query as a dict ({} when it returns no row)."""
    df = q(name, **params)
    return {} if df.empty else df.iloc[0].to_dict()


def snapshot_exists() -> bool:
    """Whether the configured snapshot file is there (a swapped-in test layer needs none)."""
    return "DASHBOARD_QUERY_LAYER" in os.environ or snapshot_path().is_file()


@st.cache_data(show_spinner=False)
def _meta(path: str) -> dict[str, Any]:
    df = _layer(path).run("snapshot_meta")
    return {} if df.empty else df.iloc[0].to_dict()


def meta() -> dict[str, Any]:
    """The snapshot's meta row (source, seed, scale, …)."""
    return _meta(str(snapshot_path()))


def is_synthetic() -> bool:
    """Whether the snapshot is synthetic (then every page shows a banner)."""
    return meta().get("source") == "synthetic"
