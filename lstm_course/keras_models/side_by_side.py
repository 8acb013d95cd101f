"""Many small recurrent models trained side by side as one Keras model. Notebook 09.

Training nine models (seven LSTM variants, two GRUs) for several runs one after the other
costs one Keras while-loop per model and step, and on a CPU that overhead, not the
arithmetic, is the time. Here every
*row* (one model, one run) is a separate model, but all rows advance through time in one
cell: their weights are stacked along a first axis, ``(rows, input_dim, gates·units)``, and
each step is a few batched products (``einsum``), one per row. Rows share nothing:

- each row has its own weights, drawn as the model alone would draw them, at its own
  shapes, with its own seed (:func:`initial_row_weights`): Glorot-uniform ``W_x`` and
  orthogonal ``W_h`` (as ``keras.layers.LSTM``/``GRU`` draw their ``kernel`` and
  ``recurrent_kernel``) with only the variant's gates, the variant's starting bias ``b``,
  and a Glorot-uniform dense head of shape ``(units, outputs)``;
- each run has its own data set: the inputs of the runs are placed side by side on the
  feature axis, and row ``r`` reads only the features of its run;
- no product mixes two rows, so a row's loss depends on its own weights only; the loss is
  the *sum* of the rows' losses, so each row's gradient is exactly the gradient it would
  get alone; Adam's update is per weight, so each row takes the step it would take alone
  (no gradient clipping: a clip by the global norm would couple the rows).

An LSTM row stores all four gates' slots (i, f, c̃, o, Keras's order); the slots of a fixed gate
(f = 1, i = 1, o = 1, i = 1 − f) start at zero, are never read, get zero gradient and stay
zero. :func:`row_weights` returns a row's weights in the layout of
:func:`lstm_course.numpy_models.lstm_variants.variant_forward` (or
:func:`lstm_course.numpy_models.gru.gru_forward`);
:func:`single_model` builds the same model alone (``keras.layers.RNN`` around the variant's
cell, or ``keras.layers.GRU``, and a ``Dense`` head), and the tests check that a row trains
exactly as that model does.

Besides the LSTM variants there are two GRUs: ``gru`` (Keras's default, all biases 0, so the
update gate starts at z = σ(0) = 0.5) and ``gru_update_bias_1``, whose update-gate bias
starts at 1. In the GRU (the course's, as Keras's), ``h_t = z_t ⊙ h_{t-1} + (1 − z_t) ⊙ h̃_t``:
z is the *keep* gate, so z = σ(1) ≈ 0.73 keeps most of the state at first, as the LSTM's
forget bias 1 does.
"""

from lstm_course.arguments import as_positive_int, describe
from lstm_course.numpy_models.lstm import GATES
from lstm_course.numpy_models.lstm_variants import (
    VARIANTS,
    check_variant,
    initial_bias,
    variant_gates,
)

import numpy as np

GRU_UPDATE_BIAS = {"gru": 0.0, "gru_update_bias_1": 1.0}
ALL_MODELS = (*VARIANTS, *GRU_UPDATE_BIAS)

__all__ = [
    "ALL_MODELS",
    "GRU_UPDATE_BIAS",
    "build_stacked_model",
    "initial_row_weights",
    "row_weights",
    "single_model",
    "stacked_adam",
]


def _check_models(models):
    if isinstance(models, str) or not models:
        raise TypeError(f"models must be a non-empty list of names, got {describe(models)}")
    for m in models:
        if m not in GRU_UPDATE_BIAS:
            check_variant(m)
    return tuple(models)


def _is_gru(name):
    return name in GRU_UPDATE_BIAS


