"""Compact training progress for ``model.fit``: a few lines instead of one per epoch.

``lc.CompactProgress`` is used from notebook 01 on. This module imports Keras.
"""

import time

import keras
import numpy as np


def _format_logs(logs: dict) -> str:
    """Each metric to 4 significant digits, trailing zeros kept: 1 prints as 1.000."""
    return "  ".join(f"{k} {v:#.4g}" for k, v in sorted(logs.items()) if isinstance(v, int | float))


class CompactProgress(keras.callbacks.Callback):
    """Print one line every ``every`` epochs (or one live line), then a summary.

    Use it with ``verbose=0`` so Keras prints nothing of its own::

        model.fit(x, y, epochs=100, verbose=0, callbacks=[CompactProgress(every=25)])

    prints ``epoch  25/100  loss 0.01230`` three times (epochs 25, 50 and 75) and a final
    summary line with the epoch count, the training time and the last epoch's metrics; the
    last epoch's own line would repeat the summary's numbers, so it is left out. Metrics are
    printed to 4 significant digits.

    Args:
        every: print a line every this many epochs. ``None`` keeps a single line that is
            updated in place and ends as the summary (in Jupyter; elsewhere only the
            summary is printed).
        label: optional name printed at the start of each line, e.g. ``"LSTM"``.

    Raises:
        TypeError / ValueError: if ``every`` is not a positive integer or ``None``.
    """

    def __init__(self, every: int | None = 10, label: str = ""):
        super().__init__()
        if every is not None:
            if isinstance(every, bool) or not isinstance(every, int | np.integer):
                raise TypeError(f"every must be a positive int or None, got {type(every).__name__}")
            if every < 1:
                raise ValueError(f"every must be >= 1, got {every}")
            every = int(every)
        if not isinstance(label, str):
            raise TypeError(f"label must be a str, got {type(label).__name__}")
        self.every = every
        self.prefix = f"{label}: " if label else ""
        self._handle = None

    def on_train_begin(self, logs=None):
        self._start = time.perf_counter()
        self._epochs = self.params.get("epochs", 0)
        self._last = {}
        self._handle = None
        if self.every is None:
            from IPython import get_ipython

            if get_ipython() is not None:
                from IPython.display import Pretty, display

                self._pretty = Pretty  # plain text, not a quoted str repr
                self._handle = display(Pretty(self._line(0, {})), display_id=True)

    def _line(self, epoch: int, logs: dict) -> str:
        width = len(str(self._epochs))
        return f"{self.prefix}epoch {epoch:>{width}}/{self._epochs}  {_format_logs(logs)}".rstrip()

    def on_epoch_end(self, epoch, logs=None):
        self._last = dict(logs or {})
        done = epoch + 1
        if self.every is not None and done % self.every == 0:
            if done != self._epochs:  # the summary line repeats the last epoch's numbers
                print(self._line(done, self._last))
        elif self._handle is not None:
            self._handle.update(self._pretty(self._line(done, self._last)))

    def on_train_end(self, logs=None):
        seconds = time.perf_counter() - self._start
        n = len(self.model.history.epoch) if getattr(self.model, "history", None) else self._epochs
        summary = f"{self.prefix}trained {n} epochs in {seconds:.1f} s  {_format_logs(self._last)}"
        if self._handle is not None:  # the live line becomes the summary: one line in all
            self._handle.update(self._pretty(summary))
        else:
            print(summary)
