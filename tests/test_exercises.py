"""Every exercise: independent right answers pass, plausible wrong ones get the hint that names
the mistake, a stub is 'not implemented', and the checker never raises.

The answers live in ``exercise_answers.py``; ``python tests/exercise_answers.py`` prints the
per-exercise table.
"""

from lstm_course import exercises as ex
from lstm_course.exercises.checker import PASS, TODO
from lstm_course.exercises.checker import WRONG as WRONG_STATUS

import re

import numpy as np
import pytest
from exercise_answers import RIGHT, WRONG, classify, table

NAMES = list(ex.EXERCISES)
WRONG_CASES = [(name, label) for name in NAMES for label, _, _ in WRONG[name]]
RIGHT_CASES = [(name, label) for name in NAMES for label, _ in RIGHT[name]]


def test_every_exercise_has_a_catalogue():
    from lstm_course.exercises.checker import Exercise

    import importlib
    import pkgutil

    defined = {
        obj.name
        for info in pkgutil.iter_modules(ex.__path__, "lstm_course.exercises.")
        for obj in vars(importlib.import_module(info.name)).values()
        if isinstance(obj, Exercise)
    }
    assert set(NAMES) == defined  # no exercise left out of EXERCISES (nor of this test)
    for name in NAMES:
        assert len(RIGHT[name]) >= 3, name
        assert len(WRONG[name]) >= 6, name


@pytest.mark.parametrize(("name", "label"), RIGHT_CASES)
def test_right_answers_pass(name, label):
    fn = dict(RIGHT[name])[label]
    result = ex.EXERCISES[name][1](fn)
    assert result.status == PASS, str(result)


@pytest.mark.parametrize(("name", "label"), WRONG_CASES)
def test_wrong_answers_get_their_hint(name, label):
    fn, words = next((fn, words) for lbl, fn, words in WRONG[name] if lbl == label)
    result = ex.EXERCISES[name][1](fn)  # must not raise
    assert result.status != PASS, str(result)
    assert words in result.message, str(result)
    assert not re.search(r"/tmp/|/home/|/work/|site-packages", result.message)
    assert "Traceback" not in result.message


def test_at_most_one_wrong_answer_in_ten_gets_only_the_generic_message():
    rows = table()
    wrong = sum(row[3] for row in rows)
    generic = sum(row[5] for row in rows)
    assert sum(row[6] for row in rows) == 0  # passes
    assert sum(row[7] for row in rows) == 0  # raises
    assert generic <= wrong / 10


@pytest.mark.parametrize("name", NAMES)
def test_reference_passes_and_stub_wording_is_stable(name):
    _, check = ex.EXERCISES[name]
    assert check(check.reference).status == PASS

    def stub(*args):
        raise NotImplementedError  # replace this line with your code

    result = check(stub)
    assert result.status == TODO
    assert str(result) == f"… {name}: not implemented yet: replace `raise NotImplementedError`"


@pytest.mark.parametrize("name", NAMES)
def test_each_known_bug_gets_its_own_hint(name):
    _, check = ex.EXERCISES[name]
    hints = []
    for bug in check.known_bugs:
        result = check(bug.implementation)
        assert result.status == WRONG_STATUS, f"{bug.hint}: {result}"
        assert bug.hint in result.message, f"{bug.hint}: {result}"
        hints.append(bug.hint)
    assert len(set(hints)) == len(hints)


def _signature(value):
    """What a learner's code could hard-code: shapes, lengths and scalar values."""
    if isinstance(value, np.ndarray):
        return value.shape
    if isinstance(value, list):
        return tuple(np.shape(v) for v in value)
    return None if callable(value) else value


@pytest.mark.parametrize("name", NAMES)
def test_sizes_or_values_change_from_trial_to_trial(name):
    _, check = ex.EXERCISES[name]
    rng = np.random.default_rng(0)
    trials = [check.make_inputs(rng, t) for t in range(check.trials)]
    for key in trials[0]:
        if key != "step":  # greedy_loop's step function changes with its sizes
            assert len({repr(_signature(t[key])) for t in trials}) > 1, key


def test_the_hint_for_an_error_does_not_give_the_answer_away():
    def broken(units, input_dim):
        return 4 * (units * (input_dim + units) + unit)  # noqa: F821

    result = ex.check_lstm_param_count(broken)
    assert "NameError: name 'unit' is not defined" in result.message
    assert re.search(r"\(line \d+: `return 4 \* \(units \* \(input_dim", result.message)
    assert "4 * (" not in result.message.split("Hint:")[-1]


def test_clipping_varies_max_norm_on_both_sides_of_the_norm():
    check = ex.check_clip_by_global_norm
    rng = np.random.default_rng(0)
    trials = [check.make_inputs(rng, t) for t in range(check.trials)]
    norms = [np.sqrt(sum(np.sum(g**2) for g in t["grads"])) for t in trials]
    assert len({t["max_norm"] for t in trials}) == len(trials)
    assert any(n > t["max_norm"] for n, t in zip(norms, trials, strict=True))
    assert any(n < t["max_norm"] for n, t in zip(norms, trials, strict=True))


def test_a_generic_difference_is_classified_generic():
    assert classify("values differ from the reference (largest difference 1)") == "generic"


def test_output_shapes_reference_matches_keras():
    import keras

    x = np.zeros((3, 5, 2), dtype="float32")
    for seq in (False, True):
        for state in (False, True):
            out = keras.layers.LSTM(4, return_sequences=seq, return_state=state)(x)
            got = tuple(tuple(t.shape) for t in out) if state else tuple(out.shape)
            assert got == ex.lstm_output_shapes(3, 5, 4, seq, state)
