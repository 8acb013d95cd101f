"""Notebook 08 over other seeds: the two LSTMs against the counting models, where the NumPy
LSTM is closest to Kneser-Ney, and the masking section's two word models.

Runs ``notebooks/08_char_language_model.ipynb`` with its defaults and ``SEED`` = 0 to 4 (five
seeds besides the notebook's 42; each seed draws fresh starting weights for both LSTMs and the
word models; the text, its split and the counting models do not depend on the seed) and keeps
what the notebook records: each model's validation cross-entropy, the test figures of section
8 (scored once per run, after training), the NumPy LSTM minus Kneser-Ney on validation by how
often the six characters before a position occur in training, and the word models' held-out
cross-entropy on real characters with and without the mask; and the notebook's ✓/✗ lines. It
informs no choice: the notebook's sizes, budget and smoothing grids were fixed before it ran.
Backs notebook 08's sections 5 ("Every model side by side", "Where does the LSTM help?"), 7
and the Summary. About two minutes per seed alone, two at a time.

    python sweeps/nb08_seeds.py            # writes sweeps/results/nb08_seeds.json
"""

import math

from common import checks_held, main, notebook_row, spread

INFORMS_CHOICE = False
NOTEBOOK = "08_char_language_model"
MODELS = {"numpy": "numpy_lstm", "keras": "keras_lstm", "5gram": "5_gram", "4gram": "4_gram",
          "kn": "kneser_ney"}  # fmt: skip
KEYS = {
    "val_numpy": "charlm_numpy_val_nats",
    "val_keras": "charlm_keras_val_nats",
    "val_5gram": "charlm_5gram_val_nats",
    "val_4gram": "charlm_4gram_val_nats",
    "val_kn": "charlm_kneser_ney_val_nats",
    **{f"test_bits_{short}": f"charlm_test_bits_{slug}" for short, slug in MODELS.items()},
    **{
        f"val_lstm_minus_kn_{group}": f"charlm_val_lstm_minus_kn_{group}_nats"
        for group in ("unseen", "rare", "common")
    },
    "words_with_mask": "charlm_words_real_nats_with_mask",
    "words_without_mask": "charlm_words_real_nats_without_mask",
}


def one(seed: int) -> dict:
    return notebook_row(NOTEBOOK, {"SEED": seed}, KEYS, informs_choice=INFORMS_CHOICE, seed=seed)


def _range(values, digits=3) -> str:
    s = spread(values)
    return f"{s['min']:+.{digits}f} / {s['median']:+.{digits}f} / {s['max']:+.{digits}f}"


def quotes(rows: list) -> list[str]:
    n = len(rows)
    test = lambda r, m: r[f"test_bits_{m}"] * math.log(2)  # noqa: E731  (bits to nats)
    lstm = {m: [r[f"val_{m}"] for r in rows] for m in ("numpy", "keras")}
    groups = ("unseen", "rare", "common")
    closest = sum(min(groups, key=lambda g: r[f"val_lstm_minus_kn_{g}"]) == "unseen" for r in rows)
    return [
        f"over seeds 0 to 4, the NumPy LSTM minus the add-α 5-gram on validation was "
        f"{_range(v - r['val_5gram'] for v, r in zip(lstm['numpy'], rows, strict=True))} nats "
        f"(min / median / max), the Keras LSTM's "
        f"{_range(v - r['val_5gram'] for v, r in zip(lstm['keras'], rows, strict=True))}",
        f"on test, the NumPy LSTM minus the 5-gram was "
        f"{_range(test(r, 'numpy') - test(r, '5gram') for r in rows)} nats, the Keras LSTM's "
        f"{_range(test(r, 'keras') - test(r, '5gram') for r in rows)}",
        f"the NumPy LSTM minus the add-α 4-gram on validation was "
        f"{_range(r['val_numpy'] - r['val_4gram'] for r in rows)} nats, minus Kneser-Ney "
        f"{_range(r['val_numpy'] - r['val_kn'] for r in rows)}; on test "
        f"{_range(test(r, 'numpy') - test(r, '4gram') for r in rows)} and "
        f"{_range(test(r, 'numpy') - test(r, 'kn') for r in rows)}",
        f"the Keras LSTM minus the NumPy LSTM on validation was "
        f"{_range(r['val_keras'] - r['val_numpy'] for r in rows)} nats",
        f"the NumPy LSTM minus Kneser-Ney was smallest where the six characters before a position "
        f"never occur in training in {closest} of {n} runs ("
        + ", ".join(
            f"{g}: {_range([r[f'val_lstm_minus_kn_{g}'] for r in rows], 2)}" for g in groups
        )
        + " nats)",
        f"the word models' held-out cross-entropy on real characters, without the mask minus with "
        f"it, was {_range(r['words_without_mask'] - r['words_with_mask'] for r in rows)} nats",
        checks_held(rows),
    ]


if __name__ == "__main__":
    main(
        __doc__.splitlines()[0],
        one,
        list(range(5)),
        tuple(KEYS),
        "nb08_seeds",
        quotes,
        informs_choice=INFORMS_CHOICE,
        measured=(f"notebooks/{NOTEBOOK}.ipynb",),
        claims="notebook 08, sections 5 and 7 and the Summary",
    )
