"""How many threads NumPy's matrix products use. Used by notebook 08's NumPy training loop.

A NumPy LSTM step multiplies small matrices (a batch of 32 by 64 units): splitting such a
product over threads costs more than it saves, and on a busy machine the waiting threads
slow everything down (measured in notebook 08's development: twice as slow on 2 busy
cores). :func:`blas_threads` sets the thread count of the OpenBLAS library that NumPy's
wheels bundle, for a ``with`` block, and restores it afterwards. Where NumPy uses another
BLAS, it does nothing (and says so with ``False``). Results do not depend on the count.
"""

from lstm_course.arguments import as_positive_int

import contextlib
import ctypes
import glob
import os

import numpy as np

_NAMES = (
    ("scipy_openblas_get_num_threads64_", "scipy_openblas_set_num_threads64_"),
    ("openblas_get_num_threads64_", "openblas_set_num_threads64_"),
    ("openblas_get_num_threads", "openblas_set_num_threads"),
)


def _openblas():
    """(get, set) functions of NumPy's bundled OpenBLAS, or None."""
    folder = os.path.dirname(np.__file__) + ".libs"  # where the wheels put it (Linux)
    for path in sorted(glob.glob(os.path.join(folder, "*openblas*"))):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for get, set_ in _NAMES:
            if hasattr(lib, get) and hasattr(lib, set_):
                return getattr(lib, get), getattr(lib, set_)
    return None


@contextlib.contextmanager
def blas_threads(n: int):
    """Within the block, NumPy's bundled OpenBLAS uses ``n`` threads.

    Yields ``True`` if the count was set, ``False`` if no bundled OpenBLAS was found.
    """
    n = as_positive_int(n, "n")
    functions = _openblas()
    if functions is None:
        yield False
        return
    get, set_ = functions
    before = int(get())
    set_(n)
    try:
        yield True
    finally:
        set_(before)
