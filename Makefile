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
# One worker more than the machine has cores: a notebook's kernel waits on its worker, its
# JupyterLab server and Chromium between cells, and the extra worker fills those gaps. On 2 cores
# (2026-11-22, same host, same hour): 918 s with 3 workers, 1,037 s with 2 (CPU idle 2% against
# 11%). A unit of work is a file, or a notebook with its browser run; conftest.py orders them.
# (nproc without the OpenMP variables: it honours OMP_NUM_THREADS, which TEST_THREADS sets to 1.)
WORKERS ?= $(shell echo $$(( $$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc 2>/dev/null || echo 2) + 1 )))
PYTEST_ARGS ?= -n $(WORKERS) --dist loadfile --no-loadscope-reorder --durations=10
# `make test` runs under other floating-point kernels than `make notebooks` used to write the
# committed outputs: TensorFlow's oneDNN optimisations off, NumPy's OpenBLAS on its Haswell
# (AVX2) kernels instead of this CPU's AVX-512 ones. Each changes the order of floating-point
# sums, as another CPU does, so a checked cell whose output depends on the CPU fails here and
# not on a learner's machine. tests/test_portability.py proves that this configuration changes
# a trained loss. Measured 2026-11-22 (06 with its defaults, one thread; 08 for OpenBLAS): every
# variable below changes 06's trained figures on its own, and these two cost 6% and 2%. Capping
# oneDNN at AVX2 (ONEDNN_MAX_CPU_ISA=AVX2) also perturbs but costs 32% (TensorFlow's matmuls
# run on oneDNN's kernels even with its optimisations off: 06 took 120 s against 91 s), and
# OpenBLAS's Sandybridge kernels 13% on 08 (71.5 s against 63.6 s).
PORTABILITY_ENV := TF_ENABLE_ONEDNN_OPTS=0 OPENBLAS_CORETYPE=Haswell
# One thread per kernel in `make test`: its workers each run a notebook, and TensorFlow's
# and OpenBLAS's default thread pools (one thread per core each) fight over the cores. Two
# copies of notebook 06 side by side: 210-220 s each with the defaults, 159 s each with these.
# (Alone, one thread runs a notebook as fast as two.)
TEST_THREADS := OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 TF_NUM_INTRAOP_THREADS=1 TF_NUM_INTEROP_THREADS=1
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_ARGS ?=

export TF_CPP_MIN_LOG_LEVEL := 3
# Let Python cache compiled bytecode (in __pycache__ folders, .venv's and the repo's; git
# ignores them). Some environments, CI's among them, set PYTHONDONTWRITEBYTECODE=1: then every
# kernel recompiles TensorFlow's 1,800 modules from source, and `import tensorflow` takes 10.6 s
# instead of 4.8 s (measured 2026-11-22). Empty means unset to Python. The first import after
# set-up writes the cache, so set-up itself takes no longer.
export PYTHONDONTWRITEBYTECODE :=
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: setup lab test test-fast test-colab notebooks benchmark benchmark-lstm figures site lint clean help

help:
	@echo "make lab        open the course in JupyterLab (sets everything up first)"
	@echo "make test       run the whole test suite (sets everything up first)"
	@echo "make test-fast  unit tests, lint and notebook hygiene only (under a minute)"
	@echo "make test-colab every notebook on Google Colab's versions (colab/versions.txt)"
	@echo "make notebooks  re-execute every notebook in place, cleaned, and print timings"
	@echo "make benchmark  time every notebook (wall seconds, kernel peak RSS) without writing"
	@echo "make benchmark-lstm  the plain reference LSTM against the fast one (NumPy)"
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

test: $(STAMP) $(SITE_STAMP)
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
		-n 2 --dist loadfile --no-loadscope-reorder --durations=0

notebooks: $(STAMP)
	$(BIN)/python benchmarks/run_notebooks.py --write
	$(MAKE) --no-print-directory figures

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run_notebooks.py

# The plain reference LSTM (what learners read) against the fast one the notebooks train with.
benchmark-lstm: $(STAMP)
	$(BIN)/python benchmarks/lstm_plain_vs_fast.py

figures: $(STAMP)
	$(BIN)/python benchmarks/readme_assets.py figures
	$(BIN)/python benchmarks/readme_assets.py readme

# The course site from the committed notebooks (nothing re-executed): site/make_site.py.
site: $(SITE_STAMP)
	$(BIN)/python site/make_site.py

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache artifacts
