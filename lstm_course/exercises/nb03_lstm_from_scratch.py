"""Notebook 03: the forget gate, one LSTM step, and the cell-state part of the backward pass."""

from lstm_course.exercises._common import distinct_sizes, relu, zeroed
from lstm_course.exercises.checker import Ablation, Exercise, KnownBug
from lstm_course.maths import sigmoid_unchecked as sigmoid
from lstm_course.numpy_models import lstm

from itertools import permutations

import numpy as np

cell_state_backward = lstm.cell_state_backward  # the reference


def forget_gate(x_t, h_prev, U_f, W_f, b_f):
    """Reference: f<t> = σ(U_f x<t> + W_f h<t-1> + b_f), batch-first."""
    return sigmoid(x_t @ U_f.T + h_prev @ W_f.T + b_f)


def _forget_gate_inputs(rng, trial=0):
    batch, d, units = distinct_sizes(rng, trial, (3, 4, 5))
    return {
        "x_t": rng.normal(size=(batch, d)),
        "h_prev": rng.normal(size=(batch, units)),
        "U_f": rng.normal(size=(units, d)),
        "W_f": rng.normal(size=(units, units)),
        "b_f": rng.normal(size=units),
    }


def _gate(activation=sigmoid, recurrent="W_f.T", inputs=True, bias=True):
    def gate(x_t, h_prev, U_f, W_f, b_f):
        z = x_t @ U_f.T if inputs else 0.0
        if recurrent:
            z = z + h_prev @ (W_f.T if recurrent == "W_f.T" else W_f)
        return activation(z + b_f if bias else z)

    return gate


check_forget_gate = Exercise(
    name="forget_gate",
    reference=forget_gate,
    make_inputs=_forget_gate_inputs,
    known_bugs=[
        KnownBug(
            _gate(activation=np.tanh),
            "a gate uses the sigmoid (values in 0..1, a fraction to keep), not tanh",
        ),
        KnownBug(
            _gate(activation=relu),
            "a gate uses the sigmoid (values in 0..1, a fraction to keep), not a ReLU",
        ),
        KnownBug(
            _gate(activation=lambda z: 1 - sigmoid(z)),
            "that is 1 - σ(z) = σ(-z): σ(z) = 1 / (1 + exp(-z)), check the sign in the exponent",
        ),
        KnownBug(_gate(activation=lambda z: z), "the sigmoid is missing: f<t> = σ(...)"),
        KnownBug(
            _gate(recurrent=None),
            "your gate ignores h_prev: it depends on the previous hidden state too (W_f)",
        ),
        KnownBug(_gate(inputs=False), "your gate ignores x_t: add the input term U_f·x<t>"),
        KnownBug(
            _gate(recurrent="W_f"),
            "W_f is not transposed: with batch-first rows, W_f·h<t-1> is h_prev @ W_f.T",
        ),
        KnownBug(_gate(bias=False), "the bias b_f is missing"),
    ],
    ablations=[
        Ablation(
            zeroed("x_t", "h_prev"), "with x_t = h_prev = 0 the gate must be σ(b_f): check the bias"
        ),
        Ablation(
            zeroed("h_prev", "b_f"),
            "with only the input term left your gate is wrong: check U_f·x<t>",
        ),
        Ablation(
            zeroed("x_t", "b_f"),
            "with only the recurrent term left your gate is wrong: check W_f·h<t-1>",
        ),
    ],
    error_hint="x_t is (batch, d) and U_f is (units, d); the gate is (batch, units)",
)


def lstm_cell_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    """Reference: one LSTM step with Keras's fused weights (gates i, f, c, o); (h_t, c_t)."""
    z = x_t @ kernel + h_prev @ recurrent_kernel + bias
    zi, zf, zc, zo = np.split(z, 4, axis=-1)
    c_t = sigmoid(zf) * c_prev + sigmoid(zi) * np.tanh(zc)
    return sigmoid(zo) * np.tanh(c_t), c_t


def _cell_variant(
    order="ifco", h_from="new", squash=True, candidate=np.tanh, c_squash=False, input_gate=True
):
    """A (possibly broken) LSTM step with the fused weights, for the checker's known bugs."""

    def step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
        z = x_t @ kernel + h_prev @ recurrent_kernel + bias
        parts = dict(zip(order, np.split(z, 4, axis=-1), strict=True))
        i, f, o = (sigmoid(parts[k]) for k in "ifo")
        c_t = f * c_prev + (i if input_gate else 1.0) * candidate(parts["c"])
        if c_squash:
            c_t = np.tanh(c_t)
        c_out = c_t if h_from == "new" else c_prev
        return o * (np.tanh(c_out) if squash else c_out), c_t

    return step


def _order_hint(order: str) -> str:
    named = ", ".join(order)
    if order == "icfo":
        return (
            f"your gates are in the order {named} (TensorFlow 1's i, j, f, o): Keras's "
            "fused matrices hold i, f, c, o"
        )
    return f"your gates are in the order {named}: Keras's fused matrices hold i, f, c, o"


def _lstm_step_inputs(rng, trial=0):
    batch, d, u = distinct_sizes(rng, trial, (3, 4, 5))
    return {
        "x_t": rng.normal(size=(batch, d)),
        "h_prev": rng.normal(size=(batch, u)),
        "c_prev": rng.normal(size=(batch, u)),
        "kernel": rng.normal(size=(d, 4 * u)),
        "recurrent_kernel": rng.normal(size=(u, 4 * u)),
        "bias": rng.normal(size=4 * u),
    }


