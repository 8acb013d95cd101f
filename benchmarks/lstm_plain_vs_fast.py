"""Time the plain LSTM (lstm_course.numpy_models.lstm_reference) against the fast one
(lstm_course.numpy_models.lstm).

Both run forward + backward on the same float32 batch (64 sequences, 50 steps, 32 input
features, 128 units) and must agree; prints both medians and the speed-up. NumPy only: no
TensorFlow is imported.

    python benchmarks/lstm_plain_vs_fast.py [--repeats 10]
"""

from lstm_course.numpy_models import lstm, lstm_reference

import argparse
import time

import numpy as np

BATCH, STEPS, FEATURES, UNITS = 64, 50, 32, 128


def median_seconds(fn, repeats):
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(BATCH, STEPS, FEATURES)).astype("float32")
    upstream = rng.normal(size=(BATCH, STEPS, UNITS)).astype("float32")
    weights = (
        rng.normal(scale=0.1, size=(FEATURES, 4 * UNITS)).astype("float32"),
        rng.normal(scale=0.1, size=(UNITS, 4 * UNITS)).astype("float32"),
        np.zeros(4 * UNITS, "float32"),
    )

    def run(module):
        _, _, cache = module.lstm_forward(x, *weights)
        return module.lstm_backward(upstream, cache)

    fast, plain = run(lstm), run(lstm_reference)
    worst = max(float(np.max(np.abs(fast[k] - plain[k]))) for k in fast)
    fast_s = median_seconds(lambda: run(lstm), args.repeats)
    plain_s = median_seconds(lambda: run(lstm_reference), args.repeats)
    print(
        f"forward + backward, batch {BATCH}, T {STEPS}, d {FEATURES}, H {UNITS}, float32, "
        f"median of {args.repeats}:"
    )
    print(f"  plain (lstm_reference): {plain_s * 1e3:7.1f} ms")
    print(f"  fast (lstm):            {fast_s * 1e3:7.1f} ms")
    print(f"  speed-up: {plain_s / fast_s:.2f}x; largest difference {worst:.1e}")


if __name__ == "__main__":
    main()
