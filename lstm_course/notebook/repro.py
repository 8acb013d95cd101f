"""Reproducibility: one call seeds every random number generator the course uses.

``lc.seed_everything`` is called at the top of every notebook (introduced in notebook 00).
It imports Keras and TensorFlow on first use.
"""

import numbers


def seed_everything(seed: int) -> int:
    """Seed Python's ``random``, NumPy and Keras/TensorFlow, and make TF ops deterministic.

    After this call the same notebook gives the same numbers run after run on one machine.

    Args:
        seed: an integer in ``[0, 2**32)``.

    Returns:
        The seed, so a cell can show which one is in use.

    Raises:
        ValueError: if ``seed`` is not an integer in ``[0, 2**32)``.
    """
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise ValueError(f"seed must be a non-negative integer, got {type(seed).__name__} {seed!r}")
    if not 0 <= seed < 2**32:
        raise ValueError(f"seed must be in [0, 2**32), got {seed}")
    import keras
    import tensorflow as tf

    seed = int(seed)
    keras.utils.set_random_seed(seed)  # seeds random, numpy and the TF backend
    tf.config.experimental.enable_op_determinism()
    return seed
