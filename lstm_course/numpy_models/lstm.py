"""An LSTM in NumPy: forward, backpropagation through time, and the layouts of its weights.

For one step, in the course's notation (CONTRIBUTING.md, "Notation"; rows are examples, as
in Keras, so the products need no transposes):

    i_t = σ(x_t W_xi + h_{t-1} W_hi + b_i)          input gate
    f_t = σ(x_t W_xf + h_{t-1} W_hf + b_f)          forget gate
    c̃_t = tanh(x_t W_xc + h_{t-1} W_hc + b_c)       candidate values (``c_tilde``)
    o_t = σ(x_t W_xo + h_{t-1} W_ho + b_o)          output gate
    c_t = f_t ⊙ c_{t-1} + i_t ⊙ c̃_t
    h_t = o_t ⊙ tanh(c_t)

Three layouts of the same parameters (see :func:`keras_to_gates`, :func:`gates_to_concat`):

- **separate**: per gate, ``W_x•`` (input_dim, units), ``W_h•`` (units, units), ``b_•``
  (units,);
- **concatenated**: per gate, one matrix ``W_•`` (units + input_dim, units) acting on the
  row ``[h_{t-1}, x_t]``: ``W_•`` is ``W_h•`` stacked on ``W_x•``;
- **side by side** (Keras's): ``W_x`` (input_dim, 4·units), ``W_h`` (units, 4·units) and
  ``b`` (4·units,), the gates' blocks in the order **i, f, c̃, o**. Keras calls them
  ``kernel``, ``recurrent_kernel`` and ``bias``; they are the same arrays.

The code uses the side-by-side layout, batch-first: one matrix product per step computes all
four pre-activations for the whole batch, ``pre = x_t @ W_x + h_prev @ W_h + b``.

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

GATES = ("i", "f", "c_tilde", "o")  # the blocks' order in W_x, W_h and b (Keras's)
_CACHE_KEYS = ("x", "h0", "c0", "h", "c", "W_x", "W_h")

__all__ = [
    "GATES",
    "cell_state_backward",
    "concat_to_gates",
    "from_keras_lstm",
    "gated_param_count",
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
    return gated_param_count(4, units, input_dim)


def gated_param_count(blocks: int, units: int, input_dim: int, bias_rows: int = 1) -> int:
    """Parameters of a layer of ``blocks`` gated blocks side by side (the one formula of the
    course's parameter counts: the LSTM, its variants and the GRU).

    Each block has ``W_x•`` (input_dim × units), ``W_h•`` (units × units) and ``bias_rows``
    biases of ``units`` values: ``blocks * (units * (input_dim + units) + bias_rows * units)``.
    """
    blocks = as_positive_int(blocks, "blocks")
    units = as_positive_int(units, "units")
    input_dim = as_positive_int(input_dim, "input_dim")
    bias_rows = as_positive_int(bias_rows, "bias_rows")
    return blocks * (units * (input_dim + units) + bias_rows * units)


def _fused(W_x, W_h, b):
    return fused_weights(W_x, W_h, b, blocks=4)


def lstm_cell_forward_unchecked(x_t, h_prev, c_prev, W_x, W_h, b):
    """:func:`lstm_cell_forward` without the argument checks: the equations of notebook 03,
    for loops whose caller checks its inputs once (:func:`lstm_forward`, the character model)."""
    n = h_prev.shape[-1]
    pre = x_t @ W_x + h_prev @ W_h + b  # (batch, 4n): i, f, c̃, o side by side
    i = maths.sigmoid_unchecked(pre[..., :n])  # input gate
    f = maths.sigmoid_unchecked(pre[..., n : 2 * n])  # forget gate
    c_tilde = np.tanh(pre[..., 2 * n : 3 * n])  # candidate values
    o = maths.sigmoid_unchecked(pre[..., 3 * n :])  # output gate
    c_t = f * c_prev + i * c_tilde
    h_t = o * np.tanh(c_t)
    return h_t, c_t, {"i": i, "f": f, "c_tilde": c_tilde, "o": o}


def lstm_cell_forward(x_t, h_prev, c_prev, W_x, W_h, b):
    """One LSTM step for a batch. Defined in notebook 03.

    Args:
        x_t: ``(batch, input_dim)``; h_prev, c_prev: ``(batch, units)``.
        W_x, W_h, b: the gates' weights side by side (Keras's ``kernel``,
            ``recurrent_kernel``, ``bias``; see the module docstring).

    Returns:
        ``(h_t, c_t, gates)`` where ``gates`` maps ``"i"``, ``"f"``, ``"c_tilde"`` and ``"o"``
        to their activations, each ``(batch, units)``.
    """
    W_x, W_h, b, units = _fused(W_x, W_h, b)
    x_t = array_of_shape(x_t, (None, W_x.shape[0]), "x_t", "(batch, input_dim)")
    h_prev = array_of_shape(h_prev, (x_t.shape[0], units), "h_prev", "(batch, units)")
    c_prev = array_of_shape(c_prev, (x_t.shape[0], units), "c_prev", "(batch, units)")
    return lstm_cell_forward_unchecked(x_t, h_prev, c_prev, W_x, W_h, b)


def lstm_forward(x, W_x, W_h, b, h0=None, c0=None):
    """Run an LSTM over whole sequences: :func:`lstm_cell_forward`'s step, once per time step.

    Defined in notebook 03.

    Args:
        x: ``(batch, time, input_dim)``; ``time`` may be 0.
        W_x, W_h, b: the gates' weights side by side, in the order i, f, c̃, o.
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
    W_x, W_h, b, units = _fused(W_x, W_h, b)
    x, (W_x, W_h, b), (h0, c0) = recurrent_inputs(x, (W_x, W_h, b), units, h0=h0, c0=c0)
    batch, steps, _ = x.shape

    h = np.zeros((batch, steps, units), x.dtype)  # every h_t
    c = np.zeros((batch, steps, units), x.dtype)  # every c_t
    gates = {g: np.zeros((batch, steps, units), x.dtype) for g in GATES}
    h_t, c_t = h0, c0
    for t in range(steps):
        h_t, c_t, gates_t = lstm_cell_forward_unchecked(x[:, t], h_t, c_t, W_x, W_h, b)
        h[:, t], c[:, t] = h_t, c_t
        for g in GATES:
            gates[g][:, t] = gates_t[g]
    cache = {"x": x, "h0": h0, "c0": c0, "h": h, "c": c, "W_x": W_x, "W_h": W_h, "gates": gates}
    return h.copy(), c.copy(), cache


