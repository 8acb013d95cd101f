"""Notebook 08's NumPy training with one BLAS thread against two (benchmarks/README.md).

A slice of the notebook's training loop at its sizes: 57 characters, 64 units, 32 streams of
32 characters, 60 chunks. Run it on an idle machine, then with another program keeping a core
busy (a learner's browser, the test suite's other workers)::

    python benchmarks/blas_threads.py 1; python benchmarks/blas_threads.py 2
"""

from lstm_course.numpy_models import char_lm
from lstm_course.training.optimisers import Adam

import argparse
import time

import numpy as np
from threadpoolctl import threadpool_limits

VOCAB, UNITS, BATCH, LENGTH, CHUNKS = 57, 64, 32, 32, 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("threads", type=int, help="BLAS threads")
    threads = parser.parse_args().threads
    rng = np.random.default_rng(0)
    inputs, targets = rng.integers(0, VOCAB, size=(2, CHUNKS, BATCH, LENGTH))
    params = char_lm.init_params(VOCAB, UNITS, np.random.default_rng(0))
    with threadpool_limits(threads, user_api="blas"):
        start = time.perf_counter()
        char_lm.train(params, inputs, targets, Adam(0.01), CHUNKS)
        print(f"{threads} BLAS thread(s): {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
