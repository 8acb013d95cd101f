"""Helper package for the lstm-course notebooks.

Import it *before* TensorFlow or Keras: importing it does not load TensorFlow, but it makes
the first ``import tensorflow`` / ``import keras`` quiet, so notebook outputs stay clean
(see :mod:`lstm_course.quiet`). The NumPy modules (:mod:`~lstm_course.rnn`,
:mod:`~lstm_course.lstm`, :mod:`~lstm_course.lstm_reference`, :mod:`~lstm_course.synthetic`,
:mod:`~lstm_course.gradcheck`, :mod:`~lstm_course.clipping`, :mod:`~lstm_course.seq2seq`,
...) never import TensorFlow.

The names below are loaded on first use: ``lc.check`` imports only NumPy, while
``lc.CompactProgress`` and ``lc.seed_everything`` import Keras.
"""

from lstm_course.quiet import install_import_hook

install_import_hook()

_LAZY = {
    "check": "lstm_course.claims",
    "metric": "lstm_course.metrics",
    "plot_history": "lstm_course.plotting",
    "use_course_style": "lstm_course.plotting",
    "CompactProgress": "lstm_course.progress",
    "seed_everything": "lstm_course.repro",
    "silence_tensorflow": "lstm_course.quiet",
}

__all__ = sorted(_LAZY)
__version__ = "0.1.0"


def __getattr__(name):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'lstm_course' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
