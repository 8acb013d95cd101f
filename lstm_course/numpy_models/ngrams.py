"""Count-based character models, the baselines a language model must beat. Notebook 08.

An n-gram model predicts a character from the ``n - 1`` characters before it, by counting
in the training text. With add-``alpha`` (Lidstone) smoothing, for a context ``ctx``::

    P(x | ctx) = (count(ctx, x) + alpha) / (count(ctx) + alpha * V)

so a character never seen after ``ctx`` keeps a small probability (without smoothing it
would get 0, and one such character in the held-out text makes the cross-entropy
infinite), and a context never seen gives the uniform ``1 / V``. Order 1 (the unigram)
ignores the context: character frequencies. Order 0 is the uniform model, ``log V``.

Every model here scores the same characters: ``ids[1:]``, each given the characters before
it *in ids* (the first character is given, as it is to the LSTMs). While fewer than
``order - 1`` characters precede a position (only at the start), the longest available
context is used.
"""

from lstm_course.arguments import as_int, as_positive_int, as_real, describe

import math

import numpy as np


def uniform_cross_entropy(vocab_size: int) -> float:
    """Cross-entropy of the uniform model, ``log(vocab_size)`` nats per character."""
    return math.log(as_positive_int(vocab_size, "vocab_size"))


def _check_ids(ids, name: str, vocab_size: int, minimum_length: int, ndims=(1,)) -> np.ndarray:
    ids = np.asarray(ids)
    if ids.ndim not in ndims or not np.issubdtype(ids.dtype, np.integer):
        raise TypeError(f"{name} must be a 1-D array of integer ids, got {describe(ids)}")
    if ids.shape[-1] < minimum_length:
        raise ValueError(f"{name} must hold at least {minimum_length} ids, got {ids.shape[-1]}")
    if ids.min() < 0 or ids.max() >= vocab_size:
        raise ValueError(
            f"{name} must hold ids in [0, {vocab_size - 1}] (vocab_size {vocab_size}), "
            f"got values from {ids.min()} to {ids.max()}"
        )
    return ids.astype(np.int64)


def _keys(ids: np.ndarray, order: int, vocab_size: int, start: int):
    """(context key, full key) of every position t >= start (last axis), order - 1 ids back."""
    n = ids.shape[-1]
    context = np.zeros(ids[..., start:].shape, dtype=np.int64)
    for back in range(order - 1, 0, -1):  # ids[t - order + 1], ..., ids[t - 1]
        context = context * vocab_size + ids[..., start - back : n - back]
    return context, context * vocab_size + ids[..., start:]


def _count(keys: np.ndarray, query: np.ndarray) -> np.ndarray:
    """How many times each value of ``query`` occurs in ``keys``."""
    values, counts = np.unique(keys, return_counts=True)
    where = np.minimum(np.searchsorted(values, query), len(values) - 1)
    return np.where(values[where] == query, counts[where], 0)


def ngram_log_probs(train_ids, ids, vocab_size: int, order: int, alpha: float = 1.0):
    """Natural log-probability of each of ``ids[1:]`` under an add-alpha n-gram model.

    Args:
        train_ids: the training text, as ids (1-D integers in ``[0, vocab_size)``).
        ids: the text to score, as ids; ``ids[0]`` is given, the other ``len(ids) - 1``
            characters are scored. A 2-D array is several texts (rows), scored each on
            its own.
        vocab_size: V, the number of distinct characters (ids).
        order: 1 (unigram), 2 (bigram), 3 (trigram), ...; the model reads ``order - 1``
            characters of context.
        alpha: the count added to every (context, character) pair, > 0.

    Returns:
        a float64 array of ``len(ids) - 1`` log-probabilities (all <= 0), one row per row
        of a 2-D ``ids``.
    """
    vocab_size = as_positive_int(vocab_size, "vocab_size")
    order = as_int(order, "order", minimum=1, maximum=6)
    alpha = as_real(alpha, "alpha", minimum=0.0, strict_minimum=True)
    train_ids = _check_ids(train_ids, "train_ids", vocab_size, order)
    ids = _check_ids(ids, "ids", vocab_size, 2, ndims=(1, 2))
    log_probs = np.empty(ids[..., 1:].shape)
    for k in range(1, order + 1):  # order k scores the positions with k - 1 ids before them
        first = max(k - 1, 1)  # ids[..., 0] is given, not scored
        last = k if k < order else ids.shape[-1]  # lower orders only at the very start
        if first >= last:
            continue
        train_context, train_full = _keys(train_ids, k, vocab_size, k - 1)
        context, full = _keys(ids[..., :last], k, vocab_size, first)
        joint = _count(train_full, full)
        marginal = _count(train_context, context) if k > 1 else train_full.size
        log_probs[..., first - 1 : last - 1] = np.log(joint + alpha) - np.log(
            marginal + alpha * vocab_size
        )
    return log_probs


