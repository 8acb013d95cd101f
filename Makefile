# lstm-course: `make lab` opens the course, `make test` runs the whole suite.
# Both create .venv and install the pinned requirements on first use; afterwards the
# set-up step is a no-op until requirements.txt, binder/requirements.txt or pyproject.toml change.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The course site's Sphinx stack (site/requirements.txt), installed on top by `make site`/`make test`.
SITE_STAMP := $(VENV)/.site-installed
# uv installs the pinned wheels from its cache in seconds (pip takes about a minute).
UV_VERSION := 0.13.9
UV     := $(BIN)/uv
# One pytest worker more than the machine has cores: the extra worker fills the gaps while a
# notebook's kernel waits on JupyterLab and Chromium. A unit of work is a test file, or a
# notebook with its browser run (conftest.py marks each test with its xdist_group). nproc
# without the OpenMP variables, which it honours and TEST_THREADS sets to 1.
WORKERS ?= $(shell echo $$(( $$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc 2>/dev/null || echo 2) + 1 )))
PYTEST_ARGS ?= -n $(WORKERS) --dist loadgroup --no-loadscope-reorder --durations=10
# nbval runs under other floating-point kernels than `make notebooks` used to write the
# committed outputs, as on another learner's CPU, so a checked cell that prints a CPU-dependent
# number fails here first. tests/test_portability.py proves that each variable changes a
# trained loss; why these two and not others: benchmarks/README.md.
PORTABILITY_ENV := TF_ENABLE_ONEDNN_OPTS=0 OPENBLAS_CORETYPE=Haswell
# One thread per kernel: the workers run notebooks side by side, and TensorFlow's and
# OpenBLAS's default pools (a thread per core each) would fight over the cores.
TEST_THREADS := OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 TF_NUM_INTRAOP_THREADS=1 TF_NUM_INTEROP_THREADS=1
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_ARGS ?=

export TF_CPP_MIN_LOG_LEVEL := 3
# Let Python cache compiled bytecode even where the caller forbids it (CI's environments often
# set PYTHONDONTWRITEBYTECODE=1): otherwise every kernel recompiles TensorFlow's modules from
# source, which doubles `import tensorflow`. Empty means unset to Python.
export PYTHONDONTWRITEBYTECODE :=
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: setup browser lab test test-fast test-colab notebooks benchmark sweeps figures site lint clean help

help:
	@echo "make lab        open the course in JupyterLab (sets everything up first)"
	@echo "make test       run the whole test suite (sets everything up first)"
	@echo "make test-fast  unit tests, lint and notebook hygiene only (under a minute)"
	@echo "make test-colab every notebook on Google Colab's versions (colab/versions.txt)"
	@echo "make notebooks  re-execute every notebook in place, cleaned, and print timings"
	@echo "make benchmark  time every notebook (wall seconds, kernel peak RSS) without writing"
	@echo "make sweeps     every sweep over seeds and settings the notebooks cite (sweeps/README.md)"
	@echo "make figures    README thumbnails and tables from the executed notebooks and metrics"
	@echo "make site       the course site (HTML) from the committed notebooks, in _build/site/html"
	@echo "make lint       ruff check + format check"

setup: $(STAMP)

$(STAMP): requirements.txt binder/requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: '$(PYTHON)' not found: install Python 3.11-3.13 (or run: make PYTHON=/path/to/python3.11 ...)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] <= (3, 13)))' || { echo "error: $(PYTHON) is Python $$($(PYTHON) -c 'import platform; print(platform.python_version())'); TensorFlow 2.21 needs Python 3.11-3.13 (run: make PYTHON=python3.11 ...)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { echo "error: could not create $(VENV) (on Debian/Ubuntu: apt-get install python3-venv)"; exit 1; }
	@echo "Installing the pinned requirements into $(VENV) (first time: about a minute)..."
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION) >$(VENV)/pip-error.log 2>&1 || { echo "error: pip could not install uv (no network, or PyPI unreachable?): see $(VENV)/pip-error.log"; exit 1; }
	@$(UV) pip install --quiet --python $(BIN)/python -r requirements.txt >$(VENV)/pip-error.log 2>&1 || { echo "error: could not install requirements.txt (no network, or PyPI unreachable?): see $(VENV)/pip-error.log"; exit 1; }
	@$(UV) pip install --quiet --python $(BIN)/python --no-deps -e . >>$(VENV)/pip-error.log 2>&1 || { echo "error: could not install the lstm_course package: see $(VENV)/pip-error.log"; exit 1; }
	@touch $@
	@echo "Set-up done."

