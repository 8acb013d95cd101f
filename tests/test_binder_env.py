"""Binder end to end, as far as it runs here: do the Binder pins alone run the course?

Builds a fresh virtual environment from exactly ``binder/requirements.txt`` (plus ipykernel,
which Binder's base image provides), runs ``binder/postBuild``, takes the environment that
``binder/start`` sets, and executes the start-here notebook in it: it imports the package,
TensorFlow, Keras and matplotlib, trains a model and runs an exercise checker, which is what
the pins must provide (every other notebook runs under the same pins through requirements.txt).
uv builds the environment from its cache in seconds.
"""

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from helpers import ROOT, output_problems

BASE_IMAGE_PROVIDES = ["ipykernel==7.4.0"]  # the Binder image ships JupyterLab and ipykernel
RUN = ["00_start_here"]


@pytest.mark.slow
def test_binder_pins_alone_run_the_course(tmp_path):
    env_dir = tmp_path / "binder-venv"
    uv = str(Path(sys.executable).with_name("uv"))
    # --seed: a pip inside, as Binder's environment has (postBuild calls it).
    subprocess.run(
        [uv, "venv", "--quiet", "--seed", "--python", sys.executable, str(env_dir)],
        check=True,
        capture_output=True,
    )
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            uv,
            "pip",
            "install",
            "--quiet",
            "--python",
            str(python),
            "-r",
            str(ROOT / "binder" / "requirements.txt"),
            *BASE_IMAGE_PROVIDES,
        ],
        check=True,
        capture_output=True,
    )
    path_env = {**os.environ, "PATH": f"{env_dir / 'bin'}:{os.environ['PATH']}"}
    path_env.pop("PYTHONPATH", None)
    subprocess.run(
        ["bash", str(ROOT / "binder" / "postBuild")],
        cwd=ROOT,
        env=path_env,
        check=True,
        capture_output=True,
    )
    # binder/start ends with exec "$@": let it exec `env` and read what it set.
    started = subprocess.run(
        [str(ROOT / "binder" / "start"), "env", "-0"],
        env=path_env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    start_env = dict(item.split("=", 1) for item in started.split("\0") if "=" in item)
    assert start_env.get("TF_CPP_MIN_LOG_LEVEL") == "3"
    check = subprocess.run(
        [str(python), "-c", "import lstm_course, sys; print(sys.prefix)"],
        env=start_env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert check.stdout.strip() == str(env_dir)
    for name in RUN:
        out = tmp_path / f"{name}.ipynb"
        subprocess.run(
            [
                str(python),
                "-m",
                "papermill",
                str(ROOT / "notebooks" / f"{name}.ipynb"),
                str(out),
                "--kernel",
                "python3",
                "--cwd",
                str(ROOT / "notebooks"),
                "--no-progress-bar",
            ],
            env=start_env,
            check=True,
            capture_output=True,
        )
        committed = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", 4)
        problems = output_problems(nbformat.read(out, 4), committed)
        assert not problems, f"{name}: " + "\n".join(problems)
