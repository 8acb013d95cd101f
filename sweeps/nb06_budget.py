"""Notebook 06's training budget and size, and its checks' floor, chosen on validation alone.

Runs ``notebooks/06_encoder_decoder.ipynb`` with ``SCORE_TEST = False`` (section 6 is
skipped: no test score is computed) for every setting of the grid and seeds 0 to 4, and keeps
the two models' validation exact match (``seq2seq_val_exact_model1``, model 1 on reversed
questions, and ``seq2seq_val_exact_model2``, model 2 decoding greedily). The split is the
same in every run (the notebook's ``SPLIT_SEED``); the seed changes the initial weights and
the order of the batches.

The rules, fixed before the runs:

- a setting's score is the median over the seeds of the weaker model's validation exact
  match; the chosen setting is the cheapest (fewest epochs, then fewest units) whose score is
  within 0.05 points (one validation question) of the best;
- the floor of the notebook's checks (``VAL_FLOOR``) is one point under the lowest
  validation exact match of either model, over the seeds, at the chosen setting, rounded down
  to half a point: a run on another machine, which rounds differently, is one more draw.

About 1.5 to 2 minutes per run, two at a time; 10 runs (the grid's history is in the
comment above ``GRID``).

    python sweeps/nb06_budget.py         # writes sweeps/results/nb06_budget.json
"""

import itertools
import math

from common import main, notebook_row, spread

INFORMS_CHOICE = True
NOTEBOOK = "06_encoder_decoder"
# The first run's grid began at 12 epochs (2026-12-07; median 96.08% with 96 units and 97.96%
# with 128, 1.6 points or more under the best): dropped, so that `make sweeps` stays within an
# hour. The second run (2026-12-07 21:23 UTC, before the loss masked the padding) had 96 units
# behind 128 at both budgets (medians 98.91% against 99.21% at 15 epochs, 99.50% against
# 99.60% at 18): 96 units are dropped from this third run (issue 36: the padding masked out
# of the loss, a baseline and a control added), to fit it in the time the issue had left.
# Changes of grid on validation results alone, stated here.
GRID = {"EPOCHS": (15, 18), "UNITS": (128,)}
KEYS = {
    "val_exact_model1": "seq2seq_val_exact_model1",
    "val_exact_model2": "seq2seq_val_exact_model2",
}
ONE_QUESTION = 0.0005  # of about 2,000 validation questions


def one(job) -> dict:
    seed, setting = job
    parameters = {"SEED": seed, **setting}
    return notebook_row(
        NOTEBOOK, parameters, KEYS, informs_choice=INFORMS_CHOICE, seed=seed, **setting
    )


def choose(rows: list) -> tuple[dict, dict]:
    """The per-setting scores, and the setting the rule picks."""
    scores = {}
    for row in rows:
        key = (row["EPOCHS"], row["UNITS"])
        scores.setdefault(key, []).append(min(row["val_exact_model1"], row["val_exact_model2"]))
    medians = {key: spread(values)["median"] for key, values in scores.items()}
    best = max(medians.values())
    chosen = min(key for key, value in medians.items() if value >= best - ONE_QUESTION)
    return medians, {"EPOCHS": chosen[0], "UNITS": chosen[1]}


def floor(rows: list, chosen: dict) -> float:
    """The checks' floor: one point under the lowest score at the chosen setting, in halves."""
    at = [r for r in rows if all(r[k] == v for k, v in chosen.items())]
    lowest = min(min(r["val_exact_model1"], r["val_exact_model2"]) for r in at)
    return math.floor((lowest - 0.01) * 200) / 200


def quotes(rows: list) -> list[str]:
    medians, chosen = choose(rows)
    parts = [f"{e} epochs and {u} units {100 * m:.2f}%" for (e, u), m in sorted(medians.items())]
    seeds = sorted({row["seed"] for row in rows})
    contiguous = seeds == list(range(seeds[0], seeds[-1] + 1))
    named = f"{seeds[0]} to {seeds[-1]}" if contiguous else ", ".join(map(str, seeds))
    return [
        f"median over seeds {named} of the weaker model's validation exact match: "
        + "; ".join(parts)
        + f"; chosen: {chosen['EPOCHS']} epochs and {chosen['UNITS']} units",
        f"the checks' floor, one point under the lowest validation exact match of either model "
        f"at that setting: {100 * floor(rows, chosen):.1f}%",
    ]


if __name__ == "__main__":
    main(
        __doc__.splitlines()[0],
        one,
        [
            (seed, dict(zip(GRID, v, strict=True)))
            for v in itertools.product(*GRID.values())
            for seed in range(5)
        ],
        tuple(KEYS),
        "nb06_budget",
        quotes,
        informs_choice=INFORMS_CHOICE,
        measured=(f"notebooks/{NOTEBOOK}.ipynb",),
        claims="notebook 06, the parameters cell's EPOCHS, UNITS and VAL_FLOOR (section 2)",
    )
