# ICB Involvement Atlas. `make help` lists the targets.
# The two commands a newcomer needs: `make report` and `make test`. Each sets up .venv first.

SHELL := /bin/bash
.DEFAULT_GOAL := help

SOURCE ?= demo
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml 2>/dev/null | cksum | cut -d' ' -f1)
export UV_COMPILE_BYTECODE := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help venv test test-fast lint report scrape extract tag build export notebooks bench clean

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'
	@echo "  SOURCE=live make report   run against the real ICB websites (default SOURCE=demo)"

venv: $(STAMP) ## create or refresh the virtual environment from requirements.lock

$(STAMP): requirements.lock pyproject.toml
	@echo "Setting up $(VENV) from requirements.lock ..."
	@rm -f $(VENV)/.installed-*
	@if command -v uv >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --user uv >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv >/dev/null 2>&1; then \
		UV="$$(command -v uv || echo $(PYTHON) -m uv)"; \
		[ -x $(PY) ] || $$UV venv --quiet --python $(PYTHON) $(VENV); \
		$$UV pip sync --quiet --python $(PY) requirements.lock && \
		$$UV pip install --quiet --python $(PY) --no-deps -e .; \
	else \
		echo "uv unavailable: falling back to pip (slower)"; \
		[ -x $(PY) ] || $(PYTHON) -m venv $(VENV); \
		$(PY) -m pip install --quiet -r requirements.lock && \
		$(PY) -m pip install --quiet --no-deps -e . && \
		$(PY) -m compileall -q $(VENV)/lib >/dev/null; \
	fi
	@touch $@

test: $(STAMP) ## run the whole test suite (what CI runs)
	$(PY) -m pytest

test-fast: $(STAMP) ## run the tests that do not build the full demo web
	$(PY) -m pytest -m "not slow"

lint: $(STAMP) ## check style with ruff
	$(PY) -m ruff check pipeline tests bench

report: $(STAMP) ## run the whole pipeline (SOURCE=demo|live) and write reports/<dataset>/
	$(PY) -m pipeline scrape --dataset $(SOURCE)
	$(PY) -m pipeline extract --dataset $(SOURCE)
	$(PY) -m pipeline tag --dataset $(SOURCE)
	$(PY) -m pipeline build --dataset $(SOURCE)
	$(PY) -m pipeline export --dataset $(SOURCE)
	$(PY) -m pipeline report --dataset $(SOURCE)

bench: $(STAMP) ## run the benchmarks in bench/ and print ratios against their baselines
	$(PY) -m bench

clean: ## remove the virtual environment, caches, processed data and reports (keeps data/raw)
	rm -rf $(VENV) .pytest_cache .ruff_cache reports data/processed/demo data/processed/live
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
