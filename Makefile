# The one task runner: `make run` and `make test` are all a fresh machine needs (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: install run index search ask eval test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch first: 2.13.0 is the machine's local CPU wheel; anything that pulls torch later finds it met.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

index: install
	$(BIN)/letters index corpus

search: index
	$(BIN)/letters search "Improvement Board membership" -k 3

ask: index
	$(BIN)/letters ask "What was proposed for the Improvement Board membership?"

# Until the web app lands, running the product means indexing the bundled letters, listing them,
# and asking a question of them.
run: index
	$(BIN)/letters documents
	$(BIN)/letters ask "What was proposed for the Improvement Board membership?"

eval: index
	$(BIN)/letters eval tests/gold/bundled.jsonl --min-hit3 0.9 --max-wrong-answers 0

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: install lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
