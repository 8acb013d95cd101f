"""An LSTM in NumPy: forward, backpropagation through time, and the notations that describe it.

For one step, with column vectors (the tutorials' notation, seed 000's U/W names),

    i = σ(U_i x + W_i h_prev + b_i)          input gate
    f = σ(U_f x + W_f h_prev + b_f)          forget gate
    g = tanh(U_c x + W_c h_prev + b_c)       candidate cell values (c̃)
    o = σ(U_o x + W_o h_prev + b_o)          output gate
    c = f ⊙ c_prev + i ⊙ g
    h = o ⊙ tanh(c)

Three layouts of the same parameters (see :func:`keras_to_gates`, :func:`gates_to_concat`):

- **separate**: per gate, ``U`` (units, d) for the input and ``W`` (units, units) for the
  hidden state, and ``b`` (units,);
- **concatenated**: per gate, one matrix acting on ``[h_prev, x]``, shape (units, units + d);
- **Keras fused**: ``kernel`` (d, 4·units), ``recurrent_kernel`` (units, 4·units) and
  ``bias`` (4·units,), with the gates side by side in the order **i, f, c, o**.

The code uses the fused layout, batch-first: one matrix product per step computes all four
gates for the whole batch, ``z = x_t @ kernel + h_prev @ recurrent_kernel + bias``.
"""

from lstm_course.validation import as_float_array, check_shape

import numpy as np

GATES = ("i", "f", "c", "o")  # Keras's order inside the fused matrices


