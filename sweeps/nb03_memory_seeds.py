"""Notebook 03's memory task over other seeds: does the LSTM always learn it, the SimpleRNN not?

Runs ``notebooks/03_lstm_from_scratch.ipynb`` with its defaults and ``SEED`` = 0 to 7 (eight
seeds besides the notebook's 42; each seed draws fresh data and fresh weights) and keeps the
two test accuracies the notebook records (``memory_test_accuracy_lstm`` and ``_rnn``,
scored on the held-out sequences after training). It informs no choice: the notebook's sizes
and budget were fixed before it ran. Backs notebook 03's paragraph "How general is this
contrast?". About 30 s per seed, two at a time.

    python sweeps/nb03_memory_seeds.py            # writes sweeps/results/nb03_memory_seeds.json
"""

from common import k_of_n, main, notebook_row, spread

INFORMS_CHOICE = False
NOTEBOOK = "03_lstm_from_scratch"
KEYS = {
    "test_accuracy_lstm": "memory_test_accuracy_lstm",
    "test_accuracy_rnn": "memory_test_accuracy_rnn",
}
SOLVED, FAILED = 0.99, 0.7  # notebook 03's own thresholds: answers (>= 0.99), does not (< 0.7)


def one(seed: int) -> dict:
    return notebook_row(NOTEBOOK, {"SEED": seed}, KEYS, informs_choice=INFORMS_CHOICE, seed=seed)


def quotes(rows: list) -> list[str]:
    n = len(rows)
    lstm = [r["test_accuracy_lstm"] for r in rows]
    rnn = [r["test_accuracy_rnn"] for r in rows]
    k_lstm = sum(a >= SOLVED for a in lstm)
    k_rnn, k_failed = sum(a >= SOLVED for a in rnn), sum(a < FAILED for a in rnn)
    lo, hi = k_of_n(k_lstm, n)
    s_lstm, s_rnn = spread(lstm), spread(rnn)
    return [
        f"the LSTM reached at least {SOLVED:.0%} test accuracy in {k_lstm} of {n} runs "
        f"(lowest {s_lstm['min']:.1%}; for the share of seeds on which it does, the 95% "
        f"Clopper-Pearson interval is {lo:.2f} to {hi:.2f})",
        f"the SimpleRNN stayed below {FAILED:.0%} in {k_failed} of {n} and reached "
        f"{SOLVED:.0%} in {k_rnn} of {n} (min / median / max {s_rnn['min']:.1%} / "
        f"{s_rnn['median']:.1%} / {s_rnn['max']:.1%})",
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
        claims="notebook 03, 'How general is this contrast?'",
    )
