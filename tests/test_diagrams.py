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


def _all_texts(fig):
    ax = fig.axes[0]
    return [*ax.texts, ax.title]


@pytest.mark.parametrize("draw", [lambda: draw_unrolled_rnn(steps=4), draw_lstm_cell])
def test_diagrams_are_crisp_and_legible(draw):
    fig = draw()
    assert fig.dpi >= 150
    small = [t.get_text() for t in _all_texts(fig) if t.get_text() and t.get_fontsize() < 10]
    assert not small, f"texts below 10 pt: {small}"
    plt.close(fig)


def test_unrolled_rnn_has_an_ellipsis_before_step_t_only_when_steps_are_left_out():
    fig = draw_unrolled_rnn(steps=4)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "…" in texts and "x⟨T⟩" in texts and "x⟨3⟩" in texts
    ellipsis = next(t for t in fig.axes[0].texts if t.get_text() == "…")
    step_3 = next(t for t in fig.axes[0].texts if t.get_text() == "x⟨3⟩")
    step_t = next(t for t in fig.axes[0].texts if t.get_text() == "x⟨T⟩")
    assert step_3.get_position()[0] < ellipsis.get_position()[0] < step_t.get_position()[0]
    plt.close(fig)
    fig = draw_unrolled_rnn(steps=3)
    assert "…" not in [t.get_text() for t in fig.axes[0].texts]
    plt.close(fig)


def test_lstm_cell_joins_h_and_x_and_tells_the_candidate_from_the_gates():
    fig = draw_lstm_cell()
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert "[h⟨t−1⟩, x⟨t⟩]" in texts
    junctions = [p for p in ax.patches if p.get_gid() == "junction"]
    assert len(junctions) == 1 and np.allclose(junctions[0].center, (1.2, 0.8))
    legend = next(t for t in texts if "candidate" in t)
    assert "three gates" in legend and "not a gate" in legend
    names = [t for t in ax.texts if t.get_text() in {"f", "i", "c̃", "o"}]
    assert len(names) == 4
    assert all(np.mean(matplotlib.colors.to_rgb(t.get_color())) < 0.3 for t in names)  # dark
    plt.close(fig)
