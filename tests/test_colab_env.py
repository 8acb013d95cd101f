"""Colab end to end, as far as it runs here: does every notebook run on Colab's libraries?

On Google Colab each notebook's first cell installs only our package, ``pip install --no-deps
"lstm-course @ git+..."``, onto Colab's own TensorFlow, Keras, NumPy, matplotlib and IPython.
This test rebuilds that situation: a virtual environment with exactly the versions in
``colab/versions.txt``, plus ipykernel and papermill at our pins (to run the kernel and the
notebooks; Colab has its own), plus the package installed with ``--no-deps`` as a real,
non-editable install of the working tree (so a module or data file missing from the package
fails here as it would on Colab). Then every notebook runs with its default parameters in a
kernel of that environment, from an empty working directory as on Colab, with
``TF_CPP_MIN_LOG_LEVEL=3``; each must end without an error, stderr output or ``✗`` check
(:func:`problems_in`), and a cell appended to it reports which versions the kernel really
imported.

**Python**: Colab runs Python 3.13 (``# python:`` in colab/versions.txt). The environment
uses ``$COLAB_PYTHON`` if set, else a Python of Colab's version that uv finds on this machine
without downloading one, else the Python running the tests: Python 3.11 on the course's
machines (``/usr/bin`` has only python3.11), so by default this checks Colab's *libraries*,
not its Python.

**Cost**: uv builds the environment from its cache under ``.venv/colab/`` (git-ignored, removed
by ``make clean``), keyed by the hash of colab/versions.txt, the runner pins and the Python;
it is reused until one of them changes (the package alone is reinstalled when its files
change). A file lock makes two pytest-xdist workers build it once. Each notebook then takes
about as long as under ``make test``.

Runs only under ``make test-colab`` (which sets ``LSTM_COURSE_COLAB=1``), never in
``make test``. The executed copy of a failing notebook is saved under ``artifacts/colab/``.
"""

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest
from colab_versions import VERSIONS_FILE, colab_pins, colab_python, exact_pins
from helpers import NOTEBOOKS, ROOT, output_problems, output_texts

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("LSTM_COURSE_COLAB") != "1",
        reason="Colab's versions: runs only under `make test-colab` (LSTM_COURSE_COLAB=1)",
    ),
]

ENVS = ROOT / ".venv" / "colab"
ARTIFACTS = ROOT / "artifacts" / "colab"
KERNEL = "lstm-course-colab"
UV = str(Path(sys.executable).with_name("uv"))
# What runs the notebooks, at the course's own pins (requirements.txt, binder/requirements.txt).
RUNNER = ("ipykernel", "papermill")
# The package's files that a build reads (pyproject.toml names README.md as the readme).
PACKAGE_FILES = ("pyproject.toml", "README.md")
IMPORT_NAMES = {"ipython": "IPython"}  # distribution -> module, where they differ
PROBE = "COLAB-PROBE "
CELL_TIMEOUT = 1800  # seconds, per cell


def runner_pins() -> list[str]:
    pins = exact_pins(ROOT / "requirements.txt") | exact_pins(ROOT / "binder" / "requirements.txt")
    return [f"{name}=={pins[name]}" for name in RUNNER]


def run(cmd, **kwargs) -> subprocess.CompletedProcess:
    """Run ``cmd``; on failure, fail the test with its output (not a bare CalledProcessError)."""
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(map(str, cmd))} failed:\n{done.stdout}\n{done.stderr}")
    return done


def interpreter() -> str:
    """The Python to build the environment on (see the module docstring)."""
    chosen = os.environ.get("COLAB_PYTHON", "").strip()
    if chosen:
        return chosen
    found = subprocess.run(
        [UV, "python", "find", "--no-python-downloads", colab_python()],
        capture_output=True,
        text=True,
    )
    if found.returncode == 0 and found.stdout.strip():
        return found.stdout.strip()
    return sys.executable


