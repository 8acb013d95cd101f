"""The GRU (Cho et al., 2014) in NumPy, as Keras computes it by default (``reset_after=True``).

For one step, in the course's notation (CONTRIBUTING.md, "Notation"; rows are examples, as
in Keras, so the products need no transposes)::

    z_t = σ(x_t W_xz + h_{t-1} W_hz + b_xz + b_hz)               update gate
    r_t = σ(x_t W_xr + h_{t-1} W_hr + b_xr + b_hr)               reset gate
    h̃_t = tanh(x_t W_xh + b_xh + r_t ⊙ (h_{t-1} W_hh + b_hh))    candidate (``h_tilde``)
    h_t = z_t ⊙ h_{t-1} + (1 - z_t) ⊙ h̃_t

There is no cell state: z_t keeps the old state (as in Keras, Cho et al. and d2l.ai) and,
through 1 - z_t, writes the candidate, so it plays the LSTM's forget and input gates,
coupled; the reset gate decides how much of h_{t-1} the candidate sees.

**The weights, side by side.** ``W_x`` (input_dim, 3·units) and ``W_h`` (units, 3·units)
hold the blocks in the order **z, r, h̃** (``W_x`` = [W_xz | W_xr | W_xh]). With
``reset_after=True`` every block has two biases, so ``b`` is (2, 3·units): row 0 ``b_x``
(added to the input's part), row 1 ``b_h`` (added to the recurrent part, inside the reset
for h̃). For z and r the two only add up. Keras calls the three arrays ``kernel``,
``recurrent_kernel`` and ``bias``; they are the same arrays. (d2l.ai's GRU has one bias per
gate; PyTorch's has two, as here.)

**reset_after=False** (the original paper's form, tf.keras's default before TensorFlow 2)
would reset the state *before* the product,
``h̃_t = tanh(x_t W_xh + b_xh + (r_t ⊙ h_{t-1}) W_hh)``, with one bias row ``(3·units,)``,
so 3·units fewer parameters. It needs r_t before the candidate's recurrent product, so the
three recurrent products cannot be one fused product.
This module implements ``reset_after=True`` only and refuses the other (:func:`from_keras_gru`,
and a one-row ``b``).

Parameters: ``3 * (units * (input_dim + units) + 2 * units)`` (:func:`param_count`), against
the LSTM's ``4 * (units * (input_dim + units) + units)``.

Conventions as in :mod:`lstm_course.numpy_models.lstm`: checks at the boundary (errors name
the argument, what it should be and what came), the maths in
:func:`gru_cell_forward_unchecked`; a forward pass computes in ``np.result_type`` of its
inputs. Defined in notebook 09.
"""

from lstm_course import maths
from lstm_course.arguments import (
    array_of_shape,
    as_float_array,
    check_keras_recurrent_layer,
    check_shape,
    fused_weights,
    recurrent_inputs,
)
from lstm_course.numpy_models.lstm import gated_param_count

import numpy as np

GRU_GATES = ("z", "r", "h_tilde")  # the blocks' order in W_x, W_h and b (Keras's)

__all__ = [
    "GRU_GATES",
    "from_keras_gru",
    "gru_cell_forward",
    "gru_cell_forward_unchecked",
    "gru_forward",
    "param_count",
]


def param_count(units: int, input_dim: int) -> int:
    """Parameters of a Keras GRU with ``reset_after=True``: ``3 * (n * (d + n) + 2 * n)``.

    Three blocks (z, r, h̃), each with ``W_x•`` (d × n), ``W_h•`` (n × n) and two biases
    (``b_x•`` and ``b_h•``) of n values, for n units and d inputs. Defined in notebook 09.
    """
    return gated_param_count(3, units, input_dim, bias_rows=2)


def _fused(W_x, W_h, b):
    """:func:`~lstm_course.arguments.fused_weights` for the GRU: 3 blocks, 2 bias rows."""
    b = as_float_array(b, "b")
    if b.ndim == 1:  # the layout of reset_after=False: say so
        W_h = as_float_array(W_h, "W_h")
        check_shape(W_h, (None, None), "W_h", "(units, 3*units)")
        raise ValueError(
            f"b must have shape (2, {3 * W_h.shape[0]}) (row 0 b_x, row 1 b_h: Keras's "
            f"reset_after=True), got {b.shape}: one bias row is the reset_after=False "
            f"layout, which this GRU does not implement"
        )
    return fused_weights(W_x, W_h, b, blocks=3, bias_rows=2)


