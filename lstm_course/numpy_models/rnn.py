"""A plain (Elman) RNN in NumPy: forward pass, backpropagation through time, and a softmax head.

Defined in notebook 01 (the forward pass, :func:`from_keras_simple_rnn`) and notebook 02
(backpropagation through time, :func:`hidden_jacobian_norms`).

Notation follows the course (and d2l.ai): B examples of d input features, n hidden units,
V classes; one example per row, as in Keras, so for a batch

    h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)      x_t (B, d), h_t (B, n)
    ŷ_t = softmax(h_t W_hy + b_y)                  ŷ_t (B, V)

with ``W_xh`` (d, n), ``W_hh`` (n, n), ``b_h`` (n,), ``W_hy`` (n, V), ``b_y`` (V,). Every
weight is stored (in, out), as Keras stores it, so the code has no transposes: ``W_xh``,
``W_hh`` and ``b_h`` *are* ``SimpleRNN``'s ``kernel``, ``recurrent_kernel`` and ``bias``
(see :func:`from_keras_simple_rnn`). Papers that write column vectors use the transposed
matrices, ``W h_{t-1}`` (Andrew Ng's ``W_aa a<t-1>``).

**Reading the code.** Each public function checks its arguments once, at entry, and then
runs the equations; :func:`rnn_forward` runs :func:`rnn_cell_forward_unchecked` once per
time step and :func:`rnn_backward` runs :func:`rnn_cell_backward_unchecked`, the chain rule
through that step, from the last step down.

Conventions (see :mod:`lstm_course.arguments`): every argument outside its contract raises
``ValueError``/``TypeError`` naming it; the computation runs in ``np.result_type`` of the
float inputs (float32 only if all are float32); NaN and inf inside arrays propagate, as in
Keras. Returned arrays are new arrays, never views into the cache, so changing them cannot
change a later backward pass.
"""

from lstm_course import maths
from lstm_course.arguments import (
    array_of_shape,
    as_float_array,
    check_cache,
    check_keras_recurrent_layer,
    common_float_dtype,
    describe,
    recurrent_inputs,
)

import numpy as np

_CACHE_KEYS = ("x", "h0", "h", "W_xh", "W_hh")
_PARAM_KEYS = ("W_xh", "W_hh", "b_h", "W_hy", "b_y")

__all__ = [
    "from_keras_simple_rnn",
    "hidden_jacobian_norms",
    "rnn_backward",
    "rnn_cell_backward",
    "rnn_cell_backward_unchecked",
    "rnn_cell_forward",
    "rnn_cell_forward_unchecked",
    "rnn_classifier_loss",
    "rnn_forward",
]


# --- argument checks (the boundary) ------------------------------------------------------------


def _weights(W_xh, W_hh):
    """``W_xh`` (d, n) and ``W_hh`` (n, n), checked; ``n`` comes from ``W_hh``."""
    W_hh = array_of_shape(W_hh, (None, None), "W_hh", "(n, n)")
    n = W_hh.shape[0]
    W_hh = array_of_shape(W_hh, (n, n), "W_hh", "(n, n)")
    W_xh = array_of_shape(W_xh, (None, n), "W_xh", "(d, n), n from W_hh")
    return W_xh, W_hh


def _weights_and_bias(W_xh, W_hh, b_h):
    """:func:`_weights`, and ``b_h`` (n,)."""
    W_xh, W_hh = _weights(W_xh, W_hh)
    return W_xh, W_hh, array_of_shape(b_h, (W_hh.shape[0],), "b_h", "(n,)")


def _step_inputs(x_t, h_prev, W_xh, W_hh, b_h):
    """The arguments of :func:`rnn_cell_forward`, checked."""
    W_xh, W_hh, b_h = _weights_and_bias(W_xh, W_hh, b_h)
    d, n = W_xh.shape
    x_t = array_of_shape(x_t, (None, d), "x_t", "(batch, d)")
    h_prev = array_of_shape(h_prev, (x_t.shape[0], n), "h_prev", "(batch, n)")
    return x_t, h_prev, W_xh, W_hh, b_h


