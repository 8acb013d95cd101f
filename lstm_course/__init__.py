"""Helper package for the lstm-course notebooks.

Import it *before* TensorFlow or Keras: it imports TensorFlow itself with its C++ start-up
logs silenced, so notebook outputs stay clean (see :mod:`lstm_course.quiet`).
"""

from lstm_course.quiet import silence_tensorflow

silence_tensorflow()

from lstm_course.checking import check  # noqa: E402
from lstm_course.metrics import metric  # noqa: E402
from lstm_course.plotting import plot_history, use_course_style  # noqa: E402
from lstm_course.progress import CompactProgress  # noqa: E402
from lstm_course.repro import seed_everything  # noqa: E402

__all__ = [
    "CompactProgress",
    "check",
    "metric",
    "plot_history",
    "seed_everything",
    "silence_tensorflow",
    "use_course_style",
]
__version__ = "0.1.0"
