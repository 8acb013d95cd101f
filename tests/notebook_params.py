"""The second parameter set for every notebook: another seed and the smallest sizes that still
reach every cell.

The browser test (tests/test_browser.py) runs each notebook in JupyterLab with these: it
proves that the parameters work and that every cell runs and draws in a learner's UI, in
seconds rather than minutes. It does not judge the ✓ checks, which small sizes are meant to
fail: nbval judges them, on the defaults. Whether a notebook's conclusions hold for other
seeds is a sweep's question (sweeps/), not one extra seed's in CI. Every notebook must
have an entry.
"""

SECOND_PARAMETERS = {
    "00_start_here": {"SEED": 7},
    "01_rnn_recurrence": {"SEED": 7, "N_TRAIN": 200, "EPOCHS": 2},
    # STEPS stays 100: the notebook reads the gradient at lag 99.
    "02_vanishing_gradients": {"SEED": 7, "N_TRAIN": 500, "EPOCHS": 2},
    "03_lstm_from_scratch": {"SEED": 7, "N_TRAIN": 300, "EPOCHS": 2},
    # Most of 04's time is the broadcasting demonstration, whose size is fixed.
    "04_keras_lstm": {"SEED": 7, "MAX_EPOCHS": 2},
    "05_even_numbers": {"SEED": 7, "EPOCHS": 3},
    "06_encoder_decoder": {"SEED": 7, "UNITS": 16, "EPOCHS": 1},
    # MAX_LENGTH stays at least 7: a figure shows a string of each length 4, 7 and MAX_LENGTH.
    "07_attention": {"SEED": 7, "N_TRAIN": 500, "MAX_LENGTH": 8, "UNITS": 8, "EPOCHS": 1},
    "08_char_language_model": {"SEED": 7, "UNITS": 16, "EPOCHS": 1, "WORD_EPOCHS": 1},
    "09_gru_and_variants": {
        "SEED": 7,
        "RUNS": 2,
        "ADD_STEPS": 10,
        "N_ADD": 256,
        "ADD_EPOCHS": 1,
        "N_MEM": 256,
        "MEM_EPOCHS": 1,
    },
    "10_after_the_lstm": {"SEED": 7, "N_TRAIN": 200, "EPOCHS": 2, "TIMING_LENGTHS": [64, 256]},
}
