"""Notebook 01: one RNN step, and the loss of a whole sequence."""

from lstm_course import maths
from lstm_course.exercises._common import distinct_sizes, relu, zeroed
from lstm_course.exercises.checker import Ablation, Exercise, KnownBug
from lstm_course.maths import sigmoid_unchecked as sigmoid
from lstm_course.numpy_models import rnn

import numpy as np

rnn_cell_forward = rnn.rnn_cell_forward  # the reference
sequence_loss = maths.sequence_cross_entropy  # the reference


def _rnn_cell_inputs(rng, trial=0):
    batch, n_x, n_a = distinct_sizes(rng, trial, (3, 4, 5))
    return {
        "x_t": rng.normal(size=(batch, n_x)),
        "a_prev": rng.normal(size=(batch, n_a)),
        "Wax": rng.normal(size=(n_a, n_x)),
        "Waa": rng.normal(size=(n_a, n_a)),
        "ba": rng.normal(size=n_a),
    }


def _cell(activation=np.tanh, recurrent=True, inputs=True, bias="inside", waa_t=True):
    """A (possibly broken) RNN step, for the checker's known bugs."""

    def step(x_t, a_prev, Wax, Waa, ba):
        z = np.zeros((x_t.shape[0], Wax.shape[0]))
        if recurrent:
            z = z + a_prev @ (Waa.T if waa_t else Waa)
        if inputs:
            z = z + x_t @ Wax.T
        if bias == "inside":
            z = z + ba
        out = activation(z)
        return out + ba if bias == "outside" else out

    return step


check_rnn_cell_forward = Exercise(
    name="rnn_cell_forward",
    reference=rnn.rnn_cell_forward,
    make_inputs=_rnn_cell_inputs,
    known_bugs=[
        KnownBug(
            _cell(recurrent=False),
            "your output ignores a_prev: the recurrent term Waa·a<t-1> is what makes it an RNN",
        ),
        KnownBug(_cell(inputs=False), "your output ignores x_t: add the input term Wax·x<t>"),
        KnownBug(
            _cell(waa_t=False),
            "Waa is not transposed: with batch-first rows, Waa·a<t-1> becomes a_prev @ Waa.T",
        ),
        KnownBug(_cell(activation=lambda z: z), "the tanh is missing"),
        KnownBug(_cell(bias="outside"), "the bias ba belongs inside the tanh"),
        KnownBug(_cell(bias="none"), "the bias ba is missing"),
        KnownBug(
            _cell(activation=sigmoid),
            "that is a sigmoid (values in 0..1); the RNN cell uses tanh (values in -1..1)",
        ),
        KnownBug(
            _cell(activation=relu),
            "that is a ReLU (values from 0 up); the RNN cell uses tanh (values in -1..1)",
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
    error_hint="x_t is (batch, n_x), Wax is (n_a, n_x), and the result is (batch, n_a)",
)


def _sequence_loss_inputs(rng, trial=0):
    batch, steps, n_y = distinct_sizes(rng, trial, (3, 4, 5))
    return {
        "y_hat": maths.softmax(rng.normal(size=(batch, steps, n_y))),
        "y": rng.integers(0, n_y, size=(batch, steps)),
    }


def _picked(y_hat, y):
    return np.take_along_axis(y_hat, y[..., None], axis=-1)[..., 0]


check_sequence_loss = Exercise(
    name="sequence_loss",
    reference=maths.sequence_cross_entropy,
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
        KnownBug(
            lambda y_hat, y: float(-_picked(y_hat, y).sum(axis=1).mean()),
            "the log is missing: each step's loss is -log(probability of the true class)",
        ),
        KnownBug(
            lambda y_hat, y: float(-np.log(y_hat).sum(axis=(1, 2)).mean()),
            "you summed -log over every class: only the true class's probability counts",
        ),
        KnownBug(
            lambda y_hat, y: float(-np.log(y_hat[..., y]).sum(axis=1).mean()),
            "y_hat[..., y] picks every label for every row: each (example, step) needs its "
            "own label, y_hat[b, t, y[b, t]]",
        ),
        KnownBug(
            lambda y_hat, y: float(-np.log10(_picked(y_hat, y)).sum(axis=1).mean()),
            "cross-entropy uses the natural log, np.log, not np.log10",
        ),
        KnownBug(
            lambda y_hat, y: -np.log(_picked(y_hat, y)).sum(axis=1),
            "that is one loss per sequence: average them over the batch to get one number",
        ),
        KnownBug(
            lambda y_hat, y: -np.log(_picked(y_hat, y)).mean(axis=0),
            "that is one loss per step: sum them over time to get one number",
        ),
    ],
    error_hint="y_hat is (batch, time, n_y) probabilities; y holds class indices (batch, time), "
    "not one-hot vectors",
)
