"""minGRU and minLSTM: the loop, the scan and the log form agree
(lstm_course.numpy_models.minimal_rnns)."""

from lstm_course.maths import sigmoid
from lstm_course.numpy_models import minimal_rnns

import numpy as np
import pytest

B, T, D, U = 2, 40, 4, 5


def weights(rng, n, dtype="float64"):
    return [
        rng.normal(size=(D, U)).astype(dtype) if k % 2 == 0 else rng.normal(size=U).astype(dtype)
        for k in range(2 * n)
    ]


CELLS = [(minimal_rnns.min_gru, 2), (minimal_rnns.min_lstm, 3)]


@pytest.mark.parametrize(("cell", "n"), CELLS, ids=["minGRU", "minLSTM"])
def test_modes_agree_float64(cell, n):
    rng = np.random.default_rng(0)
    x, w, h0 = rng.normal(size=(B, T, D)), weights(rng, n), rng.uniform(0.1, 2, size=(B, U))
    loop = cell(x, *w, h0=h0, mode="loop")
    for mode in ("scan", "log"):
        np.testing.assert_allclose(cell(x, *w, h0=h0, mode=mode), loop, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(cell(x, *w, mode="log"), cell(x, *w, mode="loop"), rtol=1e-12)


@pytest.mark.parametrize(("cell", "n"), CELLS, ids=["minGRU", "minLSTM"])
def test_scan_agrees_float32_and_log_form_within_its_float32_error(cell, n):
    rng = np.random.default_rng(1)
    x, w = rng.normal(size=(B, T, D)).astype("float32"), weights(rng, n, "float32")
    loop = cell(x, *w, mode="loop")
    assert loop.dtype == np.float32
    scale = np.abs(loop).max()
    assert np.abs(cell(x, *w, mode="scan") - loop).max() <= 1e-6 * scale
    # The log form adds a cumulative sum of log-gates (|a*| grows with t) and subtracts it
    # again: float32 loses about |a*| * 6e-8 relative, a few 1e-6 at T = 40.
    assert np.abs(cell(x, *w, mode="log") - loop).max() <= 1e-4 * scale


def test_min_gru_is_its_equations_step_by_step():
    rng = np.random.default_rng(2)
    x, (W_xz, b_z, W_xh, b_h) = rng.normal(size=(1, 3, D)), weights(rng, 2)
    h = np.zeros((1, U))
    for t in range(3):  # z keeps the old state, as in the course's GRU
        z = sigmoid(x[:, t] @ W_xz + b_z)
        h = z * h + (1 - z) * minimal_rnns.g(x[:, t] @ W_xh + b_h)
    h_gru = minimal_rnns.min_gru(x, W_xz, b_z, W_xh, b_h, mode="loop")
    np.testing.assert_allclose(h_gru[:, -1], h)


def test_min_lstm_gates_are_normalised():
    """With a candidate of ones and h0 = 1 every h stays 1: f' + i' = 1 exactly."""
    rng = np.random.default_rng(3)
    x = rng.normal(size=(B, T, D))
    W_xf, b_f, W_xi, b_i = weights(rng, 2)
    W_xh, b_h = np.zeros((D, U)), np.full(U, 0.5)  # g(0.5) = 1
    for mode in minimal_rnns.MODES:
        weights_ = (W_xf, b_f, W_xi, b_i, W_xh, b_h)
        h = minimal_rnns.min_lstm(x, *weights_, h0=np.ones((B, U)), mode=mode)
        np.testing.assert_allclose(h, 1.0, rtol=1e-12)


def test_g_is_positive_continuous_and_log_g_is_its_logarithm():
    v = np.linspace(-30, 30, 601)
    assert (minimal_rnns.g(v) > 0).all()
    assert minimal_rnns.g(np.array(0.0)) == pytest.approx(sigmoid(np.array(0.0)))  # 0.5 both sides
    np.testing.assert_allclose(minimal_rnns.log_g(v), np.log(minimal_rnns.g(v)), rtol=1e-12)
    negative = v[v < 0]
    np.testing.assert_allclose(minimal_rnns.g(negative), 1 / (1 + np.exp(-negative)), rtol=1e-14)


def test_the_log_form_stays_finite_where_plain_gates_round_to_zero():
    """Pre-activations of 800: 1 − σ rounds to 0 in float64, the log form never takes log(0)."""
    rng = np.random.default_rng(4)
    x = rng.normal(size=(1, 5, D))
    W_xz, b_z, W_xh, b_h = weights(rng, 2)
    b_z = np.full(U, 800.0)  # z = σ(800) = 1 in float64: h keeps h0
    for mode in minimal_rnns.MODES:
        h0 = np.full((1, U), 2.0)
        h = minimal_rnns.min_gru(x, np.zeros((D, U)), b_z, W_xh, b_h, h0=h0, mode=mode)
        np.testing.assert_allclose(h, 2.0)


def test_keras_min_gru_layer_equals_numpy_and_trains():
    keras = pytest.importorskip("keras")
    from lstm_course.keras_models.minimal_rnns import MinGRU

    keras.utils.set_random_seed(0)
    x = np.random.default_rng(0).normal(size=(3, 37, 2)).astype("float32")
    layer = MinGRU(5)
    h = keras.ops.convert_to_numpy(layer(x))
    reference = minimal_rnns.min_gru(x, *layer.numpy_weights(), mode="loop")
    assert np.abs(h - reference).max() <= 1e-6 * np.abs(reference).max()
    model = keras.Sequential([keras.Input((37, 2)), layer, keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    losses = model.fit(x, x[..., :1], epochs=5, verbose=0).history["loss"]
    assert losses[-1] < losses[0]  # gradients flow through the scan inside fit
