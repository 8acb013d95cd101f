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


# Holt-Winters and the block bootstrap (issue 36)
from lstm_course.training.forecast_baselines import (  # noqa: E402
    block_bootstrap_interval,
    fit_holt_winters,
    holt_winters_forecast,
)

import pytest  # noqa: E402


def seasonal_series(n=600, period=12, seed=0):
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    return 10 + 0.05 * t + 2 * np.sin(2 * np.pi * t / period) + rng.normal(0, 0.3, n).cumsum() * 0.2


def test_holt_winters_forecast_matches_statsmodels_own_forecast_at_the_fit_end():
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    series = seasonal_series()
    train = series[:400]
    params = fit_holt_winters(train, 12)
    own = ExponentialSmoothing(train, trend="add", seasonal="add", seasonal_periods=12).fit()
    for horizon in (1, 5, 12):
        ours = holt_winters_forecast(train, np.array([399]), horizon, 12, params)
        np.testing.assert_allclose(ours, own.forecast(horizon)[-1:], rtol=1e-9)


def test_holt_winters_forecast_uses_no_value_after_its_origin():
    series = seasonal_series()
    params = fit_holt_winters(series[:400], 12, horizon=6)
    last = np.arange(420, 500)
    changed = series.copy()
    changed[500:] += 100.0  # after every origin in last, before 505
    np.testing.assert_allclose(
        holt_winters_forecast(series, last, 6, 12, params),
        holt_winters_forecast(changed, last, 6, 12, params),
    )
    assert not np.allclose(
        holt_winters_forecast(series, [505], 6, 12, params),
        holt_winters_forecast(changed, [505], 6, 12, params),
    )


def test_fitting_for_the_horizon_lowers_the_horizon_error_on_the_training_part():
    series = seasonal_series(seed=3)
    train, horizon = series[:400], 6
    last = np.arange(24, 400 - horizon)
    errors = {}
    for fit_for in (None, horizon):
        params = fit_holt_winters(train, 12, horizon=fit_for)
        forecast = holt_winters_forecast(train, last, horizon, 12, params)
        errors[fit_for] = np.mean((forecast - train[last + horizon]) ** 2)
    assert errors[horizon] <= errors[None]  # the search starts from the better of the two


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda s, p: fit_holt_winters(s[:30], 12), ValueError),
        (lambda s, p: fit_holt_winters(s[:400], 12, horizon=13), ValueError),
        (lambda s, p: fit_holt_winters(s[:400], 12.0), TypeError),
        (lambda s, p: fit_holt_winters(np.c_[s, s], 12), ValueError),
        (lambda s, p: holt_winters_forecast(s, [len(s)], 6, 12, p), ValueError),
        (lambda s, p: holt_winters_forecast(s, [2.0], 6, 12, p), TypeError),
        (lambda s, p: holt_winters_forecast(s, [100], 6, 7, p), ValueError),
        (lambda s, p: holt_winters_forecast(s, [100], 0, 12, p), ValueError),
    ],
)
def test_holt_winters_rejects_bad_arguments_by_name(call, error):
    series = seasonal_series()
    params = fit_holt_winters(series[:400], 12)
    with pytest.raises(error):
        call(series, params)


def test_block_bootstrap_covers_the_mean_and_widens_for_autocorrelated_values():
    rng = np.random.default_rng(0)
    noise = rng.normal(size=2000)
    low, high = block_bootstrap_interval(noise, block=1, seed=1)
    assert low < 0 < high and high - low == pytest.approx(2 * 1.96 / np.sqrt(2000), rel=0.15)
    smooth = np.convolve(noise, np.ones(20) / 20, mode="valid")  # strongly autocorrelated
    iid = np.subtract(*reversed(block_bootstrap_interval(smooth, block=1, seed=1)))
    blocked = np.subtract(*reversed(block_bootstrap_interval(smooth, block=100, seed=1)))
    assert blocked > 2.5 * iid
    assert block_bootstrap_interval(smooth, 50, seed=4) == block_bootstrap_interval(
        smooth, 50, seed=4
    )


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"block": 0}, ValueError),
        ({"block": 11}, ValueError),
        ({"block": 2.0}, TypeError),
        ({"block": 2, "resamples": 0}, ValueError),
        ({"block": 2, "confidence": 1.0}, ValueError),
        ({"block": 2, "values": [1.0, np.nan] * 5}, ValueError),
    ],
)
def test_block_bootstrap_rejects_bad_arguments(kwargs, error):
    kwargs = {"values": np.arange(10.0), **kwargs}
    with pytest.raises(error):
        block_bootstrap_interval(**kwargs)


def test_trend_season_weights_extrapolate_a_line_plus_a_cycle_exactly():
    from lstm_course.training.forecast_baselines import trend_season_weights

    t = np.arange(200.0)
    series = 3 + 0.2 * t + np.sin(2 * np.pi * t / 52) + 0.5 * np.cos(4 * np.pi * t / 52)
    weights = trend_season_weights(104, 26, 52, harmonics=2)
    windows = np.lib.stride_tricks.sliding_window_view(series[:-26], 104)
    np.testing.assert_allclose(windows @ weights, series[104 + 25 :], atol=1e-8)
    one = trend_season_weights(104, 26, 52, harmonics=1)  # misses the half-year wave
    assert np.abs(windows @ one - series[104 + 25 :]).max() > 0.1
    with pytest.raises(ValueError):
        trend_season_weights(5, 26, 52, harmonics=2)
    with pytest.raises(TypeError):
        trend_season_weights(104, 26.0, 52)
