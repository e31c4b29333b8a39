# Two commands on a fresh machine: `make run` (the registry with demo data) and `make test`.
# `run` installs only what the application needs; `test` adds the development tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
STAMP := $(VENV)/.installed

.PHONY: run test install lint bench clean

# uv installs the pinned dependencies in parallel: a fresh clone serves in well under a minute.
UV_VERSION := 0.13.8

$(BIN)/uv:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(RUNTIME): pyproject.toml | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e .
	touch $(RUNTIME)

$(STAMP): pyproject.toml | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[dev]'
	touch $(RUNTIME) $(STAMP)

install: $(STAMP)

run: $(RUNTIME)
	$(BIN)/serviceguiden serve

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python bench/policy_bench.py

clean:
	rm -rf $(VENV) build *.egg-info
