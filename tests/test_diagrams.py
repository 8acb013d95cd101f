import matplotlib

matplotlib.use("Agg")

from lstm_course.diagrams import LSTM_STEPS, draw_lstm_cell, draw_unrolled_rnn

import matplotlib.pyplot as plt
import numpy as np
import pytest


def test_unrolled_rnn_draws_one_cell_per_step():
    fig = draw_unrolled_rnn(steps=3)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts.count("tanh") == 3 and "Wax" in texts and "Waa" in texts
    plt.close(fig)


@pytest.mark.parametrize(("steps", "error"), [(0, ValueError), (9, ValueError), (2.0, TypeError)])
def test_bad_steps(steps, error):
    with pytest.raises(error, match="steps"):
        draw_unrolled_rnn(steps=steps)


@pytest.mark.parametrize("highlight", [None, *LSTM_STEPS])
def test_lstm_cell_names_its_gates_and_highlights_one_step(highlight):
    fig = draw_lstm_cell(highlight)
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert {"f", "i", "c̃", "o", "c⟨t⟩", "h⟨t⟩"} <= set(texts)
    title = ax.get_title()
    assert title == "The LSTM cell" if highlight is None else LSTM_STEPS[highlight] in title
    plt.close(fig)


def test_numpy_integers_and_given_axes_are_accepted():
    fig, ax = plt.subplots()
    assert draw_unrolled_rnn(steps=np.int64(2), ax=ax) is fig
    plt.close(fig)
    with pytest.raises(ValueError, match="highlight must be None or one of"):
        draw_lstm_cell("gate")
