"""Property-based tests (Hypothesis) of the package's contracts over shapes, dtypes and ranges."""

from lstm_course import maths
from lstm_course.data import arithmetic as s2s
from lstm_course.data import synthetic
from lstm_course.numpy_models import lstm, rnn
from lstm_course.training import clipping

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

# database=None: nothing is written into the work tree (.hypothesis/). derandomize: the same
# examples on every run and machine, so `make test` cannot pass once and fail the next time.
FAST = settings(max_examples=40, deadline=None, database=None, derandomize=True)
sizes = st.integers(min_value=1, max_value=4)
floats = st.sampled_from([np.float32, np.float64])


def fused(rng, d, u, dtype=np.float64):
    return (
        rng.normal(scale=0.5, size=(d, 4 * u)).astype(dtype),
        rng.normal(scale=0.5, size=(u, 4 * u)).astype(dtype),
        rng.normal(scale=0.2, size=4 * u).astype(dtype),
    )


@FAST
@given(dtypes=st.tuples(floats, floats, floats, floats), seed=st.integers(0, 2**16))
def test_lstm_dtype_is_the_result_type_of_the_inputs(dtypes, seed):
    """float32 only if every input is float32; a float32 c0/dc_last never lowers precision."""
    x_dtype, w_dtype, c0_dtype, dc_dtype = dtypes
    rng = np.random.default_rng(seed)
    W = fused(rng, 3, 2, w_dtype)
    x = rng.normal(size=(2, 3, 3)).astype(x_dtype)
    c0 = rng.normal(size=(2, 2)).astype(c0_dtype)
    dc_last = rng.normal(size=(2, 2)).astype(dc_dtype)
    h, c, cache = lstm.lstm_forward(x, *W, c0=c0)
    forward_dtype = np.result_type(x_dtype, w_dtype, c0_dtype)
    assert h.dtype == c.dtype == forward_dtype
    grads = lstm.lstm_backward(np.ones_like(h), cache, dc_last=dc_last)
    backward_dtype = np.result_type(forward_dtype, dc_dtype)
    assert all(g.dtype == backward_dtype for g in grads.values()), {
        k: g.dtype for k, g in grads.items()
    }
    if backward_dtype == np.float64:
        # The same run with every input cast up to float64 first gives the same gradients to
        # float64 precision (not float32's ~1e-8).
        W64 = [w.astype(np.float64) for w in W]
        _, _, cache64 = lstm.lstm_forward(x.astype(np.float64), *W64, c0=c0.astype(np.float64))
        if forward_dtype == np.float64:
            ref = lstm.lstm_backward(np.ones_like(h), cache64, dc_last=dc_last.astype(np.float64))
            for k in grads:
                np.testing.assert_allclose(grads[k], ref[k], rtol=1e-13, atol=1e-14, err_msg=k)


@FAST
@given(seed=st.integers(0, 2**16), batch=sizes, steps=st.integers(1, 4))
def test_returned_states_are_not_views_into_the_cache(seed, batch, steps):
    rng = np.random.default_rng(seed)
    W = fused(rng, 2, 3)
    x, dh = rng.normal(size=(batch, steps, 2)), rng.normal(size=(batch, steps, 3))
    h, c, cache = lstm.lstm_forward(x, *W)
    before = lstm.lstm_backward(dh, cache)
    h *= 0
    c += 1
    after = lstm.lstm_backward(dh, cache)
    for k in before:
        np.testing.assert_array_equal(before[k], after[k])
    W_xh, W_hh, b_h = rng.normal(size=(2, 3)), rng.normal(size=(3, 3)), rng.normal(size=3)
    h_rnn, rcache = rnn.rnn_forward(x, W_xh, W_hh, b_h)
    before = rnn.rnn_backward(dh, rcache)
    h_rnn *= 0
    x *= 0
    after = rnn.rnn_backward(dh, rcache)
    for k in before:
        np.testing.assert_array_equal(before[k], after[k])


@FAST
@given(
    labels=st.lists(st.integers(-3, 5), min_size=6, max_size=6),
    seed=st.integers(0, 2**16),
)
def test_sequence_cross_entropy_accepts_exactly_the_labels_in_range(labels, seed):
    y_hat = maths.softmax(np.random.default_rng(seed).normal(size=(2, 3, 3)))
    y = np.array(labels).reshape(2, 3)
    if y.min() < 0 or y.max() >= 3:
        with pytest.raises(ValueError, match=r"y must hold class labels in \[0, 3\), got"):
            maths.sequence_cross_entropy(y_hat, y)
    else:
        picked = y_hat[np.arange(2)[:, None], np.arange(3)[None], y]
        expected = -np.log(picked).sum(axis=1).mean()
        assert maths.sequence_cross_entropy(y_hat, y) == pytest.approx(expected)


