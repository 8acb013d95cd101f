"""The LSTM as notebook 03 writes it: one step at a time, one gate at a time. Read this one.

For one step, with the separate notation (``U`` acts on the input, ``W`` on the previous
hidden state; rows of ``x_t`` and ``h`` are the batch, hence the transposes)::

    f  = σ(x_t U_fᵀ + h_prev W_fᵀ + b_f)          forget gate
    i  = σ(x_t U_iᵀ + h_prev W_iᵀ + b_i)          input gate
    c̃  = tanh(x_t U_cᵀ + h_prev W_cᵀ + b_c)       candidate values
    o  = σ(x_t U_oᵀ + h_prev W_oᵀ + b_o)          output gate
    c  = f ⊙ c_prev + i ⊙ c̃
    h  = o ⊙ tanh(c)

:func:`lstm_forward` and :func:`lstm_backward` take and return Keras's fused weights, like
their fast twins in :mod:`lstm_course.numpy_models.lstm` (which notebooks 02 and 03 call), and the
tests
check that both give the same numbers to float64 rounding. These are written for reading:
no in-place tricks and no precomputed factors; a step of the backward pass is the chain
rule applied to the six lines above, from the last line up. Defined in notebook 03.

Conventions as in :mod:`lstm_course.numpy_models.lstm` (clear errors, ``np.result_type`` of the
inputs).
"""

from lstm_course.arguments import array_of_shape, check_cache, common_float_dtype
from lstm_course.numpy_models.lstm import GATES, cell_state_backward, gates_to_keras, keras_to_gates
from lstm_course.numpy_models.maths import sigmoid

import numpy as np


def lstm_forward(x, kernel, recurrent_kernel, bias, h0=None, c0=None):
    """Run the LSTM over sequences ``x`` (batch, time, input_dim), step by step.

    Returns ``(h, c, cache)`` like :func:`lstm_course.numpy_models.lstm.lstm_forward`: hidden and
    cell
    states ``(batch, time, units)``, and what :func:`lstm_backward` needs.
    """
    params = keras_to_gates(kernel, recurrent_kernel, bias)  # gate -> (U, W, b)
    units, input_dim = params["i"][0].shape
    x = array_of_shape(x, (None, None, input_dim), "x", "(batch, time, input_dim)")
    batch, steps, _ = x.shape
    dtype = common_float_dtype(x, kernel, recurrent_kernel, bias)
    h = np.zeros((batch, units), dtype) if h0 is None else h0
    c = np.zeros((batch, units), dtype) if c0 is None else c0
    h = array_of_shape(h, (batch, units), "h0", "(batch, units)")
    c = array_of_shape(c, (batch, units), "c0", "(batch, units)")
    dtype = common_float_dtype(dtype, h, c)
    x, h, c = x.astype(dtype), h.astype(dtype), c.astype(dtype)
    params = {g: tuple(p.astype(dtype) for p in params[g]) for g in GATES}
    (U_i, W_i, b_i), (U_f, W_f, b_f) = params["i"], params["f"]
    (U_c, W_c, b_c), (U_o, W_o, b_o) = params["c"], params["o"]

    steps_cache = []
    hs, cs = [], []
    for t in range(steps):
        x_t, h_prev, c_prev = x[:, t], h, c
        f = sigmoid(x_t @ U_f.T + h_prev @ W_f.T + b_f)
        i = sigmoid(x_t @ U_i.T + h_prev @ W_i.T + b_i)
        c_tilde = np.tanh(x_t @ U_c.T + h_prev @ W_c.T + b_c)
        o = sigmoid(x_t @ U_o.T + h_prev @ W_o.T + b_o)
        c = f * c_prev + i * c_tilde
        h = o * np.tanh(c)
        steps_cache.append((x_t, h_prev, c_prev, f, i, c_tilde, o, c))
        hs.append(h)
        cs.append(c)
    h_all = np.stack(hs, axis=1) if steps else np.zeros((batch, 0, units), dtype)
    c_all = np.stack(cs, axis=1) if steps else np.zeros((batch, 0, units), dtype)
    cache = {"steps": steps_cache, "params": params, "shape": (batch, steps, units, input_dim)}
    return h_all, c_all, cache


def lstm_backward(dh, cache, dc_last=None):
    """Backpropagation through time for :func:`lstm_forward`, one step at a time.

    Args:
        dh: gradient of the loss with respect to every hidden state, from the layers above,
            ``(batch, time, units)``.
        cache: the third value returned by :func:`lstm_forward`.
        dc_last: optional gradient with respect to the last cell state, ``(batch, units)``.

    Returns:
        dict with ``dx``, ``dkernel``, ``drecurrent_kernel``, ``dbias``, ``dh0``, ``dc0`` and
        ``dc``, as :func:`lstm_course.numpy_models.lstm.lstm_backward` returns them.
    """
    check_cache(cache, ("steps", "params", "shape"), producer="lstm_reference.lstm_forward")
    batch, steps, units, input_dim = cache["shape"]
    params = cache["params"]
    dh = array_of_shape(dh, (batch, steps, units), "dh", "(batch, time, units)")
    dtype = common_float_dtype(params["i"][0], dh)
    dc_next = np.zeros((batch, units), dtype) if dc_last is None else dc_last
    dc_next = array_of_shape(dc_next, (batch, units), "dc_last", "(batch, units)")
    dtype = common_float_dtype(dtype, dc_next)
    dc_next = dc_next.astype(dtype)
    grads = {g: [np.zeros_like(p, dtype=dtype) for p in params[g]] for g in GATES}
    dx = np.zeros((batch, steps, input_dim), dtype)
    dc_all = np.zeros((batch, steps, units), dtype)
    dh_next = np.zeros((batch, units), dtype)  # what flows back into h<t> from step t+1

    for t in reversed(range(steps)):
        x_t, h_prev, c_prev, f, i, c_tilde, o, c = cache["steps"][t]
        dh_t = dh[:, t] + dh_next
        # h = o ⊙ tanh(c), and c reaches step t+1: the cell-state part (notebook 03, exercise 3)
        dc, dc_next = cell_state_backward(dh_t, dc_next, o, c, f)
        dc_all[:, t] = dc
        do = dh_t * np.tanh(c)
        # c = f ⊙ c_prev + i ⊙ c̃
        df = dc * c_prev
        di = dc * c_tilde
        dc_tilde = dc * i
        # through the activations: σ'(z) = σ(1 - σ), tanh'(z) = 1 - tanh²
        dz = {
            "f": df * f * (1 - f),
            "i": di * i * (1 - i),
            "c": dc_tilde * (1 - c_tilde**2),
            "o": do * o * (1 - o),
        }
        # z = x_t Uᵀ + h_prev Wᵀ + b, for each gate
        dh_next = np.zeros_like(dh_t)
        for g in GATES:
            U, W, _ = params[g]
            grads[g][0] += dz[g].T @ x_t
            grads[g][1] += dz[g].T @ h_prev
            grads[g][2] += dz[g].sum(axis=0)
            dx[:, t] += dz[g] @ U
            dh_next += dz[g] @ W

    dkernel, drecurrent_kernel, dbias = gates_to_keras({g: tuple(grads[g]) for g in GATES})
    return {
        "dx": dx,
        "dkernel": dkernel,
        "drecurrent_kernel": drecurrent_kernel,
        "dbias": dbias,
        "dh0": dh_next,
        "dc0": dc_next,
        "dc": dc_all,
    }
