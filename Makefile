# Two commands do everything: `make run` serves the demo, `make test` runs the whole suite.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 2
export SOLIDARITY_DATA_DIR ?= $(CURDIR)/var

MESSAGE_IGNORES := --ignore=.venv --ignore=var --ignore=bench --ignore=tests --ignore=scripts --ignore=docs

.PHONY: run test test-sqlite test-postgres lint system-deps messages bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py demo
	@echo "Solidarity on http://127.0.0.1:$(PORT)/  (staff accounts: $(PY) manage.py createstaff NAME --role organiser)"
	$(VENV)/bin/granian --interface wsgi solidarity.wsgi:application --host 127.0.0.1 --port $(PORT) \
		--workers $(WORKERS) --blocking-threads 1 --no-ws

system-deps:
	scripts/system-deps.sh

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

# Tests get a throwaway data folder, so nothing from a local `make run` (database, collected static files) leaks in.
test-sqlite: $(VENV)/.installed system-deps
	SOLIDARITY_DATA_DIR=$$(mktemp -d) $(VENV)/bin/pytest -q

test-postgres: $(VENV)/.installed system-deps
	SOLIDARITY_DATA_DIR=$$(mktemp -d) scripts/with-postgres.sh $(VENV)/bin/pytest -q

test: lint test-sqlite test-postgres

messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l ru --no-obsolete --no-location $(MESSAGE_IGNORES)
	$(PY) manage.py compilemessages -v0 --ignore=.venv

bench: $(VENV)/.installed system-deps
	bench/run_all.sh

clean:
	rm -rf $(VENV) var
