# Two commands do everything: `make run` serves the demo, `make test` runs the whole suite.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 2
export SOLIDARITY_DATA_DIR ?= $(CURDIR)/var

MESSAGE_IGNORES := --ignore=.venv --ignore=var --ignore=bench --ignore=tests --ignore=scripts --ignore=docs

.PHONY: run test test-sqlite test-postgres lint system-deps system-deps-run messages bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# Front-end libraries (Leaflet, country shapes) from the npm registry, at the versions package-lock.json pins.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

run: system-deps-run $(VENV)/.installed node_modules/.installed
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py demo
	@echo "Solidarity on http://127.0.0.1:$(PORT)/  (staff accounts: $(PY) manage.py createstaff NAME --role organiser)"
	@# the background worker (summary PDFs after publications) runs beside the server and stops with it
	$(PY) manage.py worker --worker-id make-run >>"$(SOLIDARITY_DATA_DIR)/worker.log" 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/granian --interface wsgi solidarity.wsgi:application --host 127.0.0.1 --port $(PORT) \
		--workers $(WORKERS) --blocking-threads 1 --no-ws

system-deps:
	scripts/system-deps.sh

system-deps-run:
	scripts/system-deps.sh run

lint: $(VENV)/.installed node_modules/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Tests get a throwaway data folder, so nothing from a local `make run` (database, collected static files) leaks in.
test-sqlite: system-deps $(VENV)/.installed node_modules/.installed
	SOLIDARITY_DATA_DIR=$$(mktemp -d) $(VENV)/bin/pytest -q

test-postgres: system-deps $(VENV)/.installed node_modules/.installed
	SOLIDARITY_DATA_DIR=$$(mktemp -d) scripts/with-postgres.sh $(VENV)/bin/pytest -q

test: lint test-sqlite test-postgres

# every language of settings.LANGUAGES but English (the source language)
TRANSLATIONS := ru uk de fr es nl tr

messages: $(VENV)/.installed
	$(PY) manage.py makemessages $(addprefix -l ,$(TRANSLATIONS)) --no-obsolete --no-location $(MESSAGE_IGNORES)
	$(PY) manage.py compilemessages -v0 --ignore=.venv

bench: $(VENV)/.installed system-deps
	bench/run_all.sh

clean:
	rm -rf $(VENV) var node_modules
