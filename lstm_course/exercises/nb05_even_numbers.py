"""Notebook 05: sliding windows and their labels, and next-odd targets."""

from lstm_course.data import synthetic
from lstm_course.exercises.checker import ERROR, CheckResult, Exercise, KnownBug

import numpy as np

make_windows = synthetic.sliding_windows  # the reference


def _windows_inputs(rng, trial=0):
    start, step = int(rng.integers(0, 50)) * 2, int(rng.choice([2, 4, 6]))
    length = (3, 4, 5, 3)[trial % 4]  # >= 3, so series[i + 1] and series[i + length - 1] differ
    return {"series": start + step * np.arange(int(rng.integers(8, 13))), "length": length}


def _windows(first=0, last_offset=0, stride=1, width=0, label="after"):
    """(Possibly broken) windows and labels, for the checker's known bugs."""

    def windows(series, length):
        starts = range(first, len(series) - length + last_offset, stride)
        X = np.stack([series[i : i + length + width] for i in starts])
        offset = {"after": length, "inside": 1, "last": length - 1}[label]
        y = np.array([series[i + offset] for i in starts if i + offset < len(series)])
        return X, y

    return windows


ONE_TOO_MANY = "one window too many: the last window needs a value after it, for its label"


class _WindowsExercise(Exercise):
    """make_windows's checker: an index past the series' end (the usual off-by-one,
    ``range(len(series) - length + 1)``, raises) gets the "one window too many" hint."""

    def _error(self, fn, exc: BaseException) -> CheckResult:
        result = super()._error(fn, exc)
        if isinstance(exc, IndexError) and "out of" in str(exc):
            text = result.message.split(". Hint: ")[0]
            return self._result(ERROR, f"{text}. Hint: {ONE_TOO_MANY}")
        return result


check_make_windows = _WindowsExercise(
    name="make_windows",
    reference=synthetic.sliding_windows,
    make_inputs=_windows_inputs,
    output_names=("X", "y"),
    show_inputs=True,
    known_bugs=[
        KnownBug(
            _windows(label="inside"),
            "your label is series[i + 1], which is inside the window: "
            "the label is the value that follows the window",
        ),
        KnownBug(
            _windows(label="last"),
            "your label is the window's own last value: the label is the value that follows it",
        ),
        KnownBug(
            lambda series, length: _windows()(series, length)[0],
            "return a pair (X, y): the windows and their labels",
        ),
        KnownBug(
            lambda series, length: _windows()(series, length)[::-1],
            "return (X, y) in this order",
        ),
        KnownBug(
            _windows(last_offset=-1),
            "you dropped the last window: the last one ends just before the series' last value",
        ),
        KnownBug(
            _windows(last_offset=1),
            ONE_TOO_MANY,
        ),
        KnownBug(
            lambda series, length: (
                _windows()(series, length)[0][..., None],
                _windows()(series, length)[1],
            ),
            "X is (number of windows, length): add Keras's feature axis later, not here",
        ),
        KnownBug(
            lambda series, length: (
                _windows()(series, length)[0],
                _windows()(series, length)[1][:, None],
            ),
            "y holds one label per window: shape (n,), not a column (n, 1)",
        ),
        KnownBug(_windows(width=1), "each window holds `length` values, not length + 1"),
        KnownBug(_windows(stride=2), "the windows overlap: window i starts at series[i]"),
        KnownBug(
            lambda series, length: _windows(stride=length)(series, length),
            "the windows overlap: window i starts at series[i], not series[i * length]",
        ),
    ],
    error_hint="series is 1-D; X is (number of windows, length) and y is (number of windows,)",
)


def next_odd_targets(windows):
    """Reference: the next odd number after each window's last (even) value."""
    return np.asarray(windows)[:, -1] + 1


def _odd_inputs(rng, trial=0):
    n, length = (6, 4) if trial == 0 else (int(rng.integers(6, 9)), (3, 5, 2)[trial % 3])
    starts = rng.integers(1, 500, size=n) * 2
    return {"windows": starts[:, None] + 2 * np.arange(length)}


check_next_odd_targets = Exercise(
    name="next_odd_targets",
    reference=next_odd_targets,
    make_inputs=_odd_inputs,
    known_bugs=[
        KnownBug(
            lambda windows: windows[:, -1] + 2,
            "that is the next *even* number, what the "
            "tutorial's code predicts; its title asks for the next odd one",
        ),
        KnownBug(
            lambda windows: windows[:, -1] - 1,
            "the *next* odd number comes after the last value, not before it",
        ),
        KnownBug(
            lambda windows: windows[:, -1] + 3,
            "that skips one odd number: which odd number comes first after an even one?",
        ),
        KnownBug(
            lambda windows: windows[:, 0] + 1,
            "you used the window's first value: the next number follows its last value",
        ),
        KnownBug(
            lambda windows: windows.mean(axis=1) + 1,
            "you used the window's mean: the next number follows its last value",
        ),
        KnownBug(
            lambda windows: windows[-1] + 1,
            "windows[-1] is the last *window* (a row); you need the last value of every window "
            "(a column)",
        ),
        KnownBug(
            lambda windows: windows[:, -1:] + 1,
            "return one number per window, shape (n,), not a column (n, 1)",
        ),
    ],
    error_hint="windows is a 2-D array (n, length): one window per row",
)
