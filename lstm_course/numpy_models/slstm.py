"""xLSTM's sLSTM cell (Beck et al., 2024), one head, in NumPy: exponential gating, stabilised.

Taught in notebook 10, in the course's notation (notebook 00). As in the LSTM, every gate's
pre-activation reads the input and h_{t−1}: ``pre_• = x_t W_x• + h_{t−1} W_h• + b_•`` for
each of c̃, i, f and o. What is new is the exponential input gate and a normaliser state n
that divides it out again::

    c̃_t = tanh(pre_c)            the candidate (cell input)
    i_t = exp(pre_i)             input gate: exponential, so a later, stronger input can
                                 outweigh what is stored (revise a storage decision)
    f_t = σ(pre_f) or exp(pre_f) forget gate
    o_t = σ(pre_o)               output gate
    c_t = f_t ⊙ c_{t−1} + i_t ⊙ c̃_t
    n_t = f_t ⊙ n_{t−1} + i_t    the normaliser: the sum of the weights given so far
    h_t = o_t ⊙ c_t / n_t        a weighted average of the candidates c̃

The xLSTM paper writes z_t for the candidate c̃_t and, with column vectors, R for the
recurrent weights W_h•ᵀ.

exp(pre_i) overflows once pre_i > 88.7 in float32 (709.8 in float64), and then c / n is
inf / inf = NaN. The stabiliser m_t = max(log f_t + m_{t−1}, pre_i) is a running maximum of
the log weights (log i_t = pre_i); the cell stores c and n divided by exp(m_t), using

    i'_t = exp(pre_i − m_t) ≤ 1      f'_t = exp(log f_t + m_{t−1} − m_t) ≤ 1

in place of i_t and f_t (:func:`stabilised_gates`). The factor exp(−m_t) cancels in c / n,
so h is the same in exact arithmetic, and no exponential exceeds 1.

The weights are a dict of each gate's own ``(W_x•, W_h•, b_•)``, ``{"c_tilde": ..., "i":
..., "f": ..., "o": ...}``, with ``W_x•`` ``(input_dim, units)``, ``W_h•`` ``(units, units)``,
``b_•`` ``(units,)``;
:func:`init_params` draws one. ``x`` is ``(batch, time, input_dim)``. States start at zero
(m too).
"""

from lstm_course.arguments import (
    array_of_shape,
    as_bool,
    as_float_array,
    as_positive_int,
    check_rng,
    common_float_dtype,
    describe,
)
from lstm_course.maths import sigmoid_unchecked as sigmoid

import numpy as np

GATES = ("c_tilde", "i", "f", "o")
FORGET = ("sigmoid", "exp")


def init_params(input_dim, units, rng, scale=0.5):
    """Random sLSTM weights: normal with standard deviation ``scale / sqrt(fan-in)``."""
    input_dim, units = as_positive_int(input_dim, "input_dim"), as_positive_int(units, "units")
    check_rng(rng)
    params = {}
    for gate in GATES:
        W_x = rng.normal(scale=scale / np.sqrt(input_dim), size=(input_dim, units))
        W_h = rng.normal(scale=scale / np.sqrt(units), size=(units, units))
        params[gate] = (W_x, W_h, np.zeros(units))
    return params


def stabilised_gates_unchecked(pre_i, log_f, m_prev):
    """:func:`stabilised_gates` without the argument checks, for :func:`slstm_forward`'s loop."""
    m = np.maximum(log_f + m_prev, pre_i)
    return np.exp(pre_i - m), np.exp(log_f + m_prev - m), m


def stabilised_gates(pre_i, log_f, m_prev):
    """One step's stabiliser m_t = max(log f_t + m_{t−1}, pre_i), and the stabilised gates.

    Args:
        pre_i: the input gate's pre-activation (log i_t), any shape.
        log_f: log f_t (``pre_f`` for an exponential forget gate, ``log σ(pre_f)`` for a
            sigmoid one), the shape of ``pre_i``.
        m_prev: m_{t−1}, the shape of ``pre_i``.

    Returns:
        ``(i_gate, f_gate, m)``: exp(pre_i − m_t) and exp(log f_t + m_{t−1} − m_t), both
        ≤ 1, and m_t.
    """
    pre_i = as_float_array(pre_i, "pre_i")
    log_f = array_of_shape(log_f, pre_i.shape, "log_f", "(the shape of pre_i)")
    m_prev = array_of_shape(m_prev, pre_i.shape, "m_prev", "(the shape of pre_i)")
    dtype = common_float_dtype(pre_i, log_f, m_prev)
    return stabilised_gates_unchecked(*(v.astype(dtype) for v in (pre_i, log_f, m_prev)))


