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

B, T, NX, NA, NY = 3, 6, 4, 5, 3


def random_params(rng, scale=0.5):
    return {
        "Wax": rng.normal(scale=scale, size=(NA, NX)),
        "Waa": rng.normal(scale=scale, size=(NA, NA)),
        "ba": rng.normal(scale=0.1, size=NA),
        "Wya": rng.normal(scale=scale, size=(NY, NA)),
        "by": rng.normal(scale=0.1, size=NY),
    }


@pytest.mark.parametrize(("dtype", "tol"), [("float32", 1e-6), ("float64", 1e-12)])
def test_parity_with_keras_simple_rnn(dtype, tol):
    seed_everything(0)
    layer = keras.layers.SimpleRNN(NA, return_sequences=True, dtype=dtype)
    x = np.random.default_rng(0).normal(size=(B, T, NX)).astype(dtype)
    expected = np.asarray(layer(x))
    a, _ = rnn_forward(x, *from_keras_simple_rnn(layer))
    assert a.dtype == dtype
    assert np.max(np.abs(a - expected)) <= tol


def test_cell_matches_one_step_of_the_sequence():
    p = random_params(np.random.default_rng(1))
    x = np.random.default_rng(2).normal(size=(B, T, NX))
    a, _ = rnn_forward(x, p["Wax"], p["Waa"], p["ba"])
    a1 = rnn_cell_forward(x[:, 1], a[:, 0], p["Wax"], p["Waa"], p["ba"])
    np.testing.assert_allclose(a1, a[:, 1], rtol=1e-12)


def test_bptt_passes_the_gradient_check():
    rng = np.random.default_rng(3)
    p = random_params(rng)
    x = rng.normal(size=(B, T, NX))
    y = rng.integers(0, NY, size=(B, T))
    _, grads = rnn_classifier_loss(x, y, p)
    arrays = {**p, "x": x}
    analytic = {k: grads["d" + k] for k in arrays}
    errors = gradient_check(lambda: rnn_classifier_loss(x, y, p)[0], arrays, analytic)
    assert max(errors.values()) <= 1e-7, errors


def test_bptt_detects_a_wrong_gradient():
    """The control: a deliberately wrong gradient fails the same check."""
    rng = np.random.default_rng(3)
    p = random_params(rng)
    x, y = rng.normal(size=(B, T, NX)), rng.integers(0, NY, size=(B, T))
    _, grads = rnn_classifier_loss(x, y, p)
    errors = gradient_check(
        lambda: rnn_classifier_loss(x, y, p)[0], {"Waa": p["Waa"]}, {"Waa": grads["dWaa"].T}
    )
    assert errors["Waa"] > 1e-3


def test_bptt_agrees_with_gradient_tape():
    rng = np.random.default_rng(4)
    p = random_params(rng)
    x, y = rng.normal(size=(B, T, NX)), rng.integers(0, NY, size=(B, T))
    _, grads = rnn_classifier_loss(x, y, p)
    tv = {k: tf.Variable(v) for k, v in p.items()}
    with tf.GradientTape() as tape:
        a = tf.zeros((B, NA), tf.float64)
        loss = 0.0
        for t in range(T):
            a = tf.tanh(x[:, t] @ tf.transpose(tv["Wax"]) + a @ tf.transpose(tv["Waa"]) + tv["ba"])
            logits = a @ tf.transpose(tv["Wya"]) + tv["by"]
            loss += tf.reduce_mean(
                tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y[:, t], logits=logits)
            )
    tape_grads = tape.gradient(loss, tv)
    for k in p:
        np.testing.assert_allclose(grads["d" + k], tape_grads[k].numpy(), rtol=1e-10, atol=1e-12)


def test_sequence_loss_is_the_sum_of_per_step_losses():
    rng = np.random.default_rng(5)
    y_hat = softmax(rng.normal(size=(B, T, NY)))
    y = rng.integers(0, NY, size=(B, T))
    per_step = [-np.log(y_hat[np.arange(B), t, y[:, t]]).mean() for t in range(T)]
    assert sequence_cross_entropy(y_hat, y) == pytest.approx(sum(per_step))


def test_jacobian_norms_match_autodiff_at_every_lag():
    rng = np.random.default_rng(6)
    p = random_params(rng)
    x = rng.normal(size=(1, T, NX))
    a, _ = rnn_forward(x, p["Wax"], p["Waa"], p["ba"])
    norms = hidden_jacobian_norms(a[0], p["Waa"])
    assert len(norms) == T - 1
    for start in range(T - 1):  # autodiff: d a<T-1> / d a<start>, restarting from a<start>
        a_start = tf.Variable(a[:, start])
        with tf.GradientTape() as tape:
            h = a_start
            for t in range(start + 1, T):
                h = tf.tanh(x[:, t] @ p["Wax"].T + h @ p["Waa"].T + p["ba"])
        jac = tape.jacobian(h, a_start).numpy()[0, :, 0, :]
        lag = T - 1 - start
        assert norms[lag - 1] == pytest.approx(np.linalg.norm(jac, 2), rel=1e-10), lag


def test_gradient_reaches_a0():
    rng = np.random.default_rng(9)
    p = random_params(rng)
    x, y, a0 = (
        rng.normal(size=(B, T, NX)),
        rng.integers(0, NY, size=(B, T)),
        rng.normal(size=(B, NA)),
    )
    _, grads = rnn_classifier_loss(x, y, p, a0=a0)
    errors = gradient_check(
        lambda: rnn_classifier_loss(x, y, p, a0=a0)[0], {"a0": a0}, {"a0": grads["da0"]}
    )
    assert errors["a0"] <= 1e-7


def test_cell_backward_summed_over_steps_is_bptt():
    rng = np.random.default_rng(8)
    p = random_params(rng)
    x, da = rng.normal(size=(B, T, NX)), rng.normal(size=(B, T, NA))
    a, cache = rnn_forward(x, p["Wax"], p["Waa"], p["ba"])
    grads = rnn_backward(da, cache)
    dWax, dWaa, dba = np.zeros_like(p["Wax"]), np.zeros_like(p["Waa"]), np.zeros_like(p["ba"])
    da_next = np.zeros((B, NA))
    for t in reversed(range(T)):
        a_prev = a[:, t - 1] if t else np.zeros((B, NA))
        dx_t, da_next, gWax, gWaa, gba = rnn_cell_backward(
            da[:, t] + da_next, a[:, t], a_prev, x[:, t], p["Wax"], p["Waa"]
        )
        np.testing.assert_allclose(dx_t, grads["dx"][:, t], rtol=1e-10)
        dWax, dWaa, dba = dWax + gWax, dWaa + gWaa, dba + gba
    np.testing.assert_allclose(dWax, grads["dWax"], rtol=1e-10)
    np.testing.assert_allclose(dWaa, grads["dWaa"], rtol=1e-10)
    np.testing.assert_allclose(dba, grads["dba"], rtol=1e-10)
