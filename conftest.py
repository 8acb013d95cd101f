"""How `make test` shares its workers: pytest-xdist's ``--dist loadgroup``, one per core, plus one.

A *work unit* goes to one worker as a whole: every test carries an ``xdist_group`` mark
naming its unit (:func:`pytest_collection_modifyitems`). A unit is a test file, with one
exception: a notebook is one unit together with its run in the browser test. So the two
executions of a notebook (nbval with the defaults, JupyterLab with the small second
parameter set) travel together, and the browser test, which runs every notebook, is spread
over all workers instead of pinning one of them. The Colab test (``make test-colab``), which
also runs every notebook, is split the same way.

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
    """The unit a test belongs to: its file's name, or for a browser or Colab run, its notebook's.

    >>> work_unit("tests/test_browser.py::test_notebook_runs_in_jupyterlab[06_encoder_decoder]")
    '06_encoder_decoder'
    >>> work_unit("tests/test_colab_env.py::test_notebook_runs_on_colabs_versions[04_keras_lstm]")
    '04_keras_lstm'
    >>> work_unit("tests/test_colab_env.py::test_package_is_installed_whole")
    'test_colab_env'
    >>> work_unit("notebooks/06_encoder_decoder.ipynb::Cell 8")
    '06_encoder_decoder'
    """
    path, _, rest = nodeid.partition("::")
    if path in PER_NOTEBOOK_TESTS and rest.endswith("]") and "[" in rest:
        return rest[rest.index("[") + 1 : -1]
    return Path(path).stem


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the marks
def pytest_collection_modifyitems(config, items):
    seconds = _seconds()
    units = {}
    for item in items:
        unit = work_unit(item.nodeid)
        item.add_marker(pytest.mark.xdist_group(unit))
        units.setdefault(unit, []).append(item)
    order = sorted(units, key=lambda u: -seconds.get(u, 0))  # stable: the rest keep their order
    items[:] = [item for unit in order for item in units[unit]]
