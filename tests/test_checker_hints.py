"""The LSTM-step checker names each forgotten term and each common mix-up (issue 35, items
12 and 17 of the review); right answers in other styles pass; a tuple returned where one
array is expected is said in words; a sigmoid clipped at ±10 is a right answer (item 42).

The learners' answers here are written out by hand, independently of the checker's own
known bugs, so a test fails if a hint stops matching the mistake it names.
"""

from lstm_course import exercises as ex
from lstm_course.exercises.checker import PASS, WRONG

import numpy as np
import pytest


def sig(z):
    return 1 / (1 + np.exp(-z))


def sig_clipped(z, bound=10.0):
    return 1 / (1 + np.exp(-np.clip(z, -bound, bound)))


def lstm_step(
    sigmoid=sig, x=True, h=True, bias=True, keep="c", write="i", out="o*tanh(c)", split="blocks"
):
    """A learner's LSTM step; the keywords plant one mistake at a time."""

    def step(x_t, h_prev, c_prev, W_x, W_h, b):
        z = np.zeros((x_t.shape[0], W_h.shape[1]))
        if x:
            z = z + x_t @ W_x
        if h:
            z = z + h_prev @ W_h
        if bias:
            z = z + b
        n = h_prev.shape[1]
        if split == "interleaved":
            z4 = z.reshape(x_t.shape[0], n, 4)
            zi, zf, zg, zo = z4[..., 0], z4[..., 1], z4[..., 2], z4[..., 3]
        else:
            z4 = z.reshape(x_t.shape[0], 4, n)
            zi, zf, zg, zo = z4[:, 0], z4[:, 1], z4[:, 2], z4[:, 3]
        i, f, o, g = sigmoid(zi), sigmoid(zf), sigmoid(zo), np.tanh(zg)
        old = {"c": c_prev, "h": h_prev, "none": 0}[keep]
        c = f * old + {"i": i, "1-f": 1 - f}[write] * g
        h_t = np.tanh(o * c) if out == "tanh(o*c)" else o * np.tanh(c)
        return h_t, c

    return step


MISTAKES = {
    "x_t @ W_x forgotten": (lstm_step(x=False), "your step ignores x_t"),
    "h_prev @ W_h forgotten": (lstm_step(h=False), "your step ignores h_prev"),
    "bias forgotten": (lstm_step(bias=False), "the bias b is missing"),
    "c_prev forgotten": (lstm_step(keep="none"), "c_prev is missing"),
    "f * h_prev": (lstm_step(keep="h"), "f ⊙ c_{t-1}, not f ⊙ h_{t-1}"),
    "interleaved reshape": (
        lstm_step(split="interleaved"),
        "z.reshape(batch, units, 4) interleaves the blocks",
    ),
    "coupled gates (1 - f) c̃": (lstm_step(write="1-f"), "you coupled the gates"),
    "tanh(o * c)": (lstm_step(out="tanh(o*c)"), "h_t = o ⊙ tanh(c_t), not tanh(o ⊙ c_t)"),
}


@pytest.mark.parametrize("label", list(MISTAKES))
def test_each_named_lstm_step_mistake_gets_its_hint(label):
    fn, words = MISTAKES[label]
    result = ex.check_lstm_cell_step(fn)
    assert result.status == WRONG, str(result)
    assert words in result.message, str(result)
    assert result.message.count("Hint:") == 1


def test_a_wrong_term_the_known_bugs_do_not_cover_is_named_by_an_ablation():
    """Mistakes inside one term (not its omission) are found by zeroing the other terms."""
    bias_twice = lstm_step()

    def twice(x_t, h_prev, c_prev, W_x, W_h, b):
        return bias_twice(x_t, h_prev, c_prev, W_x, W_h, 2 * b)

    def half_c(x_t, h_prev, c_prev, W_x, W_h, b):
        return lstm_step()(x_t, h_prev, 0.5 * c_prev, W_x, W_h, b)

    def x_squared(x_t, h_prev, c_prev, W_x, W_h, b):
        return lstm_step()(x_t * np.abs(x_t), h_prev, c_prev, W_x, W_h, b)

    for fn, words in [
        (twice, "only the bias is left"),
        (half_c, "check the f ⊙ c_{t-1} term"),
        (x_squared, "check the x_t @ W_x term"),
    ]:
        result = ex.check_lstm_cell_step(fn)
        assert result.status == WRONG and words in result.message, str(result)


