"""The parallel scan computes the loop's recurrence, in about 2·log₂T rounds
(lstm_course.numpy_models.scan)."""

from lstm_course.numpy_models import scan

import numpy as np
import pytest


def recurrence(rng, steps, batch=2, units=3, positive=False, dtype="float64"):
    a = rng.uniform(0.3, 1.0, size=(batch, steps, units))
    b = rng.normal(size=(batch, steps, units))
    h0 = rng.normal(size=(batch, units))
    if positive:
        b, h0 = np.abs(b) + 0.01, np.abs(h0) + 0.01
    return a.astype(dtype), b.astype(dtype), h0.astype(dtype)


def test_the_loop_is_the_definition():
    a = np.array([[[0.5], [2.0], [1.0]]])
    b = np.array([[[1.0], [0.0], [3.0]]])
    h = scan.linear_recurrence_loop(a, b, np.array([[4.0]]))
    np.testing.assert_array_equal(h[0, :, 0], [0.5 * 4 + 1, 2 * 3.0 + 0, 1 * 6.0 + 3])


def test_combine_is_composition_and_associative_but_not_commutative():
    rng = np.random.default_rng(0)
    f, g, k = ((rng.normal(), rng.normal()) for _ in range(3))
    x = 0.7
    a, b = scan.combine(f, g)
    assert a * x + b == pytest.approx(g[0] * (f[0] * x + f[1]) + g[1])
    left = scan.combine(scan.combine(f, g), k)
    right = scan.combine(f, scan.combine(g, k))
    np.testing.assert_allclose(left, right, rtol=1e-12)
    assert not np.allclose(scan.combine(f, g), scan.combine(g, f))


@pytest.mark.parametrize("steps", [1, 2, 3, 5, 8, 31, 64, 100, 4096])
def test_scan_equals_loop_float64(steps):
    a, b, h0 = recurrence(np.random.default_rng(steps), steps)
    loop = scan.linear_recurrence_loop(a, b, h0)
    h, rounds = scan.linear_recurrence_scan(a, b, h0, return_rounds=True)
    np.testing.assert_allclose(h, loop, rtol=1e-12, atol=1e-12)
    assert rounds == 2 * int(np.ceil(np.log2(steps))) + 1


def test_the_schedule_of_eight_steps_is_the_balanced_tree():
    rounds = scan.blelloch_schedule(8)
    assert [phase for phase, _ in rounds] == ["up"] * 3 + ["down"] * 3
    assert rounds[0][1] == [(0, 1), (2, 3), (4, 5), (6, 7)]
    assert rounds[1][1] == [(1, 3), (5, 7)] and rounds[2][1] == rounds[3][1] == [(3, 7)]
    assert rounds[5][1] == rounds[0][1]
    assert len(scan.blelloch_schedule(4096)) == 24 and scan.blelloch_schedule(1) == []


@pytest.mark.parametrize("steps", [7, 64, 1000])
def test_scan_equals_loop_float32(steps):
    a, b, h0 = recurrence(np.random.default_rng(steps), steps, dtype="float32")
    h = scan.linear_recurrence_scan(a, b, h0)
    assert h.dtype == np.float32
    loop = scan.linear_recurrence_loop(a, b, h0)
    assert np.abs(h - loop).max() <= 1e-6 * np.abs(loop).max()


@pytest.mark.parametrize("steps", [1, 16, 512])
def test_log_form_equals_loop_float64(steps):
    a, b, h0 = recurrence(np.random.default_rng(steps), steps, positive=True)
    h = scan.linear_recurrence_log(np.log(a), np.log(b), np.log(h0))
    np.testing.assert_allclose(h, scan.linear_recurrence_loop(a, b, h0), rtol=1e-12)


def test_log_form_takes_zero_as_minus_infinity():
    a, b, h0 = recurrence(np.random.default_rng(1), 6, positive=True)
    b[:, 2] = 0.0
    with np.errstate(divide="ignore"):
        h = scan.linear_recurrence_log(np.log(a), np.log(b), np.full(h0.shape, -np.inf))
    np.testing.assert_allclose(h, scan.linear_recurrence_loop(a, b), rtol=1e-12)


def test_a_buggy_scan_order_would_be_caught():
    """Composing in the wrong order (second, then first) gives another h: the test can fail."""
    a, b, h0 = recurrence(np.random.default_rng(3), 9)
    h = scan.linear_recurrence_scan(a, b, h0)
    swapped = scan.combine
    try:
        scan.combine = lambda first, second: swapped(second, first)
        wrong = scan.linear_recurrence_scan(a, b, h0)
    finally:
        scan.combine = swapped
    assert not np.allclose(wrong, h)


def test_keras_associative_scan_agrees():
    keras = pytest.importorskip("keras")
    a, b, h0 = recurrence(np.random.default_rng(5), 50, dtype="float32")

    def compose(first, second):
        (a1, b1), (a2, b2) = first, second
        return keras.ops.multiply(a1, a2), keras.ops.add(keras.ops.multiply(a2, b1), b2)

    a_all, b_all = keras.ops.associative_scan(compose, (a, b), axis=1)
    h = keras.ops.convert_to_numpy(a_all) * h0[:, None] + keras.ops.convert_to_numpy(b_all)
    loop = scan.linear_recurrence_loop(a, b, h0)
    assert np.abs(h - loop).max() <= 1e-6 * np.abs(loop).max()
