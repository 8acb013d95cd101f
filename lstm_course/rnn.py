"""A plain (Elman) RNN in NumPy: forward pass, backpropagation through time, and a softmax head.

Notation follows the course (and Andrew Ng's): for one example, as column vectors,

    a<t> = tanh(Waa a<t-1> + Wax x<t> + ba)          Waa (n_a, n_a), Wax (n_a, n_x), ba (n_a,)
    y<t> = softmax(Wya a<t> + by)                    Wya (n_y, n_a), by (n_y,)

Arrays are batch-first, ``(batch, time, features)`` as in Keras, so in code the products
are ``x_t @ Wax.T`` and ``a_prev @ Waa.T``. Keras's ``SimpleRNN`` stores the transposes:
``kernel = Wax.T`` and ``recurrent_kernel = Waa.T`` (see :func:`from_keras_simple_rnn`).
"""

from lstm_course.validation import as_float_array, check_shape

import numpy as np


def _params(Wax, Waa, ba):
    Wax, Waa, ba = (as_float_array(v, n) for v, n in ((Wax, "Wax"), (Waa, "Waa"), (ba, "ba")))
    check_shape(Wax, (None, None), "Wax", "(n_a, n_x)")
    n_a = Wax.shape[0]
    check_shape(Waa, (n_a, n_a), "Waa", "(n_a, n_a)")
    check_shape(ba, (n_a,), "ba", "(n_a,)")
    return Wax, Waa, ba


def rnn_cell_forward(x_t, a_prev, Wax, Waa, ba):
    """One RNN step for a batch: ``tanh(a_prev @ Waa.T + x_t @ Wax.T + ba)``.

    Args:
        x_t: input at this step, ``(batch, n_x)``.
        a_prev: hidden state from the previous step, ``(batch, n_a)``.
        Wax, Waa, ba: parameters, see the module docstring.

    Returns:
        ``a_t``, the new hidden state, ``(batch, n_a)``.
    """
    Wax, Waa, ba = _params(Wax, Waa, ba)
    n_a, n_x = Wax.shape
    x_t, a_prev = as_float_array(x_t, "x_t"), as_float_array(a_prev, "a_prev")
    check_shape(x_t, (None, n_x), "x_t", "(batch, n_x)")
    check_shape(a_prev, (x_t.shape[0], n_a), "a_prev", "(batch, n_a)")
    return np.tanh(a_prev @ Waa.T + x_t @ Wax.T + ba)


def rnn_forward(x, Wax, Waa, ba, a0=None):
    """Run the RNN over whole sequences, vectorised over the batch.

    Args:
        x: inputs, ``(batch, time, n_x)``.
        Wax, Waa, ba: parameters, see the module docstring.
        a0: initial hidden state ``(batch, n_a)``; zeros if ``None`` (as in Keras).

    Returns:
        ``(a, cache)``: the hidden states ``(batch, time, n_a)`` and what
        :func:`rnn_backward` needs.

    Raises:
        ValueError: if a shape does not fit, naming the expected and the received shape.
        TypeError: if an argument is not numeric.
    """
    Wax, Waa, ba = _params(Wax, Waa, ba)
    n_a, n_x = Wax.shape
    x = as_float_array(x, "x")
    check_shape(x, (None, None, n_x), "x", "(batch, time, n_x)")
    batch, steps, _ = x.shape
    if a0 is None:
        a0 = np.zeros((batch, n_a), dtype=x.dtype)
    a0 = as_float_array(a0, "a0")
    check_shape(a0, (batch, n_a), "a0", "(batch, n_a)")
    xw = x @ Wax.T + ba  # the input term for every step in one matmul
    a = np.empty((batch, steps, n_a), dtype=np.result_type(x, Wax))
    a_prev = a0
    for t in range(steps):
        a_prev = np.tanh(xw[:, t] + a_prev @ Waa.T)
        a[:, t] = a_prev
    return a, {"x": x, "a0": a0, "a": a, "Wax": Wax, "Waa": Waa}


def rnn_cell_backward(da_t, a_t, a_prev, x_t, Wax, Waa):
    """Backward pass of one RNN step (see :func:`rnn_cell_forward`).

    Args:
        da_t: gradient of the loss with respect to ``a_t``, ``(batch, n_a)``: what arrives
            from the output at this step plus what flows back from step t+1.
        a_t: this step's hidden state (the tanh output), ``(batch, n_a)``.
        a_prev, x_t: this step's inputs; Wax, Waa: the weights.

    Returns:
        ``(dx_t, da_prev, dWax, dWaa, dba)``; the weight gradients are this step's
        contribution (BPTT sums them over the steps).
    """
    dz = da_t * (1.0 - a_t**2)  # tanh'(z) = 1 - tanh(z)^2 = 1 - a_t^2
    return dz @ Wax, dz @ Waa, dz.T @ x_t, dz.T @ a_prev, dz.sum(axis=0)


