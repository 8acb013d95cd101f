"""Small synthetic data sets, generated on the fly from a NumPy ``Generator``.

Which notebook uses what: :func:`spike_sequences` and :func:`delayed_echo` notebook 01,
:func:`adding_problem` notebooks 02 and 09, :func:`subject_memory` notebooks 03 and 09,
:func:`sliding_windows` notebooks 04 and 05, :func:`digit_reversal` notebook 07,
:func:`running_parity` notebook 10. (The real CO₂ series is in :mod:`lstm_course.data.co2`.)

Every size must be a positive integer (NumPy integers accepted), ``rng`` a
``numpy.random.Generator``; anything else raises ``ValueError``/``TypeError`` naming the
argument.
"""

from lstm_course.arguments import as_positive_int, as_real, check_rng, describe

import numpy as np


def _check_rng(rng):
    check_rng(rng)


def _check_positive(**values):
    for name, v in values.items():
        as_positive_int(v, name)


def spike_sequences(n, steps, positions, rng, noise=0.05):
    """Noisy sequences, half of them with one spike; the target tags the spike's step.

    A spike (value +1) sits at one of ``positions`` in about half of the sequences; every
    step also gets Gaussian noise. The target is 1 at the spike's step and 0 elsewhere.
    Shapes: x ``(n, steps, 1)`` float32, tags ``(n, steps)`` float32.

    Args:
        positions: a non-empty sequence of integer steps in ``[0, steps)`` (a list, not a
            single number: ``5`` would otherwise mean ``range(5)`` to NumPy).
        noise: standard deviation of the noise, a finite number >= 0.
    """
    _check_rng(rng)
    _check_positive(n=n, steps=steps)
    noise = as_real(noise, "noise", minimum=0.0)
    if isinstance(positions, str) or np.ndim(positions) != 1:
        raise TypeError(
            f"positions must be a 1-D sequence of steps, e.g. [3, 7], got {describe(positions)}"
        )
    positions = np.asarray(positions)
    if positions.size == 0:
        raise ValueError("positions must hold at least one step, got an empty sequence")
    if positions.dtype == bool or not np.issubdtype(positions.dtype, np.integer):
        raise TypeError(f"positions must hold integer steps, got dtype {positions.dtype}")
    if positions.min() < 0 or positions.max() >= steps:
        raise ValueError(f"positions must lie in [0, {steps}), got {positions.tolist()}")
    x = rng.normal(scale=noise, size=(n, steps, 1)).astype("float32")
    tags = np.zeros((n, steps), dtype="float32")
    has_spike = rng.integers(0, 2, size=n).astype(bool)
    where = rng.choice(positions, size=n)
    tags[np.flatnonzero(has_spike), where[has_spike]] = 1.0
    x[..., 0] += tags
    return x, tags


def delayed_echo(n, steps, vocab, delay, rng):
    """Token sequences whose target at step t is the token at step t - delay (0 before that).

    A short-range memory task a plain RNN learns easily. Shapes: x ``(n, steps, vocab)``
    one-hot float32, y ``(n, steps)`` int labels. ``delay`` must be in ``[1, steps - 1]``
    (a longer delay would leave every target 0).
    """
    _check_rng(rng)
    _check_positive(n=n, steps=steps, vocab=vocab, delay=delay)
    if delay >= steps:
        raise ValueError(f"delay must be less than steps = {steps}, got {delay}")
    tokens = rng.integers(0, vocab, size=(n, steps))
    y = np.zeros_like(tokens)
    y[:, delay:] = tokens[:, :-delay]
    return np.eye(vocab, dtype="float32")[tokens], y


