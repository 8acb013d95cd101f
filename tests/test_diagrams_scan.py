"""The scan diagram draws one arrow per value moved (lstm_course.notebook.diagrams_scan)."""

import matplotlib

matplotlib.use("Agg")

from lstm_course.notebook import diagrams_scan
from lstm_course.numpy_models import scan

import matplotlib.pyplot as plt
import pytest


@pytest.mark.parametrize("steps", [2, 5, 8, 16])
def test_arrows_match_the_schedule(steps):
    fig = diagrams_scan.draw_blelloch_scan(steps)
    ax = fig.axes[0]
    arrows = [child for child in ax.texts if getattr(child, "arrow_patch", None) is not None]
    rounds = scan.blelloch_schedule(steps)
    expected = sum((2 if phase == "up" else 3) * len(pairs) for phase, pairs in rounds)
    assert len(arrows) == expected
    assert ax.get_yticklabels()[0].get_text() == "input"
    plt.close(fig)
