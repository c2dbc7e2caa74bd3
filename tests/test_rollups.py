"""Every rollup-backed question answered twice — from the rollups (queries/) and from the raw tables
(tests/raw_answers/, the semantics written out independently) — must give identical results.

Runs on the tiny hand-written registry and on the session's small built snapshot (conftest `snapshot_path`),
for the nation, a province, a prefecture and a county (plus a province-administered county where there is one).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixtures.tiny_registry import HUBEI, NATION, SHENNONGJIA, YICHANG, ZIGUI, build_tiny_registry  # noqa: E402

from dashboard import paths  # noqa: E402
from dashboard.build.rollups import (  # noqa: E402
    DISTRIBUTION_QUERIES,
    ROLLUP_BACKED_QUERIES,
    TEMP_TABLES,
    build_microdata_tables,
    build_rollups,
    rollup_tables,
)
from dashboard.query import QueryLayer  # noqa: E402

RAW = Path(__file__).resolve().parent / "raw_answers"
CHECKED = sorted(ROLLUP_BACKED_QUERIES + DISTRIBUTION_QUERIES)
YEARS = (2014, 2016, 2017, 2019, 2020)
MICRODATA = re.compile(r"\b(FROM|JOIN)\s+(households|persons|assistance)\b", re.IGNORECASE)


def test_every_checked_query_has_a_raw_answer():
    raw = {p.stem for p in RAW.glob("*.sql") if not p.stem.startswith("_")}
    assert set(CHECKED) == raw
    assert set(CHECKED) <= {p.stem for p in paths.QUERIES.glob("*.sql")}


@pytest.mark.parametrize("name", CHECKED)
def test_rollup_backed_queries_never_read_microdata(name):
    sql = (paths.QUERIES / f"{name}.sql").read_text(encoding="utf-8")
    assert not MICRODATA.search(sql), f"{name} reads microdata; it should read rollup_* tables"


def test_build_rollups_creates_every_table(tmp_path):
    path = build_tiny_registry(tmp_path / "t.duckdb", with_rollups=False)
    con = duckdb.connect(str(path))
    try:
        rows = build_rollups(con)
        assert list(rows) == rollup_tables()
        assert rollup_tables()[0] == "rollup_region_bridge"
        assert all(n > 0 for n in rows.values()), rows
        assert build_rollups(con) == rows  # rebuilding replaces, never appends
    finally:
        con.close()


def _raw_answer(con: duckdb.DuckDBPyConnection, name: str, params: dict) -> pd.DataFrame:
    sql = (RAW / f"{name}.sql").read_text(encoding="utf-8")
    used = set(re.findall(r"\$(\w+)", sql))
    return con.execute(sql, {k: v for k, v in params.items() if k in used}).df()


def _compare(layer: QueryLayer, con: duckdb.DuckDBPyConnection, name: str, adcodes: list[int]) -> int:
    spec = layer.spec(name)
    compared = 0
    for adcode in adcodes:
        for year in YEARS if "year" in spec.params else (None,):
            params = {"adcode": adcode, "year": year, "limit": 25, "domain": "education"}
            params = {k: v for k, v in params.items() if k in spec.params}
            got = layer.run(name, **params)
            want = _raw_answer(con, name, params)
            assert list(want.columns) == list(got.columns), name
            pd.testing.assert_frame_equal(
                got.reset_index(drop=True), want.reset_index(drop=True), check_dtype=False, check_exact=False,
                rtol=1e-9, obj=f"{name}({params})",
            )
            compared += len(got)
    return compared


def _open_raw(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path), read_only=True)
    con.execute((RAW / "_prelude.sql").read_text(encoding="utf-8"))
    return con


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    path = build_tiny_registry(tmp_path_factory.mktemp("tiny") / "tiny.duckdb")
    layer, con = QueryLayer(path), _open_raw(path)
    yield layer, con
    layer.close()
    con.close()


@pytest.mark.parametrize("name", CHECKED)
def test_rollups_equal_raw_answers_on_the_tiny_registry(tiny, name):
    layer, con = tiny
    adcodes = [ZIGUI] if name == "villages_of_county" else [NATION, HUBEI, YICHANG, ZIGUI, SHENNONGJIA]
    assert _compare(layer, con, name, adcodes) > 0


def _representative_regions(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Nation, and a province, prefecture and county along the chain of the poor county with most households."""
    county, parent, province = con.execute("""
        SELECT r.adcode, r.parent_adcode, r.province_adcode
        FROM regions AS r JOIN households AS h ON h.county_adcode = r.adcode
        WHERE r.is_poor_county AND (SELECT level FROM regions WHERE adcode = r.parent_adcode) = 'prefecture'
        GROUP BY ALL ORDER BY count(*) DESC, r.adcode LIMIT 1""").fetchone()
    chosen = {"nation": NATION, "province": province, "prefecture": parent, "county": county}
    direct = con.execute("""
        SELECT r.adcode FROM regions AS r JOIN regions AS p ON p.adcode = r.parent_adcode
        WHERE r.level = 'county' AND p.level = 'province'
          AND EXISTS (SELECT 1 FROM households AS h WHERE h.county_adcode = r.adcode)
        ORDER BY r.adcode LIMIT 1""").fetchone()
    if direct:
        chosen["province_administered_county"] = direct[0]
    return chosen


