import matplotlib

matplotlib.use("Agg")

from lstm_course.diagrams import draw_unrolled_rnn

import matplotlib.pyplot as plt
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
