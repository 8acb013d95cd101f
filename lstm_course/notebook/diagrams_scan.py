"""The parallel scan of notebook 10, drawn with matplotlib (no external images).

:func:`draw_blelloch_scan` draws :func:`lstm_course.numpy_models.scan.blelloch_schedule`: positions
across, rounds down. In an up-sweep round the left node's value joins the right node's
(solid arrows); in a down-sweep round the right node hands its value to the left child and
receives the combination (dashed arrows). Every arrow of one round is independent of the
others. Returns the matplotlib ``Figure``.
"""

from lstm_course.arguments import as_int, check_axes
from lstm_course.numpy_models.scan import blelloch_schedule

import matplotlib.pyplot as plt
import numpy as np

DPI = 150


def draw_blelloch_scan(steps: int = 8, ax=None):
    """Draw the combines of Blelloch's scan over ``steps`` positions (2 to 16), round by round."""
    steps = as_int(steps, "steps", minimum=2, maximum=16)
    check_axes(ax)
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 3.6), dpi=DPI, layout="constrained")
    rounds = blelloch_schedule(steps)
    size = 2 ** int(np.ceil(np.log2(steps)))
    for r, (phase, pairs) in enumerate(rounds):
        color, style = ("C0", "-") if phase == "up" else ("C1", "--")
        arrow = dict(arrowstyle="->", color=color, ls=style, lw=1.2, shrinkA=4, shrinkB=4)
        for left, right in pairs:
            ax.annotate("", (right, r + 1), (left, r), arrowprops=arrow)
            ax.annotate("", (right, r + 1), (right, r), arrowprops=arrow)
            if phase == "down":
                ax.annotate("", (left, r + 1), (right, r), arrowprops=arrow)
    grid_x, grid_y = np.meshgrid(np.arange(size), np.arange(len(rounds) + 1))
    ax.scatter(grid_x, grid_y, s=14, c="k", zorder=3)
    half = len(rounds) // 2
    ax.set_yticks(range(len(rounds) + 1))
    ax.set_yticklabels(
        ["input"] + [f"up {r + 1}" for r in range(half)] + [f"down {r + 1}" for r in range(half)]
    )
    ax.set_xticks(range(size), [str(t + 1) for t in range(size)])  # steps 1..T, as in the text
    ax.invert_yaxis()
    if half:  # between the sweeps the root is reset to the identity map
        ax.annotate("root := (1, 0)", (size - 1, half + 0.45), ha="right", fontsize=9, color="C1")
    apply = "then 1 more round: each position's prefix, composed with its own map, applied to h_0"
    ax.text((size - 1) / 2, len(rounds) + 0.6, apply, ha="center", va="center", fontsize=9)
    ax.set_ylim(len(rounds) + 1.0, -0.4)
    title = f"Blelloch's scan of {size} steps: {half} up + {half} down rounds (+1 to apply)"
    ax.set(xlabel="position t", title=title)
    return ax.figure
