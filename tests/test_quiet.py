import lstm_course

import importlib
import os
import pkgutil
import subprocess
import sys

import pytest

# Importing TensorFlow, and fit() with validation data on a dataset this size, both log to
# C-level stderr on TF 2.21 (the latter at ERROR level: "NodeDef mentions attribute
# use_unbounded_threadpool").
CODE = """
import sys
import lstm_course
assert "tensorflow" not in sys.modules
lstm_course.seed_everything(0)  # imports Keras and TensorFlow itself, through the quiet hook
import numpy as np, keras, tensorflow as tf
tf.config.list_physical_devices()
import os; assert os.environ["TF_CPP_MIN_LOG_LEVEL"] == "3"
rng = np.random.default_rng(0)
x, y = rng.uniform(size=(10000, 100, 2)).astype("float32"), rng.uniform(size=10000)
m = keras.Sequential([keras.Input((100, 2)), keras.layers.SimpleRNN(4), keras.layers.Dense(1)])
m.compile("adam", "mse")
m.fit(x, y, batch_size=64, epochs=1, verbose=0, validation_data=(x[:2000], y[:2000]))
print("ok")
"""


@pytest.mark.slow  # a fresh TensorFlow start-up each (about 10 s): in make test only
def test_importing_the_package_first_keeps_stderr_clean():
    """A notebook's first cells: the package, then Keras and TensorFlow, the device probe, and
    fit() with validation data. The package no longer imports TensorFlow itself: its import
    hook silences TensorFlow's first import, whoever makes it."""
    env = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    run = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok"
    assert run.stderr == ""


@pytest.mark.slow  # a fresh TensorFlow start-up each (about 10 s): in make test only
def test_without_the_package_tensorflow_is_noisy():
    """The control: proves the test above can fail on this TensorFlow build."""
    code = "import tensorflow as tf; tf.config.list_physical_devices()"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0
    assert run.stderr != ""


def run_python(code):
    """Run ``code`` in a fresh interpreter with TF_CPP_MIN_LOG_LEVEL unset; capture fd 1 and 2."""
    env = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)


# Modules that import Keras, and so TensorFlow, when they are imported: each defines a Keras
# class at top level. Every other module of the package, found by walking it (so a new module
# is covered without editing this test), must import with NumPy and matplotlib alone.
NEEDS_KERAS = {
    "lstm_course.keras_models.minimal_rnns",  # MinGRU subclasses keras.layers.Layer
    "lstm_course.keras_models.variant_cell",  # VariantLSTMCell subclasses keras.layers.Layer
    "lstm_course.notebook.progress",  # CompactProgress subclasses keras.callbacks.Callback
}
ALL_MODULES = sorted(
    m.name for m in pkgutil.walk_packages(lstm_course.__path__, prefix="lstm_course.")
)
NUMPY_MODULES = ["lstm_course", *(name for name in ALL_MODULES if name not in NEEDS_KERAS)]


def test_the_modules_that_need_keras_exist():
    """A renamed or deleted module must leave NEEDS_KERAS, or it would hide nothing."""
    assert NEEDS_KERAS <= set(ALL_MODULES)


def test_numpy_modules_import_without_tensorflow():
    # Imports every module in turn and prints the first one after which TensorFlow or Keras
    # is loaded, so a failure names the module that pulled it in.
    code = (
        "import sys\n"
        "culprit = None\n"
        f"for name in {NUMPY_MODULES!r}:\n"
        "    __import__(name)\n"
        "    if {'tensorflow', 'keras'} & set(sys.modules):\n"
        "        culprit = name\n"
        "        break\n"
        "print(culprit)\n"
    )
    run = run_python(code)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["None"], f"importing {run.stdout} loaded TensorFlow or Keras"
    assert run.stderr == ""


# What ``import lstm_course as lc`` offers, and the module each name comes from (the module
# docstring's promise: ``lc.check`` imports only NumPy; CompactProgress is a Keras callback,
# so it alone brings TensorFlow in; seed_everything imports it only when called).
LAZY_NAMES = {
    "check": "lstm_course.notebook.claims",
    "metric": "lstm_course.notebook.headline_numbers",
    "plot_history": "lstm_course.notebook.plotting",
    "use_course_style": "lstm_course.notebook.plotting",
    "seed_everything": "lstm_course.notebook.repro",
    "silence_tensorflow": "lstm_course.notebook.quiet",
    "CompactProgress": "lstm_course.notebook.progress",
}


def test_lazy_names_resolve_and_are_listed():
    assert sorted(lstm_course.__all__) == sorted(LAZY_NAMES)
    for name, module in LAZY_NAMES.items():
        assert name in dir(lstm_course), name
        value = getattr(lstm_course, name)
        assert callable(value), name
        assert value is getattr(importlib.import_module(module), name), name
    namespace = {}
    exec("from lstm_course import *", namespace)
    assert set(LAZY_NAMES) <= set(namespace), sorted(namespace)


def test_lazy_names_other_than_the_keras_callback_leave_tensorflow_unloaded():
    run = run_python(
        "import sys, lstm_course as lc\n"
        f"for name in {sorted(set(LAZY_NAMES) - {'CompactProgress'})!r}:\n"
        "    getattr(lc, name)\n"
        "    assert 'tensorflow' not in sys.modules, f'lc.{name} imported TensorFlow'\n"
        "lc.check('x', True)\n"
        "lc.metric('x', 1.0)\n"
        "lc.use_course_style()\n"
        "assert 'tensorflow' not in sys.modules  # NumPy and matplotlib only\n"
        "try:\n"
        "    lc.nope\n"
        "except AttributeError as e:\n"
        "    print(e)\n"
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == "✓ x\nmodule 'lstm_course' has no attribute 'nope'\n"
    assert run.stderr == ""


def test_learner_choice_of_log_level_is_kept():
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "1"}
    code = "import lstm_course, os; print(os.environ['TF_CPP_MIN_LOG_LEVEL'])"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert run.stdout == "1\n"
