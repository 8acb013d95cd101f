from lstm_course import seed_everything
from lstm_course.maths import sequence_cross_entropy, softmax
from lstm_course.numpy_models.rnn import (
    from_keras_simple_rnn,
    hidden_jacobian_norms,
    rnn_backward,
    rnn_cell_backward,
    rnn_cell_forward,
    rnn_classifier_loss,
    rnn_forward,
)
from lstm_course.training.gradcheck import gradient_check

import keras
import numpy as np
import pytest
import tensorflow as tf

B, T, D, N, V = 3, 6, 4, 5, 3  # batch, steps, input features, units, classes


def random_params(rng, scale=0.5):
    return {
        "W_xh": rng.normal(scale=scale, size=(D, N)),
        "W_hh": rng.normal(scale=scale, size=(N, N)),
        "b_h": rng.normal(scale=0.1, size=N),
        "W_hy": rng.normal(scale=scale, size=(N, V)),
        "b_y": rng.normal(scale=0.1, size=V),
    }


@pytest.mark.parametrize(("dtype", "tol"), [("float32", 1e-6), ("float64", 1e-12)])
def test_parity_with_keras_simple_rnn(dtype, tol):
    seed_everything(0)
    layer = keras.layers.SimpleRNN(N, return_sequences=True, dtype=dtype)
    x = np.random.default_rng(0).normal(size=(B, T, D)).astype(dtype)
    expected = np.asarray(layer(x))
    h, _ = rnn_forward(x, *from_keras_simple_rnn(layer))
    assert h.dtype == dtype
    assert np.max(np.abs(h - expected)) <= tol


def test_keras_weights_are_the_course_weights_untransposed():
    seed_everything(0)
    layer = keras.layers.SimpleRNN(N)
    layer.build((None, T, D))
    W_xh, W_hh, b_h = from_keras_simple_rnn(layer)
    assert (W_xh.shape, W_hh.shape, b_h.shape) == ((D, N), (N, N), (N,))
    kernel, recurrent_kernel, bias = layer.get_weights()
    np.testing.assert_array_equal(W_xh, kernel)
    np.testing.assert_array_equal(W_hh, recurrent_kernel)
    np.testing.assert_array_equal(b_h, bias)


def test_cell_matches_one_step_of_the_sequence():
    p = random_params(np.random.default_rng(1))
    x = np.random.default_rng(2).normal(size=(B, T, D))
    h, _ = rnn_forward(x, p["W_xh"], p["W_hh"], p["b_h"])
    h1 = rnn_cell_forward(x[:, 1], h[:, 0], p["W_xh"], p["W_hh"], p["b_h"])
    np.testing.assert_allclose(h1, h[:, 1], rtol=1e-12)
    expected = np.tanh(x[:, 1] @ p["W_xh"] + h[:, 0] @ p["W_hh"] + p["b_h"])  # row form
    np.testing.assert_allclose(h1, expected, rtol=1e-12)


def test_bptt_passes_the_gradient_check():
    rng = np.random.default_rng(3)
    p = random_params(rng)
    x = rng.normal(size=(B, T, D))
    y = rng.integers(0, V, size=(B, T))
    _, grads = rnn_classifier_loss(x, y, p)
    arrays = {**p, "x": x}
    analytic = {k: grads["d" + k] for k in arrays}
    errors = gradient_check(lambda: rnn_classifier_loss(x, y, p)[0], arrays, analytic)
    assert max(errors.values()) <= 1e-7, errors


def test_bptt_detects_a_wrong_gradient():
    """The control: a deliberately wrong gradient fails the same check."""
    rng = np.random.default_rng(3)
    p = random_params(rng)
    x, y = rng.normal(size=(B, T, D)), rng.integers(0, V, size=(B, T))
    _, grads = rnn_classifier_loss(x, y, p)
    errors = gradient_check(
        lambda: rnn_classifier_loss(x, y, p)[0], {"W_hh": p["W_hh"]}, {"W_hh": grads["dW_hh"].T}
    )
    assert errors["W_hh"] > 1e-3


