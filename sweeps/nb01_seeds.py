"""Notebook 01 over other seeds: the spike-position test, the delayed echo, the reversed echo.

Runs ``notebooks/01_rnn_recurrence.ipynb`` with its defaults and ``SEED`` = 0 to 4 (five
seeds besides the notebook's 42; each seed draws fresh data and fresh weights) and keeps the
test figures the notebook records: the share of unseen-position spike sequences tagged right
(dense network, RNN); the delayed echo's test accuracy at delays 2 and 5 for the RNN, the
per-step ``Dense``, the whole-sequence ``Dense`` and the causal ``Conv1D``, with the
one-token ceiling of each test set (the best any model that sees only the current token can
score); the delay-2 RNN on 48-step validation sequences; and the reversed echo's test
accuracy (forward RNN, bidirectional RNN). It chooses nothing, but one setting was changed
after an earlier run of it: with Adam at 1e-2, seed 1's delay-5 RNN ended below its
validation check (0.861 on test), so the echo models' learning rate was lowered to 5e-3 and
the sweep run again. These five seeds therefore informed that setting; other seeds are the
fair test of it. Backs notebook 01's paragraphs after the
spike experiment, the delayed-echo comparison and the bidirectional experiment. About 1 min
per seed alone, two at a time.

    python sweeps/nb01_seeds.py            # writes sweeps/results/nb01_seeds.json
"""

from common import main, notebook_row, spread

INFORMS_CHOICE = False
NOTEBOOK = "01_rnn_recurrence"
MODELS = {"rnn": "RNN", "per_step": "per-step Dense", "whole_sequence": "whole-sequence Dense"}
MODELS["causal"] = "causal Conv1D"
KEYS = {
    "spike_test_dense": "spike_test_accuracy_dense",
    "spike_test_rnn": "spike_test_accuracy_rnn",
    **{f"echo{d}_test_{m}": f"echo{d}_test_accuracy_{m}" for d in (2, 5) for m in MODELS},
    **{f"echo{d}_test_ceiling": f"echo{d}_test_ceiling_one_token" for d in (2, 5)},
    "echo2_val_rnn_48_steps": "echo2_val_accuracy_rnn_48_steps",
    "future_test_forward": "future_echo_test_accuracy_forward",
    "future_test_bidirectional": "future_echo_test_accuracy_bidirectional",
}


def one(seed: int) -> dict:
    return notebook_row(NOTEBOOK, {"SEED": seed}, KEYS, informs_choice=INFORMS_CHOICE, seed=seed)


def span(rows: list, key: str, percent: bool = False) -> str:
    """min / median / max of one key over the rows, as the notebook quotes it."""
    s = spread(r[key] for r in rows)
    form = "{:.0%}" if percent else "{:.3f}"
    return " / ".join(form.format(s[k]) for k in ("min", "median", "max"))


def quotes(rows: list) -> list[str]:
    seeds = f"seeds {rows[0]['seed']} to {rows[-1]['seed']}"
    echo = {
        d: ", ".join(f"{name} {span(rows, f'echo{d}_test_{m}')}" for m, name in MODELS.items())
        for d in (2, 5)
    }
    return [
        f"with {seeds} (min / median / max over {len(rows)} runs), the RNN tagged "
        f"{span(rows, 'spike_test_rnn', True)} of the unseen-position test sequences right "
        f"and the dense network {span(rows, 'spike_test_dense', True)}",
        f"test accuracy at delay 2 with {seeds} (min / median / max): {echo[2]}; "
        f"the one-token ceiling of those test sets {span(rows, 'echo2_test_ceiling')}",
        f"at delay 5: {echo[5]}; the one-token ceiling {span(rows, 'echo5_test_ceiling')}",
        f"on 48-step sequences the delay-2 RNN scored {span(rows, 'echo2_val_rnn_48_steps')}",
        f"with {seeds} (min / median / max) the forward RNN scored "
        f"{span(rows, 'future_test_forward')} on the reversed echo's test set and the "
        f"bidirectional RNN {span(rows, 'future_test_bidirectional')}",
    ]


if __name__ == "__main__":
    main(
        __doc__.splitlines()[0],
        one,
        list(range(5)),
        tuple(KEYS),
        "nb01_seeds",
        quotes,
        informs_choice=INFORMS_CHOICE,
        measured=(f"notebooks/{NOTEBOOK}.ipynb",),
        claims="notebook 01, sections 1 (spike test), 5 (delayed echo) and 6 (bidirectional)",
    )