def initial_row_weights(name, units, input_dim, outputs, seed):
    """The initial weights of model ``name`` alone, drawn at its own shapes with ``seed``.

    Returns ``[W_x, W_h, b, head_kernel, head_bias]`` (float32), the order of
    :func:`single_model`'s ``get_weights()``: for an LSTM variant with k gates, ``W_x``
    (input_dim, k·units) Glorot-uniform, ``W_h`` (units, k·units) orthogonal, ``b`` from
    :func:`lstm_course.numpy_models.lstm_variants.initial_bias`; for a GRU the blocks z, r,
    h̃ and ``b`` (2, 3·units), zero but for the update gate's input bias b_xz
    (:data:`GRU_UPDATE_BIAS`); the head ``(units, outputs)`` Glorot-uniform, its bias zero.
    Seeds ``seed``, ``seed + 1``, ``seed + 2`` draw the three matrices.
    """
    import keras

    u, d = as_positive_int(units, "units"), as_positive_int(input_dim, "input_dim")
    outputs = as_positive_int(outputs, "outputs")
    if _is_gru(name):
        k = 3
        bias = np.zeros((2, 3 * u), "float32")
        bias[0, :u] = GRU_UPDATE_BIAS[name]
    else:
        k = len(variant_gates(name))
        bias = initial_bias(name, u, "float32")
    glorot, orthogonal = keras.initializers.GlorotUniform, keras.initializers.Orthogonal
    return [
        np.asarray(glorot(seed=seed)((d, k * u)), "float32"),
        np.asarray(orthogonal(seed=seed + 1)((u, k * u)), "float32"),
        bias,
        np.asarray(glorot(seed=seed + 2)((u, outputs)), "float32"),
        np.zeros(outputs, "float32"),
    ]


def single_model(name, units, input_dim, outputs, weights=None):
    """Model ``name`` alone: its recurrent layer and a ``Dense(outputs)`` head on the last h.

    ``keras.layers.GRU`` for the GRUs, ``keras.layers.RNN`` around
    :class:`lstm_course.keras_models.variant_cell.VariantLSTMCell` for the LSTM variants.
    ``weights`` (as :func:`initial_row_weights` returns them) are set if given.
    """
    from lstm_course.keras_models.variant_cell import variant_rnn

    import keras

    recurrent = keras.layers.GRU(units) if _is_gru(name) else variant_rnn(units, name)
    model = keras.Sequential(
        [keras.Input((None, input_dim)), recurrent, keras.layers.Dense(outputs)]
    )
    if weights is not None:
        model.set_weights(weights)
    return model


