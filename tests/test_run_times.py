"""The run times the notebooks state agree with the ones measured (issue 35, review item 21).

Two places state a notebook's run time: the "**Run time**: about N s" line of its first
cell, and the run-time column of the course map in notebook 00 ("~N s"). Both are compared
with the seconds ``benchmarks/run_notebooks.py`` measured, in ``benchmarks/metrics.json``
(the README's table is generated from that file, so it agrees by construction).

The rules:

- **unit**: a stated time is one number of seconds, a multiple of 5 ("about 45 s", "~45 s"):
  every notebook runs in under two minutes, and a time measured on a shared machine is not
  known to the second. Write it as the measured seconds rounded to the nearest 5.
- **tolerance**: it may differ from the measured time by max(10 s, 25 % of the measured
  time), so a re-run that moves the measurement a little does not fail this test; a wrong
  time (a notebook that doubled, a number copied from an old run) does.

One test per notebook and place, so a failure names exactly the lines to fix.
"""

import json
import re

import pytest
from helpers import NOTEBOOKS, ROOT

STATED_LINE = re.compile(r"\*\*Run time\*\*:\s*(.*)")
SECONDS = re.compile(r"^about (\d+) s\b")
MAP_ROW = re.compile(r"^\|\s*`(\d\d_\w+)`\s*\|.*\|\s*([^|]*?)\s*\|\s*$", re.M)


def measured() -> dict[str, float]:
    runs = json.loads((ROOT / "benchmarks" / "metrics.json").read_text(encoding="utf-8"))
    return {name: float(run["seconds"]) for name, run in runs.items()}


def tolerance(seconds: float) -> float:
    return max(10.0, 0.25 * seconds)


def problem(where: str, stated: str, number: str | None, seconds: float | None) -> str | None:
    """Why ``stated`` (the text, and its number of seconds if it follows the unit rule) is
    wrong for a notebook measured at ``seconds``, or None."""
    if seconds is None:
        return f"{where}: no measured time in benchmarks/metrics.json (run make benchmark)"
    if number is None or int(number) % 5:
        return (
            f"{where} states {stated!r}: write one number of seconds, a multiple of 5 "
            f"('about {5 * round(seconds / 5)} s' for the measured {seconds:.1f} s)"
        )
    if abs(int(number) - seconds) > tolerance(seconds):
        return (
            f"{where} states {int(number)} s, but the notebook was measured at {seconds:.1f} s "
            f"(allowed: ±{tolerance(seconds):.0f} s); write {5 * round(seconds / 5)} s"
        )
    return None


def first_cell_problem(path, times: dict[str, float]) -> str | None:
    cell = json.loads(path.read_text(encoding="utf-8"))["cells"][0]
    line = STATED_LINE.search("".join(cell["source"]))
    where = f"{path.stem}, first cell's Run time line"
    if line is None:
        return f"{where}: missing (expected '**Run time**: about N s ...')"
    number = SECONDS.match(line.group(1))
    return problem(where, line.group(1), number and number.group(1), times.get(path.stem))


def course_map(path) -> dict[str, str]:
    """Notebook name -> the run-time column of notebook 00's course map."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return dict(MAP_ROW.findall(markdown))


def map_problem(name: str, stated: str, times: dict[str, float]) -> str | None:
    number = re.fullmatch(r"~(\d+) s", stated)
    return problem(
        f"notebook 00's course map, row {name}",
        stated,
        number and number.group(1),
        times.get(name),
    )


START = ROOT / "notebooks" / "00_start_here.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_first_cell_run_time_agrees_with_the_measured_one(path):
    found = first_cell_problem(path, measured())
    assert found is None, found


@pytest.mark.parametrize("name", [p.stem for p in NOTEBOOKS])
def test_course_map_run_time_agrees_with_the_measured_one(name):
    stated = course_map(START)
    assert name in stated, f"notebook 00's course map has no row for {name}"
    found = map_problem(name, stated[name], measured())
    assert found is None, found


def test_the_course_map_lists_exactly_the_notebooks():
    assert sorted(course_map(START)) == [p.stem for p in NOTEBOOKS]


@pytest.mark.parametrize(
    ("stated", "seconds", "fails"),
    [
        ("about 45 s on a 2-core laptop CPU.", 45.2, False),
        ("about 50 s", 41.0, False),  # within 10 s
        ("about 100 s", 80.0, False),  # within 25 %
        ("about 15 s", 9.0, False),
        ("about 30 s", 9.0, True),
        ("about 40 s", 86.1, True),
        ("about 1 min", 49.1, True),  # the unit rule
        ("about 1 to 1½ min", 60.5, True),
        ("about 47 s", 47.0, True),  # not a multiple of 5
    ],
)
def test_the_rule_itself(stated, seconds, fails):
    number = SECONDS.match(stated)
    found = problem("nb", stated, number and number.group(1), seconds)
    assert (found is not None) == fails, found
