"""`make bench-queries SNAPSHOT=… OUT=…`: latency of every named query through the query layer.

1. Each query over representative parameters (the nation, the three largest provinces, a prefecture in each,
   the three largest poor counties; years 2014/2017/2020): the first call on a fresh layer (cold) and `--reps`
   warm repetitions; p50/p95 over the warm calls.
2. pandas_ratio: a `--sample` fraction of the households (with their persons and assistance) is copied to a sample
   snapshot (rollups rebuilt) and exported to Parquet; six dashboard questions are answered with pandas on the
   Parquet tables (loaded once, not timed) and through the query layer on the sample snapshot (warm).
   Ratio = pandas time ÷ query-layer time, summed over the questions.
3. Concurrency: `--threads` threads issue a mix of queries on one shared layer; qps, p95 and errors.

Writes JSON to --out and prints a table. Goals at scale 1.0 (reported, not enforced): p95 ≤ 50 ms for
rollup-backed queries, ≤ 300 ms for distributions, pandas_ratio ≥ 20, no errors with 8 threads.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from dashboard.build.rollups import DISTRIBUTION_QUERIES, ROLLUP_BACKED_QUERIES, build_rollups
from dashboard.query import QueryLayer

NATION = 100000
YEARS = (2014, 2017, 2020)
GOAL_MS = {"rollup": 50.0, "distribution": 300.0, "other": 50.0}
SCHEMA = Path(__file__).resolve().parent.parent / "dashboard" / "build" / "schema.sql"
CHILD_QUERIES = {"child_regions", "child_region_figures", "causes_by_child_region",
                 "measure_coverage_by_child_region", "child_boundaries"}


def kind_of(name: str) -> str:
    """'rollup', 'distribution' or 'other' (metadata and dimension lookups)."""
    if name in ROLLUP_BACKED_QUERIES:
        return "rollup"
    return "distribution" if name in DISTRIBUTION_QUERIES else "other"


def pick_regions(layer: QueryLayer) -> dict[str, list[int]]:
    """The nation, the 3 largest provinces, the largest prefecture of each, the 3 largest poor counties."""
    provinces = layer.run("child_region_figures", adcode=NATION, year=2020)
    provinces = provinces.sort_values(["n_people_on_register", "adcode"], ascending=[False, True]).head(3)
    prefectures = []
    for adcode in provinces.adcode:
        kids = layer.run("child_region_figures", adcode=int(adcode), year=2020)
        kids = kids[kids.level == "prefecture"].sort_values(["n_people_on_register", "adcode"],
                                                            ascending=[False, True])
        if len(kids):
            prefectures.append(int(kids.adcode.iloc[0]))
    counties = layer.run("lagging_counties", adcode=NATION, year=2014, limit=100_000)
    counties = counties.sort_values(["n_people_on_register", "adcode"], ascending=[False, True]).head(3)
    return {"nation": [NATION], "province": [int(a) for a in provinces.adcode], "prefecture": prefectures,
            "county": [int(a) for a in counties.adcode]}


def param_sets(layer: QueryLayer, name: str, regions: dict[str, list[int]]) -> list[dict]:
    """Representative parameter sets for one query."""
    spec = layer.spec(name)
    if "adcode" not in spec.params:
        return [{}]
    if name == "villages_of_county":
        adcodes = regions["county"]
    elif name in CHILD_QUERIES:
        adcodes = regions["nation"] + regions["province"] + regions["prefecture"]
    else:
        adcodes = [a for group in regions.values() for a in group]
    out = []
    for i, adcode in enumerate(adcodes):
        params = {"adcode": adcode}
        if "year" in spec.params:
            params["year"] = YEARS[i % len(YEARS)]
        if "limit" in spec.params:
            params["limit"] = 20
        if "domain" in spec.params:
            params["domain"] = ("education", "health", "labour")[i % 3]
        out.append(params)
    return out


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000.0


def time_queries(path: Path, reps: int) -> tuple[dict, dict[str, list[int]]]:
    """Cold (first call on a fresh layer) and warm latency of every query."""
    layer = QueryLayer(path)
    cold = {}
    for name in layer.names():  # cold: the first call of each query, before anything is cached
        params = {"adcode": NATION, "year": 2020, "limit": 20, "domain": "health"}
        spec = layer.spec(name)
        t0 = time.perf_counter()
        layer.run(name, **{k: v for k, v in params.items() if k in spec.params})
        cold[name] = _ms(t0)
    regions = pick_regions(layer)
    results = {}
    for name in layer.names():
        sets = param_sets(layer, name, regions)
        times, rows = [], []
        for params in sets:
            layer.run(name, **params)  # warm-up for this parameter set
            for _ in range(reps):
                t0 = time.perf_counter()
                df = layer.run(name, **params)
                times.append(_ms(t0))
            rows.append(len(df))
        results[name] = {
            "kind": kind_of(name),
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(float(np.percentile(times, 95)), 2),
            "cold_ms": round(cold[name], 2),
            "rows": int(max(rows)),
            "calls": len(times),
        }
    layer.close()
    return results, regions


def concurrency(path: Path, regions: dict[str, list[int]], threads: int, calls: int) -> dict:
    """`threads` threads each issue `calls` queries (a rotating mix) on one shared layer."""
    layer = QueryLayer(path)
    names = layer.names()
    work = [(n, p) for n in names for p in param_sets(layer, n, regions)]
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker(k: int) -> None:
        mine = []
        for i in range(calls):
            name, params = work[(k * 7919 + i * 31) % len(work)]
            t0 = time.perf_counter()
            try:
                layer.run(name, **params)
            except Exception as exc:  # noqa: BLE001 (counted and reported)
                with lock:
                    errors.append(f"{name}: {exc}")
            mine.append(_ms(t0))
        with lock:
            latencies.extend(mine)

    pool = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    t0 = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    wall = time.perf_counter() - t0
    layer.close()
    return {"threads": threads, "calls": threads * calls, "qps": round(threads * calls / wall, 1),
            "p95_ms": round(float(np.percentile(latencies, 95)), 2), "errors": len(errors),
            "first_errors": errors[:3]}


# --- pandas baseline ---------------------------------------------------------------------------------------------

DIMENSIONS = ("meta", "regions", "boundaries", "labels", "causes", "measures", "poverty_lines", "villages", "helpers")


def make_sample(path: Path, workdir: Path, fraction: float) -> tuple[Path, Path]:
    """Copy a household sample (with persons, assistance and all dimension tables) to a new snapshot with rollups
    and export its tables to Parquet. Returns (sample snapshot, parquet folder)."""
    every = max(1, round(1 / fraction))
    sample = workdir / "sample.duckdb"
    pq = workdir / "parquet"
    pq.mkdir()
    con = duckdb.connect(str(sample))
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    con.execute("ATTACH ? AS src (READ_ONLY)", [str(path)])
    for table in DIMENSIONS:
        con.execute(f"INSERT INTO {table} SELECT * FROM src.{table}")
    con.execute(f"INSERT INTO households SELECT * FROM src.households WHERE household_id % {every} = 0")
    con.execute(f"INSERT INTO persons SELECT * FROM src.persons WHERE household_id % {every} = 0")
    con.execute(f"INSERT INTO assistance SELECT * FROM src.assistance WHERE household_id % {every} = 0")
    con.execute("DETACH src")
    build_rollups(con)
    for table in ("regions", "causes", "measures", "poverty_lines", "households", "persons", "assistance"):
        con.execute(f"COPY {table} TO '{pq / (table + '.parquet')}' (FORMAT parquet)")
    con.close()
    return sample, pq


def _counties_of(regions: pd.DataFrame, adcode: int) -> set[int]:
    children = regions.groupby("parent_adcode")["adcode"].apply(list).to_dict()
    out, todo = set(), [adcode]
    while todo:
        a = todo.pop()
        out.add(a)
        todo.extend(children.get(a, []))
    return out


def _status(h: pd.DataFrame, year: int) -> tuple[pd.Series, pd.Series]:
    on = (h.registered_year <= year) & (h.removed_year.isna() | (h.removed_year > year))
    poor = on & (h.exit_year.isna() | (h.exit_year > year)) & ~(
        (h.first_exit_year <= year) & (h.returned_year > year)).fillna(False)
    return on, poor


def pandas_questions(t: dict[str, pd.DataFrame], province: int) -> dict[str, Callable[[], object]]:
    """The same questions as PANDAS_EQUIVALENTS, answered with pandas on the raw sample tables."""
    h, regions = t["households"], t["regions"]

    def key_figures():
        rows = []
        for y in range(2014, 2021):
            on, poor = _status(h, y)
            rows.append((y, on.sum(), poor.sum(), h["size"][on].sum(), h["size"][poor].sum(),
                         (h.registered_year == y).sum(), (h.exit_year == y).sum() + (h.first_exit_year == y).sum()))
        return pd.DataFrame(rows)

    def child_figures():
        on, poor = _status(h, 2018)
        county_to_child = {c: p for p in regions.adcode[regions.parent_adcode == NATION]
                           for c in _counties_of(regions, int(p))}
        child = h.county_adcode.map(county_to_child)
        return pd.DataFrame({"child": child, "on": h["size"].where(on, 0), "poor": h["size"].where(poor, 0)}) \
            .groupby("child").sum()

    def by_cause():
        counties = _counties_of(regions, province)
        on, _ = _status(h, 2018)
        sel = h[on & h.county_adcode.isin(counties)]
        return sel.groupby("main_cause").agg(n=("household_id", "size"), p=("size", "sum"))

    def coverage():
        y = 2018
        on, poor = _status(h, y)
        _, was = _status(h, y - 1)
        helped = h.household_id[on & (poor | was | (h.exit_year == y) | (h.first_exit_year == y))]
        a = t["assistance"]
        a = a[(a.year == y) & a.household_id.isin(helped)].drop_duplicates(["household_id", "measure_code"])
        return a.groupby("measure_code").size() / len(helped)

    def income():
        on, _ = _status(h, 2018)
        inc = h.income_2018[on].dropna().clip(lower=0)
        return (np.minimum(inc // 500, 40) * 500).value_counts().sort_index()

    def pyramid():
        on, _ = _status(h, 2018)
        p = t["persons"].merge(h.loc[on, ["household_id"]], on="household_id")
        p = p[p.birth_year <= 2018]
        band = np.minimum((2018 - p.birth_year) // 5, 17) * 5
        return p.groupby([band, p.sex]).size()

    return {"key_figures_by_year": key_figures, "child_region_figures": child_figures,
            "households_by_cause": by_cause, "assistance_coverage": coverage, "income_histogram": income,
            "age_pyramid": pyramid}


def pandas_ratio(path: Path, reps: int, fraction: float) -> dict:
    """pandas on Parquet vs the query layer, both on the same household sample."""
    with tempfile.TemporaryDirectory(prefix="bench-queries-") as tmp:
        t0 = time.perf_counter()
        sample, pq = make_sample(path, Path(tmp), fraction)
        prep_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        tables = {p.stem: pd.read_parquet(p) for p in pq.glob("*.parquet")}
        load_s = time.perf_counter() - t0
        layer = QueryLayer(sample)
        province = int(layer.run("child_region_figures", adcode=NATION, year=2020)
                       .sort_values("n_people_on_register", ascending=False).adcode.iloc[0])
        params = {"key_figures_by_year": {"adcode": NATION},
                  "child_region_figures": {"adcode": NATION, "year": 2018},
                  "households_by_cause": {"adcode": province, "year": 2018},
                  "assistance_coverage": {"adcode": NATION, "year": 2018},
                  "income_histogram": {"adcode": NATION, "year": 2018},
                  "age_pyramid": {"adcode": NATION, "year": 2018}}
        per_question = {}
        for name, fn in pandas_questions(tables, province).items():
            fn()
            t0 = time.perf_counter()
            for _ in range(reps):
                fn()
            pandas_ms = _ms(t0) / reps
            layer.run(name, **params[name])
            t0 = time.perf_counter()
            for _ in range(reps):
                layer.run(name, **params[name])
            layer_ms = _ms(t0) / reps
            per_question[name] = {"pandas_ms": round(pandas_ms, 2), "query_layer_ms": round(layer_ms, 2)}
        layer.close()
    total_pandas = sum(q["pandas_ms"] for q in per_question.values())
    total_layer = sum(q["query_layer_ms"] for q in per_question.values())
    return {"ratio": round(total_pandas / total_layer, 1), "sample_fraction": fraction,
            "sample_households": int(len(tables["households"])), "sample_prep_s": round(prep_s, 1),
            "parquet_load_s": round(load_s, 2), "questions": per_question}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, write JSON, print a table."""
    p = argparse.ArgumentParser(prog="python -m bench.queries", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--snapshot", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--reps", type=int, default=5, help="warm repetitions per parameter set")
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--calls", type=int, default=40, help="calls per thread in the concurrency run")
    p.add_argument("--sample", type=float, default=0.1, help="household fraction for the pandas comparison")
    args = p.parse_args(argv)
    path = args.snapshot.resolve()
    with duckdb.connect(str(path), read_only=True) as con:
        scale = con.execute("SELECT scale FROM meta").fetchone()[0]
    queries, regions = time_queries(path, args.reps)
    conc = concurrency(path, regions, args.threads, args.calls)
    pandas = pandas_ratio(path, max(1, args.reps // 2), args.sample)
    result = {"scale": scale, "snapshot": str(path), "regions": regions, "queries": queries,
              "pandas_ratio": pandas["ratio"], "pandas": pandas, "concurrency": conc,
              "goals": {"p95_ms": GOAL_MS, "pandas_ratio": 20, "threads": 8}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print(f"snapshot {path}  scale {scale}")
    print(f"{'query':<36} {'kind':<12} {'cold ms':>9} {'p50 ms':>8} {'p95 ms':>8} {'goal':>6} {'rows':>7}")
    for name, q in queries.items():
        goal = GOAL_MS[q["kind"]]
        mark = "ok" if q["p95_ms"] <= goal else "SLOW"
        print(f"{name:<36} {q['kind']:<12} {q['cold_ms']:9.1f} {q['p50_ms']:8.1f} {q['p95_ms']:8.1f} "
              f"{mark:>6} {q['rows']:7d}")
    print(f"pandas_ratio {pandas['ratio']} (sample {args.sample:.0%}: {pandas['sample_households']:,} households)")
    for name, q in pandas["questions"].items():
        print(f"  {name:<34} pandas {q['pandas_ms']:9.1f} ms   query layer {q['query_layer_ms']:7.2f} ms")
    print(f"concurrency {conc['threads']} threads: {conc['qps']} qps, p95 {conc['p95_ms']} ms, "
          f"{conc['errors']} errors")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
