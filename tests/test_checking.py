from lstm_course.exercises import check_dense_tanh, dense_tanh
from lstm_course.exercises.checker import ERROR, PASS, TODO, WRONG, compare
from lstm_course.notebook.claims import check

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


def test_compare_names_the_items():
    message = compare((np.ones(2), 1.0), (np.ones(2), 2.0), names=("clipped", "norm"))
    assert message.startswith("norm (item 1 of the returned tuple): values differ")


def test_wrong_shape_reports_expected_and_received():
    result = check_dense_tanh(lambda x, W, b: np.tanh(x @ W + b).T)
    assert result.status == WRONG
    assert "expected shape (4, 5), got (5, 4) (transposed?)" in result.message


def test_exception_in_learner_code_becomes_a_hint():
    result = check_dense_tanh(lambda x, W, b: np.tanh(W @ x + b))
    assert result.status == ERROR
    assert "raised ValueError" in result.message and "(d_in, units)" in result.message
    assert "(line " in result.message  # the line of the learner's code that raised


def test_a_name_error_gets_its_line_and_no_shape_hint():
    def typo(x, W, b):
        return np.tanh(x @ W + bias)  # noqa: F821

    result = check_dense_tanh(typo)
    assert result.status == ERROR
    assert "NameError: name 'bias' is not defined" in result.message
    assert "return np.tanh(x @ W + bias)" in result.message
    assert "(d_in, units)" not in result.message


def test_parameters_may_have_any_names_and_float32_passes():
    assert check_dense_tanh(lambda a, w, bias: np.tanh(a @ w + bias)).status == PASS
    as32 = lambda x, W, b: np.tanh(x @ W + b).astype(np.float32)  # noqa: E731
    assert check_dense_tanh(as32).status == PASS


def test_never_raises_even_if_the_learner_returns_odd_objects():
    for odd in (object(), "text", {"a": 1}, [1, [2, 3]], (np.ones(2), "x"), np.array(["a"])):
        result = check_dense_tanh(lambda x, W, b, odd=odd: odd)
        assert result.status == WRONG, str(result)


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
    nested = compare(([np.ones(2), np.ones(3)], 1.0), ([np.ones(2), np.zeros(3)], 1.0))
    assert nested.startswith("item 1 of item 0 of the returned tuple:")
    assert nested.count("returned tuple") == 1  # no doubled prefix
    assert compare(3, "3") == "expected an int, got str '3'"
    assert compare(3, 3.0) == "expected an int, got float 3.0"
    assert compare(3, np.int64(3)) is None
    assert "expected (2, 3), got (3, 2)" in compare((2, 3), [3, 2])
    assert compare(np.ones(3), np.ones(3, dtype=np.float32) + 3e-7) is None  # float32 tolerance
    assert "NaN" in compare(np.ones(2), np.array([1.0, np.nan]))
    assert "a number or an array" in compare(np.ones(2), {"a": 1})


def test_check_prints_a_tick_or_a_cross(capsys):
    check("two equals two", 2 == 2)
    check("one equals two", np.bool_(False))
    assert capsys.readouterr().out == "✓ two equals two\n✗ one equals two\n"


def test_check_accepts_numpy_truth_values(capsys):
    check("a", np.bool_(True))
    check("b", np.array(False))
    check("c", np.array([True]))
    assert capsys.readouterr().out == "✓ a\n✗ b\n✓ c\n"
