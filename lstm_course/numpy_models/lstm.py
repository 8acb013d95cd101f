"""An LSTM in NumPy: forward, backpropagation through time, and the notations that describe it.

For one step, with column vectors (the notation of the popular tutorials: U for the input,
W for the hidden state),

    i = σ(U_i x + W_i h_prev + b_i)          input gate
    f = σ(U_f x + W_f h_prev + b_f)          forget gate
    c̃ = tanh(U_c x + W_c h_prev + b_c)      candidate values (``c_tilde``, gate key "c")
    o = σ(U_o x + W_o h_prev + b_o)          output gate
    c = f ⊙ c_prev + i ⊙ c̃
    h = o ⊙ tanh(c)

Three layouts of the same parameters (see :func:`keras_to_gates`, :func:`gates_to_concat`):

- **separate**: per gate, ``U`` (units, d) for the input and ``W`` (units, units) for the
  hidden state, and ``b`` (units,);
- **concatenated**: per gate, one matrix acting on ``[h_prev, x]``, shape (units, units + d);
- **Keras fused**: ``kernel`` (d, 4·units), ``recurrent_kernel`` (units, 4·units) and
  ``bias`` (4·units,), with the gates side by side in the order **i, f, c, o**.

The code uses the fused layout, batch-first: one matrix product per step computes all four
gates for the whole batch, ``z = x_t @ kernel + h_prev @ recurrent_kernel + bias``.

**Reading the code.** :func:`lstm_forward` runs :func:`lstm_cell_forward`'s step once per
time step, and :func:`lstm_backward` is the chain rule through that step, from its last
line up, with :func:`cell_state_backward` for the cell state: the code notebook 03 teaches
is the code it runs (and notebooks 02, 08 and 09 too).

Defined in notebook 03 (everything here); notebook 02 uses :func:`lstm_forward` and
:func:`from_keras_lstm` to compare the LSTM's gradient flow with the RNN's.

Conventions (see :mod:`lstm_course.arguments`): every argument outside its contract raises
``ValueError``/``TypeError`` naming it. **dtype**: a forward pass computes in
``np.result_type`` of ``x``, the weights, ``h0`` and ``c0``; a backward pass in
``np.result_type`` of that and ``dh``/``dc_last``; so a float32 ``c0`` or ``dc_last`` in an
otherwise float64 run does not lower the precision. NaN and inf inside arrays propagate, as
in Keras. The arrays returned are new arrays, never views into the cache.
"""

from lstm_course import maths
from lstm_course.arguments import (
    array_of_shape,
    as_float_array,
    as_positive_int,
    check_cache,
    check_keras_recurrent_layer,
    check_shape,
    common_float_dtype,
    describe,
    fused_weights,
    recurrent_inputs,
)

import numpy as np

GATES = ("i", "f", "c", "o")  # Keras's order inside the fused matrices
_CACHE_KEYS = ("x", "h0", "c0", "h", "c", "kernel", "recurrent_kernel")

__all__ = [
    "GATES",
    "cell_state_backward",
    "concat_to_gates",
    "from_keras_lstm",
    "gates_to_concat",
    "gates_to_keras",
    "keras_to_gates",
    "lstm_backward",
    "lstm_cell_forward",
    "lstm_cell_forward_unchecked",
    "lstm_forward",
    "param_count",
]


def param_count(units: int, input_dim: int) -> int:
    """Number of parameters of an LSTM layer: ``4 * (units * (input_dim + units) + units)``.

    Defined in notebook 03 (exercise in notebook 04).
    """
    units = as_positive_int(units, "units")
    input_dim = as_positive_int(input_dim, "input_dim")
    return 4 * (units * (input_dim + units) + units)


def _fused(kernel, recurrent_kernel, bias):
    return fused_weights(kernel, recurrent_kernel, bias, blocks=4)