def lstm_backward(dh, cache, dc_last=None):
    """Backpropagation through time for :func:`lstm_forward`, through both h and c.

    Defined in notebook 03. Each step is the chain rule through the step's equations, from
    the last one up, with ``dh_t`` the total gradient reaching h_t:

        h_t = o ⊙ tanh(c_t)         dc_t = dc_from_t+1 + dh_t ⊙ o ⊙ (1 - tanh(c_t)²)
        c_t = f ⊙ c_{t-1} + i ⊙ c̃   dc_{t-1} = dc_t ⊙ f
        the four gates              dpre_i = dc_t ⊙ c̃ ⊙ i(1 - i)
                                    dpre_f = dc_t ⊙ c_{t-1} ⊙ f(1 - f)
                                    dpre_c = dc_t ⊙ i ⊙ (1 - c̃²)
                                    dpre_o = dh_t ⊙ tanh(c_t) ⊙ o(1 - o)
        pre = x_t W_x + h_{t-1} W_h + b
                                    dW_x += x_tᵀ dpre, dW_h += h_{t-1}ᵀ dpre, db += Σ dpre,
                                    dx_t = dpre W_xᵀ, dh_{t-1} = dpre W_hᵀ

    (The first line is exercise 3 of notebook 03.)

    Args:
        dh: gradient of the loss with respect to every hidden state, as it arrives from the
            layers above, ``(batch, time, units)`` (zeros except the last step for a
            many-to-one model).
        cache: the third value returned by :func:`lstm_forward`.
        dc_last: optional gradient with respect to the last cell state (e.g. from a
            decoder), ``(batch, units)``.

    Returns:
        dict with ``dx`` (batch, time, input_dim), ``dW_x``, ``dW_h``, ``db`` (shaped like
        the weights), ``dh0``, ``dc0`` (batch, units), and ``dc`` (batch, time, units): the
        total gradient reaching each cell state, which shows how far back the signal travels.
    """
    check_cache(cache, (*_CACHE_KEYS, "gates"), producer="lstm_forward")
    batch, steps, n = cache["h"].shape
    dh = array_of_shape(dh, (batch, steps, n), "dh", "(batch, time, units), like the hidden states")
    if dc_last is not None:
        dc_last = array_of_shape(dc_last, (batch, n), "dc_last", "(batch, units)")
    dtype = common_float_dtype(cache["h"], dh, *(() if dc_last is None else (dc_last,)))
    x, h0, c0, h, c, W_x, W_h = (cache[k].astype(dtype, copy=False) for k in _CACHE_KEYS)
    i, f, c_tilde, o = (cache["gates"][g].astype(dtype, copy=False) for g in GATES)
    dh = dh.astype(dtype, copy=False)

    dx = np.zeros(x.shape, dtype)
    dW_x, dW_h, db = np.zeros_like(W_x), np.zeros_like(W_h), np.zeros(4 * n, dtype)
    dc_all = np.zeros((batch, steps, n), dtype)
    dh_next = np.zeros((batch, n), dtype)  # what flows back into h_t from step t+1
    dc_next = np.zeros((batch, n), dtype) if dc_last is None else dc_last.astype(dtype)
    for t in reversed(range(steps)):
        h_prev = h0 if t == 0 else h[:, t - 1]
        c_prev = c0 if t == 0 else c[:, t - 1]
        dh_t = dh[:, t] + dh_next
        dc, dc_next = _cell_state_backward(dh_t, dc_next, o[:, t], c[:, t], f[:, t])
        dpre = np.concatenate(  # (batch, 4n), in the order i, f, c̃, o
            [
                dc * c_tilde[:, t] * i[:, t] * (1 - i[:, t]),
                dc * c_prev * f[:, t] * (1 - f[:, t]),
                dc * i[:, t] * (1 - c_tilde[:, t] ** 2),
                dh_t * np.tanh(c[:, t]) * o[:, t] * (1 - o[:, t]),
            ],
            axis=1,
        )
        dW_x += x[:, t].T @ dpre
        dW_h += h_prev.T @ dpre
        db += dpre.sum(axis=0)
        dx[:, t] = dpre @ W_x.T
        dh_next = dpre @ W_h.T
        dc_all[:, t] = dc
    return {
        "dx": dx,
        "dW_x": dW_x,
        "dW_h": dW_h,
        "db": db,
        "dh0": dh_next,
        "dc0": dc_next,
        "dc": dc_all,
    }


