"""Notebook 01 over other seeds: the spike-position test, the delayed echo, the reversed echo.

Runs ``notebooks/01_rnn_recurrence.ipynb`` with its defaults and ``SEED`` = 5 to 9 (each
seed draws fresh data and fresh weights) and keeps the test figures the notebook records:
the share of unseen-position spike sequences tagged right (dense network, per-step
``Dense``, RNN) and the dense network's untagged share at positions 5-9 (validation); the
delayed echo's test accuracy on the steps t >= delay (those that need memory; chance 0.25)
at delays 2 and 5 for the RNN, the per-step ``Dense``, the whole-sequence ``Dense`` and the
causal ``Conv1D``, with two baselines on the same steps: the one-token ceiling (the best any
one answer per current token scores, fitted on that set) and always answering token 0; the
delay-2 RNN and causal ``Conv1D`` on 48-step validation sequences; the reversed echo's test
accuracy (forward RNN, bidirectional RNN) on the steps that have a later token; and how
often every check held.

It chooses nothing. Seeds 0 to 4 are not used here because they helped set the echo
models' learning rate: a first run of this script on them, with Adam at 1e-2, left seed 1's
delay-5 RNN below its validation check, so the rate was lowered to 5e-3 and the script run
again on seeds 0 to 4 (that file is in the history, commit 4b42240). Seeds 5 to 9 were
first run after the rate, the code and the checks were frozen: they are the fair test.
Backs notebook 01's paragraphs after the spike experiment, the delayed-echo comparison,
the 48-step run and the bidirectional experiment. About 1 min
per seed alone, two at a time.

    python sweeps/nb01_seeds.py            # writes sweeps/results/nb01_seeds.json
"""

from common import checks_held, main, notebook_row, spread

INFORMS_CHOICE = False
NOTEBOOK = "01_rnn_recurrence"
MODELS = {"rnn": "RNN", "per_step": "per-step Dense", "whole_sequence": "whole-sequence Dense"}
MODELS["causal"] = "causal Conv1D"
SPIKE = {"dense": "dense network", "per_step_dense": "per-step Dense", "rnn": "RNN"}
KEYS = {
    **{f"spike_test_{m}": f"spike_test_accuracy_{m}" for m in SPIKE},
    "spike_val_no_tag_dense": "spike_val_no_tag_share_dense",
    **{f"echo{d}_test_{m}": f"echo{d}_test_accuracy_{m}" for d in (2, 5) for m in MODELS},
    **{f"echo{d}_test_ceiling": f"echo{d}_test_ceiling_one_token" for d in (2, 5)},
    **{f"echo{d}_test_always_zero": f"echo{d}_test_always_zero" for d in (2, 5)},
    "echo2_val_rnn_48_steps": "echo2_val_accuracy_rnn_48_steps",
    "echo2_val_causal_48_steps": "echo2_val_accuracy_causal_48_steps",
    "future_test_forward": "future_echo_test_accuracy_forward",
    "future_test_bidirectional": "future_echo_test_accuracy_bidirectional",
}


def one(seed: int) -> dict:
    return notebook_row(NOTEBOOK, {"SEED": seed}, KEYS, informs_choice=INFORMS_CHOICE, seed=seed)


def span(rows: list, key: str, form: str = "{:.3f}") -> str:
    """min / median / max of one key over the rows, as the notebook quotes it."""
    s = spread(r[key] for r in rows)
    return " / ".join(form.format(s[k]) for k in ("min", "median", "max"))


def quotes(rows: list) -> list[str]:
    seeds = f"seeds {rows[0]['seed']} to {rows[-1]['seed']}"
    runs = f"(min / median / max over {len(rows)} runs)"
    spike = ", ".join(
        f"{name} {span(rows, f'spike_test_{m}', '{:.0%}')}" for m, name in SPIKE.items()
    )
    table = [
        f"| {name} | {span(rows, f'echo2_test_{m}', '{:.4f}')} | "
        f"{span(rows, f'echo5_test_{m}', '{:.4f}')} |"
        for m, name in {**MODELS, "ceiling": "one-token ceiling", "always_zero": "always 0"}.items()
    ]
    return [
        f"with {seeds} {runs}, the share of unseen-position test sequences tagged right: {spike}",
        f"the dense network left positions 5-9 untagged in "
        f"{span(rows, 'spike_val_no_tag_dense', '{:.0%}')} of the validation sequences",
        f"test accuracy on the steps t ≥ delay, with {seeds} {runs}:",
        *table,
        f"on 48-step validation sequences (steps t ≥ 2) the delay-2 RNN scored "
        f"{span(rows, 'echo2_val_rnn_48_steps', '{:.4f}')} and the delay-2 causal Conv1D "
        f"{span(rows, 'echo2_val_causal_48_steps', '{:.4f}')}",
        f"with {seeds} {runs} the forward RNN scored {span(rows, 'future_test_forward')} on "
        f"the reversed echo's test set (steps t < 10) and the bidirectional RNN "
        f"{span(rows, 'future_test_bidirectional')}",
        checks_held(rows),
    ]


if __name__ == "__main__":
    main(
        __doc__.splitlines()[0],
        one,
        list(range(5, 10)),
        tuple(KEYS),
        "nb01_seeds",
        quotes,
        informs_choice=INFORMS_CHOICE,
        measured=(f"notebooks/{NOTEBOOK}.ipynb",),
        claims="notebook 01, sections 1 (spike test), 5 (delayed echo) and 6 (bidirectional)",
    )
