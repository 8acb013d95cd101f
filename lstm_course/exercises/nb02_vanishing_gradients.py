"""Notebook 02: the backward pass of one RNN step, and clipping by global norm."""

from lstm_course.exercises._common import distinct_sizes
from lstm_course.exercises.checker import Exercise, KnownBug
from lstm_course.numpy_models import rnn
from lstm_course.training import clipping

import numpy as np

rnn_cell_backward = rnn.rnn_cell_backward  # the reference
clip_by_global_norm = clipping.clip_by_global_norm  # the reference

BACKWARD_NAMES = ("dx_t", "dh_prev", "dW_xh", "dW_hh", "db_h")


def _rnn_cell_backward_inputs(rng, trial=0):
    batch, d, n = distinct_sizes(rng, trial, (3, 4, 5))
    x_t, h_prev = rng.normal(size=(batch, d)), np.tanh(rng.normal(size=(batch, n)))
    W_xh, W_hh = rng.normal(scale=0.5, size=(d, n)), rng.normal(scale=0.5, size=(n, n))
    h_t = rnn.rnn_cell_forward(x_t, h_prev, W_xh, W_hh, rng.normal(size=n))
    return {
        "dh_t": rng.normal(size=(batch, n)),
        "h_t": h_t,
        "h_prev": h_prev,
        "x_t": x_t,
        "W_xh": W_xh,
        "W_hh": W_hh,
    }


def _cell_backward_variant(
    derivative="h_t", dh_prev="dpre @ W_hh.T", dW_hh="h_prev.T @ dpre", db_h="sum", order="ok"
):
    """A (possibly broken) rnn_cell_backward, for the checker's known bugs."""

    def step(dh_t, h_t, h_prev, x_t, W_xh, W_hh):
        dtanh = {
            "h_t": 1 - h_t**2,
            "none": 1.0,
            "h_prev": 1 - h_prev**2,
            "tanh(h_t)": 1 - np.tanh(h_t) ** 2,
            "(1-h)^2": (1 - h_t) ** 2,
            "h(1-h)": h_t * (1 - h_t),
        }[derivative]
        dpre = dh_t * dtanh
        grads = {
            "dx_t": dpre @ W_xh.T,
            "dh_prev": {
                "dpre @ W_hh.T": dpre @ W_hh.T,
                "dpre @ W_hh": dpre @ W_hh,
                "dh_t @ W_hh.T": dh_t @ W_hh.T,
            }[dh_prev],
            "dW_xh": x_t.T @ dpre,
            "dW_hh": {
                "h_prev.T @ dpre": h_prev.T @ dpre,
                "dpre.T @ h_prev": dpre.T @ h_prev,
                "h_t.T @ dpre": h_t.T @ dpre,
            }[dW_hh],
            "db_h": dpre.sum(axis=0) if db_h == "sum" else dpre,
        }
        names = list(BACKWARD_NAMES)
        if order == "swap":
            names[2], names[3] = names[3], names[2]
        return tuple(grads[k] for k in names)

    return step


def _accept_keepdims(expected, got):
    """db_h as (1, n) (keepdims) or (n, 1) (column vectors) is the same gradient."""
    if isinstance(got, tuple | list) and len(got) == len(expected):
        db_h = np.asarray(got[-1])
        if db_h.ndim == 2 and 1 in db_h.shape and db_h.size == np.size(expected[-1]):
            return (*got[:-1], db_h.reshape(np.shape(expected[-1])))
    return got


check_rnn_cell_backward = Exercise(
    name="rnn_cell_backward",
    reference=rnn.rnn_cell_backward,
    make_inputs=_rnn_cell_backward_inputs,
    output_names=BACKWARD_NAMES,
    accept=_accept_keepdims,
    known_bugs=[
        KnownBug(
            _cell_backward_variant(derivative="none"),
            "the gradient must pass through the tanh: multiply dh_t by tanh'(pre) first",
        ),
        KnownBug(
            _cell_backward_variant(derivative="h_prev"),
            "the tanh derivative is taken at this step's output, h_t, not at h_prev",
        ),
        KnownBug(
            _cell_backward_variant(derivative="tanh(h_t)"),
            "h_t already is tanh(pre), so tanh'(pre) = 1 - h_t**2 (no second tanh)",
        ),
        KnownBug(
            _cell_backward_variant(derivative="(1-h)^2"),
            "tanh'(pre) = 1 - h_t**2, that is 1 - (h_t squared), not (1 - h_t) squared",
        ),
        KnownBug(
            _cell_backward_variant(derivative="h(1-h)"),
            "h_t * (1 - h_t) is the sigmoid's derivative; the tanh's is 1 - h_t**2",
        ),
        KnownBug(
            _cell_backward_variant(dh_prev="dpre @ W_hh"),
            "dh_prev: the forward pass used h_prev @ W_hh, so backward multiplies by W_hh.T, "
            "not W_hh (it is square, so the shape cannot tell)",
        ),
        KnownBug(
            _cell_backward_variant(dh_prev="dh_t @ W_hh.T"),
            "dh_prev must also pass through the tanh: start from dpre, not from dh_t",
        ),
        KnownBug(
            _cell_backward_variant(dW_hh="dpre.T @ h_prev"),
            "dW_hh is transposed (it is square, so the shape cannot tell): row i of dW_hh "
            "belongs to unit i of h_prev, like row i of W_hh",
        ),
        KnownBug(
            _cell_backward_variant(dW_hh="h_t.T @ dpre"),
            "dW_hh pairs dpre with the state that *entered* the step, h_prev, not with h_t",
        ),
        KnownBug(
            _cell_backward_variant(db_h="none"),
            "db_h is one value per unit: add up the batch's contributions",
        ),
        KnownBug(
            _cell_backward_variant(order="swap"),
            "return the gradients in the order (dx_t, dh_prev, dW_xh, dW_hh, db_h)",
        ),
    ],
    error_hint="each gradient has the shape of what it is the gradient of: dx_t like x_t, "
    "dh_prev like h_prev, dW_xh like W_xh, dW_hh like W_hh, db_h like b_h",
)