def gru_cell_forward_unchecked(x_t, h_prev, W_x, W_h, b):
    """:func:`gru_cell_forward` without the argument checks: the equations of notebook 09,
    for the loop of :func:`gru_forward`, which checks its inputs once."""
    n = h_prev.shape[-1]
    from_x = x_t @ W_x + b[0]  # (batch, 3n): x_t W_x• + b_x• for z, r, h̃
    from_h = h_prev @ W_h + b[1]  # (batch, 3n): h_{t-1} W_h• + b_h• for z, r, h̃
    z = maths.sigmoid_unchecked(from_x[:, :n] + from_h[:, :n])  # update gate
    r = maths.sigmoid_unchecked(from_x[:, n : 2 * n] + from_h[:, n : 2 * n])  # reset gate
    h_tilde = np.tanh(from_x[:, 2 * n :] + r * from_h[:, 2 * n :])  # reset after the product
    h_t = z * h_prev + (1 - z) * h_tilde  # z keeps the old state
    return h_t, {"z": z, "r": r, "h_tilde": h_tilde}


def gru_cell_forward(x_t, h_prev, W_x, W_h, b):
    """One GRU step for a batch (Keras's ``reset_after=True``). Defined in notebook 09.

    Args:
        x_t: ``(batch, input_dim)``; h_prev: ``(batch, units)``.
        W_x, W_h, b: the blocks z, r, h̃ side by side, ``b`` (2, 3·units) (Keras's
            ``kernel``, ``recurrent_kernel``, ``bias``; see the module docstring).

    Returns:
        ``(h_t, gates)``: the new state ``(batch, units)`` and a dict with ``"z"``, ``"r"``
        and ``"h_tilde"`` (the candidate h̃_t), each ``(batch, units)``.
    """
    W_x, W_h, b, units = _fused(W_x, W_h, b)
    x_t = array_of_shape(x_t, (None, W_x.shape[0]), "x_t", "(batch, input_dim)")
    h_prev = array_of_shape(h_prev, (x_t.shape[0], units), "h_prev", "(batch, units)")
    return gru_cell_forward_unchecked(x_t, h_prev, W_x, W_h, b)


def gru_forward(x, W_x, W_h, b, h0=None):
    """Run the GRU over sequences: :func:`gru_cell_forward`'s step, once per time step.

    Defined in notebook 09.

    Args:
        x: ``(batch, time, input_dim)``; ``time`` may be 0.
        W_x, W_h, b: the blocks z, r, h̃ side by side, ``b`` (2, 3·units).
        h0: the initial state ``(batch, units)``; zeros if ``None`` (as in Keras).

    Returns:
        ``(h, gates)``: the hidden states ``(batch, time, units)`` and a dict of the gates
        ``"z"``, ``"r"`` and ``"h_tilde"``, each ``(batch, time, units)``.

    Raises:
        ValueError: if a shape does not fit, naming the expected and the received shape.
        TypeError: if an argument is not numeric.
    """
    W_x, W_h, b, units = _fused(W_x, W_h, b)
    x, (W_x, W_h, b), (h0,) = recurrent_inputs(x, (W_x, W_h, b), units, h0=h0)
    batch, steps, _ = x.shape

    h = np.zeros((batch, steps, units), x.dtype)  # every h_t
    gates = {g: np.zeros((batch, steps, units), x.dtype) for g in GRU_GATES}
    h_t = h0
    for t in range(steps):
        h_t, gates_t = gru_cell_forward_unchecked(x[:, t], h_t, W_x, W_h, b)
        h[:, t] = h_t
        for g in GRU_GATES:
            gates[g][:, t] = gates_t[g]
    return h, gates


def from_keras_gru(layer):
    """``(W_x, W_h, b)`` of a built ``keras.layers.GRU`` as NumPy arrays.

    Defined in notebook 09. Keras's ``kernel``, ``recurrent_kernel`` and ``bias`` are these
    arrays as they are. Refuses a layer whose settings :func:`gru_forward` does not
    implement, naming the setting: ``reset_after=False``, ``activation`` other than tanh,
    ``recurrent_activation`` other than sigmoid, no bias, ``go_backwards``; or another
    layer type (an LSTM, a SimpleRNN).
    """
    check_keras_recurrent_layer(layer, "GRU", activation="tanh", recurrent_activation="sigmoid")
    if not layer.reset_after:
        raise ValueError(
            "the NumPy GRU implements reset_after=True (Keras's default: r_t multiplies "
            "h_{t-1} W_hh + b_hh, after the product); got a layer with reset_after=False"
        )
    return tuple(np.asarray(w) for w in layer.get_weights())
