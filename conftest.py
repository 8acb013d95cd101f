"""How `make test` shares its two workers (pytest-xdist, ``--dist loadgroup``).

A notebook's nbval cells share one kernel, so each notebook goes to one worker as a whole;
every test file likewise, except the browser test, whose notebooks are independent and are
spread over both workers. The longest units go first, longest first (the notebooks' run
times from ``benchmarks/metrics.json``), so neither worker is left alone with a long tail.
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
    cost, groups = {}, {}
    for item in items:
        path = Path(str(item.path))
        if path.suffix == ".ipynb":
            group, notebook = f"nbval-{path.stem}", path.stem
        elif path.name == "test_browser.py" and hasattr(item, "callspec"):
            notebook = Path(str(item.callspec.params["path"])).stem
            group = f"browser-{notebook}"
        else:
            group, notebook = path.stem, None
        item.add_marker(pytest.mark.xdist_group(group))
        groups.setdefault(group, []).append(item)
        cost[group] = seconds.get(notebook, 0) if notebook else 0
    order = sorted(groups, key=lambda g: -cost[g])  # stable: other files keep their order
    items[:] = [item for group in order for item in groups[group]]
