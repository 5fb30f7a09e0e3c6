# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEV := DEBUG=true
VNU_VERSION := 26.9.27

.PHONY: run test setup install lint format demo clean bench backup restore loadtest lighthouse

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --editable '.[dev]'
	# The Nu Html Checker for tests/test_html_valid.py (needs Java; the test says so).
	if command -v npm >/dev/null; then \
	  npm install --silent --no-save --no-audit --no-fund --prefix $(VENV)/npm vnu-jar@$(VNU_VERSION); fi
	touch $@

install: $(VENV)/.installed

## Migrate and load the framework, signatories and demo data (development defaults).
setup: install
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_initial_data signatories nap1325_iv report_2021
	$(DEV) $(PY) manage.py create_demo_users
	$(DEV) $(PY) manage.py create_demo_round

## Set everything up and serve the portal on http://127.0.0.1:8000
run: setup
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

## The whole test suite (on PostgreSQL when DATABASE_URL is set, else SQLite).
test: install
	$(PY) -m pytest

## Code style, template lint, Django idioms and the apps' dependency direction.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint
	git ls-files '*.py' | grep -v /migrations/ | xargs $(VENV)/bin/django-upgrade --target-version 5.2
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media-test *.egg-info

## Benchmark compiling a full round's annex (not part of `make test`; takes minutes).
BENCH_DB ?= /tmp/nap-bench.sqlite3
bench: install
	DEBUG=true DATABASE_URL=sqlite:///$(BENCH_DB) $(PY) manage.py migrate --noinput -v0
	DEBUG=true DATABASE_URL=sqlite:///$(BENCH_DB) $(PY) manage.py loaddata -v0 signatories nap1325_iv
	DEBUG=true DATABASE_URL=sqlite:///$(BENCH_DB) $(PY) manage.py bench_annex
	DEBUG=true DATABASE_URL=sqlite:///$(BENCH_DB) $(PY) manage.py bench_monitor

## Back up the PostgreSQL database of DATABASE_URL into backups/ (pg_dump, custom format).
backup: install
	$(PY) manage.py backup --folder backups

## Replace the database's contents with BACKUP=backups/nap-….dump (asks to confirm).
restore: install
	@test -n "$(BACKUP)" || (echo "Geef aan welke: make restore BACKUP=backups/nap-….dump"; exit 2)
	$(PY) manage.py restore "$(BACKUP)"

## 50 editors autosaving and 5 coordinators browsing, against gunicorn + PostgreSQL on
## localhost (LOADTEST_DATABASE_URL, DURATION=60s); not part of `make test`.
loadtest: install
	$(VENV)/bin/pip install --quiet --editable '.[load]'
	bash loadtest/run.sh

## Lighthouse (mobile, performance) on the editor's page as served in production; needs
## Chromium and npm; not part of `make test`.
lighthouse: install
	bash scripts/lighthouse.sh
