"""Notebook 00: the dense layer with a tanh."""

from lstm_course.exercises._common import distinct_sizes, relu, zeroed
from lstm_course.exercises.checker import Ablation, Exercise, KnownBug
from lstm_course.maths import sigmoid_unchecked as sigmoid

import numpy as np


def dense_tanh(x, W, b):
    """Reference: one dense layer with a tanh, ``tanh(x @ W + b)``.

    x: (batch, d_in), W: (d_in, units), b: (units,) -> (batch, units).
    """
    return np.tanh(x @ W + b)


def _dense_inputs(rng, trial=0):
    batch, d_in, units = distinct_sizes(rng, trial, (4, 3, 5))  # all different
    return {
        "x": rng.normal(size=(batch, d_in)),
        "W": rng.normal(size=(d_in, units)),
        "b": rng.normal(size=units),
    }


check_dense_tanh = Exercise(
    name="dense_tanh",
    reference=dense_tanh,
    make_inputs=_dense_inputs,
    output_names=("tanh(x @ W + b)",),
    known_bugs=[
        KnownBug(lambda x, W, b: x @ W + b, "the tanh is missing: squash x @ W + b with np.tanh"),
        KnownBug(lambda x, W, b: np.tanh(x @ W) + b, "the bias belongs inside the tanh"),
        KnownBug(
            lambda x, W, b: sigmoid(x @ W + b),
            "that is a sigmoid (values in 0..1); use np.tanh (values in -1..1)",
        ),
        KnownBug(
            lambda x, W, b: relu(x @ W + b),
            "that is a ReLU (values from 0 up); use np.tanh (values in -1..1)",
        ),
        KnownBug(lambda x, W, b: np.tanh(x @ W), "the bias b is missing"),
        KnownBug(lambda x, W, b: np.tanh(x @ W - b), "the bias is added, not subtracted"),
        KnownBug(lambda x, W, b: np.tanh(x) @ W + b, "apply the tanh after x @ W + b, not to x"),
        KnownBug(
            lambda x, W, b: x @ W + np.tanh(b),
            "the tanh must wrap the whole sum x @ W + b, not only b",
        ),
        KnownBug(
            lambda x, W, b: 2 * sigmoid(x @ W + b) - 1,
            "2σ(z) - 1 is tanh(z / 2); the identity is tanh(z) = 2σ(2z) - 1 (or use np.tanh)",
        ),
    ],
    ablations=[
        Ablation(zeroed("b"), "with b = 0 your output is wrong: check the x @ W term"),
        Ablation(zeroed("x"), "with x = 0 the output must be tanh(b): check the bias term"),
    ],
    error_hint="x is (batch, d_in), W is (d_in, units) and the result is (batch, units)",
)
