"""Notebook 02's lag effect, measured outside the notebook (too slow for its time budget).

The adding problem with the two markers at fixed places, the first step and the last, so
the first marked value must be carried exactly T - 1 steps and nothing else changes with T.
Both models are trained as in notebook 02 (32 units, Adam with a cosine-decaying learning
rate from 0.01, global_clipnorm=1, batch 64, the notebook's N_TRAIN and at most EPOCHS
epochs, stopped once the MSE on 1,000 validation sequences is below 0.005), and their test
MSE on 2,000 other sequences is printed with the number of epochs run, one row per seed
and model:

    python sweeps/adding_lag_sweep.py                    # seeds 0-4, T = 10 25 50 100
    python sweeps/adding_lag_sweep.py --seeds 7 --steps 25 100

Predicting the mean scores 1/6 ≈ 0.167; using only the last value, 1/12 ≈ 0.083.
It takes about 2 minutes per seed on a 2-core CPU.
"""

import lstm_course as lc

import argparse
import time

import keras
import numpy as np

INFORMS_CHOICE = False  # it backs notebook 02's fixed-lag sentences; it chooses nothing


def fixed_marker_adding(n, steps, rng):
    """Adding problem with markers on the first and the last step: x (n, steps, 2), y (n,)."""
    values = rng.uniform(size=(n, steps))
    markers = np.zeros((n, steps))
    markers[:, [0, -1]] = 1
    x = np.stack([values, markers], axis=-1).astype("float32")
    return x, (values * markers).sum(axis=1).astype("float32")


class StopWhenSolved(keras.callbacks.Callback):
    """Stop training once the validation MSE is below 0.005 (as in notebook 02)."""

    def on_epoch_end(self, epoch, logs=None):
        self.model.stop_training = logs["val_loss"] < 0.005


def test_mse(kind, steps, seed, n_train, epochs, units=32, batch=64):
    rng = np.random.default_rng(seed)
    x, y = fixed_marker_adding(n_train, steps, rng)
    x_test, y_test = fixed_marker_adding(2000, steps, rng)
    val = fixed_marker_adding(1000, steps, rng)
    lc.seed_everything(seed)
    layer = keras.layers.SimpleRNN(units) if kind == "SimpleRNN" else keras.layers.LSTM(units)
    model = keras.Sequential([keras.Input(shape=(steps, 2)), layer, keras.layers.Dense(1)])
    schedule = keras.optimizers.schedules.CosineDecay(1e-2, decay_steps=epochs * n_train // batch)
    model.compile(keras.optimizers.Adam(schedule, global_clipnorm=1.0), loss="mse")
    history = model.fit(
        x,
        y,
        batch_size=batch,
        epochs=epochs,
        validation_data=val,
        verbose=0,
        callbacks=[StopWhenSolved()],
    )
    return float(model.evaluate(x_test, y_test, verbose=0)), len(history.history["loss"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    parser.add_argument("--steps", type=int, nargs="+", default=[10, 25, 50, 100])
    parser.add_argument("--models", nargs="+", default=["SimpleRNN", "LSTM"])
    parser.add_argument("--n-train", type=int, default=10_000)
    parser.add_argument("--epochs", type=int, default=12)
    args = parser.parse_args()
    print(f"test MSE (epochs run), N_TRAIN={args.n_train}, EPOCHS={args.epochs}; T = {args.steps}")
    for seed in args.seeds:
        for kind in args.models:
            start = time.perf_counter()
            row = [test_mse(kind, t, seed, args.n_train, args.epochs) for t in args.steps]
            cells = "  ".join(f"{mse:.3f} ({epochs:>2})" for mse, epochs in row)
            print(f"seed {seed} {kind:>9}: {cells}   ({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
