"""Generating text from a language model: temperature, sampling and greedy decoding. Notebook 08.

A model gives scores, the logits ``ℓ`` (``logits`` in code), for the next character.
Sampling at temperature ``T`` draws from ``softmax(ℓ / T)``: ``T = 1`` is the model's own
distribution, ``T < 1`` sharpens it towards the most probable character (``T -> 0`` is
greedy decoding, the argmax), ``T > 1`` flattens it towards uniform. Every draw uses a
seeded ``numpy.random.Generator``, so the same seed gives the same text.

:func:`generate` works with any model through a ``step(id, state) -> (logits, state)``
function: :func:`lstm_course.numpy_models.char_lm.step_function` for the NumPy LSTM, or a
wrapper around a Keras model that returns its states.
"""

from lstm_course import maths
from lstm_course.arguments import as_bool, as_int, as_real, check_rng, describe

import numpy as np


def temperature_probs(logits, temperature: float) -> np.ndarray:
    """``softmax(logits / temperature)`` over the last axis (max subtracted: no overflow).

    Raises ``ValueError`` for ``temperature <= 0``: use greedy decoding (the argmax) for
    the limit ``T -> 0``.
    """
    temperature = as_real(temperature, "temperature", minimum=0.0, strict_minimum=True)
    logits = np.asarray(logits, dtype=np.float64)
    if logits.ndim == 0 or logits.shape[-1] == 0:
        raise ValueError(
            f"logits must have at least one score on the last axis, got {logits.shape}"
        )
    return maths.softmax_unchecked(logits / temperature)


def sample_next(logits, temperature: float, rng) -> int:
    """One id drawn from ``softmax(logits / temperature)`` (1-D logits)."""
    check_rng(rng)
    probs = temperature_probs(logits, temperature)
    if probs.ndim != 1:
        raise ValueError(f"logits must be 1-D (one score per character), got shape {probs.shape}")
    return int(rng.choice(len(probs), p=probs))


def generate(step, prompt, length: int, temperature=1.0, rng=None, greedy=False) -> list[int]:
    """Feed ``prompt`` (ids) through ``step``, then generate ``length`` more ids.

    Each generated id is fed back as the next input, with the state carried.

    Args:
        step: ``step(id, state) -> (logits, state)``; ``state`` is ``None`` at the start.
        prompt: a non-empty sequence of ids the model reads first.
        length: how many ids to generate (>= 0).
        temperature: > 0, for sampling (ignored when ``greedy``).
        rng: a ``numpy.random.Generator`` (required unless ``greedy``).
        greedy: take the most probable id at every step instead of sampling.

    Returns:
        the generated ids (without the prompt).
    """
    if not callable(step):
        raise TypeError(
            f"step must be a function step(id, state) -> (logits, state), got {describe(step)}"
        )
    prompt = [int(i) for i in np.asarray(prompt).ravel()] if np.size(prompt) else []
    if not prompt:
        raise ValueError("prompt must hold at least one id (the model needs an input), got none")
    length = as_int(length, "length", minimum=0)
    greedy = as_bool(greedy, "greedy")
    if not greedy:
        temperature = as_real(temperature, "temperature", minimum=0.0, strict_minimum=True)
        check_rng(rng)
    state = None
    for i in prompt:
        logits, state = step(i, state)
    out = []
    for _ in range(length):
        scores = np.asarray(logits, dtype=np.float64).ravel()
        nxt = int(scores.argmax()) if greedy else sample_next(scores, temperature, rng)
        out.append(nxt)
        logits, state = step(nxt, state)
    return out


def longest_repeat(text: str, min_length: int = 1) -> int:
    """Length of the longest substring that occurs at least twice in ``text`` (overlaps count).

    A crude measure of repetition, used to show that greedy decoding loops.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {describe(text)}")
    best, lo, hi = 0, max(1, as_int(min_length, "min_length", minimum=1)), len(text) - 1
    while lo <= hi:  # binary search: a repeat of length k implies one of every shorter length
        k = (lo + hi) // 2
        seen, found = set(), False
        for s in range(len(text) - k + 1):
            piece = text[s : s + k]
            if piece in seen:
                found = True
                break
            seen.add(piece)
        if found:
            best, lo = k, k + 1
        else:
            hi = k - 1
    return best
