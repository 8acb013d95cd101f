"""Old name of :mod:`lstm_course.arguments` (argument checks); the very same module object."""

from lstm_course import arguments

import sys

sys.modules[__name__] = arguments