def _check_params(params, input_dim):
    if not isinstance(params, dict) or set(params) != set(GATES):
        got = sorted(params) if isinstance(params, dict) else type(params).__name__
        raise ValueError(
            f"params must be a dict with keys {list(GATES)} (W_x, W_h, b each), got {got}"
        )
    first = params[GATES[0]][0]
    name = f"params[{GATES[0]!r}][0] (W_x)"
    units = array_of_shape(first, (input_dim, None), name, "(input_dim, units)").shape[1]
    checked = {}
    for gate in GATES:
        if not isinstance(params[gate], tuple | list) or len(params[gate]) != 3:
            got = describe(params[gate])
            raise ValueError(f"params[{gate!r}] must be a tuple (W_x, W_h, b), got {got}")
        W_x, W_h, b = params[gate]
        checked[gate] = (
            array_of_shape(
                W_x, (input_dim, units), f"params[{gate!r}][0] (W_x)", "(input_dim, units)"
            ),
            array_of_shape(W_h, (units, units), f"params[{gate!r}][1] (W_h)", "(units, units)"),
            array_of_shape(b, (units,), f"params[{gate!r}][2] (b)", "(units,)"),
        )
    return checked, units


def slstm_forward(x, params, stabilise=True, forget="exp"):
    """Run the sLSTM over ``x``; return a dict of per-step arrays ``(batch, time, units)``.

    Keys: ``h``, ``c``, ``n`` and ``m`` (``m`` is all zeros when ``stabilise`` is False).
    With ``stabilise=True``, ``c`` and ``n`` are the stored, scaled states: the unscaled
    ones are ``c · exp(m)`` and ``n · exp(m)``. Without the stabiliser an overflow gives
    inf and NaN silently, as a framework would; nothing is raised.

    Args:
        x: ``(batch, time, input_dim)``.
        params: see the module's docstring.
        stabilise: use the running maximum m_t.
        forget: ``"exp"`` (f_t = exp(pre_f)) or ``"sigmoid"`` (f_t = σ(pre_f)).
    """
    x = array_of_shape(x, (None, None, None), "x", "(batch, time, input_dim)")
    stabilise = as_bool(stabilise, "stabilise")
    if forget not in FORGET:
        raise ValueError(f"forget must be one of {FORGET}, got {forget!r}")
    params, units = _check_params(params, x.shape[2])
    dtype = np.result_type(x, *(p for gate in GATES for p in params[gate]))
    batch, steps, _ = x.shape
    h, c, n, m = (np.zeros((batch, units), dtype) for _ in range(4))
    out = {key: [] for key in ("h", "c", "n", "m")}
    with np.errstate(over="ignore", invalid="ignore"):  # unstabilised: inf and NaN, silently
        for t in range(steps):
            pre_c, pre_i, pre_f, pre_o = (  # params is in the order of GATES
                x[:, t] @ W_x + h @ W_h + b for W_x, W_h, b in params.values()
            )
            c_tilde, o = np.tanh(pre_c), sigmoid(pre_o)
            log_f = pre_f if forget == "exp" else -np.logaddexp(0, -pre_f)  # log σ(pre_f)
            if stabilise:
                i, f, m = stabilised_gates_unchecked(pre_i, log_f, m)
            else:
                i, f = np.exp(pre_i), np.exp(log_f)
            c = f * c + i * c_tilde
            n = f * n + i
            h = o * c / n
            for key, value in (("h", h), ("c", c), ("n", n), ("m", m)):
                out[key].append(value)
    return {
        k: np.stack(v, axis=1) if v else np.zeros((batch, 0, units), dtype) for k, v in out.items()
    }
