# `make serve` shows the site; `make test` runs every test. Both set themselves up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-fast lint check browser valgrind candidates coverage import bench bench-quick screenshots clean

serve: $(VENV)/.installed  ## preview the site at http://127.0.0.1:8000, rebuilding on every edit
	$(BIN)/mkdocs serve

build: $(VENV)/.installed  ## build the site into site/, failing on any warning
	$(BIN)/mkdocs build --strict

test: lint browser  ## lint, types, then unit, whole-site and browser tests, on every core; needs no root
	$(BIN)/pytest -n auto

test-fast: $(VENV)/.installed  ## the unit tests of the core and the adapter: seconds, no browser, no site build
	$(BIN)/pytest -m unit

lint: $(VENV)/.installed  ## ruff (lint and format), mypy (strict for the core), zizmor (the workflows)
	$(BIN)/ruff check hooks tools tests benchmarks
	$(BIN)/ruff format --check hooks tools tests benchmarks
	$(BIN)/mypy
	$(BIN)/zizmor --offline --quiet .github/workflows

check: $(VENV)/.installed  ## the strict build into a temporary folder, quietly: every problem with file, line, fix
	$(BIN)/python tools/annotate_cli.py check

candidates: $(VENV)/.installed  ## list words in the discussions that look like jargon but have no annotation
	$(BIN)/python tools/annotate_cli.py candidates

coverage: candidates  ## the former name of `make candidates`, kept for one release

import: $(VENV)/.installed  ## a thread from a forum's data (or a scrape) as a draft discussion, or refreshed: make import SOURCE=thread.json|address NAME=slug [FORMAT=…] [ACCEPT=id,…|all]
	$(BIN)/python tools/import_discussion.py "$(SOURCE)" "$(NAME)" "$(FORMAT)" "$(ACCEPT)"

# The hook `make bench` compares with, as well as with no hook: main before the redesign of issue 30.
BEFORE ?= 2df6c7f

bench: $(VENV)/.installed valgrind  ## what annotation costs builds, memory, reloads and readers, now and at BEFORE (minutes); writes docs/about/performance.md
	$(BIN)/python benchmarks/site_build.py --instructions --before $(BEFORE)

bench-quick: $(VENV)/.installed valgrind  ## the same on tiny sites: checks that the benchmark runs
	$(BIN)/python benchmarks/site_build.py --quick --instructions

screenshots: browser  ## retake the README's pictures from the built site (into screenshots/)
	$(BIN)/pytest -q tests/test_screenshots.py tests/test_popovers.py::test_dark_palette_popover_is_dark \
		tests/test_sidenotes.py::test_wide_screens_show_every_note_in_the_margin_beside_its_anchor_without_overlap
	cp test-results/thread-desktop.png test-results/thread-phone.png test-results/term-tapped-phone.png \
		test-results/popover-dark.png test-results/print.png test-results/sidenotes-desktop.png screenshots/

browser: $(VENV)/.installed  ## make sure a Chromium exists for the browser tests
	@PYTHON=$(BIN)/python scripts/ensure-browser

valgrind:  ## make sure valgrind exists for the benchmark's instruction counts (make bench only)
	@scripts/ensure-valgrind

# Before pip: a Python the pins cannot install on, or one without venv, is named in one line.
PYTHON_PROBLEM = $(shell if command -v $(PYTHON) >/dev/null 2>&1; then \
	out=$$($(PYTHON) scripts/check-python 2>&1) || echo "$${out:-$(PYTHON) could not run scripts/check-python}"; \
	else echo "There is no $(PYTHON) on PATH. Fix: install Python (README: which versions), or name one: make test PYTHON=python3.12"; fi)

# The environment's Python finds the core (hooks/) wherever it runs, as the tools in tools/ need:
# one line in a .pth file, the mechanism pip's editable installs use, without a build backend.
$(VENV)/.installed: requirements.txt Makefile
	$(if $(PYTHON_PROBLEM),$(error $(PYTHON_PROBLEM)))
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -c 'import pathlib, sys, sysconfig; pathlib.Path(sysconfig.get_path("purelib"), "annotated-discussions.pth").write_text(sys.argv[1] + "\n")' "$(CURDIR)/hooks"
	touch $@

clean:
	rm -rf $(VENV) site .pytest_cache test-results
