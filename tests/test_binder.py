"""What Binder builds from binder/, as repo2docker (the tool Binder runs) plans it without
building: Python 3.11, exactly the pins of binder/requirements.txt, the course's package
installed from the repository, and binder/start run at every launch. The slow end-to-end run
of those pins is tests/test_binder_env.py."""

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from colab_versions import requirement_lines
from helpers import ROOT
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

BINDER = ROOT / "binder"


def requirements(path):
    """The requirements of a requirements file, without comments and ``-r`` includes."""
    return [Requirement(line) for line in requirement_lines(path)]


def dockerfile_steps(dockerfile):
    """The Dockerfile as (instruction, arguments) pairs, continuation lines joined."""
    joined = re.sub(r"\\\n", " ", dockerfile)
    lines = (line.strip() for line in joined.splitlines())
    return [tuple(line.split(None, 1)) for line in lines if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def plan():
    """repo2docker's report on this repository: (its log, the Dockerfile's steps)."""
    exe = Path(sys.executable).with_name("jupyter-repo2docker")
    exe = str(exe) if exe.exists() else shutil.which("jupyter-repo2docker")
    run = subprocess.run(
        [exe, "--no-build", "--debug", "."], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stderr, dockerfile_steps(run.stdout)


def run_commands(steps):
    """The shell commands of the RUN steps, each split into words."""
    return [shlex.split(args) for instruction, args in steps if instruction == "RUN"]


def test_the_image_has_python_3_11_which_the_package_supports(plan):
    log, _ = plan
    built = re.findall(r"environment for python=(\S+)", log)
    assert built == ["3.11"], log[-2000:]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert SpecifierSet(project["requires-python"]).contains("3.11")


def test_the_image_installs_exactly_the_binder_pins_into_the_kernels_python(plan):
    _, steps = plan
    installs = [cmd for cmd in run_commands(steps) if "pip" in Path(cmd[0]).name]
    assert len(installs) == 1, installs
    pip, *args = installs[0]
    assert pip == "${KERNEL_PYTHON_PREFIX}/bin/pip" and args[0] == "install"
    assert args[args.index("-r") + 1] == "binder/requirements.txt"
    pins = requirements(BINDER / "requirements.txt")
    assert pins, "binder/requirements.txt pins nothing"
    for req in pins:
        (spec,) = req.specifier
        assert spec.operator == "==", f"{req} is not pinned exactly"


def test_binder_gets_the_versions_this_suite_runs_on():
    """make lab and make test install requirements.txt, which includes the Binder pins."""
    assert re.search(r"^-r binder/requirements.txt$", (ROOT / "requirements.txt").read_text(), re.M)
    pins = requirements(BINDER / "requirements.txt")
    pinned_again = {r.name for r in requirements(ROOT / "requirements.txt")} & {
        r.name for r in pins
    }
    assert not pinned_again, f"pinned in both files: {pinned_again}"
    for req in pins:
        assert req.specifier.contains(version(req.name)), f"{req} but {version(req.name)} here"
    # The Binder image ships its own JupyterLab; a pinned one would replace the one it serves.
    assert "jupyterlab" not in {r.name for r in pins}


def test_postbuild_installs_the_course_package_once_the_repository_is_copied(plan, tmp_path):
    _, steps = plan
    copies_repo = [i for i, (what, args) in enumerate(steps) if what == "COPY" and " src/ " in args]
    runs_post_build = [i for i, step in enumerate(steps) if step == ("RUN", "./binder/postBuild")]
    assert len(copies_repo) == len(runs_post_build) == 1, steps
    assert copies_repo[0] < runs_post_build[0]
    # Run postBuild as repo2docker does, from the repository, with a `python` that records
    # how it is called instead of installing.
    record = tmp_path / "called"
    fake = tmp_path / "bin" / "python"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$PWD" "$@" > {record}\nexit "${{FAIL:-0}}"\n')
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{fake.parent}:{os.environ['PATH']}"}
    subprocess.run(["./binder/postBuild"], cwd=ROOT, env=env, check=True)
    cwd, *args = record.read_text().splitlines()
    assert args[:3] == ["-m", "pip", "install"]
    # --no-deps: the pins above stay as they are.
    assert "--no-deps" in args
    target = (Path(cwd) / args[-1]).resolve()
    assert target == ROOT
    assert tomllib.loads((target / "pyproject.toml").read_text())["project"]["name"] == (
        "lstm-course"
    )
    # A failed install fails the build instead of leaving an image without the package.
    failed = subprocess.run(["./binder/postBuild"], cwd=ROOT, env={**env, "FAIL": "1"})
    assert failed.returncode != 0


def test_binder_start_runs_at_launch_and_quiets_tensorflow(plan):
    _, steps = plan
    entry = [
        args for instruction, args in steps if instruction == "ENV" and "R2D_ENTRYPOINT" in args
    ]
    assert entry == ['R2D_ENTRYPOINT="${REPO_DIR}/binder/start"']
    # It runs the command it is given (JupyterLab on Binder) with TF_CPP_MIN_LOG_LEVEL=3, and
    # passes on its exit status.
    env = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    code = "import os, sys; print(os.environ['TF_CPP_MIN_LOG_LEVEL'], sys.argv[1:]); sys.exit(3)"
    run = subprocess.run(
        [str(BINDER / "start"), sys.executable, "-c", code, "--ip", "0.0.0.0"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.stdout == "3 ['--ip', '0.0.0.0']\n"
    assert run.returncode == 3
