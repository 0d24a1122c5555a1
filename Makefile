# The one task runner: `make run` and `make test` are all a fresh machine needs (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: install run serve index search ask eval test lint system-deps axe bench clean

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

# Running the product: index the bundled letters, then serve the chat at http://127.0.0.1:8000/.
run: index serve

serve: install
	$(BIN)/letters serve

# The bundled letters must all be right; the Enron dev part (tests/gold/ENRON-README.md) is reported,
# its index built once under bench/.work/answers (the held part is run only by `python -m bench.answers`).
eval: index
	$(BIN)/letters eval tests/gold/bundled.jsonl --min-hit3 0.9 --max-wrong-answers 0
	$(BIN)/python -m bench.answers --parts dev

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Debian packages the tests use: Chromium for the browser tests (Playwright's own download cannot
# work offline), Tesseract and poppler's pdftoppm for OCR of scanned PDFs. Installed only when
# missing; as root, or with sudo. Where that fails the tests that need them say so and skip,
# except in CI, where they must run.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v tesseract >/dev/null || ! command -v pdftoppm >/dev/null; then \
	  { $(SUDO) apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    chromium chromium-driver tesseract-ocr poppler-utils >/dev/null; } || \
	  echo "could not install chromium/tesseract-ocr/poppler-utils: the tests that need them will skip"; fi
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm >/dev/null; } || \
	  echo "could not install npm: the browser tests' accessibility checks will fail"

# axe-core for the browser tests' accessibility checks (npm; tests/browser/package.json), once.
axe: system-deps
	@[ -f tests/browser/node_modules/axe-core/axe.min.js ] || \
	  npm install --prefix tests/browser --no-audit --no-fund --silent

test: install lint system-deps axe
	$(BIN)/python -m pytest

# Every benchmark at full size (issue 7; about an hour and a half on 2 cores the first time, most of
# it building the 100,000-passage index, which later runs reuse; not part of `make test`). The
# SciFact, re-index and latency scripts rewrite their tables in BENCHMARKS.md; the Enron script
# prints its row for the table by hand.
bench: install
	$(BIN)/python -m bench.scifact --write
	$(BIN)/python -m bench.reindex --write
	$(BIN)/python -m bench.latency --write
	$(BIN)/python -m bench.scifact --keyword-engines --write
	$(BIN)/python -m bench.scale --write
	$(BIN)/python -m bench.peer --write
	$(BIN)/python -m bench.office --write
	$(BIN)/python -m bench.meta --write
	$(BIN)/python -m bench.meta_probes --write
	$(BIN)/python -m bench.answers --write
	$(BIN)/python -m bench.ask_speed --write
	$(BIN)/python -m bench.enron

clean:
	rm -rf $(VENV) data test-artifacts .pytest_cache .mypy_cache .ruff_cache tests/browser/node_modules
