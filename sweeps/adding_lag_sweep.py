"""Notebook 02's lag effect, measured outside the notebook (too slow for its time budget).

The adding problem with the two markers at fixed places, the first step and the last, so
the first marked value must be carried exactly T - 1 steps and nothing else changes with T.
That variant has a shortcut the notebook's task lacks: its markers carry no information and
the last value alone scores MSE 1/12. The control ("second marker random") keeps the first
marker on step 0 but puts the second on a random step of the second half, as in notebook
02's task, so the markers must be read and the last value is half of the answer only by
chance; it runs only at T = 50 and 100, where the fixed variant failed (to keep it cheap).
Both models are trained as in notebook 02 (32 units, Adam with a cosine-decaying learning
rate from 0.01, global_clipnorm=1, batch 64, the notebook's N_TRAIN and at most EPOCHS
epochs, stopped once the MSE on 1,000 validation sequences is below 0.005), and their test
MSE on 2,000 other sequences is kept with the number of epochs run, one row per seed, model
and length. It informs no choice: the budget is notebook 02's, fixed before.

    python sweeps/adding_lag_sweep.py     # writes sweeps/results/adding_lag_sweep.json

Predicting the mean scores 1/6 ≈ 0.167; using only the last value, 1/12 ≈ 0.083.
About 3 minutes per seed and model pair on a 2-core CPU, two at a time.
"""

import argparse

from common import run_all

INFORMS_CHOICE = False  # it backs notebook 02's fixed-lag sentences; it chooses nothing
SEEDS, STEPS, MODELS = (0, 1, 2, 3, 4), (10, 25, 50, 100), ("SimpleRNN", "LSTM")
CONTROL_STEPS = (50, 100)  # the control: first marker on step 0, second random in 2nd half
SOLVED = 0.01  # test MSE; the stop rule's validation target is 0.005


def fixed_marker_adding(n, steps, rng, random_second=False):
    """Adding problem with markers on the first and the last step: x (n, steps, 2), y (n,).
    With ``random_second`` the second marker sits on a random step of the second half."""
    import numpy as np

    values = rng.uniform(size=(n, steps))
    markers = np.zeros((n, steps))
    markers[:, 0] = 1
    if random_second:
        markers[np.arange(n), rng.integers(steps // 2, steps, size=n)] = 1
    else:
        markers[:, -1] = 1
    x = np.stack([values, markers], axis=-1).astype("float32")
    return x, (values * markers).sum(axis=1).astype("float32")


def test_mse(kind, steps, seed, n_train=10_000, epochs=12, units=32, batch=64, control=False):
    """Train one model on one length; its test MSE and the epochs it ran. TensorFlow is
    imported here, in the worker, never in the parent that forks the workers."""
    import lstm_course as lc

    import keras
    import numpy as np

    class StopWhenSolved(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):  # as in notebook 02
            self.model.stop_training = logs["val_loss"] < 0.005

    rng = np.random.default_rng(seed)
    x, y = fixed_marker_adding(n_train, steps, rng, control)
    x_test, y_test = fixed_marker_adding(2000, steps, rng, control)
    val = fixed_marker_adding(1000, steps, rng, control)
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


def one(job) -> dict:
    import time

    seed, kind = job
    start, row = time.perf_counter(), {"seed": seed, "model": kind, "errors": []}
    for steps in STEPS:
        row[f"test_mse_{steps}"], row[f"epochs_{steps}"] = test_mse(kind, steps, seed)
    for steps in CONTROL_STEPS:
        mse, epochs = test_mse(kind, steps, seed, control=True)
        row[f"control_test_mse_{steps}"], row[f"control_epochs_{steps}"] = mse, epochs
    return row | {"seconds": round(time.perf_counter() - start, 1)}


def quotes(rows: list) -> list[str]:
    header = "| model, seed | " + " | ".join(f"$T = {s}$" for s in STEPS) + " |"
    table = [
        f"| {r['model']}, {r['seed']} | "
        + " | ".join(f"{r[f'test_mse_{s}']:.3f}" for s in STEPS)
        + " |"
        for kind in MODELS
        for r in sorted((r for r in rows if r["model"] == kind), key=lambda r: r["seed"])
    ]
    counts = []
    for kind in MODELS:
        mine = [r for r in rows if r["model"] == kind]
        solved = [sum(r[f"test_mse_{s}"] < SOLVED for r in mine) for s in STEPS]
        counts.append(
            f"{kind}: test MSE below {SOLVED} in "
            + ", ".join(map(str, solved[:-1]))
            + f" and {solved[-1]} of {len(mine)} seeds at T = "
            + ", ".join(map(str, STEPS[:-1]))
            + f" and {STEPS[-1]}"
        )
    control_header = (
        "| second marker random, model, seed | "
        + " | ".join(f"$T = {s}$" for s in CONTROL_STEPS)
        + " |"
    )
    control = [
        f"| {r['model']}, {r['seed']} | "
        + " | ".join(
            f"{r[f'control_test_mse_{s}']:.3f} ({r[f'control_epochs_{s}']})" for s in CONTROL_STEPS
        )
        + " |"
        for kind in MODELS
        for r in sorted((r for r in rows if r["model"] == kind), key=lambda r: r["seed"])
    ]
    for kind in MODELS:
        mine = [r for r in rows if r["model"] == kind]
        solved = [sum(r[f"control_test_mse_{s}"] < SOLVED for r in mine) for s in CONTROL_STEPS]
        shortcut = [
            sum(abs(r[f"control_test_mse_{s}"] - 1 / 12) < 0.01 for r in mine)
            for s in CONTROL_STEPS
        ]
        counts.append(
            f"{kind}, second marker random: test MSE below {SOLVED} in "
            + " and ".join(map(str, solved))
            + f" of {len(mine)} seeds at T = "
            + " and ".join(map(str, CONTROL_STEPS))
            + "; within 0.01 of 1/12 in "
            + " and ".join(map(str, shortcut))
        )
    return [header, *table, control_header, *control, *counts]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    run_all(
        one,
        [(seed, kind) for kind in MODELS for seed in SEEDS],
        args.jobs,
        tuple(f"test_mse_{s}" for s in STEPS)
        + tuple(f"control_test_mse_{s}" for s in CONTROL_STEPS),
        "adding_lag_sweep",
        quotes,
        informs_choice=INFORMS_CHOICE,
        measured=("sweeps/adding_lag_sweep.py",),
        claims="notebook 02, section 5: 'Is it the lag?'",
    )


if __name__ == "__main__":
    main()
