"""Notebook 04: the parameter count of an LSTM layer, and the shapes it returns."""

from lstm_course.exercises.checker import Exercise, KnownBug
from lstm_course.numpy_models import lstm

lstm_param_count = lstm.param_count  # the reference


def _param_count_inputs(rng, trial=0):
    units, input_dim = (50, 1) if trial == 0 else (0, 0)
    while units == input_dim:
        units, input_dim = int(rng.integers(2, 100)), int(rng.integers(2, 40))
    return {"units": units, "input_dim": input_dim}


check_lstm_param_count = Exercise(
    name="lstm_param_count",
    reference=lstm.param_count,
    make_inputs=_param_count_inputs,
    trials=5,
    show_inputs=True,
    known_bugs=[
        KnownBug(
            lambda units, input_dim: 4 * units * (input_dim + units),
            "the biases are missing: each of the 4 blocks (3 gates and the candidate) has "
            "one bias per unit",
        ),
        KnownBug(
            lambda units, input_dim: units * (input_dim + units) + units,
            "that is one block; an LSTM layer has four (i, f, c̃, o)",
        ),
        KnownBug(
            lambda units, input_dim: 4 * (units * input_dim + units),
            "the recurrent weights are missing: every gate also sees h_{t-1} (units x units)",
        ),
        KnownBug(
            lambda units, input_dim: 3 * (units * (input_dim + units) + units),
            "the candidate c̃ has its own weights too: 4 blocks, not 3",
        ),
        KnownBug(
            lambda units, input_dim: 4 * (units * (input_dim + units) + 2 * units),
            "Keras has one bias per gate and unit (PyTorch's LSTM has two)",
        ),
        KnownBug(
            lambda units, input_dim: 4 * (input_dim * (units + input_dim) + input_dim),
            "units and input_dim are swapped: the blocks have `units` outputs each",
        ),
        KnownBug(
            lambda units, input_dim: 4 * units * input_dim,
            "that counts only the input weights: add the recurrent weights and the biases",
        ),
        KnownBug(
            lambda units, input_dim: 4 * units * (input_dim + units) + units,
            "each of the 4 blocks has its own bias vector, not one for the layer",
        ),
        KnownBug(
            lambda units, input_dim: 3 * (units * (input_dim + units) + 2 * units),
            "that is a Keras GRU's count (3 blocks, 2 biases each); an LSTM has 4 blocks, "
            "each with one bias per unit",
        ),
    ],
    error_hint="units and input_dim are ints, and so is the count",
)


def lstm_output_shapes(batch, steps, units, return_sequences, return_state):
    """Reference: the shapes a Keras LSTM returns for a (batch, steps, features) input."""
    out = (batch, steps, units) if return_sequences else (batch, units)
    return (out, (batch, units), (batch, units)) if return_state else out


def _shapes_inputs(rng, trial=0):
    batch, steps, units = (int(v) for v in rng.choice(range(2, 40), 3, replace=False))
    return {
        "batch": batch,
        "steps": steps,
        "units": units,
        "return_sequences": bool(trial % 2),
        "return_state": bool(trial // 2 % 2),
    }


def _shapes(seq_out="(b,s,u)", state="(b,u)", n_states=2, flat=True, use_state=True):
    """A (possibly broken) lstm_output_shapes, for the checker's known bugs."""

    def shapes(batch, steps, units, return_sequences, return_state):
        sequence = {
            "(b,s,u)": (batch, steps, units),
            "(b,u)": (batch, units),
            "(b,u,s)": (batch, units, steps),
            "(s,u)": (steps, units),
        }[seq_out]
        out = sequence if return_sequences else (batch, units)
        if not (return_state and use_state):
            return out
        h = (batch, steps, units) if state == "with time" and return_sequences else (batch, units)
        states = (h,) * n_states
        return (out, *states) if flat else (out, states)

    return shapes


check_lstm_output_shapes = Exercise(
    name="lstm_output_shapes",
    reference=lstm_output_shapes,
    make_inputs=_shapes_inputs,
    trials=12,
    show_inputs=True,
    known_bugs=[
        KnownBug(
            _shapes(seq_out="(b,u)"),
            "return_sequences=True keeps every step: the output is (batch, steps, units)",
        ),
        KnownBug(
            lambda batch, steps, units, return_sequences, return_state: _shapes()(
                batch, steps, units, not return_sequences, return_state
            ),
            "return_sequences is the wrong way round: True keeps every step",
        ),
        KnownBug(
            _shapes(state="with time"),
            "the states h and c are the last step's only: (batch, units), "
            "whatever return_sequences says",
        ),
        KnownBug(_shapes(n_states=1), "return_state=True returns three tensors: [output, h, c]"),
        KnownBug(
            _shapes(use_state=False),
            "return_state=True returns three tensors, [output, h, c]: a tuple of three shapes",
        ),
        KnownBug(
            _shapes(flat=False),
            "the three shapes come flat, (output, h, c), not (output, (h, c))",
        ),
        KnownBug(
            _shapes(seq_out="(b,u,s)"),
            "Keras puts time second: (batch, steps, units)",
        ),
        KnownBug(
            _shapes(seq_out="(s,u)"),
            "keep the batch axis first: (batch, steps, units)",
        ),
    ],
    error_hint="return a shape tuple, or a tuple of three shape tuples when return_state is True",
)
