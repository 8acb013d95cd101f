"""Notebook 08's additions for issue 37: the `make_chunks` checker names the stream rule a
self-consistent layout breaks (review item 11), and the package functions the notebook's new
cells call (Kneser-Ney as a step function for sampling, context counts, per-position
log-probabilities of the NumPy LSTM).

The learners' answers are written out by hand, independently of the checker's known bugs.
"""

from lstm_course import exercises as ex
from lstm_course.exercises.checker import PASS, WRONG
from lstm_course.exercises.nb08_char_language_model import _diagnose_chunks
from lstm_course.numpy_models import char_lm, ngrams
from lstm_course.training import sampling

import math

import numpy as np
import pytest


def chunks_by_spec(ids, batch, length):
    stream = len(ids) // batch
    n = (stream - 1) // length
    xs, ys = [], []
    for k in range(n):
        xs.append(
            [ids[b * stream + k * length : b * stream + (k + 1) * length] for b in range(batch)]
        )
        ys.append(
            [
                ids[b * stream + k * length + 1 : b * stream + (k + 1) * length + 1]
                for b in range(batch)
            ]
        )
    return np.array(xs), np.array(ys)


def chunks_tight(ids, batch, length):
    """Streams of exactly n * length ids, one after another: shifted and continued, but the
    streams start at b * n * length instead of b * (len(ids) // batch)."""
    n = (len(ids) - 1) // (batch * length)
    xs = np.empty((n, batch, length), dtype=ids.dtype)
    ys = np.empty_like(xs)
    for b in range(batch):
        for k in range(n):
            start = b * n * length + k * length
            xs[k, b], ys[k, b] = ids[start : start + length], ids[start + 1 : start + length + 1]
    return xs, ys


def test_the_spec_passes_and_a_tight_layout_is_told_the_stream_rule():
    assert ex.check_make_chunks(chunks_by_spec).status == PASS
    result = ex.check_make_chunks(chunks_tight)
    assert result.status == WRONG
    assert "streams start in the wrong places" in result.message
    assert "len(ids) // batch" in result.message


def test_the_diagnosis_names_where_the_streams_start_and_keeps_quiet_otherwise():
    ids, batch, length = np.arange(50), 2, 3  # streams of 25 ids, 8 chunks of 3
    expected = chunks_by_spec(ids, batch, length)
    shifted_starts = tuple(  # streams from 0 and 24: continued and shifted, misplaced
        np.stack([ids[s : s + 25][: 8 * 3 + 1] for s in (0, 24)])[:, cut]
        .reshape(2, 8, 3)
        .swapaxes(0, 1)
        for cut in (slice(0, -1), slice(1, None))
    )
    hint = _diagnose_chunks(
        {"ids": ids, "batch": batch, "length": length}, expected, shifted_starts
    )
    assert hint is not None and "[0, 25]" in hint and "[0, 24]" in hint
    not_shifted = (expected[0], expected[0])
    assert (
        _diagnose_chunks({"ids": ids, "batch": batch, "length": length}, expected, not_shifted)
        is None
    )
    assert (
        _diagnose_chunks({"ids": ids, "batch": batch, "length": length}, expected, expected) is None
    )


TRAIN = np.array([0, 1, 2, 0, 1, 0, 2, 1, 0, 1, 2, 2, 0, 1], dtype=np.int64)


@pytest.mark.parametrize("order", [1, 2, 3, 4])
def test_kneser_ney_step_function_matches_the_scoring_function(order):
    step = ngrams.kneser_ney_step_function(TRAIN, 3, order, discount=0.6)
    text, state = [1, 0, 1, 2, 0], None
    for t, i in enumerate(text):
        log_p, state = step(i, state)
        assert np.exp(log_p).sum() == pytest.approx(1.0)
        context = text[max(0, t - max(order, 2) + 2) : t + 1]  # at least the id just read
        rows = np.array([[*context, x] for x in range(3)])
        want = ngrams.kneser_ney_log_probs(TRAIN, rows, 3, order, discount=0.6)[:, -1]
        np.testing.assert_allclose(log_p, want, rtol=1e-12)
    out = sampling.generate(step, [0], 5, 1.0, np.random.default_rng(0))
    assert len(out) == 5 and all(0 <= i < 3 for i in out)
    with pytest.raises(ValueError, match="id"):
        step(3, None)


def test_context_counts_by_hand():
    # contexts of length 2 followed by an id in TRAIN: (2, 0) twice; (0, 1) 4 times, the
    # last at the very end with nothing after it, so 3
    got = ngrams.context_counts(TRAIN, [2, 0, 1, 0], 3, n=2)
    assert got.tolist() == [-1, 2, 3]  # the first scored position has 1 id before it
    two_rows = ngrams.context_counts(TRAIN, [[0, 1, 0], [2, 2, 2]], 3, n=2)
    assert two_rows.tolist() == [[-1, 3], [-1, 1]]  # (2, 2) once
    with pytest.raises(ValueError, match="n"):
        ngrams.context_counts(TRAIN, [0, 1], 3, n=0)


def test_position_log_probs_average_to_the_cross_entropy():
    rng = np.random.default_rng(0)
    params = char_lm.init_params(5, 4, rng)
    ids = rng.integers(0, 5, 41)
    one = char_lm.position_log_probs(params, ids)
    assert one.shape == (40,) and (one < 0).all()
    assert -one.mean() == pytest.approx(char_lm.cross_entropy(params, ids))
    four = char_lm.position_log_probs(params, ids, streams=4)
    assert four.shape == (4, 9)
    np.testing.assert_allclose(four[1], char_lm.position_log_probs(params, ids[10:20]))
    assert -four.mean() == pytest.approx(char_lm.cross_entropy(params, ids, streams=4))
    assert math.isfinite(four.sum())