def _step_backward_inputs(dh_t, h_t, h_prev, x_t, W_xh, W_hh):
    """The arguments of :func:`rnn_cell_backward`, checked."""
    W_xh, W_hh = _weights(W_xh, W_hh)
    d, n = W_xh.shape
    dh_t = array_of_shape(dh_t, (None, n), "dh_t", "(batch, n)")
    batch = dh_t.shape[0]
    h_t = array_of_shape(h_t, (batch, n), "h_t", "(batch, n)")
    h_prev = array_of_shape(h_prev, (batch, n), "h_prev", "(batch, n)")
    x_t = array_of_shape(x_t, (batch, d), "x_t", "(batch, d)")
    return dh_t, h_t, h_prev, x_t, W_xh, W_hh


def _classifier_params(params):
    """``params`` must be a dict holding every weight of :func:`rnn_classifier_loss`."""
    if not isinstance(params, dict):
        raise TypeError(
            f"params must be a dict with {', '.join(_PARAM_KEYS)}, got {describe(params)}"
        )
    missing = [k for k in _PARAM_KEYS if k not in params]
    if missing:
        raise ValueError(f"params lacks {', '.join(missing)}; got keys {sorted(params)}")


# --- the equations -------------------------------------------------------------------------------


def rnn_cell_forward_unchecked(x_t, h_prev, W_xh, W_hh, b_h):
    """:func:`rnn_cell_forward` without the argument checks, for loops that check once."""
    return np.tanh(x_t @ W_xh + h_prev @ W_hh + b_h)  # (B, n)


def rnn_cell_forward(x_t, h_prev, W_xh, W_hh, b_h):
    """One RNN step for a batch: ``h_t = tanh(x_t @ W_xh + h_prev @ W_hh + b_h)``.

    Defined in notebook 01.

    Args:
        x_t: input at this step, ``(batch, d)``.
        h_prev: hidden state from the previous step, ``(batch, n)``.
        W_xh, W_hh, b_h: ``(d, n)``, ``(n, n)``, ``(n,)``, see the module docstring.

    Returns:
        ``h_t``, the new hidden state, ``(batch, n)``.
    """
    return rnn_cell_forward_unchecked(*_step_inputs(x_t, h_prev, W_xh, W_hh, b_h))


def rnn_forward(x, W_xh, W_hh, b_h, h0=None):
    """Run the RNN over whole sequences: :func:`rnn_cell_forward`'s step, once per time step.

    Defined in notebook 01.

    Args:
        x: inputs, ``(batch, time, d)``; ``time`` may be 0.
        W_xh, W_hh, b_h: ``(d, n)``, ``(n, n)``, ``(n,)``, see the module docstring.
        h0: initial hidden state ``(batch, n)``; zeros if ``None`` (as in Keras).

    Returns:
        ``(h, cache)``: the hidden states ``(batch, time, n)`` and what
        :func:`rnn_backward` needs. ``h`` is a copy: changing it does not change the cache.

    Raises:
        ValueError: if a shape does not fit, naming the expected and the received shape.
        TypeError: if an argument is not numeric.
    """
    weights = _weights_and_bias(W_xh, W_hh, b_h)
    n = weights[1].shape[0]
    x, (W_xh, W_hh, b_h), (h0,) = recurrent_inputs(x, weights, n, h0=h0)  # new arrays, one dtype

    batch, steps, _ = x.shape
    h = np.empty((batch, steps, n), x.dtype)  # (B, T, n)
    h_t = h0
    for t in range(steps):
        h_t = rnn_cell_forward_unchecked(x[:, t], h_t, W_xh, W_hh, b_h)
        h[:, t] = h_t
    cache = {"x": x, "h0": h0, "h": h, "W_xh": W_xh, "W_hh": W_hh}
    return h.copy(), cache


def rnn_cell_backward_unchecked(dh_t, h_t, h_prev, x_t, W_xh, W_hh):
    """:func:`rnn_cell_backward` without the argument checks, for loops that check once."""
    dpre = dh_t * (1.0 - h_t**2)  # (B, n): through the tanh, tanh'(pre) = 1 - h_t²
    dx_t = dpre @ W_xh.T  # (B, d)
    dh_prev = dpre @ W_hh.T  # (B, n)
    dW_xh = x_t.T @ dpre  # (d, n): the product sums over the batch
    dW_hh = h_prev.T @ dpre  # (n, n)
    db_h = dpre.sum(axis=0)  # (n,)
    return dx_t, dh_prev, dW_xh, dW_hh, db_h


