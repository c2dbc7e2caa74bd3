"""UI benchmark: `python -m bench.ui --snapshot <path>` (make bench-ui).

Starts the app on a free port with DASHBOARD_PROFILE=1, drives headless chromium and prints:
- cold first paint of the national view (fresh browser context: nothing cached in the browser; the
  first run is also the server's first), time from navigation to the map's shapes drawn;
- drill step: from a map click to the next level's map drawn, median over several clicks
  (nation → province → prefecture → county);
- server-side script time per page (the app logs it when DASHBOARD_PROFILE is set), median and max.
Goals at scale 1.0: first paint ≤ 4 s, drill step ≤ 1.5 s, script time ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

from tests.browser_helpers import browser_page, click_region_on_map, running_app, wait_for_app, wait_for_map

GOALS = {"first_paint_s": 4.0, "drill_step_s": 1.5, "script_ms": 300.0}


def _children_on_map(page, limit: int) -> list[str]:
    """Adcodes of the largest shapes on the current map (large shapes are easy to click)."""
    return page.evaluate(
        """(limit) => {
            const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g.layout && g.layout.meta);
            const cd = gd.calcdata.find(c => c[0].trace.type === 'choropleth');
            const paths = [...gd.querySelectorAll('.choroplethlocation')];
            return cd.map((d, i) => [String(d.loc), paths[i] ? paths[i].getBBox().width * paths[i].getBBox().height : 0])
                     .sort((a, b) => b[1] - a[1]).slice(0, limit).map(x => x[0]);
        }""",
        limit,
    )


def measure(snapshot: Path, runs: int = 3, drills: int = 3) -> dict:
    """Run the benchmark against a snapshot; returns the figures (seconds / milliseconds)."""
    out: dict = {"snapshot": str(snapshot)}
    with running_app(snapshot, env={"DASHBOARD_PROFILE": "1"}) as app:
        paints = []
        for _ in range(runs):
            with browser_page(height=1400) as (page, requests):
                t0 = time.perf_counter()
                page.goto(app.url + "/?region=100000&lang=zh")
                wait_for_map(page, 100000, timeout=120_000)
                paints.append(time.perf_counter() - t0)
                out.setdefault("external_requests", []).extend(requests.external())
        out["first_paint_server_cold_s"] = round(paints[0], 2)
        out["first_paint_s"] = round(statistics.median(paints[1:] or paints), 2)

        steps = []
        with browser_page(height=1400) as (page, _):
            for start in range(drills):
                page.goto(app.url + "/?region=100000&lang=zh")
                wait_for_map(page, 100000, timeout=120_000)
                wait_for_app(page)
                region = 100000
                for _level in range(3):
                    candidates = _children_on_map(page, drills)
                    if not candidates:
                        break
                    target = candidates[start % len(candidates)]
                    t0 = time.perf_counter()
                    click_region_on_map(page, target)
                    wait_for_map(page, target, timeout=60_000)
                    steps.append(time.perf_counter() - t0)
                    region = target
                    wait_for_app(page)
                out.setdefault("drill_paths", []).append(region)
        out["drill_step_s"] = round(statistics.median(steps), 2) if steps else None
        out["drill_step_max_s"] = round(max(steps), 2) if steps else None
        out["drill_steps"] = len(steps)

        # every page twice at a province (cold, then cached), so each page's script time is logged
        with browser_page(height=1400) as (page, _):
            for _pass in range(2):
                for path in ("", "causes", "progress", "distributions", "methods"):
                    page.goto(f"{app.url}/{path}?region=520000&lang=zh")
                    wait_for_app(page, timeout=120_000)
                    page.wait_for_timeout(500)
        # cold: the first run of a page at a region (its queries not cached yet); warm: the repeats
        cold: dict[str, list[float]] = {}
        warm: dict[str, list[float]] = {}
        seen: set[tuple[str, str]] = set()
        for m in re.finditer(r"PROFILE page=(\S+) region=(\d+) ms=([\d.]+)", app.log()):
            key = (m.group(1), m.group(2))
            (warm if key in seen else cold).setdefault(m.group(1), []).append(float(m.group(3)))
            seen.add(key)
    out["script_ms"] = {
        p: {
            "cold_median": round(statistics.median(v), 1),
            "cold_max": round(max(v), 1),
            "warm_median": round(statistics.median(warm[p]), 1) if warm.get(p) else None,
            "runs": len(v) + len(warm.get(p, [])),
        }
        for p, v in sorted(cold.items())
    }
    return out


def main(argv: list[str] | None = None) -> int:
    """CLI entry point: print the figures against the goals, and JSON with --json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snapshot", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--drills", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    args = parser.parse_args(argv)
    if not args.snapshot.is_file():
        print(f"no snapshot at {args.snapshot}", file=sys.stderr)
        return 2
    r = measure(args.snapshot.resolve(), runs=max(args.runs, 1), drills=max(args.drills, 1))
    if args.json:
        print(json.dumps(r, indent=2, ensure_ascii=False))
    ok = lambda v, goal: "ok" if v is not None and v <= goal else "OVER"  # noqa: E731
    print(f"first paint, national view : {r['first_paint_s']:.2f} s (server-cold {r['first_paint_server_cold_s']:.2f} s)  goal ≤ {GOALS['first_paint_s']} s  {ok(r['first_paint_s'], GOALS['first_paint_s'])}")
    if r["drill_step_s"] is not None:
        print(f"drill step (median of {r['drill_steps']})  : {r['drill_step_s']:.2f} s (max {r['drill_step_max_s']:.2f} s)  goal ≤ {GOALS['drill_step_s']} s  {ok(r['drill_step_s'], GOALS['drill_step_s'])}")
    for page, s in r["script_ms"].items():
        warm = f"{s['warm_median']:.0f} ms" if s["warm_median"] is not None else "–"
        print(
            f"script time {page:<14}: cold median {s['cold_median']:.0f} ms (max {s['cold_max']:.0f}), warm median {warm}, {s['runs']} runs"
            f"  goal ≤ {GOALS['script_ms']:.0f} ms  {ok(s['cold_median'], GOALS['script_ms'])}"
        )
    if r.get("external_requests"):
        print(f"requests that left localhost: {r['external_requests']}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
