# dealer_xl — two commands on a fresh machine (Python 3.11 + make):
#   make demo   create .venv, install, run the main job on the embedded demo company (output in out/)
#   make test   create/update .venv with the test extras and run the whole test suite (parallel workers)
# Both install the versions pinned in constraints.txt. Others:
#   make docs          regenerate docs/cli.md from the parser (tests/docs/ fails when it differs)
#   make docs-examples rewrite the output of the docs' console examples (read the diff!)
#   make constraints   re-pin constraints.txt from a fresh venv after pyproject.toml changed
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

CONSTRAINTS := constraints.txt

.PHONY: demo test bench workbooks lint clean docs docs-examples constraints

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/python -m pip install -q -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/python -m pip install -q -c $(CONSTRAINTS) -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/dealer-xl main --out out

# parallel workers, one per core (tests of one module stay together: their module fixtures run once;
# tests/scheduling.py balances the units between the workers). Compiled modules are cached even where
# PYTHONDONTWRITEBYTECODE is set: the suite starts the CLI in ~100 subprocesses, each would recompile.
test: $(VENV)/.installed-test
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n auto --dist loadscope

bench: $(VENV)/.installed-test
	$(BIN)/python bench/bench_read.py
	$(BIN)/python bench/bench_validate.py

workbooks: $(VENV)/.installed
	$(BIN)/python -m dealer_xl.io.templates workbooks

docs: $(VENV)/.installed
	$(BIN)/python scripts/cli_reference.py docs/cli.md

docs-examples: $(VENV)/.installed-test
	$(BIN)/python -m tests.docs.update

constraints:
	rm -rf .venv-pin
	$(PYTHON) -m venv .venv-pin
	.venv-pin/bin/python -m pip install -q -e '.[test]'
	{ sed -n '/^#/p' $(CONSTRAINTS); .venv-pin/bin/python -m pip freeze --exclude-editable | sort -f; } > $(CONSTRAINTS).new
	mv $(CONSTRAINTS).new $(CONSTRAINTS)
	rm -rf .venv-pin

lint: $(VENV)/.installed-test
	$(BIN)/ruff check dealer_xl tests bench

clean:
	rm -rf out dist build *.egg-info .pytest_cache
