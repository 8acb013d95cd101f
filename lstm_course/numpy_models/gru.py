"""The GRU (Cho et al., 2014) in NumPy, with Keras's default ``reset_after=True`` convention.

For one step, batch-first (rows of ``x_t`` and ``h_prev`` are the batch)::

    z  = σ(x_t W_z + b_z + h_prev U_z + b'_z)          update gate
    r  = σ(x_t W_r + b_r + h_prev U_r + b'_r)          reset gate
    h̃  = tanh(x_t W_h + b_h + r ⊙ (h_prev U_h + b'_h))  candidate
    h  = z ⊙ h_prev + (1 - z) ⊙ h̃

``W`` acts on the input, ``U`` on the previous hidden state. There is no cell state: the
update gate ``z`` plays the forget gate (keep ``h_prev``) and, through ``1 - z``, the input
gate (write ``h̃``), coupled; the reset gate decides how much of ``h_prev`` the candidate sees.

**Keras's layout.** ``kernel`` (input_dim, 3·units) and ``recurrent_kernel`` (units, 3·units)
hold the gates side by side in the order **z, r, h**; with ``reset_after=True`` (the default)
``bias`` is (2, 3·units): row 0 the input bias ``b``, row 1 the recurrent bias ``b'``. The
reset gate multiplies the recurrent term *after* the matrix product, bias included.

**reset_after=False** (the original paper's form, Keras's default before 2.x) would instead
reset the state *before* the product, ``h̃ = tanh(x_t W_h + (r ⊙ h_prev) U_h + b_h)``, with a
single bias row ``(3·units,)``, so 3·units fewer parameters. It needs ``r`` before the
product for the candidate, so the three recurrent products cannot be one fused matrix
product. This module implements ``reset_after=True`` only and refuses a layer with
``reset_after=False`` (:func:`from_keras_gru`).

Parameters: ``3 * (units * (input_dim + units) + 2 * units)`` (:func:`param_count`), against
the LSTM's ``4 * (units * (input_dim + units) + units)``.

Conventions as in :mod:`lstm_course.numpy_models.lstm`: errors name the argument, what it should be
and
what came; a forward pass computes in ``np.result_type`` of its inputs. Defined in notebook 09.
"""

from lstm_course.arguments import (
    array_of_shape,
    as_float_array,
    as_positive_int,
    check_keras_recurrent_layer,
    check_shape,
    fused_weights,
    recurrent_inputs,
)
from lstm_course.maths import sigmoid

import numpy as np

GRU_GATES = ("z", "r", "h")  # Keras's order inside the fused matrices

__all__ = ["GRU_GATES", "from_keras_gru", "gru_cell_forward", "gru_forward", "param_count"]


def param_count(units: int, input_dim: int) -> int:
    """Parameters of a Keras GRU with ``reset_after=True``: ``3 * (u * (d + u) + 2 * u)``.

    Three blocks (z, r, h), each with an input matrix (u × d), a recurrent matrix (u × u)
    and two biases (input and recurrent) of u values. Defined in notebook 09.
    """
    units = as_positive_int(units, "units")
    input_dim = as_positive_int(input_dim, "input_dim")
    return 3 * (units * (input_dim + units) + 2 * units)


def _fused(kernel, recurrent_kernel, bias):
    kernel = as_float_array(kernel, "kernel")
    recurrent_kernel = as_float_array(recurrent_kernel, "recurrent_kernel")
    bias = as_float_array(bias, "bias")
    check_shape(recurrent_kernel, (None, None), "recurrent_kernel", "(units, 3*units)")
    units = recurrent_kernel.shape[0]
    check_shape(recurrent_kernel, (units, 3 * units), "recurrent_kernel", "(units, 3*units)")
    check_shape(kernel, (None, 3 * units), "kernel", "(input_dim, 3*units)")
    if bias.shape == (3 * units,):
        raise ValueError(
            f"bias must have shape (2, {3 * units}) (input bias, recurrent bias: Keras's "
            f"reset_after=True), got {bias.shape}, the reset_after=False layout, which "
            f"this GRU does not implement"
        )
    return fused_weights(kernel, recurrent_kernel, bias, blocks=3, bias_rows=2)


