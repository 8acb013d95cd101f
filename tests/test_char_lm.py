"""Notebook 08's package code: corpus, n-gram baselines, Adam, the NumPy char-LM, sampling."""

from lstm_course.data import text_corpus
from lstm_course.numpy_models import char_lm, lstm, ngrams
from lstm_course.training import sampling
from lstm_course.training.gradcheck import gradient_check
from lstm_course.training.optimisers import Adam

import math

import numpy as np
import pytest

# --- corpus -------------------------------------------------------------------------------


def test_corpus_is_shipped_and_small():
    text = text_corpus.load_devils_dictionary()
    assert 50_000 <= len(text) <= 300_000
    assert text.startswith("abasement, n.") and text == text.lower()
    assert len(text_corpus.vocabulary(text)) == 57


def test_encode_decode_round_trip_and_unknown_characters():
    chars = text_corpus.vocabulary("hello world")
    ids = text_corpus.encode("hello", chars)
    assert ids.dtype == np.int64 and text_corpus.decode(ids, chars) == "hello"


def test_split_by_position_keeps_order():
    train, val, test = text_corpus.split_by_position(np.arange(100))
    assert train.tolist() == list(range(80)) and val[0] == 80 and test.tolist()[-1] == 99
    assert text_corpus.split_by_position("abcdefghij", (0.5, 0.5)) == ["abcde", "fghij"]


def test_chunk_streams_continue_row_by_row():
    ids = np.arange(50)
    x, y = text_corpus.chunk_streams(ids, batch=2, length=4)
    assert x.shape == y.shape == (6, 2, 4)  # streams of 25: (25 - 1) // 4 chunks
    assert x[0].tolist() == [[0, 1, 2, 3], [25, 26, 27, 28]]
    assert (y == x + 1).all()
    assert (x[1:, :, 0] == x[:-1, :, -1] + 1).all()  # chunk k + 1 continues chunk k


# --- n-gram baselines ---------------------------------------------------------------------

TRAIN = np.array([0, 1, 0, 1, 1])  # V = 3; id 2 never occurs


def test_uniform_is_log_v():
    assert ngrams.uniform_cross_entropy(57) == pytest.approx(math.log(57))


def test_unigram_by_hand():
    # counts 0: 2, 1: 3, 2: 0 of 5; add-1: P(1) = 4/8, P(2) = 1/8
    got = ngrams.ngram_log_probs(TRAIN, [0, 1, 2], 3, order=1, alpha=1.0)
    np.testing.assert_allclose(got, np.log([4 / 8, 1 / 8]))


def test_bigram_by_hand():
    # pairs 0>1 twice, 1>0 once, 1>1 once: P(1|0) = 3/5, P(2|1) = 1/5
    got = ngrams.ngram_log_probs(TRAIN, [0, 1, 2], 3, order=2, alpha=1.0)
    np.testing.assert_allclose(got, np.log([3 / 5, 1 / 5]))
    half = ngrams.ngram_log_probs(TRAIN, [0, 1, 2], 3, order=2, alpha=0.5)
    np.testing.assert_allclose(half, np.log([2.5 / 3.5, 0.5 / 3.5]))


def test_trigram_by_hand_uses_the_bigram_at_the_start():
    # [1, 0, 1]: P(0|1) from the bigram = 2/5; P(1|1,0): context (1,0) once, then 1: 2/4
    got = ngrams.ngram_log_probs(TRAIN, [1, 0, 1], 3, order=3, alpha=1.0)
    np.testing.assert_allclose(got, np.log([2 / 5, 2 / 4]))
    ce = ngrams.ngram_cross_entropy(TRAIN, [1, 0, 1], 3, order=3, alpha=1.0)
    assert ce == pytest.approx(-(math.log(2 / 5) + math.log(2 / 4)) / 2)


def test_unseen_context_is_uniform_and_streams_score_pieces_apart():
    got = ngrams.ngram_log_probs(TRAIN, [2, 0], 3, order=2, alpha=0.1)
    assert got[0] == pytest.approx(math.log(1 / 3))
    ids = np.array([0, 1, 1, 0, 1, 0])
    two = ngrams.ngram_cross_entropy(TRAIN, ids, 3, 2, streams=2)
    pieces = [ngrams.ngram_log_probs(TRAIN, p, 3, 2) for p in (ids[:3], ids[3:])]
    assert two == pytest.approx(-np.concatenate(pieces).mean())


