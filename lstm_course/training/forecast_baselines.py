"""Simple forecasters that a learned model must beat, and how to compare them (notebook 04).

``seasonal_drift`` needs no training; ``fit_linear`` / ``predict_linear`` are ordinary least
squares on a window of past values (a direct linear regression on the last values);
``fit_holt_winters`` / ``holt_winters_forecast`` are additive Holt-Winters exponential
smoothing from ``statsmodels``, fitted once and then run from every forecast origin with
fixed parameters; ``block_bootstrap_interval`` gives a moving-block bootstrap interval for the
mean of an autocorrelated series (such as the difference of two forecasters' errors).
"""

from lstm_course.arguments import as_int, as_positive_int, as_real, describe

import warnings

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
    years = as_int(years, "years", minimum=1)
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


def _holt_winters_states(series, period, params):
    """Level, slope and season of additive Holt-Winters run over ``series`` with fixed
    ``params`` (the smoothing parameters and initial states): each state at step ``t`` uses
    ``series[: t + 1]`` only."""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    model = ExponentialSmoothing(
        series,
        trend="add",
        seasonal="add",
        seasonal_periods=period,
        initialization_method="known",
        initial_level=params["initial_level"],
        initial_trend=params["initial_trend"],
        initial_seasonal=params["initial_seasons"],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # statsmodels warns about fixed, unoptimised values
        fit = model.fit(
            smoothing_level=params["smoothing_level"],
            smoothing_trend=params["smoothing_trend"],
            smoothing_seasonal=params["smoothing_seasonal"],
            optimized=False,
        )
    return np.asarray(fit.level), np.asarray(fit.trend), np.asarray(fit.season)


def _check_series(series, name="series"):
    series = np.asarray(series, dtype="float64")
    if series.ndim != 1 or not np.all(np.isfinite(series)):
        raise ValueError(f"{name} must be a 1-D array of finite numbers, got shape {series.shape}")
    return series


def fit_holt_winters(train, period, horizon=None):
    """Fit additive Holt-Winters (additive trend and season) to ``train`` with statsmodels.

    With ``horizon=None`` the parameters are statsmodels' own fit (it minimises the one-step
    squared error). With a ``horizon``, the initial states are kept from that fit and the three
    smoothing parameters are then chosen (Nelder-Mead from scipy, each clipped to [0, 1])
    to minimise the mean squared ``horizon``-step error over every origin in ``train`` that
    has two periods of history: the error of the forecast one asks for.

    Args:
        train: 1-D array, the training part of the series only.
        period: the season's length in steps (52 for weekly data with a yearly cycle).
        horizon: ``None``, or the number of steps ahead to fit for, ``1 <= horizon <= period``.

    Returns:
        A dict of the smoothing parameters and initial states, for :func:`holt_winters_forecast`.
    """
    from scipy.optimize import minimize
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    train = _check_series(train, "train")
    period = as_int(period, "period", minimum=2)
    if len(train) < 3 * period:
        raise ValueError(f"train must hold at least 3 periods ({3 * period}), got {len(train)}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence notes from statsmodels' optimiser
        fit = ExponentialSmoothing(
            train, trend="add", seasonal="add", seasonal_periods=period
        ).fit()
    params = {k: fit.params[k] for k in ("initial_level", "initial_trend", "initial_seasons")}
    smoothing = ("smoothing_level", "smoothing_trend", "smoothing_seasonal")
    params.update({k: float(fit.params[k]) for k in smoothing})
    if horizon is None:
        return params
    horizon = as_int(horizon, "horizon", minimum=1, maximum=period)
    origins = np.arange(2 * period, len(train) - horizon)

    def loss(values):
        trial = {**params, **dict(zip(smoothing, np.clip(values, 0, 1), strict=True))}
        level, slope, season = _holt_winters_states(train, period, trial)
        forecast = level[origins] + horizon * slope[origins] + season[origins + horizon - period]
        return float(np.mean((forecast - train[origins + horizon]) ** 2))

    start = min([params[k] for k in smoothing], [0.1, 0.01, 0.1], key=loss)
    best = minimize(loss, start, method="Nelder-Mead", options={"xatol": 1e-4, "fatol": 1e-6})
    params.update(dict(zip(smoothing, np.clip(best.x, 0, 1).tolist(), strict=True)))
    return params


def holt_winters_forecast(series, last, horizon, period, params):
    """Forecast ``series[last + horizon]`` from every origin ``last`` with fixed ``params``.

    A rolling origin without refitting: the smoothing recursion runs once over ``series`` with
    the parameters of :func:`fit_holt_winters`; the forecast from origin ``t`` is
    ``level[t] + horizon * slope[t] + season[t + horizon - period]``, which uses
    ``series[: t + 1]`` only.

    Args:
        series: 1-D array of values (the whole series).
        last: index (or array of indices) of the last known value.
        horizon: steps ahead, ``1 <= horizon <= period``.
        period: the season's length, as in the fit.
        params: the dict :func:`fit_holt_winters` returned.
    """
    series = _check_series(series)
    period = as_int(period, "period", minimum=2)
    horizon = as_int(horizon, "horizon", minimum=1, maximum=period)
    if not isinstance(params, dict) or len(np.ravel(params.get("initial_seasons", []))) != period:
        raise ValueError(
            f"params must be the dict fit_holt_winters returned for period {period}, "
            f"got {describe(params)}"
        )
    last = np.asarray(last)
    if not np.issubdtype(last.dtype, np.integer):
        raise TypeError(f"last must hold integer indices, got dtype {last.dtype}")
    if np.any(last < period - horizon) or np.any(last >= len(series)):
        raise ValueError(
            f"every index in last must lie in [{period - horizon}, {len(series) - 1}], "
            f"got {last.min()} to {last.max()}"
        )
    level, slope, season = _holt_winters_states(series, period, params)
    return level[last] + horizon * slope[last] + season[last + horizon - period]


def block_bootstrap_interval(values, block, resamples=2000, seed=0, confidence=0.95):
    """Moving-block bootstrap interval for the mean of an autocorrelated series.

    Each resample glues together randomly chosen runs of ``block`` consecutive values
    (starting anywhere) until it is as long as ``values``, keeping the dependence within a
    block; the interval is the percentile interval of the resampled means.

    Args:
        values: 1-D array of finite numbers, in time order (e.g. the difference of two
            forecasters' absolute errors, origin by origin).
        block: the block length, ``1 <= block <= len(values)``.
        resamples: how many bootstrap means to draw.
        seed: seed of the random generator (the interval is reproducible).
        confidence: the interval's coverage, in (0, 1).

    Returns:
        ``(low, high)``.
    """
    values = _check_series(values, "values")
    block = as_int(block, "block", minimum=1, maximum=len(values))
    resamples = as_positive_int(resamples, "resamples")
    seed = as_int(seed, "seed", minimum=0)
    confidence = as_real(confidence, "confidence", minimum=0.0, maximum=1.0)
    if confidence in (0.0, 1.0):
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence}")
    n = len(values)
    blocks = -(-n // block)  # enough blocks to cover n values
    starts = np.random.default_rng(seed).integers(0, n - block + 1, size=(resamples, blocks))
    index = (starts[:, :, None] + np.arange(block)).reshape(resamples, -1)[:, :n]
    means = values[index].mean(axis=1)
    tail = (1 - confidence) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return float(low), float(high)


def trend_season_weights(window, horizon, period, harmonics=2):
    """Weights ``w`` such that ``x @ w`` extrapolates a least-squares fit of a straight line
    plus ``harmonics`` yearly sines and cosines to the ``window`` values ``x``, ``horizon``
    steps after the last one.

    The fit is made afresh on every window and needs no training: because least squares is
    linear in the data, the forecast is a fixed linear function of the window.

    Args:
        window: number of past values in a window.
        horizon: steps after the window's last value to forecast, at least 1.
        period: the season's length in steps.
        harmonics: number of sine/cosine pairs (1 is the yearly wave, 2 adds the half-year).
    """
    window = as_int(window, "window", minimum=2)
    horizon = as_positive_int(horizon, "horizon")
    period = as_int(period, "period", minimum=2)
    harmonics = as_int(harmonics, "harmonics", minimum=0)
    if window < 2 + 2 * harmonics:
        raise ValueError(
            f"window must hold at least {2 + 2 * harmonics} values for {harmonics} harmonics, "
            f"got {window}"
        )

    def design(t):
        waves = [
            f(2 * np.pi * k * t / period) for k in range(1, harmonics + 1) for f in (np.sin, np.cos)
        ]
        return np.column_stack([np.ones_like(t), t, *waves])

    t = np.arange(window, dtype="float64")
    target = design(np.array([window - 1 + horizon], dtype="float64"))
    return (target @ np.linalg.pinv(design(t)))[0]
