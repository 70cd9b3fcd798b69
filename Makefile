# accordline: `make run` serves on http://127.0.0.1:8000, `make test` runs every test but the
# timed ones, which `make test-ops` runs (.ci/run runs both).
# Both set up what they need on a fresh machine (.venv, npm assets, the SQLite store).

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PIP_VERSION := 26.3

.PHONY: run test test-ops db schema lint fmt install browser nginx fuzz bench bench-compare bench-worst wrk clean

run: db
	$(BIN)/python -m server serve

# Two workers (pytest-xdist): the tests are independent (those that only read share one
# pair of apps per worker over the immutable store; the rest build their own app, store
# copy, server or browser context). The web UI's pure logic runs under `node --test`
# (tests/js/unit, from tests/test_js_unit.py). The timed checks run alone, in `make test-ops`.
test: install browser nginx db
	$(BIN)/ruff check server tests bench deploy
	$(BIN)/python -m pytest -n 2

# The timed checks, kept out of `make test` (which asserts no wall time); CI runs both:
# attacks through the nginx front door while a bystander is timed (tests/test_ops_attack.py),
# memory after a junk flood (tests/test_ops_memory.py), and the slowest document validation
# accepts (bench/shapes.py: at most 10 times GraphiQL's introspection query, about 47 ms here).
test-ops: install nginx db
	$(BIN)/python -m pytest -m ops -s tests
	$(BIN)/python -m bench.shapes --max-ratio 10

db: install
	$(BIN)/python -m server build-db

install: $(VENV)/.installed web/node_modules/.installed tests/js/node_modules/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check "pip==$(PIP_VERSION)"
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[test]"
	touch $@

# GraphiQL and what it loads, pinned by web/package-lock.json (served at /vendor/).
web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# The JavaScript clients the HTTP tests drive (graphql-http audits, Apollo Client 3).
tests/js/node_modules/.installed: tests/js/package.json tests/js/package-lock.json
	cd tests/js && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# Browser tests use Debian's Chromium (Playwright's own download cannot run here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; \
	  fi; }

# The front-door tests run Debian's nginx in front of two replicas (deploy/).
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian's nginx for the front-door tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	  else \
	    echo "the front-door tests need Debian's nginx: sudo apt-get install nginx" >&2; exit 1; \
	  fi; }

# Benchmarks against the no-GraphQL floor server: x1, x100, x1000 (QUICK=1: x1 only).
bench: install $(VENV)/.bench-installed db wrk
	$(BIN)/python -m bench.run $(if $(QUICK),--quick,)

# The working tree against a base revision in one run, alternating rounds on one store:
# requests/s per workload and working ÷ base (flags any ratio below 0.95).
# e.g. make bench-compare BASE=HEAD~3 ARGS="--scale 1000 --workloads W2 W6 --seconds 12"
bench-compare: install $(VENV)/.bench-installed wrk
	@test -n "$(BASE)" || { echo "usage: make bench-compare BASE=<rev> [ARGS=...]" >&2; exit 2; }
	$(BIN)/python -m bench.compare --base $(BASE) $(ARGS)

# The heaviest legal query: its CPU, bytes and memory, and a trivial query's p99 beside
# 16 of them (bench/WORST.md).
bench-worst: install $(VENV)/.bench-installed
	$(BIN)/python -m bench.worst $(ARGS)

# Debian's wrk drives the load (the Python client is the slower fallback).
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian's wrk to drive the load"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else \
	    echo "wrk not found (apt-get install wrk): using the slower Python load client" >&2; \
	  fi; }

$(VENV)/.bench-installed: $(VENV)/.installed
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[bench]"
	touch $@

# A larger budget of generated hostile input than `make test` runs, and the search for the
# slowest document validation accepts (bench/shapes.py: at most 10 times GraphiQL's introspection query).
fuzz: install db
	FUZZ_EXAMPLES=1000 $(BIN)/python -m pytest -q tests/test_fuzz.py tests/test_fuzz_cursors.py
	$(BIN)/python -m bench.shapes --max-ratio 10

# The generated files: the API's schema, the web UI's vocabulary, its state colours
# (web/vocabulary.css) and its route table (all
# committed; tests/test_schema_file.py, test_web_vocabulary.py and test_web_routes.py fail
# while one is stale).
schema: install
	$(BIN)/python -m server export-schema --output schema.graphql
	$(BIN)/python -m server export-vocabulary --output web/vocabulary.js
	$(BIN)/python -m server export-styles --output web/vocabulary.css
	$(BIN)/python -m server export-routes --output web/routes.js

lint: install
	$(BIN)/ruff check server tests bench deploy
	$(BIN)/ruff format --check server tests bench deploy

fmt: install
	$(BIN)/ruff format server tests bench deploy
	$(BIN)/ruff check --fix server tests bench deploy

clean:
	rm -rf $(VENV) .data web/node_modules tests/js/node_modules .pytest_cache
