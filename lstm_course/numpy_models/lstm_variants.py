"""The LSTM and its classic variants as one parameterised cell, in NumPy.

Every variant is a small change to the vanilla step (notebook 03; the course's notation,
CONTRIBUTING.md, "Notation"), with ``pre = x_t W_x + h_{t-1} W_h + b`` the gates'
pre-activations side by side::

    i_t = σ(pre_i), f_t = σ(pre_f), c̃_t = tanh(pre_c), o_t = σ(pre_o)
    c_t = f_t ⊙ c_{t-1} + i_t ⊙ c̃_t
    h_t = o_t ⊙ tanh(c_t)

=========================  ======================  =================================
variant                    the change              gates with weights (Keras order)
=========================  ======================  =================================
``vanilla``                none                    i, f, c̃, o
``no_forget_gate``         f = 1 (the 1997 LSTM)   i, c̃, o
``no_input_gate``          i = 1                   f, c̃, o
``no_output_gate``         o = 1                   i, f, c̃
``no_output_activation``   h = o ⊙ c               i, f, c̃, o
``coupled``                i = 1 − f               f, c̃, o
``forget_bias_0``          none (vanilla); its     i, f, c̃, o
                           forget bias starts at
                           0 instead of 1
=========================  ======================  =================================

A gate that is fixed (f = 1, i = 1, o = 1, i = 1 − f) has no weights, so such a variant has
fewer parameters: ``len(gates) * (units * (input_dim + units) + units)``
(:func:`param_count`). The weights hold only the gates that have weights, side by side in
the order i, f, c̃, o (:data:`lstm_course.numpy_models.lstm.GATES`, Keras's): ``W_x``
(input_dim, k·units), ``W_h`` (units, k·units), ``b`` (k·units,), k =
``len(variant_gates(v))``. For ``vanilla`` that is exactly ``keras.layers.LSTM``'s
``kernel``, ``recurrent_kernel`` and ``bias``.

**Forget bias.** ``keras.layers.LSTM`` starts the forget gate's bias at 1
(``unit_forget_bias=True``), so f ≈ σ(1) ≈ 0.73 at first and the cell starts by keeping
most of its memory (Gers et al., 2000; Jozefowicz et al., 2015). ``forget_bias_0`` computes
the same step as ``vanilla`` and differs only there: it is a training variant, not a
different cell. :func:`initial_bias` gives the starting bias of every variant.

:func:`variant_forward` (NumPy) and the Keras cell built on the same step
(:class:`lstm_course.keras_models.variant_cell.VariantLSTMCell`) compute the same thing;
the tests check both against each other and ``vanilla`` against ``keras.layers.LSTM``.

Conventions as in :mod:`lstm_course.numpy_models.lstm`. Defined in notebook 09.
"""

from lstm_course.arguments import (
    array_of_shape,
    as_positive_int,
    common_float_dtype,
    describe,
    fused_weights,
    recurrent_inputs,
)
from lstm_course.maths import sigmoid_unchecked
from lstm_course.numpy_models.lstm import GATES, gated_param_count

from dataclasses import dataclass

import numpy as np

__all__ = [
    "VARIANTS",
    "Variant",
    "check_variant",
    "initial_bias",
    "param_count",
    "variant_cell_forward",
    "variant_forward",
    "variant_gates",
    "variant_step",
]


@dataclass(frozen=True)
class Variant:
    """What a variant changes. ``gates``: the gates with weights, in the order of ``GATES``."""

    gates: tuple
    change: str
    output_activation: bool = True
    coupled: bool = False
    forget_bias: float = 1.0


VARIANTS = {
    "vanilla": Variant(GATES, "none"),
    "no_forget_gate": Variant(("i", "c_tilde", "o"), "f = 1"),
    "no_input_gate": Variant(("f", "c_tilde", "o"), "i = 1"),
    "no_output_gate": Variant(("i", "f", "c_tilde"), "o = 1"),
    "no_output_activation": Variant(GATES, "h = o * c", output_activation=False),
    "coupled": Variant(("f", "c_tilde", "o"), "i = 1 - f", coupled=True),
    "forget_bias_0": Variant(GATES, "forget bias starts at 0", forget_bias=0.0),
}


def check_variant(variant) -> str:
    """Return ``variant`` if it names one of :data:`VARIANTS`, else raise naming the choices."""
    if not isinstance(variant, str):
        raise TypeError(
            f"variant must be a string, one of {list(VARIANTS)}, got {describe(variant)}"
        )
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {list(VARIANTS)}, got {variant!r}")
    return variant


def variant_gates(variant: str) -> tuple:
    """The gates that have weights in ``variant``, in Keras's order (a subset of ``GATES``)."""
    return VARIANTS[check_variant(variant)].gates


def param_count(variant: str, units: int, input_dim: int) -> int:
    """Parameters of one layer of ``variant``: ``k * (units * (input_dim + units) + units)``.

    ``k`` is the number of gates with weights (4 for vanilla, 3 when one gate is fixed).
    """
    return gated_param_count(len(variant_gates(variant)), units, input_dim)


