"""pytest set-up for tests/."""

import lstm_course  # noqa: F401  (imports TensorFlow quietly before any test does)
