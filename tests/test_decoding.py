from lstm_course import seed_everything
from lstm_course.data import arithmetic as s2s
from lstm_course.training import decoding

import keras
import numpy as np
import pytest


def tiny_models(units=4, vocab=13):
    seed_everything(0)
    enc_in = keras.Input((5, vocab))
    _, h, c = keras.layers.LSTM(units, return_state=True)(enc_in)
    lstm = keras.layers.LSTM(units, return_sequences=True, return_state=True)
    dense = keras.layers.Dense(vocab, activation="softmax")
    tok, hi, ci = keras.Input((1, vocab)), keras.Input((units,)), keras.Input((units,))
    out, h2, c2 = lstm(tok, initial_state=[hi, ci])
    return keras.Model(enc_in, [h, c]), keras.Model([tok, hi, ci], [dense(out), h2, c2])


def test_greedy_decode_feeds_back_its_own_predictions():
    encoder, step = tiny_models()
    fed = []

    class Spy:
        def predict_on_batch(self, inputs):
            fed.append(np.asarray(inputs[0]))
            return step.predict_on_batch(inputs)

    x = s2s.CharCodec(length=5).encode(["12+7", "3-40"])
    probs = decoding.greedy_decode(encoder, Spy(), x, steps=4, start_index=12)
    assert probs.shape == (2, 4, 13)
    assert np.all(fed[0][:, 0].argmax(-1) == 12)
    for t in range(1, 4):
        np.testing.assert_array_equal(fed[t][:, 0].argmax(-1), probs[:, t - 1].argmax(-1))


def test_per_character_accuracy_scores_only_the_mask():
    codec = s2s.StartEndCodec()
    truth = codec.encode(["+19", "-3"])
    guess = codec.codec.encode(["+18$ ", "-3$9 "])  # one wrong digit; a wrong pad is not scored
    mask = codec.real_positions(["+19", "-3"])
    assert decoding.per_character_accuracy(guess, truth, mask) == pytest.approx(6 / 7)


def test_recording_model_records_what_greedy_decode_feeds():
    encoder, step = tiny_models(vocab=15)
    spy = decoding.RecordingModel(step)
    x = np.zeros((3, 5, 15), dtype="float32")
    probs = decoding.greedy_decode(encoder, spy, x, steps=5, start_index=13, vocab_size=15)
    assert len(spy.fed) == 5 and np.all(spy.fed[0][:, 0].argmax(-1) == 13)
    np.testing.assert_array_equal(spy.fed[2][:, 0].argmax(-1), probs[:, 1].argmax(-1))


def test_greedy_decode_with_its_own_vocabulary():
    encoder, _ = tiny_models(vocab=13)
    _, step = tiny_models(vocab=15)
    x = s2s.CharCodec(length=5).encode(["12+7"])
    probs = decoding.greedy_decode(encoder, step, x, steps=5, start_index=13, vocab_size=15)
    assert probs.shape == (1, 5, 15)