def build_stacked_model(models, runs, units, input_dim, outputs, seed=0):
    """A Keras model whose rows are ``models`` × ``range(runs)``, each its own model.

    Args:
        models: names from :data:`ALL_MODELS` (the LSTM variants and the two GRUs).
        runs: how many data sets / initialisations per model.
        units: units of every row's recurrent layer.
        input_dim: features of one run's inputs; the model's input is ``(batch, time,
            runs * input_dim)``, the runs' inputs side by side.
        outputs: outputs of every row's dense head (1 for regression, classes for logits).
        seed: row ``r`` starts from ``initial_row_weights(..., seed=seed + 3 * r)``.

    Returns:
        ``(model, rows)``: the model maps its input to ``(batch, len(rows), outputs)``;
        ``rows`` lists ``(model_name, run_index)``: the LSTM variants' rows first, then the
        GRUs', each model's runs together.
    """
    import keras
    from keras import ops

    models = _check_models(models)
    runs, units = as_positive_int(runs, "runs"), as_positive_int(units, "units")
    input_dim, outputs = (
        as_positive_int(input_dim, "input_dim"),
        as_positive_int(outputs, "outputs"),
    )
    lstm_rows = [(m, s) for m in models if not _is_gru(m) for s in range(runs)]
    gru_rows = [(m, s) for m in models if _is_gru(m) for s in range(runs)]
    rows = lstm_rows + gru_rows
    u, d, n_l, n_g = units, input_dim, len(lstm_rows), len(gru_rows)
    start = [initial_row_weights(m, u, d, outputs, seed + 3 * r) for r, (m, _) in enumerate(rows)]

    # LSTM rows: every row holds the four slots i, f, c̃, o; a fixed gate's slot stays zero.
    # The stacked weights keep Keras's names: kernel is W_x, recurrent_kernel W_h, bias b.
    W_x_l, W_h_l, b_l = np.zeros((n_l, d, 4 * u)), np.zeros((n_l, u, 4 * u)), np.zeros((n_l, 4 * u))
    for r, (m, _) in enumerate(lstm_rows):
        cols = _lstm_columns(m, u)
        W_x_l[r][:, cols], W_h_l[r][:, cols], b_l[r][cols] = start[r][:3]
    g0 = start[n_l:]
    values = {"kernel": W_x_l, "recurrent_kernel": W_h_l, "bias": b_l} if n_l else {}
    if n_g:
        values |= {
            "gru_kernel": np.stack([w[0] for w in g0]),
            "gru_recurrent_kernel": np.stack([w[1] for w in g0]),
            "gru_bias": np.stack([w[2] for w in g0], axis=1),  # (2, n_g, 3u)
        }
    spec = [VARIANTS[m] for m, _ in lstm_rows]
    masks = {
        key: np.array([[test(v)] for v in spec], bool).reshape(n_l, 1)
        for key, test in (
            ("has_i", lambda v: "i" in v.gates),
            ("has_f", lambda v: "f" in v.gates),
            ("has_o", lambda v: "o" in v.gates),
            ("coupled", lambda v: v.coupled),
            ("tanh_out", lambda v: v.output_activation),
        )
    }
    run_l = np.array([s for _, s in lstm_rows], "int32")
    run_g = np.array([s for _, s in gru_rows], "int32")

    def constant(value):
        return keras.initializers.Constant(value.astype("float32"))

    class StackedInputs(keras.layers.Layer):
        """Every row's x_t W_x + b for all steps at once: (batch, time, n_l·4u + n_g·3u)."""

        def build(self, input_shape):
            for name in ("kernel", "bias", "gru_kernel", "gru_bias"):
                if name in values:
                    value = values[name][0] if name == "gru_bias" else values[name]
                    weight = self.add_weight(
                        shape=value.shape, initializer=constant(value), name=name
                    )
                    setattr(self, name, weight)

        def call(self, inputs):
            x = ops.reshape(inputs, (ops.shape(inputs)[0], -1, runs, d))
            steps, parts = ops.shape(x)[1], []
            for run_of, W_x, b in (
                (run_l, getattr(self, "kernel", None), getattr(self, "bias", None)),
                (run_g, getattr(self, "gru_kernel", None), getattr(self, "gru_bias", None)),
            ):
                if len(run_of):
                    from_x = ops.einsum("btnd,ndg->btng", ops.take(x, run_of, axis=2), W_x) + b
                    parts.append(ops.reshape(from_x, (ops.shape(x)[0], steps, -1)))
            return ops.concatenate(parts, axis=-1)

    class StackedCell(keras.layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.state_size = [n_l * u, n_l * u] * bool(n_l) + [n_g * u] * bool(n_g)
            self.output_size = len(rows) * u

        def build(self, input_shape):
            for name in ("recurrent_kernel", "gru_recurrent_kernel", "gru_bias"):
                if name in values:
                    value = values[name][1] if name == "gru_bias" else values[name]
                    name = "gru_recurrent_bias" if name == "gru_bias" else name
                    weight = self.add_weight(
                        shape=value.shape, initializer=constant(value), name=name
                    )
                    setattr(self, name, weight)

        def call(self, inputs, states, training=False):
            outs, new_states = [], []
            if n_l:
                h_l, c_l = (ops.reshape(s, (-1, n_l, u)) for s in states[:2])
                # pre = x_t W_x + b + h_{t-1} W_h, every row's (batch, rows, 4u): i, f, c̃, o
                pre = ops.reshape(inputs[:, : n_l * 4 * u], (-1, n_l, 4 * u))
                pre = pre + ops.einsum("bnu,nug->bng", h_l, self.recurrent_kernel)
                gates = ops.sigmoid(pre)
                f = ops.where(masks["has_f"], gates[..., u : 2 * u], 1.0)
                i = ops.where(masks["has_i"], gates[..., :u], 1.0)
                i = ops.where(masks["coupled"], 1.0 - f, i)
                o = ops.where(masks["has_o"], gates[..., 3 * u :], 1.0)
                c_tilde = ops.tanh(pre[..., 2 * u : 3 * u])
                c = f * c_l + i * c_tilde
                h = o * ops.where(masks["tanh_out"], ops.tanh(c), c)
                h, c = ops.reshape(h, (-1, n_l * u)), ops.reshape(c, (-1, n_l * u))
                outs.append(h)
                new_states += [h, c]
            if n_g:
                h_g = ops.reshape(states[-1], (-1, n_g, u))
                # the GRU's step (lstm_course.numpy_models.gru), every row's: z, r, h̃
                from_x = ops.reshape(inputs[:, n_l * 4 * u :], (-1, n_g, 3 * u))  # x_t W_x + b_x
                from_h = ops.einsum("bnu,nug->bng", h_g, self.gru_recurrent_kernel)
                from_h = from_h + self.gru_recurrent_bias  # h_{t-1} W_h + b_h
                z = ops.sigmoid(from_x[..., :u] + from_h[..., :u])  # keeps h_{t-1}
                r = ops.sigmoid(from_x[..., u : 2 * u] + from_h[..., u : 2 * u])
                h_tilde = ops.tanh(from_x[..., 2 * u :] + r * from_h[..., 2 * u :])
                h = ops.reshape(z * h_g + (1.0 - z) * h_tilde, (-1, n_g * u))
                outs.append(h)
                new_states.append(h)
            return ops.concatenate(outs, axis=-1), new_states

    class StackedDense(keras.layers.Layer):
        def build(self, input_shape):
            head = np.stack([w[3] for w in start])  # (rows, units, outputs), each row its own
            self.kernel = self.add_weight(
                shape=head.shape, initializer=keras.initializers.Constant(head), name="kernel"
            )
            self.bias = self.add_weight(
                shape=(len(rows), outputs), initializer="zeros", name="bias"
            )

        def call(self, h):
            h = ops.reshape(h, (-1, len(rows), u))
            return ops.einsum("bru,ruo->bro", h, self.kernel) + self.bias

    inputs = keras.Input((None, runs * d))
    projected = StackedInputs(name="stacked_inputs")(inputs)
    recurrent = keras.layers.RNN(StackedCell(), name="stacked_recurrent")
    model = keras.Model(inputs, StackedDense(name="stacked_heads")(recurrent(projected)))
    return model, rows


def stacked_adam(model, rows, learning_rates):
    """Adam for a stacked model in which every row takes the step of its own learning rate.

    Adam's step is ``rate · m̂ / (√v̂ + ε)`` per weight; here ``rate`` is the rate of the
    weight's row, so a row trains as the same model alone under ``keras.optimizers.Adam(rate)``
    (to float32 rounding: the tests check it). One stacked model can then hold models (or
    runs) at different learning rates.

    Args:
        model, rows: as :func:`build_stacked_model` returns them.
        learning_rates: one rate for every row, or a dict ``{model_name: rate}`` naming every
            model in ``rows``.

    Returns:
        A ``keras.optimizers.Adam`` (Keras's defaults otherwise) to pass to ``model.compile``.
    """
    import keras
    from keras import ops

    names = sorted({m for m, _ in rows})
    if not isinstance(learning_rates, dict):
        learning_rates = dict.fromkeys(names, learning_rates)
    missing = [m for m in names if m not in learning_rates]
    if missing:
        raise ValueError(f"learning_rates must give a rate for every model, missing {missing}")
    for m in names:
        rate = learning_rates[m]
        if isinstance(rate, bool) or not isinstance(rate, int | float) or not rate > 0:
            raise ValueError(f"learning_rates[{m!r}] must be a positive number, got {rate!r}")
    rate = np.array([float(learning_rates[m]) for m, _ in rows], "float32")
    is_gru = np.array([_is_gru(m) for m, _ in rows])
    by_weight = {}  # a weight's rows: all rows for the heads, the LSTM or GRU rows otherwise
    for layer in ("stacked_inputs", "stacked_recurrent", "stacked_heads"):
        found = model.get_layer(layer)
        found = found.cell if layer == "stacked_recurrent" else found
        for name in ("kernel", "bias", "recurrent_kernel") + tuple(
            f"gru_{w}" for w in ("kernel", "bias", "recurrent_kernel", "recurrent_bias")
        ):
            weight = getattr(found, name, None)
            if weight is not None:
                of_rows = rate if layer == "stacked_heads" else rate[is_gru == ("gru" in name)]
                by_weight[weight.path] = of_rows.reshape((-1,) + (1,) * (len(weight.shape) - 1))

    class RowAdam(keras.optimizers.Adam):
        def build(self, var_list):
            super().build(var_list)
            self._row_rates = [by_weight[v.path] for v in var_list]

        def update_step(self, gradient, variable, learning_rate):  # Keras's Adam, rate per row
            gradient = ops.cast(gradient, variable.dtype)
            step = ops.cast(self.iterations + 1, variable.dtype)
            beta_1_power = ops.power(ops.cast(self.beta_1, variable.dtype), step)
            beta_2_power = ops.power(ops.cast(self.beta_2, variable.dtype), step)
            index = self._get_variable_index(variable)
            m, v = self._momentums[index], self._velocities[index]
            alpha = self._row_rates[index] * ops.sqrt(1 - beta_2_power) / (1 - beta_1_power)
            self.assign_add(m, ops.multiply(ops.subtract(gradient, m), 1 - self.beta_1))
            self.assign_add(v, ops.multiply(ops.subtract(ops.square(gradient), v), 1 - self.beta_2))
            step_size = ops.divide(ops.multiply(m, alpha), ops.add(ops.sqrt(v), self.epsilon))
            self.assign_sub(variable, step_size)

    return RowAdam(learning_rate=1.0)  # the rates are the rows'; 1.0 is not used


def _lstm_columns(name, u):
    """The columns of a four-slot (i, f, c̃, o) row that variant ``name`` has weights in."""
    gates = [k for k, g in enumerate(GATES) if g in variant_gates(name)]
    return np.concatenate([np.arange(g * u, (g + 1) * u) for g in gates])


def row_weights(model, rows, row, head=False):
    """The weights of ``rows[row]`` in the layout of the NumPy functions.

    For an LSTM variant, ``(W_x, W_h, b)`` with only the variant's gates (as
    :func:`lstm_course.numpy_models.lstm_variants.variant_forward` takes them); for a GRU,
    ``(W_x, W_h, b)`` with ``b`` (2, 3·units) (as :func:`lstm_course.numpy_models.gru.gru_forward`
    takes them). With ``head=True`` the dense head's ``(kernel, bias)`` follow: the five
    arrays :func:`single_model` takes.
    """
    cell = model.get_layer("stacked_recurrent").cell
    proj = model.get_layer("stacked_inputs")
    name, _ = rows[row]
    n_l = sum(not _is_gru(m) for m, _ in rows)
    if _is_gru(name):
        r = row - n_l
        out = [
            np.asarray(proj.gru_kernel)[r],
            np.asarray(cell.gru_recurrent_kernel)[r],
            np.stack([np.asarray(proj.gru_bias)[r], np.asarray(cell.gru_recurrent_bias)[r]]),
        ]
    else:
        cols = _lstm_columns(name, np.asarray(cell.recurrent_kernel).shape[1])
        out = [
            np.asarray(proj.kernel)[row][:, cols],
            np.asarray(cell.recurrent_kernel)[row][:, cols],
            np.asarray(proj.bias)[row][cols],
        ]
    if head:
        dense = model.get_layer("stacked_heads")
        out += [np.asarray(dense.kernel)[row], np.asarray(dense.bias)[row]]
    return tuple(out)
