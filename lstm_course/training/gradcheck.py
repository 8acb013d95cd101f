"""Gradient checking: compare analytic gradients with centred finite differences.

Defined in notebook 02 (used again in notebook 03).
"""

from lstm_course.arguments import as_float_array, as_real, describe

import math

import numpy as np


def relative_error(a, b) -> float:
    """``||a - b|| / (||a|| + ||b||)`` for two arrays of the same shape (0 if both are 0).

    A tensor-level measure: below about 1e-7 in float64 means the backward pass is right.
    """
    a = as_float_array(a, "a").astype(np.float64, copy=False)
    b = as_float_array(b, "b").astype(np.float64, copy=False)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} and {b.shape}")
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


def numerical_gradient(f, x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Centred finite-difference gradient of the scalar ``f()`` with respect to ``x``.

    ``x`` is perturbed in place, one entry at a time, and restored; ``f`` takes no
    arguments and reads ``x`` (e.g. a closure over a parameter dict), and returns a real
    number. ``eps`` is a finite step > 0.
    """
    if not callable(f):
        raise TypeError(
            f"f must be a function of no arguments returning the loss, got {describe(f)}"
        )
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise TypeError(
            "x must be a float64 ndarray (finite differences need double precision), "
            f"got {describe(x)}"
        )
    eps = as_real(eps, "eps", minimum=0.0, strict_minimum=True)
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + eps
        plus = f()
        x[idx] = old - eps
        minus = f()
        x[idx] = old
        _check_loss(plus)
        _check_loss(minus)
        grad[idx] = (plus - minus) / (2 * eps)
    return grad


def _check_loss(value) -> None:
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise TypeError(f"f must return a real number (the loss), got {describe(value)}")
    if not math.isfinite(float(value)):
        raise ValueError(f"f must return a finite loss, got {value}")


def gradient_check(f, arrays: dict, grads: dict, eps: float = 1e-6) -> dict:
    """Relative error between ``grads[name]`` and the numerical gradient, for every array.

    Args:
        f: scalar loss of the current contents of ``arrays`` (no arguments).
        arrays: name -> float64 array that ``f`` reads.
        grads: name -> analytic gradient (same keys, same shapes).

    Returns:
        name -> relative error (see :func:`relative_error`).
    """
    for name, value in (("arrays", arrays), ("grads", grads)):
        if not isinstance(value, dict):
            raise TypeError(f"{name} must be a dict name -> array, got {describe(value)}")
    missing = set(arrays) - set(grads)
    if missing:
        raise ValueError(
            f"grads must hold a gradient for every array, got none for {sorted(missing)}"
        )
    for k in arrays:
        g = np.shape(grads[k])
        if g != np.shape(arrays[k]):
            raise ValueError(
                f"grads[{k!r}] must have the shape of arrays[{k!r}], {np.shape(arrays[k])}, got {g}"
            )
    return {k: relative_error(grads[k], numerical_gradient(f, arrays[k], eps)) for k in arrays}
