"""Notebook 05's make_windows checker (issue 36, review item 34): the off-by-one that raises
IndexError gets the "one window too many" hint, a stray feature axis gets "add Keras's
feature axis later", and right answers in other styles pass. The learners' answers are
written out by hand, independently of the checker's known bugs."""

from lstm_course import exercises as ex
from lstm_course.exercises.checker import ERROR, PASS, WRONG

import numpy as np


def loop_windows(series, length, extra=0):
    n = len(series) - length + extra
    X = np.stack([series[i : i + length] for i in range(n)])
    y = np.array([series[i + length] for i in range(n)])
    return X, y


def test_the_off_by_one_that_raises_gets_the_one_window_too_many_hint():
    result = ex.check_make_windows(lambda series, length: loop_windows(series, length, extra=1))
    assert result.status == ERROR
    assert "IndexError" in result.message
    assert "Hint: one window too many" in result.message


def test_a_stray_feature_axis_gets_the_keras_hint():
    def with_axis(series, length):
        X, y = loop_windows(series, length)
        return X[..., None], y

    result = ex.check_make_windows(with_axis)
    assert result.status == WRONG
    assert "add Keras's feature axis later, not here" in result.message


def test_other_errors_keep_the_shape_hint():
    def flat(series, length):
        return np.reshape(series, (-1, length + 100)), series

    result = ex.check_make_windows(flat)
    assert result.status == ERROR
    assert "one window too many" not in result.message
    assert "series is 1-D" in result.message


def test_right_answers_in_other_styles_pass():
    def strided(series, length):
        series = np.asarray(series)
        return np.lib.stride_tricks.sliding_window_view(series[:-1], length), series[length:]

    for answer in (loop_windows, strided):
        assert ex.check_make_windows(answer).status == PASS
