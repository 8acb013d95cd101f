from lstm_course.numpy_models.attention import (
    additive_attention,
    additive_scores,
    dot_product_attention,
    masked_softmax,
)

import keras
import numpy as np
import pytest

B, T, DQ, DK, DA = 3, 5, 4, 6, 7


def inputs(dtype, seed=0):
    rng = np.random.default_rng(seed)
    query = rng.normal(size=(B, DQ)).astype(dtype)
    keys = rng.normal(size=(B, T, DK)).astype(dtype)
    W_q = rng.normal(size=(DQ, DA)).astype(dtype) * 0.5
    W_k = rng.normal(size=(DK, DA)).astype(dtype) * 0.5
    v = rng.normal(size=DA).astype(dtype)
    mask = np.ones((B, T), bool)
    mask[1, 3:] = False  # row 1 has 3 real positions, row 2 only 1
    mask[2, 1:] = False
    return query, keys, W_q, W_k, v, mask


def max_error(a, b):
    return float(np.max(np.abs(np.asarray(a, np.float64) - np.asarray(b, np.float64))))


@pytest.mark.parametrize(("dtype", "tol"), [("float32", 1e-6), ("float64", 1e-12)])
def test_additive_attention_equals_keras_additive_attention(dtype, tol):
    query, keys, W_q, W_k, v, mask = inputs(dtype)
    layer = keras.layers.AdditiveAttention(use_scale=True, dtype=dtype)
    projected = [(query @ W_q)[:, None, :], keys, keys @ W_k]  # query, value, key
    layer.build([p.shape for p in projected])
    layer.scale.assign(v)
    out, scores = layer(projected, mask=[None, mask], return_attention_scores=True)
    context, weights = additive_attention(query, keys, W_q, W_k, v, mask=mask)
    assert context.dtype == weights.dtype == np.dtype(dtype)
    assert max_error(weights, np.asarray(scores)[:, 0]) <= tol
    assert max_error(context, np.asarray(out)[:, 0]) <= tol


@pytest.mark.parametrize(("dtype", "tol"), [("float32", 1e-6), ("float64", 1e-12)])
def test_dot_product_attention_equals_keras_attention(dtype, tol):
    query, keys, *_, mask = inputs(dtype)
    keys = keys[:, :, :DQ]
    layer = keras.layers.Attention(use_scale=True, dtype=dtype)
    layer.build([(B, 1, DQ), keys.shape])
    layer.scale.assign(0.7)
    out, scores = layer([query[:, None, :], keys], mask=[None, mask], return_attention_scores=True)
    context, weights = dot_product_attention(query, keys, mask=mask, scale=0.7)
    assert max_error(weights, np.asarray(scores)[:, 0]) <= tol
    assert max_error(context, np.asarray(out)[:, 0]) <= tol


def test_the_equations_written_out_for_one_example():
    query, keys, W_q, W_k, v, _ = inputs("float64")
    e = np.array([np.tanh(query[0] @ W_q + keys[0, j] @ W_k) @ v for j in range(T)])  # rows
    paper = [v @ np.tanh(W_q.T @ query[0] + W_k.T @ keys[0, j]) for j in range(T)]  # columns
    np.testing.assert_allclose(e, paper)  # Bahdanau et al.'s vᵀ tanh(W_q s + W_k h_j)
    alpha = np.exp(e) / np.exp(e).sum()
    context, weights = additive_attention(query, keys, W_q, W_k, v)
    np.testing.assert_allclose(additive_scores(query, keys, W_q, W_k, v)[0], e)
    np.testing.assert_allclose(weights[0], alpha)
    np.testing.assert_allclose(context[0], alpha @ keys[0])


def test_padded_positions_get_exactly_zero_weight_and_do_not_change_the_context():
    query, keys, W_q, W_k, v, mask = inputs("float64")
    context, weights = additive_attention(query, keys, W_q, W_k, v, mask=mask)
    assert (weights[~mask] == 0).all() and np.allclose(weights.sum(axis=1), 1)
    assert weights[2, 0] == 1.0  # one real position takes all the weight
    garbage = keys.copy()
    garbage[~mask] = 1e3  # whatever sits in the padding
    context2, _ = additive_attention(query, garbage, W_q, W_k, v, values=keys, mask=mask)
    np.testing.assert_allclose(context2, context)


def test_separate_values_are_averaged_with_the_keys_weights():
    query, keys, W_q, W_k, v, _ = inputs("float64")
    values = np.arange(B * T * 2, dtype=float).reshape(B, T, 2)
    context, weights = additive_attention(query, keys, W_q, W_k, v, values=values)
    np.testing.assert_allclose(context, np.einsum("bt,btd->bd", weights, values))


def test_masked_softmax_is_stable_for_large_scores():
    weights = masked_softmax([[1000.0, 1000.0, -1000.0]])
    np.testing.assert_allclose(weights, [[0.5, 0.5, 0.0]])