@contextlib.contextmanager
def locked(path: Path):
    """An exclusive lock on ``path`` (a pytest-xdist worker waits for the other)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def package_files() -> list[Path]:
    """The working tree's files that make the package: its sources, data and build files."""
    files = [ROOT / name for name in PACKAGE_FILES]
    files += [
        p
        for p in sorted((ROOT / "lstm_course").rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    ]
    return files


def digest(paths, extra: str = "") -> str:
    sha = hashlib.sha256(extra.encode())
    for path in paths:
        sha.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()[:16]


def build(env: Path, python: str) -> None:
    """A fresh environment: Colab's versions, the runner, and a kernelspec pointing at it."""
    shutil.rmtree(env, ignore_errors=True)
    run([UV, "venv", "--quiet", "--python", python, env])
    py = env / "bin" / "python"
    run([UV, "pip", "install", "--quiet", "--python", py, "-r", VERSIONS_FILE, *runner_pins()])
    run([py, "-m", "ipykernel", "install", "--prefix", env, "--name", KERNEL])


def install_package(env: Path) -> None:
    """``pip install --no-deps`` of the working tree, as Colab's first cell does from git: a
    built wheel (not editable), from a copy, so no stale ``build/`` directory can leak in."""
    with tempfile.TemporaryDirectory() as tmp:
        for path in package_files():
            target = Path(tmp) / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        run(
            [UV, "pip", "install", "--quiet", "--python", env / "bin" / "python", "--no-deps"]
            + ["--reinstall-package", "lstm-course", "--refresh-package", "lstm-course", tmp]
        )


@pytest.fixture(scope="session")
def colab_env():
    """The environment (built or reused under a lock); returns its directory."""
    python = interpreter()
    version = run([python, "-c", "import platform; print(platform.python_version())"])
    version = version.stdout.strip()
    tag = "cp" + "".join(version.split(".")[:2])
    key = digest([VERSIONS_FILE], extra=f"{' '.join(runner_pins())} {version} {python}")
    env = ENVS / f"{tag}-{key}"
    with locked(ENVS / ".lock"):
        if not (env / ".complete").exists():
            for old in ENVS.glob(f"{tag}-*"):  # the same Python, older versions.txt
                shutil.rmtree(old, ignore_errors=True)
            build(env, python)
            (env / ".complete").write_text(f"{python}\n")
        package = digest(package_files())
        if not (env / ".package").exists() or (env / ".package").read_text() != package:
            install_package(env)
            (env / ".package").write_text(package)
        # matplotlib builds its font cache on first import and logs that to stderr: do it
        # here, once, as Colab's image has done before a learner arrives.
        run([env / "bin" / "python", "-c", "import matplotlib.pyplot"], env=kernel_env(env))
    return env


def kernel_env(env: Path | None = None, home: Path | None = None) -> dict:
    """The environment of papermill and its kernel: no trace of pytest or of the course's venv."""
    variables = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST_", "PYTHON", "VIRTUAL_ENV", "LSTM_COURSE_", "JUPYTER_"))
    }
    variables["TF_CPP_MIN_LOG_LEVEL"] = "3"
    if env is not None:
        path = [p for p in variables["PATH"].split(os.pathsep) if not p.startswith(str(ROOT))]
        variables["PATH"] = os.pathsep.join([str(env / "bin"), *path])
    if home is not None:
        variables["IPYTHONDIR"] = str(home / "ipython")  # no profile of this machine's user
    return variables


def test_environment_has_colabs_versions(colab_env):
    py = colab_env / "bin" / "python"
    script = (
        "import importlib.metadata as m, json, sys; "
        "print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"
    )
    installed = json.loads(run([py, "-c", script, *colab_pins()]).stdout)
    assert installed == colab_pins()
    # Every requirement of every installed distribution, our package's ranges included.
    run([UV, "pip", "check", "--python", py])
    spec = colab_env / "share" / "jupyter" / "kernels" / KERNEL / "kernel.json"
    spec = json.loads(spec.read_text())
    assert Path(spec["argv"][0]).parent == colab_env / "bin"


