"""The course's auto-checked exercises, one :class:`~lstm_course.checking.Exercise` each.

In a notebook::

    from lstm_course.exercises import check_dense_tanh
    check_dense_tanh(my_dense_tanh)
"""

import numpy as np

from lstm_course import rnn
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


# --- 01 RNN recurrence ----------------------------------------------------------------------


def _rnn_cell_inputs(rng):
    batch, n_x, n_a = 3, 4, 5
    return {
        "x_t": rng.normal(size=(batch, n_x)),
        "a_prev": rng.normal(size=(batch, n_a)),
        "Wax": rng.normal(size=(n_a, n_x)),
        "Waa": rng.normal(size=(n_a, n_a)),
        "ba": rng.normal(size=n_a),
    }


check_rnn_cell_forward = Exercise(
    name="rnn_cell_forward",
    reference=rnn.rnn_cell_forward,
    make_inputs=_rnn_cell_inputs,
    known_bugs=[
        KnownBug(
            lambda x_t, a_prev, Wax, Waa, ba: np.tanh(x_t @ Wax.T + ba),
            "your output ignores a_prev: the recurrent term Waa·a<t-1> is what makes it an RNN",
        ),
        KnownBug(
            lambda x_t, a_prev, Wax, Waa, ba: np.tanh(a_prev @ Waa + x_t @ Wax.T + ba),
            "Waa is not transposed: with batch-first rows, Waa·a<t-1> becomes a_prev @ Waa.T",
        ),
        KnownBug(
            lambda x_t, a_prev, Wax, Waa, ba: a_prev @ Waa.T + x_t @ Wax.T + ba,
            "the tanh is missing",
        ),
        KnownBug(
            lambda x_t, a_prev, Wax, Waa, ba: np.tanh(a_prev @ Waa.T + x_t @ Wax.T) + ba,
            "the bias ba belongs inside the tanh",
        ),
    ],
    ablations=[  # each keeps exactly one term of Waa·a<t-1> + Wax·x<t> + ba
        Ablation(
            zeroed("x_t", "a_prev"),
            "with x_t = a_prev = 0 the output must be tanh(ba): check the bias",
        ),
        Ablation(
            zeroed("a_prev", "ba"),
            "with only the input term left, your output is wrong: check the Wax·x<t> term",
        ),
        Ablation(
            zeroed("x_t", "ba"),
            "with only the recurrent term left, your output is wrong: check the Waa·a<t-1> term",
        ),
    ],
    error_hint="x_t is (batch, n_x) and Wax is (n_a, n_x), so the input term is x_t @ Wax.T",
)


def _sequence_loss_inputs(rng):
    batch, steps, n_y = 3, 4, 5
    return {
        "y_hat": rnn.softmax(rng.normal(size=(batch, steps, n_y))),
        "y": rng.integers(0, n_y, size=(batch, steps)),
    }


def _picked(y_hat, y):
    return np.take_along_axis(y_hat, y[..., None], axis=-1)[..., 0]


check_sequence_loss = Exercise(
    name="sequence_loss",
    reference=rnn.sequence_cross_entropy,
    make_inputs=_sequence_loss_inputs,
    known_bugs=[
        KnownBug(
            lambda y_hat, y: float(-np.log(_picked(y_hat, y)).mean()),
            "you averaged over time too: the sequence loss *sums* the per-step losses over t "
            "(and averages over the batch)",
        ),
        KnownBug(
            lambda y_hat, y: float(-np.log(_picked(y_hat, y)).sum()),
            "you summed over the batch too: sum over time, then average over the batch",
        ),
        KnownBug(
            lambda y_hat, y: float(np.log(_picked(y_hat, y)).sum(axis=1).mean()),
            "the sign is wrong: cross-entropy is -log(probability of the true class)",
        ),
    ],
    error_hint="pick the true class's probability: np.take_along_axis(y_hat, y[..., None], -1)",
)
