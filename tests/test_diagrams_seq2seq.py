import matplotlib

matplotlib.use("Agg")

from lstm_course.notebook import diagrams_seq2seq as d

import matplotlib.pyplot as plt
import pytest

DRAWINGS = [d.draw_repeat_vector_model, d.draw_teacher_forcing, d.draw_greedy_inference]


@pytest.mark.parametrize("draw", DRAWINGS)
def test_drawings_are_crisp_and_label_their_parts(draw):
    fig = draw()
    texts = [t for t in fig.axes[0].texts]
    labels = {t.get_text() for t in texts}
    assert {"encoder", "decoder", "LSTM", "Dense", "1", "2", "+", "7", "9", "$"} <= labels
    assert fig.dpi >= 150 and min(t.get_fontsize() for t in texts) >= 10
    fig.canvas.draw()  # renders without error
    plt.close(fig)


def test_what_each_decoder_reads():
    labels = {f.__name__: {t.get_text() for t in f().axes[0].texts} for f in DRAWINGS}
    plt.close("all")
    assert "h" in labels["draw_repeat_vector_model"]
    assert {"^ , h", "[h, c]", "true previous symbol, context h"} <= labels["draw_teacher_forcing"]
    assert {"^ , h", "own previous prediction, context h", "argmax, fed back"} <= labels[
        "draw_greedy_inference"
    ]


def test_given_axes_are_used():
    fig, ax = plt.subplots()
    assert d.draw_greedy_inference("5-38", "-33", ax=ax) is fig
    plt.close(fig)
