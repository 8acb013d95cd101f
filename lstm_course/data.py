"""Old name of :mod:`lstm_course.synthetic`, the synthetic data sets (kept for the notebooks).

``from lstm_course import data`` gives the very same module object as
``from lstm_course import synthetic``. Real data (the CO₂ series) is in
:mod:`lstm_course.real_data`.
"""

from lstm_course import synthetic

import sys

sys.modules[__name__] = synthetic
