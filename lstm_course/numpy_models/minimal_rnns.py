"""minGRU and minLSTM (Feng et al., 2024, "Were RNNs All We Needed?"), in NumPy.

Taught in notebook 10, in the course's notation (notebook 00). Both drop every dependence of
the gates on h_{t−1}, and the output gate and the tanh, so the recurrence is linear in h
(:mod:`lstm_course.numpy_models.scan`)::

    minGRU    z_t = σ(x_t W_xz + b_z)     h̃_t = x_t W_xh + b_h
              h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ g(h̃_t)

    minLSTM   f_t = σ(x_t W_xf + b_f)     i_t = σ(x_t W_xi + b_i)     h̃_t = x_t W_xh + b_h
              f'_t = f_t / (f_t + i_t)    i'_t = i_t / (f_t + i_t)    (the gates sum to 1)
              h_t = f'_t ⊙ h_{t−1} + i'_t ⊙ g(h̃_t)

As in the course's GRU (notebook 09, Keras), the update gate z keeps the old state; Feng et
al. write z for our 1 − z.

``mode`` chooses how the recurrence runs: ``"loop"`` (one step after another), ``"scan"``
(Blelloch's parallel scan) or ``"log"`` (the log-space scan). The log form needs a positive
candidate, so the paper passes h̃ through ``g(v) = v + 0.5`` for v ≥ 0 and ``σ(v)`` for
v < 0 (continuous, positive, linear for large v): ``positive=True`` (the default) uses g in
every mode, so the three modes compute the same h; ``positive=False`` uses h̃ itself (g is
the identity), which the log form refuses. In the log form the logarithms of the gates come
straight from the pre-activations, ``log z = log σ(pre_z) = −softplus(−pre_z)`` and
``log(1 − z) = −softplus(pre_z)``, never from a σ that has already rounded to 0 or 1.

Weights act as Keras's do, ``x @ W + b``: ``W_x•`` is ``(input_dim, units)``, ``b_•`` is
``(units,)``; ``x`` is ``(batch, time, input_dim)``; ``h0`` is ``(batch, units)``, zeros by
default (``g``'s smallest output is above 0, so the log form takes h_0 = 0 as log −inf).
"""

from lstm_course.arguments import array_of_shape, as_bool, common_float_dtype
from lstm_course.maths import sigmoid
from lstm_course.numpy_models.scan import (
    linear_recurrence_log,
    linear_recurrence_loop,
    linear_recurrence_scan,
)

import numpy as np

MODES = ("loop", "scan", "log")


def softplus(v):
    """log(1 + eᵛ), computed without overflow."""
    return np.logaddexp(0, v)


def g(v):
    """The paper's positive candidate: v + 0.5 for v ≥ 0, σ(v) for v < 0.

    σ(v) is computed as eᵛ / (1 + eᵛ), exact to the last bits for v < 0 (where
    ``(1 + tanh(v/2)) / 2`` would lose them), so g agrees with :func:`log_g`.
    """
    e = np.exp(np.minimum(v, 0))
    return np.where(v >= 0, v + 0.5, e / (1 + e))


def log_g(v):
    """log g(v), from v: log(v + 0.5) for v ≥ 0, −softplus(−v) for v < 0."""
    return np.where(v >= 0, np.log(np.maximum(v, 0) + 0.5), -softplus(-np.minimum(v, 0)))


def _check(x, weights, h0, mode, positive):
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    positive = as_bool(positive, "positive")
    if mode == "log" and not positive:
        raise ValueError(
            "mode='log' needs the positive candidate g(h̃) (its logarithm): use positive=True, "
            "got positive=False"
        )
    x = array_of_shape(x, (None, None, None), "x", "(batch, time, input_dim)")
    first = array_of_shape(weights[0][1], (x.shape[2], None), weights[0][0], "(input_dim, units)")
    units = first.shape[1]
    arrays = []
    for name, value in weights:
        if name.startswith("W"):
            arrays.append(array_of_shape(value, (x.shape[2], units), name, "(input_dim, units)"))
        else:
            arrays.append(array_of_shape(value, (units,), name, "(units,)"))
    if h0 is not None:
        h0 = array_of_shape(h0, (x.shape[0], units), "h0", "(batch, units)")
        if mode == "log" and (h0 < 0).any():
            raise ValueError("mode='log' needs h0 >= 0 (its logarithm), got a negative entry")
    dtype = common_float_dtype(x, *arrays, *(() if h0 is None else (h0,)))
    h0 = None if h0 is None else h0.astype(dtype)
    return x.astype(dtype), [w.astype(dtype) for w in arrays], h0, positive