def _cell_state_backward(dh_t, dc_next, o_t, c_t, f_t):
    dc_t = dc_next + dh_t * o_t * (1.0 - np.tanh(c_t) ** 2)
    return dc_t, dc_t * f_t


def cell_state_backward(dh_t, dc_next, o_t, c_t, f_t):
    """The cell-state part of one LSTM backward step. Defined in notebook 03 (exercise 3).

    ``dc_t = dc_next + dh_t ⊙ o_t ⊙ (1 - tanh(c_t)^2)``: the gradient reaching c_t comes
    from step t+1 (the cell path) and from this step's output h_t = o_t ⊙ tanh(c_t).
    ``dc_prev = dc_t ⊙ f_t``: it flows on to c_{t-1} through the forget gate alone.
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


# --- layouts ---------------------------------------------------------------------------------


def keras_to_gates(W_x, W_h, b):
    """Split the side-by-side weights into per-gate ``(W_x•, W_h•, b_•)`` (the separate layout).

    Defined in notebook 03. Only slicing: the blocks are already ``(in, out)``.

    Returns:
        dict gate -> ``(W_x•, W_h•, b_•)`` with ``W_x•`` (input_dim, units) acting on x_t,
        ``W_h•`` (units, units) acting on h_{t-1}, ``b_•`` (units,); gates ``"i"``, ``"f"``,
        ``"c_tilde"``, ``"o"``.
    """
    W_x, W_h, b, n = _fused(W_x, W_h, b)
    blocks = {g: slice(k * n, (k + 1) * n) for k, g in enumerate(GATES)}
    return {g: (W_x[:, s], W_h[:, s], b[s]) for g, s in blocks.items()}


def _gate_dict(gates, name: str, parts: int, meaning: str) -> dict:
    """Check that ``gates`` maps each gate of :data:`GATES` to a tuple of ``parts`` arrays."""
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
    gates = _gate_dict(gates, "gates", 3, "a tuple (W_x, W_h, b)")
    W_xi = gates["i"][0]
    check_shape(W_xi, (None, None), "gates['i'] W_x", "(input_dim, units)")
    input_dim, units = W_xi.shape
    for g, (W_xg, W_hg, b_g) in gates.items():
        if (
            W_xg.shape != (input_dim, units)
            or W_hg.shape != (units, units)
            or b_g.shape != (units,)
        ):
            raise ValueError(
                f"gates[{g!r}] must hold W_x {(input_dim, units)}, W_h {(units, units)} and b "
                f"{(units,)} (input_dim, units from gates['i']), "
                f"got {W_xg.shape}, {W_hg.shape} and {b_g.shape}"
            )
    return gates


def gates_to_keras(gates):
    """Inverse of :func:`keras_to_gates`: per-gate ``(W_x•, W_h•, b_•)`` -> ``(W_x, W_h, b)``.

    Defined in notebook 03. The blocks go side by side in the order i, f, c̃, o.
    """
    gates = _check_separate(gates)
    W_x, W_h, b = (np.concatenate([gates[g][k] for g in GATES], axis=-1) for k in range(3))
    return W_x, W_h, b


def gates_to_concat(gates):
    """Per-gate ``(W_x•, W_h•, b_•)`` -> per-gate ``(W_•, b_•)``. Defined in notebook 03.

    ``W_•`` is ``W_h•`` stacked on ``W_x•``: shape (units + input_dim, units), acting on the
    row ``[h_{t-1}, x_t]``.
    """
    gates = _check_separate(gates)
    return {
        g: (np.concatenate([W_hg, W_xg], axis=0), b_g) for g, (W_xg, W_hg, b_g) in gates.items()
    }


def concat_to_gates(concat, units: int):
    """Inverse of :func:`gates_to_concat`; ``units`` says where ``h`` ends in ``[h_{t-1}, x_t]``.

    Defined in notebook 03. ``units`` must equal the number of columns of every ``W_•``
    (each is ``(units + input_dim, units)``), with ``input_dim >= 1``.
    """
    concat = _gate_dict(concat, "concat", 2, "a tuple (W, b)")
    units = as_positive_int(units, "units")
    for g, (W_g, b_g) in concat.items():
        check_shape(W_g, (None, None), f"concat[{g!r}] W", "(units + input_dim, units)")
        if W_g.shape[1] != units or W_g.shape[0] <= units:
            raise ValueError(
                f"units must be the number of columns of every W (units + input_dim, units); "
                f"got units={units} and concat[{g!r}] W of shape {W_g.shape}"
            )
        check_shape(b_g, (units,), f"concat[{g!r}] b", "(units,)")
    return {g: (W_g[units:], W_g[:units], b_g) for g, (W_g, b_g) in concat.items()}


def from_keras_lstm(layer):
    """``(W_x, W_h, b)`` of a built ``keras.layers.LSTM`` as NumPy arrays.

    Defined in notebook 03. Keras's ``kernel``, ``recurrent_kernel`` and ``bias`` are these
    arrays as they are. Refuses a layer whose settings the NumPy LSTM does not implement
    (``activation`` other than tanh, ``recurrent_activation`` other than sigmoid, no bias,
    ``go_backwards``) or another layer type (a GRU, a SimpleRNN).
    """
    check_keras_recurrent_layer(layer, "LSTM", activation="tanh", recurrent_activation="sigmoid")
    return tuple(np.asarray(w) for w in layer.get_weights())
