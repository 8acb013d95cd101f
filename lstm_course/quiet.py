"""Keep TensorFlow's start-up noise out of notebook outputs.

TensorFlow 2.21 writes several C++ log lines to file descriptor 2 when it is imported and
when it first looks for a GPU ("oneDNN custom operations are on", "Could not find cuda
drivers", "failed call to cuInit"). Some are printed before TensorFlow reads
``TF_CPP_MIN_LOG_LEVEL``, so that variable alone cannot stop them; and ``model.fit`` with
``validation_data`` logs an ERROR-level line ("NodeDef mentions attribute
use_unbounded_threadpool") that only level 3 hides. We therefore set level 3 and import
TensorFlow, and let it probe its devices, while file descriptor 2 points at ``/dev/null``.
Later imports of TensorFlow are cached and print nothing.
"""

import contextlib
import logging
import os
import sys
import warnings

_done = False


@contextlib.contextmanager
def fd2_to_devnull():
    """Point the process's file descriptor 2 (C-level stderr) at /dev/null for a block."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def silence_tensorflow() -> None:
    """Import TensorFlow and Keras quietly (idempotent).

    Sets ``TF_CPP_MIN_LOG_LEVEL=3`` unless the user chose a level, imports TensorFlow with
    C-level stderr silenced, initialises its devices, and filters the Python warnings that
    TensorFlow's own modules raise at import time. Learner code's warnings are untouched.
    """
    global _done
    if _done:
        return
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    for module in ("tensorflow", "keras", "google.protobuf", "absl"):
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=module)
        warnings.filterwarnings("ignore", category=FutureWarning, module=module)
    with fd2_to_devnull():
        import keras  # noqa: F401
        import tensorflow as tf

        tf.config.list_physical_devices()
    # TensorFlow's Python logger (e.g. "triggered tf.function retracing") prints to the notebook.
    tf.get_logger().setLevel(logging.ERROR)
    _done = True
