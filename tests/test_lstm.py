from lstm_course import maths, seed_everything
from lstm_course.numpy_models import lstm
from lstm_course.training import gradcheck
from lstm_course.training.gradcheck import gradient_check

import keras
import numpy as np
import pytest
import tensorflow as tf

B, T, D, U = 3, 5, 4, 6


def random_fused(rng, dtype="float64"):
    return (
        rng.normal(scale=0.4, size=(D, 4 * U)).astype(dtype),
        rng.normal(scale=0.4, size=(U, 4 * U)).astype(dtype),
        rng.normal(scale=0.2, size=4 * U).astype(dtype),
    )


@pytest.mark.parametrize(("dtype", "tol"), [("float32", 1e-6), ("float64", 1e-12)])
def test_parity_with_keras_lstm(dtype, tol):
    seed_everything(0)
    layer = keras.layers.LSTM(U, return_sequences=True, return_state=True, dtype=dtype)
    x = np.random.default_rng(0).normal(size=(B, T, D)).astype(dtype)
    h_keras, _, c_last = (np.asarray(v) for v in layer(x))
    h, c, _ = lstm.lstm_forward(x, *lstm.from_keras_lstm(layer))
    assert h.dtype == dtype
    assert np.max(np.abs(h - h_keras)) <= tol
    assert np.max(np.abs(c[:, -1] - c_last)) <= tol


def test_cell_forward_is_one_step_of_the_sequence():
    rng = np.random.default_rng(1)
    W = random_fused(rng)
    x = rng.normal(size=(B, T, D))
    h, c, cache = lstm.lstm_forward(x, *W)
    h2, c2, gates = lstm.lstm_cell_forward(x[:, 2], h[:, 1], c[:, 1], *W)
    np.testing.assert_allclose(h2, h[:, 2], rtol=1e-12)
    np.testing.assert_allclose(c2, c[:, 2], rtol=1e-12)
    np.testing.assert_allclose(gates["f"], cache["gates"]["f"][:, 2], rtol=1e-12)


def loss_of(x, W, target):
    h, _, _ = lstm.lstm_forward(x, *W)
    return 0.5 * np.sum((h - target) ** 2)


def test_gradient_check_every_parameter_and_the_inputs():
    rng = np.random.default_rng(2)
    W = random_fused(rng)
    x, target = rng.normal(size=(B, T, D)), rng.normal(size=(B, T, U))
    h, _, cache = lstm.lstm_forward(x, *W)
    grads = lstm.lstm_backward(h - target, cache)
    arrays = {"W_x": W[0], "W_h": W[1], "b": W[2], "x": x}
    analytic = {
        "W_x": grads["dW_x"],
        "W_h": grads["dW_h"],
        "b": grads["db"],
        "x": grads["dx"],
    }
    errors = gradient_check(lambda: loss_of(x, W, target), arrays, analytic)
    assert max(errors.values()) <= 1e-7, errors


def test_gradient_check_catches_a_missing_cell_path():
    """The control: drop the forget-gate factor on the cell path and the check fails."""
    rng = np.random.default_rng(2)
    W = random_fused(rng)
    x, target = rng.normal(size=(B, T, D)), rng.normal(size=(B, T, U))
    h, _, cache = lstm.lstm_forward(x, *W)
    cache["gates"] = {**cache["gates"], "f": np.ones_like(cache["gates"]["f"])}  # f = 1 backward
    grads = lstm.lstm_backward(h - target, cache)
    errors = gradient_check(lambda: loss_of(x, W, target), {"W_x": W[0]}, {"W_x": grads["dW_x"]})
    assert errors["W_x"] > 1e-3


def test_backward_agrees_with_gradient_tape_on_keras_lstm():
    seed_everything(3)
    layer = keras.layers.LSTM(U, return_sequences=True, dtype="float64")
    x = tf.Variable(np.random.default_rng(3).normal(size=(B, T, D)))
    upstream = np.random.default_rng(4).normal(size=(B, T, U))
    with tf.GradientTape() as tape:
        out = layer(x)
        loss = tf.reduce_sum(out * upstream)
    tape_grads = tape.gradient(loss, [x, *layer.trainable_weights])
    _, _, cache = lstm.lstm_forward(x.numpy(), *lstm.from_keras_lstm(layer))
    grads = lstm.lstm_backward(upstream, cache)
    for ours, theirs in zip(
        [grads[k] for k in ("dx", "dW_x", "dW_h", "db")], tape_grads, strict=True
    ):
        np.testing.assert_allclose(ours, np.asarray(theirs), rtol=1e-9, atol=1e-12)


