"""The course's auto-checked exercises, one :class:`~lstm_course.checking.Exercise` each.

In a notebook::

    from lstm_course.exercises import check_dense_tanh
    check_dense_tanh(my_dense_tanh)
"""

import numpy as np

from lstm_course.checking import Ablation, Exercise, KnownBug


def zeroed(*names):
    """An ablation transform that sets the named inputs to zero."""

    def transform(inputs: dict) -> dict:
        return {k: (np.zeros_like(v) if k in names else v) for k, v in inputs.items()}

    return transform


# --- 00 start here -------------------------------------------------------------------------


def dense_tanh(x, W, b):
    """Reference: one dense layer with a tanh, ``tanh(x @ W + b)``.

    x: (batch, d_in), W: (d_in, units), b: (units,) -> (batch, units).
    """
    return np.tanh(x @ W + b)


def _dense_inputs(rng):
    batch, d_in, units = 4, 3, 5  # all different, so a transpose cannot hide
    return {
        "x": rng.normal(size=(batch, d_in)),
        "W": rng.normal(size=(d_in, units)),
        "b": rng.normal(size=units),
    }


check_dense_tanh = Exercise(
    name="dense_tanh",
    reference=dense_tanh,
    make_inputs=_dense_inputs,
    known_bugs=[
        KnownBug(lambda x, W, b: x @ W + b, "the tanh is missing: squash x @ W + b with np.tanh"),
        KnownBug(lambda x, W, b: np.tanh(x @ W) + b, "the bias belongs inside the tanh"),
        KnownBug(
            lambda x, W, b: 1 / (1 + np.exp(-(x @ W + b))),
            "that is a sigmoid (values in 0..1); use np.tanh (values in -1..1)",
        ),
    ],
    ablations=[
        Ablation(zeroed("b"), "with b = 0 your output is wrong: check the x @ W term"),
        Ablation(zeroed("x"), "with x = 0 the output must be tanh(b): check the bias term"),
    ],
    error_hint="x is (batch, d_in) and W is (d_in, units), so the product is x @ W",
)
