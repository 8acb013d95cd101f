"""State what a notebook cell proves: ``lc.check("claim", condition)`` prints ✓ or ✗.

Used in every notebook (introduced in notebook 00). The test suite fails on any ``✗`` line.
Not to be confused with the exercise checkers (:mod:`lstm_course.exercises.checker`) or with
gradient checking (:mod:`lstm_course.training.gradcheck`).
"""

import numpy as np


def check(claim: str, ok) -> None:
    """Print ``✓ claim`` if ``ok`` is true, else ``✗ claim``.

    Notebooks state what they prove with this (parity, thresholds, counts); the test suite
    fails on any ``✗`` line, so a claim that stops holding cannot go unnoticed.

    Raises:
        TypeError: if ``claim`` is not a str, or ``ok`` is not one truth value (a bool, a
            NumPy bool or a 0-d/1-element array); an array of many is ambiguous: reduce it
            with ``.all()`` or ``.any()`` first.
    """
    if not isinstance(claim, str):
        raise TypeError(f"claim must be a str, got {type(claim).__name__}")
    if np.ndim(ok) != 0 and np.size(ok) != 1:
        raise TypeError(
            f"ok must be one truth value, got an array of shape {np.shape(ok)}: "
            "reduce it with .all() or .any()"
        )
    print(f"{'✓' if bool(np.asarray(ok).item() if np.ndim(ok) else ok) else '✗'} {claim}")
