from lstm_course.data import arithmetic as s2s

import numpy as np


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


def test_shift_right_is_teacher_forcing():
    y = s2s.CharCodec(length=4).encode(["+19"])
    shifted = s2s.shift_right(y, start_index=12)
    assert shifted[0, 0].argmax() == 12
    np.testing.assert_array_equal(shifted[0, 1:], y[0, :-1])


def test_start_end_codec_has_real_start_and_end_tokens():
    codec = s2s.StartEndCodec()
    assert codec.vocab == s2s.VOCAB + "^$" and codec.steps == s2s.ANSWER_LEN + 1
    assert len({codec.start_index, codec.end_index, codec.pad_index}) == 3
    y, inputs = codec.encode(["+19", "-3"]), codec.decoder_inputs(["+19", "-3"])
    assert codec.codec.decode(y, strip=False) == ["+19$ ", "-3$  "]
    assert codec.codec.decode(inputs, strip=False) == ["^+19$", "^-3$ "]
    np.testing.assert_array_equal(s2s.shift_right(y, codec.start_index), inputs)
    assert codec.decode(y) == ["+19", "-3"]
    np.testing.assert_array_equal(
        codec.real_positions(["+19", "-3"]), [[1, 1, 1, 1, 0], [1, 1, 1, 0, 0]]
    )


def test_decode_cuts_at_the_first_end_token_and_keeps_answers_without_one():
    codec = s2s.StartEndCodec()
    assert codec.decode(codec.codec.encode(["+1$9$", "+19  ", "$+19 "])) == ["+1", "+19  ", ""]


def test_unordered_pair_groups_swapped_and_subtracted_twins():
    keys = {s2s.unordered_pair(q) for q in ("12+7", "7+12", "12-7", "7-12", " 7+21"[::-1])}
    assert keys == {(7, 12)}
    assert s2s.unordered_pair("3*4", ops="*") == (3, 4)


def test_group_split_keeps_every_group_on_one_side():
    queries, _ = s2s.arithmetic_queries()
    keys = [s2s.unordered_pair(q) for q in queries]
    sides = s2s.group_split(keys, (0.8, 0.1, 0.1), seed=3)
    assert sorted(np.concatenate(sides).tolist()) == list(range(len(queries)))
    groups = [{keys[i] for i in side} for side in sides]
    assert not groups[0] & groups[1] and not groups[0] & groups[2] and not groups[1] & groups[2]
    assert [len(g) for g in groups] == [4040, 505, 505]
    again = s2s.group_split(keys, (0.8, 0.1, 0.1), seed=3)
    assert all(np.array_equal(a, b) for a, b in zip(sides, again, strict=True))
