import os
import subprocess
import sys

CODE = """
import lstm_course
import numpy as np, keras, tensorflow as tf
m = keras.Sequential([keras.Input((3, 1)), keras.layers.LSTM(2), keras.layers.Dense(1)])
m.compile("adam", "mse")
m.fit(np.zeros((4, 3, 1)), np.zeros((4, 1)), verbose=0)
print("ok")
"""


def test_importing_the_package_first_keeps_stderr_clean():
    env = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    run = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok"
    assert run.stderr == ""


def test_without_the_package_tensorflow_is_noisy():
    """The control: proves the test above can fail on this TensorFlow build."""
    code = "import tensorflow as tf; tf.config.list_physical_devices()"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0
    assert run.stderr != ""
