"""The LSTM's classic variants as a Keras cell: notebook 09 trains them with it.

:class:`VariantLSTMCell` runs the step of :mod:`lstm_course.numpy_models.lstm_variants`
(the same function, with Keras's ops), so the NumPy and the Keras versions cannot drift
apart; the tests check them against each other and ``vanilla`` against
``keras.layers.LSTM``. Importing this module imports Keras.
"""

from lstm_course.arguments import as_positive_int
from lstm_course.numpy_models.lstm_variants import (
    check_variant,
    initial_bias,
    variant_gates,
    variant_step,
)

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="lstm_course")
class VariantLSTMCell(keras.layers.Layer):
    """A Keras RNN cell for any of the variants; wrap it in ``keras.layers.RNN``.

    Its weights ``W_x``, ``W_h`` and ``b`` hold only the variant's gates, side by side, and
    keep Keras's names (``kernel``, ``recurrent_kernel``, ``bias``, the order of
    ``get_weights()``). They start as ``keras.layers.LSTM``'s do: ``W_x`` Glorot-uniform,
    ``W_h`` orthogonal, ``b`` from
    :func:`~lstm_course.numpy_models.lstm_variants.initial_bias` (forget bias 1, or 0 for
    ``forget_bias_0``).
    """

    def __init__(self, units, variant="vanilla", **kwargs):
        super().__init__(**kwargs)
        self.units = as_positive_int(units, "units")
        self.variant = check_variant(variant)
        self.state_size = [self.units, self.units]
        self.output_size = self.units

    def build(self, input_shape):
        k, u = len(variant_gates(self.variant)), self.units
        bias = initial_bias(self.variant, u)
        self.kernel = self.add_weight(
            shape=(input_shape[-1], k * u), initializer="glorot_uniform", name="kernel"
        )
        self.recurrent_kernel = self.add_weight(
            shape=(u, k * u), initializer="orthogonal", name="recurrent_kernel"
        )
        self.bias = self.add_weight(
            shape=(k * u,), initializer=keras.initializers.Constant(bias), name="bias"
        )

    def call(self, inputs, states, training=False):
        h_prev, c_prev = states
        # pre = x_t W_x + h_{t-1} W_h + b: kernel is W_x, recurrent_kernel W_h, bias b
        pre = ops.matmul(inputs, self.kernel)
        pre = pre + ops.matmul(h_prev, self.recurrent_kernel) + self.bias
        h_t, c_t, _ = variant_step(
            pre, c_prev, self.variant, self.units, ops, ops.sigmoid, ops.tanh
        )
        return h_t, [h_t, c_t]

    def get_config(self):
        return {**super().get_config(), "units": self.units, "variant": self.variant}


def variant_rnn(units, variant="vanilla", dtype=None, **kwargs):
    """``keras.layers.RNN(VariantLSTMCell(units, variant))``; ``kwargs`` go to ``RNN``.

    ``dtype`` (e.g. ``"float64"``) is given to both the cell and the RNN layer.
    """
    return keras.layers.RNN(VariantLSTMCell(units, variant, dtype=dtype), dtype=dtype, **kwargs)