def test_package_is_installed_whole(colab_env):
    """Every module and data file of the working tree is in the installed (not editable) package."""
    script = (
        "import json, pathlib, lstm_course; d = pathlib.Path(lstm_course.__file__).parent; "
        "print(json.dumps([d.as_posix(), sorted(str(p.relative_to(d)) for p in d.rglob('*') "
        "if p.is_file() and '__pycache__' not in p.parts)]))"
    )
    where, installed = json.loads(run([colab_env / "bin" / "python", "-c", script], cwd="/").stdout)
    assert Path(where).is_relative_to(colab_env), f"lstm_course imported from {where}"
    tree = ROOT / "lstm_course"
    expected = [str(p.relative_to(tree)) for p in package_files() if p.is_relative_to(tree)]
    missing = sorted(set(expected) - set(installed))
    assert not missing, f"not in the built package (pyproject.toml's package-data?): {missing}"


def probe_cell() -> nbformat.NotebookNode:
    """A last cell that prints the versions the kernel has imported, and where from."""
    names = {n: IMPORT_NAMES.get(n, n) for n in colab_pins()}
    source = f"""\
import importlib.metadata as _m, json as _j, sys as _s
_names = {names!r}
print({PROBE!r} + _j.dumps({{
    "prefix": _s.prefix,
    "python": "%d.%d.%d" % _s.version_info[:3],
    "installed": {{n: _m.version(n) for n in _names}},
    "imported": {{n: _s.modules[m].__version__ for n, m in _names.items() if m in _s.modules}},
    "lstm_course": getattr(_s.modules.get("lstm_course"), "__file__", None),
}}))"""
    return nbformat.v4.new_code_cell(source, metadata={"tags": ["colab-probe"]})


def problems_in(nb, committed, env: Path) -> list[str]:
    """What is wrong with an executed notebook: what ``helpers.output_problems`` finds in its
    outputs (errors, stderr, ✗ checks), and the wrong versions, read from the probe cell."""
    *cells, last = nb.cells
    problems = output_problems({"cells": cells}, committed)
    # The probe prints paths on purpose; anything else wrong in it is reported.
    probed = output_problems({"cells": [last]})
    problems += [f"the probe: {p}" for p in probed if not p.endswith("a machine path in an output")]
    texts = [t for output in last.get("outputs", []) for t in output_texts(output)]
    probe = next((json.loads(t[len(PROBE) :]) for t in texts if t.startswith(PROBE)), None)
    if probe is None:
        problems.append("the version probe (last cell) did not run")
        return problems
    pins = colab_pins()
    if not Path(probe["prefix"]).samefile(env):
        problems.append(f"the kernel ran in {probe['prefix']}, not {env}")
    if probe["installed"] != pins:
        problems.append(f"the kernel's installed versions {probe['installed']} != Colab's {pins}")
    wrong = {n: v for n, v in probe["imported"].items() if v != pins[n]}
    if wrong or "numpy" not in probe["imported"]:
        problems.append(f"the kernel imported {probe['imported']}; Colab has {pins}")
    if not (probe["lstm_course"] or "").startswith(str(env)):
        problems.append(f"lstm_course was imported from {probe['lstm_course']}, not {env}")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_colabs_versions(path, colab_env, tmp_path):
    committed = nbformat.read(path, as_version=4)
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(probe_cell())
    source, executed = tmp_path / "in" / path.name, tmp_path / "out" / path.name
    for folder in (source.parent, executed.parent, tmp_path / "content"):
        folder.mkdir()
    nbformat.write(nb, source)
    start = time.perf_counter()
    done = subprocess.run(
        [colab_env / "bin" / "python", "-m", "papermill", source, executed]
        + ["--kernel", KERNEL, "--cwd", tmp_path / "content", "--no-progress-bar"]
        + ["--execution-timeout", str(CELL_TIMEOUT)],
        env=kernel_env(colab_env, home=tmp_path),
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if not executed.exists():
        pytest.fail(f"papermill wrote no notebook (exit {done.returncode}):\n{done.stderr}")
    problems = problems_in(nbformat.read(executed, as_version=4), committed, colab_env)
    if done.returncode != 0 and not problems:
        problems.append(f"papermill exited {done.returncode}:\n{done.stderr[-3000:]}")
    saved = ARTIFACTS / path.name
    if problems:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(executed, saved)
        pytest.fail(
            f"{path.stem} on Colab's versions ({seconds:.0f} s; executed copy: "
            f"{saved.relative_to(ROOT)}):\n" + "\n".join(problems)
        )
    saved.unlink(missing_ok=True)  # a copy from an earlier failing run
