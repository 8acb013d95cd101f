"""Run every notebook with its second parameter set (another seed, smaller sizes)."""

import nbformat
import papermill
import pytest
from helpers import NOTEBOOKS, ROOT
from notebook_params import SECOND_PARAMETERS

ARTIFACTS = ROOT / "artifacts" / "papermill"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_with_second_parameters(path):
    params = SECOND_PARAMETERS[path.stem]
    declared = {p for p in papermill.inspect_notebook(str(path))}
    assert set(params) <= declared, f"unknown parameters {set(params) - declared}"

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = ARTIFACTS / path.name
    papermill.execute_notebook(
        str(path),
        str(out),
        parameters=params,
        kernel_name="python3",
        cwd=str(path.parent),
        progress_bar=False,
    )  # raises PapermillExecutionError, naming the cell, if any cell fails
    nb = nbformat.read(out, as_version=4)
    failed, stderr = [], []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if o.output_type == "stream" and o.name == "stderr":
                stderr.append(o.text[:300])
            if o.output_type == "stream":
                failed += [line for line in o.text.splitlines() if line.startswith("✗")]
    assert not failed, f"checks that failed with {params}: {failed}"
    assert not stderr, f"stderr output with {params}: {stderr}"
