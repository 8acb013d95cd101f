"""Notebook 09: one GRU step (Keras's reset_after=True) and one step of the coupled LSTM."""

from lstm_course.exercises._common import distinct_sizes
from lstm_course.exercises.checker import Exercise, KnownBug
from lstm_course.maths import sigmoid_unchecked as sigmoid
from lstm_course.numpy_models import gru, lstm_variants

import numpy as np


def gru_cell(x_t, h_prev, kernel, recurrent_kernel, bias):
    """Reference: the new hidden state of one GRU step (gates z, r, h; bias (2, 3*units))."""
    return gru.gru_cell_forward(x_t, h_prev, kernel, recurrent_kernel, bias)[0]


def _gru_inputs(rng, trial=0):
    batch, d, u = distinct_sizes(rng, trial, (3, 4, 5))
    return {
        "x_t": rng.normal(size=(batch, d)),
        "h_prev": rng.normal(scale=0.8, size=(batch, u)),
        "kernel": rng.normal(scale=0.6, size=(d, 3 * u)),
        "recurrent_kernel": rng.normal(scale=0.6, size=(u, 3 * u)),
        "bias": rng.normal(scale=0.5, size=(2, 3 * u)),
    }


def _gru(order="zrh", reset="after", mix="z_keeps", bias_rows=True, candidate=np.tanh):
    def step(x_t, h_prev, kernel, recurrent_kernel, bias):
        u = h_prev.shape[1]
        b_in, b_rec = (bias[0], bias[1]) if bias_rows else (bias.sum(0), 0.0 * bias[1])
        xp, hp = x_t @ kernel + b_in, h_prev @ recurrent_kernel + b_rec
        part = {name: k for k, name in enumerate(order)}
        piece = {
            n: (xp[:, k * u : (k + 1) * u], hp[:, k * u : (k + 1) * u]) for n, k in part.items()
        }
        z = sigmoid(piece["z"][0] + piece["z"][1])
        r = sigmoid(piece["r"][0] + piece["r"][1])
        k = part["h"]
        if reset == "after":
            h_tilde = candidate(piece["h"][0] + r * piece["h"][1])
        elif reset == "before":
            rec = (r * h_prev) @ recurrent_kernel[:, k * u : (k + 1) * u] + b_rec[
                k * u : (k + 1) * u
            ]
            h_tilde = candidate(piece["h"][0] + rec)
        else:  # no reset
            h_tilde = candidate(piece["h"][0] + piece["h"][1])
        if mix == "z_keeps":
            return z * h_prev + (1 - z) * h_tilde
        if mix == "z_writes":
            return (1 - z) * h_prev + z * h_tilde
        return h_tilde  # no mixing

    return step


check_gru_cell = Exercise(
    name="gru_cell",
    reference=gru_cell,
    make_inputs=_gru_inputs,
    known_bugs=[
        KnownBug(
            _gru(mix="z_writes"),
            "z and 1 - z are swapped: in Keras, h = z ⊙ h_prev + (1 - z) ⊙ h̃ (z keeps the "
            "old state; some texts write it the other way round)",
        ),
        KnownBug(
            _gru(reset="before"),
            "that is reset_after=False (r ⊙ h_prev before the product); Keras's default "
            "resets after it: h̃ = tanh(x W_h + b_h + r ⊙ (h_prev U_h + b'_h))",
        ),
        KnownBug(
            _gru(reset="none"),
            "the reset gate r is computed but never used: it multiplies the recurrent term "
            "of the candidate",
        ),
        KnownBug(
            _gru(mix="none"),
            "you returned the candidate h̃: the new state mixes it with h_prev through z",
        ),
        KnownBug(
            _gru(order="rzh"),
            "the gates are in the wrong order: Keras's columns are z, r, h (update, reset, "
            "candidate)",
        ),
        KnownBug(
            _gru(bias_rows=False),
            "bias has two rows: row 0 is added to the input part, row 1 to the recurrent part, "
            "inside the reset (r ⊙ (h_prev U_h + b'_h))",
        ),
        KnownBug(
            _gru(candidate=sigmoid),
            "the candidate uses tanh, not a sigmoid: only the gates are sigmoids",
        ),
    ],
    error_hint=(
        "x_t is (batch, input_dim), h_prev (batch, units), kernel (input_dim, 3*units), "
        "recurrent_kernel (units, 3*units), bias (2, 3*units)"
    ),
)


def coupled_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    """Reference: ``(h_t, c_t)`` of the coupled LSTM, weights for the gates f, c, o only."""
    h, c, _ = lstm_variants.variant_cell_forward(
        x_t, h_prev, c_prev, kernel, recurrent_kernel, bias, "coupled"
    )
    return h, c


def _coupled_inputs(rng, trial=0):
    batch, d, u = distinct_sizes(rng, trial, (3, 4, 5))
    return {
        "x_t": rng.normal(size=(batch, d)),
        "h_prev": rng.normal(scale=0.8, size=(batch, u)),
        "c_prev": rng.normal(size=(batch, u)),
        "kernel": rng.normal(scale=0.6, size=(d, 3 * u)),
        "recurrent_kernel": rng.normal(scale=0.6, size=(u, 3 * u)),
        "bias": rng.normal(scale=0.5, size=3 * u),
    }


def _coupled(order="fco", write="one_minus_f", out_tanh=True, cand=np.tanh):
    def step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
        u = h_prev.shape[1]
        zs = x_t @ kernel + h_prev @ recurrent_kernel + bias
        part = {g: zs[:, k * u : (k + 1) * u] for k, g in enumerate(order)}
        f, c_tilde, o = sigmoid(part["f"]), cand(part["c"]), sigmoid(part["o"])
        if write == "one_minus_f":
            c = f * c_prev + (1 - f) * c_tilde
        elif write == "swapped":
            c = (1 - f) * c_prev + f * c_tilde
        elif write == "f":
            c = f * c_prev + f * c_tilde
        else:  # input gate 1
            c = f * c_prev + c_tilde
        h = o * (np.tanh(c) if out_tanh else c)
        return h, c

    return step


check_coupled_step = Exercise(
    name="coupled_step",
    reference=coupled_step,
    make_inputs=_coupled_inputs,
    known_bugs=[
        KnownBug(
            _coupled(write="swapped"),
            "f and 1 - f are swapped: f keeps the old cell (f ⊙ c_prev) and 1 - f writes the "
            "candidate",
        ),
        KnownBug(
            _coupled(write="f"),
            "the input gate is 1 - f, not f: what is forgotten is what gets written",
        ),
        KnownBug(
            _coupled(write="one"),
            "that is the no-input-gate variant (i = 1): the coupled cell writes (1 - f) ⊙ c̃",
        ),
        KnownBug(
            _coupled(out_tanh=False),
            "the output still goes through tanh: h = o ⊙ tanh(c) (h = o ⊙ c is another variant)",
        ),
        KnownBug(
            _coupled(order="cfo"),
            "the gates are in the wrong order: the columns are f, c, o (Keras's i, f, c, o "
            "without i)",
        ),
        KnownBug(
            _coupled(order="foc"),
            "the candidate and the output gate are swapped: the columns are f, c, o "
            "(c before o, as in Keras)",
        ),
        KnownBug(
            _coupled(cand=sigmoid),
            "the candidate c̃ uses tanh, not a sigmoid: only the gates are sigmoids",
        ),
    ],
    output_names=("h_t", "c_t"),
    error_hint=(
        "kernel is (input_dim, 3*units), recurrent_kernel (units, 3*units), bias (3*units,): "
        "three gates f, c, o side by side"
    ),
)
