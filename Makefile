# The README's two commands are `make run` and `make test`. Each builds .venv on first use.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# Django 6 needs Python 3.12 or newer. Take the first suitable interpreter on the PATH
# (pyenv's shims honour .python-version); PYTHON=/path/to/python3.13 overrides. Looked for
# once, not at every use.
ifndef PYTHON
PYTHON := $(shell for p in python3.13 python3.12 python3.14 python3 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 \
	&& { command -v $$p; break; }; done)
endif

# Installs are reproducible: requirements.txt and requirements-dev.txt are locks, every
# package pinned with its hashes, compiled from requirements.in and requirements-dev.in by
# `make lock`. uv (itself installed from the hashed requirements-tools.txt, into .tools/)
# syncs .venv with a lock: it installs what is missing, refuses a file whose hash differs,
# and removes what the lock no longer lists.
UV := .tools/uv/bin/uv
UV_SYNC := $(UV) pip sync --quiet --require-hashes --python $(PY)
LOCK := $(UV) pip compile --quiet --generate-hashes --universal --python-version 3.12

.PHONY: help run test serve lint format bench bench-scale bench-traffic audit check-migrations chromium lock messages clean

help:
	@echo "make run    serve the site with its content on SQLite at http://$(HOST):$(PORT)/"
	@echo "make test   run every test, browser tests included"
	@echo "make serve  run the production server (gunicorn); needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and SITE_URL"
	@echo "make lint   check formatting and style with ruff"
	@echo "make bench  measure the production server with wrk against its targets"
	@echo "make bench-scale  measure how sync, search, pages, the admin and memory grow with 1x, 10x and 100x synthetic content in English and Spanish, then make bench-traffic"
	@echo "make bench-traffic  two app instances, PostgreSQL, Redis and nginx under 64 to 1,024 connections, and a publish under load"
	@echo "make audit  Lighthouse on every page type of the production server"
	@echo "make format apply ruff's formatting and fixes"
	@echo "make check-migrations  fail if a model change has no migration"
	@echo "make lock   compile requirements*.in into the hashed lock files"
	@echo "make messages  compile the translations (locale/*/LC_MESSAGES/*.po) to .mo; run, test, serve, bench and audit do it too"
	@echo "make clean  remove .venv, .tools, the compiled translations and what the tests and tools leave behind"
	@echo "PYTEST_ARGS=... make test passes arguments to pytest (for example PYTEST_ARGS='tests/kiosk -x')"

# Rebuilt when .python-version asks for another Python.
$(VENV)/.python: $(wildcard .python-version)
	@if [ -z "$(PYTHON)" ]; then \
		echo "No Python 3.12 or newer found. Install Python 3.13 (for example: pyenv install 3.13, or apt-get install python3.13 python3.13-venv) and run make again." >&2; \
		exit 1; \
	fi
	@echo "Creating $(VENV) with $(PYTHON) ($$($(PYTHON) --version))"
	@rm -rf $(VENV)
	@$(PYTHON) -m venv --without-pip $(VENV)
	@touch $@

$(UV): requirements-tools.txt
	@if [ -z "$(PYTHON)" ]; then \
		echo "No Python 3.12 or newer found. Install Python 3.13 (for example: pyenv install 3.13, or apt-get install python3.13 python3.13-venv) and run make again." >&2; \
		exit 1; \
	fi
	@echo "Installing uv into .tools/uv"
	@rm -rf .tools/uv
	@$(PYTHON) -m pip install -qq --disable-pip-version-check --root-user-action=ignore --require-hashes --no-deps \
		--target .tools/uv -r requirements-tools.txt
	@touch $@

$(VENV)/.runtime: requirements.txt $(UV) | $(VENV)/.python
	@echo "Syncing .venv with requirements.txt"
	@$(UV_SYNC) requirements.txt
	@rm -f $(VENV)/.dev
	@touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	@echo "Syncing .venv with requirements-dev.txt"
	@$(UV_SYNC) requirements-dev.txt
	@touch $@

# After editing requirements*.in. The dev lock takes every version the site shares from
# requirements.txt, so `make run` and `make test` never install two versions of one package.
lock: $(UV)
	@$(LOCK) requirements-tools.in -o requirements-tools.txt
	@$(LOCK) requirements.in -o requirements.txt
	@$(LOCK) requirements-dev.in -o requirements-dev.txt

# The interface's translations: each locale/<language>/LC_MESSAGES/django.po is compiled to the
# .mo beside it (git-ignored) when it is newer, by polib (tools/compilemessages.py), so no
# gettext tools are needed. makemessages, which does need GNU gettext, is only for editing the
# .po files: see README, "Languages".
MO := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

