# Stage 1: `make run` to try it, `make test` to check it. GNU make.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
VENV_PYTHON := $(VENV)/bin/python
# Stamps record which lock file the virtualenv was last installed from, so
# pip runs again only when a lock file changes.
RUN_STAMP := $(VENV)/.installed-requirements.lock
DEV_STAMP := $(VENV)/.installed-requirements-dev.lock
SQLITE_TEST_URL := sqlite:///db.sqlite3

.PHONY: help run test bench lock clean

help:
	@echo "make run    set up, migrate, load the demo content, serve on http://127.0.0.1:$(PORT)/ (PORT=... to change) and start the PDF worker"
	@echo "make test   lint, check migrations, run bandit, then the tests on SQLite and on PostgreSQL"
	@echo "make bench  gunicorn on a throwaway PostgreSQL with production settings, measured with wrk; writes bench/results.md"
	@echo "make lock   regenerate requirements.lock and requirements-dev.lock from pyproject.toml"
	@echo "make clean  remove the virtualenv, collected static files, caches and test artifacts (keeps db.sqlite3)"

$(VENV_PYTHON):
	@if ! command -v $(PYTHON) >/dev/null; then \
		echo "Stage 1 needs Python 3.11 or newer; '$(PYTHON)' was not found." >&2; \
		echo "Install it, or point make at one: make PYTHON=/path/to/python3.11 ..." >&2; \
		exit 1; \
	elif ! $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then \
		echo "Stage 1 needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)." >&2; \
		echo "Install it, or point make at one: make PYTHON=/path/to/python3.11 ..." >&2; \
		exit 1; \
	fi
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): requirements.lock | $(VENV_PYTHON)
	$(VENV_PYTHON) -m pip install --disable-pip-version-check -q -r requirements.lock
	@touch $@

$(DEV_STAMP): requirements-dev.lock requirements.lock | $(VENV_PYTHON)
	$(VENV_PYTHON) -m pip install --disable-pip-version-check -q -r requirements-dev.lock
	@touch $@

# The development server runs with debug on; DATABASE_URL, when set, is used as is.
run: export DJANGO_DEBUG := 1
run: $(RUN_STAMP)
	bin/debian-packages run
	bin/compile-catalogues
	$(VENV_PYTHON) manage.py migrate --noinput
	$(VENV_PYTHON) manage.py load_demo
	@echo ""
	@echo "Open http://127.0.0.1:$(PORT)/ and sign in with one of the accounts above. Ctrl+C stops the server and the worker."
	@echo ""
	@# The Procfile's two processes: the web server, and the worker that renders the PDFs.
	$(VENV)/bin/honcho start --port $(PORT)

# Settings need DJANGO_DEBUG=1 or a real secret key; tests take the former
# (pytest-django still runs each test with DEBUG off).
test: export DJANGO_DEBUG := 1
test: $(DEV_STAMP)
	bin/debian-packages test
	bin/compile-catalogues
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV_PYTHON) manage.py makemigrations --check --dry-run
	$(VENV)/bin/bandit -q -c pyproject.toml -r stage1
	$(VENV)/bin/lint-imports
	@echo ""
	@echo "=== Test suite on SQLite ==="
	DATABASE_URL=$(SQLITE_TEST_URL) $(VENV)/bin/pytest -m "not browser"
	@echo ""
	@echo "=== Test suite on PostgreSQL ==="
	@# Browser tests run in a pytest process of their own, on the same server:
	@# Playwright's event loop and the live server's threads leave connections
	@# behind that other tests would trip over.
	bin/with-postgres bash -c '$(VENV)/bin/pytest -m "not browser" && echo "" && echo "=== Browser tests on PostgreSQL (Debian Chromium) ===" && $(VENV)/bin/pytest -m browser' 

# Not part of `make test`: numbers depend on the machine, so they are printed
# and written to bench/results.md rather than asserted.
bench: $(DEV_STAMP)
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null); } \
		|| { echo "make bench needs wrk (Debian: apt-get install wrk)" >&2; exit 1; }
	bin/with-postgres $(VENV_PYTHON) bench/run.py

lock:
	bin/update-locks $(PYTHON)

clean:
	rm -rf $(VENV) staticfiles test-artifacts test-results .ruff_cache .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
