"""How `make test` shares its workers (pytest-xdist, ``--dist loadfile``; one per core, plus one).

A *work unit* goes to one worker as a whole. With ``--dist loadfile`` each test file is a unit,
with one change made here (:func:`pytest_xdist_make_scheduler`): a notebook is one unit
together with its run in the browser test. So the two executions of a notebook (nbval with
the defaults, JupyterLab with the second parameter set) travel together, and the browser
test, which runs every notebook, is spread over all workers instead of pinning one of them.
The Colab test (``make test-colab``), which also runs every notebook, is split the same way.

The units are queued longest first (``--no-loadscope-reorder`` keeps this order), the
notebooks by their run times in ``benchmarks/metrics.json``, so no worker is left alone
with a long tail.
"""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
# Tests parametrised by notebook (ids are the notebook names): each run joins its notebook's unit.
PER_NOTEBOOK_TESTS = ("tests/test_browser.py", "tests/test_colab_env.py")


def _seconds() -> dict:
    path = ROOT / "benchmarks" / "metrics.json"
    try:
        return {k: v.get("seconds", 0) for k, v in json.loads(path.read_text()).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def work_unit(nodeid: str) -> str:
    """The unit a test belongs to: its file, or for a browser or Colab run, its notebook.

    >>> work_unit("tests/test_browser.py::test_notebook_runs_in_jupyterlab[06_encoder_decoder]")
    'notebooks/06_encoder_decoder.ipynb'
    >>> work_unit("tests/test_colab_env.py::test_notebook_runs_on_colabs_versions[04_keras_lstm]")
    'notebooks/04_keras_lstm.ipynb'
    >>> work_unit("tests/test_colab_env.py::test_package_is_installed_whole")
    'tests/test_colab_env.py'
    >>> work_unit("notebooks/06_encoder_decoder.ipynb::Cell 8")
    'notebooks/06_encoder_decoder.ipynb'
    """
    path, _, rest = nodeid.partition("::")
    if path in PER_NOTEBOOK_TESTS and rest.endswith("]") and "[" in rest:
        return f"notebooks/{rest[rest.index('[') + 1 : -1]}.ipynb"
    return path


def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "loadfile":
        return None  # xdist's own scheduler
    from xdist.scheduler import LoadScopeScheduling

    class NotebookScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return NotebookScheduling(config, log)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    seconds = _seconds()
    units = {}
    for item in items:
        units.setdefault(work_unit(item.nodeid), []).append(item)

    def cost(unit):
        return seconds.get(Path(unit).stem, 0) if unit.endswith(".ipynb") else 0

    order = sorted(units, key=lambda u: -cost(u))  # stable: other files keep their order
    items[:] = [item for unit in order for item in units[unit]]
