"""pytest set-up for tests/."""

# Importing the package first installs its import hook: whichever test imports TensorFlow or
# Keras first does so quietly. It does not import TensorFlow itself.
import lstm_course  # noqa: F401