def rnn_cell_backward(dh_t, h_t, h_prev, x_t, W_xh, W_hh):
    """Backward pass of one RNN step (see :func:`rnn_cell_forward`).

    Defined in notebook 02. With ``pre = x_t @ W_xh + h_prev @ W_hh + b_h`` and
    ``h_t = tanh(pre)``, every product comes back with its partner transposed::

        dpre    = dh_t * (1 - h_t**2)         tanh'(pre) = 1 - tanh(pre)^2
        dx_t    = dpre @ W_xh.T               dh_prev = dpre @ W_hh.T
        dW_xh   = x_t.T @ dpre                dW_hh   = h_prev.T @ dpre
        db_h    = dpre summed over the batch

    Args:
        dh_t: gradient of the loss with respect to ``h_t``, ``(batch, n)``: what arrives
            from the output at this step plus what flows back from step t+1.
        h_t: this step's hidden state (the tanh output), ``(batch, n)``.
        h_prev: ``(batch, n)``; x_t: ``(batch, d)``; W_xh ``(d, n)``, W_hh ``(n, n)``.

    Returns:
        ``(dx_t, dh_prev, dW_xh, dW_hh, db_h)``, each shaped like what it is the gradient
        of; the weight gradients are this step's contribution (BPTT sums them over the steps).
    """
    return rnn_cell_backward_unchecked(*_step_backward_inputs(dh_t, h_t, h_prev, x_t, W_xh, W_hh))


def rnn_backward(dh, cache):
    """Backpropagation through time for :func:`rnn_forward`.

    Defined in notebook 02.

    Args:
        dh: the gradient of the loss with respect to every hidden state, as it arrives from
            the layers above (not yet through the recurrence), ``(batch, time, n)``.
        cache: the second value returned by :func:`rnn_forward`.

    Returns:
        dict of gradients ``dx`` (batch, time, d), ``dh0`` (batch, n), ``dW_xh``,
        ``dW_hh`` and ``db_h`` (shaped like the parameters), and ``dh`` (batch, time, n):
        the total gradient reaching each hidden state, which shows how far back it travels.
        They are computed in ``np.result_type`` of ``dh`` and the forward pass's dtype.
    """
    check_cache(cache, _CACHE_KEYS, producer="rnn_forward")
    dh = array_of_shape(dh, cache["h"].shape, "dh", "(batch, time, n), like the hidden states")
    dtype = common_float_dtype(dh, cache["h"])
    x, h0, h, W_xh, W_hh = (cache[k].astype(dtype, copy=False) for k in _CACHE_KEYS)
    dh = dh.astype(dtype, copy=False)

    dx = np.empty_like(x)  # (B, T, d)
    dh_total = np.empty_like(h)  # (B, T, n)
    dW_xh, dW_hh, db_h = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros(W_hh.shape[0], dtype)
    dh_next = np.zeros_like(h0)  # (B, n): what flows back into h_t from step t+1
    for t in reversed(range(x.shape[1])):
        h_prev = h0 if t == 0 else h[:, t - 1]
        dh_total[:, t] = dh[:, t] + dh_next  # from the layers above, and from step t+1
        dx[:, t], dh_next, dW_xh_t, dW_hh_t, db_h_t = rnn_cell_backward_unchecked(
            dh_total[:, t], h[:, t], h_prev, x[:, t], W_xh, W_hh
        )
        dW_xh += dW_xh_t  # the same weights act at every step: their gradients add up
        dW_hh += dW_hh_t
        db_h += db_h_t
    return {"dx": dx, "dh0": dh_next, "dW_xh": dW_xh, "dW_hh": dW_hh, "db_h": db_h, "dh": dh_total}


