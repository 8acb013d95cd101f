"""xLSTM's sLSTM cell (Beck et al., 2024), one head, in NumPy: exponential gating, stabilised.

Taught in notebook 10. Pre-activations read the input and h⟨t−1⟩, as in the LSTM
(``x W + h R + b`` for each of z, i, f, o); what is new is the exponential input gate and a
normaliser state n that divides it out again::

    z = tanh(z̃)         cell input (the LSTM's candidate c̃)
    i = exp(ĩ)          input gate: exponential, so a later, stronger input can outweigh
                        what is stored (revise a storage decision)
    f = σ(f̃) or exp(f̃)  forget gate
    o = σ(õ)            output gate
    c⟨t⟩ = f ⊙ c⟨t−1⟩ + i ⊙ z
    n⟨t⟩ = f ⊙ n⟨t−1⟩ + i           the normaliser: the sum of the weights given so far
    h⟨t⟩ = o ⊙ c⟨t⟩ / n⟨t⟩          a weighted average of the inputs z

exp(ĩ) overflows once ĩ > 88.7 in float32 (709.8 in float64), and then c / n is inf / inf
= NaN. The stabiliser m⟨t⟩ = max(log f + m⟨t−1⟩, ĩ) is a running maximum of the log weights;
the cell stores c and n divided by exp(m⟨t⟩), using

    i' = exp(ĩ − m⟨t⟩) ≤ 1      f' = exp(log f + m⟨t−1⟩ − m⟨t⟩) ≤ 1

in place of i and f. The factor exp(−m⟨t⟩) cancels in c / n, so h is the same in exact
arithmetic, and no exponential exceeds 1.

The weights are a dict ``{"z": (W, R, b), "i": ..., "f": ..., "o": ...}`` with ``W``
``(input_dim, units)``, ``R`` ``(units, units)``, ``b`` ``(units,)``; :func:`init_params`
draws one. ``x`` is ``(batch, time, input_dim)``. States start at zero (m too).
"""

from lstm_course.arguments import array_of_shape, as_bool, as_positive_int, check_rng, describe
from lstm_course.maths import sigmoid

import numpy as np

GATES = ("z", "i", "f", "o")
FORGET = ("sigmoid", "exp")


def init_params(input_dim, units, rng, scale=0.5):
    """Random sLSTM weights: normal with standard deviation ``scale / sqrt(fan-in)``."""
    input_dim, units = as_positive_int(input_dim, "input_dim"), as_positive_int(units, "units")
    check_rng(rng)
    params = {}
    for gate in GATES:
        W = rng.normal(scale=scale / np.sqrt(input_dim), size=(input_dim, units))
        R = rng.normal(scale=scale / np.sqrt(units), size=(units, units))
        params[gate] = (W, R, np.zeros(units))
    return params


def _check_params(params, input_dim):
    if not isinstance(params, dict) or set(params) != set(GATES):
        got = sorted(params) if isinstance(params, dict) else type(params).__name__
        raise ValueError(f"params must be a dict with keys {list(GATES)} (W, R, b each), got {got}")
    W0 = array_of_shape(
        params["z"][0], (input_dim, None), "params['z'][0] (W)", "(input_dim, units)"
    )
    units = W0.shape[1]
    checked = {}
    for gate in GATES:
        if not isinstance(params[gate], tuple | list) or len(params[gate]) != 3:
            got = describe(params[gate])
            raise ValueError(f"params[{gate!r}] must be a tuple (W, R, b), got {got}")
        W, R, b = params[gate]
        checked[gate] = (
            array_of_shape(W, (input_dim, units), f"params[{gate!r}][0] (W)", "(input_dim, units)"),
            array_of_shape(R, (units, units), f"params[{gate!r}][1] (R)", "(units, units)"),
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
        stabilise: use the running maximum m⟨t⟩.
        forget: ``"exp"`` (f = exp(f̃)) or ``"sigmoid"`` (f = σ(f̃)).
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
            pre = {g: x[:, t] @ W + h @ R + b for g, (W, R, b) in params.items()}
            z, o = np.tanh(pre["z"]), sigmoid(pre["o"])
            log_f = pre["f"] if forget == "exp" else -np.logaddexp(0, -pre["f"])  # log σ
            if stabilise:
                m_new = np.maximum(log_f + m, pre["i"])
                i, f = np.exp(pre["i"] - m_new), np.exp(log_f + m - m_new)
                m = m_new
            else:
                i, f = np.exp(pre["i"]), np.exp(log_f)
            c = f * c + i * z
            n = f * n + i
            h = o * c / n
            for key, value in (("h", h), ("c", c), ("n", n), ("m", m)):
                out[key].append(value)
    return {
        k: np.stack(v, axis=1) if v else np.zeros((batch, 0, units), dtype) for k, v in out.items()
    }