@pytest.fixture(scope="module")
def built(request):
    try:
        path = request.getfixturevalue("snapshot_path")
    except pytest.FixtureLookupError:
        pytest.skip("conftest provides no `snapshot_path` fixture (a small built snapshot)")
    layer, con = QueryLayer(path), _open_raw(path)
    yield layer, con, _representative_regions(con)
    layer.close()
    con.close()


@pytest.mark.parametrize("name", CHECKED)
def test_rollups_equal_raw_answers_on_the_built_snapshot(built, name):
    layer, con, regions = built
    adcodes = [regions["county"]] if name == "villages_of_county" else list(regions.values())
    assert _compare(layer, con, name, adcodes) > 0


def test_flows_balance_on_the_built_snapshot(built):
    layer, _, regions = built
    for adcode in regions.values():
        df = layer.run("flows_by_year", adcode=adcode)
        balance = (df.n_people_remaining_start + df.n_people_entered - df.n_people_removed - df.n_people_exited
                   + df.n_people_returned)
        assert list(balance) == list(df.n_people_remaining)
        assert df.n_people_remaining.iloc[-1] == 0  # everyone not removed has exited by 2020


def test_helped_years_mask_equals_is_helped_for_every_register_history():
    con = duckdb.connect()
    con.execute((Path(paths.ROOT) / "dashboard" / "build" / "rollups" / "_macros.sql").read_text(encoding="utf-8"))
    con.execute("""
        CREATE TABLE histories AS
        WITH reg AS (SELECT unnest([2014, 2015, 2016]) AS registered_year),
        removed AS (  -- removed households never exit
            SELECT registered_year, removed_year, NULL::INT AS exit_year, NULL::INT AS first_exit_year,
                   NULL::INT AS returned_year
            FROM reg, (SELECT unnest([2015, 2016]) AS removed_year) WHERE removed_year >= registered_year
        ),
        exited AS (
            SELECT registered_year, NULL::INT, e.exit_year, NULL::INT, NULL::INT
            FROM reg, (SELECT range AS exit_year FROM range(2014, 2021)) AS e WHERE e.exit_year >= registered_year
        ),
        returned AS (  -- first exit < return <= final exit
            SELECT registered_year, NULL::INT, e.range, f.range, r.range
            FROM reg, range(2014, 2021) AS f, range(2014, 2021) AS r, range(2014, 2021) AS e
            WHERE f.range >= registered_year AND f.range < r.range AND r.range <= e.range
        )
        SELECT * FROM removed UNION ALL SELECT * FROM exited UNION ALL SELECT * FROM returned""")
    mismatches = con.execute("""
        SELECT h.*, y.range AS year
        FROM histories AS h, range(2014, 2021) AS y
        WHERE ((helped_years(registered_year, removed_year, exit_year, first_exit_year, returned_year)
                >> (y.range - 2014)) & 1 = 1)
              IS DISTINCT FROM coalesce(is_helped(registered_year, removed_year, exit_year, first_exit_year,
                                                  returned_year, y.range), false)""").fetchall()
    assert con.execute("SELECT count(*) FROM histories").fetchone()[0] > 100
    assert mismatches == []


def _microdata_tables(path: Path, engine: str) -> dict[str, Counter]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        con.execute((Path(paths.ROOT) / "dashboard" / "build" / "rollups" / "_macros.sql").read_text(encoding="utf-8"))
        assert set(build_microdata_tables(con, engine).values()) == {engine}
        # Compared as multisets: rows are unordered (and ORDER BY ALL over NULL-heavy rows is no stable key).
        return {t: Counter(con.execute(f"SELECT * FROM {t}").fetchall()) for t in TEMP_TABLES}
    finally:
        con.close()


def test_numpy_and_sql_microdata_tables_agree_on_the_tiny_registry(tmp_path):
    path = build_tiny_registry(tmp_path / "t.duckdb", with_rollups=False)
    numpy_tables, sql_tables = _microdata_tables(path, "numpy"), _microdata_tables(path, "sql")
    assert all(sql_tables.values())
    assert numpy_tables == sql_tables


def test_numpy_and_sql_microdata_tables_agree_on_the_built_snapshot(built):
    layer, _, _ = built
    assert _microdata_tables(layer.path, "numpy") == _microdata_tables(layer.path, "sql")
