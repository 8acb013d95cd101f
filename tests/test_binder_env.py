"""Binder end to end, as far as it runs here: do the Binder pins alone run the course?

Builds a fresh virtual environment from exactly ``binder/requirements.txt`` (plus ipykernel,
which Binder's base image provides), runs ``binder/postBuild``, takes the environment that
``binder/start`` sets, and executes the start-here notebook and a training notebook in it.
pip's cache makes the install take about a minute.
"""

import os
import subprocess
import sys
import venv

import nbformat
import pytest
from helpers import ROOT

BASE_IMAGE_PROVIDES = ["ipykernel==7.4.0"]  # the Binder image ships JupyterLab and ipykernel
RUN = ["00_start_here", "01_rnn_recurrence"]


@pytest.mark.slow
def test_binder_pins_alone_run_the_course(tmp_path):
    env_dir = tmp_path / "binder-venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "-r", str(ROOT / "binder" / "requirements.txt"), *BASE_IMAGE_PROVIDES],
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
        outputs = [o for c in nbformat.read(out, 4).cells for o in c.get("outputs", [])]
        assert not [o for o in outputs if o.output_type == "error"], name
        assert not [o for o in outputs if o.get("name") == "stderr"], name
        assert not [o for o in outputs if o.get("name") == "stdout" and "✗" in o.text], name
    assert sys.executable != str(python)
