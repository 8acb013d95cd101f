"""Notebook 02 over seeds: clipping, the adding problem and the trained forget gates.

Runs ``notebooks/02_vanishing_gradients.ipynb`` with its defaults and ``SEED`` = 0 to 4, 7
and 42 (42 is the run the notebook shows; each seed draws fresh data and fresh weights) and
keeps what the notebook records with ``lc.metric``: the clipping experiment's four runs
(gain 2 unclipped: did it blow up; gain 2 clipped, gain 1 clipped and gain 1 unclipped:
validation MSE after 5 epochs, and the mean's; the untrained state Jacobian's norm with
gain 2 and gain 1); the untrained SimpleRNN's and LSTM's gradient at lag 50; the adding
problem's test MSE and the LSTM's epochs; each model's gradient at lag 75 before and after
training (the same model); the trained LSTM's forget gates; how much more its most-keeping
unit writes at the markers than elsewhere; and every ✓/✗ verdict. It informs no choice: the
notebook's sizes and budget were fixed before it ran. Two runs at a time; on 2 cores shared
with other work each run took 84 to 145 s and the 7 runs about 7½ minutes (440 s).

    python sweeps/nb02_seeds.py         # writes sweeps/results/nb02_seeds.json
"""

from common import k_of_n, main, notebook_row, spread

INFORMS_CHOICE = False
NOTEBOOK = "02_vanishing_gradients"
SEEDS = (0, 1, 2, 3, 4, 7, 42)
KEYS = (
    "clip_unclipped_blew_up",
    "clip_clipped_val_mse",
    "clip_gain1_val_mse",
    "clip_gain1_clipped_val_mse",
    "clip_start_jacobian_gain2",
    "clip_start_jacobian_gain1",
    "init_gradient_lag50_rnn",
    "init_gradient_lag50_lstm",
    "clip_mean_baseline_val",
    "adding_test_mse_baseline",
    "adding_test_mse_rnn",
    "adding_test_mse_lstm",
    "adding_epochs_lstm",
    "gradient_lag75_rnn_untrained",
    "gradient_lag75_rnn_trained",
    "gradient_lag75_lstm_untrained",
    "gradient_lag75_lstm_trained",
    "forget_units_above_09_trained",
    "forget_max_trained",
    "forget_mean_trained",
    "write_ratio_before",
    "write_ratio_trained",
)


def one(seed: int) -> dict:
    keys = {key: key for key in KEYS}
    return notebook_row(NOTEBOOK, {"SEED": seed}, keys, informs_choice=INFORMS_CHOICE, seed=seed)


def rng(values, digits: int) -> str:
    s = spread(values)
    return f"between {s['min']:.{digits}f} and {s['max']:.{digits}f}"


