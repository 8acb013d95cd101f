"""A plain (Elman) RNN in NumPy: forward pass, backpropagation through time, and a softmax head.

Defined in notebook 01 (the forward pass, :func:`from_keras_simple_rnn`) and notebook 02
(backpropagation through time, :func:`hidden_jacobian_norms`).

Notation follows the course (and Andrew Ng's): for one example, as column vectors,

    a<t> = tanh(Waa a<t-1> + Wax x<t> + ba)          Waa (n_a, n_a), Wax (n_a, n_x), ba (n_a,)
    y<t> = softmax(Wya a<t> + by)                    Wya (n_y, n_a), by (n_y,)

Arrays are batch-first, ``(batch, time, features)`` as in Keras, so in code the products
are ``x_t @ Wax.T`` and ``a_prev @ Waa.T``. Keras's ``SimpleRNN`` stores the transposes:
``kernel = Wax.T`` and ``recurrent_kernel = Waa.T`` (see :func:`from_keras_simple_rnn`).

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
)

import numpy as np

__all__ = [
    "from_keras_simple_rnn",
    "hidden_jacobian_norms",
    "rnn_backward",
    "rnn_cell_backward",
    "rnn_cell_forward",
    "rnn_classifier_loss",
    "rnn_forward",
]


def _params(Wax, Waa, ba):
    Wax = array_of_shape(Wax, (None, None), "Wax", "(n_a, n_x)")
    n_a = Wax.shape[0]
    Waa = array_of_shape(Waa, (n_a, n_a), "Waa", "(n_a, n_a)")
    ba = array_of_shape(ba, (n_a,), "ba", "(n_a,)")
    return Wax, Waa, ba


def rnn_cell_forward(x_t, a_prev, Wax, Waa, ba):
    """One RNN step for a batch: ``tanh(a_prev @ Waa.T + x_t @ Wax.T + ba)``.

    Defined in notebook 01.

    Args:
        x_t: input at this step, ``(batch, n_x)``.
        a_prev: hidden state from the previous step, ``(batch, n_a)``.
        Wax, Waa, ba: parameters, see the module docstring.

    Returns:
        ``a_t``, the new hidden state, ``(batch, n_a)``.
    """
    Wax, Waa, ba = _params(Wax, Waa, ba)
    n_a, n_x = Wax.shape
    x_t = array_of_shape(x_t, (None, n_x), "x_t", "(batch, n_x)")
    a_prev = array_of_shape(a_prev, (x_t.shape[0], n_a), "a_prev", "(batch, n_a)")
    return np.tanh(a_prev @ Waa.T + x_t @ Wax.T + ba)


def rnn_forward(x, Wax, Waa, ba, a0=None):
    """Run the RNN over whole sequences, vectorised over the batch.

    Defined in notebook 01.

    Args:
        x: inputs, ``(batch, time, n_x)``; ``time`` may be 0.
        Wax, Waa, ba: parameters, see the module docstring.
        a0: initial hidden state ``(batch, n_a)``; zeros if ``None`` (as in Keras).

    Returns:
        ``(a, cache)``: the hidden states ``(batch, time, n_a)`` and what
        :func:`rnn_backward` needs. ``a`` is a copy: changing it does not change the cache.

    Raises:
        ValueError: if a shape does not fit, naming the expected and the received shape.
        TypeError: if an argument is not numeric.
    """
    Wax, Waa, ba = _params(Wax, Waa, ba)
    n_a, n_x = Wax.shape
    x = array_of_shape(x, (None, None, n_x), "x", "(batch, time, n_x)")
    batch, steps, _ = x.shape
    if a0 is None:
        a0 = np.zeros((batch, n_a), dtype=common_float_dtype(x, Wax, Waa, ba))
    a0 = array_of_shape(a0, (batch, n_a), "a0", "(batch, n_a)")
    dtype = common_float_dtype(x, Wax, Waa, ba, a0)
    x, Wax, Waa, ba, a0 = (v.astype(dtype, copy=False) for v in (x, Wax, Waa, ba, a0))
    xw = x @ Wax.T + ba  # the input term for every step in one matmul
    a = np.empty((batch, steps, n_a), dtype=dtype)
    a_prev = a0
    for t in range(steps):
        a_prev = np.tanh(xw[:, t] + a_prev @ Waa.T)
        a[:, t] = a_prev
    cache = {"x": x.copy(), "a0": a0.copy(), "a": a, "Wax": Wax.copy(), "Waa": Waa.copy()}
    return a.copy(), cache


def rnn_cell_backward(da_t, a_t, a_prev, x_t, Wax, Waa):
    """Backward pass of one RNN step (see :func:`rnn_cell_forward`).

    Defined in notebook 02. With ``z = a_prev @ Waa.T + x_t @ Wax.T + ba`` and
    ``a_t = tanh(z)``::

        dz      = da_t * (1 - a_t**2)         tanh'(z) = 1 - tanh(z)^2
        dx_t    = dz @ Wax                    da_prev = dz @ Waa
        dWax    = dz.T @ x_t                  dWaa    = dz.T @ a_prev
        dba     = dz summed over the batch

    Args:
        da_t: gradient of the loss with respect to ``a_t``, ``(batch, n_a)``: what arrives
            from the output at this step plus what flows back from step t+1.
        a_t: this step's hidden state (the tanh output), ``(batch, n_a)``.
        a_prev: ``(batch, n_a)``; x_t: ``(batch, n_x)``; Wax ``(n_a, n_x)``, Waa ``(n_a, n_a)``.

    Returns:
        ``(dx_t, da_prev, dWax, dWaa, dba)``; the weight gradients are this step's
        contribution (BPTT sums them over the steps).
    """
    Wax = array_of_shape(Wax, (None, None), "Wax", "(n_a, n_x)")
    n_a, n_x = Wax.shape
    Waa = array_of_shape(Waa, (n_a, n_a), "Waa", "(n_a, n_a), n_a from Wax")
    da_t = array_of_shape(da_t, (None, n_a), "da_t", "(batch, n_a)")
    batch = da_t.shape[0]
    a_t = array_of_shape(a_t, (batch, n_a), "a_t", "(batch, n_a)")
    a_prev = array_of_shape(a_prev, (batch, n_a), "a_prev", "(batch, n_a)")
    x_t = array_of_shape(x_t, (batch, n_x), "x_t", "(batch, n_x)")
    dz = da_t * (1.0 - a_t**2)  # tanh'(z) = 1 - tanh(z)^2 = 1 - a_t^2
    return dz @ Wax, dz @ Waa, dz.T @ x_t, dz.T @ a_prev, dz.sum(axis=0)


def rnn_backward(da, cache):
    """Backpropagation through time for :func:`rnn_forward`.

    Defined in notebook 02.

    Args:
        da: the gradient of the loss with respect to every hidden state, as it arrives from
            the layers above (not yet through the recurrence), ``(batch, time, n_a)``.
        cache: the second value returned by :func:`rnn_forward`.

    Returns:
        dict of gradients ``dx`` (batch, time, n_x), ``da0`` (batch, n_a), ``dWax``,
        ``dWaa`` and ``dba`` (shaped like the parameters), and ``da`` (batch, time, n_a):
        the total gradient reaching each hidden state, which shows how far back it travels.
        They are computed in ``np.result_type`` of ``da`` and the forward pass's dtype.
    """
    check_cache(cache, ("x", "a0", "a", "Wax", "Waa"), producer="rnn_forward")
    x, a0, a, Wax, Waa = (cache[k] for k in ("x", "a0", "a", "Wax", "Waa"))
    da = array_of_shape(da, a.shape, "da", "(batch, time, n_a), like the hidden states")
    dtype = common_float_dtype(da, a)
    x, a0, a, Wax, Waa, da = (v.astype(dtype, copy=False) for v in (x, a0, a, Wax, Waa, da))
    steps = x.shape[1]
    dz = np.empty_like(a)
    da_total = np.empty_like(a)
    da_next = np.zeros_like(a0)  # gradient flowing back from step t+1 into a<t>
    for t in reversed(range(steps)):
        da_total[:, t] = da[:, t] + da_next
        dz[:, t] = da_total[:, t] * (1.0 - a[:, t] ** 2)  # through the tanh
        da_next = dz[:, t] @ Waa
    a_prev = np.concatenate([a0[:, None], a[:, :-1]], axis=1)
    return {
        "dx": dz @ Wax,
        "da0": da_next,
        "dWax": np.einsum("bti,btj->ij", dz, x),
        "dWaa": np.einsum("bti,btj->ij", dz, a_prev),
        "dba": dz.sum(axis=(0, 1)),
        "da": da_total,
    }


def rnn_classifier_loss(x, y, params, a0=None):
    """Loss and gradients of a many-to-many RNN classifier, for gradient checks and training.

    Defined in notebook 02. The model is :func:`rnn_forward`, then
    ``softmax(a<t> @ Wya.T + by)`` at every step, and the loss is
    :func:`~lstm_course.maths.sequence_cross_entropy`.

    Args:
        x: ``(batch, time, n_x)``; y: ``(batch, time)`` integer labels in ``[0, n_y)``.
        params: dict with ``Wax``, ``Waa``, ``ba``, ``Wya`` and ``by``.

    Returns:
        ``(loss, grads)`` with ``grads`` holding ``dWax``, ``dWaa``, ``dba``, ``dWya``,
        ``dby``, ``dx`` and ``da0``.
    """
    if not isinstance(params, dict):
        raise TypeError(
            f"params must be a dict with Wax, Waa, ba, Wya and by, got {describe(params)}"
        )
    missing = [k for k in ("Wax", "Waa", "ba", "Wya", "by") if k not in params]
    if missing:
        raise ValueError(f"params lacks {', '.join(missing)}; got keys {sorted(params)}")
    x = as_float_array(x, "x")
    a, cache = rnn_forward(x, params["Wax"], params["Waa"], params["ba"], a0)
    Wya = array_of_shape(params["Wya"], (None, a.shape[-1]), "Wya", "(n_y, n_a)")
    by = array_of_shape(params["by"], (Wya.shape[0],), "by", "(n_y,)")
    y = maths.as_labels(y, Wya.shape[0], a.shape[:2])
    y_hat = maths.softmax(a @ Wya.T + by)
    loss = maths.sequence_cross_entropy(y_hat, y)
    # d(-log softmax)/d(logits) = y_hat - onehot(y)
    dlogits = y_hat - np.eye(Wya.shape[0], dtype=y_hat.dtype)[y]
    dlogits /= x.shape[0]  # the loss is a mean over the batch
    grads = rnn_backward(dlogits @ Wya, cache)
    grads["dWya"] = np.einsum("bti,btj->ij", dlogits, a)
    grads["dby"] = dlogits.sum(axis=(0, 1))
    return loss, grads


def from_keras_simple_rnn(layer):
    """Return ``(Wax, Waa, ba)`` from a built ``keras.layers.SimpleRNN`` (transposing).

    Defined in notebook 01. Refuses a layer whose settings the NumPy RNN does not implement
    (an activation other than tanh, no bias, ``go_backwards``) or another layer type.
    """
    check_keras_recurrent_layer(layer, "SimpleRNN", activation="tanh")
    kernel, recurrent_kernel, bias = (np.asarray(w) for w in layer.get_weights())
    return kernel.T, recurrent_kernel.T, bias


def hidden_jacobian_norms(a, Waa):
    """Spectral norms of d a<T>/d a<t> for t = T-1, T-2, ..., 0, for one sequence.

    Defined in notebook 02. With column vectors, d a<t+1>/d a<t> = diag(1 - a<t+1>^2) Waa,
    so the Jacobian from a<t> to the last state is the product of these factors. Entry
    ``k`` of the result is its largest singular value at lag ``k + 1``.

    Args:
        a: hidden states of one sequence, ``(time, n_a)`` with ``time >= 1`` (a row of
            :func:`rnn_forward`'s output).
        Waa: ``(n_a, n_a)``.
    """
    a = array_of_shape(a, (None, None), "a", "(time, n_a): one sequence")
    if a.shape[0] == 0:
        raise ValueError(f"a must hold at least one step, got shape {a.shape}")
    Waa = array_of_shape(Waa, (a.shape[1], a.shape[1]), "Waa", "(n_a, n_a)")
    jac = np.eye(a.shape[1])
    norms = []
    for t in range(a.shape[0] - 1, 0, -1):
        jac = jac @ ((1.0 - a[t] ** 2)[:, None] * Waa)  # chain rule: J_T..t+1 @ J_t+1,t
        norms.append(np.linalg.norm(jac, 2))
    return np.array(norms)
