# Two commands for a newcomer: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test lint check corpus-scores bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## Extract the embedded press releases (data/raw/) into data/processed/, then write report/index.html.
run: $(STAMP)
	$(PY) -m pipeline run
	$(PY) -m pipeline report --data data/processed --out report

## Run the test suite (tests that need ../shared/ skip when it is absent).
test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

## Every pre-merge check.
check: lint test

## Score the development corpus (needs ../shared/).
corpus-scores: $(STAMP)
	$(PY) -m pipeline extract ../shared/corpus/corpus.jsonl --out build/corpus -q
	$(PY) -m pipeline evaluate --gold ../shared/corpus/gold --pred build/corpus

## Throughput, scaling and memory at 1,000 and 20,000 documents → bench/results.json.
bench: $(STAMP)
	$(PY) bench/run.py --n 1000 --n 20000

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
