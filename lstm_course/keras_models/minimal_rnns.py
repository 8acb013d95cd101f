"""minGRU as a Keras layer, trained by a parallel scan.

Taught in notebook 10; the NumPy twin is :func:`lstm_course.numpy_models.minimal_rnns.min_gru`,
and the tests check that both give the same h from the same weights. The gate
z_t = σ(x_t W_xz + b_z) and the candidate h̃_t = x_t W_xh + b_h read only the input, so one
matrix product computes them for every step at once; the recurrence
h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ g(h̃_t) then runs as a scan over the time axis (h_0 = 0).
As in the course's GRU, z keeps the old state; Feng et al. write z for our 1 − z.

The scan here is Hillis and Steele's: in round r every position composes its map with the
one 2ʳ steps earlier, so after ⌈log₂T⌉ rounds position t holds the composition of maps
1..t. It does about T·log₂T combines in ⌈log₂T⌉ rounds, where the course's Blelloch scan
(:func:`lstm_course.numpy_models.scan.linear_recurrence_scan`) does about 3T in
2⌈log₂T⌉ + 1 rounds (notebook 10 counts both); it is a few lines of ``keras.ops`` with
static shapes.
(``keras.ops.associative_scan`` computes the same, tested, but its TensorFlow version does
not trace inside ``fit`` in this Keras release.)
Returns every h_t, ``(batch, time, units)``. The scan needs the sequence length when the
model is built: give ``keras.Input`` a fixed length (another length: another ``Input``
through the same layers, which share their weights).
"""

from lstm_course.arguments import as_bool, as_positive_int
from lstm_course.numpy_models.scan import combine  # plain arithmetic: works on tensors too

import keras
from keras import ops


def g(v):
    """:func:`lstm_course.numpy_models.minimal_rnns.g` in Keras: v + 0.5, or σ(v) below 0."""
    return ops.where(v >= 0, v + 0.5, ops.sigmoid(v))


@keras.saving.register_keras_serializable(package="lstm_course")
class MinGRU(keras.layers.Layer):
    """minGRU over a whole sequence: z = σ(x W_xz + b_z), h̃ = x W_xh + b_h, then a scan.

    ``signed=True`` changes one line: the state's coefficient becomes a = 2z − 1, in (−1, 1),
    instead of a = z, in (0, 1) (Grazzi et al., 2024), so a step can negate the state;
    b = (1 − z) ⊙ g(h̃) is unchanged. The scan only multiplies and adds, so it runs as before
    (the log form could not: it takes the logarithm of a).
    """

    def __init__(self, units, signed=False, **kwargs):
        super().__init__(**kwargs)
        self.units = as_positive_int(units, "units")
        self.signed = as_bool(signed, "signed")

    def build(self, input_shape):
        if len(input_shape) != 3 or input_shape[1] is None:
            raise ValueError(
                "MinGRU's input must be (batch, time, features) with a fixed time length "
                f"(the scan needs it), got shape {input_shape}"
            )
        self.gates = keras.layers.Dense(2 * self.units, name="gates")  # [W_xz | W_xh]
        self.gates.build(input_shape)

    def call(self, x):
        pre_z, h_tilde = ops.split(self.gates(x), 2, axis=-1)
        z = ops.sigmoid(pre_z)
        a, b = z, (1 - z) * g(h_tilde)  # h_t = a_t ⊙ h_{t−1} + b_t
        if self.signed:
            a = 2 * z - 1  # in (−1, 1): a step can flip the state's sign
        shift, steps = 1, x.shape[1]
        while shift < steps:  # round r: compose with the maps 2ʳ steps earlier
            earlier_a = ops.pad(a[:, :-shift], [[0, 0], [shift, 0], [0, 0]], constant_values=1)
            earlier_b = ops.pad(b[:, :-shift], [[0, 0], [shift, 0], [0, 0]])
            a, b = combine((earlier_a, earlier_b), (a, b))
            shift *= 2
        return b  # h_t = a·h_0 + b with h_0 = 0

    def compute_output_shape(self, input_shape):
        return (*input_shape[:2], self.units)

    def numpy_weights(self):
        """``(W_xz, b_z, W_xh, b_h)`` for :func:`lstm_course.numpy_models.minimal_rnns.min_gru`."""
        kernel, bias = (w.numpy() for w in self.gates.weights)
        n = self.units
        return kernel[:, :n], bias[:n], kernel[:, n:], bias[n:]

    def get_config(self):
        return {**super().get_config(), "units": self.units, "signed": self.signed}
