# Callshield: `make run` and `make test` work on a fresh machine with only Python 3.11 and pip.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint unit bench corpus evaluate clean postgres native

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The native match collector (native/hsnative.c) against the system libhs (Debian's
# libvectorscan-dev). Without it callshield runs on the `hyperscan` wheel alone, slower. It
# also writes the default engine's pattern database into the package (callshield.prebuilt),
# which Engine() then loads instead of compiling. Then mypyc compiles the scan path's modules
# into src/callshield/_compiled (native/compile_core.py; they stand down when a source changes).
native: $(STAMP)
	@test -f /usr/include/hs/hs.h || \
	  (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libvectorscan-dev) || \
	  echo "libhs headers not installed: callshield will use the hyperscan wheel"
	$(PY) native/build.py
	$(PY) native/compile_core.py

# The service on http://127.0.0.1:8000 (SQLite under ./.callshield, demo policy loaded).
run: $(STAMP) native
	$(VENV)/bin/callshield redact --show-findings samples/call_transcript.txt
	CALLSHIELD_DEMO_POLICY=samples/policy.yaml $(VENV)/bin/callshield serve

# PostgreSQL binaries for the storage tests (the tests start and stop their own server).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || \
	  (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql)

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench native
	$(VENV)/bin/ruff format --check src tests bench native
	$(VENV)/bin/mypy --strict src

# (CALLSHIELD_REQUIRE_NATIVE: a test fails if the native collector did not build)
# One pytest-xdist worker per core, four at most; a red-team set's tests share a worker
# (loadgroup), where the set is scanned once.
unit: $(STAMP) postgres native
	CALLSHIELD_REQUIRE_NATIVE=1 $(PY) -m pytest -n auto --maxprocesses=4 --dist loadgroup

test: lint unit

corpus: $(STAMP)
	$(VENV)/bin/callshield corpus --out build/dev_corpus.jsonl

evaluate: corpus
	$(VENV)/bin/callshield evaluate build/dev_corpus.jsonl

bench: $(STAMP) native
	$(PY) bench/prefilter_throughput.py
	$(PY) bench/compare_presidio.py
	$(PY) bench/redteam_leaks.py
	$(PY) bench/api_redact.py
	$(PY) bench/stream_latency.py
	$(PY) bench/policy_eval.py
	$(PY) bench/audio_dtmf.py

clean:
	rm -rf $(VENV) build .bench-venv .pytest_cache .mypy_cache .ruff_cache
	rm -f src/callshield/core/detection/_hsnative*.so
	rm -rf src/callshield/data/prefilter
