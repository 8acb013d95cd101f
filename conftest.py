"""How `make test` shares its two workers (pytest-xdist, ``--dist loadfile``).

Each test file, and each notebook (its nbval cells share one kernel), goes to one worker as a
whole. The files are queued longest first (``--no-loadscope-reorder`` keeps this order): the
notebooks by their run times in ``benchmarks/metrics.json``, and the browser test, which runs
every notebook, at the head, so neither worker is left alone with a long tail.
"""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


def _seconds() -> dict:
    path = ROOT / "benchmarks" / "metrics.json"
    try:
        return {k: v.get("seconds", 0) for k, v in json.loads(path.read_text()).items()}
    except (OSError, ValueError, AttributeError):
        return {}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    seconds = _seconds()
    files = {}
    for item in items:
        files.setdefault(Path(str(item.path)), []).append(item)

    def cost(path):
        if path.suffix == ".ipynb":
            return seconds.get(path.stem, 0)
        if path.name == "test_browser.py":
            return sum(seconds.values()) or 1
        return 0

    order = sorted(files, key=lambda p: -cost(p))  # stable: other files keep their order
    items[:] = [item for path in order for item in files[path]]
