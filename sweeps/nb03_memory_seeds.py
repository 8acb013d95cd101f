"""Notebook 03's memory task over other seeds: LSTM, matched SimpleRNN, logistic regression.

Runs ``notebooks/03_lstm_from_scratch.ipynb`` with its defaults and ``SEED`` = 0 to 7 (eight
seeds besides the notebook's 42; each seed draws fresh data and fresh weights) and keeps the
test accuracies the notebook records, scored on the held-out sequences after training: the
LSTM (``memory_test_accuracy_lstm``), the SimpleRNN with about as many parameters, whose
learning rate the notebook chooses on validation data (``memory_test_accuracy_rnn``, and the
rate it kept), and logistic regression on the flattened sequence
(``memory_test_accuracy_logistic``); and the notebook's ✓/✗ lines, so the quotes say in how
many runs each check held. It informs no choice: the notebook's sizes, budget and two
learning rates were fixed before it ran. Backs notebook 03's paragraph "How general is this
contrast?" and the README's memory-task row. About a minute per seed, two at a time.

    python sweeps/nb03_memory_seeds.py            # writes sweeps/results/nb03_memory_seeds.json
"""

from common import k_of_n, main, notebook_row, spread

INFORMS_CHOICE = False
NOTEBOOK = "03_lstm_from_scratch"
KEYS = {
    "test_accuracy_lstm": "memory_test_accuracy_lstm",
    "test_accuracy_rnn": "memory_test_accuracy_rnn",
    "test_accuracy_logistic": "memory_test_accuracy_logistic",
    "rnn_learning_rate": "memory_rnn_learning_rate",
}
SOLVED, FAILED = 0.99, 0.7  # answers (notebook 03's check: >= 0.99), stays far from it (< 0.7)


def one(seed: int) -> dict:
    return notebook_row(NOTEBOOK, {"SEED": seed}, KEYS, informs_choice=INFORMS_CHOICE, seed=seed)


def checks_held(rows: list) -> str:
    """'every check held in k of n runs', or how often each check that ever failed held."""
    n = len(rows)
    failed = sorted({v[1:].strip() for r in rows for v in r["verdicts"] if v.startswith("✗")})
    if not failed:
        return f"every check of the notebook held in {n} of {n} runs"
    held = [f"'{c}' in {sum(('✓ ' + c) in r['verdicts'] for r in rows)} of {n}" for c in failed]
    return "the checks held in every run except " + "; ".join(held)


def quotes(rows: list) -> list[str]:
    n = len(rows)
    acc = {k: [r[f"test_accuracy_{k}"] for r in rows] for k in ("lstm", "rnn", "logistic")}
    solved = {k: sum(a >= SOLVED for a in v) for k, v in acc.items()}
    lo, hi = k_of_n(solved["lstm"], n)
    rnn, rates = spread(acc["rnn"]), [r["rnn_learning_rate"] for r in rows]
    return [
        f"the LSTM reached at least {SOLVED:.0%} test accuracy in {solved['lstm']} of {n} runs "
        f"(lowest {min(acc['lstm']):.1%}; for the share of seeds on which it does, the 95% "
        f"Clopper-Pearson interval is {lo:.2f} to {hi:.2f}); logistic regression in "
        f"{solved['logistic']} of {n} (lowest {min(acc['logistic']):.1%})",
        f"the parameter-matched SimpleRNN reached {SOLVED:.0%} in {solved['rnn']} of {n} and "
        f"stayed below {FAILED:.0%} in {sum(a < FAILED for a in acc['rnn'])} of {n} (min / "
        f"median / max {rnn['min']:.1%} / {rnn['median']:.1%} / {rnn['max']:.1%}; validation "
        f"chose the learning rate 0.01 in {sum(r == 0.01 for r in rates)} of {n} runs)",
        checks_held(rows),
    ]


if __name__ == "__main__":
    main(
        __doc__.splitlines()[0],
        one,
        list(range(8)),
        tuple(KEYS),
        "nb03_memory_seeds",
        quotes,
        informs_choice=INFORMS_CHOICE,
        measured=(f"notebooks/{NOTEBOOK}.ipynb",),
        claims="notebook 03, 'How general is this contrast?'; the README's memory-task row",
    )
