"""What a learner sees on GitHub: every committed notebook is executed and clean."""

import json
import re

import nbformat
import pytest
from helpers import NOTEBOOKS, ROOT

MACHINE_PATH = re.compile(r"site-packages|/root/|/home/\w+|/tmp/|/work/|[A-Z]:\\\\")
MAX_BYTES = 1_500_000
MAX_STREAM_LINES = 60


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
    for i, cell in enumerate(code_cells(nb), start=1):
        for out in cell.outputs:
            where = f"{path.name}, code cell {i}"
            assert out.output_type != "error", f"{where}: error output"
            if out.output_type == "stream":
                assert out.name != "stderr", f"{where}: stderr: {out.text[:200]}"
                assert out.text.count("\n") <= MAX_STREAM_LINES, f"{where}: long stream"
                assert not re.search(r"^✗", out.text, re.M), f"{where}: a failed check: {out.text}"
                log_line = re.search(r"^(WARNING|W\d{4}|E\d{4})", out.text, re.M)
                assert not log_line, f"{where}: a log line in the output"
                text = out.text
            else:
                text = json.dumps(out.get("data", {}).get("text/plain", ""))
            assert not MACHINE_PATH.search(text), f"{where}: machine path in output"


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
