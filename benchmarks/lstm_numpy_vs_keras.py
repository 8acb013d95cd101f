"""Time forward + backward of the NumPy LSTM against a Keras LSTM, in the same run, on CPU.

Shapes: batch 64, 50 steps, 32 input features, 128 units, float32. The Keras side is the
layer's forward pass plus a ``tf.GradientTape`` backward pass to the weights and inputs;
the NumPy side is ``lstm_forward`` plus ``lstm_backward``. Prints both medians and the
ratio. Goal: NumPy within 2x of Keras.

    python benchmarks/lstm_numpy_vs_keras.py [--repeats 30]
"""

import lstm_course as lc
from lstm_course.numpy_models import lstm

import argparse
import time

import keras
import numpy as np
import tensorflow as tf

BATCH, STEPS, FEATURES, UNITS = 64, 50, 32, 128


def median_seconds(fn, repeats):
    fn()  # warm-up (tracing, allocation)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args(argv)
    lc.seed_everything(0)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(BATCH, STEPS, FEATURES)).astype("float32")
    upstream = rng.normal(size=(BATCH, STEPS, UNITS)).astype("float32")

    layer = keras.layers.LSTM(UNITS, return_sequences=True)
    x_tf, upstream_tf = tf.constant(x), tf.constant(upstream)

    @tf.function
    def keras_step():
        with tf.GradientTape() as tape:
            tape.watch(x_tf)
            loss = tf.reduce_sum(layer(x_tf) * upstream_tf)
        return tape.gradient(loss, [x_tf, *layer.trainable_weights])

    keras_step()  # builds the layer
    weights = lstm.from_keras_lstm(layer)

    def numpy_step():
        _, _, cache = lstm.lstm_forward(x, *weights)
        return lstm.lstm_backward(upstream, cache)

    keras_s = median_seconds(keras_step, args.repeats)
    numpy_s = median_seconds(numpy_step, args.repeats)
    print(
        f"forward + backward, batch {BATCH}, T {STEPS}, d {FEATURES}, H {UNITS}, float32, "
        f"median of {args.repeats}:"
    )
    print(f"  Keras LSTM + GradientTape (tf.function): {keras_s * 1e3:7.1f} ms")
    print(f"  NumPy lstm_forward + lstm_backward:       {numpy_s * 1e3:7.1f} ms")
    print(f"  ratio NumPy / Keras: {numpy_s / keras_s:.2f}  (goal: <= 2)")


if __name__ == "__main__":
    main()
