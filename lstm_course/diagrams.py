"""Diagrams drawn with matplotlib, so the course needs no external images."""

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

_BOX = {"boxstyle": "round,pad=0.02,rounding_size=0.08", "linewidth": 1.2}


def _arrow(ax, start, end, color="0.25", label=None, label_offset=(0, 0), **kw):
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=11,
            color=color,
            linewidth=1.2,
            shrinkA=0,
            shrinkB=0,
            **kw,
        )
    )
    if label:
        x = (start[0] + end[0]) / 2 + label_offset[0]
        y = (start[1] + end[1]) / 2 + label_offset[1]
        ax.text(x, y, label, fontsize=8, color=color, ha="center", va="center")


def _box(ax, x, y, w, h, text, face, edge="0.2", fontsize=10):
    ax.add_patch(
        FancyBboxPatch((x - w / 2, y - h / 2), w, h, facecolor=face, edgecolor=edge, **_BOX)
    )
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize)


def draw_unrolled_rnn(steps: int = 4, ax=None):
    """Draw an RNN unrolled over ``steps`` time steps, with its shared weights labelled.

    Every box is the *same* cell (same Wax, Waa, ba, Wya, by) applied at another step.
    Returns the matplotlib ``Figure``.
    """
    if isinstance(steps, bool) or not isinstance(steps, int):
        raise TypeError(f"steps must be an int, got {type(steps).__name__}")
    if not 1 <= steps <= 8:
        raise ValueError(f"steps must be between 1 and 8, got {steps}")
    if ax is None:
        _, ax = plt.subplots(figsize=(1.6 * steps + 1.2, 2.8))
    gap = 1.6
    for t in range(steps):
        x = 1.0 + gap * t
        label = "T" if t == steps - 1 and steps > 3 else str(t + 1)
        _box(ax, x, 1.0, 0.9, 0.6, "tanh", "#dbe9f6")
        _arrow(ax, (x, 0.05), (x, 0.7), label="Wax" if t == 0 else None, label_offset=(0.25, 0))
        ax.text(x, -0.1, f"x⟨{label}⟩", ha="center", va="top", fontsize=10)
        _arrow(ax, (x, 1.3), (x, 1.85), label="Wya" if t == 0 else None, label_offset=(0.25, 0))
        _box(ax, x, 2.1, 0.9, 0.45, f"ŷ⟨{label}⟩", "#fde7c8", fontsize=9)
        start = (x - gap + 0.45, 1.0) if t else (x - 1.0, 1.0)
        _arrow(
            ax, start, (x - 0.45, 1.0), label=f"a⟨{t}⟩" if t < 3 else None, label_offset=(0, 0.15)
        )
        if t == 0:
            ax.text(start[0] + 0.2, 0.8, "Waa", fontsize=8, color="0.25")
    ax.set_xlim(-0.2, 1.0 + gap * (steps - 1) + 0.8)
    ax.set_ylim(-0.5, 2.5)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("One RNN cell, unrolled in time: the same weights at every step", fontsize=10)
    return ax.figure