check_lstm_cell_step = Exercise(
    name="lstm_cell_step",
    reference=lstm_cell_step,
    make_inputs=_lstm_step_inputs,
    output_names=("h_t", "c_t"),
    known_bugs=[
        *(
            KnownBug(_cell_variant(order="".join(p)), _order_hint("".join(p)))
            for p in permutations("ifco")
            if "".join(p) != "ifco"
        ),
        KnownBug(
            _cell_variant(h_from="old"),
            "h<t> must use the new cell state: h<t> = o ⊙ tanh(c<t>), not c<t-1>",
        ),
        KnownBug(
            _cell_variant(squash=False),
            "the tanh before the output gate is missing: h<t> = o ⊙ tanh(c<t>)",
        ),
        KnownBug(
            _cell_variant(candidate=sigmoid),
            "the candidate c̃ uses tanh (values in -1..1); only the gates use the sigmoid",
        ),
        KnownBug(
            _cell_variant(c_squash=True),
            "the cell state is not squashed: c<t> = f ⊙ c<t-1> + i ⊙ c̃; the tanh only "
            "comes in h<t> = o ⊙ tanh(c<t>)",
        ),
        KnownBug(
            _cell_variant(input_gate=False),
            "the input gate is missing: the candidate enters the cell as i ⊙ c̃",
        ),
        KnownBug(lambda *args: _cell_variant()(*args)[::-1], "return (h_t, c_t) in this order"),
        KnownBug(lambda *args: _cell_variant()(*args)[0], "return both states: (h_t, c_t)"),
    ],
    error_hint="z = x_t @ kernel + h_prev @ recurrent_kernel + bias is (batch, 4*units): four "
    "blocks of units columns, one per gate",
)


def _cell_backward_inputs(rng, trial=0):
    batch, u = distinct_sizes(rng, trial, (3, 5))
    return {
        "dh_t": rng.normal(size=(batch, u)),
        "dc_next": rng.normal(size=(batch, u)),
        "o_t": sigmoid(rng.normal(size=(batch, u))),
        "c_t": rng.normal(size=(batch, u)),
        "f_t": sigmoid(rng.normal(size=(batch, u))),
    }


def _cell_backward_variant(dtanh="1-tanh^2", cell_path="dc_next", out_gate=True, prev="dc_t"):
    """A (possibly broken) cell_state_backward, for the checker's known bugs."""

    def step(dh_t, dc_next, o_t, c_t, f_t):
        derivative = {
            "1-tanh^2": 1 - np.tanh(c_t) ** 2,
            "none": 1.0,
            "1-c^2": 1 - c_t**2,
            "(1-tanh)^2": (1 - np.tanh(c_t)) ** 2,
        }[dtanh]
        through_h = dh_t * (o_t if out_gate else 1.0) * derivative
        dc_t = {"dc_next": dc_next, "none": 0.0, "dc_next*f": dc_next * f_t}[cell_path] + through_h
        dc_prev = {"dc_t": dc_t * f_t, "no f": dc_t, "dc_next": dc_next * f_t}[prev]
        return dc_t, dc_prev

    return step


check_cell_state_backward = Exercise(
    name="cell_state_backward",
    reference=lstm.cell_state_backward,
    make_inputs=_cell_backward_inputs,
    output_names=("dc_t", "dc_prev"),
    known_bugs=[
        KnownBug(
            _cell_backward_variant(cell_path="none"),
            "c<t> also receives gradient from step t+1 along the cell path: add dc_next",
        ),
        KnownBug(
            _cell_backward_variant(dtanh="none"),
            "h<t> = o ⊙ tanh(c<t>), so the gradient through h needs tanh'(c) = 1 - tanh(c)²",
        ),
        KnownBug(
            _cell_backward_variant(dtanh="1-c^2"),
            "tanh'(c) = 1 - tanh(c)², not 1 - c²: c<t> is not squashed",
        ),
        KnownBug(
            _cell_backward_variant(dtanh="(1-tanh)^2"),
            "tanh'(c) = 1 - tanh(c)², that is 1 - (tanh(c) squared), not (1 - tanh(c)) squared",
        ),
        KnownBug(
            _cell_backward_variant(out_gate=False),
            "the gradient through h<t> = o ⊙ tanh(c<t>) is scaled by the output gate o_t",
        ),
        KnownBug(
            _cell_backward_variant(prev="no f"),
            "the gradient reaching c<t-1> passes through the forget gate: dc_prev = dc_t ⊙ f<t>",
        ),
        KnownBug(
            _cell_backward_variant(prev="dc_next"),
            "dc_prev carries all of dc_t (both paths) through the forget gate, not only dc_next",
        ),
        KnownBug(
            _cell_backward_variant(cell_path="dc_next*f"),
            "dc_next arrives as it is: f_t belongs to the path from c<t> back to c<t-1> "
            "(it scales dc_prev, not dc_next)",
        ),
        KnownBug(
            lambda *args: _cell_backward_variant()(*args)[::-1],
            "return (dc_t, dc_prev) in this order",
        ),
        KnownBug(lambda *args: _cell_backward_variant()(*args)[0], "return both: (dc_t, dc_prev)"),
    ],
    ablations=[
        Ablation(zeroed("dh_t"), "with dh_t = 0 only the cell path is left: dc_t must be dc_next"),
        Ablation(
            zeroed("dc_next"),
            "with dc_next = 0 only the path through h<t> is left: check that term",
        ),
    ],
    error_hint="all inputs are (batch, units); everything here is element-wise",
)