def lstm_cell_forward_unchecked(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    """:func:`lstm_cell_forward` without the argument checks: the equations of notebook 03,
    for loops whose caller checks its inputs once (:func:`lstm_forward`, the character model)."""
    u = h_prev.shape[-1]
    z = x_t @ kernel + h_prev @ recurrent_kernel + bias  # (batch, 4u): i, f, c̃, o side by side
    i = maths.sigmoid_unchecked(z[..., :u])  # input gate
    f = maths.sigmoid_unchecked(z[..., u : 2 * u])  # forget gate
    c_tilde = np.tanh(z[..., 2 * u : 3 * u])  # candidate values
    o = maths.sigmoid_unchecked(z[..., 3 * u :])  # output gate
    c_t = f * c_prev + i * c_tilde
    h_t = o * np.tanh(c_t)
    return h_t, c_t, {"i": i, "f": f, "c": c_tilde, "o": o}


def lstm_cell_forward(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    """One LSTM step for a batch. Defined in notebook 03.

    Args:
        x_t: ``(batch, input_dim)``; h_prev, c_prev: ``(batch, units)``.
        kernel, recurrent_kernel, bias: Keras's fused layout (see the module docstring).

    Returns:
        ``(h_t, c_t, gates)`` where ``gates`` maps ``"i"``, ``"f"``, ``"c"`` (the candidate
        c̃) and ``"o"`` to their activations, each ``(batch, units)``.
    """
    kernel, recurrent_kernel, bias, units = _fused(kernel, recurrent_kernel, bias)
    x_t = array_of_shape(x_t, (None, kernel.shape[0]), "x_t", "(batch, input_dim)")
    h_prev = array_of_shape(h_prev, (x_t.shape[0], units), "h_prev", "(batch, units)")
    c_prev = array_of_shape(c_prev, (x_t.shape[0], units), "c_prev", "(batch, units)")
    return lstm_cell_forward_unchecked(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias)


def lstm_forward(x, kernel, recurrent_kernel, bias, h0=None, c0=None):
    """Run an LSTM over whole sequences: :func:`lstm_cell_forward`'s step, once per time step.

    Defined in notebook 03.

    Args:
        x: ``(batch, time, input_dim)``; ``time`` may be 0.
        kernel, recurrent_kernel, bias: Keras's fused layout (i, f, c, o).
        h0, c0: initial states ``(batch, units)``; zeros if ``None`` (as in Keras).

    Returns:
        ``(h, c, cache)``: hidden states and cell states ``(batch, time, units)`` (new
        arrays: changing them does not change the cache), and the cache
        :func:`lstm_backward` needs. ``cache["gates"]`` holds the four gate activations,
        each ``(batch, time, units)``, for plotting: read them, do not write into them.

    Raises:
        ValueError: if a shape does not fit, naming the expected and the received shape.
        TypeError: if an argument is not numeric.
    """
    kernel, recurrent_kernel, bias, units = _fused(kernel, recurrent_kernel, bias)
    weights = (kernel, recurrent_kernel, bias)
    x, (kernel, recurrent_kernel, bias), (h0, c0) = recurrent_inputs(
        x, weights, units, h0=h0, c0=c0
    )
    batch, steps, _ = x.shape
    dtype = x.dtype

    h = np.zeros((batch, steps, units), dtype)
    c = np.zeros((batch, steps, units), dtype)
    gates = {g: np.zeros((batch, steps, units), dtype) for g in GATES}
    h_t, c_t = h0, c0
    for t in range(steps):
        h_t, c_t, gates_t = lstm_cell_forward_unchecked(
            x[:, t], h_t, c_t, kernel, recurrent_kernel, bias
        )
        h[:, t], c[:, t] = h_t, c_t
        for g in GATES:
            gates[g][:, t] = gates_t[g]
    cache = {"x": x, "h0": h0, "c0": c0, "h": h, "c": c, "gates": gates}
    cache.update(kernel=kernel, recurrent_kernel=recurrent_kernel)
    return h.copy(), c.copy(), cache


def lstm_backward(dh, cache, dc_last=None):
    """Backpropagation through time for :func:`lstm_forward`, through both h and c.

    Defined in notebook 03. Each step is the chain rule through the step's equations, from
    the last one up, with ``dh_t`` the total gradient reaching h<t>:

        h = o ⊙ tanh(c)            dc = dc_from_t+1 + dh_t ⊙ o ⊙ (1 - tanh(c)²)  (exercise 3)
        c = f ⊙ c_prev + i ⊙ c̃     dc_prev = dc ⊙ f
        gates                      dz_i = dc ⊙ c̃ ⊙ i(1 - i)    dz_f = dc ⊙ c_prev ⊙ f(1 - f)
                                   dz_c = dc ⊙ i ⊙ (1 - c̃²)    dz_o = dh_t ⊙ tanh(c) ⊙ o(1 - o)
        z = x_t K + h_prev R + b   dK += x_tᵀ dz, dR += h_prevᵀ dz, db += Σ dz,
                                   dx_t = dz Kᵀ, dh_prev = dz Rᵀ

    Args:
        dh: gradient of the loss with respect to every hidden state, as it arrives from the
            layers above, ``(batch, time, units)`` (zeros except the last step for a
            many-to-one model).
        cache: the third value returned by :func:`lstm_forward`.
        dc_last: optional gradient with respect to the last cell state (e.g. from a
            decoder), ``(batch, units)``.

    Returns:
        dict with ``dx`` (batch, time, input_dim), ``dkernel``, ``drecurrent_kernel``,
        ``dbias`` (shaped like the parameters), ``dh0``, ``dc0`` (batch, units), and
        ``dc`` (batch, time, units): the total gradient reaching each cell state, which
        shows how far back the signal travels.
    """
    check_cache(cache, (*_CACHE_KEYS, "gates"), producer="lstm_forward")
    batch, steps, u = cache["h"].shape
    dh = array_of_shape(dh, (batch, steps, u), "dh", "(batch, time, units), like the hidden states")
    if dc_last is not None:
        dc_last = array_of_shape(dc_last, (batch, u), "dc_last", "(batch, units)")
    dtype = common_float_dtype(cache["h"], dh, *(() if dc_last is None else (dc_last,)))
    x, h0, c0, h, c, kernel, recurrent_kernel = (
        cache[k].astype(dtype, copy=False) for k in _CACHE_KEYS
    )
    i, f, c_tilde, o = (cache["gates"][g].astype(dtype, copy=False) for g in GATES)
    dh = dh.astype(dtype, copy=False)

    dx = np.zeros(x.shape, dtype)
    dkernel, drecurrent_kernel = np.zeros_like(kernel), np.zeros_like(recurrent_kernel)
    dbias = np.zeros(4 * u, dtype)
    dc_all = np.zeros((batch, steps, u), dtype)
    dh_next = np.zeros((batch, u), dtype)  # what flows back into h<t> from step t+1
    dc_next = np.zeros((batch, u), dtype) if dc_last is None else dc_last.astype(dtype)
    for t in reversed(range(steps)):
        h_prev = h0 if t == 0 else h[:, t - 1]
        c_prev = c0 if t == 0 else c[:, t - 1]
        dh_t = dh[:, t] + dh_next
        dc, dc_next = _cell_state_backward(dh_t, dc_next, o[:, t], c[:, t], f[:, t])
        dz = np.concatenate(  # (batch, 4u), Keras's order i, f, c̃, o
            [
                dc * c_tilde[:, t] * i[:, t] * (1 - i[:, t]),
                dc * c_prev * f[:, t] * (1 - f[:, t]),
                dc * i[:, t] * (1 - c_tilde[:, t] ** 2),
                dh_t * np.tanh(c[:, t]) * o[:, t] * (1 - o[:, t]),
            ],
            axis=1,
        )
        dkernel += x[:, t].T @ dz
        drecurrent_kernel += h_prev.T @ dz
        dbias += dz.sum(axis=0)
        dx[:, t] = dz @ kernel.T
        dh_next = dz @ recurrent_kernel.T
        dc_all[:, t] = dc
    return {
        "dx": dx,
        "dkernel": dkernel,
        "drecurrent_kernel": drecurrent_kernel,
        "dbias": dbias,
        "dh0": dh_next,
        "dc0": dc_next,
        "dc": dc_all,
    }


def _cell_state_backward(dh_t, dc_next, o_t, c_t, f_t):
    dc_t = dc_next + dh_t * o_t * (1.0 - np.tanh(c_t) ** 2)
    return dc_t, dc_t * f_t


def cell_state_backward(dh_t, dc_next, o_t, c_t, f_t):
    """The cell-state part of one LSTM backward step. Defined in notebook 03 (exercise 3).

    ``dc_t = dc_next + dh_t ⊙ o_t ⊙ (1 - tanh(c_t)^2)``: the gradient reaching c<t> comes
    from step t+1 (the cell path) and from this step's output h<t> = o<t> ⊙ tanh(c<t>).
    ``dc_prev = dc_t ⊙ f_t``: it flows on to c<t-1> through the forget gate alone.
    :func:`lstm_backward` does exactly this at every step (the tests check it).

    Args:
        dh_t, dc_next, o_t, c_t, f_t: each ``(batch, units)``, the same shape (no
            broadcasting: a ``(1, units)`` array is refused).

    Returns:
        ``(dc_t, dc_prev)``, each ``(batch, units)``.
    """
    dh_t = array_of_shape(dh_t, (None, None), "dh_t", "(batch, units)")
    dc_next = array_of_shape(dc_next, dh_t.shape, "dc_next", "(batch, units), like dh_t")
    o_t = array_of_shape(o_t, dh_t.shape, "o_t", "(batch, units), like dh_t")
    c_t = array_of_shape(c_t, dh_t.shape, "c_t", "(batch, units), like dh_t")
    f_t = array_of_shape(f_t, dh_t.shape, "f_t", "(batch, units), like dh_t")
    return _cell_state_backward(dh_t, dc_next, o_t, c_t, f_t)


# --- notations ------------------------------------------------------------------------------


def keras_to_gates(kernel, recurrent_kernel, bias):
    """Split Keras's fused weights into per-gate ``(U, W, b)`` (the separate notation).

    Defined in notebook 03.

    Returns:
        dict gate -> ``(U, W, b)`` with ``U`` (units, input_dim) acting on x, ``W`` (units,
        units) acting on h_prev, ``b`` (units,); gates ``"i"``, ``"f"``, ``"c"``, ``"o"``.
    """
    kernel, recurrent_kernel, bias, units = _fused(kernel, recurrent_kernel, bias)
    sl = {gate: slice(k * units, (k + 1) * units) for k, gate in enumerate(GATES)}
    return {gate: (kernel[:, s].T, recurrent_kernel[:, s].T, bias[s]) for gate, s in sl.items()}


def _gate_dict(gates, name: str, parts: int, meaning: str) -> dict:
    """Check that ``gates`` maps each of i, f, c, o to a tuple of ``parts`` arrays."""
    if not isinstance(gates, dict) or set(gates) != set(GATES):
        got = f"keys {sorted(gates)}" if isinstance(gates, dict) else describe(gates)
        raise ValueError(f"{name} must be a dict with keys {GATES}, each {meaning}, got {got}")
    out = {}
    for g in GATES:
        value = gates[g]
        if not isinstance(value, tuple | list) or len(value) != parts:
            raise ValueError(f"{name}[{g!r}] must be {meaning}, got {describe(value)}")
        out[g] = tuple(as_float_array(v, f"{name}[{g!r}]") for v in value)
    return out


def _check_separate(gates) -> dict:
    gates = _gate_dict(gates, "gates", 3, "a tuple (U, W, b)")
    U0 = gates["i"][0]
    check_shape(U0, (None, None), "gates['i'] U", "(units, input_dim)")
    units, input_dim = U0.shape
    for g, (U, W, b) in gates.items():
        what = f"gates[{g!r}]"
        if U.shape != (units, input_dim) or W.shape != (units, units) or b.shape != (units,):
            raise ValueError(
                f"{what} must hold U {(units, input_dim)}, W {(units, units)} and b "
                f"{(units,)} (units, input_dim from gates['i']), "
                f"got {U.shape}, {W.shape} and {b.shape}"
            )
    return gates


def gates_to_keras(gates):
    """Inverse of :func:`keras_to_gates`: per-gate ``(U, W, b)`` -> Keras's fused arrays.

    Defined in notebook 03. Returns ``(kernel, recurrent_kernel, bias)``.
    """
    gates = _check_separate(gates)
    kernel = np.concatenate([gates[g][0].T for g in GATES], axis=1)
    recurrent_kernel = np.concatenate([gates[g][1].T for g in GATES], axis=1)
    bias = np.concatenate([gates[g][2] for g in GATES])
    return kernel, recurrent_kernel, bias


def gates_to_concat(gates):
    """Per-gate ``(U, W, b)`` -> per-gate ``(W_cat, b)``. Defined in notebook 03.

    ``W_cat = [W | U]`` has shape (units, units + input_dim) and acts on ``[h_prev, x]``.
    """
    gates = _check_separate(gates)
    return {g: (np.concatenate([W, U], axis=1), b) for g, (U, W, b) in gates.items()}


def concat_to_gates(concat, units: int):
    """Inverse of :func:`gates_to_concat`; ``units`` says where ``h`` ends in ``[h_prev, x]``.

    Defined in notebook 03. ``units`` must equal the number of rows of every ``W_cat``
    (each is ``(units, units + input_dim)``), with ``input_dim >= 1``.
    """
    concat = _gate_dict(concat, "concat", 2, "a tuple (W_cat, b)")
    units = as_positive_int(units, "units")
    for g, (W_cat, b) in concat.items():
        check_shape(W_cat, (None, None), f"concat[{g!r}] W_cat", "(units, units + input_dim)")
        if W_cat.shape[0] != units or W_cat.shape[1] <= units:
            raise ValueError(
                f"units must be the number of rows of every W_cat (units, units + input_dim); "
                f"got units={units} and concat[{g!r}] W_cat of shape {W_cat.shape}"
            )
        check_shape(b, (units,), f"concat[{g!r}] b", "(units,)")
    return {g: (W_cat[:, units:], W_cat[:, :units], b) for g, (W_cat, b) in concat.items()}


def from_keras_lstm(layer):
    """``(kernel, recurrent_kernel, bias)`` of a built ``keras.layers.LSTM`` as NumPy arrays.

    Defined in notebook 03. Refuses a layer whose settings the NumPy LSTM does not
    implement (``activation`` other than tanh, ``recurrent_activation`` other than sigmoid,
    no bias, ``go_backwards``) or another layer type (a GRU, a SimpleRNN).
    """
    check_keras_recurrent_layer(layer, "LSTM", activation="tanh", recurrent_activation="sigmoid")
    return tuple(np.asarray(w) for w in layer.get_weights())
