from lstm_course.training.beam_search import beam_search

import itertools

import numpy as np
import pytest

V = 4  # vocabulary; token 3 is the end token in the tests that use one


def markov_decoder(seed=0, n=5):
    """A decoder whose next-token distribution depends on the last token and on its input.

    The state is one row per input: a bias added to the log-probabilities. Returns
    ``(step, state, log_prob)`` where ``log_prob(i, prev, token)`` is the exact table.
    """
    rng = np.random.default_rng(seed)
    table = rng.normal(scale=2.0, size=(V + 1, V))  # row V: after the start token
    bias = rng.normal(size=(n, V))

    def log_softmax(z):
        z = z - z.max(axis=-1, keepdims=True)
        return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))

    def step(tokens, state):
        return log_softmax(table[tokens] + state[0]), state

    def log_prob(i, prev, token):
        return log_softmax(table[prev] + bias[i])[token]

    return step, [bias], log_prob


def score_of(answer, i, log_prob, end_token=None):
    total, prev = 0.0, V
    for token in answer:
        total += log_prob(i, prev, token)
        if token == end_token:
            break
        prev = token
    return total


def test_width_one_is_greedy_decoding():
    step, state, _ = markov_decoder()
    answers, _ = beam_search(step, state, start_token=V, end_token=None, steps=6, width=1)
    tokens, greedy = np.full(5, V), []
    for _ in range(6):
        log_probs, _ = step(tokens, state)
        tokens = log_probs.argmax(axis=1)
        greedy.append(tokens)
    np.testing.assert_array_equal(answers[:, 0], np.stack(greedy, axis=1))


def test_a_wide_beam_finds_the_most_probable_answer_of_all():
    step, state, log_prob = markov_decoder(seed=1)
    answers, scores = beam_search(step, state, start_token=V, end_token=None, steps=3, width=V**3)
    for i in range(5):
        every = {seq: score_of(seq, i, log_prob) for seq in itertools.product(range(V), repeat=3)}
        best = max(every, key=every.get)
        assert tuple(answers[i, 0]) == best
        assert scores[i, 0] == pytest.approx(every[best])
        assert np.all(np.diff(scores[i]) <= 0)  # best first
        for k in range(V**3):
            assert scores[i, k] == pytest.approx(score_of(answers[i, k], i, log_prob))


def test_beam_beats_greedy_when_the_best_first_token_leads_nowhere():
    # After the start (token 0 here): "1" is likelier (0.6) than "2" (0.4), but after "1" every
    # token is 1/3 while after "2" the end token 3 has 0.9: greedy 0.6/3 = 0.2, beam 0.36.
    table = np.log(
        np.array(
            [
                [1e-9, 0.6, 0.4, 1e-9],
                [1 / 3, 1 / 3, 1 / 3, 1e-9],
                [0.05, 0.05, 1e-9, 0.9],
                [1e-9, 1e-9, 1e-9, 1.0],
            ]
        )
    )
    table -= np.log(np.exp(table).sum(axis=1, keepdims=True))

    def step(tokens, state):
        return table[tokens], state

    state = [np.zeros((1, 1))]
    greedy, g_score = beam_search(step, state, start_token=0, end_token=3, steps=2, width=1)
    beam, b_score = beam_search(step, state, start_token=0, end_token=3, steps=2, width=2)
    assert greedy[0, 0, 0] == 1 and beam[0, 0].tolist() == [2, 3]
    assert np.exp(b_score[0, 0]) == pytest.approx(0.36) and np.exp(g_score[0, 0]) == pytest.approx(
        0.2
    )


def test_a_finished_answer_keeps_its_score_and_is_padded_with_the_end_token():
    step, state, log_prob = markov_decoder(seed=2)
    answers, scores = beam_search(step, state, start_token=V, end_token=3, steps=8, width=3)
    for i in range(5):
        for k in range(3):
            answer = answers[i, k].tolist()
            if 3 in answer:
                assert set(answer[answer.index(3) :]) == {3}
            assert scores[i, k] == pytest.approx(score_of(answer, i, log_prob, end_token=3))


def test_the_state_follows_its_beam():
    # A decoder that reads only its state: the sum of the tokens fed so far, modulo V.
    table = np.log(np.random.default_rng(3).dirichlet(np.ones(V), size=V))

    def step(tokens, state):
        total = (state[0][:, 0] + tokens) % V
        return table[total], [total[:, None]]

    def score(answer):
        total, fed, out = 0, V, 0.0
        for token in answer:
            total = (total + fed) % V
            out += table[total, token]
            fed = token
        return out

    answers, scores = beam_search(step, [np.zeros((1, 1), int)], V, None, steps=3, width=V**3)
    every = {seq: score(seq) for seq in itertools.product(range(V), repeat=3)}
    assert tuple(answers[0, 0]) == max(every, key=every.get)
    for k in range(V**3):
        assert scores[0, k] == pytest.approx(every[tuple(answers[0, k])])
