"""Build the README's course map and results table from an executed run.

    python tools/readme_assets.py figures   # thumbnails of each notebook's key figure
    python tools/readme_assets.py readme    # rewrite the generated README sections
    python tools/readme_assets.py check     # exit 1 if the README is out of date

The key figure of a notebook is the first PNG output of its cell tagged ``readme-figure``;
thumbnails go to ``docs/figures/``. The numbers come from ``benchmarks/metrics.json``,
written by ``benchmarks/run_notebooks.py --write`` (``make notebooks``), and a row's counts
over other seeds from the sweep's results file in ``sweeps/results/``. Values are shown
rounded as in the table; that rounding is the tolerance ``tests/test_readme.py`` allows.
"""

import argparse
import base64
import io
import json
import re
import sys
from pathlib import Path

import nbformat
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools import course_links  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
FIGURES = ROOT / "docs" / "figures"
METRICS = ROOT / "benchmarks" / "metrics.json"
README = ROOT / "README.md"
SWEEP_RESULTS = ROOT / "sweeps" / "results"
THUMB_WIDTH = 260

SENTENCES = {
    "00_start_here": "Set-up, reproducibility, and how the auto-checked exercises work.",
    "01_rnn_recurrence": "The RNN cell in NumPy, parity with Keras's `SimpleRNN` to float "
    "precision, the sequence loss, what recurrence adds beside a whole-sequence `Dense` and a "
    "causal convolution, many-to-one, many-to-many and bidirectional RNNs.",
    "02_vanishing_gradients": "BPTT by hand, gradients that vanish or explode with the lag "
    "(measured), clipping, and the adding problem: RNN against LSTM.",
    "03_lstm_from_scratch": "The four LSTM steps in NumPy, BPTT checked three ways, and the "
    "gates of a trained LSTM holding a memory, beside a parameter-matched SimpleRNN and a "
    "logistic-regression baseline.",
    "04_keras_lstm": "The Keras LSTM API used properly, and a CO₂ forecast against statistical "
    "baselines (seasonal drift, Holt-Winters, least squares) with block-bootstrap intervals: "
    "an untuned LSTM is no better than a seasonal-drift rule, and least squares beats it.",
    "05_even_numbers": "A popular tutorial's next-even-number mistake, found and fixed one "
    "change at a time; then what an LSTM learns, next to a one-line rule and least squares.",
    "06_encoder_decoder": "Two encoder-decoders that learn two-digit addition and "
    "subtraction from strings, with start and end tokens and the padding masked out of the "
    "loss, against an MLP, by exact match on questions that share no operand pair with "
    "training.",
    "07_attention": "An encoder-decoder without and with attention at about equal parameters "
    "and an equal, small budget (exact match against length and by answer position), "
    "attention in NumPy checked against Keras, an encoder-decoder with attention, attention "
    "maps and beam search.",
    "08_char_language_model": "The course's NumPy LSTM trained as a character-level language "
    "model (truncated BPTT, clipping, Adam) and a Keras LSTM, judged on held-out text against "
    "n-gram baselines up to Kneser-Ney, which wins at this small budget; sampling with "
    "temperature; padding and masking.",
    "09_gru_and_variants": "The GRU from scratch (parity with Keras), the classic LSTM variants "
    "as one-line changes to one cell, and all of them trained side by side on the adding "
    "problem and a memory task, each at its own learning rate chosen on validation (10 runs "
    "per rate, counts with exact intervals): without a forget gate the memory task fails.",
    "10_after_the_lstm": "minGRU and minLSTM computed by a parallel scan (tested equal to the "
    "loop), running parity with and without a signed gate against the LSTM, and xLSTM's "
    "stabilised "
    "exponential gating.",
}


def key_figure(path: Path) -> bytes | None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if "readme-figure" in cell.metadata.get("tags", []):
            for out in cell.get("outputs", []):
                if "image/png" in out.get("data", {}):
                    return base64.b64decode(out["data"]["image/png"])
    return None


def figures() -> None:
    FIGURES.mkdir(parents=True, exist_ok=True)
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        png = key_figure(path)
        if png is None:
            continue
        image = Image.open(io.BytesIO(png))
        height = round(image.height * THUMB_WIDTH / image.width)
        image.resize((THUMB_WIDTH, height), Image.LANCZOS).save(
            FIGURES / f"{path.stem}.png", optimize=True
        )
        print(f"docs/figures/{path.stem}.png")


