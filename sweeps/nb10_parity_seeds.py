"""Notebook 10's parity checks over other seeds, on validation strings: do their thresholds
hold with margin, and how does the signed minGRU fare?

Runs ``notebooks/10_after_the_lstm.ipynb`` with ``SCORE_TEST = False`` (no test string is
scored) and ``SEED`` = 0 to 4 (each seed draws fresh strings and fresh weights), and keeps
the validation accuracy of each model at each test length (``parity_val_accuracy_*``), the
signed minGRU's on the training length's validation strings (what its check reads), and the
minGRU's validation MSE on the adding problem beside predicting the training mean. The
notebook's checks read the same numbers for its own seed (42). It informs a choice, the
checks' thresholds, so it sees no test score. About 35 s per run, two at a time.

    python sweeps/nb10_parity_seeds.py      # writes sweeps/results/nb10_parity_seeds.json
"""

from common import checks_held, main, notebook_row, spread

INFORMS_CHOICE = True
NOTEBOOK = "10_after_the_lstm"
LENGTHS = (16, 64, 256)  # the notebook's TEST_LENGTHS; 16 is its TRAIN_LENGTH
MODELS = ("lstm", "mingru", "mingru_signed", "mingru_2")
KEYS = {f"val_{m}_{s}": f"parity_val_accuracy_{m}_{s}" for m in MODELS for s in LENGTHS}
KEYS["val_mingru_signed_train"] = "parity_val_accuracy_mingru_signed_train_length"
KEYS["adding_mse"] = "adding_val_mse_mingru"
KEYS["adding_mean_mse"] = "adding_val_mse_training_mean"


def one(seed: int) -> dict:
    return notebook_row(NOTEBOOK, {"SEED": seed}, KEYS, informs_choice=INFORMS_CHOICE, seed=seed)


def _range(values, form=".1%") -> str:
    s = spread(values)
    return f"{s['min']:{form}} to {s['max']:{form}}, median {s['median']:{form}}"


def quotes(rows: list) -> list[str]:
    seeds = sorted(r["seed"] for r in rows)
    lstm = spread(min(r[f"val_lstm_{s}"] for s in LENGTHS) for r in rows)
    one_long = spread(r["val_mingru_256"] for r in rows)
    two_long = spread(r["val_mingru_2_256"] for r in rows)
    signed = {s: [r[f"val_mingru_signed_{s}"] for r in rows] for s in LENGTHS}
    signed_train = spread(r["val_mingru_signed_train"] for r in rows)
    adding = [r["adding_mse"] for r in rows]
    mean = [r["adding_mean_mse"] for r in rows]
    learned = sum(r["adding_mse"] < 0.5 * r["adding_mean_mse"] for r in rows)
    return [
        f"over seeds {seeds[0]} to {seeds[-1]}, on validation strings: the LSTM's lowest "
        f"accuracy at any length {lstm['min']:.1%} (the check asks for 95%); the signed minGRU "
        f"at the training length at least {signed_train['min']:.1%} (at least 95%); one "
        f"minGRU layer at the training length {_range(r['val_mingru_16'] for r in rows)}, "
        f"at length 256 at most {one_long['max']:.1%} (at most 55%); two layers "
        f"at length 256 at most {two_long['max']:.1%} (at most 55%); {checks_held(rows)}",
        f"the signed minGRU over seeds {seeds[0]} to {seeds[-1]}, on validation strings: "
        f"{_range(signed[16])} at length 16, {_range(signed[64])} at length 64, "
        f"{_range(signed[256])} at length 256",
        f"minGRU on the adding problem over seeds {seeds[0]} to {seeds[-1]}: validation MSE "
        f"{_range(adding, '.4f')}; predicting the training mean {_range(mean, '.3f')}; "
        f"below half the training mean's MSE in {learned} of {len(rows)} runs",
    ]


if __name__ == "__main__":
    main(
        __doc__.splitlines()[0],
        one,
        list(range(5)),
        tuple(KEYS),
        "nb10_parity_seeds",
        quotes,
        informs_choice=INFORMS_CHOICE,
        measured=(f"notebooks/{NOTEBOOK}.ipynb",),
        claims="notebook 10, section 5: the parity checks' thresholds; the signed minGRU's and "
        "the adding problem's spread over seeds",
    )
