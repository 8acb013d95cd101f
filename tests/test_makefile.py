"""`make` fails with a one-line reason when Python is missing or too old; how it runs the suite."""

import os
import subprocess

from helpers import ROOT


def make_setup(tmp_path, python):
    # A fresh VENV path, so the installed stamp of the real .venv does not skip the checks.
    return subprocess.run(
        ["make", "--no-print-directory", "setup", f"PYTHON={python}", f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_missing_python_is_named(tmp_path):
    run = make_setup(tmp_path, tmp_path / "no-such-python")
    assert run.returncode != 0
    assert "not found: install Python 3.11-3.13" in run.stdout
    assert not (tmp_path / "venv").exists()


def test_too_old_python_is_named(tmp_path):
    fake = tmp_path / "python3.9"
    fake.write_text('#!/bin/sh\ncase "$2" in *python_version*) echo 3.9.18;; *) exit 1;; esac\n')
    fake.chmod(0o755)
    run = make_setup(tmp_path, fake)
    assert run.returncode != 0
    assert "is Python 3.9.18; TensorFlow 2.21 needs Python 3.11-3.13" in run.stdout
    assert not (tmp_path / "venv").exists()


def test_python_may_cache_bytecode_even_when_the_caller_forbids_it(tmp_path):
    # CI sets PYTHONDONTWRITEBYTECODE=1; then every kernel would recompile TensorFlow from source.
    probe = tmp_path / "probe.mk"
    probe.write_text(
        f"include {ROOT / 'Makefile'}\nprobe:\n"
        "\t@python3 -c 'import sys; print(\"dont_write_bytecode\", sys.dont_write_bytecode)'\n"
    )
    run = subprocess.run(
        ["make", "--no-print-directory", "-f", str(probe), "probe"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert run.stdout.strip() == "dont_write_bytecode False", run.stdout + run.stderr


def test_make_test_runs_one_worker_per_core_plus_one():
    # OMP_NUM_THREADS=1, as `make test` sets for its kernels: nproc honours it; the Makefile not.
    run = subprocess.run(
        ["make", "--no-print-directory", "-n", "test"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "OMP_NUM_THREADS": "1"},
    )
    workers = len(os.sched_getaffinity(0)) + 1
    assert f" -n {workers} --dist loadfile " in run.stdout, run.stdout[-2000:]
