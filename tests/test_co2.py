from lstm_course.data.co2 import load_co2

import numpy as np


def test_co2_series_is_complete_weekly_and_plausible():
    dates, co2, missing = load_co2()
    assert len(dates) == len(co2) == 2284 and missing.sum() == 59
    assert dates[0] == np.datetime64("1958-03-29") and dates[-1] == np.datetime64("2001-12-29")
    assert np.all(np.diff(dates) == np.timedelta64(7, "D"))
    assert not np.isnan(co2).any() and co2.dtype == np.float32
    assert 310 < co2.min() < 320 and 365 < co2.max() < 375  # ppmv, rising over the decades


def test_missing_weeks_can_be_left_as_nan():
    _, co2, missing = load_co2(fill_missing=False)
    assert np.array_equal(np.isnan(co2), missing)
