# The two set-up commands of the README:
#   make demo   creates .venv, installs storyline and runs it on the bundled sample
#   make test   installs the dev extras and system packages, then runs the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test install install-dev system-deps lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

install: $(STAMP)

$(DEVSTAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e ".[dev,spark]"
	touch $@

install-dev: $(DEVSTAMP)

# Debian's Chromium drives the browser tests (never a browser download); a throw-away
# PostgreSQL server backs the PostgreSQL store tests; Debian's Java runtime runs Spark for
# the `storyline batch` test (PySpark comes from the spark extra).
SYSTEM_PACKAGES := chromium fonts-dejavu-core postgresql default-jre-headless
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
	    || ! command -v java >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends \
	    $(SYSTEM_PACKAGES); \
	fi

demo: install
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/storyline analyze examples --metadata examples/metadata.jsonl --db demo.db
	$(BIN)/storyline stories --db demo.db
	$(BIN)/storyline export --all --format md --db demo.db
	$(BIN)/storyline report --all -o demo-report.html --db demo.db

test: install-dev system-deps
	$(BIN)/python -m pytest -q -rs

lint: install-dev
	$(BIN)/ruff check src tests bench

bench: install
	$(BIN)/python bench/annotate.py
	$(BIN)/python bench/tls.py --data ../shared/benchmarks/timeline17-dev
	$(BIN)/python bench/throughput.py --docs 100 --workers 2
	$(BIN)/python bench/rss.py --counts 1000 5000 --workers 2
	$(BIN)/python bench/story_cost.py --sizes 1000 10000 100000
	$(BIN)/python bench/store_latency.py --articles 100000

clean:
	rm -rf $(VENV) demo.db* demo-report.html test-artifacts .pytest_cache
