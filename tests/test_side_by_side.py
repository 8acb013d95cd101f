"""Every row of the stacked model is its own model: equal to the NumPy variant or GRU, started
from its own draw, and trained exactly as the same model trained alone."""

from lstm_course import seed_everything
from lstm_course.keras_models.side_by_side import (
    ALL_MODELS,
    build_stacked_model,
    initial_row_weights,
    row_weights,
    single_model,
    stacked_adam,
)
from lstm_course.numpy_models import gru, lstm, lstm_variants

import keras
import numpy as np
import pytest
from keras import ops

S, D, U, T = 2, 3, 4, 6


def sum_of_mse(t, p):
    return ops.sum(ops.mean((ops.reshape(p, ops.shape(t)) - t) ** 2, 0))


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
            model.compile(keras.optimizers.Adam(0.05), sum_of_mse)
            model.fit(x, y, epochs=3, verbose=0)
        h_all = recurrent_outputs(model, x).reshape(5, len(rows), U)
        for r, (name, seed) in enumerate(rows):
            xs = x[:, :, seed * D : (seed + 1) * D]
            w = row_weights(model, rows, r)
            if name.startswith("gru"):
                h, _ = gru.gru_forward(xs, *w)
            else:
                h, _, _ = lstm_variants.variant_forward(xs, *w, variant=name)
            assert np.max(np.abs(h[:, -1] - h_all[:, r])) <= 1e-5, (name, seed, trained)


def test_rows_have_their_own_draws_at_their_own_shapes():
    model, rows = build_stacked_model(ALL_MODELS, S, U, D, 1, seed=5)
    starts = [row_weights(model, rows, r, head=True) for r in range(len(rows))]
    for r, (name, _) in enumerate(rows):
        alone = initial_row_weights(name, U, D, 1, seed=5 + 3 * r)
        for got, want in zip(starts[r], alone, strict=True):
            np.testing.assert_array_equal(got, want)
        if not name.startswith("gru"):
            np.testing.assert_array_equal(starts[r][2], lstm_variants.initial_bias(name, U))
    W_xs = [s[0].ravel()[:6] for s in starts]
    assert len({w.tobytes() for w in W_xs}) == len(rows)  # no two rows start alike
    # Glorot limits at the model's own shapes: sqrt(6 / (fan_in + fan_out))
    head_limit = np.sqrt(6 / (U + 1))
    assert max(np.abs(s[3]).max() for s in starts) > 0.5 * head_limit
    assert max(np.abs(s[3]).max() for s in starts) <= head_limit
    gru_row = rows.index(("gru_update_bias_1", 0))
    np.testing.assert_array_equal(starts[gru_row][2][0, :U], 1.0)  # z keeps at first
    assert not starts[gru_row][2][:, U:].any()


@pytest.mark.parametrize("name", ["vanilla", "coupled", "no_output_gate", "gru_update_bias_1"])
def test_a_row_trains_exactly_like_the_same_model_alone(name):
    models = ["vanilla", "coupled", "no_output_gate", "gru", "gru_update_bias_1"]
    stacked, rows = build_stacked_model(models, S, U, D, 1, seed=3)
    row = rows.index((name, 1))
    alone = single_model(name, U, D, 1, list(row_weights(stacked, rows, row, head=True)))
    rng = np.random.default_rng(2)
    x = rng.normal(size=(64, T, S * D)).astype("float32")
    y = rng.normal(size=(64, S)).astype("float32")
    run_of_row = np.array([run for _, run in rows])
    stacked.compile(keras.optimizers.Adam(0.02), sum_of_mse)
    alone.compile(keras.optimizers.Adam(0.02), sum_of_mse)
    stacked.fit(x, y[:, run_of_row], batch_size=16, epochs=2, shuffle=False, verbose=0)
    alone.fit(x[:, :, D:], y[:, 1], batch_size=16, epochs=2, shuffle=False, verbose=0)
    for got, want in zip(row_weights(stacked, rows, row, True), alone.get_weights(), strict=True):
        assert np.max(np.abs(got - want)) <= 1e-5, name


def test_each_row_trains_at_its_own_learning_rate():
    models = ["vanilla", "no_output_activation", "gru"]
    rates = {"vanilla": 0.003, "no_output_activation": 0.03, "gru": 0.01}
    stacked, rows = build_stacked_model(models, S, U, D, 1, seed=4)
    alone = {
        r: single_model(name, U, D, 1, list(row_weights(stacked, rows, r, head=True)))
        for r, (name, run) in enumerate(rows)
        if run == 1
    }
    rng = np.random.default_rng(3)
    x = rng.normal(size=(48, T, S * D)).astype("float32")
    y = rng.normal(size=(48, S)).astype("float32")
    stacked.compile(stacked_adam(stacked, rows, rates), sum_of_mse)
    stacked.fit(
        x, y[:, [run for _, run in rows]], batch_size=16, epochs=2, shuffle=False, verbose=0
    )
    moved = []
    for r, model in alone.items():
        name = rows[r][0]
        start = [w.copy() for w in model.get_weights()]
        model.compile(keras.optimizers.Adam(rates[name]), sum_of_mse)
        model.fit(x[:, :, D:], y[:, 1], batch_size=16, epochs=2, shuffle=False, verbose=0)
        got = row_weights(stacked, rows, r, True)
        for g, want in zip(got, model.get_weights(), strict=True):
            assert np.max(np.abs(g - want)) <= 1e-5, name
        moved.append(np.max(np.abs(got[0] - start[0])))
    assert moved[0] < moved[1]  # the rates differ, and so do the steps: 0.003 < 0.03


def test_stacked_adam_names_a_missing_or_bad_rate():
    model, rows = build_stacked_model(["vanilla", "gru"], 1, U, D, 1)
    with pytest.raises(ValueError, match="missing \\['gru'\\]"):
        stacked_adam(model, rows, {"vanilla": 0.01})
    with pytest.raises(ValueError, match="learning_rates\\['gru'\\]"):
        stacked_adam(model, rows, {"vanilla": 0.01, "gru": -1})


def test_fixed_gate_slots_stay_zero():
    model, rows = build_stacked_model(["no_forget_gate", "coupled", "no_output_gate"], 1, U, D, 2)
    model.compile("adam", lambda t, p: ops.sum(p**2))
    model.fit(np.ones((4, T, D), "float32"), np.zeros((4, 3, 2)), epochs=2, verbose=0)
    W_x = np.asarray(model.get_layer("stacked_inputs").kernel)  # Keras's name for W_x
    W_h = np.asarray(model.get_layer("stacked_recurrent").cell.recurrent_kernel)
    for r, fixed in enumerate(("f", "i", "o")):
        k = lstm.GATES.index(fixed)  # the slots i, f, c̃, o
        cols = slice(k * U, (k + 1) * U)
        assert not W_x[r][:, cols].any() and not W_h[r][:, cols].any()
