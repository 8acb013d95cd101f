from lstm_course import seed_everything

import os
import random
import subprocess
import sys

import keras
import numpy as np
import pytest


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


@pytest.mark.parametrize("bad", [-1, 1.5, "3", None, True, 2**32])
def test_rejects_bad_seeds(bad):
    with pytest.raises(ValueError, match="seed"):
        seed_everything(bad)


def test_seeding_imports_tensorflow_itself_quietly():
    """In a fresh interpreter (conftest and this file import TensorFlow here already)."""
    code = (
        "import sys\n"
        "from lstm_course import seed_everything\n"
        "assert 'tensorflow' not in sys.modules\n"
        "seed_everything(1)\n"
        "import tensorflow as tf\n"
        "print(float(tf.reduce_sum(tf.random.uniform((3,)))) > 0)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "True\n" and run.stderr == ""
