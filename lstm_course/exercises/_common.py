"""Helpers shared by the exercise modules."""

import numpy as np


def zeroed(*names):
    """An ablation transform that sets the named inputs to zero."""

    def transform(inputs: dict) -> dict:
        return {k: (np.zeros_like(v) if k in names else v) for k, v in inputs.items()}

    return transform


def distinct_sizes(rng, trial: int, first: tuple, low: int = 2, high: int = 8) -> tuple:
    """``first`` on trial 0, then distinct random sizes, so a transpose cannot hide."""
    if trial == 0:
        return first
    return tuple(int(v) for v in rng.choice(np.arange(low, high + 1), len(first), replace=False))


def relu(z):
    return np.maximum(z, 0.0)