def rnn_classifier_loss(x, y, params, h0=None):
    """Loss and gradients of a many-to-many RNN classifier, for gradient checks and training.

    Defined in notebook 02. The model is :func:`rnn_forward`, then
    ``ŷ_t = softmax(h_t @ W_hy + b_y)`` at every step, and the loss is
    :func:`~lstm_course.maths.sequence_cross_entropy`.

    Args:
        x: ``(batch, time, d)``; y: ``(batch, time)`` integer labels in ``[0, V)``.
        params: dict with ``W_xh``, ``W_hh``, ``b_h``, ``W_hy`` (n, V) and ``b_y`` (V,).
        h0: initial hidden state ``(batch, n)``; zeros if ``None``.

    Returns:
        ``(loss, grads)`` with ``grads`` holding ``dW_xh``, ``dW_hh``, ``db_h``, ``dW_hy``,
        ``db_y``, ``dx``, ``dh0`` and ``dh``.
    """
    _classifier_params(params)
    x = as_float_array(x, "x")
    h, cache = rnn_forward(x, params["W_xh"], params["W_hh"], params["b_h"], h0)  # (B, T, n)
    W_hy = array_of_shape(params["W_hy"], (h.shape[-1], None), "W_hy", "(n, V)")
    b_y = array_of_shape(params["b_y"], (W_hy.shape[1],), "b_y", "(V,)")
    y = maths.as_labels(y, W_hy.shape[1], h.shape[:2])

    logits = h @ W_hy + b_y  # (B, T, V)
    y_hat = maths.softmax_unchecked(logits)
    loss = maths.sequence_cross_entropy(y_hat, y)
    # d(-log softmax)/d(logits) = ŷ - onehot(y), divided by B: the loss is a mean over the batch
    dlogits = (y_hat - np.eye(W_hy.shape[1], dtype=y_hat.dtype)[y]) / x.shape[0]  # (B, T, V)
    grads = rnn_backward(dlogits @ W_hy.T, cache)  # dh arriving from the output layer
    grads["dW_hy"] = np.einsum("btn,btv->nv", h, dlogits)  # Σ over b, t of h_tᵀ dlogits_t
    grads["db_y"] = dlogits.sum(axis=(0, 1))
    return loss, grads


def from_keras_simple_rnn(layer):
    """Return ``(W_xh, W_hh, b_h)`` from a built ``keras.layers.SimpleRNN``, as they are.

    Defined in notebook 01. Keras stores ``kernel`` (d, n), ``recurrent_kernel`` (n, n) and
    ``bias`` (n,): exactly the course's ``W_xh``, ``W_hh`` and ``b_h``, so nothing is
    transposed. Refuses a layer whose settings the NumPy RNN does not implement (an
    activation other than tanh, no bias, ``go_backwards``) or another layer type.
    """
    check_keras_recurrent_layer(layer, "SimpleRNN", activation="tanh")
    kernel, recurrent_kernel, bias = (np.asarray(w) for w in layer.get_weights())
    return kernel, recurrent_kernel, bias


def hidden_jacobian_norms(h, W_hh):
    """Spectral norms of ∂h_T/∂h_t for t = T-1, T-2, ..., 0, for one sequence.

    Defined in notebook 02. In row form one step back is
    ``dh_{t-1} = (dh_t ⊙ (1 - h_t²)) W_hhᵀ = dh_t D_t W_hhᵀ`` with ``D_t = diag(1 - h_t²)``,
    so the gradient from the last state reaches ``h_t`` through the product
    ``D_T W_hhᵀ D_{T-1} W_hhᵀ ... D_{t+1} W_hhᵀ`` (the Jacobian ∂h_T/∂h_t). Entry ``k`` of
    the result is its largest singular value at lag ``k + 1``; a matrix and its transpose
    have the same singular values, so the norms do not depend on the layout.

    Args:
        h: hidden states of one sequence, ``(time, n)`` with ``time >= 1`` (a row of
            :func:`rnn_forward`'s output).
        W_hh: ``(n, n)``.
    """
    h = array_of_shape(h, (None, None), "h", "(time, n): one sequence")
    if h.shape[0] == 0:
        raise ValueError(f"h must hold at least one step, got shape {h.shape}")
    n = h.shape[1]
    W_hh = array_of_shape(W_hh, (n, n), "W_hh", "(n, n)")

    jac = np.eye(n)  # (n, n): ∂h_T/∂h_T
    norms = []
    for t in range(h.shape[0] - 1, 0, -1):
        jac = jac @ ((1.0 - h[t] ** 2)[:, None] * W_hh.T)  # ∂h_T/∂h_{t-1} = ∂h_T/∂h_t D_t W_hhᵀ
        norms.append(np.linalg.norm(jac, 2))
    return np.array(norms)
