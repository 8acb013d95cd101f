"""Every exercise: the reference passes, a stub is 'not implemented', each bug gets its hint."""

from lstm_course import clipping, data, lstm, rnn
from lstm_course import exercises as ex
from lstm_course.checking import PASS, TODO, WRONG

import numpy as np
import pytest

EXERCISES = {
    "dense_tanh": (ex.check_dense_tanh, ex.dense_tanh),
    "rnn_cell_forward": (ex.check_rnn_cell_forward, rnn.rnn_cell_forward),
    "sequence_loss": (ex.check_sequence_loss, rnn.sequence_cross_entropy),
    "rnn_cell_backward": (ex.check_rnn_cell_backward, rnn.rnn_cell_backward),
    "clip_by_global_norm": (ex.check_clip_by_global_norm, clipping.clip_by_global_norm),
    "forget_gate": (ex.check_forget_gate, ex.forget_gate),
    "lstm_cell_step": (ex.check_lstm_cell_step, lambda **kw: lstm.lstm_cell_forward(**kw)[:2]),
    "cell_state_backward": (ex.check_cell_state_backward, lstm.cell_state_backward),
    "lstm_param_count": (ex.check_lstm_param_count, lstm.param_count),
    "lstm_output_shapes": (ex.check_lstm_output_shapes, ex.lstm_output_shapes),
    "make_windows": (ex.check_make_windows, data.sliding_windows),
    "next_odd_targets": (ex.check_next_odd_targets, ex.next_odd_targets),
    "one_hot_encode": (ex.check_one_hot_encode, ex.one_hot_encode),
    "greedy_loop": (ex.check_greedy_loop, ex.greedy_loop),
}


@pytest.mark.parametrize("name", EXERCISES)
def test_reference_passes_and_stub_is_not_implemented(name):
    check, reference = EXERCISES[name]
    assert check(reference).status == PASS

    def stub(**kwargs):
        raise NotImplementedError

    assert check(lambda *a, **k: stub()).status == TODO


@pytest.mark.parametrize("name", EXERCISES)
def test_each_known_bug_gets_its_own_hint(name):
    check, _ = EXERCISES[name]
    hints = []
    for bug in check.known_bugs:
        result = check(bug.implementation)
        assert result.status == WRONG
        assert bug.hint in result.message
        hints.append(bug.hint)
    assert len(set(hints)) == len(hints)


def test_rnn_cell_ablations_name_the_wrong_term():
    def wrong_input_term(x_t, a_prev, Wax, Waa, ba):
        return np.tanh(a_prev @ Waa.T + 2 * x_t @ Wax.T + ba)

    def wrong_recurrent_term(x_t, a_prev, Wax, Waa, ba):
        return np.tanh(0.5 * a_prev @ Waa.T + x_t @ Wax.T + ba)

    def wrong_bias(x_t, a_prev, Wax, Waa, ba):
        return np.tanh(a_prev @ Waa.T + x_t @ Wax.T - ba)

    check = ex.check_rnn_cell_forward
    assert "Wax·x<t> term" in check(wrong_input_term).message
    assert "Waa·a<t-1> term" in check(wrong_recurrent_term).message
    assert "check the bias" in check(wrong_bias).message


def test_output_shapes_reference_matches_keras():
    import keras

    x = np.zeros((3, 5, 2), dtype="float32")
    for seq in (False, True):
        for state in (False, True):
            out = keras.layers.LSTM(4, return_sequences=seq, return_state=state)(x)
            got = tuple(tuple(t.shape) for t in out) if state else tuple(out.shape)
            assert got == ex.lstm_output_shapes(3, 5, 4, seq, state)
