"""The guard behind portable checked outputs is known to bite.

`make test` runs the notebooks under other floating-point kernels (``PORTABILITY_ENV`` in the
Makefile) than `make notebooks` used to write their committed outputs. That only proves
portability if the configuration really changes what a trained model prints. This negative
control writes a small notebook under the default configuration, as an author would, then
runs nbval on it under ``PORTABILITY_ENV``: the checked cell that prints a trained loss to six
digits must fail, with nbval's diff; the checked cell that prints a ✓ verdict with margin must
pass. A second, fast control does the same for NumPy: OpenBLAS's AVX2 kernels change the last
bits of a float64 matrix product on a CPU with AVX-512, which would otherwise use its own.

The TensorFlow control bites on a CPU without AVX-512 too. Emulated here by capping oneDNN at
AVX2 for both runs (``ONEDNN_MAX_CPU_ISA=AVX2 pytest tests/test_portability.py``, 2026-12-06):
the author's loss 0.237943, nbval's 0.164920; uncapped, 0.178274 and 0.211650.
"""

import os
import subprocess
import sys

import nbformat
import pytest
from helpers import portability_env

TRAIN = """\
import lstm_course as lc
import numpy as np
import keras

lc.seed_everything(0)
x = np.random.default_rng(0).normal(size=(256, 20, 8)).astype("float32")
y = (x[:, :3].sum(axis=(1, 2)) > 0).astype("float32")[:, None]
model = keras.Sequential(
    [keras.Input((20, 8)), keras.layers.LSTM(64), keras.layers.Dense(1, activation="sigmoid")]
)
model.compile(keras.optimizers.Adam(0.01), "binary_crossentropy")
loss = model.fit(x, y, epochs=10, batch_size=32, verbose=0).history["loss"][-1]"""
FIGURE = '# NBVAL_CHECK_OUTPUT\nprint(f"final training loss {loss:.6f}")'
VERDICT = '# NBVAL_CHECK_OUTPUT\nlc.check("the model learned something (loss < 0.5)", loss < 0.5)'


def test_the_makefile_perturbs_tensorflow_and_numpy():
    env = portability_env()
    assert env.get("TF_ENABLE_ONEDNN_OPTS") == "0"
    assert env.get("OPENBLAS_CORETYPE")


PRODUCT = """\
import hashlib
import numpy as np

rng = np.random.default_rng(0)
a, b = rng.normal(size=(64, 100)), rng.normal(size=(100, 50))
print(hashlib.sha256((a @ b).tobytes()).hexdigest())"""


def test_openblas_kernels_change_a_matrix_product_under_the_test_configuration():
    flags = open("/proc/cpuinfo").read() if os.path.exists("/proc/cpuinfo") else ""
    if " avx512f" not in flags:
        pytest.skip("no AVX-512: OpenBLAS already runs its AVX2 kernels here")
    perturbed = portability_env()
    authoring = {k: v for k, v in os.environ.items() if k not in perturbed}

    def product(env):
        run = [sys.executable, "-c", PRODUCT]
        return subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout

    default, under_test = product(authoring), product({**authoring, **perturbed})
    assert default != under_test, (
        f"under {perturbed} a float64 matrix product has the same bits as under the default "
        "configuration: the NumPy half of the perturbation does not bite on this machine"
    )


@pytest.mark.slow
def test_a_trained_figure_in_a_checked_cell_fails_under_the_test_configuration(tmp_path):
    perturbed = portability_env()
    authoring = {k: v for k, v in os.environ.items() if k not in perturbed}
    authoring.pop("PYTEST_CURRENT_TEST", None)
    authoring["TF_CPP_MIN_LOG_LEVEL"] = "3"

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in (TRAIN, FIGURE, VERDICT)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    source, executed = tmp_path / "source.ipynb", tmp_path / "executed.ipynb"
    nbformat.write(nb, source)
    # As an author would: execute under the default configuration and keep the outputs.
    subprocess.run(
        [sys.executable, "-m", "papermill", str(source), str(executed), "--no-progress-bar"],
        env=authoring,
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    committed = nbformat.read(executed, 4).cells[1].outputs[0].text
    assert committed.startswith("final training loss 0.")

    # As `make test` does: nbval under the perturbed configuration.
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env", str(executed)]
        + ["-p", "no:cacheprovider", "-p", "no:xdist", "-q", "-o", "addopts="],
        env={**authoring, **perturbed},
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    report = run.stdout
    print(report[-3000:])  # shown with -rA, and on failure
    assert "1 failed, 2 passed" in report, (
        f"under {perturbed} the trained loss printed the same as under the default "
        f"configuration ({committed.strip()}): on this machine the perturbation does not "
        "bite, so nbval could not catch a CPU-dependent checked cell\n" + report[-3000:]
    )
    assert "executed.ipynb::Cell 1" in report and committed.strip() in report
