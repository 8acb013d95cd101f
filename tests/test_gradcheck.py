from lstm_course.training.gradcheck import gradient_check, numerical_gradient, relative_error

import numpy as np
import pytest


def test_relative_error_is_scale_free_and_zero_for_equal_arrays():
    a = np.array([1.0, 2.0, 3.0])
    assert relative_error(a, a) == 0.0
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(a, 2 * a) == pytest.approx(np.linalg.norm(a) / (3 * np.linalg.norm(a)))
    assert relative_error(1e6 * a, 1e6 * (a + 1e-3)) == pytest.approx(relative_error(a, a + 1e-3))
    assert relative_error(a, -a) == pytest.approx(1.0)


def test_numerical_gradient_of_known_functions_and_restores_x():
    x = np.array([[0.5, -1.0], [2.0, 0.25]])
    original = x.copy()
    grad = numerical_gradient(lambda: float(np.sum(x**3)), x)
    np.testing.assert_allclose(grad, 3 * original**2, rtol=1e-8)
    np.testing.assert_array_equal(x, original)
    grad = numerical_gradient(lambda: float(np.sin(x).sum()), x, eps=1e-5)
    np.testing.assert_allclose(grad, np.cos(original), rtol=1e-8)


def test_gradient_check_flags_a_wrong_gradient():
    w = np.array([1.0, -2.0, 0.5])
    good = gradient_check(lambda: float(np.sum(w**2)), {"w": w}, {"w": 2 * w})
    bad = gradient_check(lambda: float(np.sum(w**2)), {"w": w}, {"w": w})
    assert good["w"] < 1e-9 and bad["w"] > 0.1
