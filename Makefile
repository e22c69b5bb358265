# The two commands of the README: `make run` and `make test`. Everything else is what they need.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8002

.PHONY: run test setup setup-dev frontend migrate demo-user test-python test-frontend test-browser chromium bench clean

run: setup frontend migrate demo-user
	@echo "Starting the web server on http://localhost:$(PORT) and the task cluster (Ctrl-C stops both)"
	PORT=$(PORT) $(VENV)/bin/honcho start -f Procfile

test: setup-dev frontend chromium
	$(MAKE) test-python test-frontend

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

migrate: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

demo-user: setup
	$(PY) manage.py ensure_demo_user

# Debian's Chromium for the real-browser tests (no browser download at run time).
chromium:
	@if [ -f frontend/package.json ] && [ ! -x /usr/bin/chromium ]; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) || \
		echo "warning: could not install chromium"; fi

# --- tests ------------------------------------------------------------------------------------------

test-python:
	$(VENV)/bin/pytest

test-frontend:
	@if [ -f frontend/package.json ]; then cd frontend && npm test; \
	else echo "frontend: no package.json, no unit tests"; fi

bench: setup-dev
	$(PY) -m bench.run

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist staticfiles db.sqlite3 db.sqlite3-*
