"""Attention for one decoder step, in NumPy: scores, softmax over the positions, context.

Taught in notebook 07. For a decoder state ``s`` (the *query*) and the encoder's states
``h_1 … h_T`` (the *keys*, which are also the *values* here), all rows as everywhere in the
course:

- additive (Bahdanau et al., 2015):  ``e_j = tanh(s W_q + h_j W_k) v``
  (the paper writes ``vᵀ tanh(W_q s + W_k h_j)`` with column vectors: the same score);
- dot product (Luong et al., 2015):  ``e_j = scale · s h_jᵀ``;
- then for both:  ``α = softmax(e)`` over j, and the context ``ctx = Σ_j α_j h_j``
  (not ``c``: that is the LSTM's cell state).

A ``mask`` of shape (batch, T) marks the real encoder positions (``True``) and the padding
(``False``): padded positions get a weight of exactly 0, as in Keras. Every row needs at least
one real position.

Shapes: ``query`` (batch, d_q), ``keys`` (batch, T, d_k), ``values`` (batch, T, d_v),
``W_q`` (d_q, d_a), ``W_k`` (d_k, d_a), ``v`` (d_a,) with d_a the attention's own hidden size.
Results: the context (batch, d_v) and the weights α (batch, T). The computation runs in
``np.result_type`` of the float inputs (float32 only if every input is float32).

Keras has the same two scores as layers: ``keras.layers.AdditiveAttention`` takes the
*projected* query and keys (``s W_q`` and ``h_j W_k``) and its ``scale`` is ``v``;
``keras.layers.Attention(use_scale=True)`` is the dot product with a learned scalar ``scale``.
``tests/test_attention.py`` checks both against these functions with copied weights.
"""

from lstm_course import maths
from lstm_course.arguments import (
    array_of_shape,
    as_float_array,
    as_real,
    check_shape,
    common_float_dtype,
    describe,
)

import numpy as np

__all__ = ["additive_attention", "additive_scores", "dot_product_attention", "masked_softmax"]


def _query_and_keys(query, keys):
    query = as_float_array(query, "query")
    check_shape(query, (None, None), "query", "(batch, d_q)")
    keys = as_float_array(keys, "keys")
    check_shape(keys, (query.shape[0], None, None), "keys", "(batch, T, d_k)")
    if keys.shape[1] == 0:
        raise ValueError("keys must have at least one position (T >= 1), got T = 0")
    return query, keys


def _as_mask(mask, shape):
    if mask is None:
        return None
    if isinstance(mask, str | bytes) or not hasattr(mask, "__len__") and not hasattr(mask, "shape"):
        raise TypeError(f"mask must be an array of booleans, got {describe(mask)}")
    arr = np.asarray(mask)
    if arr.dtype != bool:
        if not np.issubdtype(arr.dtype, np.number) or not np.isin(arr, (0, 1)).all():
            raise TypeError(f"mask must hold booleans (or 0/1), got dtype {arr.dtype}")
        arr = arr.astype(bool)
    check_shape(arr, shape, "mask", "(batch, T): True at real positions")
    empty = np.flatnonzero(~arr.any(axis=1))
    if empty.size:
        raise ValueError(
            f"mask must keep at least one position in every row; row {int(empty[0])} has none"
        )
    return arr


def masked_softmax(scores, mask=None):
    """Softmax over the last axis; positions where ``mask`` is False get weight exactly 0.

    Args:
        scores: (batch, T) attention scores.
        mask: optional (batch, T) booleans, True at the positions that may be attended to.
    """
    scores = as_float_array(scores, "scores")
    check_shape(scores, (None, None), "scores", "(batch, T)")
    mask = _as_mask(mask, scores.shape)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    return maths.softmax_unchecked(scores)


def additive_scores(query, keys, W_q, W_k, v):
    """Bahdanau's scores ``e_j = tanh(s W_q + h_j W_k) v``, shape (batch, T).

    ``W_q`` is (d_q, d_a), ``W_k`` (d_k, d_a) and ``v`` (d_a,): the attention's own hidden
    size d_a. With rows, the maths is the code: ``s W_q`` is ``query @ W_q``.
    """
    query, keys = _query_and_keys(query, keys)
    W_q = array_of_shape(W_q, (query.shape[1], None), "W_q", "(d_q, d_a)")
    d_a = W_q.shape[1]
    W_k = array_of_shape(W_k, (keys.shape[2], d_a), "W_k", "(d_k, d_a)")
    v = array_of_shape(v, (d_a,), "v", "(d_a,)")
    dtype = common_float_dtype(query, keys, W_q, W_k, v)
    projected_query = (query @ W_q).astype(dtype, copy=False)  # (batch, d_a)
    projected_keys = (keys @ W_k).astype(dtype, copy=False)  # (batch, T, d_a)
    pre = projected_query[:, None, :] + projected_keys  # (batch, T, d_a), inside the tanh
    return np.tanh(pre) @ v.astype(dtype, copy=False)


def _context(weights, values, keys):
    if values is None:
        values = keys
    else:
        values = as_float_array(values, "values")
        check_shape(values, keys.shape[:2] + (None,), "values", "(batch, T, d_v)")
    dtype = common_float_dtype(weights, values)
    return np.einsum("bt,btd->bd", weights, values).astype(dtype, copy=False)


def additive_attention(query, keys, W_q, W_k, v, values=None, mask=None):
    """One step of additive (Bahdanau) attention: ``(context, weights)``.

    Args:
        query: (batch, d_q) the decoder's state ``s``.
        keys: (batch, T, d_k) the encoder's states ``h_j``.
        W_q, W_k, v: the score's weights, see :func:`additive_scores`.
        values: (batch, T, d_v) what is averaged; the keys if not given.
        mask: optional (batch, T) booleans, False at padded positions.

    Returns:
        the context ``ctx = Σ_j α_j h_j`` (batch, d_v) and the weights ``α`` (batch, T),
        each row of the weights summing to 1.
    """
    scores = additive_scores(query, keys, W_q, W_k, v)
    weights = masked_softmax(scores, mask)
    return _context(weights, values, np.asarray(keys)), weights


def dot_product_attention(query, keys, values=None, mask=None, scale=1.0):
    """One step of dot-product (Luong) attention: ``(context, weights)``.

    ``e_j = scale · s h_jᵀ``; the query and the keys must have the same width. Transformers
    use ``scale = 1/√d``; Keras's ``Attention(use_scale=True)`` learns it.
    """
    query, keys = _query_and_keys(query, keys)
    if keys.shape[2] != query.shape[1]:
        raise ValueError(
            f"keys must have the query's width {query.shape[1]} in their last axis "
            f"(batch, T, d), got {keys.shape}"
        )
    scale = as_real(scale, "scale")
    dtype = common_float_dtype(query, keys)
    scores = (np.einsum("bd,btd->bt", query, keys) * scale).astype(dtype, copy=False)
    weights = masked_softmax(scores, mask)
    return _context(weights, values, keys), weights