def _recurrence(a, b, h0, mode):
    """h_t = a_t ⊙ h_{t−1} + b_t by the loop or the scan."""
    return (linear_recurrence_loop if mode == "loop" else linear_recurrence_scan)(a, b, h0)


def _log_recurrence(log_a, log_b, h0):
    """The same from logarithms; h_0 = 0 (the default) has logarithm −inf."""
    if h0 is None:
        h0 = np.zeros(log_a[:, 0].shape, log_a.dtype)
    with np.errstate(divide="ignore"):
        return linear_recurrence_log(log_a, log_b, np.log(h0))


def min_gru(x, W_xz, b_z, W_xh, b_h, h0=None, mode="scan", positive=True, signed=False):
    """minGRU over sequences ``x``: every h_t, ``(batch, time, units)``.

    Args:
        x: ``(batch, time, input_dim)``.
        W_xz, b_z: the update gate's input weights ``(input_dim, units)`` and bias ``(units,)``.
        W_xh, b_h: the candidate's input weights and bias.
        h0: ``(batch, units)``, zeros if omitted (≥ 0 for ``mode="log"``).
        mode: ``"loop"``, ``"scan"`` or ``"log"``.
        positive: pass the candidate through :func:`g` (needed by ``"log"``).
        signed: the state's coefficient is a = 2z − 1, in (−1, 1) (Grazzi et al., 2024),
            instead of a = z; b is unchanged. ``"log"`` refuses it (log a of a negative a).
    """
    weights = (("W_xz", W_xz), ("b_z", b_z), ("W_xh", W_xh), ("b_h", b_h))
    x, (W_xz, b_z, W_xh, b_h), h0, positive = _check(x, weights, h0, mode, positive)
    if as_bool(signed, "signed") and mode == "log":
        raise ValueError(
            "mode='log' needs a > 0 (its logarithm), and signed=True makes a = 2z − 1 negative "
            "for z < 1/2: use mode='loop' or 'scan', got mode='log' with signed=True"
        )
    pre_z, h_tilde = x @ W_xz + b_z, x @ W_xh + b_h
    if mode == "log":  # log z = −softplus(−pre_z), log(1 − z) = −softplus(pre_z)
        return _log_recurrence(-softplus(-pre_z), -softplus(pre_z) + log_g(h_tilde), h0)
    z = sigmoid(pre_z)
    b = (1 - z) * (g(h_tilde) if positive else h_tilde)
    return _recurrence(2 * z - 1 if signed else z, b, h0, mode)


def min_lstm(x, W_xf, b_f, W_xi, b_i, W_xh, b_h, h0=None, mode="scan", positive=True):
    """minLSTM over sequences ``x``: every h_t, ``(batch, time, units)``.

    The forget and input gates are normalised to sum to 1 (the paper's time-independent
    form). Arguments as :func:`min_gru`, with the forget and input gates' input weights.
    """
    weights = (
        ("W_xf", W_xf),
        ("b_f", b_f),
        ("W_xi", W_xi),
        ("b_i", b_i),
        ("W_xh", W_xh),
        ("b_h", b_h),
    )
    x, (W_xf, b_f, W_xi, b_i, W_xh, b_h), h0, positive = _check(x, weights, h0, mode, positive)
    pre_f, pre_i, h_tilde = x @ W_xf + b_f, x @ W_xi + b_i, x @ W_xh + b_h
    if mode == "log":
        # log f' = −softplus(log i − log f), log i' = −softplus(log f − log i)
        diff = softplus(-pre_f) - softplus(-pre_i)
        return _log_recurrence(-softplus(diff), -softplus(-diff) + log_g(h_tilde), h0)
    f, i = sigmoid(pre_f), sigmoid(pre_i)
    return _recurrence(f / (f + i), i / (f + i) * (g(h_tilde) if positive else h_tilde), h0, mode)