def step_einsum(x_t, h_prev, c_prev, W_x, W_h, b):
    z = np.einsum("bd,dk->bk", x_t, W_x) + np.einsum("bu,uk->bk", h_prev, W_h) + b
    i, f, g, o = np.split(z, 4, axis=1)
    c = sig(f) * c_prev + sig(i) * np.tanh(g)
    return sig(o) * np.tanh(c), c


def step_loops(x_t, h_prev, c_prev, W_x, W_h, b):
    batch, n = h_prev.shape
    h_t, c_t = np.empty((batch, n)), np.empty((batch, n))
    for r in range(batch):
        for j in range(n):
            z = [
                sum(x_t[r, k] * W_x[k, q * n + j] for k in range(x_t.shape[1]))
                + sum(h_prev[r, k] * W_h[k, q * n + j] for k in range(n))
                + b[q * n + j]
                for q in range(4)
            ]
            c_t[r, j] = sig(z[1]) * c_prev[r, j] + sig(z[0]) * np.tanh(z[2])
            h_t[r, j] = sig(z[3]) * np.tanh(c_t[r, j])
    return h_t, c_t


def step_columns(x_t, h_prev, c_prev, W_x, W_h, b):
    """Papers' column vectors: z = W_x^T x + W_h^T h + b, one column per example."""
    n = h_prev.shape[1]
    z = W_x.T @ x_t.T + W_h.T @ h_prev.T + b[:, None]  # (4n, batch)
    i, f, g, o = sig(z[:n]), sig(z[n : 2 * n]), np.tanh(z[2 * n : 3 * n]), sig(z[3 * n :])
    c = f * c_prev.T + i * g
    return (o * np.tanh(c)).T, c.T


def step_float32(x_t, h_prev, c_prev, W_x, W_h, b):
    return lstm_step()(
        *(np.asarray(v, dtype=np.float32) for v in (x_t, h_prev, c_prev, W_x, W_h, b))
    )


def step_float64_list(x_t, h_prev, c_prev, W_x, W_h, b):
    h, c = lstm_step()(
        *(np.asarray(v, dtype=np.float64) for v in (x_t, h_prev, c_prev, W_x, W_h, b))
    )
    return [h, c]


RIGHT = {
    "reshape(batch, 4, units)": lstm_step(),
    "einsum": step_einsum,
    "loops": step_loops,
    "column vectors, transposes inside": step_columns,
    "float32": step_float32,
    "float64, returned as a list": step_float64_list,
    "sigmoid clipped at ±10": lstm_step(sigmoid=sig_clipped),
    "sigmoid clipped at ±30": lstm_step(sigmoid=lambda z: sig_clipped(z, 30.0)),
}


@pytest.mark.parametrize("label", list(RIGHT))
def test_right_lstm_steps_in_other_styles_pass(label):
    result = ex.check_lstm_cell_step(RIGHT[label])
    assert result.status == PASS, str(result)


def test_the_clipped_sigmoid_really_differs_on_the_checkers_inputs():
    """The clip is active on the checker's inputs (by 2e-6 with today's seed, within even the
    default tolerance); the tolerance keeps it accepted on any inputs with |c_prev| < 4."""
    check = ex.check_lstm_cell_step
    rng = np.random.default_rng(check.seed)
    trials = [check.make_inputs(rng, t) for t in range(check.trials)]
    diffs = [
        np.max(
            np.abs(
                np.subtract(lstm_step(sigmoid=sig_clipped)(*t.values()), lstm_step()(*t.values()))
            )
        )
        for t in trials
    ]
    assert max(diffs) > 0
    # ... and the tolerance is the stated bound: σ(-10) (|c_prev| + 2)
    bound = sig(-10.0) * (2 + max(np.max(np.abs(t["c_prev"])) for t in trials))
    assert max(diffs) <= bound <= check.atol


def test_the_tolerance_still_rejects_every_named_mistake_by_a_wide_margin():
    check = ex.check_lstm_cell_step
    rng = np.random.default_rng(check.seed)
    t = check.make_inputs(rng, 0)
    for fn, _ in MISTAKES.values():
        diff = np.max(np.abs(np.subtract(fn(*t.values()), lstm_step()(*t.values()))))
        assert diff > 30 * check.atol


GARBAGE = [
    lambda *a: None,
    lambda *a: "h_t",
    lambda *a: {"h": a[1], "c": a[2]},
    lambda *a: (a[1],),
    lambda *a: (a[1], a[2], a[2]),
    lambda *a: (np.full_like(a[1], np.nan), a[2]),
    lambda *a: (a[1].T, a[2]),
    lambda *a: ([[1, 2], [3]], a[2]),
    lambda *a: (a[1], {"cache": 1}),
    lambda *a: 1 / 0,
    lambda *a: np.split(a[0], 5),
    lambda x, h: (x, h),
]