def test_kneser_ney_bigram_by_hand():
    # TRAIN [0, 1, 0, 1, 1], D = 1/2. Distinct bigrams 01, 10, 11: continuation counts
    # N(.0) = 1, N(.1) = 2, N(.2) = 0 of 3; 2 letters seen, so 1/2 * 2/3 of the mass goes to
    # the uniform 1/3: P1 = (0.5/3 + 1/9, 1.5/3 + 1/9, 1/9) = (5/18, 11/18, 2/18).
    # After 0 (seen twice, always 1): P(1|0) = 1.5/2 + 0.5 * 1/2 * 11/18 = 65/72.
    # After 1 (10 once, 11 once): P(2|1) = 0 + 0.5 * 2/2 * 2/18 = 1/18.
    got = ngrams.kneser_ney_log_probs(TRAIN, [0, 1, 2], 3, order=2, discount=0.5)
    np.testing.assert_allclose(got, np.log([65 / 72, 1 / 18]))
    unigram = ngrams.kneser_ney_log_probs(TRAIN, [2, 0, 1, 2], 3, order=1, discount=0.5)
    # order 1 uses plain counts (0: 2, 1: 3 of 5) over the uniform: 2 of 3 letters seen
    np.testing.assert_allclose(np.exp(unigram), [1.5 / 5 + 1 / 15, 2.5 / 5 + 1 / 15, 1 / 15])
    unseen = ngrams.kneser_ney_log_probs(TRAIN, [2, 0], 3, order=2, discount=0.5)
    assert unseen[0] == pytest.approx(math.log(5 / 18))  # context 2 never seen: P1


@pytest.mark.parametrize("order", [1, 2, 3, 4])
def test_kneser_ney_sums_to_one_and_scores_streams_apart(order):
    rng = np.random.default_rng(0)
    train = np.tile(rng.integers(0, 5, 40), 6)
    rows = np.array([[*train[7:10], x] for x in range(6)])  # V = 6: id 5 never occurs
    p = np.exp(ngrams.kneser_ney_log_probs(train, rows, 6, order, discount=0.75)[:, -1])
    assert p.sum() == pytest.approx(1.0) and (p > 0).all()
    ce = ngrams.kneser_ney_cross_entropy(train, train[:100], 6, order, streams=2)
    assert ce == pytest.approx(-ngrams.kneser_ney_log_probs(
        train, train[:100].reshape(2, 50), 6, order).mean())  # fmt: skip


# --- Adam -----------------------------------------------------------------------------------


def test_adam_two_steps_by_hand():
    p = {"w": np.array([1.0])}
    opt = Adam(learning_rate=0.1)
    opt.step(p, {"w": np.array([0.5])})
    # m = 0.05, v = 0.00025; m_hat = 0.5, v_hat = 0.25: a step of 0.1 * 0.5 / 0.5
    assert p["w"][0] == pytest.approx(0.9, abs=1e-8)
    opt.step(p, {"w": np.array([-1.0])})
    m = 0.9 * 0.05 - 0.1  # -0.055
    v = 0.999 * 0.00025 + 0.001  # 0.00124975
    m_hat, v_hat = m / (1 - 0.81), v / (1 - 0.998001)
    assert p["w"][0] == pytest.approx(0.9 - 0.1 * m_hat / math.sqrt(v_hat), abs=1e-8)
    assert p["w"][0] == pytest.approx(0.93661, abs=1e-5)  # worked out on paper


# --- the NumPy character-level LSTM ---------------------------------------------------------


def small_model(seed=0, vocab=5, units=3):
    rng = np.random.default_rng(seed)
    params = char_lm.init_params(vocab, units, rng)
    params = {k: v + rng.normal(scale=0.3, size=v.shape) for k, v in params.items()}
    return params, rng


def test_gradient_check_of_the_whole_char_lm_loss():
    params, rng = small_model()
    inputs, targets = rng.integers(0, 5, (2, 4)), rng.integers(0, 5, (2, 4))
    h0, c0 = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    _, grads, _ = char_lm.loss_and_grads(params, inputs, targets, h0, c0)
    errors = gradient_check(
        lambda: char_lm.loss_and_grads(params, inputs, targets, h0, c0)[0], params, grads
    )
    assert max(errors.values()) < 1e-7, errors


def test_a_wrong_gradient_fails_the_check():
    params, rng = small_model(1)
    inputs, targets = rng.integers(0, 5, (2, 4)), rng.integers(0, 5, (2, 4))
    _, grads, _ = char_lm.loss_and_grads(params, inputs, targets)
    grads["W_hy"] = grads["W_hy"] * 1.01
    errors = gradient_check(
        lambda: char_lm.loss_and_grads(params, inputs, targets)[0], params, grads
    )
    assert errors["W_hy"] > 1e-4