def test_bptt_agrees_with_gradient_tape():
    rng = np.random.default_rng(4)
    p = random_params(rng)
    x, y = rng.normal(size=(B, T, D)), rng.integers(0, V, size=(B, T))
    _, grads = rnn_classifier_loss(x, y, p)
    tv = {k: tf.Variable(v) for k, v in p.items()}
    with tf.GradientTape() as tape:
        h = tf.zeros((B, N), tf.float64)
        loss = 0.0
        for t in range(T):
            h = tf.tanh(x[:, t] @ tv["W_xh"] + h @ tv["W_hh"] + tv["b_h"])
            logits = h @ tv["W_hy"] + tv["b_y"]
            loss += tf.reduce_mean(
                tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y[:, t], logits=logits)
            )
    tape_grads = tape.gradient(loss, tv)
    for k in p:
        np.testing.assert_allclose(grads["d" + k], tape_grads[k].numpy(), rtol=1e-10, atol=1e-12)


def test_sequence_loss_is_the_sum_of_per_step_losses():
    rng = np.random.default_rng(5)
    y_hat = softmax(rng.normal(size=(B, T, V)))
    y = rng.integers(0, V, size=(B, T))
    per_step = [-np.log(y_hat[np.arange(B), t, y[:, t]]).mean() for t in range(T)]
    assert sequence_cross_entropy(y_hat, y) == pytest.approx(sum(per_step))


def test_jacobian_norms_match_autodiff_at_every_lag():
    rng = np.random.default_rng(6)
    p = random_params(rng)
    x = rng.normal(size=(1, T, D))
    h, _ = rnn_forward(x, p["W_xh"], p["W_hh"], p["b_h"])
    norms = hidden_jacobian_norms(h[0], p["W_hh"])
    assert len(norms) == T - 1
    for start in range(T - 1):  # autodiff: d h_{T-1} / d h_start, restarting from h_start
        h_start = tf.Variable(h[:, start])
        with tf.GradientTape() as tape:
            h_t = h_start
            for t in range(start + 1, T):
                h_t = tf.tanh(x[:, t] @ p["W_xh"] + h_t @ p["W_hh"] + p["b_h"])
        jac = tape.jacobian(h_t, h_start).numpy()[0, :, 0, :]
        lag = T - 1 - start
        assert norms[lag - 1] == pytest.approx(np.linalg.norm(jac, 2), rel=1e-10), lag


def test_gradient_reaches_h0():
    rng = np.random.default_rng(9)
    p = random_params(rng)
    x, y, h0 = (
        rng.normal(size=(B, T, D)),
        rng.integers(0, V, size=(B, T)),
        rng.normal(size=(B, N)),
    )
    _, grads = rnn_classifier_loss(x, y, p, h0=h0)
    errors = gradient_check(
        lambda: rnn_classifier_loss(x, y, p, h0=h0)[0], {"h0": h0}, {"h0": grads["dh0"]}
    )
    assert errors["h0"] <= 1e-7


def test_cell_backward_summed_over_steps_is_bptt():
    rng = np.random.default_rng(8)
    p = random_params(rng)
    x, dh = rng.normal(size=(B, T, D)), rng.normal(size=(B, T, N))
    h, cache = rnn_forward(x, p["W_xh"], p["W_hh"], p["b_h"])
    grads = rnn_backward(dh, cache)
    dW_xh, dW_hh, db_h = np.zeros_like(p["W_xh"]), np.zeros_like(p["W_hh"]), np.zeros_like(p["b_h"])
    dh_next = np.zeros((B, N))
    for t in reversed(range(T)):
        h_prev = h[:, t - 1] if t else np.zeros((B, N))
        dx_t, dh_next, g_xh, g_hh, g_h = rnn_cell_backward(
            dh[:, t] + dh_next, h[:, t], h_prev, x[:, t], p["W_xh"], p["W_hh"]
        )
        np.testing.assert_allclose(dx_t, grads["dx"][:, t], rtol=1e-10)
        dW_xh, dW_hh, db_h = dW_xh + g_xh, dW_hh + g_hh, db_h + g_h
    np.testing.assert_allclose(dW_xh, grads["dW_xh"], rtol=1e-10)
    np.testing.assert_allclose(dW_hh, grads["dW_hh"], rtol=1e-10)
    np.testing.assert_allclose(db_h, grads["db_h"], rtol=1e-10)
    np.testing.assert_allclose(dh_next, grads["dh0"], rtol=1e-10)
