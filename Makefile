# ita-extract — every target installs what it needs into .venv on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
RAW ?= data/raw
OUT ?= data/processed
N ?= 1000
CORPUS ?= data/corpus
export PYTHAINLP_OFFLINE := 1

.PHONY: extract test test-fast lint docs bench bench-cli bench-ocr bench-batch corpus accuracy variants ocr-deps build-deps browser-deps clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# Two stamps: extracting needs the runtime only; tests, lint and benchmarks add the dev extras.
# The install is editable in setuptools' strict mode: site-packages gets a tree of links to the
# sources (build/__editable__.*), which type checkers and editors follow as they follow any
# package. The tree holds one link per file, so it is made again when a source file is added or
# removed (the list of files below), and when a C extension's source changes (which rebuilds it).
NATIVE := setup.py $(wildcard normalizers/*.c parsers/*.c)
SOURCES := $(VENV)/.sources
# A virtualenv whose making was interrupted (Ctrl-C, a killed CI job) has a python but no pip:
# it is made again over itself, not trusted because its python exists.
MAKE_VENV := $(PY) -m pip --version >/dev/null 2>&1 || $(PYTHON) -m venv $(VENV)
INSTALL := PYTHONWARNINGS='ignore:Editable installation' $(PY) -m pip install --quiet \
	--config-settings editable_mode=strict

$(SOURCES): FORCE
	@mkdir -p $(VENV)
	@find src pipeline parsers normalizers -type f -not -path '*/__pycache__/*' -not -name '*.so' | sort > $@.new
	@cmp -s $@.new $@ && rm $@.new || mv $@.new $@

$(VENV)/.runtime: pyproject.toml $(NATIVE) $(SOURCES)
	$(MAKE_VENV)
	$(INSTALL) -e .
	touch $@

$(VENV)/.installed: pyproject.toml $(NATIVE) $(SOURCES)
	$(MAKE_VENV)
	$(INSTALL) -e '.[dev]'
	touch $(VENV)/.runtime $@

.PHONY: FORCE
FORCE:

extract: $(VENV)/.runtime  ## extract RAW (default data/raw) into OUT (default data/processed)
	$(VENV)/bin/ita-extract extract --raw $(RAW) --out $(OUT)

test: $(VENV)/.installed  ## run the whole test suite (CI)
	$(PY) -m pytest

test-fast: $(VENV)/.installed  ## the tests not marked slow (no whole runs in subprocesses, OCR, Dask, install, hostile folder, shared corpus)
	$(PY) -m pytest -m "not slow"

bench: $(VENV)/.installed  ## pages/s of the pipeline against pdfium text-only and plain pdfplumber, on the born-digital PDFs (one worker)
	$(PY) bench/bench_pdf.py --profile 12

# What the user runs: the command over the born-digital dev and real PDFs (not the scans, not
# the scanned eb2-2.6), against pdfium's bare text extraction of the same files.
SHARED ?= ../shared
CLI_PDFS = $(filter-out %.scan.pdf,$(wildcard $(SHARED)/corpus/dev/*.pdf)) \
	$(filter-out %eb2-2.6_policy-slides-2564.pdf,$(wildcard $(SHARED)/corpus/real/*.pdf))

bench-cli: $(VENV)/.runtime  ## the command over a folder, one worker: ratio to pdfium, per-PDF overhead, start-up (../shared/tools/cli_speed.py)
	$(PY) $(SHARED)/tools/cli_speed.py --pdfs $(CLI_PDFS) --runs $(or $(RUNS),3)

bench-ocr: $(VENV)/.installed  ## numbers OCR reads right on the dev scans against their text twins, and s/page against plain Tesseract
	$(PY) bench/bench_ocr.py

bench-batch: $(VENV)/.installed  ## documents/s for 1 worker vs all cores, unchanged re-run vs full run (N documents)
	$(PY) bench/bench_batch.py --n $(N)

corpus: $(VENV)/.installed  ## build a synthetic archive of N documents (default 1000) in CORPUS (data/corpus)
	$(PY) bench/make_corpus.py --n $(N) --out $(CORPUS)

accuracy: $(VENV)/.installed  ## precision and recall of the scores per document and level, against the golden files and the layout variants
	$(PY) bench/accuracy.py

variants: $(VENV)/.installed  ## re-render the layout variants and results lists into Word-made PDFs and scans (needs soffice, pdftoppm, fonts-thai-tlwg)
	$(PY) -m pip install --quiet python-docx img2pdf
	$(PY) -m tests.render_variants

ocr-deps:  ## install Tesseract with Thai data (Debian/Ubuntu, needs root)
	apt-get install -y -q tesseract-ocr tesseract-ocr-tha || (apt-get update -q && apt-get install -y -q tesseract-ocr tesseract-ocr-tha)

build-deps:  ## install a C compiler for the C extensions (Debian/Ubuntu, needs root)
	apt-get install -y -q gcc || (apt-get update -q && apt-get install -y -q gcc)

browser-deps:  ## install Chromium for the report's browser test (Debian/Ubuntu, needs root)
	apt-get install -y -q chromium || (apt-get update -q && apt-get install -y -q chromium)

lint: $(VENV)/.installed  ## ruff and mypy over the whole tree (the package through its installed link tree)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy -p ita_extract
	$(VENV)/bin/mypy tests bench scripts

docs: $(VENV)/.installed  ## regenerate docs/data-dictionary.md from pipeline/schema.py
	$(VENV)/bin/ita-extract schema --write docs/data-dictionary.md

clean:  ## remove the virtualenv, the built C extensions and outputs
	rm -rf $(VENV) build normalizers/*.so parsers/*.so $(OUT)/*.parquet $(OUT)/manifest.json $(OUT)/report.html $(OUT)/current $(OUT)/runs \
	  $(OUT)/.cache $(OUT)/.lock $(OUT)/ita.duckdb $(OUT)/ita.xlsx $(OUT)/csv
