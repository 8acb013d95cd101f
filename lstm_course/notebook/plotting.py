"""Figure defaults and training-curve plots. Used from notebook 00 on (``lc.plot_history``)."""

from lstm_course.arguments import as_bool, check_axes, describe

import numbers

import matplotlib as mpl
import matplotlib.pyplot as plt
from cycler import cycler

# Matplotlib's "petroff10" palette (M. A. Petroff, "Accessible Color Sequences for Data
# Visualization", 2021), chosen to stay distinguishable under every common colour-vision
# deficiency. Matplotlib >= 3.10 ships it as a style; the colours are written out here so the
# figures look the same on an older matplotlib (tests/test_plotting.py checks they agree).
PETROFF10 = (
    "#3f90da",
    "#ffa90e",
    "#bd1f01",
    "#94a4a2",
    "#832db6",
    "#a96b59",
    "#e76300",
    "#b9ac70",
    "#717581",
    "#92dadd",
)
# Series differ by line style as well as by colour: a figure still reads in grey, in print and
# for a reader who cannot tell two colours apart. The n-th line of an axes gets both.
LINE_STYLES = (
    "-",
    "--",
    ":",
    "-.",
    (0, (5, 1)),
    (0, (3, 1, 1, 1, 1, 1)),
    (0, (1, 3)),
    (0, (8, 2, 1, 2)),
    (0, (2, 2)),
    (0, (6, 3, 2, 3)),
)

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
    "image.cmap": "viridis",  # perceptually uniform and colour-vision-deficiency safe
    "axes.prop_cycle": cycler(color=PETROFF10, linestyle=LINE_STYLES),
    "patch.facecolor": PETROFF10[0],
}


def use_course_style() -> None:
    """Apply the course's matplotlib defaults: small figures (notebooks stay well under 1.5 MB),
    the colour-blind-safe petroff10 palette, and a line style per series as well as a colour.
    """
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
        TypeError: if ``history`` is neither a ``History`` nor a dict of sequences of
            numbers, or another argument has the wrong type.
        ValueError: if it is empty, has only ``val_`` keys, a requested key is missing, or a
            ``val_`` series is not as long as its training series.
    """
    logs = getattr(history, "history", history)
    if not isinstance(logs, dict):
        raise TypeError(f"history must be a keras History or a dict, got {describe(history)}")
    if not logs:
        raise ValueError("history is empty: was the model trained for at least one epoch? got {}")
    for key, values in logs.items():
        if isinstance(values, str | bytes) or not hasattr(values, "__len__"):
            raise TypeError(
                f"history[{key!r}] must be a sequence of numbers (one per epoch), "
                f"got {describe(values)}"
            )
        if not all(isinstance(v, numbers.Real) for v in values):
            raise TypeError(f"history[{key!r}] must hold numbers, got {list(values)[:3]!r}...")
    logy = as_bool(logy, "logy")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a str or None, got {describe(title)}")
    check_axes(ax)
    if keys is None:
        keys = [k for k in logs if not k.startswith("val_")]
        if not keys:
            raise ValueError(
                f"history must hold a training metric to plot beside its val_ twin, "
                f"got only {sorted(logs)}"
            )
    elif isinstance(keys, str):
        keys = [keys]
    elif not isinstance(keys, list | tuple) or not all(isinstance(k, str) for k in keys):
        raise TypeError(f"keys must be a metric name or a list of them, got {describe(keys)}")
    missing = [k for k in keys if k not in logs]
    if missing:
        raise ValueError(
            f"keys must be in the history; history has no {missing}, got {sorted(logs)}"
        )
    for key in keys:
        twin = logs.get(f"val_{key}")
        if twin is not None and len(twin) != len(logs[key]):
            raise ValueError(
                f"history[{'val_' + key!r}] must have one value per epoch like history[{key!r}] "
                f"({len(logs[key])}), got {len(twin)}"
            )
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
