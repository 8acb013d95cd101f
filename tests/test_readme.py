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
        [sys.executable, "benchmarks/readme_assets.py", "check"],
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
