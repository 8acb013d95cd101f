"""Gradient clipping by global norm, the remedy for exploding gradients."""

import numpy as np


def clip_by_global_norm(grads, max_norm):
    """Scale a list of gradient arrays so that their joint L2 norm is at most ``max_norm``.

    The global norm is ``sqrt(sum of squares of every entry of every array)``. If it exceeds
    ``max_norm``, every array is multiplied by ``max_norm / global_norm``, so the update
    keeps its direction and only its length shrinks. This is what Keras optimizers do with
    ``global_clipnorm=max_norm``, and what ``tf.clip_by_global_norm`` computes.

    Returns:
        ``(clipped, global_norm)``: a new list of arrays, and the norm before clipping.
    """
    if isinstance(grads, np.ndarray) or not isinstance(grads, list | tuple):
        raise TypeError(f"grads must be a list of arrays, got {type(grads).__name__}")
    if isinstance(max_norm, bool) or not isinstance(max_norm, int | float) or max_norm <= 0:
        raise ValueError(f"max_norm must be a positive number, got {max_norm!r}")
    grads = [np.asarray(g, dtype=float) for g in grads]
    global_norm = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    scale = min(1.0, max_norm / global_norm) if global_norm > 0 else 1.0
    return [g * scale for g in grads], global_norm
