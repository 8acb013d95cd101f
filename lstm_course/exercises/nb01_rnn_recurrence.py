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
    batch, d, n = distinct_sizes(rng, trial, (3, 4, 5))
    return {
        "x_t": rng.normal(size=(batch, d)),
        "h_prev": rng.normal(size=(batch, n)),
        "W_xh": rng.normal(size=(d, n)),
        "W_hh": rng.normal(size=(n, n)),
        "b_h": rng.normal(size=n),
    }


def _cell(activation=np.tanh, recurrent="h_prev @ W_hh", inputs=True, bias="inside"):
    """A (possibly broken) RNN step, for the checker's known bugs."""

    def step(x_t, h_prev, W_xh, W_hh, b_h):
        pre = {
            "h_prev @ W_hh": h_prev @ W_hh,
            "h_prev @ W_hh.T": h_prev @ W_hh.T,  # a column-vector habit: W_hh h_prev
            "h_prev": h_prev,  # no weights on the state
            "none": np.zeros_like(h_prev),
        }[recurrent]
        if inputs:
            pre = pre + x_t @ W_xh
        if bias == "inside":
            pre = pre + b_h
        out = activation(pre)
        return out + b_h if bias == "outside" else out

    return step


check_rnn_cell_forward = Exercise(
    name="rnn_cell_forward",
    reference=rnn.rnn_cell_forward,
    make_inputs=_rnn_cell_inputs,
    output_names=("h_t",),
    known_bugs=[
        KnownBug(
            _cell(recurrent="none"),
            "your output ignores h_prev: the recurrent term h_prev @ W_hh is what makes it an RNN",
        ),
        KnownBug(_cell(inputs=False), "your output ignores x_t: add the input term x_t @ W_xh"),
        KnownBug(
            _cell(recurrent="h_prev @ W_hh.T"),
            "W_hh is used transposed: the weights are stored (in, out), as in Keras, so the "
            "recurrent term is h_prev @ W_hh, no .T (papers' column-vector W h uses the "
            "transpose; W_hh is square, so only the values show it)",
        ),
        KnownBug(
            _cell(recurrent="h_prev"),
            "h_prev goes in through its weights: the recurrent term is h_prev @ W_hh, "
            "not h_prev itself",
        ),
        KnownBug(_cell(activation=lambda pre: pre), "the tanh is missing"),
        KnownBug(_cell(bias="outside"), "the bias b_h belongs inside the tanh"),
        KnownBug(_cell(bias="none"), "the bias b_h is missing"),
        KnownBug(
            _cell(activation=sigmoid),
            "that is a sigmoid (values in 0..1); the RNN cell uses tanh (values in -1..1)",
        ),
        KnownBug(
            _cell(activation=relu),
            "that is a ReLU (values from 0 up); the RNN cell uses tanh (values in -1..1)",
        ),
    ],
    ablations=[  # each keeps exactly one term of x_t @ W_xh + h_prev @ W_hh + b_h
        Ablation(
            zeroed("x_t", "h_prev"),
            "with x_t = h_prev = 0 the output must be tanh(b_h): check the bias",
        ),
        Ablation(
            zeroed("h_prev", "b_h"),
            "with only the input term left, your output is wrong: check the x_t @ W_xh term",
        ),
        Ablation(
            zeroed("x_t", "b_h"),
            "with only the recurrent term left, your output is wrong: check the h_prev @ W_hh term",
        ),
    ],
    error_hint="x_t is (batch, d), h_prev is (batch, n); the weights are stored (in, out): "
    "W_xh is (d, n), W_hh is (n, n); the result is (batch, n)",
)


def _sequence_loss_inputs(rng, trial=0):
    batch, steps, classes = distinct_sizes(rng, trial, (3, 4, 5))
    return {
        "y_hat": maths.softmax(rng.normal(size=(batch, steps, classes))),
        "y": rng.integers(0, classes, size=(batch, steps)),
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
    error_hint="y_hat is (batch, time, V) probabilities; y holds class indices (batch, time), "
    "not one-hot vectors",
)
