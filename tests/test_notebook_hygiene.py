"""What a learner sees on GitHub: every committed notebook is executed and clean."""

import re

import nbformat
import pytest
from helpers import NOTEBOOKS, ROOT, output_problems

MAX_BYTES = 1_500_000


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found"
    assert NOTEBOOKS[0].name == "00_start_here.ipynb"


def all_notebook_files():
    return sorted(
        p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )


def test_every_notebook_is_named_nn_topic():
    for path in all_notebook_files():
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name), path.name


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def notebook(request):
    path = request.param
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    return path, nb


def test_valid_and_small(notebook):
    path, nb = notebook
    nbformat.validate(nb)
    assert path.stat().st_size < MAX_BYTES, f"{path.name} is {path.stat().st_size} bytes"


def test_executed_top_to_bottom_in_a_fresh_kernel(notebook):
    _, nb = notebook
    counts = [c.execution_count for c in code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1))


def test_clean_outputs(notebook):
    path, nb = notebook
    problems = output_problems(nb)
    assert not problems, f"{path.name}: " + "\n".join(problems)


def test_no_papermill_leftovers(notebook):
    path, nb = notebook
    assert "papermill" not in nb.metadata, path.name
    for cell in nb.cells:
        assert "injected-parameters" not in cell.metadata.get("tags", [])
        assert "papermill" not in cell.metadata and "execution" not in cell.metadata


def test_first_cell_introduces_the_notebook(notebook):
    _, nb = notebook
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    for heading in ("You will learn", "Prerequisites", "Run time"):
        assert heading in first.source, f"first cell lacks '{heading}'"


def test_one_parameters_cell_with_a_seed(notebook):
    _, nb = notebook
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert re.search(r"^SEED = \d+", tagged[0].source, re.M)


def test_every_notebook_has_a_second_parameter_set():
    from notebook_params import SECOND_PARAMETERS

    assert sorted(SECOND_PARAMETERS) == [p.stem for p in NOTEBOOKS]


def test_every_check_is_in_a_checked_cell(notebook):
    """nbval judges the ✓ checks (the browser run's sizes are too small to): only in cells
    whose output it compares."""
    path, nb = notebook
    unchecked = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code"
        and "lc.check(" in c.source
        and "# NBVAL_CHECK_OUTPUT" not in c.source
    ]
    assert not unchecked, (
        f"{path.name}: lc.check in cells without # NBVAL_CHECK_OUTPUT: {unchecked}"
    )


def one_cell(*outputs, source="x = 1"):
    return nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source, outputs=list(outputs))]
    )


@pytest.mark.parametrize(
    "output, found",
    [
        (nbformat.v4.new_output("error", ename="KeyError", evalue="'a'", traceback=[]), "KeyError"),
        (nbformat.v4.new_output("stream", name="stderr", text="a warning\n"), "stderr"),
        (nbformat.v4.new_output("stream", name="stdout", text="✓ a\n✗ b\n"), "✗ b"),
        (nbformat.v4.new_output("stream", name="stdout", text="WARNING: x\n"), "a log line"),
        (nbformat.v4.new_output("stream", name="stdout", text="/home/ann/x.py\n"), "machine path"),
        (nbformat.v4.new_output("stream", name="stdout", text="line\n" * 61), "over 60 lines"),
        (nbformat.v4.new_output("display_data", data={"text/plain": "✗ wrong"}), "✗ wrong"),
    ],
)
def test_the_output_scanner_finds_each_problem(output, found):
    problems = output_problems(one_cell(output), committed=one_cell())
    assert len(problems) == 1 and found in problems[0], problems


def test_a_demonstrated_wrong_answer_is_allowed_and_clean_output_passes():
    verdict = nbformat.v4.new_output("display_data", data={"text/plain": "✗ bias misplaced"})
    shown = one_cell(verdict, source="check(wrong)")
    assert output_problems(shown) == []  # committed: the notebook itself
    run = one_cell(nbformat.v4.new_output("stream", name="stdout", text="✓ ok\n" * 60))
    assert output_problems(run, committed=one_cell()) == []


def test_a_small_run_is_scanned_without_its_check_verdicts():
    checks = nbformat.v4.new_output("stream", name="stdout", text="✓ a\n✗ b\n")
    stderr = nbformat.v4.new_output("stream", name="stderr", text="a warning\n")
    exercise = nbformat.v4.new_output("display_data", data={"text/plain": "✗ wrong"})
    run = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("x", outputs=o) for o in ([checks], [stderr], [exercise])]
    )
    problems = output_problems(run, committed=one_cell(), verdicts=False)
    assert len(problems) == 2, problems
    assert "stderr" in problems[0] and "✗ wrong" in problems[1], problems
