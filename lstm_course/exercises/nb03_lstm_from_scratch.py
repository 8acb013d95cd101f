"""Notebook 03: the forget gate, one LSTM step, and the cell-state part of the backward pass."""

from lstm_course.exercises._common import distinct_sizes, relu, zeroed
from lstm_course.exercises.checker import Ablation, Exercise, KnownBug
from lstm_course.maths import sigmoid_unchecked as sigmoid
from lstm_course.numpy_models import lstm

from itertools import permutations

import numpy as np

cell_state_backward = lstm.cell_state_backward  # the reference


def forget_gate(x_t, h_prev, W_xf, W_hf, b_f):
    """Reference: f_t = σ(x_t W_xf + h_{t-1} W_hf + b_f), batch-first."""
    return sigmoid(x_t @ W_xf + h_prev @ W_hf + b_f)


def _forget_gate_inputs(rng, trial=0):
    batch, d, units = distinct_sizes(rng, trial, (3, 4, 5))
    return {
        "x_t": rng.normal(size=(batch, d)),
        "h_prev": rng.normal(size=(batch, units)),
        "W_xf": rng.normal(size=(d, units)),
        "W_hf": rng.normal(size=(units, units)),
        "b_f": rng.normal(size=units),
    }


def _gate(activation=sigmoid, recurrent="W_hf", inputs=True, bias=True):
    def gate(x_t, h_prev, W_xf, W_hf, b_f):
        pre = x_t @ W_xf if inputs else 0.0
        if recurrent:
            pre = pre + h_prev @ (W_hf if recurrent == "W_hf" else W_hf.T)
        return activation(pre + b_f if bias else pre)

    return gate


def _clipped_sigmoid(inputs, expected, got):
    """A hint if ``got`` is σ(clip(z, -c, c)) for some bound c < 10, else None."""
    e = np.asarray(expected, dtype=float)
    g = np.asarray(got, dtype=float)
    if g.shape != e.shape or np.any((g <= 0) | (g >= 1)):
        return None
    with np.errstate(divide="ignore", over="ignore"):  # σ(z) rounds to 1 for z > 37
        z, z_got = np.log(e / (1 - e)), np.log(g / (1 - g))
    bound = float(np.max(np.abs(z_got)))
    if not 0 < bound < 10 or not np.allclose(g, sigmoid(np.clip(z, -bound, bound)), atol=1e-6):
        return None
    return (
        f"your gate is σ(z) where |z| < {bound:.3g} and flat beyond: clipping z at "
        f"±{bound:.3g} moves the gate by up to σ(-{bound:.3g}) = {sigmoid(-bound):.2g}. "
        "Clip at ±10 or wider (σ(-10) = 4.5e-5, within the checker's tolerance), or not at all"
    )


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
            _gate(activation=lambda pre: 1 - sigmoid(pre)),
            "that is 1 - σ(pre) = σ(-pre): σ(pre) = 1 / (1 + exp(-pre)), "
            "check the sign in the exponent",
        ),
        KnownBug(_gate(activation=lambda z: z), "the sigmoid is missing: f_t = σ(...)"),
        KnownBug(
            _gate(recurrent=None),
            "your gate ignores h_prev: it depends on the previous hidden state too (W_hf)",
        ),
        KnownBug(_gate(inputs=False), "your gate ignores x_t: add the input term x_t W_xf"),
        KnownBug(
            _gate(recurrent="W_hf.T"),
            "W_hf is stored (units, units) as (in, out), like every weight in the course: "
            "the product is h_prev @ W_hf, with no transpose",
        ),
        KnownBug(_gate(bias=False), "the bias b_f is missing"),
    ],
    ablations=[
        Ablation(
            zeroed("x_t", "h_prev"), "with x_t = h_prev = 0 the gate must be σ(b_f): check the bias"
        ),
        Ablation(
            zeroed("h_prev", "b_f"),
            "with only the input term left your gate is wrong: check x_t W_xf",
        ),
        Ablation(
            zeroed("x_t", "b_f"),
            "with only the recurrent term left your gate is wrong: check h_{t-1} W_hf",
        ),
    ],
    output_names=("f_t",),
    diagnose=_clipped_sigmoid,
    # A sigmoid guarded with np.clip(z, -10, 10) is a right answer: it is off by at most
    # σ(-10) = 4.5e-5 (tested); every mistake named above is off by far more.
    atol=5e-5,
    error_hint="x_t is (batch, d) and W_xf is (d, units); the gate is (batch, units)",
)


