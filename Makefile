# throughgate: `make run` to try it, `make test` to check it. Both do every set-up step themselves.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
# This machine's pip configuration names local mirrors that lack most packages; pip warns for each.
PIP_QUIET := 2>&1 | { grep -v "is ignored: it is neither" || true; }
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
TG := $(VENV)/bin/throughgate
PORT ?= 8000
SIZE ?= small
export THROUGHGATE_ENV ?= local

.PHONY: help run bench install install-test assets migrate demo test test-sqlite test-postgres lint typecheck lock clean

help:
	@echo "make run    install, migrate, load demo data, serve on http://127.0.0.1:$(PORT) (PORT=8001 make run)"
	@echo "make test   install test tools and run lint, type checks and every test (SQLite, PostgreSQL, browser)"
	@echo "make bench  benchmarks on the national demo dataset into var/bench/report.md (QUICK=1: a 5% dataset)"

# --- installation -------------------------------------------------------------------------------
$(VENV)/.base-installed: requirements/base.txt pyproject.toml
	@PYTHON_FOR_VENV=$$(scripts/find-python) || exit 1; \
	  if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$PYTHON_FOR_VENV"; $$PYTHON_FOR_VENV -m venv $(VENV); fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/base.txt $(PIP_QUIET)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e . $(PIP_QUIET)
	@touch $@

$(VENV)/.test-installed: $(VENV)/.base-installed requirements/test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/test.txt $(PIP_QUIET)
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

frontend/build/.built: node_modules/.installed scripts/build-assets.mjs $(wildcard frontend/src/*)
	node scripts/build-assets.mjs
	@touch $@

# Translations (locale/**/*.po) compile to the .mo files Django reads, without GNU gettext.
install: $(VENV)/.base-installed
	@$(PY) scripts/compile_messages.py
install-test: $(VENV)/.test-installed install
assets: frontend/build/.built

# --- running ------------------------------------------------------------------------------------
migrate: install
	$(TG) migrate --no-input

demo: migrate
	$(TG) demo --size $(SIZE)

run: install assets migrate
	$(TG) collectstatic --no-input --verbosity 0
	$(TG) demo --size small --if-empty
	$(TG) demo_sign_ins
	@echo "Serving throughgate on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(TG) runserver 127.0.0.1:$(PORT)

# --- checking -----------------------------------------------------------------------------------
lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install-test
	$(VENV)/bin/mypy --follow-imports=silent $$(ls */services.py */*_services.py */selectors.py */*_selectors.py)

test-sqlite: install-test assets
	THROUGHGATE_TESTING=1 DATABASE_URL= $(VENV)/bin/pytest -n 2 --dist loadgroup

test-postgres: install-test assets
	@url=$$(VENV_PYTHON=$(PY) scripts/postgres-url) || exit 1; \
	if [ -z "$$url" ]; then echo "PostgreSQL not reachable: PostgreSQL tests not run (they are required with CI=true)"; \
	else echo "PostgreSQL: $$url"; THROUGHGATE_TESTING=1 DATABASE_URL=$$url $(VENV)/bin/pytest -n 2 -m "not browser"; fi

test: lint typecheck test-sqlite test-postgres

# --- benchmarks ---------------------------------------------------------------------------------
# The dataset is generated once into its own database under var/bench/ and reused by later runs.
BENCH_DB := $(CURDIR)/var/bench/$(if $(QUICK),quick,national).sqlite3
bench: install assets
	@mkdir -p var/bench
	DATABASE_URL=sqlite:///$(BENCH_DB) $(TG) migrate --no-input --verbosity 0
	DATABASE_URL=sqlite:///$(BENCH_DB) $(TG) collectstatic --no-input --verbosity 0
	DATABASE_URL=sqlite:///$(BENCH_DB) $(TG) bench $(if $(QUICK),--quick)

# --- maintenance --------------------------------------------------------------------------------
lock: install
	$(PY) -m pip install --quiet -r requirements/base.in
	{ echo "# Pinned runtime dependencies, generated from base.in by 'make lock'."; $(PY) -m pip freeze --exclude-editable; } > requirements/base.txt
	$(PY) -m pip install --quiet -r requirements/test.in
	{ echo "# Pinned test dependencies, generated from test.in by 'make lock'."; echo "-r base.txt"; \
	  $(PY) -m pip freeze --exclude-editable | grep -vxFf <(grep -v '^#' requirements/base.txt); } > requirements/test.txt

clean:
	rm -rf $(VENV) node_modules frontend/build var