def course_map(runs: dict) -> str:
    lines = [
        "| notebook | what it teaches | run time · peak memory | key figure |",
        "|---|---|---|---|",
    ]
    for stem, sentence in SENTENCES.items():
        title = stem[:2] + " · " + stem[3:].replace("_", " ")
        run = runs.get(stem, {})
        cost = f"{run['seconds']:.0f} s · {run['peak_rss_mb'] / 1000:.2f} GB" if run else "–"
        thumb = f"![{stem}](docs/figures/{stem}.png)" if (FIGURES / f"{stem}.png").exists() else ""
        badges = course_links.badges_markdown(f"{stem}.ipynb")
        link = f"[{title}](notebooks/{stem}.ipynb)<br>{badges}"
        lines.append(f"| {link} | {sentence} | {cost} | {thumb} |")
    return "\n".join(lines)


def badges(runs: dict) -> str:
    return course_links.badges_markdown("00_start_here.ipynb")


def binder_memory(runs: dict) -> str:
    peaks = [run["peak_rss_mb"] / 1000 for run in runs.values()]
    return (
        "The Binder badge builds this repository's pinned environment (`binder/`) and opens the\n"
        "notebook in JupyterLab; the first launch after a change takes several minutes.\n"
        "mybinder.org guarantees 450 MB of memory per user and allows up to 2 GB, culls a session\n"
        f"after 10 idle minutes, and has had outages. Each notebook's kernel peaks at "
        f"{min(peaks):.2f}–{max(peaks):.2f} GB\n"
        "(the course map gives each one; `make benchmark` measures them): above the guarantee,\n"
        "within the limit. A notebook usually runs, but when Binder is busy its kernel can be\n"
        'killed. If the kernel dies ("Kernel Restarting"), shut down every other kernel (the\n'
        "running-kernels panel in the left sidebar), restart, and run the notebook from the top;\n"
        "if it dies again, use Colab or `make lab`, or lower the sizes in its `parameters` cell."
    )


def solved_over_seeds(sweep: str, models: tuple, key: str, threshold: float) -> str:
    """'seeds 0–7: 8 / 4 / 8 of 8': per model, the runs of ``sweeps/results/<sweep>.json``
    whose ``key.format(model)`` reached ``threshold``, or '–' if the file is missing."""
    path = SWEEP_RESULTS / f"{sweep}.json"
    if not path.exists():
        return "–"
    rows = json.loads(path.read_text())["rows"]
    seeds = sorted(r["seed"] for r in rows)
    counts = " / ".join(str(sum(r[key.format(m)] >= threshold for r in rows)) for m in models)
    return f"seeds {seeds[0]}–{seeds[-1]}: {counts} of {len(rows)}"