def quotes(rows: list) -> list[str]:
    rows = sorted(rows, key=lambda r: SEEDS.index(r["seed"]))
    n, seeds = len(rows), [r["seed"] for r in rows]
    blew_up = int(sum(r["clip_unclipped_blew_up"] for r in rows))
    clipped_learned = sum(r["clip_clipped_val_mse"] < r["clip_mean_baseline_val"] for r in rows)
    gain1_learned = sum(r["clip_gain1_val_mse"] < r["clip_mean_baseline_val"] for r in rows)
    gain1c_learned = sum(
        r["clip_gain1_clipped_val_mse"] < r["clip_mean_baseline_val"] for r in rows
    )
    start_cost = sum(r["clip_gain1_clipped_val_mse"] < r["clip_clipped_val_mse"] for r in rows)
    clip_cost = sum(r["clip_gain1_val_mse"] < r["clip_gain1_clipped_val_mse"] for r in rows)
    init_ratio = [r["init_gradient_lag50_rnn"] / r["init_gradient_lag50_lstm"] for r in rows]
    lstm_solved = sum(r["adding_test_mse_lstm"] < 0.01 for r in rows)
    lo, hi = k_of_n(lstm_solved, n)
    rnn_both = sum(r["adding_test_mse_rnn"] < 1 / 12 for r in rows)
    learned = [
        r["seed"] for r in rows if r["adding_test_mse_rnn"] < r["adding_test_mse_baseline"] - 0.01
    ]
    held = sum(not any(v.startswith("✗") for v in r["verdicts"]) for r in rows)
    failed = sorted({v for r in rows for v in r["verdicts"] if v.startswith("✗")})
    failed_in = {v: [r["seed"] for r in rows if v in r["verdicts"]] for v in failed}
    fell = sum(r["gradient_lag75_rnn_trained"] < r["gradient_lag75_rnn_untrained"] for r in rows)
    raised = [r["gradient_lag75_lstm_trained"] / r["gradient_lag75_lstm_untrained"] for r in rows]
    ratios = {w: spread(r[f"write_ratio_{w}"] for r in rows) for w in ("before", "trained")}
    units = [r["forget_units_above_09_trained"] for r in rows]
    return [
        f"over seeds {', '.join(map(str, seeds))}, at T = 10: with gain 2 and no clipping the "
        f"training loss blew up (above 1e6, inf or NaN) in {blew_up} of {n} runs; after 5 epochs "
        f"the validation MSE was {rng((r['clip_clipped_val_mse'] for r in rows), 3)} with gain 2 "
        f"and clipping, {rng((r['clip_gain1_clipped_val_mse'] for r in rows), 3)} with gain 1 "
        f"and clipping, {rng((r['clip_gain1_val_mse'] for r in rows), 3)} with gain 1 and no "
        f"clipping, against {rng((r['clip_mean_baseline_val'] for r in rows), 3)} for "
        f"predicting the mean; below the mean's in {clipped_learned} of {n} (gain 2, clipped), "
        f"{gain1c_learned} of {n} (gain 1, clipped) and {gain1_learned} of {n} (gain 1, not "
        f"clipped); with clipping in both, gain 1 ended lower than gain 2 in {start_cost} of "
        f"{n}; with gain 1 in both, no clipping ended lower than clipping in {clip_cost} of {n}",
        f"untrained, the median ‖∂h_T/∂h_1‖ over 32 training sequences was "
        f"{rng((r['clip_start_jacobian_gain2'] for r in rows), 1)} with gain 2 and "
        f"{rng((r['clip_start_jacobian_gain1'] for r in rows), 2)} with gain 1",
        f"before training, the SimpleRNN's gradient at lag 50 was between "
        f"{min(init_ratio):.0f} and {max(init_ratio):.0f} times the LSTM's (forget bias 1), "
        f"median {spread(init_ratio)['median']:.0f}",
        "| seed | " + " | ".join(map(str, seeds)) + " |",
        "| LSTM | "
        + " | ".join(
            f"{r['adding_test_mse_lstm']:.4f} ({r['adding_epochs_lstm']:.0f})" for r in rows
        )
        + " |",
        "| SimpleRNN | " + " | ".join(f"{r['adding_test_mse_rnn']:.3f}" for r in rows) + " |",
        f"the LSTM's test MSE was below 0.01 in {lstm_solved} of {n} runs (95% interval for "
        f"the share of seeds: {lo:.2f} to {hi:.2f}); the SimpleRNN's was below 1/12 in "
        f"{rnn_both} of {n}, and more than 0.01 under the baseline's in {len(learned)} "
        f"(seeds {', '.join(map(str, learned)) or 'none'}); every check held in {held} of {n}"
        + "".join(
            f"; '{v}' in seeds {', '.join(map(str, seeds_))}" for v, seeds_ in failed_in.items()
        ),
        f"trained, {min(units):.0f} to {max(units):.0f} of the 32 units ended with a mean forget "
        f"gate above 0.9 (the highest "
        f"{rng((r['forget_max_trained'] for r in rows), 2)}), and the average over the units "
        f"ended {rng((r['forget_mean_trained'] for r in rows), 2)}",
        f"the SimpleRNN's gradient at lag 75 fell with training in {fell} of {n} runs and rose "
        f"in {n - fell}; the LSTM's rose in {sum(x > 1 for x in raised)} of {n}, by a factor "
        f"between {min(raised):.0e} and {max(raised):.0e} (median {spread(raised)['median']:.0e})",
        f"the trained LSTM's most-keeping unit wrote (|i ⊙ c̃|) between "
        f"{ratios['trained']['min']:.0f} and {ratios['trained']['max']:.0f} times more at the "
        f"markers than elsewhere (median {ratios['trained']['median']:.0f}); the same unit "
        f"before training, between {ratios['before']['min']:.1f} and "
        f"{ratios['before']['max']:.1f} times",
    ]


if __name__ == "__main__":
    main(
        __doc__.splitlines()[0],
        one,
        list(SEEDS),
        KEYS,
        "nb02_seeds",
        quotes,
        informs_choice=INFORMS_CHOICE,
        measured=(f"notebooks/{NOTEBOOK}.ipynb",),
        claims="notebook 02: sections 3 and 5, the forget gates, the summary",
    )