def sigmoid(z):
    """The logistic function, written with tanh so it never overflows."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def param_count(units: int, input_dim: int) -> int:
    """Number of parameters of an LSTM layer: ``4 * (units * (input_dim + units) + units)``."""
    for name, v in (("units", units), ("input_dim", input_dim)):
        if isinstance(v, bool) or not isinstance(v, int | np.integer) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    return 4 * (units * (input_dim + units) + units)


def _fused(kernel, recurrent_kernel, bias):
    kernel = as_float_array(kernel, "kernel")
    recurrent_kernel = as_float_array(recurrent_kernel, "recurrent_kernel")
    bias = as_float_array(bias, "bias")
    check_shape(recurrent_kernel, (None, None), "recurrent_kernel", "(units, 4*units)")
    units = recurrent_kernel.shape[0]
    check_shape(recurrent_kernel, (units, 4 * units), "recurrent_kernel", "(units, 4*units)")
    check_shape(kernel, (None, 4 * units), "kernel", "(input_dim, 4*units)")
    check_shape(bias, (4 * units,), "bias", "(4*units,)")
    return kernel, recurrent_kernel, bias, units


def _gates(z, units):
    """Activations of the four gates from the fused pre-activation ``z`` (..., 4*units)."""
    i = sigmoid(z[..., :units])
    f = sigmoid(z[..., units : 2 * units])
    g = np.tanh(z[..., 2 * units : 3 * units])
    o = sigmoid(z[..., 3 * units :])
    return i, f, g, o


def lstm_cell_forward(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    """One LSTM step for a batch.

    Args:
        x_t: ``(batch, input_dim)``; h_prev, c_prev: ``(batch, units)``.
        kernel, recurrent_kernel, bias: Keras's fused layout (see the module docstring).

    Returns:
        ``(h_t, c_t, gates)`` where ``gates`` maps ``"i"``, ``"f"``, ``"c"`` (the candidate
        c̃) and ``"o"`` to their activations, each ``(batch, units)``.
    """
    kernel, recurrent_kernel, bias, units = _fused(kernel, recurrent_kernel, bias)
    x_t, h_prev, c_prev = (
        as_float_array(v, n) for v, n in ((x_t, "x_t"), (h_prev, "h_prev"), (c_prev, "c_prev"))
    )
    check_shape(x_t, (None, kernel.shape[0]), "x_t", "(batch, input_dim)")
    check_shape(h_prev, (x_t.shape[0], units), "h_prev", "(batch, units)")
    check_shape(c_prev, (x_t.shape[0], units), "c_prev", "(batch, units)")
    i, f, g, o = _gates(x_t @ kernel + h_prev @ recurrent_kernel + bias, units)
    c_t = f * c_prev + i * g
    h_t = o * np.tanh(c_t)
    return h_t, c_t, {"i": i, "f": f, "c": g, "o": o}


def lstm_forward(x, kernel, recurrent_kernel, bias, h0=None, c0=None):
    """Run an LSTM over whole sequences, vectorised over the batch.

    The input projection ``x @ kernel`` is one matrix product for all steps; each step then
    needs one more, ``h_prev @ recurrent_kernel``, for all four gates at once. Internally the
    arrays are time-major, so that every step works on contiguous memory.

    Args:
        x: ``(batch, time, input_dim)``.
        kernel, recurrent_kernel, bias: Keras's fused layout (i, f, c, o).
        h0, c0: initial states ``(batch, units)``; zeros if ``None`` (as in Keras).

    Returns:
        ``(h, c, cache)``: hidden states and cell states ``(batch, time, units)``, and the
        cache :func:`lstm_backward` needs. ``cache["gates"]`` holds the four gate
        activations, each ``(batch, time, units)``, for plotting.

    Raises:
        ValueError: if a shape does not fit, naming the expected and the received shape.
        TypeError: if an argument is not numeric.
    """
    kernel, recurrent_kernel, bias, units = _fused(kernel, recurrent_kernel, bias)
    x = as_float_array(x, "x")
    check_shape(x, (None, None, kernel.shape[0]), "x", "(batch, time, input_dim)")
    batch, steps, _ = x.shape
    dtype = np.result_type(x, kernel)
    h0 = np.zeros((batch, units), dtype) if h0 is None else as_float_array(h0, "h0")
    c0 = np.zeros((batch, units), dtype) if c0 is None else as_float_array(c0, "c0")
    check_shape(h0, (batch, units), "h0", "(batch, units)")
    check_shape(c0, (batch, units), "c0", "(batch, units)")

    u = units
    x_tm = np.ascontiguousarray(x.transpose(1, 0, 2))  # (time, batch, input_dim)
    act = (x_tm @ kernel + bias).astype(dtype)  # pre-activations of every step, then gates
    h = np.empty((steps, batch, u), dtype)
    c = np.empty((steps, batch, u), dtype)
    tanh_c = np.empty((steps, batch, u), dtype)
    h_prev, c_prev = h0, c0
    for t in range(steps):
        z = act[t]
        z += h_prev @ recurrent_kernel
        for part in (z[:, : 2 * u], z[:, 3 * u :]):  # sigmoid(z) = (1 + tanh(z / 2)) / 2
            part *= 0.5
            np.tanh(part, out=part)
            part *= 0.5
            part += 0.5
        np.tanh(z[:, 2 * u : 3 * u], out=z[:, 2 * u : 3 * u])
        i, f, g, o = z[:, :u], z[:, u : 2 * u], z[:, 2 * u : 3 * u], z[:, 3 * u :]
        np.multiply(f, c_prev, out=c[t])
        c[t] += i * g
        np.tanh(c[t], out=tanh_c[t])
        np.multiply(o, tanh_c[t], out=h[t])
        h_prev, c_prev = h[t], c[t]
    gates = {g: act[..., k * u : (k + 1) * u].transpose(1, 0, 2) for k, g in enumerate(GATES)}
    cache = {
        "x_tm": x_tm,
        "h0": h0,
        "c0": c0,
        "h": h,
        "c": c,
        "tanh_c": tanh_c,
        "act": act,
        "gates": gates,
        "kernel": kernel,
        "recurrent_kernel": recurrent_kernel,
    }
    return h.transpose(1, 0, 2), c.transpose(1, 0, 2), cache


def lstm_backward(dh, cache, dc_last=None):
    """Backpropagation through time for :func:`lstm_forward`, through both h and c.

    Per step, with ``dh_t`` the total gradient reaching h<t> and ``dc`` the one reaching c<t>:

        dc     = dc_from_t+1 + dh_t ⊙ o ⊙ (1 - tanh(c)^2)
        dz_i   = dc ⊙ g ⊙ i(1 - i)      dz_f = dc ⊙ c_prev ⊙ f(1 - f)
        dz_c   = dc ⊙ i ⊙ (1 - g^2)     dz_o = dh_t ⊙ tanh(c) ⊙ o(1 - o)
        dc_prev = dc ⊙ f                 dh_prev = dz @ recurrent_kernel.T

    Every factor that does not depend on the incoming gradients is computed for all steps
    at once before the loop, so the loop itself is a handful of small operations.

    Args:
        dh: gradient of the loss with respect to every hidden state, as it arrives from the
            layers above, ``(batch, time, units)`` (zeros except the last step for a
            many-to-one model).
        cache: the third value returned by :func:`lstm_forward`.
        dc_last: optional gradient with respect to the last cell state (e.g. from a decoder).

    Returns:
        dict with ``dx`` (batch, time, input_dim), ``dkernel``, ``drecurrent_kernel``,
        ``dbias`` (shaped like the parameters), ``dh0``, ``dc0`` (batch, units), and
        ``dc`` (batch, time, units): the total gradient reaching each cell state, which
        shows how far back the signal travels.
    """
    x_tm, h0, c0, h, c, tanh_c, act = (
        cache[k] for k in ("x_tm", "h0", "c0", "h", "c", "tanh_c", "act")
    )
    kernel, recurrent_kernel = cache["kernel"], cache["recurrent_kernel"]
    dh = as_float_array(dh, "dh")
    steps, batch, u = h.shape
    check_shape(dh, (batch, steps, u), "dh", "(batch, time, units), like the hidden states")
    dh_tm = dh.transpose(1, 0, 2)
    i, f, g, o = (act[..., k * u : (k + 1) * u] for k in range(4))
    c_prev = np.concatenate([c0[None], c[:-1]], axis=0)

    # Step-independent factors: dz_{i,f,c} = dc * coef[..., :3u], dz_o = dh_t * coef[..., 3u:].
    coef = np.concatenate(
        [g * i * (1 - i), c_prev * f * (1 - f), i * (1 - g * g), tanh_c * o * (1 - o)], axis=-1
    )
    o_dtanh = o * (1 - tanh_c * tanh_c)  # dc gets dh_t * o * tanh'(c)

    dz = np.empty_like(act)
    dc_total = np.empty_like(c)
    dh_next = np.zeros_like(h0)
    dc = np.zeros_like(c0) if dc_last is None else as_float_array(dc_last, "dc_last").copy()
    for t in reversed(range(steps)):
        dh_t = dh_tm[t] + dh_next
        dc += dh_t * o_dtanh[t]
        dc_total[t] = dc
        dz_t = dz[t]
        np.multiply(
            coef[t, :, : 3 * u].reshape(batch, 3, u),
            dc[:, None, :],
            out=dz_t[:, : 3 * u].reshape(batch, 3, u),
        )
        np.multiply(coef[t, :, 3 * u :], dh_t, out=dz_t[:, 3 * u :])
        dc *= f[t]  # the additive cell path: dc<t-1> = dc<t> * f<t>
        dh_next = dz_t @ recurrent_kernel.T
    h_prev = np.concatenate([h0[None], h[:-1]], axis=0)
    dz_flat = dz.reshape(-1, 4 * u)
    return {
        "dx": (dz @ kernel.T).transpose(1, 0, 2),
        "dkernel": x_tm.reshape(-1, x_tm.shape[-1]).T @ dz_flat,
        "drecurrent_kernel": h_prev.reshape(-1, u).T @ dz_flat,
        "dbias": dz_flat.sum(axis=0),
        "dh0": dh_next,
        "dc0": dc,
        "dc": dc_total.transpose(1, 0, 2),
    }


def cell_state_backward(dh_t, dc_next, o_t, c_t, f_t):
    """The cell-state part of one LSTM backward step.

    ``dc_t = dc_next + dh_t ⊙ o_t ⊙ (1 - tanh(c_t)^2)``: the gradient reaching c<t> comes
    from step t+1 (the cell path) and from this step's output h<t> = o<t> ⊙ tanh(c<t>).
    ``dc_prev = dc_t ⊙ f_t``: it flows on to c<t-1> through the forget gate alone.

    Returns:
        ``(dc_t, dc_prev)``, each ``(batch, units)``.
    """
    dc_t = dc_next + dh_t * o_t * (1.0 - np.tanh(c_t) ** 2)
    return dc_t, dc_t * f_t


# --- notations ------------------------------------------------------------------------------


def keras_to_gates(kernel, recurrent_kernel, bias):
    """Split Keras's fused weights into per-gate ``(U, W, b)`` (the separate notation).

    Returns:
        dict gate -> ``(U, W, b)`` with ``U`` (units, input_dim) acting on x, ``W`` (units,
        units) acting on h_prev, ``b`` (units,); gates ``"i"``, ``"f"``, ``"c"``, ``"o"``.
    """
    kernel, recurrent_kernel, bias, units = _fused(kernel, recurrent_kernel, bias)
    sl = {gate: slice(k * units, (k + 1) * units) for k, gate in enumerate(GATES)}
    return {gate: (kernel[:, s].T, recurrent_kernel[:, s].T, bias[s]) for gate, s in sl.items()}


def gates_to_keras(gates):
    """Inverse of :func:`keras_to_gates`: per-gate ``(U, W, b)`` -> Keras's fused arrays.

    Returns ``(kernel, recurrent_kernel, bias)``.
    """
    if not isinstance(gates, dict) or set(gates) != set(GATES):
        raise ValueError(f"gates must be a dict with keys {GATES}, got {type(gates).__name__}")
    kernel = np.concatenate([np.asarray(gates[g][0]).T for g in GATES], axis=1)
    recurrent_kernel = np.concatenate([np.asarray(gates[g][1]).T for g in GATES], axis=1)
    bias = np.concatenate([np.asarray(gates[g][2]) for g in GATES])
    _fused(kernel, recurrent_kernel, bias)  # validates the shapes
    return kernel, recurrent_kernel, bias


def gates_to_concat(gates):
    """Per-gate ``(U, W, b)`` -> per-gate ``(W_cat, b)``.

    ``W_cat = [W | U]`` has shape (units, units + input_dim) and acts on ``[h_prev, x]``.
    """
    return {g: (np.concatenate([W, U], axis=1), b) for g, (U, W, b) in gates.items()}


def concat_to_gates(concat, units: int):
    """Inverse of :func:`gates_to_concat`; ``units`` says where ``h`` ends in ``[h_prev, x]``."""
    return {g: (W_cat[:, units:], W_cat[:, :units], b) for g, (W_cat, b) in concat.items()}


def from_keras_lstm(layer):
    """``(kernel, recurrent_kernel, bias)`` of a built ``keras.layers.LSTM`` as NumPy arrays."""
    weights = [np.asarray(w) for w in layer.get_weights()]
    if len(weights) != 3:
        raise ValueError("expected a built keras.layers.LSTM with use_bias=True (3 weight arrays)")
    return tuple(weights)
