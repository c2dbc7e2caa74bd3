"""Where things live in the repository; everything else derives its paths from here."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
REFERENCE = DATA / "reference"
CACHE = DATA / "cache"
QUERIES = ROOT / "queries"
SHARED_REFERENCE = ROOT.parent / "shared" / "reference"
DEFAULT_SNAPSHOT = DATA / "snapshot.duckdb"
NATION_ADCODE = 100000


def snapshot_path() -> Path:
    """The snapshot the app serves: $DASHBOARD_SNAPSHOT, else data/snapshot.duckdb."""
    return Path(os.environ.get("DASHBOARD_SNAPSHOT", DEFAULT_SNAPSHOT)).resolve()
