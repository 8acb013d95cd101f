"""Helper package for the lstm-course notebooks, one folder per role (README: the module map).

- ``numpy_models``: the models the notebooks build from scratch, in NumPy;
- ``keras_models``: models built with Keras;
- ``data``: the tasks and data sets;
- ``training``: gradient checks, clipping, the optimiser, sampling, beam search, baselines;
- ``notebook``: what the notebooks themselves use (``lc.check``, plots, seeding, diagrams);
- ``exercises``: one module of exercises per notebook, and their checker;
- ``arguments`` and ``maths`` (top level): the argument checks and the sigmoid, softmax and
  cross-entropy that everything above shares.

Import it *before* TensorFlow or Keras: importing it does not load TensorFlow, but it makes
the first ``import tensorflow`` / ``import keras`` quiet, so notebook outputs stay clean
(see :mod:`lstm_course.notebook.quiet`). Only ``keras_models.minimal_rnns``,
``keras_models.variant_cell`` and ``notebook.progress`` import Keras when imported
(tests/test_quiet.py checks every other module).

The names below are loaded on first use: ``lc.check`` imports only NumPy, while
``lc.CompactProgress`` and ``lc.seed_everything`` import Keras.
"""

from lstm_course.notebook.quiet import install_import_hook

install_import_hook()

_LAZY = {
    "check": "lstm_course.notebook.claims",
    "metric": "lstm_course.notebook.headline_numbers",
    "plot_history": "lstm_course.notebook.plotting",
    "use_course_style": "lstm_course.notebook.plotting",
    "CompactProgress": "lstm_course.notebook.progress",
    "seed_everything": "lstm_course.notebook.repro",
    "silence_tensorflow": "lstm_course.notebook.quiet",
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
