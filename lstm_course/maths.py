"""The small functions the NumPy models, the samplers and the exercises share: the sigmoid,
the softmax and log-softmax, and the sequence loss with its label check.

Defined in notebook 01 (softmax, :func:`sequence_cross_entropy`) and notebook 03
(:func:`sigmoid`). The ``*_unchecked`` versions skip the argument checks, for inner loops
whose caller has checked its inputs once.

NaN and inf in the input propagate into the result, as in Keras.
"""

from lstm_course.arguments import as_float_array, as_int, check_shape, describe

import numpy as np


def sigmoid(pre):
    """The logistic function ``1 / (1 + exp(-pre))``.

    Defined in notebook 03. It is computed as ``(1 + tanh(pre / 2)) / 2``, the same function
    written so that it never overflows: ``exp(-pre)`` is ``inf`` for ``pre < -709``.
    """
    return sigmoid_unchecked(as_float_array(pre, "pre"))


def sigmoid_unchecked(pre):
    """:func:`sigmoid` without the argument check, for the models' inner loops."""
    return 0.5 * (1.0 + np.tanh(0.5 * pre))


def softmax(logits, axis=-1):
    """Numerically stable softmax along ``axis``: ``exp(logits) / sum(exp(logits))``.

    Defined in notebook 01. Subtracting the maximum first changes nothing mathematically
    and keeps ``exp`` from overflowing.
    """
    logits = as_float_array(logits, "logits")
    axis = as_int(axis, "axis", minimum=-max(logits.ndim, 1), maximum=max(logits.ndim, 1) - 1)
    if logits.ndim == 0 or logits.shape[axis] == 0:
        raise ValueError(
            f"logits must have at least one entry along axis {axis}, got shape {logits.shape}"
        )
    return softmax_unchecked(logits, axis)


def softmax_unchecked(logits, axis=-1):
    """:func:`softmax` without the argument checks, for the models' inner loops."""
    e = np.exp(logits - logits.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax_unchecked(logits, axis=-1):
    """``log(softmax(logits))``, computed without forming the softmax (no ``log(0)``)."""
    shifted = logits - logits.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def as_labels(y, n_classes: int, shape: tuple, name: str = "y") -> np.ndarray:
    """Integer class labels of the given shape, each in ``[0, n_classes)``, or a clear error."""
    if y is None or isinstance(y, str | bytes | dict):
        raise TypeError(f"{name} must hold integer class labels, got {describe(y)}")
    try:
        y = np.asarray(y)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must hold integer class labels, got a ragged sequence") from None
    if y.dtype == bool or not np.issubdtype(y.dtype, np.integer):
        raise TypeError(f"{name} must hold integer class labels, got dtype {y.dtype}")
    check_shape(y, shape, name, "(batch, time) of class labels")
    if y.size and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(
            f"{name} must hold class labels in [0, {n_classes}), "
            f"got values from {y.min()} to {y.max()}"
        )
    return y


def sequence_cross_entropy(y_hat, y):
    """Loss of whole sequences: the sum over time of the per-step cross-entropies.

    ``L = sum_t -log y_hat_t[y_t]``, averaged over the batch. Defined in notebook 01.

    Args:
        y_hat: predicted probabilities, ``(batch, time, V)``, each in [0, 1].
        y: integer class labels in ``[0, V)``, ``(batch, time)``.
    """
    y_hat = as_float_array(y_hat, "y_hat")
    check_shape(y_hat, (None, None, None), "y_hat", "(batch, time, V)")
    if y_hat.shape[0] == 0 or y_hat.shape[2] == 0:
        raise ValueError(f"y_hat needs at least one example and one class, got {y_hat.shape}")
    if np.any(y_hat < 0) or np.any(y_hat > 1):
        raise ValueError(
            f"y_hat must hold probabilities in [0, 1] (a softmax output), "
            f"got values from {np.nanmin(y_hat):.3g} to {np.nanmax(y_hat):.3g}"
        )
    y = as_labels(y, y_hat.shape[2], y_hat.shape[:2])
    picked = np.take_along_axis(y_hat, y[..., None], axis=-1)[..., 0]
    return float(-np.log(picked).sum(axis=1).mean())
