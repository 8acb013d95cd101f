"""The second parameter set for every notebook: another seed and smaller sizes.

papermill runs each notebook with these (tests/test_papermill.py) to prove that the
parameters work and that the notebook's conclusions (its ✓ checks) do not hinge on one seed.
Every notebook must have an entry.
"""

SECOND_PARAMETERS = {
    "00_start_here": {"SEED": 7},
    "01_rnn_recurrence": {"SEED": 7, "N_TRAIN": 1000, "EPOCHS": 15},
    # The adding problem needs its full size and budget to be solved: only the seed changes.
    "02_vanishing_gradients": {"SEED": 7},
    "03_lstm_from_scratch": {"SEED": 7, "N_TRAIN": 2000, "EPOCHS": 12},
    "04_keras_lstm": {"SEED": 7, "MAX_EPOCHS": 20},
    # The reach of the mixed-step model (exact to 16, not 20) is measured at 100 epochs: only
    # the seed changes (with 80 epochs seed 7 also gets step 20 right).
    "05_even_numbers": {"SEED": 7},
    # The accuracy goals need the full training budget: only the seed changes.
    "06_encoder_decoder": {"SEED": 7},
}
