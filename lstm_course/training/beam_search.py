"""Beam search: keep the ``width`` most probable partial answers at every decoding step.

Taught in notebook 07. Greedy decoding keeps one answer and commits to its most probable next
token at every step; a token that looks best now can lead to a worse whole answer. Beam search
keeps the ``width`` best partial answers by their summed log-probability, extends each by
every token, and keeps the ``width`` best of those. With ``width=1`` it *is* greedy decoding.

The decoder is given as a function ``step(tokens, state) -> (log_probs, state)``: the last
token of every partial answer (an int array of shape (rows,)) and the decoder's state (a list
of arrays with ``rows`` first), giving log-probabilities of shape (rows, vocabulary) and the
new state. Every input is searched at once: row ``i * width + k`` holds beam k of input i.
An answer that has produced ``end_token`` is finished: it keeps its score and is extended
only by ``end_token`` again, at no cost.
"""

from lstm_course.arguments import as_float_array, as_int, as_positive_int, describe

import numpy as np

__all__ = ["beam_search"]


def _check_state(state, n, name):
    if not isinstance(state, list | tuple) or not state:
        raise TypeError(f"{name} must be a non-empty list of arrays, got {describe(state)}")
    arrays = [np.asarray(s) for s in state]
    for j, s in enumerate(arrays):
        if s.ndim == 0 or s.shape[0] != n:
            raise ValueError(f"{name}[{j}] must have {n} rows first, got shape {s.shape}")
    return arrays


def beam_search(step, state, start_token, end_token, steps, width):
    """The ``width`` best answers for every input, best first.

    Args:
        step: the decoder, ``step(tokens, state) -> (log_probs, state)`` (see above).
        state: list of arrays, each (n_inputs, ...): the decoder's initial state per input.
        start_token: the token fed first.
        end_token: the token that ends an answer, or ``None`` to always decode ``steps``.
        steps: the most tokens to produce.
        width: how many partial answers to keep (1 = greedy).

    Returns:
        ``(answers, scores)``: int arrays (n_inputs, width, steps) of tokens (after an
        answer's end token, more end tokens), and (n_inputs, width) summed log-probabilities.
    """
    if not callable(step):
        raise TypeError(
            f"step must be a function (tokens, state) -> (log_probs, state), got {describe(step)}"
        )
    width, steps = as_positive_int(width, "width"), as_positive_int(steps, "steps")
    start_token = as_int(start_token, "start_token", minimum=0)
    if end_token is not None:
        end_token = as_int(end_token, "end_token", minimum=0)
    if not isinstance(state, list | tuple) or not state:
        raise TypeError(f"state must be a non-empty list of arrays, got {describe(state)}")
    n = np.shape(state[0])[0] if np.ndim(state[0]) else 0
    state = _check_state(state, n, "state")
    rows = n * width
    state = [np.repeat(s, width, axis=0) for s in state]  # beam k of input i at row i*width+k
    scores = np.full((n, width), -np.inf)
    scores[:, 0] = 0.0  # at first every beam is the same: expand only one
    answers = np.zeros((n, width, 0), dtype=np.int64)
    tokens = np.full(rows, start_token, dtype=np.int64)
    finished = np.zeros((n, width), dtype=bool)
    for t in range(steps):
        log_probs, state = step(tokens, state)
        log_probs = as_float_array(log_probs, "the log_probs returned by step")
        if log_probs.ndim != 2 or log_probs.shape[0] != rows:
            raise ValueError(
                f"step must return log_probs of shape ({rows}, vocabulary), got {log_probs.shape}"
            )
        vocab = log_probs.shape[1]
        state = _check_state(state, rows, "the state returned by step")
        log_probs = log_probs.astype(np.float64).reshape(n, width, vocab)
        if end_token is not None:
            if end_token >= vocab:
                raise ValueError(
                    f"end_token must be below the vocabulary size {vocab}, got {end_token}"
                )
            done = np.full(vocab, -np.inf)
            done[end_token] = 0.0
            log_probs = np.where(finished[:, :, None], done, log_probs)
        total = (scores[:, :, None] + log_probs).reshape(n, width * vocab)
        best = np.argsort(-total, axis=1, kind="stable")[:, :width]  # ties: lower index first
        beam, token = best // vocab, best % vocab
        scores = np.take_along_axis(total, best, axis=1)
        answers = np.concatenate(
            [np.take_along_axis(answers, beam[:, :, None], axis=1), token[:, :, None]], axis=2
        )
        finished = np.take_along_axis(finished, beam, axis=1)
        if end_token is not None:
            finished |= token == end_token
        rows_from = (np.arange(n)[:, None] * width + beam).ravel()
        state = [s[rows_from] for s in state]
        tokens = token.ravel()
        if finished.all():
            pad = np.full((n, width, steps - t - 1), end_token, dtype=np.int64)
            return np.concatenate([answers, pad], axis=2), scores
    return answers, scores