def test_gradients_reach_h0_c0_and_come_from_dc_last():
    """dh0, dc0 and the effect of dc_last, against finite differences (never tested before)."""
    rng = np.random.default_rng(5)
    W = random_fused(rng)
    x, h0, c0 = rng.normal(size=(B, T, D)), rng.normal(size=(B, U)), rng.normal(size=(B, U))
    target, weight = rng.normal(size=(B, T, U)), rng.normal(size=(B, U))

    def loss():  # a loss on every hidden state and on the last cell state
        h, c, _ = lstm.lstm_forward(x, *W, h0=h0, c0=c0)
        return 0.5 * np.sum((h - target) ** 2) + np.sum(weight * c[:, -1])

    h, _, cache = lstm.lstm_forward(x, *W, h0=h0, c0=c0)
    grads = lstm.lstm_backward(h - target, cache, dc_last=weight)
    errors = gradient_check(
        loss,
        {"h0": h0, "c0": c0, "x": x},
        {"h0": grads["dh0"], "c0": grads["dc0"], "x": grads["dx"]},
    )
    assert max(errors.values()) <= 1e-7, errors
    # Without dc_last the same gradients are wrong: the test can fail.
    no_dc_last = lstm.lstm_backward(h - target, cache)
    assert gradcheck.relative_error(no_dc_last["dc0"], grads["dc0"]) > 1e-3


def test_lstm_backward_does_cell_state_backward_at_every_step():
    """The link between exercise 3 and the full backward pass.

    What reaches h<t> and c<t> from the future is the ``dh0`` and ``dc0`` of the backward
    pass over the rest of the sequence, started from (h<t>, c<t>). Feeding them to
    cell_state_backward must give lstm_backward's dc<t>, and its dc_prev must be what the
    pass over steps t.. sends to c<t-1>.
    """
    rng = np.random.default_rng(6)
    W = random_fused(rng)
    x = rng.normal(size=(B, T, D))
    h, c, cache = lstm.lstm_forward(x, *W)
    dh, dc_last = rng.normal(size=(B, T, U)), rng.normal(size=(B, U))
    grads = lstm.lstm_backward(dh, cache, dc_last=dc_last)
    gates = cache["gates"]
    for t in range(T):
        _, _, rest = lstm.lstm_forward(x[:, t + 1 :], *W, h0=h[:, t], c0=c[:, t])
        future = lstm.lstm_backward(dh[:, t + 1 :], rest, dc_last=dc_last)
        dc_t, dc_prev = lstm.cell_state_backward(
            dh[:, t] + future["dh0"], future["dc0"], gates["o"][:, t], c[:, t], gates["f"][:, t]
        )
        np.testing.assert_allclose(grads["dc"][:, t], dc_t, rtol=1e-10, atol=1e-13)
        h_before = h[:, t - 1] if t else np.zeros((B, U))
        c_before = c[:, t - 1] if t else np.zeros((B, U))
        _, _, here = lstm.lstm_forward(x[:, t:], *W, h0=h_before, c0=c_before)
        from_here = lstm.lstm_backward(dh[:, t:], here, dc_last=dc_last)
        np.testing.assert_allclose(from_here["dc0"], dc_prev, rtol=1e-10, atol=1e-13)


def test_backward_through_zero_steps_passes_the_gradients_through():
    rng = np.random.default_rng(7)
    W = random_fused(rng)
    h, c, cache = lstm.lstm_forward(np.zeros((B, 0, D)), *W)
    assert h.shape == c.shape == (B, 0, U)
    dc_last = rng.normal(size=(B, U))
    grads = lstm.lstm_backward(np.zeros((B, 0, U)), cache, dc_last=dc_last)
    np.testing.assert_array_equal(grads["dc0"], dc_last)
    assert grads["dx"].shape == (B, 0, D) and not grads["dW_x"].any()


def test_param_count_is_10400_for_lstm50_on_one_feature():
    assert lstm.param_count(50, 1) == 10_400
    model = keras.Sequential([keras.Input(shape=(5, 1)), keras.layers.LSTM(50)])
    assert model.count_params() == 10_400


def test_layout_converters_round_trip_and_agree():
    rng = np.random.default_rng(6)
    W_x, W_h, b = random_fused(rng)
    gates = lstm.keras_to_gates(W_x, W_h, b)
    assert gates["f"][0].shape == (D, U) and gates["f"][1].shape == (U, U)
    for got, want in zip(lstm.gates_to_keras(gates), (W_x, W_h, b), strict=True):
        np.testing.assert_array_equal(got, want)
    concat = lstm.gates_to_concat(gates)
    back = lstm.concat_to_gates(concat, U)
    for g in lstm.GATES:
        for got, want in zip(back[g], gates[g], strict=True):
            np.testing.assert_array_equal(got, want)
    assert concat["f"][0].shape == (U + D, U)
    # The forget gate computed in all three layouts is the same.
    x, h_prev = rng.normal(size=D), rng.normal(size=U)
    W_xf, W_hf, b_f = gates["f"]
    separate = maths.sigmoid(x @ W_xf + h_prev @ W_hf + b_f)
    W_f, b_f_concat = concat["f"]
    concatenated = maths.sigmoid(np.concatenate([h_prev, x]) @ W_f + b_f_concat)
    fused = maths.sigmoid(x @ W_x + h_prev @ W_h + b)[U : 2 * U]
    np.testing.assert_allclose(separate, concatenated, rtol=1e-12)
    np.testing.assert_allclose(separate, fused, rtol=1e-12)
