"""The variant cell: vanilla equals keras.layers.LSTM, the Keras cell equals the NumPy one,
each variant has its defining property, parameter counts match Keras. (Bad inputs:
test_bad_inputs.py.)"""

from lstm_course import seed_everything
from lstm_course.keras_models import variant_cell
from lstm_course.numpy_models import lstm, lstm_variants
from lstm_course.numpy_models.lstm_variants import (
    VARIANTS,
    param_count,
    variant_forward,
    variant_gates,
)

import keras
import numpy as np
import pytest

B, T, D, U = 3, 7, 4, 5
NAMES = list(VARIANTS)


def random_weights(variant, rng, dtype="float64"):
    k = len(variant_gates(variant))
    return (
        rng.normal(scale=0.5, size=(D, k * U)).astype(dtype),
        rng.normal(scale=0.5, size=(U, k * U)).astype(dtype),
        rng.normal(scale=0.5, size=k * U).astype(dtype),
    )


def keras_variant(variant, dtype):
    seed_everything(0)
    layer = variant_cell.variant_rnn(U, variant, dtype=dtype, return_sequences=True)
    layer.build((B, T, D))
    return layer


@pytest.mark.parametrize(("dtype", "tol"), [("float32", 1e-6), ("float64", 1e-12)])
def test_vanilla_numpy_and_keras_cell_equal_keras_lstm(dtype, tol):
    seed_everything(0)
    reference = keras.layers.LSTM(U, return_sequences=True, dtype=dtype)
    x = np.random.default_rng(0).normal(size=(B, T, D)).astype(dtype)
    h_keras = np.asarray(reference(x))
    weights = lstm.from_keras_lstm(reference)
    h, _, _ = variant_forward(x, *weights, variant="vanilla")
    assert h.dtype == dtype
    assert np.max(np.abs(h - h_keras)) <= tol
    cell_layer = keras_variant("vanilla", dtype)
    cell_layer.set_weights(weights)
    assert np.max(np.abs(np.asarray(cell_layer(x)) - h_keras)) <= tol


@pytest.mark.parametrize("variant", NAMES)
@pytest.mark.parametrize(("dtype", "tol"), [("float32", 1e-6), ("float64", 1e-12)])
def test_keras_cell_equals_numpy(variant, dtype, tol):
    layer = keras_variant(variant, dtype)
    weights = random_weights(variant, np.random.default_rng(1), dtype)
    layer.set_weights(weights)
    x = np.random.default_rng(2).normal(size=(B, T, D)).astype(dtype)
    h, _, _ = variant_forward(x, *weights, variant=variant)
    assert np.max(np.abs(np.asarray(layer(x)) - h)) <= tol


@pytest.mark.parametrize("variant", NAMES)
def test_gates_are_named_as_the_lstms(variant):
    """Every variant's gates, and the gates returned, use lstm.GATES's names and order."""
    gates = variant_gates(variant)
    assert set(gates) <= set(lstm.GATES) and "c_tilde" in gates
    assert list(gates) == [g for g in lstm.GATES if g in gates]
    assert tuple(run(variant)[2]) == lstm.GATES


@pytest.mark.parametrize("variant", NAMES)
def test_param_count_matches_keras(variant):
    for units, input_dim in ((1, 1), (5, 4), (16, 12)):
        layer = variant_cell.variant_rnn(units, variant)
        layer.build((None, 3, input_dim))
        assert layer.count_params() == param_count(variant, units, input_dim)
    assert param_count("vanilla", 7, 3) == lstm.param_count(7, 3)
    three = ("no_forget_gate", "no_input_gate", "no_output_gate", "coupled")
    assert param_count(variant, 7, 3) == (3 if variant in three else 4) * (7 * 10 + 7)


def run(variant, seed=3):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(B, T, D))
    return variant_forward(x, *random_weights(variant, rng), variant=variant)


def test_each_variant_has_its_defining_property():
    h, c, g = run("no_forget_gate")
    assert (g["f"] == 1).all() and not (g["i"] == 1).all()
    np.testing.assert_allclose(c[:, 1:], c[:, :-1] + (g["i"] * g["c_tilde"])[:, 1:], atol=1e-14)
    _, _, g = run("no_input_gate")
    assert (g["i"] == 1).all() and not (g["f"] == 1).all()
    h, c, g = run("no_output_gate")
    assert (g["o"] == 1).all()
    np.testing.assert_allclose(h, np.tanh(c), atol=1e-15)
    h, c, g = run("no_output_activation")
    np.testing.assert_allclose(h, g["o"] * c, atol=1e-15)
    assert not np.allclose(h, g["o"] * np.tanh(c))
    _, _, g = run("coupled")
    np.testing.assert_allclose(g["i"] + g["f"], 1.0, atol=1e-15)
    assert g["f"].std() > 0.05
    for variant in ("vanilla", "forget_bias_0"):
        _, _, g = run(variant)
        assert not np.allclose(g["i"] + g["f"], 1.0) and (g["f"] < 1).all()


def test_forget_bias_0_differs_from_vanilla_only_in_its_start():
    for name in ("vanilla", "forget_bias_0"):
        assert run(name)[0].tolist() == run("vanilla")[0].tolist()  # the same step
    vanilla, zero = (lstm_variants.initial_bias(n, 4) for n in ("vanilla", "forget_bias_0"))
    assert vanilla.tolist() == [0] * 4 + [1] * 4 + [0] * 8 and not zero.any()
    assert lstm_variants.initial_bias("coupled", 2).tolist() == [1, 1, 0, 0, 0, 0]
    for name in NAMES:
        layer = variant_cell.variant_rnn(4, name)
        layer.build((None, 3, 2))
        np.testing.assert_array_equal(layer.get_weights()[2], lstm_variants.initial_bias(name, 4))
    seed_everything(0)
    keras_lstm = keras.layers.LSTM(4)
    keras_lstm.build((None, 3, 2))
    np.testing.assert_array_equal(keras_lstm.get_weights()[2], vanilla)


def test_cell_is_one_step_of_the_sequence():
    for variant in NAMES:
        rng = np.random.default_rng(4)
        x = rng.normal(size=(B, T, D))
        w = random_weights(variant, rng)
        h, c, g = variant_forward(x, *w, variant=variant)
        h3, c3, g3 = lstm_variants.variant_cell_forward(x[:, 3], h[:, 2], c[:, 2], *w, variant)
        np.testing.assert_allclose(h3, h[:, 3], rtol=1e-12)
        for gate in lstm.GATES:
            np.testing.assert_allclose(g3[gate], g[gate][:, 3], rtol=1e-12)


def test_keras_cell_trains_and_serialises():
    seed_everything(0)
    model = keras.Sequential(
        [keras.Input((T, D)), variant_cell.variant_rnn(U, "coupled"), keras.layers.Dense(1)]
    )
    model.compile("adam", "mse")
    x, y = np.random.default_rng(5).normal(size=(16, T, D)), np.zeros(16)
    before = model.get_weights()[0].copy()
    model.fit(x, y, epochs=1, verbose=0)
    assert not np.allclose(model.get_weights()[0], before)
    config = model.layers[0].cell.get_config()
    assert config["variant"] == "coupled" and config["units"] == U


def test_importing_the_module_does_not_import_tensorflow():
    import subprocess
    import sys

    code = (
        "import sys; import lstm_course.numpy_models.lstm_variants, lstm_course.numpy_models.gru; "
        "print(sorted({'tensorflow', 'keras'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