def _clip_inputs(rng, trial=0):
    """Sizes, max_norm and the side of the threshold all change from trial to trial."""
    shapes = [(3, 4), (5,), (2, 3, 2)][: 2 + trial % 2]
    if trial:
        shapes = [tuple(int(s) for s in rng.integers(1, 6, size=len(shp))) for shp in shapes]
    grads = [rng.normal(size=shape) for shape in shapes]
    norm = np.sqrt(sum(np.sum(g**2) for g in grads))
    max_norm = float(rng.uniform(0.3, 5.0))
    ratio = rng.uniform(2.0, 10.0) if trial % 2 == 0 else rng.uniform(0.2, 0.8)  # above, below
    return {"grads": [g * max_norm * ratio / norm for g in grads], "max_norm": max_norm}


def _global_norm(grads):
    return float(np.sqrt(sum(np.sum(g**2) for g in grads)))


def _clip_variant(condition="above", ratio="max/norm", norm_of="before", norm="l2"):
    """A (possibly broken) clip_by_global_norm, for the checker's known bugs."""

    def clip(grads, max_norm):
        before = _global_norm(grads)
        if norm == "squares":
            before = before**2
        elif norm == "sum of norms":
            before = float(sum(np.linalg.norm(g) for g in grads))
        scale = max_norm / before if ratio == "max/norm" else before / max_norm
        applies = {
            "above": before > max_norm,
            "below": before < max_norm,
            "always": True,
            "never": False,
        }[condition]
        clipped = [g * scale if applies else g for g in grads]
        return clipped, (_global_norm(clipped) if norm_of == "after" else before)

    return clip


def _clip_each(grads, max_norm):
    norms = [np.linalg.norm(g) for g in grads]
    return [g * min(1.0, max_norm / n) for g, n in zip(grads, norms, strict=True)], _global_norm(
        grads
    )


check_clip_by_global_norm = Exercise(
    name="clip_by_global_norm",
    reference=clipping.clip_by_global_norm,
    make_inputs=_clip_inputs,
    output_names=("clipped", "global_norm"),
    trials=6,
    known_bugs=[
        KnownBug(
            _clip_each,
            "you clipped each array by its own norm: use one global norm for all "
            "arrays, so the update keeps its direction",
        ),
        KnownBug(
            _clip_variant(condition="always"),
            "only scale when the global norm exceeds max_norm; smaller gradients stay as they are",
        ),
        KnownBug(
            _clip_variant(condition="below"),
            "the condition is the wrong way round: scale when the global norm is *above* max_norm",
        ),
        KnownBug(
            _clip_variant(condition="never"),
            "your arrays are never scaled: when the global norm exceeds max_norm, multiply "
            "every array by the same factor",
        ),
        KnownBug(
            lambda grads, max_norm: _clip_variant()(grads, 1.0),
            "you ignore the max_norm argument (1.0 is hard-coded?)",
        ),
        KnownBug(
            lambda grads, max_norm: (
                [np.clip(g, -max_norm, max_norm) for g in grads],
                _global_norm(grads),
            ),
            "np.clip clips each entry and changes the direction: scale "
            "every array by one common factor instead",
        ),
        KnownBug(_clip_variant(ratio="norm/max"), "the factor is max_norm / global_norm"),
        KnownBug(
            _clip_variant(norm_of="after"),
            "return the global norm *before* clipping (what was measured)",
        ),
        KnownBug(
            _clip_variant(norm="squares"),
            "the global norm is the square root of the sum of squares",
        ),
        KnownBug(
            _clip_variant(norm="sum of norms"),
            "the global norm is not the sum of the arrays' norms: add up the squares of "
            "every entry, then take one square root",
        ),
        KnownBug(
            lambda grads, max_norm: _clip_variant()(grads, max_norm)[0],
            "return a pair: (the clipped list, the global norm before clipping)",
        ),
        KnownBug(
            lambda grads, max_norm: _clip_variant()(grads, max_norm)[::-1],
            "return (clipped, global_norm) in this order",
        ),
    ],
    error_hint="grads is a list of arrays of different shapes: take the sum of squares of each "
    "array separately; return (list of clipped arrays, global norm)",
)
