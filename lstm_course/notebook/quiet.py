"""Keep TensorFlow's start-up noise out of notebook outputs.

TensorFlow 2.21 writes several C++ log lines to file descriptor 2 when it is imported and
when it first looks for a GPU ("oneDNN custom operations are on", "Could not find cuda
drivers", "failed call to cuInit"). Some are printed before TensorFlow reads
``TF_CPP_MIN_LOG_LEVEL``, so that variable alone cannot stop them; and ``model.fit`` with
``validation_data`` logs an ERROR-level line ("NodeDef mentions attribute
use_unbounded_threadpool") that only level 3 hides. We therefore set level 3 and import
TensorFlow, and let it probe its devices, while file descriptor 2 points at ``/dev/null``.
Later imports of TensorFlow are cached and print nothing.

Importing :mod:`lstm_course` does not import TensorFlow (a NumPy-only module such as
``lstm_course.data`` loads in a fraction of a second). Instead it calls
:func:`install_import_hook`: the first import of ``tensorflow`` or ``keras``, by anyone and
from anywhere (``import keras`` in a notebook cell, a test, the package's own
``CompactProgress``), then runs with file descriptor 2 pointed at ``/dev/null`` and ends
with the device probe. So ``import lstm_course as lc`` followed by ``import keras`` prints
nothing, as before.
"""

import contextlib
import logging
import os
import sys
import warnings

_done = False
_NOISY = ("tensorflow", "keras")


def _filter_warnings() -> None:
    for module in ("tensorflow", "keras", "google.protobuf", "absl"):
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=module)
        warnings.filterwarnings("ignore", category=FutureWarning, module=module)


def _after_tensorflow(tf) -> None:
    """The device probe (it logs on fd 2) and TensorFlow's Python logger at ERROR level."""
    tf.config.list_physical_devices()
    # TensorFlow's Python logger (e.g. "triggered tf.function retracing") prints to the notebook.
    tf.get_logger().setLevel(logging.ERROR)


class _QuietLoader:
    """Wraps the real loader of ``tensorflow``/``keras``: executes the module with fd 2 silenced."""

    def __init__(self, loader):
        self._loader = loader

    def __getattr__(self, name):  # get_resource_reader, get_source, is_package, ...
        return getattr(self._loader, name)

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        with fd2_to_devnull():
            self._loader.exec_module(module)
            if module.__name__ == "tensorflow":
                _after_tensorflow(module)


class _QuietImportHook:
    """A ``sys.meta_path`` finder that only wraps the loaders of ``tensorflow`` and ``keras``."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in _NOISY:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _QuietLoader(spec.loader)
                return spec
        return None


def install_import_hook() -> None:
    """Make the first import of TensorFlow or Keras quiet, without importing either now.

    Sets ``TF_CPP_MIN_LOG_LEVEL=3`` unless the user chose a level, filters the Python
    warnings TensorFlow's own modules raise at import time, and installs the
    ``sys.meta_path`` hook described in the module docstring (idempotent). If TensorFlow is
    already imported, only its Python logger is quietened.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    _filter_warnings()
    if "tensorflow" in sys.modules:
        sys.modules["tensorflow"].get_logger().setLevel(logging.ERROR)
    if not any(isinstance(f, _QuietImportHook) for f in sys.meta_path):
        sys.meta_path.insert(0, _QuietImportHook())


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
    """Import TensorFlow and Keras now, quietly (idempotent).

    Not needed in notebooks any more (the import hook does it on first use); kept for code
    that wants TensorFlow loaded up front. Sets ``TF_CPP_MIN_LOG_LEVEL=3`` unless the user
    chose a level, imports TensorFlow with C-level stderr silenced, initialises its devices,
    and filters the Python warnings that TensorFlow's own modules raise at import time.
    Learner code's warnings are untouched.
    """
    global _done
    if _done:
        return
    install_import_hook()
    with fd2_to_devnull():
        import keras  # noqa: F401
        import tensorflow as tf

        tf.config.list_physical_devices()
    tf.get_logger().setLevel(logging.ERROR)
    _done = True