def results(runs: dict) -> str:
    m = {}
    for run in runs.values():
        m.update(run.get("metrics", {}))

    def pct(name):
        return f"{m[name]:.2%}" if name in m else "–"

    def sci(name):
        return f"{m[name]:.1e}" if name in m else "–"

    def num(name, digits):
        return f"{m[name]:.{digits}f}" if name in m else "–"

    rows = [
        (
            "RNN vs Keras `SimpleRNN`, max abs difference (float32 / float64)",
            f"{sci('rnn_parity_float32')} / {sci('rnn_parity_float64')}",
            "01",
        ),
        (
            "Delayed echo, test accuracy on the steps that need memory (chance 25%): delay 2, "
            "per-step `Dense` / causal `Conv1D` (window 3) / SimpleRNN; delay 5, causal "
            "`Conv1D` / SimpleRNN; tag by the token 2 steps ahead: forward SimpleRNN / "
            "`Bidirectional`",
            f"{pct('echo2_test_accuracy_per_step')} / {pct('echo2_test_accuracy_causal')} / "
            f"{pct('echo2_test_accuracy_rnn')}; {pct('echo5_test_accuracy_causal')} / "
            f"{pct('echo5_test_accuracy_rnn')}; {pct('future_echo_test_accuracy_forward')} / "
            f"{pct('future_echo_test_accuracy_bidirectional')}",
            "01",
        ),
        (
            "RNN BPTT vs finite differences, max relative error",
            sci("rnn_gradcheck_max_rel_error"),
            "02",
        ),
        (
            "Adding problem (T = 100), test MSE: predict-the-mean / SimpleRNN / LSTM",
            " / ".join(
                [
                    num("adding_test_mse_baseline", 3),
                    num("adding_test_mse_rnn", 3),
                    num("adding_test_mse_lstm", 4),
                ]
            ),
            "02",
        ),
        (
            "LSTM vs `keras.layers.LSTM`, max abs difference (float32 / float64)",
            f"{sci('lstm_parity_float32')} / {sci('lstm_parity_float64')}",
            "03",
        ),
        (
            "LSTM BPTT vs finite differences, max relative error",
            sci("lstm_gradcheck_max_rel_error"),
            "03",
        ),
        (
            "Memory task (40 steps), test accuracy: LSTM / SimpleRNN with as many parameters / "
            "logistic regression on the flattened sequence, seed 42; runs at 99% or more over "
            "other seeds (`sweeps/results/nb03_memory_seeds.json`)",
            " / ".join(pct(f"memory_test_accuracy_{k}") for k in ("lstm", "rnn", "logistic"))
            + "; "
            + solved_over_seeds(
                "nb03_memory_seeds", ("lstm", "rnn", "logistic"), "test_accuracy_{}", 0.99
            ),
            "03",
        ),
        (
            "CO₂, 26 weeks ahead, test MAE in ppm: LSTM / linear autoregression / Holt-Winters "
            "(26-week fit) / seasonal naive + drift (years chosen on validation)",
            " / ".join(
                num(k, 2)
                for k in (
                    "co2_test_mae_lstm",
                    "co2_test_mae_linear_autoregression",
                    "co2_test_mae_holt_winters_26_week_fit",
                    "co2_test_mae_seasonal_drift_years_chosen",
                )
            ),
            "04",
        ),
        (
            "Next even number, exact match, tutorial's model: held out in 2..200 / from 10,000",
            f"{pct('even_naive_exact_in_range')} / {pct('even_naive_exact_far')}",
            "05",
        ),
        (
            "Next even number, exact match, relative windows (as exact as the no-model rule): "
            "held out in 2..200 / from 10,000",
            f"{pct('even_fixed_exact_in_range')} / {pct('even_fixed_exact_far')}",
            "05",
        ),
        (
            "Encoder-decoder, exact match on the test questions (no operand pair shared with "
            "training): model 1 / model 2 greedy, both on reversed questions",
            f"{pct('seq2seq_test_exact_model1_reversed')} / "
            f"{pct('seq2seq_test_exact_model2_greedy')}",
            "06",
        ),
        (
            "Encoder-decoder (model 1, reversed), test set: exact match on addition / per "
            "character (the answer's characters and end token, no padding)",
            f"{pct('seq2seq_test_exact_addition_model1_reversed')} / "
            f"{pct('seq2seq_test_char_model1_reversed')}",
            "06",
        ),
        (
            "Reversing 10-digit strings, test exact match: without attention / with "
            "attention (about equal parameters, 10 epochs); all lengths 3–10: "
            "without / beam 5 / with",
            f"{pct('reverse_test_exact_plain_longest')} / "
            f"{pct('reverse_test_exact_attention_longest')}; "
            f"{pct('reverse_test_exact_plain_greedy')} / {pct('reverse_test_exact_plain_beam5')}"
            f" / {pct('reverse_test_exact_attention_greedy')}",
            "07",
        ),
        (
            "Character-level language model, test bits per character: bigram / trigram / "
            "add-α 4-gram / Kneser-Ney / NumPy LSTM / Keras LSTM (uniform: 5.83)",
            " / ".join(
                num(f"charlm_test_bits_{k}", 2)
                for k in ("bigram", "trigram", "4_gram", "kneser_ney", "numpy_lstm", "keras_lstm")
            ),
            "08",
        ),
        (
            "LSTM variants, memory task, test error (mean of 3 runs): vanilla / coupled "
            "gates / no forget gate / forget bias 0 / GRU / GRU with update bias 1",
            " / ".join(
                pct(f"variants_memory_test_error_{k}")
                for k in (
                    "vanilla",
                    "coupled",
                    "no_forget_gate",
                    "forget_bias_0",
                    "gru",
                    "gru_update_bias_1",
                )
            ),
            "09",
        ),
        (
            "Running parity, tested on strings 16× the training length, accuracy per step: "
            "LSTM / minGRU / two minGRU layers (chance: 50%)",
            " / ".join(
                pct(f"parity_test_accuracy_{k}_longest") for k in ("lstm", "mingru", "mingru_2")
            ),
            "10",
        ),
    ]
    lines = ["| result | measured | notebook |", "|---|---|---|"]
    lines += [f"| {what} | {value} | {nb} |" for what, value, nb in rows]
    return "\n".join(lines)


def generated(readme: str, runs: dict) -> str:
    sections = {
        "badges": badges,
        "course-map": course_map,
        "binder-memory": binder_memory,
        "results": results,
    }
    for name, make in sections.items():
        body = make(runs)
        pattern = re.compile(rf"(<!-- {name}:start -->\n)(?:.*?\n)?(<!-- {name}:end -->)", re.S)
        if not pattern.search(readme):
            raise SystemExit(f"README.md lacks the <!-- {name}:start/end --> markers")
        readme = pattern.sub(lambda mt, body=body: mt.group(1) + body + "\n" + mt.group(2), readme)
    return readme


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["figures", "readme", "check"])
    args = parser.parse_args(argv)
    if args.command == "figures":
        figures()
        return 0
    runs = json.loads(METRICS.read_text())
    current = README.read_text()
    wanted = generated(current, runs)
    if args.command == "check":
        if current != wanted:
            print("README.md is out of date with benchmarks/metrics.json: run make figures")
            return 1
        return 0
    README.write_text(wanted)
    return 0


if __name__ == "__main__":
    sys.exit(main())
