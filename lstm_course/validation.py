"""Argument checks shared by the NumPy models: clear errors with what was expected and what came."""

import numpy as np


def as_float_array(value, name: str) -> np.ndarray:
    """Return ``value`` as a float ndarray (float32 stays float32), or raise ``TypeError``."""
    if isinstance(value, np.ndarray):
        if not np.issubdtype(value.dtype, np.number) or np.iscomplexobj(value):
            raise TypeError(f"{name} must hold real numbers, got dtype {value.dtype}")
        return value if np.issubdtype(value.dtype, np.floating) else value.astype(np.float64)
    if hasattr(value, "numpy"):  # a TensorFlow tensor or Keras variable
        return as_float_array(np.asarray(value.numpy()), name)
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}") from None
    return arr


def check_shape(arr: np.ndarray, expected: tuple, name: str, meaning: str = "") -> None:
    """Raise ``ValueError`` unless ``arr.shape`` matches ``expected`` (``None`` matches any size).

    ``meaning`` names the axes, e.g. ``"(batch, time, n_x)"``, for the message.
    """
    ok = arr.ndim == len(expected) and all(
        e is None or e == s for e, s in zip(expected, arr.shape, strict=True)
    )
    if not ok:
        want = "(" + ", ".join("any" if e is None else str(e) for e in expected) + ")"
        if len(expected) == 1:
            want = want[:-1] + ",)"
        axes = f" {meaning}" if meaning else ""
        raise ValueError(f"{name} must have shape {want}{axes}, got {arr.shape}")
