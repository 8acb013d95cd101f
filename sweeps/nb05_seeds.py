"""Notebook 05 over other seeds: the fix-one-change-at-a-time table and the LSTM's reach.

Runs ``notebooks/05_even_numbers.ipynb`` with its defaults and ``SEED`` = 0 to 4 (five seeds
besides the notebook's 42; each seed draws a fresh held-out split and fresh weights) and
keeps what the notebook records: for each row of section 3's table, how many of the 20
held-out windows and of the 100 windows from 10,000 it gets exactly (step 4b is step 4 with
the learning rate 0.01); and for section 5's LSTM trained on the steps 2, 4, 6 and 8, its
reach (the largest s such that every integer step from 2 to s is exact), whether it is exact
on the steps 16, 20 and -2, and on how many of the steps -1 to -40; and the notebook's ✓/✗
lines, so the quotes say in how many runs each check held; and the last training loss of
steps 4 and 4b. It informs no choice: the
notebook's budget and sizes are the tutorial's. Backs notebook 05's paragraphs after the
section-3 table and after section 5's comparison with the linear model. About a minute per
seed, two at a time.

    python sweeps/nb05_seeds.py            # writes sweeps/results/nb05_seeds.json
"""

from common import checks_held, k_of_n, main, notebook_row, spread

INFORMS_CHOICE = False
NOTEBOOK = "05_even_numbers"
ROWS = ("0", "1", "2", "3", "4", "4b", "5")
KEYS = {
    **{f"row{r}_{where}": f"even_row{r}_{where}" for r in ROWS for where in ("held_out", "far")},
    "loss4": "even_row4_loss",
    "loss4b": "even_row4b_loss",
    "reach": "even_mixed_reach",
    "negative_exact": "even_mixed_negative_exact",
    "exact_16": "even_mixed_exact_step_16",
    "exact_20": "even_mixed_exact_step_20",
    "exact_minus2": "even_mixed_exact_step_minus2",
}
HELD_OUT, FAR = 20, 100  # the notebook's held-out windows and windows from 10,000


def one(seed: int) -> dict:
    return notebook_row(NOTEBOOK, {"SEED": seed}, KEYS, informs_choice=INFORMS_CHOICE, seed=seed)


def _range(rows, key) -> str:
    values = spread(r[key] for r in rows)
    return f"{values['min']:.0f} to {values['max']:.0f} of {HELD_OUT}"


def quotes(rows: list) -> list[str]:
    n = len(rows)
    magnitude_far = sum(r[f"row{k}_far"] for r in rows for k in ROWS[:-1])
    relative = sum(r["row5_held_out"] == HELD_OUT and r["row5_far"] == FAR for r in rows)
    to16 = sum(r["reach"] >= 16 for r in rows)
    lo, hi = k_of_n(to16, n)
    ratio = spread(r["loss4"] / r["loss4b"] for r in rows)
    reach, negative = spread(r["reach"] for r in rows), spread(r["negative_exact"] for r in rows)
    return [
        f"held out, step 1 (correct labels) got {_range(rows, 'row1_held_out')} windows exactly, "
        f"step 2 (rounding) {_range(rows, 'row2_held_out')}, step 3 (scaling) "
        f"{_range(rows, 'row3_held_out')}, step 4 (tanh) {_range(rows, 'row4_held_out')} and "
        f"step 4b (tanh, learning rate 0.01) {_range(rows, 'row4b_held_out')}",
        f"step 4's last training loss was {ratio['min']:.0f} to {ratio['max']:.0f} times step "
        f"4b's (median {ratio['median']:.0f})",
        f"rows 0 to 4b got {magnitude_far:.0f} windows from 10,000 right, over all {n} runs",
        f"the relative model (step 5) was exact on every held-out window and every window from "
        f"10,000 in {relative} of {n} runs",
        f"trained on the steps 2, 4, 6 and 8, the LSTM was exact on every integer step from 2 "
        f"to 16 in {to16} of {n} runs (95% Clopper-Pearson interval {lo:.2f} to {hi:.2f}), on "
        f"step 20 in {sum(r['exact_20'] for r in rows):.0f} of {n} and on step -2 in "
        f"{sum(r['exact_minus2'] for r in rows):.0f} of {n}",
        f"its reach, the largest s with every step from 2 to s exact, was {reach['min']:.0f} to "
        f"{reach['max']:.0f} (median {reach['median']:.0f}), and it was exact on "
        f"{negative['min']:.0f} to {negative['max']:.0f} of the 40 steps -1 to -40",
        checks_held(rows),
    ]


if __name__ == "__main__":
    main(
        __doc__.splitlines()[0],
        one,
        list(range(5)),
        tuple(KEYS),
        "nb05_seeds",
        quotes,
        informs_choice=INFORMS_CHOICE,
        measured=(f"notebooks/{NOTEBOOK}.ipynb",),
        claims="notebook 05, the paragraphs after section 3's table and after section 5's lines",
    )
