# make demo / make test work on a fresh machine: they create .venv when missing.
# `make demo` installs only what the library needs; `make test` adds the test tools.
# pip's output goes to .venv/install.log; a failed install prints its tail.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOG := $(VENV)/install.log
BASE_STAMP := $(VENV)/.installed-base
TEST_STAMP := $(VENV)/.installed-test
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: demo test install lint typecheck bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(BASE_STAMP): pyproject.toml | $(VENV)/bin/python
	@echo "csnlp: installing into $(VENV) (log: $(LOG))"
	@$(PIP) -e . >$(LOG) 2>&1 || (tail -20 $(LOG); exit 1)
	@touch $@

$(TEST_STAMP): pyproject.toml $(BASE_STAMP)
	@echo "csnlp: installing the test tools into $(VENV) (log: $(LOG))"
	@$(PIP) -e ".[test]" >>$(LOG) 2>&1 || (tail -20 $(LOG); exit 1)
	@touch $@

install: $(TEST_STAMP)

demo: $(BASE_STAMP)
	@$(BIN)/python examples/demo.py

# The suite runs on every core (pytest-xdist; `make test TEST_WORKERS=0` runs it in one
# process): on CI's two cores it takes about 13 minutes instead of 20.
TEST_WORKERS ?= auto
test: $(TEST_STAMP)
	OPENBLAS_NUM_THREADS=1 $(BIN)/python -m pytest -q -n $(TEST_WORKERS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check csnlp tests benchmarks examples

# `make test` runs it too (tests/test_typing.py); the configuration is in pyproject.toml.
typecheck: $(TEST_STAMP)
	$(BIN)/mypy

# Benchmarks print tables and take minutes; they need ../shared/data.
bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/acts.py
	$(BIN)/python benchmarks/asr_robustness.py
	OPENBLAS_NUM_THREADS=1 $(BIN)/python benchmarks/tone.py
	OPENBLAS_NUM_THREADS=1 $(BIN)/python benchmarks/frustration.py
	$(BIN)/python benchmarks/harper_valley.py
	$(BIN)/python benchmarks/paraphrases.py
	$(BIN)/python benchmarks/throughput.py --turns 100000

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache
