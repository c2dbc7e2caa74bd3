"""Query layer: named SQL files in queries/ run against the snapshot, returning pandas DataFrames.

Each queries/<name>.sql opens with a header the layer parses (and tests hold to the result)::

    -- title: Key figures by year
    -- description: What the answer means; continuation lines are indented.
    -- params:
    --   adcode (integer): the region (100000 = the nation)
    -- columns:
    --   year: calendar year 2014–2020
    --     (deeper indentation continues the line above)

Parameters are bound by DuckDB as named parameters ($adcode, $year, $limit, $domain), never formatted into the SQL.

One read-only connection per snapshot file and process, shared by all threads: each call runs on its own
`cursor()` (DuckDB's way to use one database from several threads). The snapshot is attached to a private
in-memory database rather than opened by path, because DuckDB caches database instances by path in a process and
would hand back the old file after a rebuild renamed a new one into place. At most once a second the layer stats
the path; when the inode, size or mtime changed it attaches the new file and closes the old one once the calls
still running on it have finished.

Streamlit-free on purpose: the app wraps it in st.cache_resource / st.cache_data.
"""

from __future__ import annotations

import functools
import numbers
import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from dashboard import paths

YEARS = range(2014, 2021)
CHECK_INTERVAL_S = 1.0

_SECTION = re.compile(r"^--\s(\w+):\s*(.*)$")
_ITEM = re.compile(r"^--\s{3}(\w+)(?:\s*\((\w+)\))?:\s*(.*)$")
_CONTINUATION = re.compile(r"^--\s{3,}(\S.*)$")
_PLACEHOLDER = re.compile(r"\$([A-Za-z_]\w*)")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class QueryError(ValueError):
    """A query could not be run as asked: unknown name, bad parameters or a malformed query file."""


class UnknownQueryError(QueryError):
    """No queries/<name>.sql exists."""

    def __init__(self, name: str, known: list[str]):
        self.query = name
        super().__init__(f"unknown query {name!r}; known queries: {', '.join(known)}")


class QueryParameterError(QueryError):
    """A parameter is missing, unexpected, of the wrong type or out of range."""

    def __init__(self, query: str, parameter: str, problem: str):
        self.query = query
        self.parameter = parameter
        super().__init__(f"query {query!r}, parameter {parameter!r}: {problem}")


class QueryFileError(QueryError):
    """A queries/*.sql file whose header does not describe it (a bug in the repository, not in the caller)."""


@dataclass(frozen=True)
class Param:
    """One named parameter of a query, from its header."""

    name: str
    type: str
    description: str


@dataclass(frozen=True)
class QuerySpec:
    """A parsed query file: what it answers, what it takes and what it returns."""

    name: str
    path: Path
    title: str
    description: str
    params: dict[str, Param]
    columns: dict[str, str]
    sql: str = field(repr=False)


