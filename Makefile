# dealer_xl — two commands on a fresh machine (Python 3.11 + make):
#   make demo   create .venv, install, run the main job on the embedded demo company (output in out/)
#   make test   create/update .venv with the test extras and run the whole test suite (parallel workers)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test bench workbooks lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/dealer-xl main --out out

# parallel workers, one per core (tests of one module stay together: their module fixtures run once)
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n auto --dist loadscope

bench: $(VENV)/.installed-test
	$(BIN)/python bench/bench_read.py
	$(BIN)/python bench/bench_validate.py

workbooks: $(VENV)/.installed
	$(BIN)/python -m dealer_xl.io.templates workbooks

lint: $(VENV)/.installed-test
	$(BIN)/ruff check dealer_xl tests bench

clean:
	rm -rf out dist build *.egg-info .pytest_cache
