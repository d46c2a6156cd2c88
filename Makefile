# make demo / make test work on a fresh machine: they create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install lint bench clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/demo.py

test: $(STAMP)
	OPENBLAS_NUM_THREADS=1 $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check csnlp tests benchmarks examples

# Benchmarks print tables and take minutes; they need ../shared/data.
bench: $(STAMP)
	$(BIN)/python benchmarks/acts.py
	$(BIN)/python benchmarks/asr_robustness.py
	OPENBLAS_NUM_THREADS=1 $(BIN)/python benchmarks/tone.py
	$(BIN)/python benchmarks/throughput.py --turns 100000

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