def _check_integer(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        return None
    return int(value)


# Per parameter name: the accepted range, checked after the type (the header declares the type).
_RANGES: dict[str, tuple[int, int, str]] = {
    "adcode": (100000, 999999, "a six-digit administrative division code"),
    "year": (YEARS.start, YEARS.stop - 1, f"a year {YEARS.start}–{YEARS.stop - 1}"),
    "limit": (1, 100_000, "a positive row count"),
}
# Text parameters take one of a closed set of values (they select a labels domain, never SQL).
_CHOICES: dict[str, tuple[str, ...]] = {"domain": ("education", "health", "labour")}


def _check_text(value: object) -> str | None:
    return value if isinstance(value, str) else None


_TYPES = {"integer": _check_integer, "text": _check_text}


def parse_query_file(path: Path) -> QuerySpec:
    """Parse a queries/*.sql file's header into a QuerySpec; raise QueryFileError if it is malformed."""
    name = path.stem
    text = path.read_text(encoding="utf-8")
    header: list[str] = []
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        header.append(line.rstrip())
    sections: dict[str, list[str]] = {}
    items: dict[str, list[tuple[str, str | None, list[str]]]] = {"params": [], "columns": []}
    section = None
    for line in header:
        if m := _SECTION.match(line):
            section = m.group(1)
            sections[section] = [m.group(2)] if m.group(2) else []
            continue
        if section in items and (m := _ITEM.match(line)) and not line.startswith("--    "):
            items[section].append((m.group(1), m.group(2), [m.group(3)]))
        elif (m := _CONTINUATION.match(line)) and section is not None:
            target = items[section][-1][2] if section in items and items[section] else sections[section]
            target.append(m.group(1))
        else:
            raise QueryFileError(f"{path}: cannot read header line {line!r}")
    for key in ("title", "description", "params", "columns"):
        if key not in sections:
            raise QueryFileError(f"{path}: header lacks '-- {key}:'")
    params = {}
    for pname, ptype, desc in items["params"]:
        if ptype not in _TYPES:
            raise QueryFileError(f"{path}: parameter {pname!r} has type {ptype!r}; known: {sorted(_TYPES)}")
        if ptype == "text" and pname not in _CHOICES:
            raise QueryFileError(f"{path}: parameter {pname!r} has type 'text' but no closed set of values "
                                 f"(text parameters: {sorted(_CHOICES)})")
        params[pname] = Param(pname, ptype, " ".join(desc))
    columns = {cname: " ".join(desc) for cname, _, desc in items["columns"]}
    if not columns:
        raise QueryFileError(f"{path}: no columns listed")
    body = "\n".join(text.splitlines()[len(header):])
    used = set(_PLACEHOLDER.findall(re.sub(r"--[^\n]*", "", body)))
    if used != set(params):
        raise QueryFileError(f"{path}: header params {sorted(params)} but the SQL uses {sorted(used)}")
    return QuerySpec(name, path, " ".join(sections["title"]), " ".join(sections["description"]), params, columns,
                     text)


def load_specs(queries_dir: Path = paths.QUERIES) -> dict[str, QuerySpec]:
    """Every queries/*.sql parsed, by name (the file stem)."""
    specs = {}
    for path in sorted(Path(queries_dir).glob("*.sql")):
        if not _NAME.match(path.stem):
            raise QueryFileError(f"{path}: query names are lower_snake_case")
        specs[path.stem] = parse_query_file(path)
    return specs


def bind_params(spec: QuerySpec, params: dict[str, object]) -> dict[str, int | str]:
    """Check the caller's parameters against the query's header; return them ready for DuckDB."""
    for pname in params:
        if pname not in spec.params:
            expected = ", ".join(spec.params) or "none"
            raise QueryParameterError(spec.name, pname, f"unexpected parameter (the query takes: {expected})")
    bound = {}
    for pname, param in spec.params.items():
        if pname not in params:
            raise QueryParameterError(spec.name, pname, f"missing ({param.type}: {param.description})")
        value = _TYPES[param.type](params[pname])
        if value is None:
            raise QueryParameterError(spec.name, pname,
                                      f"expected {param.type}, got {type(params[pname]).__name__} {params[pname]!r}")
        if pname in _CHOICES and value not in _CHOICES[pname]:
            raise QueryParameterError(spec.name, pname, f"{value!r} is not one of {', '.join(_CHOICES[pname])}")
        if pname in _RANGES:
            lo, hi, what = _RANGES[pname]
            if not lo <= value <= hi:
                raise QueryParameterError(spec.name, pname, f"{value} is not {what}")
        bound[pname] = value
    return bound


def _file_identity(path: Path) -> tuple[int, int, int, int]:
    st = os.stat(path)
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


class _Generation:
    """One attached snapshot file and the calls running on it."""

    def __init__(self, path: Path):
        try:
            self.identity = _file_identity(path)
        except FileNotFoundError:
            raise FileNotFoundError(f"no snapshot at {path}: build one with `make snapshot`") from None
        self.con = duckdb.connect(":memory:")
        # Quote by doubling: the path is ours, but may hold a quote.
        self.con.execute(f"ATTACH '{str(path).replace(chr(39), chr(39) * 2)}' AS snapshot (READ_ONLY)")
        self.active = 0
        self.retired = False

    def close(self) -> None:
        self.con.close()


class QueryLayer:
    """Run the named queries of queries/ against one snapshot file. Thread-safe; see the module docstring."""

    def __init__(self, path: str | os.PathLike, queries_dir: str | os.PathLike = paths.QUERIES,
                 check_interval: float = CHECK_INTERVAL_S):
        self.path = Path(path)
        self.check_interval = check_interval
        self._specs = load_specs(Path(queries_dir))
        self._lock = threading.Lock()
        self._gen: _Generation | None = None
        self._checked_at = 0.0
        self.reopened = 0  # how many times a replaced snapshot was picked up (tests, diagnostics)

    def names(self) -> list[str]:
        """The query names, sorted."""
        return sorted(self._specs)

    def spec(self, name: str) -> QuerySpec:
        """The parsed header of a query; UnknownQueryError if there is none of that name."""
        try:
            return self._specs[name]
        except KeyError:
            raise UnknownQueryError(name, self.names()) from None

    def run(self, name: str, /, **params: object) -> pd.DataFrame:
        """Run query `name` with its named parameters; return its rows as a new DataFrame."""
        spec = self.spec(name)
        bound = bind_params(spec, params)
        gen = self._acquire()
        try:
            cur = gen.con.cursor()
            try:
                cur.execute("USE snapshot")
                return cur.execute(spec.sql, bound).df()
            finally:
                cur.close()
        finally:
            self._release(gen)

    def close(self) -> None:
        """Close the connection (a later run opens it again)."""
        with self._lock:
            gen, self._gen = self._gen, None
            if gen is not None:
                gen.retired = True
                if gen.active == 0:
                    gen.close()

    def _acquire(self) -> _Generation:
        with self._lock:
            now = time.monotonic()
            if self._gen is None:
                self._gen = _Generation(self.path)
                self._checked_at = now
            elif now - self._checked_at >= self.check_interval:
                self._checked_at = now
                try:
                    changed = _file_identity(self.path) != self._gen.identity
                except FileNotFoundError:
                    changed = False  # mid-replacement or removed: keep serving the file we have
                if changed:
                    old, self._gen = self._gen, _Generation(self.path)
                    self.reopened += 1
                    old.retired = True
                    if old.active == 0:
                        old.close()
            self._gen.active += 1
            return self._gen

    def _release(self, gen: _Generation) -> None:
        with self._lock:
            gen.active -= 1
            if gen.retired and gen.active == 0:
                gen.close()


@functools.cache
def default_layer() -> QueryLayer:
    """The process-wide layer over dashboard.paths.snapshot_path() ($DASHBOARD_SNAPSHOT or data/snapshot.duckdb)."""
    return QueryLayer(paths.snapshot_path())
