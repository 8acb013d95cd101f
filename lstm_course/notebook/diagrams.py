"""Diagrams drawn with matplotlib, so the course needs no external images.

:func:`draw_unrolled_rnn` is used in notebook 01, :func:`draw_lstm_cell` in notebook 03.
"""

from lstm_course.arguments import as_int, check_axes, describe

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

#: Resolution of a diagram drawn on its own figure: crisp on high-density screens and on
#: GitHub (the course style's 80 dpi suits plots, not line drawings with small text).
DIAGRAM_DPI = 160
#: Smallest font size (points) of any text in a diagram.
MIN_FONTSIZE = 10
_INK = "0.1"  # labels: always dark, even on a dimmed part of the drawing

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
        ax.text(x, y, label, fontsize=MIN_FONTSIZE, color=_INK, ha="center", va="center")


def _box(ax, x, y, w, h, text, face, edge="0.2", fontsize=11, **kw):
    ax.add_patch(
        FancyBboxPatch((x - w / 2, y - h / 2), w, h, facecolor=face, edgecolor=edge, **(_BOX | kw))
    )
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize)


def draw_unrolled_rnn(steps: int = 4, ax=None):
    """Draw an RNN unrolled over ``steps`` time steps, with its shared weights labelled.

    Every box is the *same* cell (same ``W_xh``, ``W_hh``, ``b_h``, ``W_hy``, ``b_y``) applied at
    another step: ``h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)``, ``ŷ_t = softmax(h_t W_hy + b_y)``.
    The labels are matplotlib mathtext (``"$x_{1}$"``, ``"$W_{xh}$"``). Returns the ``Figure``.
    """
    if isinstance(steps, bool) or not isinstance(steps, int | np.integer):
        raise TypeError(f"steps must be an int, got {type(steps).__name__}")
    if not 1 <= steps <= 8:
        raise ValueError(f"steps must be between 1 and 8, got {steps}")
    steps = as_int(steps, "steps")
    check_axes(ax)
    gap = 1.6
    ellipsis = steps > 3  # steps 1, 2, ..., T: the last box stands for step T
    width = gap * (steps - 1) + (0.8 if ellipsis else 0.0)
    if ax is None:
        _, ax = plt.subplots(figsize=(1.1 * width + 2.4, 3.0), dpi=DIAGRAM_DPI)
    for t in range(steps):
        last = ellipsis and t == steps - 1
        x = 1.0 + gap * t + (0.8 if last else 0.0)
        label = "T" if last else str(t + 1)
        _box(ax, x, 1.0, 0.9, 0.6, "tanh", "#dbe9f6")
        w_xh = "$W_{xh}$" if t == 0 else None
        _arrow(ax, (x, 0.05), (x, 0.7), label=w_xh, label_offset=(0.35, 0))
        ax.text(x, -0.1, f"$x_{{{label}}}$", ha="center", va="top", fontsize=11)
        w_hy = "$W_{hy}$" if t == 0 else None
        _arrow(ax, (x, 1.3), (x, 1.85), label=w_hy, label_offset=(0.35, 0))
        _box(ax, x, 2.1, 0.9, 0.45, f"$\\hat{{y}}_{{{label}}}$", "#fde7c8", fontsize=11)
        if last:  # h_3 ... h_{T-1}: the steps left out
            prev = x - gap - 0.8 + 0.45
            ax.plot([prev, prev + 0.45], [1.0, 1.0], color="0.25", linewidth=1.2)
            ax.text(prev + 0.8, 0.98, "…", ha="center", va="baseline", fontsize=16, gid="ellipsis")
            _arrow(ax, (prev + 1.15, 1.0), (x - 0.45, 1.0))
            ax.text(x - 0.75, 1.22, "$h_{T-1}$", ha="center", fontsize=MIN_FONTSIZE, color=_INK)
            continue
        start = (x - gap + 0.45, 1.0) if t else (x - 1.0, 1.0)
        _arrow(
            ax,
            start,
            (x - 0.45, 1.0),
            label=f"$h_{{{t}}}$" if t < 3 else None,
            label_offset=(0, 0.2),
        )
        if t == min(1, steps - 1):  # on the first arrow between two cells (h_0's if one)
            middle = (start[0] + x - 0.45) / 2
            ax.text(
                middle, 0.9, "$W_{hh}$", fontsize=MIN_FONTSIZE, color=_INK, ha="center", va="top"
            )
    ax.text(
        1.0 + width / 2,
        -0.62,
        r"every cell: $h_t = \tanh(x_t W_{xh} + h_{t-1} W_{hh} + b_h)$,  "
        r"$\hat{y}_t = \mathrm{softmax}(h_t W_{hy} + b_y)$",
        ha="center",
        va="top",
        fontsize=MIN_FONTSIZE,
        color=_INK,
    )
    ax.set_xlim(-0.2, 1.0 + width + 0.8)
    ax.set_ylim(-1.05, 2.55)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("One RNN cell, unrolled in time: the same weights at every step", fontsize=12)
    return ax.figure


