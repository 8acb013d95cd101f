"""Figure defaults and training-curve plots."""

import matplotlib as mpl
import matplotlib.pyplot as plt

COURSE_STYLE = {
    "figure.figsize": (6.4, 3.4),
    "figure.dpi": 80,
    "savefig.dpi": 80,
    "figure.constrained_layout.use": True,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "image.cmap": "viridis",
}


def use_course_style() -> None:
    """Apply small, readable matplotlib defaults (keeps notebooks well under 1.5 MB)."""
    mpl.rcParams.update(COURSE_STYLE)


def plot_history(history, keys=None, *, logy: bool = False, title: str | None = None, ax=None):
    """Plot training curves from a Keras ``History`` (or its ``.history`` dict).

    Each metric is drawn with its ``val_`` twin, if there is one, on the same axes.

    Args:
        history: what ``model.fit`` returned, or a dict mapping metric names to lists.
        keys: metric names to plot (default: every key without the ``val_`` prefix).
        logy: use a logarithmic y axis (useful for losses spanning decades).
        title: axes title.
        ax: existing axes to draw into; if given, only the first key is plotted there.

    Returns:
        The matplotlib ``Figure``.

    Raises:
        TypeError: if ``history`` is neither a ``History`` nor a dict of sequences.
        ValueError: if it is empty or a requested key is missing.
    """
    logs = getattr(history, "history", history)
    if not isinstance(logs, dict):
        raise TypeError(f"history must be a keras History or a dict, got {type(history).__name__}")
    if not logs:
        raise ValueError("history is empty: was the model trained for at least one epoch?")
    if keys is None:
        keys = [k for k in logs if not k.startswith("val_")]
    elif isinstance(keys, str):
        keys = [keys]
    missing = [k for k in keys if k not in logs]
    if missing:
        raise ValueError(f"history has no {missing}; it has {sorted(logs)}")
    if ax is None:
        fig, axes = plt.subplots(1, len(keys), figsize=(3.4 * len(keys) + 0.6, 3.0), squeeze=False)
        axes = axes[0]
    else:
        fig, axes = ax.figure, [ax]
    for key, axis in zip(keys, axes, strict=False):
        epochs = range(1, len(logs[key]) + 1)
        axis.plot(epochs, logs[key], label="train")
        if f"val_{key}" in logs:
            axis.plot(epochs, logs[f"val_{key}"], label="validation")
            axis.legend()
        axis.set_xlabel("epoch")
        axis.set_ylabel(key)
        if logy:
            axis.set_yscale("log")
        if title:
            axis.set_title(title)
    return fig
