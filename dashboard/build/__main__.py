"""`python -m dashboard.build --scale S --seed N --out PATH`: build a snapshot (see dashboard.build.builder)."""

from dashboard.build.builder import main

if __name__ == "__main__":
    raise SystemExit(main())
