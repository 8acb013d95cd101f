"""Notebook 09's choices, on validation data: each model's learning rate per task, and the
thresholds of its four checks.

Runs ``notebooks/09_gru_and_variants.ipynb`` with ``SCORE_TEST = False`` (no test set is
scored), ``SEED = 0`` (not the notebook's 42), ``RUNS = 10`` (each run its own data set and
initial weights) and every model at one of three Adam learning rates, 0.003, 0.01 and 0.03
(Greff et al. (2017) found the learning rate the hyperparameter that matters most, and its
best value differs by variant). Per task, each model gets the rate with the lowest mean
validation error over its 10 runs; the notebook's ``LEARNING_RATES`` holds that choice, and
its ``CHECKS`` thresholds are set with margin under what these runs show at the chosen rates.
The counts it reports at the chosen rates are best-of-three: the choice and the count read the
same runs, so they lean optimistic, as any best-of-search figure does.

Planned with seeds 0 and 1 (20 runs per model and rate); cut to seed 0 (10 runs) to fit the
shared machine's time on 2026-12-08. A first attempt, two notebooks at a time on a machine
shared by many jobs, lost every row to papermill's 900 s cell timeout; the file was written
by ``--jobs 3`` on a quieter machine in about 5 min 30 s.

    python sweeps/nb09_learning_rates.py --jobs 3   # writes sweeps/results/nb09_learning_rates.json
"""

from common import k_of_n, main, notebook_row

INFORMS_CHOICE = True
NOTEBOOK = "09_gru_and_variants"
RATES = (0.003, 0.01, 0.03)
RUNS = 10
MODELS = (
    "vanilla",
    "no_forget_gate",
    "no_input_gate",
    "no_output_gate",
    "no_output_activation",
    "coupled",
    "forget_bias_0",
    "gru",
    "gru_update_bias_1",
)
KEYS = {
    f"{short}_{m}": f"variants_{metric}_{m}"
    for m in MODELS
    for short, metric in (
        ("adding", "adding_val_mse"),
        ("adding_worst", "adding_val_mse_worst_run"),
        ("adding_above_0p05", "adding_val_runs_above_0p05"),
        ("memory", "memory_val_error"),
        ("memory_above_10pct", "memory_val_runs_above_10pct"),
    )
}


def one(rate: float) -> dict:
    rates = {m: [rate, rate] for m in MODELS}
    parameters = {"SEED": 0, "RUNS": RUNS, "LEARNING_RATES": rates}
    return notebook_row(NOTEBOOK, parameters, KEYS, informs_choice=INFORMS_CHOICE, rate=rate)


def chosen(rows: list) -> dict:
    """{(task, model): the row of the rate with the lowest mean validation error}."""
    return {
        (task, m): min(rows, key=lambda r: r[f"{task}_{m}"])
        for task in ("adding", "memory")
        for m in MODELS
    }


def count(k: int) -> str:
    low, high = k_of_n(int(k), RUNS)
    return f"{int(k)} of {RUNS} [{low:.2f}, {high:.2f}]"


def quotes(rows: list) -> list[str]:
    best = chosen(rows)
    rates = {
        t: ", ".join(f"{m} {best[t, m]['rate']:g}" for m in MODELS) for t in ("adding", "memory")
    }
    adding = "; ".join(
        f"{m} {best['adding', m]['adding_' + m]:.4f}, "
        f"{int(best['adding', m]['adding_above_0p05_' + m])} of {RUNS} above 0.05"
        for m in MODELS
    )
    memory = "; ".join(
        f"{m} {100 * best['memory', m]['memory_' + m]:.1f}%, "
        f"{count(best['memory', m]['memory_above_10pct_' + m])}"
        for m in MODELS
    )
    v_add, v_mem = best["adding", "vanilla"], best["memory", "vanilla"]
    ratio = best["adding", "no_input_gate"]["adding_no_input_gate"] / v_add["adding_vanilla"]
    gap = best["memory", "forget_bias_0"]["memory_forget_bias_0"] - v_mem["memory_vanilla"]
    return [
        f"seed 0, {RUNS} runs per model and rate, validation data only; the rate with the "
        f"lowest mean validation error, adding problem: {rates['adding']}; memory task: "
        f"{rates['memory']}",
        f"at the chosen rates, mean validation MSE on the adding problem: {adding}",
        f"at the chosen rates, mean validation error on the memory task, and the runs above "
        f"10% with their exact 95% interval: {memory}",
        f"for the checks, at the chosen rates: the vanilla LSTM's worst adding run "
        f"{v_add['adding_worst_vanilla']:.4f}; no input gate's mean adding MSE "
        f"{ratio:.1f} times the vanilla LSTM's; forget bias 0's mean memory error minus the "
        f"vanilla LSTM's {100 * gap:.1f} points; no forget gate's mean memory error "
        f"{100 * best['memory', 'no_forget_gate']['memory_no_forget_gate']:.1f}%",
    ]


if __name__ == "__main__":
    main(
        __doc__.splitlines()[0],
        one,
        list(RATES),
        tuple(KEYS),
        "nb09_learning_rates",
        quotes,
        informs_choice=INFORMS_CHOICE,
        measured=(f"notebooks/{NOTEBOOK}.ipynb",),
        claims="notebook 09: LEARNING_RATES and CHECKS (section 3), the counts in section 4",
    )