def _stream_pieces(ids, streams):
    """``ids`` cut into ``streams`` equal consecutive pieces (the remainder dropped)."""
    streams = as_positive_int(streams, "streams")
    ids = np.asarray(ids)
    length = len(ids) // streams if ids.ndim == 1 else 0
    if streams > 1 and length < 2:
        raise ValueError(f"ids must hold at least 2 ids per stream, got {len(ids)} for {streams}")
    return ids if streams == 1 else ids[: streams * length].reshape(streams, length)


def ngram_cross_entropy(
    train_ids, ids, vocab_size: int, order: int, alpha: float = 1.0, streams: int = 1
) -> float:
    """Mean cross-entropy of ``ids[1:]`` under the n-gram model, in nats per character.

    See :func:`ngram_log_probs`. Divide by ``log(2)`` for bits per character; ``exp`` of
    it is the perplexity. With ``streams > 1``, ``ids`` is cut into that many equal
    consecutive pieces (the remainder dropped), each scored on its own from its second
    character, as :func:`lstm_course.numpy_models.char_lm.cross_entropy` scores them.
    """
    pieces = _stream_pieces(ids, streams)
    return float(-ngram_log_probs(train_ids, pieces, vocab_size, order, alpha).mean())


class _Counts:
    """Sorted distinct keys and how often each occurs, for repeated look-ups."""

    def __init__(self, keys: np.ndarray):
        self.values, self.counts = np.unique(keys, return_counts=True)

    def __call__(self, query: np.ndarray) -> np.ndarray:
        if not len(self.values):
            return np.zeros(np.shape(query), dtype=np.int64)
        where = np.minimum(np.searchsorted(self.values, query), len(self.values) - 1)
        return np.where(self.values[where] == query, self.counts[where], 0)


