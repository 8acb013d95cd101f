"""Notebook 09's checks over other seeds, on validation data: do their thresholds hold with
margin?

Runs ``notebooks/09_gru_and_variants.ipynb`` with ``SCORE_TEST = False`` (no test set is
scored) and ``SEED`` = 0 to 4 (each seed draws fresh data sets and fresh weights for all of
the notebook's ``RUNS``), and keeps the validation errors the notebook's checks read
(``variants_*_val_*``). It informs a choice, the checks' thresholds, so it sees no test
score. About 1 minute per run, two at a time.

    python sweeps/nb09_variant_seeds.py     # writes sweeps/results/nb09_variant_seeds.json
"""

from common import main, notebook_row, spread

INFORMS_CHOICE = True
NOTEBOOK = "09_gru_and_variants"
KEYS = {
    "adding_worst_vanilla": "variants_adding_val_mse_worst_run_vanilla",
    "adding_vanilla": "variants_adding_val_mse_vanilla",
    "adding_no_input_gate": "variants_adding_val_mse_no_input_gate",
    "memory_vanilla": "variants_memory_val_error_vanilla",
    "memory_forget_bias_0": "variants_memory_val_error_forget_bias_0",
    "memory_no_forget_gate": "variants_memory_val_error_no_forget_gate",
}


def one(seed: int) -> dict:
    return notebook_row(NOTEBOOK, {"SEED": seed}, KEYS, informs_choice=INFORMS_CHOICE, seed=seed)


def between(values, scale: float = 1.0, digits: int = 1, unit: str = "") -> str:
    s = {k: f"{v:.{digits}f}{unit}" for k, v in spread(scale * v for v in values).items()}
    return f"from {s['min']} to {s['max']}, median {s['median']}"


def quotes(rows: list) -> list[str]:
    seeds = sorted(r["seed"] for r in rows)
    n = len(rows)
    bias = [r["memory_forget_bias_0"] - r["memory_vanilla"] for r in rows]
    gate = [r["memory_no_forget_gate"] - r["memory_vanilla"] for r in rows]
    held = sum(not any(v.startswith("✗") for v in r["verdicts"]) for r in rows)
    stuck = sum(r["memory_vanilla"] > 0.1 for r in rows)
    return [
        f"over seeds {seeds[0]} to {seeds[-1]}, on validation data: the vanilla LSTM's worst "
        f"adding run "
        f"{between((r['adding_worst_vanilla'] for r in rows), digits=4)} (check: at most 0.03); "
        f"no input gate's mean MSE over the vanilla LSTM's, "
        f"{between((r['adding_no_input_gate'] / r['adding_vanilla'] for r in rows), unit='x')} "
        f"(check: at least 3x); on the memory task, forget bias 0's mean error minus the "
        f"vanilla LSTM's {between(bias, 100, unit=' points')} (check: at least 5 points); no "
        f"forget gate's mean error "
        f"{between((r['memory_no_forget_gate'] for r in rows), 100, unit='%')} (check: at "
        f"least 10%); every check held in {held} of {n} runs",
        f"forget bias 0 was worse than the vanilla LSTM on the memory task in "
        f"{sum(b > 0 for b in bias)} of {n} seeds, no forget gate in {sum(g > 0 for g in gate)} "
        f"of {n}; the vanilla LSTM's own mean error was above 10% in {stuck} of {n}",
    ]


if __name__ == "__main__":
    main(
        __doc__.splitlines()[0],
        one,
        list(range(5)),
        tuple(KEYS),
        "nb09_variant_seeds",
        quotes,
        informs_choice=INFORMS_CHOICE,
        measured=(f"notebooks/{NOTEBOOK}.ipynb",),
        claims="notebook 09, section 3: the checks' thresholds",
    )
