"""The second parameter set for every notebook: another seed and smaller sizes.

papermill runs each notebook with these (tests/test_papermill.py) to prove that the
parameters work and that the notebook's conclusions (its ✓ checks) do not hinge on one seed.
Every notebook must have an entry.
"""

SECOND_PARAMETERS = {
    "00_start_here": {"SEED": 7},
    "01_rnn_recurrence": {"SEED": 7, "N_TRAIN": 1000, "EPOCHS": 10},
    # The adding problem needs its full size and budget (STEPS stays 100: the notebook reads
    # lag 99); the LSTM stops early once validation MSE < 0.005. Only the seed changes.
    "02_vanishing_gradients": {"SEED": 7},
    "03_lstm_from_scratch": {"SEED": 7, "N_TRAIN": 1500, "EPOCHS": 10},
    "04_keras_lstm": {"SEED": 7, "MAX_EPOCHS": 20},
    # The reach of the mixed-step model (exact to 16, not 20) is measured at 100 epochs: only
    # the seed changes (with 80 epochs seed 7 also gets step 20 right).
    "05_even_numbers": {"SEED": 7},
    # The accuracy goals need the full training budget: only the seed changes. At 13 epochs
    # (benchmarks/seq2seq_seeds.py --epochs 13, before the LSTMs were unrolled) two of six
    # seeds failed a test-set check (seed 1: model 1 reversed 97.99% on additions; seed 2:
    # model 2 94.46%). With 96 units (--set UNITS=96) two of six failed too (seed 0: model 2
    # 95.80%; seed 3: model 1 reversed 98.30% on additions).
    "06_encoder_decoder": {"SEED": 7},
    # Shorter strings and less data train in about half the time; the contrast still holds
    # (measured: without attention 98% at length 3, 8% at length 8; with attention 100%).
    "07_attention": {"SEED": 7, "N_TRAIN": 6000, "MAX_LENGTH": 8},
    # Half the epochs of the character model and of the word model (1 epoch fails the check
    # that Keras beats the bigram by > 0.2 nats on test).
    "08_char_language_model": {"SEED": 7, "EPOCHS": 2, "WORD_EPOCHS": 4},
    # Two runs per model, a shorter adding problem with fewer epochs, a smaller memory task:
    # every check holds with margin (measured); imports and the parity check are fixed costs.
    "09_gru_and_variants": {
        "SEED": 7,
        "RUNS": 2,
        "ADD_STEPS": 10,
        "ADD_EPOCHS": 5,
        "N_MEM": 1024,
    },
    # Half the data and half the epochs: the LSTM still reaches 100% (seed 7), the minGRU
    # models stay near chance; two timing lengths instead of four.
    "10_after_the_lstm": {"SEED": 7, "N_TRAIN": 1000, "EPOCHS": 10, "TIMING_LENGTHS": [64, 256]},
}
