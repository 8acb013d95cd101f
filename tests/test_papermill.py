"""The second parameter set: every notebook declares the parameters it is given.

The notebooks are *executed* with these parameters in JupyterLab (tests/test_browser.py
opens the copy that ``helpers.parameterise`` writes, tested here), so one execution serves
both the second parameter set and the real UI; nbval executes the defaults.
"""

import papermill
import pytest
from helpers import NOTEBOOKS, parameterise
from notebook_params import SECOND_PARAMETERS


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