numbers_of_any_kind = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-5, 5),
    st.floats(0.01, 100).map(np.float32),
    st.integers(-2, 5).map(np.int64),
)


@FAST
@given(max_norm=numbers_of_any_kind, scale=st.floats(0.01, 100))
def test_clipping_brings_the_norm_down_to_max_norm_or_names_max_norm(max_norm, scale):
    grads = [np.full(3, scale), np.full((2, 2), -scale)]
    try:
        clipped, norm = clipping.clip_by_global_norm(grads, max_norm)
    except (ValueError, TypeError) as error:
        assert "max_norm" in str(error) and "got" in str(error)
        assert not (np.isfinite(max_norm) and max_norm > 0)
        return
    assert np.isfinite(max_norm) and max_norm > 0
    assert norm == pytest.approx(np.sqrt(7) * scale)
    # Below the smallest normal float the clipped values are subnormal: no 6 digits to compare.
    assume(max_norm >= np.finfo(float).tiny)
    # The norm after clipping is min(norm, max_norm): a norm above max_norm is brought down to
    # it exactly, one at or below it is left alone. math.hypot, not sqrt(sum of squares): for
    # max_norm near 1e-161 the squares are subnormal.
    new_norm = math.hypot(*np.concatenate([np.ravel(g) for g in clipped]))
    assert new_norm == pytest.approx(min(norm, float(max_norm)), rel=1e-6, abs=0)
    # Every array is scaled by the same factor: the direction of the update is kept.
    factor = new_norm / norm
    for before, after in zip(grads, clipped, strict=True):
        np.testing.assert_allclose(after, before * factor, rtol=1e-6)


@FAST
@given(value=st.one_of(st.integers(-999, 999), st.integers(-999, 999).map(np.int64)))
def test_format_answer_round_trips_integers(value):
    text = s2s.format_answer(value)
    assert text[0] in "+-" and int(text) == value


@FAST
@given(start=st.integers(-20, 20), vocab=st.integers(1, 15))
def test_shift_right_accepts_exactly_the_indices_of_the_vocabulary(start, vocab):
    answers = np.zeros((2, 3, vocab), dtype="float32")
    if 0 <= start < vocab:
        shifted = s2s.shift_right(answers, start)
        assert shifted[:, 0].argmax(-1).tolist() == [start, start]
    else:
        with pytest.raises(ValueError, match="start_index must be an integer in"):
            s2s.shift_right(answers, start)


@FAST
@given(n=st.integers(1, 6), steps=st.integers(1, 12), delay=st.integers(-2, 14))
def test_delayed_echo_accepts_exactly_delays_shorter_than_the_sequence(n, steps, delay):
    rng = np.random.default_rng(0)
    if 1 <= delay < steps:
        x, y = synthetic.delayed_echo(n, steps, 3, delay, rng)
        np.testing.assert_array_equal(y[:, delay:], x.argmax(-1)[:, :-delay])
    else:
        with pytest.raises(ValueError, match="delay must be"):
            synthetic.delayed_echo(n, steps, 3, delay, rng)


@FAST
@given(
    positions=st.lists(st.integers(-2, 12), max_size=4),
    steps=st.integers(1, 10),
)
def test_spike_positions_are_used_as_given_or_refused(positions, steps):
    rng = np.random.default_rng(1)
    if positions and all(0 <= p < steps for p in positions):
        _, tags = synthetic.spike_sequences(200, steps, positions, rng)
        where = np.flatnonzero(tags.sum(axis=0))
        assert set(where.tolist()) <= set(positions)
    else:
        with pytest.raises(ValueError, match="positions must"):
            synthetic.spike_sequences(20, steps, positions, rng)


@FAST
@given(p=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-2, 2)))
def test_subject_memory_switch_prob_must_be_a_probability(p):
    rng = np.random.default_rng(2)
    if np.isfinite(p) and 0 <= p <= 1:
        x, y, switch_at = synthetic.subject_memory(50, 12, rng, switch_prob=p)
        assert x.shape == (50, 12, len(synthetic.MEMORY_VOCAB))
        if p == 0:
            assert np.all(switch_at == -1)
        if p == 1:
            assert np.all(switch_at >= 0)
    else:
        with pytest.raises(ValueError, match="switch_prob must be"):
            synthetic.subject_memory(50, 12, rng, switch_prob=p)
