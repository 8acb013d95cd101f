"""Notebook 07: the attention weights (a masked softmax) and Bahdanau's additive scores."""

from lstm_course.exercises._common import distinct_sizes
from lstm_course.exercises.checker import Exercise, KnownBug
from lstm_course.maths import softmax_unchecked
from lstm_course.numpy_models import attention

import numpy as np


def attention_weights(scores, mask):
    """Reference: softmax over the positions (last axis), weight 0 where mask is False."""
    return attention.masked_softmax(scores, mask)


def _weights_inputs(rng, trial=0):
    batch, positions = distinct_sizes(rng, trial, (3, 6))
    scores = rng.normal(scale=3.0, size=(batch, positions))
    if trial % 2:
        scores += 800.0  # exp(800) overflows: a softmax must subtract the maximum first
    lengths = rng.integers(1, positions + 1, size=batch)
    lengths[0] = positions  # one row without padding, one with a single real position
    lengths[-1] = 1
    mask = np.arange(positions)[None, :] < lengths[:, None]
    return {"scores": scores, "mask": mask}


def _masked(fill=-np.inf, axis=-1, shift=True, renormalise=True, after=False):
    def weights(scores, mask):
        if after:  # softmax first, then zero the padding
            w = softmax_unchecked(scores, axis) * mask
            return w / w.sum(axis=axis, keepdims=True) if renormalise else w
        masked = np.where(mask, scores, fill)
        if not shift:
            e = np.exp(masked)
            return e / e.sum(axis=axis, keepdims=True)
        return softmax_unchecked(masked, axis)

    return weights


check_attention_weights = Exercise(
    name="attention_weights",
    reference=attention_weights,
    make_inputs=_weights_inputs,
    known_bugs=[
        KnownBug(
            lambda scores, mask: softmax_unchecked(scores),
            "the mask is ignored: padded positions must get weight 0",
        ),
        KnownBug(
            _masked(after=True, renormalise=False),
            "you zeroed the padding after the softmax without renormalising: "
            "each row must still sum to 1",
        ),
        KnownBug(
            _masked(fill=0.0),
            "a score of 0 is not 'no weight': exp(0) = 1. Give padded positions a score of "
            "-inf (or zero their weights and renormalise)",
        ),
        KnownBug(
            _masked(axis=0),
            "the softmax runs over the batch axis: it must run over the positions (the last "
            "axis), one distribution per row",
        ),
        KnownBug(
            _masked(shift=False),
            "exp of a large score overflows to inf (and inf/inf is nan): subtract each row's "
            "maximum before np.exp, which does not change the softmax",
        ),
        KnownBug(
            lambda scores, mask: (
                np.where(mask, scores, 0.0)
                / np.where(mask, scores, 0.0).sum(axis=-1, keepdims=True)
            ),
            "the weights are the softmax of the scores (exp, then divide by the sum), not the "
            "scores divided by their sum",
        ),
    ],
    error_hint="scores and mask are (batch, positions); the weights have the same shape",
)


def additive_scores(query, keys, W_q, W_k, v):
    """Reference: e_j = tanh(s W_q + h_j W_k) v, batch-first and rows as in the notebook."""
    return attention.additive_scores(query, keys, W_q, W_k, v)


def _scores_inputs(rng, trial=0):
    batch, positions, d_q, d_k, d_a = distinct_sizes(rng, trial, (2, 5, 3, 4, 6))
    return {
        "query": rng.normal(size=(batch, d_q)),
        "keys": rng.normal(size=(batch, positions, d_k)),
        "W_q": rng.normal(size=(d_q, d_a)) * 0.6,
        "W_k": rng.normal(size=(d_k, d_a)) * 0.6,
        "v": rng.normal(size=d_a),
    }


def _scores(tanh=True, query=True, keys=True, v="v", where="inside"):
    def scores(query_, keys_, W_q, W_k, v_):
        if where == "outside":  # tanh(s W_q) + h_j W_k: the sum outside the tanh
            return (np.tanh((query_ @ W_q)[:, None, :]) + keys_ @ W_k) @ v_
        pre = (query_ @ W_q)[:, None, :] if query else 0.0
        pre = pre + (keys_ @ W_k if keys else 0.0)
        hidden = np.tanh(pre) if tanh else pre
        return hidden @ v_ if v == "v" else hidden.sum(axis=-1)

    return scores


check_additive_scores = Exercise(
    name="additive_scores",
    reference=additive_scores,
    make_inputs=_scores_inputs,
    known_bugs=[
        KnownBug(_scores(tanh=False), "the tanh is missing: e_j = tanh(s W_q + h_j W_k) v"),
        KnownBug(
            _scores(query=False),
            "your scores ignore the query: then every decoder step attends the same way. "
            "Add s W_q (query @ W_q) inside the tanh",
        ),
        KnownBug(
            _scores(keys=False),
            "your scores ignore the keys: h_j W_k is what makes positions differ",
        ),
        KnownBug(
            _scores(v="sum"),
            "you summed tanh(...) over its last axis: project it with v instead (tanh(...) @ v)",
        ),
        KnownBug(
            _scores(where="outside"),
            "the tanh applies to the sum s W_q + h_j W_k, not to s W_q alone",
        ),
    ],
    error_hint=(
        "query is (batch, d_q) and keys (batch, positions, d_k): project both to d_a, then "
        "add them with a new positions axis on the query"
    ),
)
