"""Gradient checking: compare analytic gradients with centred finite differences."""

import numpy as np


def relative_error(a, b) -> float:
    """``||a - b|| / (||a|| + ||b||)`` for two arrays of the same shape (0 if both are 0).

    A tensor-level measure: below about 1e-7 in float64 means the backward pass is right.
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"shapes differ: {a.shape} vs {b.shape}")
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


def numerical_gradient(f, x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Centred finite-difference gradient of the scalar ``f()`` with respect to ``x``.

    ``x`` is perturbed in place, one entry at a time, and restored; ``f`` takes no
    arguments and reads ``x`` (e.g. a closure over a parameter dict).
    """
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise TypeError("x must be a float64 ndarray (finite differences need double precision)")
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + eps
        plus = f()
        x[idx] = old - eps
        minus = f()
        x[idx] = old
        grad[idx] = (plus - minus) / (2 * eps)
    return grad


def gradient_check(f, arrays: dict, grads: dict, eps: float = 1e-6) -> dict:
    """Relative error between ``grads[name]`` and the numerical gradient, for every array.

    Args:
        f: scalar loss of the current contents of ``arrays`` (no arguments).
        arrays: name -> float64 array that ``f`` reads.
        grads: name -> analytic gradient (same keys, same shapes).

    Returns:
        name -> relative error (see :func:`relative_error`).
    """
    missing = set(arrays) - set(grads)
    if missing:
        raise ValueError(f"no analytic gradient for {sorted(missing)}")
    return {k: relative_error(grads[k], numerical_gradient(f, arrays[k], eps)) for k in arrays}
