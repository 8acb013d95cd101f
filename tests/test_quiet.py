import os
import subprocess
import sys

# Importing TensorFlow, and fit() with validation data on a dataset this size, both log to
# C-level stderr on TF 2.21 (the latter at ERROR level: "NodeDef mentions attribute
# use_unbounded_threadpool").
CODE = """
import lstm_course
import numpy as np, keras, tensorflow as tf
rng = np.random.default_rng(0)
x, y = rng.uniform(size=(10000, 100, 2)).astype("float32"), rng.uniform(size=10000)
m = keras.Sequential([keras.Input((100, 2)), keras.layers.SimpleRNN(4), keras.layers.Dense(1)])
m.compile("adam", "mse")
m.fit(x, y, batch_size=64, epochs=1, verbose=0, validation_data=(x[:2000], y[:2000]))
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