lab: $(STAMP)
	@echo "Starting JupyterLab on the course; open the URL below (Ctrl-C stops it)."
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=$(CURDIR) --ServerApp.answer_yes=True \
		--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb $(LAB_ARGS)

$(SITE_STAMP): $(STAMP) site/requirements.txt
	@echo "Installing the site's pinned packages (site/requirements.txt) into $(VENV)..."
	@$(UV) pip install --quiet --python $(BIN)/python -r site/requirements.txt >$(VENV)/pip-error.log 2>&1 || { echo "error: could not install site/requirements.txt (no network, or PyPI unreachable?): see $(VENV)/pip-error.log"; exit 1; }
	@touch $@

# The browser and site tests drive Debian's chromium (tests/test_browser.py): installed here,
# once, before pytest starts its workers (several workers running apt-get at once lose apt's
# lock). No stamp: `command -v` costs nothing, and a stamp would outlive `apt-get remove`.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" != 0 ]; then echo "error: the browser tests need chromium, which is not installed: run 'sudo apt-get update && sudo apt-get install chromium', then make test again"; exit 1; fi; \
	  echo "Installing Debian's chromium for the browser tests (apt-get; about a minute)..."; \
	  mkdir -p $(VENV); \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >$(VENV)/apt-error.log 2>&1 \
	    || { echo "error: apt-get could not install chromium (no network, or another apt-get running?): see $(VENV)/apt-error.log"; exit 1; }; \
	  command -v chromium >/dev/null 2>&1 || { echo "error: apt-get installed chromium but no 'chromium' is on PATH: see $(VENV)/apt-error.log"; exit 1; }; \
	}

test: browser $(STAMP) $(SITE_STAMP)
	env $(PORTABILITY_ENV) $(TEST_THREADS) $(BIN)/python -m pytest tests notebooks --nbval-lax --nbval-current-env $(PYTEST_ARGS)

# The inner loop: unit tests, lint and notebook hygiene, no notebook executed (under a minute).
test-fast: $(STAMP)
	$(BIN)/python -m pytest tests -m "not slow" -n 2 -q

# Every notebook on Google Colab's library versions (colab/versions.txt), in an environment uv
# builds under .venv/colab/ and reuses until that file changes; not part of `make test` (the
# test skips unless LSTM_COURSE_COLAB=1). COLAB_PYTHON=/path/to/python3.13 picks the Python.
COLAB_PYTHON ?=
test-colab: $(STAMP)
	env LSTM_COURSE_COLAB=1 COLAB_PYTHON=$(COLAB_PYTHON) $(BIN)/python -m pytest tests/test_colab_env.py \
		-n 2 --dist loadgroup --no-loadscope-reorder --durations=0

notebooks: $(STAMP)
	$(BIN)/python benchmarks/run_notebooks.py --write
	$(MAKE) --no-print-directory figures

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run_notebooks.py

# Not part of `make test`: each sweep runs notebooks many times (sweeps/README.md: its cost).
SWEEPS := $(filter-out sweeps/common.py,$(sort $(wildcard sweeps/*.py)))
sweeps: $(STAMP)
	@for script in $(SWEEPS); do \
		echo "== $$script"; start=$$(date +%s); \
		$(BIN)/python $$script || exit 1; \
		echo "== $$script: $$(( $$(date +%s) - start )) s"; \
	done

figures: $(STAMP)
	$(BIN)/python tools/readme_assets.py figures
	$(BIN)/python tools/readme_assets.py readme

# The course site from the committed notebooks (nothing re-executed): site/make_site.py.
site: $(SITE_STAMP)
	$(BIN)/python site/make_site.py

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache artifacts
