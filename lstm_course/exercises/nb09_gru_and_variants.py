"""Notebook 09: one GRU step (Keras's reset_after=True) and one step of the coupled LSTM."""

from lstm_course.exercises._common import distinct_sizes
from lstm_course.exercises.checker import Exercise, KnownBug
from lstm_course.maths import sigmoid_unchecked as sigmoid
from lstm_course.numpy_models import gru, lstm_variants

import numpy as np


def gru_cell(x_t, h_prev, W_x, W_h, b):
    """Reference: h_t of one GRU step (blocks z, r, h̃ side by side; b (2, 3*units))."""
    return gru.gru_cell_forward(x_t, h_prev, W_x, W_h, b)[0]


def _gru_inputs(rng, trial=0):
    batch, d, u = distinct_sizes(rng, trial, (3, 4, 5))
    return {
        "x_t": rng.normal(size=(batch, d)),
        "h_prev": rng.normal(scale=0.8, size=(batch, u)),
        "W_x": rng.normal(scale=0.6, size=(d, 3 * u)),
        "W_h": rng.normal(scale=0.6, size=(u, 3 * u)),
        "b": rng.normal(scale=0.5, size=(2, 3 * u)),
    }


def _gru(order="z r h_tilde", reset="after", mix="z_keeps", bias="both", candidate=np.tanh):
    """A GRU step: right with the defaults, each other value one mistake."""

    def step(x_t, h_prev, W_x, W_h, b):
        n = h_prev.shape[1]
        b_x, b_h = b[0], b[1]
        if bias == "sum":  # b_h added outside the reset
            b_x, b_h = b[0] + b[1], 0 * b[1]
        elif bias == "x_only":  # b_h forgotten
            b_h = 0 * b[1]
        block = {g: slice(k * n, (k + 1) * n) for k, g in enumerate(order.split())}
        z_, r_, h_ = block["z"], block["r"], block["h_tilde"]
        from_x, from_h = x_t @ W_x + b_x, h_prev @ W_h + b_h
        z = sigmoid(from_x[:, z_] + from_h[:, z_])
        r = sigmoid(from_x[:, r_] + from_h[:, r_])
        if reset == "after":
            h_tilde = candidate(from_x[:, h_] + r * from_h[:, h_])
        elif reset == "before":  # reset_after=False: r ⊙ h_{t-1} before the product
            h_tilde = candidate(from_x[:, h_] + (r * h_prev) @ W_h[:, h_] + b_h[h_])
        else:  # no reset
            h_tilde = candidate(from_x[:, h_] + from_h[:, h_])
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
            "z and 1 - z are swapped: z keeps the old state, h_t = z ⊙ h_prev + (1 - z) ⊙ h̃, "
            "as in Keras and in all the course's GRUs (this one and notebook 10's minGRU); "
            "Feng et al.'s minGRU paper writes z for 1 - z",
        ),
        KnownBug(
            _gru(reset="before"),
            "that is reset_after=False (r ⊙ h_prev before the product); Keras's default "
            "resets after it: h̃ = tanh(x_t W_xh + b_xh + r ⊙ (h_prev W_hh + b_hh))",
        ),
        KnownBug(
            _gru(reset="none"),
            "the reset gate r is computed but never used: it multiplies the recurrent term "
            "of the candidate, r ⊙ (h_prev W_hh + b_hh)",
        ),
        KnownBug(
            _gru(mix="none"),
            "you returned the candidate h̃: the new state mixes it with h_prev through z",
        ),
        KnownBug(
            _gru(order="r z h_tilde"),
            "the gates are in the wrong order: the blocks of W_x, W_h and b are z, r, h̃ "
            "(update, reset, candidate), Keras's order",
        ),
        KnownBug(
            _gru(bias="sum"),
            "b has two rows: b[0] (b_x) is added to the input's part, b[1] (b_h) to the "
            "recurrent part, inside the reset: r ⊙ (h_prev W_hh + b_hh)",
        ),
        KnownBug(
            _gru(bias="x_only"),
            "the recurrent bias b[1] (b_h) is missing: h_prev @ W_h + b[1] is the recurrent "
            "part of every gate",
        ),
        KnownBug(
            _gru(candidate=sigmoid),
            "the candidate uses tanh, not a sigmoid: only the gates are sigmoids",
        ),
    ],
    error_hint=(
        "x_t is (batch, input_dim), h_prev (batch, units), W_x (input_dim, 3*units), "
        "W_h (units, 3*units), b (2, 3*units)"
    ),
)


def coupled_step(x_t, h_prev, c_prev, W_x, W_h, b):
    """Reference: ``(h_t, c_t)`` of the coupled LSTM, weights for the gates f, c̃, o only."""
    h_t, c_t, _ = lstm_variants.variant_cell_forward(x_t, h_prev, c_prev, W_x, W_h, b, "coupled")
    return h_t, c_t


def _coupled_inputs(rng, trial=0):
    batch, d, u = distinct_sizes(rng, trial, (3, 4, 5))
    return {
        "x_t": rng.normal(size=(batch, d)),
        "h_prev": rng.normal(scale=0.8, size=(batch, u)),
        "c_prev": rng.normal(size=(batch, u)),
        "W_x": rng.normal(scale=0.6, size=(d, 3 * u)),
        "W_h": rng.normal(scale=0.6, size=(u, 3 * u)),
        "b": rng.normal(scale=0.5, size=3 * u),
    }


def _coupled(order="f c_tilde o", write="one_minus_f", out_tanh=True, cand=np.tanh):
    def step(x_t, h_prev, c_prev, W_x, W_h, b):
        n = h_prev.shape[1]
        pre = x_t @ W_x + h_prev @ W_h + b
        pre_of = {g: pre[:, k * n : (k + 1) * n] for k, g in enumerate(order.split())}
        f, o = sigmoid(pre_of["f"]), sigmoid(pre_of["o"])
        c_tilde = cand(pre_of["c_tilde"])
        if write == "one_minus_f":
            c_t = f * c_prev + (1 - f) * c_tilde
        elif write == "swapped":
            c_t = (1 - f) * c_prev + f * c_tilde
        elif write == "f":
            c_t = f * c_prev + f * c_tilde
        else:  # input gate 1
            c_t = f * c_prev + c_tilde
        return o * (np.tanh(c_t) if out_tanh else c_t), c_t

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
            _coupled(order="c_tilde f o"),
            "the gates are in the wrong order: the blocks are f, c̃, o (Keras's i, f, c̃, o "
            "without i)",
        ),
        KnownBug(
            _coupled(order="f o c_tilde"),
            "the candidate and the output gate are swapped: the blocks are f, c̃, o "
            "(c̃ before o, as in Keras)",
        ),
        KnownBug(
            _coupled(cand=sigmoid),
            "the candidate c̃ uses tanh, not a sigmoid: only the gates are sigmoids",
        ),
        KnownBug(
            lambda *args: _coupled()(*args)[::-1],
            "you returned (c_t, h_t): return the new hidden state first, (h_t, c_t)",
        ),
    ],
    output_names=("h_t", "c_t"),
    error_hint=(
        "W_x is (input_dim, 3*units), W_h (units, 3*units), b (3*units,): three gates "
        "f, c̃, o side by side"
    ),
)
