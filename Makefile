# The two set-up commands of the README: `make demo` (or `make run`) and `make test`.
# Each creates .venv and installs Vigie into it on first use.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: setup demo run test lint bench

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: setup  ## the whole loop in a minute, offline: sample feeds, embedded Redis, console alerts
	$(BIN)/vigie run --demo

run: setup  ## the monitor on ./vigie.yaml with the embedded default (no Redis, no Slack needed)
	$(BIN)/vigie run

test: setup  ## unit and integration tests (starts a Redis when none answers on 127.0.0.1:6379)
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/pip install --quiet ruff mypy
	$(BIN)/ruff check monitor workers tests bench

bench: setup
	for b in bench/*.py; do $(BIN)/python $$b || exit 1; done