LSTM_STEPS = {
    "forget": "1. forget gate",
    "input": "2. input gate and candidate",
    "update": "3. cell update",
    "output": "4. output gate",
}
_ACTIVE = {"forget": "#f4a259", "input": "#5b8e7d", "update": "#bc4b51", "output": "#8cb369"}


def _node(ax, x, y, text, active, color, r=0.32):
    face = color if active else "white"
    ax.add_patch(plt.Circle((x, y), r, facecolor=face, edgecolor="0.2", linewidth=1.2, zorder=3))
    ax.text(x, y, text, ha="center", va="center", fontsize=12, zorder=4)


def draw_lstm_cell(highlight: str | None = None, ax=None):
    """Draw one LSTM cell in the style of colah's diagrams, highlighting one of its steps.

    Three gates (f, i, o: sigmoids, solid boxes) and the candidate c̃ (a tanh, dashed box:
    new content, not a gate) all read the joined vector [h_{t−1}, x_t].

    Args:
        highlight: ``None`` or one of ``"forget"``, ``"input"``, ``"update"``, ``"output"``.

    Returns:
        The matplotlib ``Figure``.
    """
    if highlight is not None and not isinstance(highlight, str):
        raise TypeError(
            f"highlight must be None or one of {sorted(LSTM_STEPS)}, got {describe(highlight)}"
        )
    if highlight is not None and highlight not in LSTM_STEPS:
        raise ValueError(
            f"highlight must be None or one of {sorted(LSTM_STEPS)}, got {highlight!r}"
        )
    check_axes(ax)
    if ax is None:
        _, ax = plt.subplots(figsize=(6.4, 4.2), dpi=DIAGRAM_DPI)
    on = {step: highlight in (None, step) for step in LSTM_STEPS}
    color = _ACTIVE.get(highlight, "#dbe9f6")
    dim, ink = "0.75", "0.2"

    def line_color(step):
        return ink if on[step] else dim

    ax.add_patch(
        FancyBboxPatch(
            (0.4, 0.2),
            9.2,
            5.6,
            facecolor="#f7f7f7",
            edgecolor="0.6",
            boxstyle="round,pad=0.05,rounding_size=0.3",
        )
    )
    # Cell state: the conveyor belt along the top.
    _arrow(ax, (-0.6, 5.0), (2.18, 5.0), color=line_color("update"))
    _arrow(ax, (2.82, 5.0), (5.18, 5.0), color=line_color("update"))
    _arrow(ax, (5.82, 5.0), (10.6, 5.0), color=line_color("update"))
    ax.text(-0.7, 5.3, r"$c_{t-1}$", fontsize=11, color=_INK)
    ax.text(10.0, 5.3, r"$c_t$", fontsize=11, color=_INK)
    _node(ax, 2.5, 5.0, "×", on["update"] and highlight is not None, _ACTIVE["update"])
    _node(ax, 5.5, 5.0, "+", on["update"] and highlight is not None, _ACTIVE["update"])
    # Hidden state and input enter at the bottom, are joined into [h, x], which feeds the
    # three gates and the candidate.
    ax.plot([-0.6, 7.5], [0.8, 0.8], color=ink, linewidth=1.2, linestyle="-")
    ax.text(-0.7, 0.4, r"$h_{t-1}$", fontsize=11, color=_INK)
    ax.plot([1.2, 1.2], [-0.4, 0.8], color=ink, linewidth=1.2, linestyle="-")
    ax.add_patch(plt.Circle((1.2, 0.8), 0.1, color=ink, zorder=3, gid="junction"))
    ax.text(1.35, -0.55, r"$x_t$", fontsize=11, color=_INK)
    ax.text(4.9, 0.4, r"$[h_{t-1}, x_t]$", fontsize=11, color=_INK, ha="center")
    blocks = [
        ("forget", 2.5, "σ", "f"),
        ("input", 4.2, "σ", "i"),
        ("input", 5.5, "tanh", "c̃"),
        ("output", 7.5, "σ", "o"),
    ]
    for step, x, text, name in blocks:
        candidate = text == "tanh"
        _arrow(ax, (x, 0.8), (x, 1.85), color=line_color(step))
        _box(
            ax,
            x,
            2.2,
            0.95 if candidate else 0.7,
            0.6,
            text,
            color if (on[step] and highlight) else "#dbe9f6" if on[step] else "white",
            edge=line_color(step),
            fontsize=12,
            linestyle="--" if candidate else "-",  # the candidate is not a gate
        )
        ax.text(
            x + (-0.3 if name in ("o", "i") else 0.3),
            2.8,
            name,
            fontsize=13,
            color=_INK,
            fontweight="bold",
            ha="center",
        )
    # forget gate -> × on the cell state
    _arrow(ax, (2.5, 2.5), (2.5, 4.68), color=line_color("forget"))
    # input gate × candidate -> + on the cell state
    _node(ax, 5.5, 3.6, "×", on["input"] and highlight is not None, _ACTIVE["input"])
    ax.plot(
        [4.2, 4.2, 5.18], [2.5, 3.6, 3.6], color=line_color("input"), linewidth=1.2, linestyle="-"
    )
    _arrow(ax, (5.5, 2.5), (5.5, 3.28), color=line_color("input"))
    _arrow(ax, (5.5, 3.92), (5.5, 4.68), color=line_color("update"))
    # output: tanh(c) × o -> h
    ax.plot([8.7, 8.7], [5.0, 4.3], color=line_color("output"), linewidth=1.2, linestyle="-")
    _box(ax, 8.7, 4.0, 0.95, 0.5, "tanh", "white", edge=line_color("output"), fontsize=11)
    _node(ax, 8.7, 2.9, "×", on["output"] and highlight is not None, _ACTIVE["output"])
    _arrow(ax, (8.7, 3.75), (8.7, 3.22), color=line_color("output"))
    ax.plot(
        [7.5, 7.5, 8.38], [2.5, 2.9, 2.9], color=line_color("output"), linewidth=1.2, linestyle="-"
    )
    ax.plot([8.7, 8.7], [2.58, 0.8], color=line_color("output"), linewidth=1.2, linestyle="-")
    _arrow(ax, (8.7, 0.8), (10.6, 0.8), color=line_color("output"))
    ax.text(10.0, 0.4, r"$h_t$", fontsize=11, color=_INK)
    ax.text(
        5.0,
        -1.2,
        "σ (solid): the three gates f, i, o, each in (0, 1)\n"
        "tanh (dashed): the candidate c̃, in (−1, 1): new content, not a gate",
        fontsize=MIN_FONTSIZE,
        color=_INK,
        ha="center",
        va="center",
    )
    ax.set_xlim(-1.0, 11.0)
    ax.set_ylim(-1.7, 6.1)
    ax.set_aspect("equal")
    ax.axis("off")
    title = "The LSTM cell" + (f": step {LSTM_STEPS[highlight]}" if highlight else "")
    ax.set_title(title, fontsize=12)
    return ax.figure
