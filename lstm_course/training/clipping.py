"""Gradient clipping by global norm, the remedy for exploding gradients. Defined in notebook 02."""

from lstm_course.arguments import as_float_array, as_real, describe

import numpy as np


def clip_by_global_norm(grads, max_norm):
    """Scale a list of gradient arrays so that their joint L2 norm is at most ``max_norm``.

    The global norm is ``sqrt(sum of squares of every entry of every array)``. If it exceeds
    ``max_norm``, every array is multiplied by ``max_norm / global_norm``, so the update
    keeps its direction and only its length shrinks. This is what Keras optimizers do with
    ``global_clipnorm=max_norm``, and what ``tf.clip_by_global_norm`` computes.

    Args:
        grads: a list (or tuple) of arrays of real numbers.
        max_norm: a finite number > 0 (NumPy scalars such as ``np.float32(1.0)`` accepted).

    Returns:
        ``(clipped, global_norm)``: a new list of float64 arrays, and the norm before
        clipping. NaN in a gradient makes the norm NaN and is passed on unchanged.
    """
    if isinstance(grads, np.ndarray) or not isinstance(grads, list | tuple):
        raise TypeError(f"grads must be a list of arrays, got {describe(grads)}")
    max_norm = as_real(max_norm, "max_norm", minimum=0.0, strict_minimum=True)
    grads = [
        as_float_array(g, f"grads[{k}]").astype(float, copy=False) for k, g in enumerate(grads)
    ]
    global_norm = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    scale = min(1.0, max_norm / global_norm) if global_norm > 0 else 1.0
    return [g * scale for g in grads], global_norm
