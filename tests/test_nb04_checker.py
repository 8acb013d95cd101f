"""Notebook 04's exercise 2 checker: a shape written as Keras prints it, with None for the
batch, gets the hint to use the ``batch`` argument (issue 36, review item 10)."""

from lstm_course import exercises as ex
from lstm_course.exercises.checker import PASS, WRONG

import pytest


def keras_style(batch, steps, units, return_sequences, return_state):
    out = (None, steps, units) if return_sequences else (None, units)
    return (out, (None, units), (None, units)) if return_state else out


def right(batch, steps, units, return_sequences, return_state):
    out = [batch, steps, units] if return_sequences else [batch, units]
    return [out, [batch, units], [batch, units]] if return_state else out


@pytest.mark.parametrize("fn", [keras_style], ids=["None for the batch"])
def test_a_shape_with_none_for_the_batch_gets_the_batch_hint(fn):
    result = ex.check_lstm_output_shapes(fn)
    assert result.status == WRONG, str(result)
    assert "use the `batch` argument: Keras prints None" in result.message, str(result)
    assert "forget the `return`" not in result.message, str(result)


def test_right_shapes_as_lists_still_pass():
    assert ex.check_lstm_output_shapes(right).status == PASS


def test_a_missing_return_still_gets_the_return_hint():
    result = ex.check_lstm_output_shapes(lambda *args: None)
    assert result.status == WRONG and "return" in result.message, str(result)
