from lstm_course import seed_everything

import random

import keras
import numpy as np


def sample_numbers():
    layer = keras.layers.Dense(3)
    layer.build((None, 4))
    legacy_numpy = float(np.random.random())  # noqa: NPY002  (the global RNG is what we seed)
    return [random.random(), legacy_numpy, *layer.kernel.numpy().ravel().tolist()]


def test_same_seed_same_numbers_different_seed_different_numbers():
    seed_everything(123)
    first = sample_numbers()
    seed_everything(123)
    assert sample_numbers() == first
    seed_everything(124)
    assert sample_numbers() != first


def test_turns_on_op_determinism():
    seed_everything(0)
    from tensorflow.python.framework import config as tf_config

    assert tf_config.is_op_determinism_enabled()


def test_returns_the_seed():
    assert seed_everything(7) == 7
    assert seed_everything(np.int64(8)) == 8


# That seeding imports TensorFlow quietly in a fresh interpreter is tested in test_quiet.py.