def lstm_cell_step(x_t, h_prev, c_prev, W_x, W_h, b):
    """Reference: one LSTM step, the blocks side by side (i, f, c̃, o); returns (h_t, c_t)."""
    pre = x_t @ W_x + h_prev @ W_h + b
    pre_i, pre_f, pre_c, pre_o = np.split(pre, 4, axis=-1)
    c_t = sigmoid(pre_f) * c_prev + sigmoid(pre_i) * np.tanh(pre_c)
    return sigmoid(pre_o) * np.tanh(c_t), c_t


def _cell_variant(
    order="ifco",
    h_from="new",
    squash=True,
    candidate=np.tanh,
    c_squash=False,
    input_gate="i",
    terms="xhb",
    kept="c_prev",
    split="blocks",
    gate_inside=False,
):
    """A (possibly broken) LSTM step, for the checker's known bugs (``c`` in ``order`` is c̃).

    ``terms`` lists the terms of the pre-activation that are kept (x, h, b); ``kept`` is what
    the forget gate multiplies; ``input_gate`` is "i", "1 - f" (coupled) or "none";
    ``split="interleaved"`` reads the blocks with ``z.reshape(batch, units, 4)``;
    ``gate_inside`` computes ``tanh(o ⊙ c_t)``.
    """

    def step(x_t, h_prev, c_prev, W_x, W_h, b):
        pre = (x_t @ W_x if "x" in terms else 0.0) + (h_prev @ W_h if "h" in terms else 0.0)
        pre = np.broadcast_to(pre + (b if "b" in terms else 0.0), (len(x_t), W_h.shape[1]))
        if split == "interleaved":  # column 4j + k goes to gate k
            blocks = np.moveaxis(pre.reshape(len(x_t), -1, 4), -1, 0)
        else:
            blocks = np.split(pre, 4, axis=-1)
        parts = dict(zip(order, blocks, strict=True))
        i, f, o = (sigmoid(parts[k]) for k in "ifo")
        write = {"i": i, "1 - f": 1.0 - f, "none": 1.0}[input_gate]
        c_t = f * {"c_prev": c_prev, "h_prev": h_prev, "none": 0.0}[kept]
        c_t = c_t + write * candidate(parts["c"])
        if c_squash:
            c_t = np.tanh(c_t)
        c_out = c_t if h_from == "new" else c_prev
        if gate_inside:
            return np.tanh(o * c_out), c_t
        return o * (np.tanh(c_out) if squash else c_out), c_t

    return step


def _order_hint(order: str) -> str:
    named = ", ".join("c̃" if k == "c" else k for k in order)
    if order == "icfo":
        return (
            f"your blocks are in the order {named} (TensorFlow 1's i, j, f, o): W_x, W_h and b "
            "hold them in the order i, f, c̃, o (Keras's)"
        )
    return f"your blocks are in the order {named}: W_x, W_h and b hold them in the order i, f, c̃, o"


