"""Many small recurrent models trained side by side as one Keras model. Notebook 09.

Training eight variants for several seeds one after the other costs one Keras while-loop
per model and step, and on a CPU that overhead, not the arithmetic, is the time. Here every
*row* (one variant, one seed) is a separate model, but all rows advance through time in
one cell: their weights are stacked along a first axis and each step is a few batched
products (``einsum``). Rows share nothing:

- each row has its own weights, initialised as ``keras.layers.LSTM``/``GRU`` do (Glorot-
  uniform kernel, orthogonal recurrent kernel, the variant's forget bias from
  :func:`lstm_course.lstm_variants.initial_bias`);
- each seed has its own data set: the inputs of the seeds are placed side by side on the
  feature axis, and row ``r`` reads only the features of its seed;
- the loss is the *sum* of the rows' losses, so each row's gradient is the gradient it
  would get alone; Adam's update is per weight, so each row trains as it would alone (no
  gradient clipping: a clip by norm would couple the rows).

An LSTM row stores all four gates' weights (Keras order i, f, c, o); the slots of a fixed
gate (f = 1, i = 1, o = 1, i = 1 − f) are never read, get zero gradient and never change.
:func:`row_weights` returns a row's weights in the layout of
:func:`lstm_course.lstm_variants.variant_forward` (or :func:`lstm_course.gru.gru_forward`),
and the tests check every row against those NumPy functions.
"""

from lstm_course.arguments import as_positive_int, describe
from lstm_course.lstm_variants import VARIANTS, check_variant, variant_gates

import numpy as np

ALL_MODELS = (*VARIANTS, "gru")
_ORDER = ("i", "f", "c", "o")

__all__ = ["ALL_MODELS", "build_stacked_model", "row_weights"]


def _check_models(models):
    if isinstance(models, str) or not models:
        raise TypeError(f"models must be a non-empty list of names, got {describe(models)}")
    for m in models:
        if m != "gru":
            check_variant(m)
    return tuple(models)


