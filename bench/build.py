"""`make bench-build SCALE=s`: build a snapshot in a child process and print wall time, peak RSS, file size,
rows per table and the time of each generator step."""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import json, sys, time
from dashboard.build import builder, synth
t0 = time.perf_counter()
counts = builder.build_snapshot(sys.argv[1], float(sys.argv[2]), int(sys.argv[3]))
print("BENCH_RESULT", json.dumps({"seconds": time.perf_counter() - t0, "counts": counts, "steps": synth.STEP_SECONDS}))
"""


def main(argv: list[str] | None = None) -> int:
    """Run one timed build and print the figures."""
    p = argparse.ArgumentParser(prog="python -m bench.build", description=__doc__)
    p.add_argument("--scale", type=float, default=0.01)
    p.add_argument("--seed", type=int, default=20141231)
    p.add_argument("--out", type=Path, default=None, help="keep the snapshot here (default: a temporary file)")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=Path("data").resolve() if Path("data").is_dir() else None) as tmp:
        out = args.out or Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", CHILD, str(out), str(args.scale), str(args.seed)],
                              capture_output=True, text=True)
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return proc.returncode
        line = next((x[x.index("BENCH_RESULT "):] for x in proc.stdout.splitlines() if "BENCH_RESULT " in x), None)
        if line is None:
            print(f"the build printed no result (exit {proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}",
                  file=sys.stderr)
            return 1
        result = json.loads(line.removeprefix("BENCH_RESULT "))
        peak_gib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2
        size_mib = out.stat().st_size / 1024**2
    print(f"scale {args.scale}  seed {args.seed}")
    print(f"wall time      {wall:8.1f} s  (build {result['seconds']:.1f} s, the rest is interpreter start-up)")
    print(f"peak RSS       {peak_gib:8.2f} GiB")
    print(f"file size      {size_mib:8.1f} MiB")
    print("rows per table")
    for table, n in result["counts"].items():
        print(f"  {table:<14} {n:>14,}")
    print("generator steps (s)")
    for step, s in result["steps"].items():
        print(f"  {step:<20} {s:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
