"""Notebook 03's memory task over other seeds: LSTM, matched SimpleRNN, logistic regression.

Runs ``notebooks/03_lstm_from_scratch.ipynb`` with its defaults and ``SEED`` = 0 to 7 (eight
seeds besides the notebook's 42; each seed draws fresh data and fresh weights) and keeps what
the notebook records: the test accuracies, scored on the held-out sequences after training,
of the LSTM, the SimpleRNN with about as many parameters and logistic regression on the
flattened sequence, each trained with the learning rates 0.01 and 0.003 of which validation
keeps one (and the rates kept); the mechanism figures the notebook's summary quotes,
measured on validation sequences (the subject units' mean forget gate over filler words with
no second subject, how many times as much a second subject changes the cell state as such a
filler word, and the share of answers flipped when the filler words' writes come from the
other subject's sequence); and the notebook's ✓/✗ lines, so the quotes say in how many runs
each check held. It informs no choice: the notebook's sizes, budget and learning rates were
fixed before it ran. Backs notebook 03's paragraph "How do the three models fare over
seeds?" and the README's memory-task row. About two minutes per seed, two at a time.

    python sweeps/nb03_memory_seeds.py            # writes sweeps/results/nb03_memory_seeds.json
"""

from common import checks_held, k_of_n, main, notebook_row, spread

INFORMS_CHOICE = False
NOTEBOOK = "03_lstm_from_scratch"
KEYS = {
    "test_accuracy_lstm": "memory_test_accuracy_lstm",
    "test_accuracy_rnn": "memory_test_accuracy_rnn",
    "test_accuracy_logistic": "memory_test_accuracy_logistic",
    "lstm_learning_rate": "memory_lstm_learning_rate",
    "rnn_learning_rate": "memory_rnn_learning_rate",
    "logistic_learning_rate": "memory_logistic_learning_rate",
    "filler_forget_gate": "memory_val_filler_forget_gate",
    "second_to_filler_change": "memory_val_second_to_filler_change",
    "graft_flipped": "memory_val_graft_flipped",
}
SOLVED, FAILED = 0.99, 0.7  # answers (notebook 03's check: >= 0.99), stays far from it (< 0.7)


def one(seed: int) -> dict:
    return notebook_row(NOTEBOOK, {"SEED": seed}, KEYS, informs_choice=INFORMS_CHOICE, seed=seed)


def quotes(rows: list) -> list[str]:
    n = len(rows)
    acc = {k: [r[f"test_accuracy_{k}"] for r in rows] for k in ("lstm", "rnn", "logistic")}
    solved = {k: sum(a >= SOLVED for a in v) for k, v in acc.items()}
    lo, hi = k_of_n(solved["lstm"], n)
    rnn = spread(acc["rnn"])
    lower = {k: sum(r[f"{k}_learning_rate"] == 0.003 for r in rows) for k in acc}
    forget, ratio = (
        spread(r["filler_forget_gate"] for r in rows),
        spread(r["second_to_filler_change"] for r in rows),
    )
    flipped = spread(r["graft_flipped"] for r in rows)
    return [
        f"the LSTM reached at least {SOLVED:.0%} test accuracy in {solved['lstm']} of {n} runs "
        f"(lowest {min(acc['lstm']):.1%})",
        f"for the share of seeds on which it does, the 95% Clopper-Pearson interval is "
        f"{lo:.2f} to {hi:.2f}",
        f"logistic regression reached it in {solved['logistic']} of {n} "
        f"(lowest {min(acc['logistic']):.1%})",
        f"the parameter-matched SimpleRNN reached it in {solved['rnn']} of {n} and stayed below "
        f"{FAILED:.0%} in {sum(a < FAILED for a in acc['rnn'])} of {n} (min / median / max "
        f"{rnn['min']:.1%} / {rnn['median']:.1%} / {rnn['max']:.1%})",
        f"validation kept the lower learning rate, 0.003, for the SimpleRNN in {lower['rnn']} "
        f"of {n} runs, for the LSTM in {lower['lstm']} and for logistic regression in "
        f"{lower['logistic']}",
        f"over filler words with no second subject, the subject units' mean forget gate was "
        f"{forget['min']:.2f} to {forget['max']:.2f} (median {forget['median']:.2f})",
        f"a second subject changed the cell state {ratio['min']:.1f} to {ratio['max']:.1f} "
        f"times as much as such a filler word (median {ratio['median']:.1f})",
        f"the other subject's writes on filler words flipped {flipped['min']:.0%} to "
        f"{flipped['max']:.0%} of the answers (median {flipped['median']:.0%})",
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
        claims="notebook 03, 'How do the three models fare over seeds?'; the README's memory row",
    )
