# build → snapshot (DuckDB file) → queries/*.sql → query layer → pages
PYTHON   ?= $(shell command -v python3.11 || command -v python3)
VENV     ?= .venv
PY       := $(VENV)/bin/python
SCALE    ?= 0.01
SEED     ?= 20141231
OUT      ?= data/snapshot.duckdb
SNAPSHOT ?= data/snapshot.duckdb
PORT     ?= 8501
BENCH_OUT ?= data/bench/queries.json

.PHONY: venv run snapshot calibrate test lint bench-build bench-queries bench-ui clean

$(VENV)/.stamp: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps --no-build-isolation -e . || $(PY) -m pip install -q --no-deps -e .
	touch $@

venv: $(VENV)/.stamp

## Build the demo snapshot if it is missing, then serve it.
run: venv
	@[ -f "$(SNAPSHOT)" ] || $(PY) -m dashboard.build --scale $(SCALE) --seed $(SEED) --out "$(SNAPSHOT)"
	DASHBOARD_SNAPSHOT="$(SNAPSHOT)" $(PY) -m streamlit run dashboard/app.py --server.port $(PORT)

snapshot: venv
	$(PY) -m dashboard.build --scale $(SCALE) --seed $(SEED) --out "$(OUT)"

calibrate: venv
	$(PY) -m dashboard.calibrate "$(SNAPSHOT)"

lint: venv
	$(PY) -m ruff check dashboard tests bench

## The whole suite. Pytest exits 5 when it collects no test: that fails here too.
test: venv lint
	$(PY) -m pytest

bench-build: venv
	$(PY) -m bench.build --scale $(SCALE) --seed $(SEED)

# OUT=<file.json> as the issue words it; OUT's default belongs to `snapshot`, hence the origin test.
bench-queries: venv
	$(PY) -m bench.queries --snapshot "$(SNAPSHOT)" --out "$(if $(filter command line,$(origin OUT)),$(OUT),$(BENCH_OUT))"

bench-ui: venv
	$(PY) -m bench.ui --snapshot "$(SNAPSHOT)"

clean:
	rm -rf $(VENV) data/cache data/*.duckdb
