from lstm_course.training.forecast_baselines import fit_linear, predict_linear, seasonal_drift

import numpy as np


def test_seasonal_drift_is_exact_on_a_linear_trend_plus_a_cycle():
    t = np.arange(400)
    series = 0.3 * t + np.sin(2 * np.pi * t / 52)
    last = np.arange(110, 370)
    for years in (1, 2):
        forecast = seasonal_drift(series, last, horizon=26, period=52, years=years)
        np.testing.assert_allclose(forecast, series[last + 26], atol=1e-9)


def test_seasonal_drift_averages_the_one_year_forecasts():
    series = np.random.default_rng(0).normal(size=300).cumsum()
    last = np.arange(120, 250)
    one = series[last - 52 + 10] + series[last] - series[last - 52]
    two = series[last - 104 + 10] + series[last] - series[last - 104]
    np.testing.assert_allclose(seasonal_drift(series, last, 10, 52), one)
    np.testing.assert_allclose(seasonal_drift(series, last, 10, 52, years=2), (one + two) / 2)


def test_fit_linear_recovers_weights_and_intercept():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(200, 5))
    w = np.array([1.0, -2.0, 0.5, 0.0, 3.0])
    y = X @ w + 4.0
    weights = fit_linear(X, y)
    np.testing.assert_allclose(weights, [*w, 4.0], atol=1e-9)
    np.testing.assert_allclose(predict_linear(weights, X), y, atol=1e-9)
