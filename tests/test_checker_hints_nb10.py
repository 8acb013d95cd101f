"""Notebook 10's checker hints: Python's max on arrays, and the gates returned out of order."""

from lstm_course.exercises import check_stabilised_gates

import numpy as np


def _right(pre_i, log_f, m_prev):
    m = np.maximum(log_f + m_prev, pre_i)
    return np.exp(pre_i - m), np.exp(log_f + m_prev - m), m


def test_the_right_answer_passes():
    assert check_stabilised_gates(_right)


def test_python_max_gets_a_pointer_to_np_maximum():
    def with_python_max(pre_i, log_f, m_prev):
        m = max(log_f + m_prev, pre_i)
        return np.exp(pre_i - m), np.exp(log_f + m_prev - m), m

    result = check_stabilised_gates(with_python_max)
    assert not result and result.status == "error"
    assert "np.maximum" in result.message and "truth value" in result.message


def test_gates_in_another_order_are_named():
    def m_first(pre_i, log_f, m_prev):
        i_gate, f_gate, m = _right(pre_i, log_f, m_prev)
        return m, i_gate, f_gate

    def swapped_gates(pre_i, log_f, m_prev):
        i_gate, f_gate, m = _right(pre_i, log_f, m_prev)
        return f_gate, i_gate, m

    result = check_stabilised_gates(m_first)
    assert not result and "order (m, i_gate, f_gate)" in result.message
    assert "return (i_gate, f_gate, m)" in result.message
    result = check_stabilised_gates(swapped_gates)
    assert not result and "order (f_gate, i_gate, m)" in result.message


def test_a_wrong_value_is_not_called_an_ordering_mistake():
    def wrong(pre_i, log_f, m_prev):
        i_gate, f_gate, m = _right(pre_i, log_f, m_prev)
        return i_gate, f_gate, m + 1.0

    result = check_stabilised_gates(wrong)
    assert not result and "order" not in result.message
