"""Every row of the stacked model is its own model: equal to the NumPy variant or GRU."""

from lstm_course import gru, lstm_variants, seed_everything
from lstm_course.stacked_variants import ALL_MODELS, build_stacked_model, row_weights

import keras
import numpy as np
import pytest
from keras import ops

S, D, U, T = 2, 3, 4, 6


def recurrent_outputs(model, x):
    sub = keras.Model(model.input, model.get_layer("stacked_recurrent").output)
    return np.asarray(sub(x))


def test_every_row_equals_its_numpy_model_before_and_after_training():
    seed_everything(0)
    model, rows = build_stacked_model(ALL_MODELS, S, U, D, 1)
    assert len(rows) == len(ALL_MODELS) * S
    x = np.random.default_rng(0).normal(size=(5, T, S * D)).astype("float32")
    y = np.random.default_rng(1).normal(size=(5, len(rows))).astype("float32")
    for trained in (False, True):
        if trained:
            model.compile(
                keras.optimizers.Adam(0.05),
                lambda t, p: ops.sum(ops.mean((ops.reshape(p, ops.shape(t)) - t) ** 2, 0)),
            )
            model.fit(x, y, epochs=3, verbose=0)
        h_all = recurrent_outputs(model, x).reshape(5, len(rows), U)
        for r, (name, seed) in enumerate(rows):
            xs = x[:, :, seed * D : (seed + 1) * D]
            w = row_weights(model, rows, r)
            if name == "gru":
                h, _ = gru.gru_forward(xs, *w)
            else:
                h, _, _ = lstm_variants.variant_forward(xs, *w, variant=name)
            assert np.max(np.abs(h[:, -1] - h_all[:, r])) <= 1e-5, (name, seed, trained)


def test_rows_start_like_keras_and_cross_blocks_stay_zero():
    seed_everything(0)
    model, rows = build_stacked_model(["vanilla", "forget_bias_0", "coupled"], 1, U, D, 2)
    for r, (name, _) in enumerate(rows):
        np.testing.assert_array_equal(
            row_weights(model, rows, r)[2], lstm_variants.initial_bias(name, U)
        )
    cell = model.get_layer("stacked_recurrent").cell
    mask_k, mask_r = cell.block_masks["lstm"]
    model.compile("adam", lambda t, p: ops.sum(p**2))
    model.fit(np.ones((4, T, D), "float32"), np.zeros((4, 3, 2)), epochs=2, verbose=0)
    assert not np.asarray(cell.recurrent_kernel)[mask_r == 0].any()
    assert not np.asarray(cell.kernel)[mask_k == 0].any()


def test_bad_models_are_named():
    with pytest.raises(ValueError, match="variant must be one of"):
        build_stacked_model(["vanilla", "peephole"], 1, U, D, 1)
    with pytest.raises(TypeError, match="models must be a non-empty list"):
        build_stacked_model("vanilla", 1, U, D, 1)
    with pytest.raises(ValueError, match="seeds must be a positive integer"):
        build_stacked_model(["gru"], 0, U, D, 1)
