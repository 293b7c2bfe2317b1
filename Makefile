# Two commands on a fresh machine: `make run` and `make test`. Every install step is here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# The parser's hot modules compiled by Cython (dagster_project/lib/parsing/_compiled.py),
# rebuilt whenever a parser source changes; without a C compiler the source runs instead.
PARSER_SOURCES := $(wildcard dagster_project/lib/parsing/*.py dagster_project/lib/parsing/*.pxd)
PARSER_STAMP   := $(VENV)/.parser-build-stamp
DAGSTER_PORT ?= 3000

.PHONY: run test dev lint lock bench clean install

install: $(STAMP) $(PARSER_STAMP)

# The venv is rebuilt when the pins change. requirements.lock is the full resolved set
# (pip freeze of a clean install of pyproject.toml's pins); the project itself is then
# installed editable without touching the locked versions.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=26"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip check
	$(BIN)/python -c "from dagster_project.lib.dbt_cli import ensure_dbt_manifest; ensure_dbt_manifest(force=True)"
	touch $(STAMP)

$(PARSER_STAMP): $(STAMP) $(PARSER_SOURCES)
	$(BIN)/python dagster_project/lib/parsing/_compiled.py build
	touch $(PARSER_STAMP)

run: $(STAMP) $(PARSER_STAMP)
	$(BIN)/budget-warehouse load raw --warehouse warehouse/budget.duckdb

test: $(STAMP) $(PARSER_STAMP)
	$(BIN)/python -m pytest -q

# The Dagster UI on http://127.0.0.1:$(DAGSTER_PORT); run history in .dagster_home/.
dev: $(STAMP) $(PARSER_STAMP)
	mkdir -p .dagster_home
	cp dagster_project/dagster.yaml .dagster_home/dagster.yaml
	DAGSTER_HOME=$(CURDIR)/.dagster_home $(BIN)/dagster dev -h 127.0.0.1 -p $(DAGSTER_PORT) -m dagster_project.definitions

lint: $(STAMP)
	$(BIN)/ruff check dagster_project expectations tests
	$(BIN)/ruff format --check dagster_project expectations tests

# Throughput, load times, incremental latency and memory on generated corpora (~15 min);
# figures to bench/results.md. Not part of `make test` (tests/bench runs it with --smoke).
bench: $(STAMP) $(PARSER_STAMP)
	$(BIN)/python bench/run.py --out bench/results.md

# Regenerate requirements.lock from pyproject.toml's pins in a throwaway venv.
lock:
	rm -rf /tmp/bw-lock && $(PYTHON) -m venv /tmp/bw-lock
	/tmp/bw-lock/bin/python -m pip install --quiet --upgrade "pip>=26"
	/tmp/bw-lock/bin/python -m pip install --quiet ".[dev]"
	/tmp/bw-lock/bin/python -m pip freeze --exclude budget-warehouse > requirements.lock

clean:
	rm -rf $(VENV) warehouse dbt/target dbt/logs .pytest_cache
	rm -f dagster_project/lib/parsing/*.so dagster_project/lib/parsing/_compiled.json
