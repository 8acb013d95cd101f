"""The README's numbers come from benchmarks/metrics.json, written by an executed run."""

import json
import subprocess
import sys

from helpers import NOTEBOOKS, ROOT


def test_readme_tables_match_the_metrics_file():
    """Regenerating the README's course map and results from the metrics file changes nothing.

    Tolerance: the values as rounded in the tables (e.g. 99.85%, 0.0007, 1.2e-07).
    """
    run = subprocess.run(
        [sys.executable, "tools/readme_assets.py", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_metrics_file_covers_every_notebook_and_thumbnails_exist():
    runs = json.loads((ROOT / "benchmarks" / "metrics.json").read_text())
    assert sorted(runs) == [p.stem for p in NOTEBOOKS]
    for stem, run in runs.items():
        assert run["seconds"] > 0 and run["peak_rss_mb"] > 0, stem
        if stem != "00_start_here":
            assert (ROOT / "docs" / "figures" / f"{stem}.png").exists(), stem


def test_readme_has_the_two_commands_and_a_binder_badge():
    readme = (ROOT / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme
    assert (
        "mybinder.org/v2/gh/" in readme
        and "urlpath=lab/tree/notebooks/00_start_here.ipynb" in readme
    )


def test_the_module_map_names_every_module_of_the_package():
    """The README's map of lstm_course/ (between its module-map markers) names each module
    once, and only modules that exist: a new, moved or deleted module fails here."""
    import lstm_course

    import pkgutil
    import re

    readme = (ROOT / "README.md").read_text()
    table = readme.split("<!-- module-map:start -->")[1].split("<!-- module-map:end -->")[0]
    named = [
        n for row in table.splitlines()[2:] for n in re.findall(r"`([\w.]+)`", row.split("|")[1])
    ]
    modules = {
        m.name.removeprefix("lstm_course.")
        for m in pkgutil.walk_packages(lstm_course.__path__, prefix="lstm_course.")
        if not m.ispkg or m.name.endswith(".exercises")
    }
    modules = {m for m in modules if not m.startswith("exercises.") or m == "exercises.checker"}
    assert len(named) == len(set(named)), (
        f"named twice: {sorted(n for n in named if named.count(n) > 1)}"
    )
    assert set(named) == modules, (
        f"missing from the map: {sorted(modules - set(named))}; "
        f"not modules: {sorted(set(named) - modules)}"
    )
