# The README's two commands are `make run` and `make test`. Each builds .venv on first use.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# Django 6 needs Python 3.12 or newer. Take the first suitable interpreter on the PATH
# (pyenv's shims honour .python-version); PYTHON=/path/to/python3.13 overrides.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.14 python3 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 \
	&& { command -v $$p; break; }; done)

.PHONY: help run test serve lint format bench audit check-migrations chromium clean

help:
	@echo "make run    serve the site with its content on SQLite at http://$(HOST):$(PORT)/"
	@echo "make test   run every test, browser tests included"
	@echo "make serve  run the production server (gunicorn); needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and SITE_URL"
	@echo "make lint   check formatting and style with ruff"
	@echo "make bench  measure the production server with wrk against its targets"
	@echo "make audit  Lighthouse on every page type of the production server"

$(VENV)/.python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "No Python 3.12 or newer found. Install Python 3.13 (for example: pyenv install 3.13, or apt-get install python3.13 python3.13-venv) and run make again." >&2; \
		exit 1; \
	fi
	@echo "Creating $(VENV) with $(PYTHON) ($$($(PYTHON) --version))"
	@rm -rf $(VENV)
	@$(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip
	@touch $@

$(VENV)/.runtime: requirements.txt | $(VENV)/.python
	@echo "Installing the site's requirements"
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	@echo "Installing the test requirements"
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

run: $(VENV)/.runtime
	@$(MANAGE) migrate --noinput --verbosity 0
	@$(MANAGE) sync_content
	@$(MANAGE) runserver $(HOST):$(PORT)

# The browser tests drive Debian's Chromium. Find it, install it when we may, or say what to install.
chromium:
	@if [ -n "$$CHROMIUM_PATH" ] && [ -x "$$CHROMIUM_PATH" ]; then exit 0; fi; \
	if command -v chromium >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || exit 1; \
	else \
		echo "The browser tests need Chromium: install Debian's chromium package (sudo apt-get install chromium) or set CHROMIUM_PATH, then run make test again." >&2; \
		exit 1; \
	fi

test: $(VENV)/.dev chromium
	@$(PY) -m pytest $(PYTEST_ARGS)

check-migrations: $(VENV)/.runtime
	@$(MANAGE) makemigrations --check --dry-run

# No gunicorn access log: it records addresses and query strings. The site logs one line per
# request itself, without them (config.middleware.RequestLogMiddleware).
# Production needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and SITE_URL, the public https
# address, whose host must be one of the allowed hosts: `check --deploy` warns (and so stops
# here) when SITE_URL points at this machine. make bench and make audit start the server
# through tools/prodserver.py, which sets all three for loopback and skips that check.
serve: $(VENV)/.runtime
	@DJANGO_DEBUG=0 $(MANAGE) check --deploy --fail-level WARNING
	@DJANGO_DEBUG=0 $(MANAGE) collectstatic --noinput --verbosity 0
	@DJANGO_DEBUG=0 $(MANAGE) migrate --noinput --verbosity 0
	@DJANGO_DEBUG=0 $(MANAGE) sync_content
	DJANGO_DEBUG=0 $(VENV)/bin/gunicorn --config site/config/gunicorn.conf.py --chdir site config.wsgi \
		--bind $(HOST):$(PORT)

# Both start the production server on loopback with the sample content in a throwaway
# database (or DATABASE_URL): see tools/prodserver.py. Neither is part of `make test`.
bench: $(VENV)/.runtime
	@$(PY) tools/bench.py

# Lighthouse 12 from npm, installed into a git-ignored folder; it drives Debian's Chromium.
LIGHTHOUSE := .tools/lighthouse/node_modules/.bin/lighthouse

$(LIGHTHOUSE):
	@if ! command -v npm >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian's nodejs and npm for Lighthouse"; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null) || exit 1; \
		else \
			echo "make audit needs npm: install Debian's nodejs and npm packages, then run it again." >&2; exit 1; \
		fi; \
	fi
	@echo "Installing Lighthouse 12 into .tools/lighthouse"
	@mkdir -p .tools/lighthouse
	@cd .tools/lighthouse && npm install --no-audit --no-fund --loglevel=error lighthouse@12 >/dev/null

audit: $(VENV)/.runtime chromium $(LIGHTHOUSE)
	@$(PY) tools/audit.py

lint: $(VENV)/.dev
	@$(VENV)/bin/ruff format --check .
	@$(VENV)/bin/ruff check .

format: $(VENV)/.dev
	@$(VENV)/bin/ruff format .
	@$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
