"""Old name, kept for existing imports: ``check`` is now in :mod:`lstm_course.claims`, the
exercise machinery (``Exercise``, ``KnownBug``, ``Ablation``, ...) in
:mod:`lstm_course.exercise_checker`."""

from lstm_course.claims import check  # noqa: F401
from lstm_course.exercise_checker import *  # noqa: F403
from lstm_course.exercise_checker import ERROR, PASS, TODO, VALUES_DIFFER, WRONG  # noqa: F401