def test_loss_state_and_step_function_agree_with_the_lstm():
    params, rng = small_model(2)
    inputs, targets = rng.integers(0, 5, (3, 6)), rng.integers(0, 5, (3, 6))
    loss, _, (h_last, c_last) = char_lm.loss_and_grads(params, inputs, targets)
    h, c, _ = lstm.lstm_forward(
        char_lm.one_hot(inputs, 5), params["W_x"], params["W_h"], params["b"]
    )
    np.testing.assert_allclose(h_last, h[:, -1])
    step, state, total = char_lm.step_function(params), None, 0.0
    for t in range(6):
        logits, state = step(inputs[:, t], state)
        np.testing.assert_allclose(state[0], h[:, t], atol=1e-12)
        log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        total -= log_p[np.arange(3), targets[:, t]].sum()
    assert loss == pytest.approx(total / 18)
    text = np.concatenate([inputs[0], targets[0, -1:]])  # inputs then the last target
    same = char_lm.cross_entropy(params, np.concatenate([inputs[0], targets[0, -1:]]))
    assert same == pytest.approx(char_lm.loss_and_grads(params, text[None, :-1], text[None, 1:])[0])


def test_training_carries_the_state_and_lowers_the_loss():
    ids = np.tile(np.array([0, 1, 2, 3, 4, 3, 2, 1]), 40)
    x, y = text_corpus.chunk_streams(ids, batch=2, length=5)
    params = char_lm.init_params(5, 8, np.random.default_rng(0))
    seen = []
    history = char_lm.train(
        params, x, y, Adam(0.05), steps=60, every=20, callback=lambda *a: seen.append(a[0])
    )
    assert seen == [20, 40, 60] and len(history["loss"]) == 60
    assert np.mean(history["loss"][-10:]) < 0.5 * history["loss"][0]
    assert char_lm.cross_entropy(params, ids[:100], streams=4) < 0.3


# --- sampling -------------------------------------------------------------------------------


def test_temperature_sharpens_and_flattens():
    logits = np.array([2.0, 1.0, 0.0, -1.0])
    p1 = sampling.temperature_probs(logits, 1.0)
    np.testing.assert_allclose(p1, np.exp(logits) / np.exp(logits).sum())
    cold, hot = sampling.temperature_probs(logits, 0.5), sampling.temperature_probs(logits, 2.0)
    np.testing.assert_allclose(cold, p1**2 / (p1**2).sum())  # T = 1/2 squares the odds
    assert cold[0] > p1[0] > hot[0] > 0.25 and hot[-1] > p1[-1] > cold[-1]
    assert sampling.temperature_probs(logits * 1000, 1.0)[0] == pytest.approx(1.0)  # no overflow


def test_sampling_is_deterministic_and_follows_the_probabilities():
    logits = np.log([0.5, 0.3, 0.2])
    draws = [sampling.sample_next(logits, 1.0, np.random.default_rng(3)) for _ in range(3)]
    assert len(set(draws)) == 1
    rng = np.random.default_rng(0)
    counts = np.bincount([sampling.sample_next(logits, 1.0, rng) for _ in range(4000)], minlength=3)
    np.testing.assert_allclose(counts / 4000, [0.5, 0.3, 0.2], atol=0.03)
    rng = np.random.default_rng(0)
    assert all(sampling.sample_next(logits, 0.01, rng) == 0 for _ in range(200))


def test_generate_same_seed_same_text_and_greedy():
    params, _ = small_model(4)
    step = char_lm.step_function(params)
    a = sampling.generate(step, [0, 1], 30, 1.0, np.random.default_rng(5))
    b = sampling.generate(step, [0, 1], 30, 1.0, np.random.default_rng(5))
    c = sampling.generate(step, [0, 1], 30, 1.0, np.random.default_rng(6))
    assert a == b and a != c and len(a) == 30
    g = sampling.generate(step, [0, 1], 30, greedy=True)
    assert g == sampling.generate(step, [0, 1], 30, 1e-4, np.random.default_rng(9))


def test_longest_repeat():
    assert sampling.longest_repeat("abcabcabc") == 6  # overlapping repeats count
    assert sampling.longest_repeat("abcdef") == 0
    assert sampling.longest_repeat("the cat the dog") == 4
