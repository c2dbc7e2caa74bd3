"""Shared fixtures: one small snapshot built by the project's own builder for the whole test session."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dashboard.build.builder import DEFAULT_SEED, build_snapshot

TEST_SCALE = 0.01  # 295 k households, ~1 M people: big enough for the calibration tolerances, built in seconds


@pytest.fixture(scope="session")
def snapshot_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a scale-0.01 synthetic snapshot (built once per session)."""
    path = tmp_path_factory.mktemp("snapshot") / "snapshot.duckdb"
    build_snapshot(path, scale=TEST_SCALE, seed=DEFAULT_SEED)
    return path


@pytest.fixture(scope="session")
def snapshot_con(snapshot_path: Path):
    """A read-only connection to the session snapshot."""
    con = duckdb.connect(str(snapshot_path), read_only=True)
    yield con
    con.close()
