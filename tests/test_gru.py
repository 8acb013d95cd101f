"""The NumPy GRU against keras.layers.GRU, and its parameter count. (Its refusals of
settings it does not implement, and of bad inputs: test_bad_inputs.py.)"""

from lstm_course import seed_everything
from lstm_course.numpy_models import gru, lstm

import keras
import numpy as np
import pytest

B, T, D, U = 3, 7, 4, 6


def keras_gru(dtype, **kwargs):
    seed_everything(0)
    layer = keras.layers.GRU(
        U, return_sequences=True, dtype=dtype, bias_initializer="random_normal", **kwargs
    )
    layer.build((B, T, D))
    return layer


@pytest.mark.parametrize(("dtype", "tol"), [("float32", 1e-6), ("float64", 1e-12)])
def test_parity_with_keras_gru(dtype, tol):
    layer = keras_gru(dtype)
    x = np.random.default_rng(0).normal(size=(B, T, D)).astype(dtype)
    h_keras = np.asarray(layer(x))
    h, gates = gru.gru_forward(x, *gru.from_keras_gru(layer))
    assert h.dtype == dtype
    assert np.max(np.abs(h - h_keras)) <= tol
    assert set(gates) == {"z", "r", "h"} and gates["z"].shape == (B, T, U)


def test_parity_needs_the_recurrent_bias_inside_the_reset():
    """The control: reset before the product (reset_after=False's form) differs from Keras."""
    layer = keras_gru("float64")
    x = np.random.default_rng(1).normal(size=(B, T, D))
    kernel, recurrent, bias = gru.from_keras_gru(layer)
    h_keras = np.asarray(layer(x))
    h = np.zeros((B, U))
    for t in range(T):
        xz = x[:, t] @ kernel + bias[0]
        rz = h @ recurrent + bias[1]
        z = 1 / (1 + np.exp(-(xz[:, :U] + rz[:, :U])))
        r = 1 / (1 + np.exp(-(xz[:, U : 2 * U] + rz[:, U : 2 * U])))
        cand = np.tanh(xz[:, 2 * U :] + (r * h) @ recurrent[:, 2 * U :] + bias[1, 2 * U :])
        h = z * h + (1 - z) * cand
    assert np.max(np.abs(h - h_keras[:, -1])) > 1e-3


def test_cell_is_one_step_of_the_sequence():
    layer = keras_gru("float64")
    weights = gru.from_keras_gru(layer)
    x = np.random.default_rng(2).normal(size=(B, T, D))
    h, gates = gru.gru_forward(x, *weights)
    h3, g3 = gru.gru_cell_forward(x[:, 3], h[:, 2], *weights)
    np.testing.assert_allclose(h3, h[:, 3], rtol=1e-12)
    np.testing.assert_allclose(g3["r"], gates["r"][:, 3], rtol=1e-12)


def test_h0_is_used():
    weights = gru.from_keras_gru(keras_gru("float64"))
    x = np.random.default_rng(3).normal(size=(B, T, D))
    h0 = np.random.default_rng(4).normal(size=(B, U))
    seed_everything(0)
    layer = keras_gru("float64")
    h_keras = np.asarray(layer(x, initial_state=[h0]))
    h, _ = gru.gru_forward(x, *weights, h0=h0)
    assert np.max(np.abs(h - h_keras)) <= 1e-12


@pytest.mark.parametrize(("units", "input_dim"), [(1, 1), (6, 4), (32, 2), (64, 12)])
def test_param_count_matches_keras(units, input_dim):
    layer = keras.layers.GRU(units)
    layer.build((None, 5, input_dim))
    assert gru.param_count(units, input_dim) == layer.count_params()
    assert gru.param_count(units, input_dim) == 3 * (units * (units + input_dim) + 2 * units)
    # LSTM minus GRU = units * (units + input_dim - 2): equal only for units + input_dim = 2
    difference = lstm.param_count(units, input_dim) - gru.param_count(units, input_dim)
    assert difference == units * (units + input_dim - 2)