locale/%.mo: locale/%.po | $(VENV)/.runtime
	@$(PY) tools/compilemessages.py $<

messages: $(MO)

run: $(VENV)/.runtime $(MO)
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

test: $(VENV)/.dev chromium $(MO)
	@$(PY) -m pytest $(PYTEST_ARGS)

check-migrations: $(VENV)/.runtime
	@$(MANAGE) makemigrations --check --dry-run

# No gunicorn access log: it records addresses and query strings. The site logs one line per
# request itself, without them (config.middleware.RequestLogMiddleware).
# Production needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and SITE_URL, the public https
# address, whose host must be one of the allowed hosts: `check --deploy` warns (and so stops
# here) when SITE_URL points at this machine. make bench and make audit start the server
# through tools/prodserver.py, which sets all three for loopback and skips that check.
serve: $(VENV)/.runtime $(MO)
	@DJANGO_DEBUG=0 $(MANAGE) check --deploy --fail-level WARNING
	@DJANGO_DEBUG=0 $(MANAGE) collectstatic --noinput --verbosity 0
	@DJANGO_DEBUG=0 $(MANAGE) migrate --noinput --verbosity 0
	@DJANGO_DEBUG=0 $(MANAGE) sync_content
	DJANGO_DEBUG=0 $(VENV)/bin/gunicorn --config site/config/gunicorn.conf.py --chdir site config.wsgi \
		--bind $(HOST):$(PORT)

# Both start the production server on loopback with the sample content in a throwaway
# database (or DATABASE_URL): see tools/prodserver.py. Neither is part of `make test`.
bench: $(VENV)/.runtime $(MO)
	@$(PY) tools/bench.py

# How cost grows: with the content, then with the traffic. Synthetic content at 1x, 10x and
# 100x in a temporary folder (never content/), on SQLite and, when it answers, PostgreSQL
# (database bench_scale): see tools/bench_scale.py. BENCH_SCALE_SIZES=1,10 runs the smaller
# sizes only. Then make bench-traffic's measurement, whatever the first part found; the target
# fails when either part missed a target. Not part of `make test`.
bench-scale: $(VENV)/.runtime $(MO)
	@status=0; $(PY) tools/bench_scale.py || status=1; \
	echo; $(PY) tools/bench_traffic.py || status=1; exit $$status

# Two app instances (gunicorn) behind nginx (deploy/nginx-bench.conf, installed with apt when
# missing), PostgreSQL (database bench_traffic) and Redis (database 5), under wrk at 64, 256 and
# 1,024 connections, and a publish under load: see tools/bench_traffic.py. Needs PostgreSQL and
# Redis running on this machine (or DATABASE_URL, REDIS_URL naming their servers).
bench-traffic: $(VENV)/.runtime $(MO)
	@$(PY) tools/bench_traffic.py

# Lighthouse at the exact version in tools/lighthouse/package.json, with everything it needs
# pinned by tools/lighthouse/package-lock.json (npm ci checks each package's integrity hash),
# installed into the git-ignored .tools/lighthouse. It drives Debian's Chromium.
LIGHTHOUSE := .tools/lighthouse/node_modules/.bin/lighthouse

$(LIGHTHOUSE): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian's nodejs and npm for Lighthouse"; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null) || exit 1; \
		else \
			echo "make audit needs npm: install Debian's nodejs and npm packages, then run it again." >&2; exit 1; \
		fi; \
	fi
	@echo "Installing Lighthouse from tools/lighthouse/package-lock.json into .tools/lighthouse"
	@rm -rf .tools/lighthouse && mkdir -p .tools/lighthouse
	@cp tools/lighthouse/package.json tools/lighthouse/package-lock.json .tools/lighthouse/
	@cd .tools/lighthouse && npm ci --no-audit --no-fund --loglevel=error >/dev/null
	@touch $@

# Gates every score, performance included: run it on a quiet machine. CI runs
# `make audit AUDIT_ARGS=--report-performance`, which gates accessibility, best practices
# and SEO and only reports performance, whose score follows the machine's load.
audit: $(VENV)/.runtime chromium $(LIGHTHOUSE) $(MO)
	@$(PY) tools/audit.py $(AUDIT_ARGS)

lint: $(VENV)/.dev
	@$(VENV)/bin/ruff format --check .
	@$(VENV)/bin/ruff check .

format: $(VENV)/.dev
	@$(VENV)/bin/ruff format .
	@$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) .tools staticfiles .pytest_cache .ruff_cache .hypothesis test-results
	rm -f locale/*/LC_MESSAGES/*.mo
