"""Real data shipped with the course (nothing is downloaded at run time). Used in notebook 04.

The synthetic data sets are in :mod:`lstm_course.data.synthetic`.
"""

from lstm_course.arguments import describe

import csv
from importlib import resources

import numpy as np


def load_co2(fill_missing: bool = True):
    """Weekly CO2 concentration at Mauna Loa, March 1958 to December 2001 (public domain).

    See ``lstm_course/data/files/README.md`` for the source and licence.

    Args:
        fill_missing: linearly interpolate the 59 weeks without a measurement (otherwise
            they are NaN).

    Returns:
        ``(dates, co2, missing)``: ``datetime64[D]`` dates, float32 ppmv values, and a
        boolean mask of the weeks that had no measurement; 2,284 weeks each.
    """
    if not isinstance(fill_missing, bool | np.bool_):
        raise TypeError(f"fill_missing must be True or False, got {describe(fill_missing)}")
    path = resources.files("lstm_course.data") / "files" / "co2_mauna_loa_weekly.csv"
    with path.open() as handle:
        rows = list(csv.DictReader(handle))
    dates = np.array(
        [f"{r['date'][:4]}-{r['date'][4:6]}-{r['date'][6:]}" for r in rows], dtype="datetime64[D]"
    )
    co2 = np.array([float(r["co2"]) if r["co2"] else np.nan for r in rows])
    missing = np.isnan(co2)
    if fill_missing:
        week = np.arange(len(co2))
        co2[missing] = np.interp(week[missing], week[~missing], co2[~missing])
    return dates, co2.astype("float32"), missing
