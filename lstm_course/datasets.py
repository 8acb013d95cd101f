"""Old name of :mod:`lstm_course.real_data` (the CO₂ series); the very same module object."""

from lstm_course import real_data

import sys

sys.modules[__name__] = real_data