def _kneser_ney_tables(train_ids: np.ndarray, vocab_size: int, order: int) -> list:
    """Per order k = 1..order: counts of the k-grams, of their contexts, and the number of
    distinct characters after each context (plain counts at the top order, continuation
    counts below)."""
    tables = []
    for k in range(1, order + 1):  # k - 1 characters of context
        if k == order:  # the highest order: plain counts of the k-grams
            context_keys, grams = _keys(train_ids, k, vocab_size, k - 1)
        else:  # lower orders: each distinct (k + 1)-gram counts once for its last k ids
            grams = np.unique(_keys(train_ids, k + 1, vocab_size, k)[1]) % vocab_size**k
            context_keys = grams // vocab_size
        tables.append(
            (_Counts(grams), _Counts(context_keys), _Counts(np.unique(grams) // vocab_size))
        )
    return tables


def _kneser_ney_probs(tables: list, ids: np.ndarray, vocab_size: int, discount: float):
    probs = np.full(ids[..., 1:].shape, 1.0 / vocab_size)  # below the unigram: uniform
    for k, (gram_counts, context_counts, types_after) in enumerate(tables, start=1):
        start = max(k - 1, 1)  # positions with at least k - 1 ids before them
        if start >= ids.shape[-1]:
            continue
        context, full = _keys(ids, k, vocab_size, start)
        counts, total, types = gram_counts(full), context_counts(context), types_after(context)
        seen = total > 0
        safe = np.where(seen, total, 1)
        lower = probs[..., start - 1 :]
        mixed = np.maximum(counts - discount, 0) / safe + discount * types / safe * lower
        probs[..., start - 1 :] = np.where(seen, mixed, lower)
    return probs


def _kneser_ney_arguments(vocab_size, order, discount):
    vocab_size = as_positive_int(vocab_size, "vocab_size")
    order = as_int(order, "order", minimum=1, maximum=8)
    if vocab_size**order >= 2**62:
        raise ValueError(
            f"vocab_size**order must be < 2**62 (int64 keys), got {vocab_size}**{order}"
        )
    discount = as_real(discount, "discount", minimum=0.0, maximum=1.0, strict_minimum=True)
    if discount >= 1.0:
        raise ValueError(f"discount must be < 1, got {discount}")
    return vocab_size, order, discount


def kneser_ney_log_probs(train_ids, ids, vocab_size: int, order: int, discount: float = 0.75):
    """Natural log-probability of each of ``ids[1:]`` under interpolated Kneser-Ney.

    Interpolated Kneser-Ney (Chen and Goodman, 1998) with one ``discount`` D for every
    order. The highest order uses the counts ``n(ctx, x)``; every lower order uses
    *continuation* counts, ``N(. ctx, x)``: after how many distinct characters the n-gram
    ``ctx x`` occurs (a character that follows many different contexts is a good guess in
    a new one). At each order, with ``c`` those counts and ``ctx'`` the context one
    character shorter::

        P(x | ctx) = max(c(ctx, x) - D, 0) / c(ctx, .)
                     + D * types(ctx) / c(ctx, .) * P(x | ctx')

    where ``types(ctx)`` is how many distinct characters follow ``ctx``. A context never
    seen gives ``P(x | ctx')``; below the unigram is the uniform ``1 / V``, so every
    probability is > 0 and they sum to 1 over the V characters. Scored positions, the given
    first id and the start of the text (fewer than ``order - 1`` ids before a position: the
    longest available context) are as in :func:`ngram_log_probs`.

    Args:
        train_ids, ids, vocab_size, order: as in :func:`ngram_log_probs` (order up to 8).
        discount: D, in (0, 1).

    Returns:
        a float64 array of ``len(ids) - 1`` log-probabilities, one row per row of a 2-D ``ids``.
    """
    vocab_size, order, discount = _kneser_ney_arguments(vocab_size, order, discount)
    train_ids = _check_ids(train_ids, "train_ids", vocab_size, order + 1)
    ids = _check_ids(ids, "ids", vocab_size, 2, ndims=(1, 2))
    tables = _kneser_ney_tables(train_ids, vocab_size, order)
    return np.log(_kneser_ney_probs(tables, ids, vocab_size, discount))


def kneser_ney_step_function(train_ids, vocab_size: int, order: int, discount: float = 0.75):
    """``step(id, state) -> (log-probabilities, state)`` of interpolated Kneser-Ney, for
    :func:`lstm_course.training.sampling.generate` (softmax of log-probabilities gives the
    probabilities back, so they serve as logits).

    The counts are made once. ``state`` is the tuple of the last ``order - 2`` ids read
    (``None`` at the start); the next character is predicted from the ``order - 1`` ids
    ending with ``id``, or from all of them while fewer have been read, as in
    :func:`kneser_ney_log_probs`.
    """
    vocab_size, order, discount = _kneser_ney_arguments(vocab_size, order, discount)
    train_ids = _check_ids(train_ids, "train_ids", vocab_size, order + 1)
    tables = _kneser_ney_tables(train_ids, vocab_size, order)
    candidates = np.arange(vocab_size)[:, None]

    def step(i, state=None):
        i = as_int(i, "id", minimum=0, maximum=vocab_size - 1)
        context = (*(state or ()), i)[-(order - 1) :] if order > 1 else (i,)
        rows = np.hstack([np.tile(context, (vocab_size, 1)), candidates])
        log_p = np.log(_kneser_ney_probs(tables, rows, vocab_size, discount)[:, -1])
        return log_p, context[max(len(context) - order + 2, 0) :] if order > 2 else ()

    return step


def context_counts(train_ids, ids, vocab_size: int, n: int) -> np.ndarray:
    """How often the ``n`` ids before each scored position of ``ids`` occur as a context in
    the training text (followed by some id), as the n-gram models of order ``n + 1`` count
    them; ``-1`` where fewer than ``n`` ids precede the position.

    Scored positions are as in :func:`ngram_log_probs` (``ids[1:]``, rows of a 2-D ``ids``
    apart), so the result lines up with its log-probabilities.
    """
    vocab_size = as_positive_int(vocab_size, "vocab_size")
    n = as_int(n, "n", minimum=1, maximum=8)
    train_ids = _check_ids(train_ids, "train_ids", vocab_size, n + 1)
    ids = _check_ids(ids, "ids", vocab_size, 2, ndims=(1, 2))
    out = np.full(ids[..., 1:].shape, -1, dtype=np.int64)
    if n < ids.shape[-1]:
        train_context = _keys(train_ids, n + 1, vocab_size, n)[0]
        out[..., n - 1 :] = _Counts(train_context)(_keys(ids, n + 1, vocab_size, n)[0])
    return out


def kneser_ney_cross_entropy(
    train_ids, ids, vocab_size: int, order: int, discount: float = 0.75, streams: int = 1
) -> float:
    """Mean cross-entropy of ``ids[1:]`` under interpolated Kneser-Ney, nats per character.

    See :func:`kneser_ney_log_probs`; ``streams`` as in :func:`ngram_cross_entropy`.
    """
    pieces = _stream_pieces(ids, streams)
    return float(-kneser_ney_log_probs(train_ids, pieces, vocab_size, order, discount).mean())
