"""Binder's configuration: repo2docker builds on Python 3.11 with our pins and postBuild."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

from escapism import unescape
from helpers import ROOT

BINDER = ROOT / "binder"


def pins(path):
    lines = (line.split("#")[0].strip() for line in path.read_text().splitlines())
    return dict(line.split("==") for line in lines if "==" in line)


def test_root_requirements_include_the_binder_pins_without_overriding_them():
    root_text = (ROOT / "requirements.txt").read_text()
    assert re.search(r"^-r binder/requirements.txt$", root_text, re.M)
    shared = set(pins(ROOT / "requirements.txt")) & set(pins(BINDER / "requirements.txt"))
    assert not shared, f"pinned in both files: {shared}"
    binder = pins(BINDER / "requirements.txt")
    assert binder["tensorflow"] == "2.21.0"
    assert "jupyterlab" not in binder  # the Binder image already has it
    assert all(re.fullmatch(r"[\d.]+", v) for v in binder.values())


def test_start_and_postbuild():
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"
    start = (BINDER / "start").read_text().strip().splitlines()
    assert start[-1] == 'exec "$@"'
    assert any("TF_CPP_MIN_LOG_LEVEL" in line for line in start)
    assert "pip install --no-deps -e ." in (BINDER / "postBuild").read_text()
    for name in ("start", "postBuild"):
        assert (BINDER / name).stat().st_mode & 0o111, f"binder/{name} is not executable"


def test_repo2docker_dockerfile():
    exe = Path(sys.executable).with_name("jupyter-repo2docker")
    exe = str(exe) if exe.exists() else shutil.which("jupyter-repo2docker")
    run = subprocess.run(
        [exe, "--no-build", "--debug", "."], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr[-2000:]
    dockerfile = run.stdout
    # repo2docker picks a conda environment lock file per Python version; the Dockerfile
    # names the copied file in escapism's escaped form.
    tokens = re.findall(r"build_script_files/(\S+)-[0-9a-f]{6}\s", dockerfile)  # name-<hash>
    copied = [unescape(token, escape_char="-") for token in tokens]
    assert any(f.endswith("environment.py-3.11-linux-64.lock") for f in copied), copied
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile
    assert "RUN ./binder/postBuild" in dockerfile
    assert 'R2D_ENTRYPOINT="${REPO_DIR}/binder/start"' in dockerfile
