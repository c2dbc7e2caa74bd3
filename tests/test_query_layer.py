"""The query layer itself: header parsing, parameter checks, thread safety and picking up a replaced snapshot."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import duckdb
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixtures.tiny_registry import HUBEI, NATION, build_tiny_registry  # noqa: E402

from dashboard import paths  # noqa: E402
from dashboard.query import (  # noqa: E402
    QueryError,
    QueryFileError,
    QueryLayer,
    QueryParameterError,
    UnknownQueryError,
    load_specs,
    parse_query_file,
)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    return build_tiny_registry(tmp_path_factory.mktemp("tiny") / "tiny.duckdb")


@pytest.fixture()
def layer(tiny):
    q = QueryLayer(tiny)
    yield q
    q.close()


def test_every_query_file_parses_and_uses_only_the_contract_parameters():
    specs = load_specs()
    assert specs, "no queries found"
    for spec in specs.values():
        assert spec.title and spec.description and spec.columns
        assert set(spec.params) <= {"adcode", "year", "limit", "domain"}, spec.name
        for column in spec.columns:
            # The column vocabulary: ids, flags, counts, shares, codes and a few plain attribute names.
            assert column == column.lower() and " " not in column, (spec.name, column)


def test_names_and_spec(layer):
    assert "key_figures_by_year" in layer.names()
    spec = layer.spec("lagging_counties")
    assert list(spec.params) == ["adcode", "year", "limit"]
    assert spec.params["year"].type == "integer"
    assert "gap" in spec.columns


def test_unknown_query_name(layer):
    with pytest.raises(UnknownQueryError, match="no_such_query") as err:
        layer.run("no_such_query", adcode=NATION)
    assert isinstance(err.value, ValueError) and err.value.query == "no_such_query"
    with pytest.raises(UnknownQueryError):
        layer.spec("../etc/passwd")


@pytest.mark.parametrize(
    ("params", "parameter", "message"),
    [
        ({}, "adcode", "missing"),
        ({"adcode": NATION}, "year", "missing"),
        ({"adcode": NATION, "year": 2016, "region": 1}, "region", "unexpected"),
        ({"adcode": "100000", "year": 2016}, "adcode", "expected integer"),
        ({"adcode": NATION, "year": 2016.0}, "year", "expected integer"),
        ({"adcode": NATION, "year": True}, "year", "expected integer"),
        ({"adcode": NATION, "year": 2013}, "year", "not a year"),
        ({"adcode": 42, "year": 2016}, "adcode", "six-digit"),
    ],
)
def test_bad_parameters(layer, params, parameter, message):
    with pytest.raises(QueryParameterError, match=message) as err:
        layer.run("households_by_cause", **params)
    assert err.value.query == "households_by_cause" and err.value.parameter == parameter
    assert isinstance(err.value, QueryError) and isinstance(err.value, ValueError)
    assert "households_by_cause" in str(err.value) and parameter in str(err.value)


def test_limit_must_be_positive(layer):
    with pytest.raises(QueryParameterError, match="limit"):
        layer.run("lagging_counties", adcode=NATION, year=2017, limit=0)


def test_text_parameters_take_only_their_listed_values(layer):
    with pytest.raises(QueryParameterError, match="'income' is not one of education, health, labour"):
        layer.run("people_by_attribute", adcode=NATION, domain="income")
    with pytest.raises(QueryParameterError, match="expected text"):
        layer.run("people_by_attribute", adcode=NATION, domain=3)
    assert len(layer.run("people_by_attribute", adcode=NATION, domain="health")) == 4


def test_numpy_integers_are_accepted(layer):
    df = layer.run("households_by_cause", adcode=np.int64(NATION), year=np.int32(2016))
    assert df.n_households.sum() == 8


def test_parameters_are_bound_not_formatted(layer):
    # A value that would change the SQL if it were pasted in is refused by the type check, never executed.
    with pytest.raises(QueryParameterError):
        layer.run("region_info", adcode="100000 OR 1=1")


def test_malformed_header_is_a_file_error(tmp_path):
    bad = tmp_path / "bad_query.sql"
    bad.write_text("-- title: Bad\n-- description: uses a parameter it does not declare\n-- params:\n"
                   "-- columns:\n--   x: a number\nSELECT $adcode AS x;\n", encoding="utf-8")
    with pytest.raises(QueryFileError, match="adcode"):
        parse_query_file(bad)
    untyped = tmp_path / "untyped.sql"
    untyped.write_text("-- title: T\n-- description: d\n-- params:\n--   adcode (text): a region\n-- columns:\n"
                       "--   x: a number\nSELECT $adcode AS x;\n", encoding="utf-8")
    with pytest.raises(QueryFileError, match="type"):
        parse_query_file(untyped)


def test_concurrent_calls_share_one_connection(layer):
    errors: list[BaseException] = []
    results: list[int] = []

    def work():
        try:
            for year in range(2014, 2021):
                results.append(int(layer.run("key_figures_by_year", adcode=HUBEI).n_people_on_register.iloc[-1]))
                layer.run("child_region_figures", adcode=NATION, year=year)
        except BaseException as exc:  # noqa: BLE001 (collected and re-raised in the main thread)
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert set(results) == {22} and len(results) == 8 * 7


def _replace_with_modified_copy(src: Path, dst: Path, tmp: Path) -> None:
    """Rebuild-style replacement: write a new file next to dst, then rename it into place."""
    new = tmp / "new.duckdb"
    new.write_bytes(src.read_bytes())
    con = duckdb.connect(str(new))
    con.execute("UPDATE meta SET source = 'imported'")
    con.close()
    os.replace(new, dst)


def test_reopens_after_the_snapshot_is_replaced(tiny, tmp_path):
    served = tmp_path / "served.duckdb"
    served.write_bytes(tiny.read_bytes())
    q = QueryLayer(served, check_interval=0.0)
    try:
        assert q.run("snapshot_meta").source[0] == "synthetic"
        _replace_with_modified_copy(tiny, served, tmp_path)
        assert q.run("snapshot_meta").source[0] == "imported"
        assert q.reopened == 1
        assert q.run("snapshot_meta").source[0] == "imported" and q.reopened == 1  # unchanged file: no reopen
    finally:
        q.close()


def test_stat_is_rate_limited(tiny, tmp_path):
    served = tmp_path / "served.duckdb"
    served.write_bytes(tiny.read_bytes())
    q = QueryLayer(served, check_interval=3600.0)
    try:
        assert q.run("snapshot_meta").source[0] == "synthetic"
        _replace_with_modified_copy(tiny, served, tmp_path)
        assert q.run("snapshot_meta").source[0] == "synthetic"  # not checked again within the interval
        q.check_interval = 0.0
        assert q.run("snapshot_meta").source[0] == "imported"
    finally:
        q.close()


def test_replacement_during_running_calls(tiny, tmp_path):
    served = tmp_path / "served.duckdb"
    served.write_bytes(tiny.read_bytes())
    q = QueryLayer(served, check_interval=0.0)
    errors: list[BaseException] = []
    stop = time.monotonic() + 1.5

    def work():
        try:
            while time.monotonic() < stop:
                assert len(q.run("key_figures_by_year", adcode=NATION)) == 7
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for i in range(3):
        time.sleep(0.3)
        scratch = tmp_path / f"r{i}"
        scratch.mkdir()
        _replace_with_modified_copy(tiny, served, scratch)
    for t in threads:
        t.join()
    q.close()
    assert not errors, errors
    assert q.reopened >= 1


def test_default_layer_uses_the_configured_snapshot(tiny, monkeypatch):
    from dashboard import query

    query.default_layer.cache_clear()
    monkeypatch.setenv("DASHBOARD_SNAPSHOT", str(tiny))
    try:
        layer = query.default_layer()
        assert layer.path == paths.snapshot_path() == tiny.resolve()
        assert layer is query.default_layer()
        assert len(layer.run("poverty_lines")) == 7
        layer.close()
    finally:
        query.default_layer.cache_clear()


def test_missing_snapshot_is_a_clear_error(tmp_path):
    q = QueryLayer(tmp_path / "absent.duckdb")
    assert "poverty_lines" in q.names()  # names and specs need no snapshot
    with pytest.raises(FileNotFoundError, match="make snapshot"):
        q.run("poverty_lines")
