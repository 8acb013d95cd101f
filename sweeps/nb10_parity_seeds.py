"""Notebook 10's parity checks over other seeds, on validation strings: do their thresholds
hold with margin?

Runs ``notebooks/10_after_the_lstm.ipynb`` with ``SCORE_TEST = False`` (no test string is
scored) and ``SEED`` = 0 to 4 (each seed draws fresh strings and fresh weights), and keeps
the validation accuracy of each model at each test length (``parity_val_accuracy_*``). The
notebook's checks read the same numbers for its own seed (42). It informs a choice, the
checks' thresholds, so it sees no test score. About 35 s per run, two at a time.

    python sweeps/nb10_parity_seeds.py      # writes sweeps/results/nb10_parity_seeds.json
"""

from common import main, notebook_row, spread

INFORMS_CHOICE = True
NOTEBOOK = "10_after_the_lstm"
LENGTHS = (16, 64, 256)  # the notebook's TEST_LENGTHS; 16 is its TRAIN_LENGTH
MODELS = ("lstm", "mingru", "mingru_2")
KEYS = {f"val_{m}_{s}": f"parity_val_accuracy_{m}_{s}" for m in MODELS for s in LENGTHS}


def one(seed: int) -> dict:
    return notebook_row(NOTEBOOK, {"SEED": seed}, KEYS, informs_choice=INFORMS_CHOICE, seed=seed)


def quotes(rows: list) -> list[str]:
    seeds = sorted(r["seed"] for r in rows)
    lstm = spread(min(r[f"val_lstm_{s}"] for s in LENGTHS) for r in rows)
    short = spread(r["val_mingru_16"] for r in rows)
    one_long = spread(r["val_mingru_256"] for r in rows)
    two_long = spread(r["val_mingru_2_256"] for r in rows)
    held = sum(not any(v.startswith("✗") for v in r["verdicts"]) for r in rows)
    return [
        f"over seeds {seeds[0]} to {seeds[-1]}, on validation strings: the LSTM's lowest "
        f"accuracy at any length {lstm['min']:.1%} (the check asks for 95%); one minGRU layer "
        f"at the training length {short['min']:.1%} to {short['max']:.1%} (at most 60%) and "
        f"at length 256 at most {one_long['max']:.1%} (at most 55%); two layers at length 256 "
        f"at most {two_long['max']:.1%} (at most 55%); every check held in {held} of "
        f"{len(rows)} runs",
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
        claims="notebook 10, section 5: the parity checks' thresholds",
    )
