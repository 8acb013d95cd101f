"""fit_window_lstm: notebook 05's LSTM on windows, seeded, with its arguments checked."""

from lstm_course.keras_models.window_lstm import fit_window_lstm

import numpy as np
import pytest

WINDOWS = np.array([[-0.4, -0.2, 0.0], [-0.8, -0.4, 0.0], [-1.2, -0.6, 0.0]])
STEPS = np.array([0.2, 0.4, 0.6])  # continue the step: the negative of the middle value


def test_it_learns_three_windows_and_returns_a_float_predictor_with_its_model():
    predict = fit_window_lstm(WINDOWS, STEPS, seed=0, activation="tanh", learning_rate=1e-2)
    got = predict(WINDOWS)
    assert got.shape == (3,) and got.dtype == np.float64
    assert np.abs(got - STEPS).max() < 0.05, got  # 100 epochs of Adam at 0.01 fit 3 points
    assert predict.model.layers[0].units == 50
    assert isinstance(predict.loss, float) and 0 <= predict.loss < 0.01
    assert predict.model.layers[0].activation.__name__ == "tanh"


def test_the_same_seed_trains_the_same_model_and_another_seed_another():
    one, two = (fit_window_lstm(WINDOWS, STEPS, seed=1, epochs=2) for _ in range(2))
    other = fit_window_lstm(WINDOWS, STEPS, seed=2, epochs=2)
    np.testing.assert_array_equal(one(WINDOWS), two(WINDOWS))
    assert not np.array_equal(one(WINDOWS), other(WINDOWS))


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"inputs": WINDOWS[0]}, ValueError, "inputs must be a 2-D array"),
        ({"inputs": "abc"}, TypeError, "inputs must be an array of numbers"),
        ({"targets": STEPS[:2]}, ValueError, "targets must hold one number per window"),
        ({"targets": STEPS[:, None]}, ValueError, "targets must hold one number per window"),
        ({"activation": None}, TypeError, "activation must be"),
        ({"learning_rate": 0.0}, ValueError, "learning_rate"),
        ({"epochs": 0}, ValueError, "epochs must be a positive integer"),
        ({"units": 2.5}, TypeError, "units must be a positive integer"),
    ],
)
def test_bad_arguments_are_named(kwargs, error, words):
    arguments = {"inputs": WINDOWS, "targets": STEPS, "seed": 0, **kwargs}
    with pytest.raises(error, match=words):
        fit_window_lstm(**arguments)


def test_the_predictor_refuses_windows_of_another_length():
    predict = fit_window_lstm(WINDOWS, STEPS, seed=0, epochs=1)
    with pytest.raises(ValueError, match=r"windows must be \(n, 3\)"):
        predict(np.zeros((2, 4)))
