"""`make` fails with a one-line reason when Python is missing or too old; how it runs the suite."""

import importlib.util
import os
import re
import shutil
import subprocess
import sys

import pytest
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
    assert f" -n {workers} --dist loadgroup " in run.stdout, run.stdout[-2000:]


def make_browser(tmp_path, uid: int, apt_exit: int):
    """`make browser` on a machine without chromium, as user ``uid``, with an apt-get that
    exits ``apt_exit``: PATH holds only stand-ins for id, apt-get and mkdir."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    (bin_ / "apt-get").write_text(f"#!/bin/sh\necho apt-get was run >&2\nexit {apt_exit}\n")
    for tool in ("id", "apt-get"):
        (bin_ / tool).chmod(0o755)
    (bin_ / "mkdir").symlink_to("/bin/mkdir")
    return subprocess.run(
        ["/usr/bin/make", "--no-print-directory", "browser", f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": str(bin_)},
    )


def test_no_chromium_and_not_root_says_what_to_run(tmp_path):
    run = make_browser(tmp_path, uid=1000, apt_exit=0)
    assert run.returncode != 0
    assert run.stdout.splitlines() == [
        "error: the browser tests need chromium, which is not installed: "
        "run 'sudo apt-get update && sudo apt-get install chromium', then make test again"
    ]


def test_a_failed_chromium_install_names_its_log(tmp_path):
    run = make_browser(tmp_path, uid=0, apt_exit=100)
    assert run.returncode != 0
    log = tmp_path / "venv" / "apt-error.log"
    assert (
        "error: apt-get could not install chromium (no network, or another apt-get running?): "
        f"see {log}" in run.stdout
    )
    assert "apt-get was run" in log.read_text()


def test_make_test_installs_chromium_before_pytest_starts():
    run = subprocess.run(
        ["make", "--no-print-directory", "-n", "test"], cwd=ROOT, capture_output=True, text=True
    )
    lines = run.stdout.splitlines()
    apt = next(i for i, line in enumerate(lines) if "apt-get install" in line)
    pytest_ = next(i for i, line in enumerate(lines) if " -m pytest " in line)
    assert apt < pytest_


def test_make_tests_workers_keep_each_work_unit_on_one_worker(tmp_path):
    # A notebook's nbval cells share one kernel: split over workers, they fail. conftest.py gives
    # every test the xdist_group of its unit; pytest 9.2 with xdist 3.8 ignored such marks.
    shutil.copy(ROOT / "conftest.py", tmp_path)
    for name in ("a", "b", "c"):
        cases = "".join(f"def test_{i}():\n    pass\n\n\n" for i in range(6))
        (tmp_path / f"test_{name}.py").write_text(cases)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "3", "--dist", "loadgroup", "-v"]
        + ["-p", "no:cacheprovider", "-o", "addopts=", "--rootdir", str(tmp_path)]
        + ["-p", "no:nbval", "-p", "no:hypothesispytest", "-p", "no:anyio"],  # 2 s, not 10
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    ran = re.findall(r"^\[(gw\d+)\] .*?PASSED (test_\w)\.py::test_\d+@?(\S*)", run.stdout, re.M)
    assert len(ran) == 18, run.stdout[-3000:]
    workers = {}
    for worker, module, unit in ran:
        assert unit == module, f"{module}'s tests carry group {unit!r}"
        workers.setdefault(unit, set()).add(worker)
    assert all(len(w) == 1 for w in workers.values()), f"a unit ran on several workers: {workers}"


def root_conftest():
    spec = importlib.util.spec_from_file_location("root_conftest", ROOT / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "nodeid, unit",
    [
        ("tests/test_browser.py::test_notebook_runs_in_jupyterlab[06_encoder_decoder]", "06_x"),
        (
            "tests/test_colab_env.py::test_notebook_runs_on_colabs_versions[06_encoder_decoder]",
            "06_x",
        ),
        ("notebooks/06_encoder_decoder.ipynb::Cell 8", "06_x"),
        ("tests/test_colab_env.py::test_package_is_installed_whole", "test_colab_env"),
        ("tests/test_rnn.py::test_forward[2-3]", "test_rnn"),
    ],
)
def test_a_notebook_and_its_browser_and_colab_runs_are_one_unit(nodeid, unit):
    assert root_conftest().work_unit(nodeid) == unit.replace("06_x", "06_encoder_decoder")
