"""The course's auto-checked exercises, one :class:`~lstm_course.exercises.checker.Exercise` each.

In a notebook::

    from lstm_course.exercises import check_dense_tanh
    check_dense_tanh(my_dense_tanh)

Each checker calls the learner's function positionally, on inputs whose sizes change from
trial to trial, and names the mistake when it recognises one. The reference solutions are
importable too (``from lstm_course.exercises import dense_tanh``), one module per notebook.
"""

from lstm_course.exercises._common import zeroed
from lstm_course.exercises.nb00_start_here import check_dense_tanh, dense_tanh
from lstm_course.exercises.nb01_rnn_recurrence import (
    check_rnn_cell_forward,
    check_sequence_loss,
    rnn_cell_forward,
    sequence_loss,
)
from lstm_course.exercises.nb02_vanishing_gradients import (
    check_clip_by_global_norm,
    check_rnn_cell_backward,
    clip_by_global_norm,
    rnn_cell_backward,
)
from lstm_course.exercises.nb03_lstm_from_scratch import (
    cell_state_backward,
    check_cell_state_backward,
    check_forget_gate,
    check_lstm_cell_step,
    forget_gate,
    lstm_cell_step,
)
from lstm_course.exercises.nb04_keras_lstm import (
    check_lstm_output_shapes,
    check_lstm_param_count,
    lstm_output_shapes,
    lstm_param_count,
)
from lstm_course.exercises.nb05_even_numbers import (
    check_make_windows,
    check_next_odd_targets,
    make_windows,
    next_odd_targets,
)
from lstm_course.exercises.nb06_encoder_decoder import (
    check_greedy_loop,
    check_one_hot_encode,
    greedy_loop,
    one_hot_encode,
)
from lstm_course.exercises.nb07_attention import (
    additive_scores,
    attention_weights,
    check_additive_scores,
    check_attention_weights,
)
from lstm_course.exercises.nb08_char_language_model import (
    check_make_chunks,
    check_temperature_probs,
    make_chunks,
    temperature_probs,
)
from lstm_course.exercises.nb09_gru_and_variants import (
    check_coupled_step,
    check_gru_cell,
    coupled_step,
    gru_cell,
)
from lstm_course.exercises.nb10_after_the_lstm import (
    check_combine,
    check_stabilised_gates,
    combine,
    stabilised_gates,
)

#: Every exercise by name, in course order, with the notebook that holds it.
EXERCISES = {
    check.name: (notebook, check)
    for notebook, check in [
        ("00_start_here", check_dense_tanh),
        ("01_rnn_recurrence", check_rnn_cell_forward),
        ("01_rnn_recurrence", check_sequence_loss),
        ("02_vanishing_gradients", check_rnn_cell_backward),
        ("02_vanishing_gradients", check_clip_by_global_norm),
        ("03_lstm_from_scratch", check_forget_gate),
        ("03_lstm_from_scratch", check_lstm_cell_step),
        ("03_lstm_from_scratch", check_cell_state_backward),
        ("04_keras_lstm", check_lstm_param_count),
        ("04_keras_lstm", check_lstm_output_shapes),
        ("05_even_numbers", check_make_windows),
        ("05_even_numbers", check_next_odd_targets),
        ("06_encoder_decoder", check_one_hot_encode),
        ("06_encoder_decoder", check_greedy_loop),
        ("07_attention", check_attention_weights),
        ("07_attention", check_additive_scores),
        ("09_gru_and_variants", check_gru_cell),
        ("09_gru_and_variants", check_coupled_step),
        ("08_char_language_model", check_temperature_probs),
        ("08_char_language_model", check_make_chunks),
        ("10_after_the_lstm", check_combine),
        ("10_after_the_lstm", check_stabilised_gates),
    ]
}

__all__ = [
    "EXERCISES",
    "additive_scores",
    "attention_weights",
    "check_additive_scores",
    "check_attention_weights",
    "check_combine",
    "cell_state_backward",
    "check_cell_state_backward",
    "check_clip_by_global_norm",
    "check_coupled_step",
    "check_dense_tanh",
    "check_forget_gate",
    "check_greedy_loop",
    "check_gru_cell",
    "check_lstm_cell_step",
    "check_lstm_output_shapes",
    "check_lstm_param_count",
    "check_make_chunks",
    "check_make_windows",
    "check_next_odd_targets",
    "check_one_hot_encode",
    "check_rnn_cell_backward",
    "check_rnn_cell_forward",
    "check_sequence_loss",
    "check_stabilised_gates",
    "check_temperature_probs",
    "clip_by_global_norm",
    "coupled_step",
    "combine",
    "dense_tanh",
    "forget_gate",
    "greedy_loop",
    "gru_cell",
    "lstm_cell_step",
    "lstm_output_shapes",
    "lstm_param_count",
    "make_chunks",
    "make_windows",
    "next_odd_targets",
    "one_hot_encode",
    "rnn_cell_backward",
    "rnn_cell_forward",
    "sequence_loss",
    "stabilised_gates",
    "temperature_probs",
    "zeroed",
]