def _lstm_step_inputs(rng, trial=0):
    batch, d, u = distinct_sizes(rng, trial, (3, 4, 5))
    return {
        "x_t": rng.normal(size=(batch, d)),
        "h_prev": rng.normal(size=(batch, u)),
        "c_prev": rng.normal(size=(batch, u)),
        "W_x": rng.normal(size=(d, 4 * u)),
        "W_h": rng.normal(size=(u, 4 * u)),
        "b": rng.normal(size=4 * u),
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
            "h_t must use the new cell state: h_t = o ⊙ tanh(c_t), not c_{t-1}",
        ),
        KnownBug(
            _cell_variant(squash=False),
            "the tanh before the output gate is missing: h_t = o ⊙ tanh(c_t)",
        ),
        KnownBug(
            _cell_variant(candidate=sigmoid),
            "the candidate c̃ uses tanh (values in -1..1); only the gates use the sigmoid",
        ),
        KnownBug(
            _cell_variant(c_squash=True),
            "the cell state is not squashed: c_t = f ⊙ c_{t-1} + i ⊙ c̃; the tanh only "
            "comes in h_t = o ⊙ tanh(c_t)",
        ),
        KnownBug(
            _cell_variant(input_gate="none"),
            "the input gate is missing: the candidate enters the cell as i ⊙ c̃",
        ),
        KnownBug(
            _cell_variant(input_gate="1 - f"),
            "you coupled the gates, (1 - f) ⊙ c̃ (the GRU's and the coupled variant's way): "
            "the LSTM has its own input gate, c_t = f ⊙ c_{t-1} + i ⊙ c̃",
        ),
        KnownBug(
            _cell_variant(gate_inside=True),
            "the output gate multiplies after the tanh: h_t = o ⊙ tanh(c_t), not tanh(o ⊙ c_t)",
        ),
        KnownBug(
            _cell_variant(kept="h_prev"),
            "the forget gate scales the previous *cell* state: f ⊙ c_{t-1}, not f ⊙ h_{t-1}",
        ),
        KnownBug(
            _cell_variant(kept="none"),
            "c_prev is missing: the cell keeps part of its old state, c_t = f ⊙ c_{t-1} + i ⊙ c̃",
        ),
        KnownBug(
            _cell_variant(split="interleaved"),
            "z.reshape(batch, units, 4) interleaves the blocks (column 4j + k goes to gate k): "
            "the four blocks sit side by side, units columns each, so split with "
            "np.split(z, 4, axis=-1) or z.reshape(batch, 4, units)",
        ),
        KnownBug(
            _cell_variant(terms="hb"),
            "your step ignores x_t: the pre-activation is x_t @ W_x + h_prev @ W_h + b",
        ),
        KnownBug(
            _cell_variant(terms="xb"),
            "your step ignores h_prev: the pre-activation is x_t @ W_x + h_prev @ W_h + b",
        ),
        KnownBug(
            _cell_variant(terms="xh"),
            "the bias b is missing: the pre-activation is x_t @ W_x + h_prev @ W_h + b",
        ),
        KnownBug(lambda *args: _cell_variant()(*args)[::-1], "return (h_t, c_t) in this order"),
        KnownBug(lambda *args: _cell_variant()(*args)[0], "return both states: (h_t, c_t)"),
    ],
    ablations=[  # each keeps one term of x_t @ W_x + h_prev @ W_h + b, and f ⊙ c_prev
        Ablation(
            zeroed("x_t", "h_prev", "c_prev"),
            "with x_t = h_prev = c_prev = 0 only the bias is left: check how b enters "
            "(added once to x_t @ W_x + h_prev @ W_h, before the blocks are split)",
        ),
        Ablation(
            zeroed("h_prev", "c_prev", "b"),
            "with only the input term left your step is wrong: check the x_t @ W_x term",
        ),
        Ablation(
            zeroed("x_t", "c_prev", "b"),
            "with only the recurrent term left your step is wrong: check the h_prev @ W_h term",
        ),
        Ablation(
            zeroed("x_t", "h_prev", "b"),
            "with x_t = h_prev = b = 0 every gate is σ(0) = 0.5 and c̃ = 0, so c_t must be "
            "c_prev / 2: check the f ⊙ c_{t-1} term",
        ),
    ],
    # A sigmoid guarded with np.clip(z, -10, 10) is a right answer: it moves each gate by at
    # most σ(-10) = 4.5e-5, c_t by at most 4.5e-5 (|c_prev| + 1) and h_t by at most
    # 4.5e-5 (|c_prev| + 2); |c_prev| < 3 on the checker's inputs, so 3e-4 (tested). Every
    # mistake named above moves the outputs by over 30 times that (tested).
    atol=3e-4,
    error_hint="pre = x_t @ W_x + h_prev @ W_h + b is (batch, 4*units): four "
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
            "c_t also receives gradient from step t+1 along the cell path: add dc_next",
        ),
        KnownBug(
            _cell_backward_variant(dtanh="none"),
            "h_t = o ⊙ tanh(c_t), so the gradient through h needs tanh'(c) = 1 - tanh(c)²",
        ),
        KnownBug(
            _cell_backward_variant(dtanh="1-c^2"),
            "tanh'(c) = 1 - tanh(c)², not 1 - c²: c_t is not squashed",
        ),
        KnownBug(
            _cell_backward_variant(dtanh="(1-tanh)^2"),
            "tanh'(c) = 1 - tanh(c)², that is 1 - (tanh(c) squared), not (1 - tanh(c)) squared",
        ),
        KnownBug(
            _cell_backward_variant(out_gate=False),
            "the gradient through h_t = o ⊙ tanh(c_t) is scaled by the output gate o_t",
        ),
        KnownBug(
            _cell_backward_variant(prev="no f"),
            "the gradient reaching c_{t-1} passes through the forget gate: dc_prev = dc_t ⊙ f_t",
        ),
        KnownBug(
            _cell_backward_variant(prev="dc_next"),
            "dc_prev carries all of dc_t (both paths) through the forget gate, not only dc_next",
        ),
        KnownBug(
            _cell_backward_variant(cell_path="dc_next*f"),
            "dc_next arrives as it is: f_t belongs to the path from c_t back to c_{t-1} "
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
            "with dc_next = 0 only the path through h_t is left: check that term",
        ),
    ],
    error_hint="all inputs are (batch, units); everything here is element-wise",
)