def adding_problem(n, steps, rng):
    """The adding problem, in the form of Le, Jaitly & Hinton (2015), "A simple way to
    initialize recurrent networks of rectified linear units".

    Each step holds a value drawn from U[0, 1] and a marker (0 or 1). One marker sits in
    each half of the sequence; the target is the sum of the two marked values. (The task
    comes from Hochreiter & Schmidhuber (1997), whose version differs in its details.) Predicting
    the mean (1.0) gives an MSE of about 1/6 ≈ 0.167. Shapes: x ``(n, steps, 2)``, y ``(n,)``.
    """
    _check_rng(rng)
    _check_positive(n=n, steps=steps)
    if steps < 2:
        raise ValueError(f"steps must be at least 2, got {steps}")
    values = rng.uniform(size=(n, steps))
    markers = np.zeros((n, steps))
    rows = np.arange(n)
    markers[rows, rng.integers(0, steps // 2, size=n)] = 1
    markers[rows, rng.integers(steps // 2, steps, size=n)] = 1
    x = np.stack([values, markers], axis=-1).astype("float32")
    return x, (values * markers).sum(axis=1).astype("float32")


SUBJECT_WORDS = ("Dhaval", "Bhavin")
CUISINES = ("Indian", "Italian")
FILLER_WORDS = ("eats", "almost", "every", "day", "his", "brother", "however", "loves", "food")
QUERY_WORD = "cuisine?"
MEMORY_VOCAB = SUBJECT_WORDS + FILLER_WORDS + (QUERY_WORD,)


def subject_memory(n, steps, rng, switch_prob=0.5):
    """A long-dependency task modelled on "Dhaval eats samosa ... His brother Bhavin ...".

    Each sequence starts with a subject (Dhaval or Bhavin) in its first 3 steps, continues
    with filler words, and with probability ``switch_prob`` mentions the *other* subject
    somewhere in its middle third. The last step is a query; the target is the cuisine of
    the subject mentioned last (0 = Indian for Dhaval, 1 = Italian for Bhavin).

    Returns:
        ``(x, y, switch_at)``: one-hot tokens ``(n, steps, len(MEMORY_VOCAB))`` float32,
        targets ``(n,)`` int, and the step of the second subject (-1 if none).

    Args:
        switch_prob: a probability in [0, 1].
    """
    _check_rng(rng)
    _check_positive(n=n, steps=steps)
    switch_prob = as_real(switch_prob, "switch_prob", minimum=0.0, maximum=1.0)
    if steps < 9:
        raise ValueError(f"steps must be at least 9, got {steps}")
    n_subjects, query = len(SUBJECT_WORDS), len(MEMORY_VOCAB) - 1
    tokens = rng.integers(n_subjects, query, size=(n, steps))  # filler words
    rows = np.arange(n)
    first = rng.integers(0, n_subjects, size=n)
    tokens[rows, rng.integers(0, 3, size=n)] = first
    switch = rng.random(n) < switch_prob
    switch_at = np.where(switch, rng.integers(steps // 3, 2 * steps // 3, size=n), -1)
    tokens[rows[switch], switch_at[switch]] = 1 - first[switch]
    tokens[:, -1] = query
    y = np.where(switch, 1 - first, first)
    return np.eye(len(MEMORY_VOCAB), dtype="float32")[tokens], y, switch_at


def sliding_windows(series, length):
    """Every window of ``length`` consecutive values, labelled with the value that follows it.

    ``X[i] = series[i : i + length]`` and ``y[i] = series[i + length]``. The dtype of
    ``series`` is kept.

    Returns:
        ``(X, y)`` with shapes ``(len(series) - length, length)`` and ``(len(series) - length,)``.
    """
    if series is None or isinstance(series, str | bytes | dict):
        raise TypeError(f"series must be a 1-D array of numbers, got {describe(series)}")
    try:
        series = np.asarray(series)
    except (TypeError, ValueError):
        raise TypeError("series must be a 1-D array of numbers, got a ragged sequence") from None
    if series.dtype == bool or not (
        np.issubdtype(series.dtype, np.integer) or np.issubdtype(series.dtype, np.floating)
    ):
        raise TypeError(f"series must hold real numbers, got dtype {series.dtype}")
    if series.ndim != 1:
        raise ValueError(f"series must be 1-D, got shape {series.shape}")
    _check_positive(length=length)
    if len(series) <= length:
        raise ValueError(f"series needs more than {length} values, got {len(series)}")
    X = np.lib.stride_tricks.sliding_window_view(series[:-1], length)
    return X.copy(), series[length:].copy()


REVERSAL_PAD, REVERSAL_START, REVERSAL_END = 10, 11, 12  # after the digits 0-9
REVERSAL_VOCAB = 13


def digit_reversal(n, min_length, max_length, rng):
    """``n`` distinct digit strings of random lengths, and each one reversed. Notebook 07.

    The lengths are drawn uniformly from ``min_length..max_length``; no string appears
    twice, so any split of the rows keeps held-out strings out of training. Tokens: the
    digits 0-9, then ``REVERSAL_PAD`` (10), ``REVERSAL_START`` (11) and ``REVERSAL_END`` (12).

    Returns:
        ``(source, target, lengths)``: ``source`` (n, max_length) the digits padded with
        ``REVERSAL_PAD``; ``target`` (n, max_length + 1) the reversed digits, then
        ``REVERSAL_END``, then padding; ``lengths`` (n,).
    """
    _check_rng(rng)
    _check_positive(n=n, min_length=min_length, max_length=max_length)
    if min_length > max_length:
        raise ValueError(f"min_length must be at most max_length ({max_length}), got {min_length}")
    available = sum(10**length for length in range(min_length, max_length + 1))
    if n > available // 2:
        raise ValueError(
            f"n must be at most {available // 2} (half of the {available} strings of these "
            f"lengths), got {n}"
        )
    seen, rows = set(), []
    while len(rows) < n:
        length = int(rng.integers(min_length, max_length + 1))
        digits = tuple(int(d) for d in rng.integers(0, 10, size=length))
        if digits not in seen:
            seen.add(digits)
            rows.append(digits)
    source = np.full((n, max_length), REVERSAL_PAD, dtype=np.int32)
    target = np.full((n, max_length + 1), REVERSAL_PAD, dtype=np.int32)
    lengths = np.array([len(r) for r in rows])
    for i, digits in enumerate(rows):
        source[i, : len(digits)] = digits
        target[i, : len(digits)] = digits[::-1]
        target[i, len(digits)] = REVERSAL_END
    return source, target, lengths


def running_parity(n, steps, rng):
    """Random bit strings and their running parity, a label at every step. Notebook 10.

    ``y[:, t]`` is the parity (sum mod 2) of ``x[:, :t + 1]``: one bit flips the answer
    wherever it comes, so a model must keep exact count, mod 2, of everything it has read.
    Shapes: x ``(n, steps, 1)`` float32 in {0, 1}; y ``(n, steps)`` float32 in {0, 1}.
    """
    _check_rng(rng)
    _check_positive(n=n, steps=steps)
    bits = rng.integers(0, 2, size=(n, steps))
    return bits[..., None].astype("float32"), (np.cumsum(bits, axis=1) % 2).astype("float32")
