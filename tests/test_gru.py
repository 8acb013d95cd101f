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
    assert tuple(gates) == gru.GRU_GATES == ("z", "r", "h_tilde")
    assert gates["z"].shape == (B, T, U)


def test_parity_needs_the_recurrent_bias_inside_the_reset():
    """The control: reset before the product (reset_after=False's form) differs from Keras."""
    layer = keras_gru("float64")
    x = np.random.default_rng(1).normal(size=(B, T, D))
    W_x, W_h, b = gru.from_keras_gru(layer)
    h_keras = np.asarray(layer(x))
    h = np.zeros((B, U))
    for t in range(T):
        from_x = x[:, t] @ W_x + b[0]
        from_h = h @ W_h + b[1]
        z = 1 / (1 + np.exp(-(from_x[:, :U] + from_h[:, :U])))
        r = 1 / (1 + np.exp(-(from_x[:, U : 2 * U] + from_h[:, U : 2 * U])))
        h_tilde = np.tanh(from_x[:, 2 * U :] + (r * h) @ W_h[:, 2 * U :] + b[1, 2 * U :])
        h = z * h + (1 - z) * h_tilde
    assert np.max(np.abs(h - h_keras[:, -1])) > 1e-3


def test_z_keeps_the_old_state():
    """h_t = z_t ⊙ h_{t-1} + (1 - z_t) ⊙ h̃_t, as in Keras (and notebook 10's minGRU)."""
    W_x, W_h, b = gru.from_keras_gru(keras_gru("float64"))
    x = np.random.default_rng(5).normal(size=(B, T, D))
    h, gates = gru.gru_forward(x, W_x, W_h, b)
    h_prev = np.concatenate([np.zeros((B, 1, U)), h[:, :-1]], axis=1)
    z, h_tilde = gates["z"], gates["h_tilde"]
    np.testing.assert_allclose(h, z * h_prev + (1 - z) * h_tilde, rtol=1e-12)
    # Keras's weights are W_x, W_h, b as they are: W_x (input_dim, 3 units), b (2, 3 units)
    assert W_x.shape == (D, 3 * U) and W_h.shape == (U, 3 * U) and b.shape == (2, 3 * U)


def test_cell_is_one_step_of_the_sequence():
    layer = keras_gru("float64")
    weights = gru.from_keras_gru(layer)
    x = np.random.default_rng(2).normal(size=(B, T, D))
    h, gates = gru.gru_forward(x, *weights)
    h3, g3 = gru.gru_cell_forward(x[:, 3], h[:, 2], *weights)
    np.testing.assert_allclose(h3, h[:, 3], rtol=1e-12)
    for g in gru.GRU_GATES:
        np.testing.assert_allclose(g3[g], gates[g][:, 3], rtol=1e-12)
    h3_unchecked, _ = gru.gru_cell_forward_unchecked(x[:, 3], h[:, 2], *weights)
    np.testing.assert_array_equal(h3_unchecked, h3)


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
