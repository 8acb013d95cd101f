from lstm_course.checking import ERROR, PASS, TODO, WRONG, check, compare
from lstm_course.exercises import check_dense_tanh, dense_tanh

import numpy as np
import pytest


def stub(x, W, b):
    raise NotImplementedError


def test_reference_passes():
    result = check_dense_tanh(dense_tanh)
    assert result.status == PASS and bool(result)
    assert str(result).startswith("✓ dense_tanh")


def test_stub_is_reported_as_not_implemented():
    result = check_dense_tanh(stub)
    assert result.status == TODO and not result
    assert "not implemented yet" in str(result)


@pytest.mark.parametrize(
    ("buggy", "hint"),
    [
        (lambda x, W, b: x @ W + b, "tanh is missing"),
        (lambda x, W, b: np.tanh(x @ W) + b, "bias belongs inside"),
        (lambda x, W, b: 1 / (1 + np.exp(-(x @ W + b))), "that is a sigmoid"),
        # Not a listed bug: found by the ablations.
        (lambda x, W, b: np.tanh(x @ W + 2 * b), "check the bias term"),
        (lambda x, W, b: np.tanh(0.5 * x @ W + b), "check the x @ W term"),
    ],
)
def test_each_broken_variant_gets_its_own_hint(buggy, hint):
    result = check_dense_tanh(buggy)
    assert result.status == WRONG
    assert hint in result.message


def test_wrong_shape_reports_expected_and_received():
    result = check_dense_tanh(lambda x, W, b: np.tanh(x @ W + b).T)
    assert result.status == WRONG
    assert "expected shape (4, 5), got (5, 4) (transposed?)" in result.message


def test_exception_in_learner_code_becomes_a_hint():
    result = check_dense_tanh(lambda x, W, b: np.tanh(W @ x + b))
    assert result.status == ERROR
    assert "raised ValueError" in result.message and "x @ W" in result.message


def test_missing_return_and_non_callable():
    assert "forget the `return`" in check_dense_tanh(lambda x, W, b: None).message
    assert check_dense_tanh(42).status == ERROR


def test_learner_cannot_corrupt_the_reference_by_mutating_inputs():
    def mutating(x, W, b):
        out = np.tanh(x @ W + b)
        x[:] = 0
        b[:] = 99
        return out

    assert check_dense_tanh(mutating).status == PASS


def test_compare_handles_tuples_and_types():
    assert compare((np.ones(2), 1.0), (np.ones(2), 1.0)) is None
    assert "tuple of 2" in compare((1.0, 2.0), np.ones(2))
    assert "item 1" in compare((1.0, 2.0), (1.0, 3.0))
    assert "NaN" in compare(np.ones(2), np.array([1.0, np.nan]))
    assert "a number or an array" in compare(np.ones(2), {"a": 1})


def test_check_prints_a_tick_or_a_cross(capsys):
    check("two equals two", 2 == 2)
    check("one equals two", np.bool_(False))
    assert capsys.readouterr().out == "✓ two equals two\n✗ one equals two\n"
    with pytest.raises(TypeError):
        check(3, True)