def _step(x_part, h_prev, recurrent_kernel, recurrent_bias, units):
    """One step from the input's part ``x_t @ kernel + b`` (batch, 3u); returns h, z, r, h̃."""
    u = units
    rec = h_prev @ recurrent_kernel + recurrent_bias  # recurrent terms, bias included
    z = sigmoid(x_part[:, :u] + rec[:, :u])
    r = sigmoid(x_part[:, u : 2 * u] + rec[:, u : 2 * u])
    candidate = np.tanh(x_part[:, 2 * u :] + r * rec[:, 2 * u :])  # reset after the product
    h = z * h_prev + (1 - z) * candidate
    return h, z, r, candidate


def gru_cell_forward(x_t, h_prev, kernel, recurrent_kernel, bias):
    """One GRU step for a batch (Keras's ``reset_after=True``). Defined in notebook 09.

    Args:
        x_t: ``(batch, input_dim)``; h_prev: ``(batch, units)``.
        kernel, recurrent_kernel, bias: Keras's layout (see the module docstring).

    Returns:
        ``(h_t, gates)``: the new state ``(batch, units)`` and a dict with ``"z"``, ``"r"``
        and ``"h"`` (the candidate h̃), each ``(batch, units)``.
    """
    kernel, recurrent_kernel, bias, units = _fused(kernel, recurrent_kernel, bias)
    x_t = array_of_shape(x_t, (None, kernel.shape[0]), "x_t", "(batch, input_dim)")
    h_prev = array_of_shape(h_prev, (x_t.shape[0], units), "h_prev", "(batch, units)")
    h, z, r, candidate = _step(x_t @ kernel + bias[0], h_prev, recurrent_kernel, bias[1], units)
    return h, {"z": z, "r": r, "h": candidate}


def gru_forward(x, kernel, recurrent_kernel, bias, h0=None):
    """Run the GRU over sequences ``x`` (batch, time, input_dim). Defined in notebook 09.

    Returns:
        ``(h, gates)``: the hidden states ``(batch, time, units)`` and a dict of the gate
        activations ``"z"``, ``"r"``, ``"h"``, each ``(batch, time, units)``.

    Raises:
        ValueError: if a shape does not fit, naming the expected and the received shape.
        TypeError: if an argument is not numeric.
    """
    kernel, recurrent_kernel, bias, units = _fused(kernel, recurrent_kernel, bias)
    weights = (kernel, recurrent_kernel, bias)
    x, (kernel, recurrent_kernel, bias), (h,) = recurrent_inputs(x, weights, units, h0=h0)
    batch, steps, _ = x.shape
    dtype = x.dtype
    x_parts = x @ kernel + bias[0]  # the input's part of every step, at once
    out = {k: np.empty((batch, steps, units), dtype) for k in ("state", *GRU_GATES)}
    for t in range(steps):
        h, z, r, candidate = _step(x_parts[:, t], h, recurrent_kernel, bias[1], units)
        out["state"][:, t], out["z"][:, t], out["r"][:, t], out["h"][:, t] = h, z, r, candidate
    return out.pop("state"), out


def from_keras_gru(layer):
    """``(kernel, recurrent_kernel, bias)`` of a built ``keras.layers.GRU`` as NumPy arrays.

    Defined in notebook 09. Refuses a layer whose settings :func:`gru_forward` does not
    implement, naming the setting: ``reset_after=False``, ``activation`` other than tanh,
    ``recurrent_activation`` other than sigmoid, no bias, ``go_backwards``; or another
    layer type (an LSTM, a SimpleRNN).
    """
    check_keras_recurrent_layer(layer, "GRU", activation="tanh", recurrent_activation="sigmoid")
    if not layer.reset_after:
        raise ValueError(
            "the NumPy GRU implements reset_after=True (Keras's default: the reset gate "
            "multiplies h_prev @ U_h + b'_h); layer has reset_after=False"
        )
    return tuple(np.asarray(w) for w in layer.get_weights())
