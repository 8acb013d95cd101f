"""Notebook 06's `greedy_loop` checker names two common mistakes (issue 36, review item 39):
the start token kept as the first column of the answer, and tokens sampled from each step's
probabilities instead of the argmax. Right answers still pass.

The learners' answers are written out by hand, independently of the checker's known bugs.
"""

from lstm_course import exercises as ex
from lstm_course.exercises.checker import PASS, WRONG

import numpy as np


def greedy(step, state, start, steps):
    tokens, out = start, []
    for _ in range(steps):
        probs, state = step(tokens, state)
        tokens = probs.argmax(axis=-1)
        out.append(tokens)
    return np.stack(out, axis=1)


def greedy_with_start(step, state, start, steps):
    tokens, out = start, [start]
    for _ in range(steps):
        probs, state = step(tokens, state)
        tokens = probs.argmax(axis=-1)
        out.append(tokens)
    return np.stack(out, axis=1)


def greedy_sampled(step, state, start, steps):
    rng = np.random.default_rng(0)
    tokens, out = start, []
    for _ in range(steps):
        probs, state = step(tokens, state)
        tokens = np.array([rng.choice(len(p), p=p / p.sum()) for p in probs])
        out.append(tokens)
    return np.stack(out, axis=1)


def greedy_first_token_only(step, state, start, steps):
    probs, state = step(start, state)
    return np.repeat(probs.argmax(axis=-1)[:, None], steps, axis=1)


def test_a_right_answer_passes():
    assert ex.check_greedy_loop(greedy).status == PASS


def test_the_start_token_in_the_answer_is_named():
    result = ex.check_greedy_loop(greedy_with_start)
    assert result.status == WRONG
    assert "start token is included in your answer" in result.message


def test_sampling_instead_of_argmax_is_named():
    result = ex.check_greedy_loop(greedy_sampled)
    assert result.status == WRONG
    assert "argmax" in result.message and "sampled" in result.message


def test_another_wrong_loop_is_not_called_sampling():
    result = ex.check_greedy_loop(greedy_first_token_only)
    assert result.status == WRONG
    assert "sampled" not in result.message
