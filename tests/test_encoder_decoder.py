from lstm_course import seed_everything
from lstm_course.data.synthetic import (
    REVERSAL_END,
    REVERSAL_PAD,
    REVERSAL_START,
    REVERSAL_VOCAB,
    digit_reversal,
)
from lstm_course.keras_models.encoder_decoder import build_encoder_decoder, decoder_for
from lstm_course.training.beam_search import beam_search

import numpy as np
import pytest


@pytest.fixture(scope="module", params=[False, True], ids=["plain", "attention"])
def model(request):
    seed_everything(0)
    return build_encoder_decoder(REVERSAL_VOCAB, 8, request.param, REVERSAL_PAD)


@pytest.fixture(scope="module")
def task():
    source, target, lengths = digit_reversal(6, 2, 5, np.random.default_rng(0))
    decoder_input = np.concatenate([np.full((6, 1), REVERSAL_START), target[:, :-1]], axis=1)
    return source, target, lengths, decoder_input


def test_step_by_step_decoding_reproduces_the_teacher_forced_model(model, task):
    """Fed the same tokens, the one-step model gives the training model's probabilities."""
    source, _, _, decoder_input = task
    expected = np.asarray(model.train.predict_on_batch([source, decoder_input]))
    record = []
    step, state = decoder_for(model, source, REVERSAL_PAD, record)
    for t in range(decoder_input.shape[1]):
        log_probs, state = step(decoder_input[:, t], state)
        np.testing.assert_allclose(np.exp(log_probs), expected[:, t], rtol=1e-4, atol=1e-6)
    assert len(record) == decoder_input.shape[1]


def test_every_input_of_the_step_model_is_used(model):
    """Keras before 3.15 (Colab's 3.13) refuses a Model with an input no output depends on;
    3.15 allows it. So the same check as 3.13's, on the Keras installed here."""
    for x in model.step.inputs:
        assert x._keras_history.operation._outbound_nodes, f"{x.name} is not used"


def test_padded_source_positions_get_zero_attention(model, task):
    source, *_ = task
    record = []
    step, state = decoder_for(model, source, REVERSAL_PAD, record)
    beam_search(step, state, REVERSAL_START, None, 4, 1)
    weights = np.stack([w for _, w in record])  # (steps, batch, positions)
    padded = source == REVERSAL_PAD
    assert padded.any()
    if model.attention:
        assert (weights[:, padded] == 0).all()
        np.testing.assert_allclose(weights.sum(axis=-1), 1, rtol=1e-5)
    else:
        assert (weights == 0).all()


def test_the_greedy_loop_feeds_back_its_own_tokens(model, task):
    source, *_ = task
    record = []
    step, state = decoder_for(model, source, REVERSAL_PAD, record)
    answers, _ = beam_search(step, state, REVERSAL_START, None, 5, 1)
    fed = np.stack([tokens for tokens, _ in record], axis=1)
    assert (fed[:, 0] == REVERSAL_START).all()
    np.testing.assert_array_equal(fed[:, 1:], answers[:, 0, :-1])


def test_digit_reversal_strings_are_distinct_and_reversed():
    source, target, lengths = digit_reversal(500, 3, 6, np.random.default_rng(1))
    assert len({tuple(row) for row in source}) == 500
    assert set(lengths) == {3, 4, 5, 6}
    for s, t, n in zip(source, target, lengths, strict=True):
        assert (s[n:] == REVERSAL_PAD).all() and (s[:n] < 10).all()
        assert (t[:n] == s[:n][::-1]).all() and t[n] == REVERSAL_END
        assert (t[n + 1 :] == REVERSAL_PAD).all()


def test_a_wide_beam_decodes_each_source_with_its_own_encoding(model, task):
    """Width 3 keeps 3 rows per source: the repeated encoder states must follow them."""
    source, *_ = task
    step, state = decoder_for(model, source, REVERSAL_PAD)
    wide, _ = beam_search(step, state, REVERSAL_START, REVERSAL_END, 6, 3)
    for i in range(len(source)):
        step_i, state_i = decoder_for(model, source[i : i + 1], REVERSAL_PAD)
        alone, _ = beam_search(step_i, state_i, REVERSAL_START, REVERSAL_END, 6, 3)
        np.testing.assert_array_equal(wide[i], alone[0])
