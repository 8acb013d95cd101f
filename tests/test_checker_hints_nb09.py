"""Notebook 09's coupled_step checker (issue 37, item 11): an answer that returns the two
states in the wrong order, (c_t, h_t), is told so by name, as a tuple or as a list, and the
right order in the same styles passes. The learner's answer is written out by hand,
independently of the checker's known bugs."""

from lstm_course import exercises as ex
from lstm_course.exercises.checker import PASS, WRONG

import numpy as np
import pytest


def coupled(x_t, h_prev, c_prev, W_x, W_h, b):
    n = h_prev.shape[1]
    pre = x_t @ W_x + h_prev @ W_h + b
    f = 1 / (1 + np.exp(-pre[:, :n]))
    c_t = f * c_prev + (1 - f) * np.tanh(pre[:, n : 2 * n])
    h_t = 1 / (1 + np.exp(-pre[:, 2 * n :])) * np.tanh(c_t)
    return h_t, c_t


@pytest.mark.parametrize("container", [tuple, list])
def test_c_before_h_is_named(container):
    result = ex.check_coupled_step(lambda *a: container(coupled(*a)[::-1]))
    assert result.status == WRONG
    assert "you returned (c_t, h_t)" in result.message
    assert "(h_t, c_t)" in result.message


@pytest.mark.parametrize("container", [tuple, list])
def test_h_before_c_passes(container):
    assert ex.check_coupled_step(lambda *a: container(coupled(*a))).status == PASS
