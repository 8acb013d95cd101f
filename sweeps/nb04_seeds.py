"""Notebook 04's CO₂ forecast over seeds: the LSTM, and the linear model trained like it.

Runs ``notebooks/04_keras_lstm.ipynb`` with its defaults and ``SEED`` = 42 (the run the
notebook shows) and 0 to 4, and keeps what the notebook records: the validation and test MAE
of the LSTM, of the linear model trained by Adam like the LSTM (the optimiser control) and of
the least-squares linear model (the best baseline on validation, which has no seed), the
epoch of the lowest validation loss and the number of epochs run, and the notebook's ✓/✗
lines. The seed changes the networks' initial weights and the order of the training
batches; the data and its split are fixed. It informs no choice: the notebook's settings were
fixed before it ran, and it only reports where the run shown falls. About 70 s per seed,
two at a time.

    python sweeps/nb04_seeds.py            # writes sweeps/results/nb04_seeds.json
"""

from common import checks_held, main, notebook_row, spread

INFORMS_CHOICE = False
NOTEBOOK = "04_keras_lstm"
SEEDS = [42, 0, 1, 2, 3, 4]
MAX_EPOCHS = 30  # the notebook's default, which the sweep keeps
KEYS = {
    "val_mae_lstm": "co2_val_mae_lstm",
    "test_mae_lstm": "co2_test_mae_lstm",
    "val_mae_linear_adam": "co2_val_mae_linear_adam_like_the_lstm",
    "test_mae_linear_adam": "co2_test_mae_linear_adam_like_the_lstm",
    "val_mae_least_squares": "co2_val_mae_linear_autoregression",
    "test_mae_least_squares": "co2_test_mae_linear_autoregression",
    "best_epoch": "co2_val_lstm_best_epoch",
    "epochs_run": "co2_lstm_epochs_run",
}


def one(seed: int) -> dict:
    return notebook_row(NOTEBOOK, {"SEED": seed}, KEYS, informs_choice=INFORMS_CHOICE, seed=seed)


def quotes(rows: list) -> list[str]:
    n, shown = len(rows), rows[0]
    seeds = ", ".join(str(r["seed"]) for r in rows)
    lstm = {p: spread(r[f"{p}_mae_lstm"] for r in rows) for p in ("val", "test")}
    adam = {p: spread(r[f"{p}_mae_linear_adam"] for r in rows) for p in ("val", "test")}
    rank = 1 + sum(r["val_mae_lstm"] < shown["val_mae_lstm"] for r in rows)
    behind = sum(r["val_mae_lstm"] > r["val_mae_least_squares"] for r in rows)
    adam_behind = sum(r["val_mae_linear_adam"] > r["val_mae_least_squares"] for r in rows)
    same = "the same" if len({r["val_mae_least_squares"] for r in rows}) == 1 else "not the same"
    stopped = [r["epochs_run"] for r in rows if r["epochs_run"] < MAX_EPOCHS]
    return [
        f"over {n} seeds ({seeds}) the LSTM's validation MAE ranged from "
        f"{lstm['val']['min']:.2f} to {lstm['val']['max']:.2f} ppm (median "
        f"{lstm['val']['median']:.2f}), its test MAE from {lstm['test']['min']:.2f} to "
        f"{lstm['test']['max']:.2f}",
        f"the run shown (seed {shown['seed']}, validation {shown['val_mae_lstm']:.2f}) ranks "
        f"{rank} of {n} on validation, 1 being the best",
        f"least squares ({shown['val_mae_least_squares']:.2f} validation, "
        f"{shown['test_mae_least_squares']:.2f} test, {same} in every run) beat the LSTM on "
        f"validation in {behind} of {n} runs",
        f"the linear model trained by Adam like the LSTM scored {adam['val']['min']:.2f} to "
        f"{adam['val']['max']:.2f} on validation (test {adam['test']['min']:.2f} to "
        f"{adam['test']['max']:.2f}), behind least squares in {adam_behind} of {n} runs",
        f"early stopping ended training before the epoch cap in {len(stopped)} of {n} runs"
        + (f" (after {min(stopped)} to {max(stopped)} epochs)" if stopped else ""),
        checks_held(rows),
    ]


if __name__ == "__main__":
    main(
        __doc__.splitlines()[0],
        one,
        SEEDS,
        tuple(KEYS),
        "nb04_seeds",
        quotes,
        informs_choice=INFORMS_CHOICE,
        measured=(f"notebooks/{NOTEBOOK}.ipynb",),
        claims="notebook 04, section 5, 'Other seeds'",
    )