def initial_bias(variant: str, units: int, dtype="float64") -> np.ndarray:
    """The bias a variant starts from: zeros, and its forget bias on the forget gate's slot."""
    gates = variant_gates(variant)
    units = as_positive_int(units, "units")
    bias = np.zeros(len(gates) * units, dtype)
    if "f" in gates:
        k = gates.index("f")
        bias[k * units : (k + 1) * units] = VARIANTS[variant].forget_bias
    return bias


def _fused(W_x, W_h, b, variant):
    k = len(variant_gates(variant))
    return fused_weights(W_x, W_h, b, k, note=f" for variant {variant!r}")


def variant_step(pre, c_prev, variant, units, xp=np, sigmoid_fn=sigmoid_unchecked, tanh_fn=np.tanh):
    """The variant's step from its gates' pre-activations ``pre`` (batch, k·units).

    ``pre = x_t W_x + h_{t-1} W_h + b``, the blocks of the variant's gates side by side.
    Returns ``(h_t, c_t, gates)``, ``gates`` as :func:`variant_cell_forward` returns them.
    No argument checks: the callers check. ``xp``/``sigmoid_fn``/``tanh_fn`` let the Keras
    cell run the same lines with keras.ops.
    """
    spec = VARIANTS[variant]
    pre_of = {g: pre[:, k * units : (k + 1) * units] for k, g in enumerate(spec.gates)}
    one = xp.ones_like(c_prev)  # (batch, units): a fixed gate
    f = sigmoid_fn(pre_of["f"]) if "f" in pre_of else one
    i = 1 - f if spec.coupled else (sigmoid_fn(pre_of["i"]) if "i" in pre_of else one)
    c_tilde = tanh_fn(pre_of["c_tilde"])
    o = sigmoid_fn(pre_of["o"]) if "o" in pre_of else one
    c_t = f * c_prev + i * c_tilde
    h_t = o * (tanh_fn(c_t) if spec.output_activation else c_t)
    return h_t, c_t, {"i": i, "f": f, "c_tilde": c_tilde, "o": o}


def variant_cell_forward(x_t, h_prev, c_prev, W_x, W_h, b, variant="vanilla"):
    """One step of ``variant`` for a batch.

    Args:
        x_t: ``(batch, input_dim)``; h_prev, c_prev: ``(batch, units)``.
        W_x, W_h, b: the variant's gates side by side (module docstring).
        variant: a name in :data:`VARIANTS`.

    Returns:
        ``(h_t, c_t, gates)``; ``gates`` maps ``"i"``, ``"f"``, ``"c_tilde"`` (the candidate
        c̃_t) and ``"o"`` to their values, each ``(batch, units)``: a fixed gate is all ones
        (or ``1 - f`` for ``coupled``).
    """
    check_variant(variant)
    W_x, W_h, b, units = _fused(W_x, W_h, b, variant)
    x_t = array_of_shape(x_t, (None, W_x.shape[0]), "x_t", "(batch, input_dim)")
    h_prev = array_of_shape(h_prev, (x_t.shape[0], units), "h_prev", "(batch, units)")
    c_prev = array_of_shape(c_prev, (x_t.shape[0], units), "c_prev", "(batch, units)")
    dtype = common_float_dtype(x_t, h_prev, c_prev, W_x, W_h, b)
    pre = (x_t @ W_x + h_prev @ W_h + b).astype(dtype)  # (batch, k·units)
    return variant_step(pre, c_prev.astype(dtype), variant, units)


def variant_forward(x, W_x, W_h, b, variant="vanilla", h0=None, c0=None):
    """Run ``variant`` over sequences ``x`` (batch, time, input_dim).

    Returns:
        ``(h, c, gates)``: hidden and cell states ``(batch, time, units)`` and the gates
        ``"i"``, ``"f"``, ``"c_tilde"``, ``"o"``, each ``(batch, time, units)``.

    Raises:
        ValueError: a shape that does not fit, or an unknown variant, naming what was
            expected and what came.
        TypeError: an argument that is not numeric (or a variant that is not a string).
    """
    check_variant(variant)
    W_x, W_h, b, units = _fused(W_x, W_h, b, variant)
    x, (W_x, W_h, b), (h_t, c_t) = recurrent_inputs(x, (W_x, W_h, b), units, h0=h0, c0=c0)
    batch, steps, _ = x.shape

    h = np.empty((batch, steps, units), x.dtype)  # every h_t
    c = np.empty((batch, steps, units), x.dtype)  # every c_t
    gates = {g: np.empty((batch, steps, units), x.dtype) for g in GATES}
    from_x = x @ W_x + b  # (batch, time, k·units): x_t W_x + b of every step, at once
    for t in range(steps):
        h_t, c_t, gates_t = variant_step(from_x[:, t] + h_t @ W_h, c_t, variant, units)
        h[:, t], c[:, t] = h_t, c_t
        for g in GATES:
            gates[g][:, t] = gates_t[g]
    return h, c, gates