def rnn_backward(da, cache):
    """Backpropagation through time for :func:`rnn_forward`.

    Args:
        da: the gradient of the loss with respect to every hidden state, as it arrives from
            the layers above (not yet through the recurrence), ``(batch, time, n_a)``.
        cache: the second value returned by :func:`rnn_forward`.

    Returns:
        dict of gradients ``dx`` (batch, time, n_x), ``da0`` (batch, n_a), ``dWax``,
        ``dWaa`` and ``dba`` (shaped like the parameters), and ``da`` (batch, time, n_a):
        the total gradient reaching each hidden state, which shows how far back it travels.
    """
    x, a0, a, Wax, Waa = (cache[k] for k in ("x", "a0", "a", "Wax", "Waa"))
    da = as_float_array(da, "da")
    check_shape(da, a.shape, "da", "(batch, time, n_a), like the hidden states")
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


def softmax(z, axis=-1):
    """Numerically stable softmax along ``axis``."""
    z = as_float_array(z, "z")
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def sequence_cross_entropy(y_hat, y):
    """Loss of whole sequences: the sum over time of the per-step cross-entropies.

    ``L = sum_t -log y_hat<t>[y<t>]``, averaged over the batch.

    Args:
        y_hat: predicted probabilities, ``(batch, time, n_y)``.
        y: integer class labels, ``(batch, time)``.
    """
    y_hat = as_float_array(y_hat, "y_hat")
    check_shape(y_hat, (None, None, None), "y_hat", "(batch, time, n_y)")
    y = np.asarray(y)
    if not np.issubdtype(y.dtype, np.integer):
        raise TypeError(f"y must hold integer class labels, got dtype {y.dtype}")
    check_shape(y, y_hat.shape[:2], "y", "(batch, time) of class labels")
    picked = np.take_along_axis(y_hat, y[..., None], axis=-1)[..., 0]
    return float(-np.log(picked).sum(axis=1).mean())


def rnn_classifier_loss(x, y, params, a0=None):
    """Loss and gradients of a many-to-many RNN classifier, for gradient checks and training.

    The model is :func:`rnn_forward`, then ``softmax(a<t> @ Wya.T + by)`` at every step, and
    the loss is :func:`sequence_cross_entropy`.

    Args:
        x: ``(batch, time, n_x)``; y: ``(batch, time)`` integer labels.
        params: dict with ``Wax``, ``Waa``, ``ba``, ``Wya`` and ``by``.

    Returns:
        ``(loss, grads)`` with ``grads`` holding ``dWax``, ``dWaa``, ``dba``, ``dWya``,
        ``dby`` and ``dx``.
    """
    Wya, by = as_float_array(params["Wya"], "Wya"), as_float_array(params["by"], "by")
    a, cache = rnn_forward(x, params["Wax"], params["Waa"], params["ba"], a0)
    check_shape(Wya, (None, a.shape[-1]), "Wya", "(n_y, n_a)")
    check_shape(by, (Wya.shape[0],), "by", "(n_y,)")
    y_hat = softmax(a @ Wya.T + by)
    loss = sequence_cross_entropy(y_hat, y)
    # d(-log softmax)/d(logits) = y_hat - onehot(y)
    dlogits = y_hat - np.eye(Wya.shape[0], dtype=y_hat.dtype)[np.asarray(y)]
    dlogits /= x.shape[0]  # the loss is a mean over the batch
    grads = rnn_backward(dlogits @ Wya, cache)
    grads["dWya"] = np.einsum("bti,btj->ij", dlogits, a)
    grads["dby"] = dlogits.sum(axis=(0, 1))
    return loss, grads


def from_keras_simple_rnn(layer):
    """Return ``(Wax, Waa, ba)`` from a built ``keras.layers.SimpleRNN`` (transposing)."""
    kernel, recurrent_kernel, bias = (np.asarray(w) for w in layer.get_weights())
    return kernel.T, recurrent_kernel.T, bias


def hidden_jacobian_norms(a, Waa):
    """Spectral norms of d a<T>/d a<t> for t = T-1, T-2, ..., 0, for one sequence.

    With column vectors, d a<t+1>/d a<t> = diag(1 - a<t+1>^2) Waa, so the Jacobian from a<t>
    to the last state is the product of these factors. Entry ``k`` of the result is its
    largest singular value at lag ``k + 1``.

    Args:
        a: hidden states of one sequence, ``(time, n_a)`` (a row of :func:`rnn_forward`'s output).
        Waa: ``(n_a, n_a)``.
    """
    a, Waa = as_float_array(a, "a"), as_float_array(Waa, "Waa")
    check_shape(a, (None, None), "a", "(time, n_a): one sequence")
    check_shape(Waa, (a.shape[1], a.shape[1]), "Waa", "(n_a, n_a)")
    jac = np.eye(a.shape[1])
    norms = []
    for t in range(a.shape[0] - 1, 0, -1):
        jac = jac @ ((1.0 - a[t] ** 2)[:, None] * Waa)  # chain rule: J_T..t+1 @ J_t+1,t
        norms.append(np.linalg.norm(jac, 2))
    return np.array(norms)
