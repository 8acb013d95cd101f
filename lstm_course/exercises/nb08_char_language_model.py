"""Notebook 08: sampling temperature, and the chunk layout that lets the state carry over."""

from lstm_course.data import text_corpus
from lstm_course.exercises._common import distinct_sizes
from lstm_course.exercises.checker import Exercise, KnownBug
from lstm_course.maths import softmax_unchecked
from lstm_course.training import sampling

import numpy as np


def temperature_probs(logits, temperature):
    """Reference: softmax(logits / temperature) over the last axis."""
    return sampling.temperature_probs(logits, temperature)


def _temperature_inputs(rng, trial=0):
    batch, vocab = distinct_sizes(rng, trial, (3, 6))
    logits = rng.normal(scale=2.0, size=(batch, vocab))
    if trial % 2:
        logits += 800.0  # exp(800) overflows: subtract the maximum first
    temperature = (2.0, 0.7, 1.6, 0.5)[trial % 4]  # odd trials overflow without the shift
    return {"logits": logits, "temperature": temperature}


check_temperature_probs = Exercise(
    name="temperature_probs",
    reference=temperature_probs,
    make_inputs=_temperature_inputs,
    known_bugs=[
        KnownBug(
            lambda logits, t: softmax_unchecked(logits),
            "the temperature is ignored: divide the logits by it before the softmax",
        ),
        KnownBug(
            lambda logits, t: softmax_unchecked(logits * t),
            "you multiplied by the temperature: divide the logits by it (a high temperature "
            "must flatten the distribution)",
        ),
        KnownBug(
            lambda logits, t: softmax_unchecked(logits) / t,
            "you divided the probabilities by the temperature: divide the logits, before the "
            "softmax (each row must sum to 1)",
        ),
        KnownBug(
            lambda logits, t: logits / t,
            "these are scaled logits, not probabilities: apply a softmax to logits / temperature",
        ),
        KnownBug(
            lambda logits, t: softmax_unchecked(logits / t, axis=0),
            "the softmax runs over the batch axis: it must run over the characters (the last "
            "axis), one distribution per row",
        ),
        KnownBug(
            lambda logits, t: np.exp(logits / t) / np.exp(logits / t).sum(-1, keepdims=True),
            "exp of a large logit overflows to inf (and inf/inf is nan): subtract each row's "
            "maximum before np.exp, which does not change the softmax",
        ),
    ],
    error_hint="logits is (batch, characters); return probabilities of the same shape",
)


def make_chunks(ids, batch, length):
    """Reference: :func:`lstm_course.data.text_corpus.chunk_streams`."""
    return text_corpus.chunk_streams(ids, batch, length)


def _chunk_inputs(rng, trial=0):
    batch, length = distinct_sizes(rng, trial, (2, 4), low=2, high=6)
    n = int(rng.integers(8, 16)) * batch * length + int(rng.integers(0, batch * length))
    if trial == 0:
        n = 50
    return {"ids": rng.permutation(n), "batch": batch, "length": length}


def _consecutive(ids, batch, length):  # rows of one chunk are neighbours in the text
    n = (len(ids) - 1) // (batch * length)
    x = ids[: n * batch * length].reshape(n, batch, length)
    y = ids[1 : n * batch * length + 1].reshape(n, batch, length)
    return x, y


def _layout(shift=1):
    def chunks(ids, batch, length):
        stream = len(ids) // batch
        n = (stream - 1) // length
        rows = ids[: batch * stream].reshape(batch, stream)
        x = rows[:, 1 : n * length + 1] if shift == -1 else rows[:, : n * length]
        y = rows[:, shift : n * length + shift] if shift >= 0 else rows[:, : n * length]
        split = lambda r: r.reshape(batch, n, length).transpose(1, 0, 2)  # noqa: E731
        return split(x), split(y)

    return chunks


def _short_streams(ids, batch, length):  # streams of n * length ids, not len(ids) // batch
    n = (len(ids) - 1) // (batch * length)
    x = ids[: n * batch * length].reshape(batch, n, length)
    y = ids[1 : n * batch * length + 1].reshape(batch, n, length)
    return x.transpose(1, 0, 2), y.transpose(1, 0, 2)


STREAM_RULE = (
    "your targets are shifted and your rows continue, but your streams start in the wrong "
    "places: the spec cuts ids into `batch` streams of len(ids) // batch ids each (the rest "
    "dropped), so stream b starts at ids[b * (len(ids) // batch)], even when its last ids go "
    "unused; streams of exactly n * length ids pack them closer together"
)


def _diagnose_chunks(inputs, expected, got):
    """A self-consistent layout (targets shifted, rows continued) whose streams start
    elsewhere than the spec's: say which rule it broke, and where its streams start."""
    ids, batch = np.asarray(inputs["ids"]), inputs["batch"]
    x, y = (np.asarray(a) for a in got)
    if x.shape != np.shape(expected[0]) or y.shape != x.shape or x.ndim != 3:
        return None
    shifted = (y[:, :, :-1] == x[:, :, 1:]).all()
    continued = (x[1:, :, 0] == y[:-1, :, -1]).all()
    if not (shifted and continued):
        return None
    position = {int(v): i for i, v in enumerate(ids)}  # the checker's ids are all distinct
    starts = [position.get(int(v), -1) for v in x[0, :, 0]]
    wanted = [b * (len(ids) // batch) for b in range(batch)]
    if starts == wanted:
        return None
    return f"{STREAM_RULE} (for {len(ids)} ids: the streams start at {wanted}, yours at {starts})"


check_make_chunks = Exercise(
    name="make_chunks",
    reference=make_chunks,
    make_inputs=_chunk_inputs,
    known_bugs=[
        KnownBug(
            _consecutive,
            "row b of chunk k + 1 must continue row b of chunk k (so the state can carry "
            "over): cut the text into `batch` streams first, then cut each stream into chunks",
        ),
        KnownBug(
            _layout(shift=0),
            "the targets equal the inputs: they are the *next* characters, shifted by one",
        ),
        KnownBug(
            _layout(shift=-1),
            "the shift goes the wrong way: targets[k, b, t] is the character after inputs[k, b, t]",
        ),
        KnownBug(
            lambda ids, batch, length: tuple(
                a.transpose(1, 0, 2) for a in text_corpus.chunk_streams(ids, batch, length)
            ),
            "the axes are (batch, chunks, length): chunk k must be inputs[k], a (batch, "
            "length) array",
        ),
        KnownBug(_short_streams, STREAM_RULE),
    ],
    diagnose=_diagnose_chunks,
    error_hint=(
        "reshape the first batch * stream ids to (batch, stream), keep (stream - 1) // length "
        "chunks of length characters"
    ),
    output_names=("inputs", "targets"),
)
