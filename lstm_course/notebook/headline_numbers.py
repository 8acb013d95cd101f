"""Headline numbers for the README, recorded by the notebooks (01 to 10) while they run.

A notebook calls ``metric("adding_mse_lstm", mse)``. Nothing is printed; when the
environment variable ``LSTM_COURSE_METRICS`` names a file (``benchmarks/run_notebooks.py``
sets it for each kernel), the value is added to that JSON file. The README's results table
is generated from the collected file, so its numbers come from an executed run.
"""

import json
import math
import numbers
import os
import re
from pathlib import Path

import numpy as np

ENV_VAR = "LSTM_COURSE_METRICS"
_NAME = re.compile(r"[a-z][a-z0-9_]*")


def metric(name: str, value) -> None:
    """Record a headline number (silently; only written when ``LSTM_COURSE_METRICS`` is set).

    Raises:
        ValueError: if ``name`` is not lower_snake_case.
        TypeError: if ``value`` is not a real number (NumPy scalars accepted).
        ValueError: if ``value`` is NaN or infinite (JSON has no such numbers, and a NaN
            headline number means the run went wrong).
    """
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ValueError(f"metric name must be a lower_snake_case string, got {name!r}")
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"metric {name!r} value must be a real number, got {type(value).__name__}")
    if not math.isfinite(float(value)):
        raise ValueError(f"metric {name!r} value must be finite, got {value}")
    path = os.environ.get(ENV_VAR)
    if not path:
        return
    path = Path(path)
    values = json.loads(path.read_text()) if path.exists() else {}
    values[name] = float(value)
    path.write_text(json.dumps(values, indent=2, sort_keys=True) + "\n")
