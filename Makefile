# Callshield: `make run` and `make test` work on a fresh machine with only Python 3.11 and pip.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint unit bench corpus evaluate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/callshield redact --show-findings samples/call_transcript.txt

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy --strict src

unit: $(STAMP)
	$(PY) -m pytest

test: lint unit

corpus: $(STAMP)
	$(VENV)/bin/callshield corpus --out build/dev_corpus.jsonl

evaluate: corpus
	$(VENV)/bin/callshield evaluate build/dev_corpus.jsonl

bench: $(STAMP)
	$(PY) bench/prefilter_throughput.py
	$(PY) bench/compare_presidio.py

clean:
	rm -rf $(VENV) build .bench-venv .pytest_cache .mypy_cache .ruff_cache
