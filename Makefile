# The two commands of the README: `make run` and `make test`. Everything else is what they need.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8002
# The web server listens on this machine only unless HOST says otherwise (HOST=0.0.0.0 serves the network,
# which then also needs DJANGO_ALLOWED_HOSTS).
HOST ?= 127.0.0.1
# A key of this checkout for local use, made once; production sets DJANGO_SECRET_KEY itself.
LOCAL_SECRET_FILE := $(VENV)/.local-secret-key

.PHONY: run test lint ruff mypy setup setup-dev frontend types migrate demo-user test-python test-postgres test-frontend test-browser chromium services bench quality learned clean

run: setup frontend migrate demo-user
	@echo "Starting the web server on http://$(SHOW_HOST):$(PORT) and the task cluster (Ctrl-C stops both)"
	HOST=$(HOST) PORT=$(PORT) $(VENV)/bin/honcho start -f Procfile

# What local use needs, for `make run` and the steps it runs; the environment wins over each default.
# Settings default to production (debug off, a secret key required, localhost-only hosts).
run migrate demo-user: export DJANGO_DEBUG ?= true
run migrate demo-user: export DJANGO_ALLOWED_HOSTS ?= localhost,127.0.0.1,[::1]
run migrate demo-user: export DJANGO_SECRET_KEY ?= $(shell mkdir -p $(VENV) && \
	{ test -s $(LOCAL_SECRET_FILE) || python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > $(LOCAL_SECRET_FILE); } && \
	cat $(LOCAL_SECRET_FILE))
# The address to print: a wildcard bind is reached as localhost from this machine.
SHOW_HOST = $(if $(filter 0.0.0.0 :: [::],$(HOST)),localhost,$(HOST))

# The whole suite: Python tests on SQLite (browser tests included), again on PostgreSQL with the
# reliability tests (real clusters on the ORM and the Redis broker, killed, cut off from the database),
# then the frontend unit tests.
# The linters first (ruff, then mypy: what `make lint` runs), so a lint or type error fails fast.
test: setup-dev frontend chromium services
	$(MAKE) ruff mypy test-python test-postgres test-frontend

# --- set-up ---------------------------------------------------------------------------------------

$(VENV)/.installed: requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed
setup-dev: $(VENV)/.installed-dev

# The React page; skipped while the frontend has no package.json yet.
frontend:
	@if [ -f frontend/package.json ]; then cd frontend && npm ci --no-audit --no-fund && npm run build; \
	else echo "frontend: no package.json, nothing to build"; fi

# The page's API types (frontend/src/api-schema.d.ts) from the server's OpenAPI schema. Run it after
# changing a serializer or a view, and commit the result: tests/test_api_types.py fails until then.
types: setup
	DJANGO_DEBUG=true $(PY) manage.py spectacular --validate --file frontend/openapi.yaml
	cd frontend && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run gen:types

# Through `honcho run`, so a .env applies to these steps as it does to the processes `make run` starts.
migrate: setup
	$(VENV)/bin/honcho run $(PY) manage.py migrate --noinput
	$(VENV)/bin/honcho run $(PY) manage.py createcachetable

demo-user: setup
	$(VENV)/bin/honcho run $(PY) manage.py ensure_demo_user --url http://$(SHOW_HOST):$(PORT)

# Debian's Chromium for the real-browser tests (no browser download at run time).
chromium:
	@if [ -f frontend/package.json ] && [ ! -x /usr/bin/chromium ]; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) || \
		echo "warning: could not install chromium"; fi

# --- tests ------------------------------------------------------------------------------------------

ruff: setup-dev
	$(VENV)/bin/ruff check .

# Types, with the Django and DRF plugins (config in pyproject.toml).
mypy: setup-dev
	$(VENV)/bin/mypy

lint: ruff mypy

test-python:
	$(VENV)/bin/pytest -m "not reliability"

# The suite against the local PostgreSQL (pytest-django creates and drops test_zega), reliability included.
PG_URL ?= postgres://postgres@127.0.0.1:5432/zega
test-postgres:
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -m "not browser"

# PostgreSQL and Redis on this machine, started when they are down.
services:
	bash scripts/services-up.sh

test-frontend:
	@if [ -f frontend/package.json ]; then cd frontend && npm test; \
	else echo "frontend: no package.json, no unit tests"; fi

# The real-browser tests alone. `make test` runs them too: they are part of pytest's testpaths (tests/),
# and under CI=true they fail, not skip, when Chromium or the build is missing.
test-browser: setup-dev frontend chromium
	$(VENV)/bin/pytest tests/browser

bench: setup-dev
	$(PY) -m bench.run

# The quality filter's confusion figures on both halves of the labelled corpus (tests/data/quality/).
quality: setup
	$(PY) scripts/quality_report.py

# Learn the filter's four learned measures (autotrain/quality/asides.json, register.json, summary.json, briefs.json)
# from the corpus's tune half again: after a change to the corpus, the cleaner or the rules (a test fails until
# then).
learned: setup
	$(PY) scripts/train_learned.py --show 30

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist staticfiles db.sqlite3 db.sqlite3-*