@pytest.mark.parametrize("i", range(len(GARBAGE)))
def test_the_lstm_step_checker_never_raises(i):
    result = ex.check_lstm_cell_step(GARBAGE[i])
    assert result.status != PASS
    assert result.message and "Traceback" not in result.message


# --- item 42: tuples returned where one array is expected; a clipped sigmoid -----------------


def forget_with_pre(x_t, h_prev, W_xf, W_hf, b_f):
    z = x_t @ W_xf + h_prev @ W_hf + b_f
    return sig(z), z


def rnn_dlai(x_t, h_prev, W_xh, W_hh, b_h):
    h_t = np.tanh(x_t @ W_xh + h_prev @ W_hh + b_h)
    return h_t, (h_t, h_prev, x_t, {"W_xh": W_xh, "W_hh": W_hh, "b_h": b_h})


@pytest.mark.parametrize(
    ("check", "fn", "name"),
    [
        (ex.check_forget_gate, forget_with_pre, "f_t"),
        (ex.check_rnn_cell_forward, rnn_dlai, "h_t"),
        (ex.check_dense_tanh, lambda x, W, b: (np.tanh(x @ W + b), x @ W + b), "tanh(x @ W + b)"),
    ],
)
def test_a_tuple_returned_for_one_array_is_said_in_words(check, fn, name):
    result = check(fn)
    assert result.status == WRONG
    assert f"got a tuple of 2 values: return only {name}; item 0 of your tuple is right" in (
        result.message
    ), str(result)
    assert "did you return a cache" in result.message
    assert "expected shape" not in result.message and "NumPy cannot stack" not in result.message


def test_a_wrong_first_item_is_not_called_right():
    result = ex.check_forget_gate(lambda x, h, U, W, b: (np.tanh(x @ U + h @ W + b), b))
    assert "return only f_t (did you return" in result.message, str(result)


def test_an_array_written_as_a_list_is_still_compared_as_an_array():
    rows = ex.check_forget_gate(lambda x, h, U, W, b: list(sig(x @ U + h @ W + b)))
    assert rows.status == PASS, str(rows)
    columns = ex.check_forget_gate(lambda x, h, U, W, b: list(sig(x @ U + h @ W + b).T))
    assert columns.status == WRONG and "expected shape" in columns.message, str(columns)


@pytest.mark.parametrize("bound", [10.0, 12.0, 50.0])
def test_a_sigmoid_clipped_at_10_or_wider_is_a_right_forget_gate(bound):
    result = ex.check_forget_gate(lambda x, h, U, W, b: sig_clipped(x @ U + h @ W + b, bound))
    assert result.status == PASS, str(result)


def test_the_forget_gate_tolerance_is_sigma_of_minus_10_and_the_clip_matters():
    assert sig(-10.0) <= ex.check_forget_gate.atol < 1e-4
    check = ex.check_forget_gate
    rng = np.random.default_rng(check.seed)
    trials = [check.make_inputs(rng, t) for t in range(check.trials)]
    z = [t["x_t"] @ t["W_xf"] + t["h_prev"] @ t["W_hf"] + t["b_f"] for t in trials]
    assert max(np.max(np.abs(sig_clipped(v) - sig(v))) for v in z) > 1e-5


@pytest.mark.parametrize("bound", [3.0, 5.0, 8.0])
def test_a_sigmoid_clipped_too_tightly_gets_the_clip_hint_not_a_term_hint(bound):
    result = ex.check_forget_gate(lambda x, h, U, W, b: sig_clipped(x @ U + h @ W + b, bound))
    assert result.status == WRONG
    assert f"clipping z at ±{bound:.3g}" in result.message, str(result)
    assert "W_hf" not in result.message and "W_xf" not in result.message


def test_the_clip_diagnosis_is_silent_on_saturated_gates(recwarn):
    """σ(z) rounds to exactly 1 for z > 37: the diagnosis must not warn (a notebook shows it)."""
    from lstm_course.exercises.nb03_lstm_from_scratch import _clipped_sigmoid

    z = np.array([[-50.0, -3.0, 0.0, 3.0, 50.0]])
    assert "clipping z at ±5 " in _clipped_sigmoid({}, sig(z), sig_clipped(z, 5.0))
    assert _clipped_sigmoid({}, sig(z), np.round(sig(z))) is None  # 0 and 1: not a sigmoid
    assert _clipped_sigmoid({}, sig(z), sig(z)) is None
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]
