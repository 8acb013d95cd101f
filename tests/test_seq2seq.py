from lstm_course import seed_everything
from lstm_course import seq2seq as s2s

import keras
import numpy as np
import pytest


def test_shapes_are_the_seeds_5x13_and_4x13():
    queries, answers = s2s.arithmetic_queries()
    assert len(queries) == 20_000 and len(s2s.VOCAB) == 13
    assert s2s.CharCodec(length=5).encode(queries).shape == (20_000, 5, 13)
    assert s2s.CharCodec(length=4).encode(answers).shape == (20_000, 4, 13)
    assert max(map(len, queries)) == 5 and max(map(len, answers)) == 4


def test_answers_are_right():
    queries, answers = s2s.arithmetic_queries()
    for q, a in zip(queries[::997], answers[::997], strict=True):
        assert int(a) == eval(q)
    assert s2s.format_answer(-33) == "-33" and s2s.format_answer(198) == "+198"


def test_codec_round_trips_and_pads():
    codec = s2s.CharCodec(length=5)
    x = codec.encode(["12+7", "99-99"])
    assert codec.decode(x) == ["12+7", "99-99"]
    assert codec.decode(x, strip=False)[0] == "12+7 "
    assert s2s.reverse_queries(["12+7"]) == [" 7+21"]


def test_codec_errors_are_clear():
    codec = s2s.CharCodec(length=5)
    with pytest.raises(ValueError, match="'x' in '1x2' is not in the vocabulary"):
        codec.encode(["1x2"])
    with pytest.raises(ValueError, match="has 6 characters; at most 5 fit"):
        codec.encode(["123+45"])
    with pytest.raises(TypeError, match="list of strings"):
        codec.encode("12+7")
    with pytest.raises(TypeError, match="texts must hold strings"):
        codec.encode([12])
    with pytest.raises(ValueError, match="must not repeat"):
        s2s.CharCodec(vocab="aab")


def test_shift_right_is_teacher_forcing():
    y = s2s.CharCodec(length=4).encode(["+19"])
    shifted = s2s.shift_right(y, start_index=12)
    assert shifted[0, 0].argmax() == 12
    np.testing.assert_array_equal(shifted[0, 1:], y[0, :-1])


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
    probs = s2s.greedy_decode(encoder, Spy(), x, steps=4, start_index=12)
    assert probs.shape == (2, 4, 13)
    assert np.all(fed[0][:, 0].argmax(-1) == 12)
    for t in range(1, 4):
        np.testing.assert_array_equal(fed[t][:, 0].argmax(-1), probs[:, t - 1].argmax(-1))
