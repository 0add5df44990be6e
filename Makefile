# Two commands do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

# The interpreter: the first of these that is Python 3.12 or newer (pyenv reads .python-version).
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; \
	then command -v $$p; break; fi; done)

# The local demo opts out of the production configuration explicitly.
DEMO_ENV := DJANGO_LOCAL_DEMO=1

.PHONY: help install messages run test-packages test test-postgres lint lock clean bench
.PHONY: chromium lighthouse screenshots

help:
	@echo "make run   – install, migrate, load the demo content and serve it on http://127.0.0.1:$(PORT)/"
	@echo "make test  – install and run the whole test suite, browser tests included"
	@echo "make test-postgres – the suite on PostgreSQL and Redis (see .ci/services)"
	@echo "make lint  – ruff check, ruff format --check, makemigrations --check"
	@echo "make lock  – re-resolve pyproject.toml's ranges into constraints.txt"
	@echo "make bench – load-test the production configuration with 10,000 articles (see README)"
	@echo "make lighthouse  – Lighthouse's four scores for the front, section and article pages"
	@echo "make screenshots – PNGs of the front page and the AI-image article in screenshots/"

$(VENV)/.installed: pyproject.toml constraints.txt
	@if [ -z "$(PYTHON)" ]; then \
		echo "Python 3.12 or newer is needed; none was found (tried python3.13, python3.12, python3)." >&2; \
		echo "Install one (for example with pyenv: pyenv install 3.12) and run make again." >&2; \
		exit 1; fi
	@command -v msgfmt >/dev/null || { echo "Installing gettext (msgfmt)…"; apt-get update -qq && apt-get install -y -qq gettext; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

install: $(VENV)/.installed

messages: install
	$(PY) manage.py compilemessages --ignore=.venv -v0

run: messages
	$(DEMO_ENV) $(PY) manage.py migrate --noinput -v0
	$(DEMO_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(DEMO_ENV) $(PY) manage.py load_demo
	@echo
	@echo "  Newsroom:  http://127.0.0.1:$(PORT)/"
	@echo "  Admin:     http://127.0.0.1:$(PORT)/admin/"
	@echo "  Log in as the demo editor:          user 'redaktor',   password '$${NEWSROOM_DEMO_PASSWORD:-newsroom-demo}'"
	@echo "  Log in as the demo privacy officer: user 'integritet', password '$${NEWSROOM_DEMO_PASSWORD:-newsroom-demo}'"
	@echo
	$(DEMO_ENV) exec $(VENV)/bin/gunicorn -c newsroom/gunicorn.conf.py

# Debian packages the tests drive: chromium (browser tests) and varnish (the shared-cache test).
test-packages:
	@missing=""; command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v varnishd >/dev/null || missing="$$missing varnish"; \
	if [ -n "$$missing" ]; then echo "Installing Debian's$$missing for the tests…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

# pytest-xdist: a worker per CPU (four at most), each with a test database, live server and
# browser of its own. PYTEST_ARGS=-n0: serially.
PYTEST_ARGS ?= -n auto --maxprocesses=4 --dist load

test: messages test-packages
	$(PY) -m pytest $(PYTEST_ARGS)

# The production stack: PostgreSQL and Redis on their standard local ports (.ci/services
# starts them). Plain `make test` needs neither.
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/newsroom
REDIS_TEST_URL ?= redis://127.0.0.1:6379/0
test-postgres: messages test-packages
	DATABASE_URL=$(POSTGRES_URL) REDIS_URL=$(REDIS_TEST_URL) $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

lock:
	rm -rf /tmp/newsroom-lock && $(PYTHON) -m venv /tmp/newsroom-lock
	/tmp/newsroom-lock/bin/pip install --quiet --upgrade pip
	/tmp/newsroom-lock/bin/pip install --quiet ".[test]"
	/tmp/newsroom-lock/bin/pip freeze --exclude-editable | grep -v '^newsroom' > constraints.txt
	rm -rf /tmp/newsroom-lock

clean:
	rm -rf $(VENV) staticfiles

# Not part of the test suite: gunicorn with the production settings on loopback, measured by
# wrk against 10,000 articles (newsroom/bench.py; BENCH_DURATION, BENCH_DATABASE_URL, REDIS_URL).
# Compiled messages, because the pages measured are the Swedish ones readers get.
bench: messages
	@command -v wrk >/dev/null || { echo "Installing Debian's wrk…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	$(PY) -m newsroom.bench

# Debian's chromium, for the two targets below (make test installs it along with varnish).
chromium:
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# Not part of the test suite: Lighthouse (pinned; 13 needs Node 22.19, Debian 12 has Node 20)
# from the npm registry into .lighthouse/, run with Debian's chromium against the production
# configuration under gunicorn on loopback (newsroom/lighthouse.py; LIGHTHOUSE_RUNS per page, 3).
LIGHTHOUSE_VERSION := 12.8.2
.lighthouse/.installed-$(LIGHTHOUSE_VERSION):
	@command -v npm >/dev/null || { echo "Lighthouse needs Node.js 18.16 or newer and npm." >&2; exit 1; }
	npm install --prefix .lighthouse --no-audit --no-fund --loglevel=error lighthouse@$(LIGHTHOUSE_VERSION)
	touch $@

lighthouse: messages chromium .lighthouse/.installed-$(LIGHTHOUSE_VERSION)
	$(PY) -m newsroom.lighthouse

# Not part of the test suite: Playwright with Debian's chromium against the same served demo;
# PNGs in screenshots/, the two the README shows copied into docs/ (newsroom/screenshots.py).
screenshots: messages chromium
	$(PY) -m newsroom.screenshots