def build_stacked_model(models, seeds, units, input_dim, outputs):
    """A Keras model whose rows are ``models`` × ``range(seeds)``.

    Args:
        models: names from :data:`ALL_MODELS` (the LSTM variants and ``"gru"``).
        seeds: how many data sets / initialisations per model.
        units: units of every row's recurrent layer.
        input_dim: features of one seed's inputs; the model's input is ``(batch, time,
            seeds * input_dim)``, the seeds' inputs side by side.
        outputs: outputs of every row's dense head (1 for regression, classes for logits).

    Returns:
        ``(model, rows)``: the model maps its input to ``(batch, len(rows), outputs)``;
        ``rows`` lists ``(model_name, seed_index)`` in that order.
    """
    import keras
    from keras import ops

    models = _check_models(models)
    seeds, units = as_positive_int(seeds, "seeds"), as_positive_int(units, "units")
    input_dim, outputs = (
        as_positive_int(input_dim, "input_dim"),
        as_positive_int(outputs, "outputs"),
    )
    lstm_rows = [(m, s) for m in models if m != "gru" for s in range(seeds)]
    gru_rows = [(m, s) for m in models if m == "gru" for s in range(seeds)]
    rows = lstm_rows + gru_rows
    u, d, n_l, n_g = units, input_dim, len(lstm_rows), len(gru_rows)

    # Block-diagonal fused matrices, gate-major columns: [i of every row | f | c | o], so
    # that one matrix product per step serves every row and every slice is contiguous.
    glorot, orthogonal = keras.initializers.GlorotUniform(), keras.initializers.Orthogonal()
    k_l, r_l, b_l, m_l = _block_weights(lstm_rows, 4, u, d, seeds, glorot, orthogonal)
    k_g, r_g, b_g, m_g = _block_weights(gru_rows, 3, u, d, seeds, glorot, orthogonal)
    b_l = np.zeros(4 * n_l * u)
    for r, (m, _) in enumerate(lstm_rows):
        if "f" in variant_gates(m):
            b_l[n_l * u + r * u : n_l * u + (r + 1) * u] = VARIANTS[m].forget_bias
    spec = [VARIANTS[m] for m, _ in lstm_rows]
    masks = {
        key: np.repeat(np.array([test(v) for v in spec], bool), u)
        for key, test in (
            ("has_i", lambda v: "i" in v.gates),
            ("has_f", lambda v: "f" in v.gates),
            ("has_o", lambda v: "o" in v.gates),
            ("coupled", lambda v: v.coupled),
            ("tanh_out", lambda v: v.output_activation),
        )
    }

    class StackedCell(keras.layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.state_size = [max(n_l, 1) * u, max(n_l, 1) * u, max(n_g, 1) * u]
            self.output_size = len(rows) * u

        def build(self, input_shape):
            values = {
                "kernel": k_l, "recurrent_kernel": r_l, "bias": b_l,
                "gru_kernel": k_g, "gru_recurrent_kernel": r_g, "gru_bias": b_g,
            }  # fmt: skip
            for name, value in values.items():
                init = keras.initializers.Constant(value) if value.size else "zeros"
                setattr(self, name, self.add_weight(shape=value.shape, initializer=init, name=name))
            self.block_masks = {"lstm": m_l, "gru": m_g}

        def call(self, inputs, states, training=False):
            h_l, c_l, h_g = states
            outs, new_states = [], []
            if n_l:
                (mk, mr), n = self.block_masks["lstm"], n_l * u
                z = ops.matmul(inputs, self.kernel * mk)
                z = z + ops.matmul(h_l, self.recurrent_kernel * mr) + self.bias
                f = ops.where(masks["has_f"], ops.sigmoid(z[:, n : 2 * n]), 1.0)
                i = ops.where(masks["has_i"], ops.sigmoid(z[:, :n]), 1.0)
                i = ops.where(masks["coupled"], 1.0 - f, i)
                o = ops.where(masks["has_o"], ops.sigmoid(z[:, 3 * n :]), 1.0)
                c = f * c_l + i * ops.tanh(z[:, 2 * n : 3 * n])
                h = o * ops.where(masks["tanh_out"], ops.tanh(c), c)
                outs.append(h)
                new_states += [h, c]
            else:
                new_states += [h_l, c_l]
            if n_g:
                (mk, mr), n = self.block_masks["gru"], n_g * u
                xp = ops.matmul(inputs, self.gru_kernel * mk) + self.gru_bias[0]
                hp = ops.matmul(h_g, self.gru_recurrent_kernel * mr) + self.gru_bias[1]
                zg = ops.sigmoid(xp[:, :n] + hp[:, :n])
                rg = ops.sigmoid(xp[:, n : 2 * n] + hp[:, n : 2 * n])
                cand = ops.tanh(xp[:, 2 * n :] + rg * hp[:, 2 * n :])
                h = zg * h_g + (1.0 - zg) * cand
                outs.append(h)
                new_states.append(h)
            else:
                new_states.append(h_g)
            return ops.concatenate(outs, axis=-1), new_states

    class StackedDense(keras.layers.Layer):
        def build(self, input_shape):
            self.kernel = self.add_weight(
                shape=(len(rows), u, outputs), initializer="glorot_uniform", name="kernel"
            )
            self.bias = self.add_weight(
                shape=(len(rows), outputs), initializer="zeros", name="bias"
            )

        def call(self, h):
            h = ops.reshape(h, (-1, len(rows), u))
            return ops.einsum("bru,ruo->bro", h, self.kernel) + self.bias

    inputs = keras.Input((None, seeds * d))
    recurrent = keras.layers.RNN(StackedCell(), name="stacked_recurrent")
    model = keras.Model(inputs, StackedDense(name="stacked_heads")(recurrent(inputs)))
    return model, rows


def _block_weights(rows, gates, u, d, seeds, glorot, orthogonal):
    """Block-diagonal fused weights for ``rows`` and the masks that keep them so."""
    n = len(rows)
    kernel = np.zeros((seeds * d, gates * n * u), "float32")
    recurrent = np.zeros((n * u, gates * n * u), "float32")
    mask_k, mask_r = np.zeros_like(kernel), np.zeros_like(recurrent)
    for r, (_, seed) in enumerate(rows):
        k, rk = np.asarray(glorot((d, gates * u))), np.asarray(orthogonal((u, gates * u)))
        for g in range(gates):
            cols = slice(g * n * u + r * u, g * n * u + (r + 1) * u)
            kernel[seed * d : (seed + 1) * d, cols] = k[:, g * u : (g + 1) * u]
            recurrent[r * u : (r + 1) * u, cols] = rk[:, g * u : (g + 1) * u]
            mask_k[seed * d : (seed + 1) * d, cols] = 1
            mask_r[r * u : (r + 1) * u, cols] = 1
    bias = np.zeros((2, gates * n * u)) if gates == 3 else np.zeros(gates * n * u)
    return kernel, recurrent, bias, (mask_k, mask_r)


def row_weights(model, rows, row):
    """The recurrent weights of ``rows[row]`` in the layout of the NumPy functions.

    For an LSTM variant, ``(kernel, recurrent_kernel, bias)`` with only the variant's gates
    (as :func:`lstm_course.lstm_variants.variant_forward` takes them) for one seed's
    inputs; for ``"gru"``, Keras's GRU layout (as :func:`lstm_course.gru.gru_forward`).
    """
    cell = model.get_layer("stacked_recurrent").cell
    name, seed = rows[row]
    gru_row = name == "gru"
    n = sum((m == "gru") == gru_row for m, _ in rows)
    r = row - (len(rows) - n if gru_row else 0)
    kernel, recurrent, bias = (
        np.asarray(w)
        for w in (
            (cell.gru_kernel, cell.gru_recurrent_kernel, cell.gru_bias)
            if gru_row
            else (cell.kernel, cell.recurrent_kernel, cell.bias)
        )
    )
    u = recurrent.shape[0] // n
    d = kernel.shape[0] // (max(s for _, s in rows) + 1)
    gates = range(3) if gru_row else [k for k, g in enumerate(_ORDER) if g in variant_gates(name)]
    cols = np.concatenate([np.arange(g * n * u + r * u, g * n * u + (r + 1) * u) for g in gates])
    return (
        kernel[seed * d : (seed + 1) * d, cols],
        recurrent[r * u : (r + 1) * u, cols],
        bias[..., cols],
    )
