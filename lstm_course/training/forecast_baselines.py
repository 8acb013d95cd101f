"""Simple forecasters that a learned model must beat (used by notebook 04).

NumPy only. ``seasonal_drift`` needs no training; ``fit_linear`` / ``predict_linear`` are
ordinary least squares on a window of past values (a linear autoregressive model).
"""

import numpy as np


def seasonal_drift(series, last, horizon, period, years=1):
    """Forecast ``series[last + horizon]`` from values up to ``series[last]`` only.

    For each ``k`` in ``1 .. years``: the value ``k`` periods before the target, plus the
    growth over the last ``k`` periods, ``series[last] - series[last - k * period]``. The
    forecast is the mean of these ``years`` forecasts. ``years=1`` is the seasonal-naive
    forecast corrected for the trend of the last period.

    Args:
        series: 1-D array of values.
        last: index (or array of indices) of the last known value.
        horizon: how many steps after ``last`` to forecast, ``1 <= horizon <= period``.
        period: length of the season, in steps (52 for weekly data with a yearly cycle).
        years: number of past periods to average over.
    """
    series = np.asarray(series, dtype="float64")
    last = np.asarray(last)
    if not 1 <= horizon <= period:
        raise ValueError(f"horizon must be in 1 .. period ({period}), got {horizon}")
    if years < 1:
        raise ValueError(f"years must be at least 1, got {years}")
    if np.any(last - years * period < 0) or np.any(last >= len(series)):
        raise ValueError(f"every index in last needs {years * period} values before it")
    forecasts = [
        series[last + horizon - k * period] + series[last] - series[last - k * period]
        for k in range(1, years + 1)
    ]
    return np.mean(forecasts, axis=0)


def fit_linear(X, y):
    """Least-squares weights (with an intercept, last) of ``y ≈ X @ w[:-1] + w[-1]``."""
    X, y = np.asarray(X, dtype="float64"), np.asarray(y, dtype="float64")
    if X.ndim != 2 or y.shape != (len(X),):
        raise ValueError(f"X must be (n, d) and y (n,), got {X.shape} and {y.shape}")
    design = np.column_stack([X, np.ones(len(X))])
    weights, *_ = np.linalg.lstsq(design, y, rcond=None)
    return weights


def predict_linear(weights, X):
    """Predictions ``X @ weights[:-1] + weights[-1]`` of a model from :func:`fit_linear`."""
    X = np.asarray(X, dtype="float64")
    return X @ weights[:-1] + weights[-1]
