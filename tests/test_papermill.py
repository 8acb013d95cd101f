"""The second parameter set: every notebook declares the parameters it is given.

The notebooks are *executed* with these parameters in JupyterLab (tests/test_browser.py
opens the copy that papermill parameterises here), so one execution serves both the second
parameter set and the real UI; nbval executes the defaults.
"""

import nbformat
import papermill
import pytest
from helpers import NOTEBOOKS
from notebook_params import SECOND_PARAMETERS


def parameterise(path, out):
    """Write ``out``: ``path`` with its second parameter set injected by papermill, and no
    outputs or execution counts (so a cell that never runs cannot pass for one that did)."""
    params = SECOND_PARAMETERS[path.stem]
    papermill.execute_notebook(
        str(path), str(out), parameters=params, prepare_only=True, progress_bar=False
    )
    nb = nbformat.read(out, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, out)
    return nb


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_second_parameters_are_declared_and_injected(path, tmp_path):
    params = SECOND_PARAMETERS[path.stem]
    declared = set(papermill.inspect_notebook(str(path)))
    assert set(params) <= declared, f"{path.name}: unknown parameters {set(params) - declared}"
    nb = parameterise(path, tmp_path / path.name)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    for name, value in params.items():
        assert f"{name} = {value!r}" in injected[0].source
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
