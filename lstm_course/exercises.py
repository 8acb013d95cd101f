"""The course's auto-checked exercises, one :class:`~lstm_course.checking.Exercise` each.

In a notebook::

    from lstm_course.exercises import check_dense_tanh
    check_dense_tanh(my_dense_tanh)
"""

from lstm_course import clipping, data, lstm, rnn, seq2seq
from lstm_course.checking import Ablation, Exercise, KnownBug

import numpy as np


def zeroed(*names):
    """An ablation transform that sets the named inputs to zero."""

    def transform(inputs: dict) -> dict:
        return {k: (np.zeros_like(v) if k in names else v) for k, v in inputs.items()}

    return transform


# --- 00 start here -------------------------------------------------------------------------


def dense_tanh(x, W, b):
    """Reference: one dense layer with a tanh, ``tanh(x @ W + b)``.

    x: (batch, d_in), W: (d_in, units), b: (units,) -> (batch, units).
    """
    return np.tanh(x @ W + b)


def _dense_inputs(rng):
    batch, d_in, units = 4, 3, 5  # all different, so a transpose cannot hide
    return {
        "x": rng.normal(size=(batch, d_in)),
        "W": rng.normal(size=(d_in, units)),
        "b": rng.normal(size=units),
    }


check_dense_tanh = Exercise(
    name="dense_tanh",
    reference=dense_tanh,
    make_inputs=_dense_inputs,
    known_bugs=[
        KnownBug(lambda x, W, b: x @ W + b, "the tanh is missing: squash x @ W + b with np.tanh"),
        KnownBug(lambda x, W, b: np.tanh(x @ W) + b, "the bias belongs inside the tanh"),
        KnownBug(
            lambda x, W, b: 1 / (1 + np.exp(-(x @ W + b))),
            "that is a sigmoid (values in 0..1); use np.tanh (values in -1..1)",
        ),
    ],
    ablations=[
        Ablation(zeroed("b"), "with b = 0 your output is wrong: check the x @ W term"),
        Ablation(zeroed("x"), "with x = 0 the output must be tanh(b): check the bias term"),
    ],
    error_hint="x is (batch, d_in) and W is (d_in, units), so the product is x @ W",
)


# --- 01 RNN recurrence ----------------------------------------------------------------------


def _rnn_cell_inputs(rng):
    batch, n_x, n_a = 3, 4, 5
    return {
        "x_t": rng.normal(size=(batch, n_x)),
        "a_prev": rng.normal(size=(batch, n_a)),
        "Wax": rng.normal(size=(n_a, n_x)),
        "Waa": rng.normal(size=(n_a, n_a)),
        "ba": rng.normal(size=n_a),
    }


check_rnn_cell_forward = Exercise(
    name="rnn_cell_forward",
    reference=rnn.rnn_cell_forward,
    make_inputs=_rnn_cell_inputs,
    known_bugs=[
        KnownBug(
            lambda x_t, a_prev, Wax, Waa, ba: np.tanh(x_t @ Wax.T + ba),
            "your output ignores a_prev: the recurrent term Waa·a<t-1> is what makes it an RNN",
        ),
        KnownBug(
            lambda x_t, a_prev, Wax, Waa, ba: np.tanh(a_prev @ Waa + x_t @ Wax.T + ba),
            "Waa is not transposed: with batch-first rows, Waa·a<t-1> becomes a_prev @ Waa.T",
        ),
        KnownBug(
            lambda x_t, a_prev, Wax, Waa, ba: a_prev @ Waa.T + x_t @ Wax.T + ba,
            "the tanh is missing",
        ),
        KnownBug(
            lambda x_t, a_prev, Wax, Waa, ba: np.tanh(a_prev @ Waa.T + x_t @ Wax.T) + ba,
            "the bias ba belongs inside the tanh",
        ),
    ],
    ablations=[  # each keeps exactly one term of Waa·a<t-1> + Wax·x<t> + ba
        Ablation(
            zeroed("x_t", "a_prev"),
            "with x_t = a_prev = 0 the output must be tanh(ba): check the bias",
        ),
        Ablation(
            zeroed("a_prev", "ba"),
            "with only the input term left, your output is wrong: check the Wax·x<t> term",
        ),
        Ablation(
            zeroed("x_t", "ba"),
            "with only the recurrent term left, your output is wrong: check the Waa·a<t-1> term",
        ),
    ],
    error_hint="x_t is (batch, n_x) and Wax is (n_a, n_x), so the input term is x_t @ Wax.T",
)


def _sequence_loss_inputs(rng):
    batch, steps, n_y = 3, 4, 5
    return {
        "y_hat": rnn.softmax(rng.normal(size=(batch, steps, n_y))),
        "y": rng.integers(0, n_y, size=(batch, steps)),
    }


def _picked(y_hat, y):
    return np.take_along_axis(y_hat, y[..., None], axis=-1)[..., 0]


check_sequence_loss = Exercise(
    name="sequence_loss",
    reference=rnn.sequence_cross_entropy,
    make_inputs=_sequence_loss_inputs,
    known_bugs=[
        KnownBug(
            lambda y_hat, y: float(-np.log(_picked(y_hat, y)).mean()),
            "you averaged over time too: the sequence loss *sums* the per-step losses over t "
            "(and averages over the batch)",
        ),
        KnownBug(
            lambda y_hat, y: float(-np.log(_picked(y_hat, y)).sum()),
            "you summed over the batch too: sum over time, then average over the batch",
        ),
        KnownBug(
            lambda y_hat, y: float(np.log(_picked(y_hat, y)).sum(axis=1).mean()),
            "the sign is wrong: cross-entropy is -log(probability of the true class)",
        ),
    ],
    error_hint="pick the true class's probability: np.take_along_axis(y_hat, y[..., None], -1)",
)


# --- 02 vanishing gradients -----------------------------------------------------------------


def _rnn_cell_backward_inputs(rng):
    batch, n_x, n_a = 3, 4, 5
    x_t, a_prev = rng.normal(size=(batch, n_x)), np.tanh(rng.normal(size=(batch, n_a)))
    Wax, Waa = rng.normal(scale=0.5, size=(n_a, n_x)), rng.normal(scale=0.5, size=(n_a, n_a))
    a_t = rnn.rnn_cell_forward(x_t, a_prev, Wax, Waa, rng.normal(size=n_a))
    return {
        "da_t": rng.normal(size=(batch, n_a)),
        "a_t": a_t,
        "a_prev": a_prev,
        "x_t": x_t,
        "Wax": Wax,
        "Waa": Waa,
    }


def _cell_backward_variant(derivative="a_t", da_prev_matrix="Waa"):
    """A (possibly broken) rnn_cell_backward, for the checker's known bugs."""

    def step(da_t, a_t, a_prev, x_t, Wax, Waa):
        dtanh = {
            "a_t": 1 - a_t**2,
            "none": 1.0,
            "a_prev": 1 - a_prev**2,
            "tanh(a_t)": 1 - np.tanh(a_t) ** 2,
        }[derivative]
        dz = da_t * dtanh
        W = Waa if da_prev_matrix == "Waa" else Waa.T
        return dz @ Wax, dz @ W, dz.T @ x_t, dz.T @ a_prev, dz.sum(axis=0)

    return step


check_rnn_cell_backward = Exercise(
    name="rnn_cell_backward",
    reference=rnn.rnn_cell_backward,
    make_inputs=_rnn_cell_backward_inputs,
    known_bugs=[
        KnownBug(
            _cell_backward_variant(derivative="none"),
            "the gradient must pass through the tanh: multiply da_t by (1 - a_t**2) first",
        ),
        KnownBug(
            _cell_backward_variant(derivative="a_prev"),
            "the tanh derivative is taken at this step's output: (1 - a_t**2), not a_prev",
        ),
        KnownBug(
            _cell_backward_variant(derivative="tanh(a_t)"),
            "a_t already is tanh(z), so tanh'(z) = 1 - a_t**2 (no second tanh)",
        ),
        KnownBug(
            _cell_backward_variant(da_prev_matrix="Waa.T"),
            "da_prev = dz @ Waa: the forward pass used a_prev @ Waa.T, so backward uses Waa",
        ),
    ],
    error_hint="dz = da_t * (1 - a_t**2) has shape (batch, n_a); dWax = dz.T @ x_t is (n_a, n_x)",
)


def _clip_inputs(rng):
    scale = rng.choice([0.1, 10.0])  # below and above the threshold
    return {
        "grads": [rng.normal(scale=scale, size=(3, 4)), rng.normal(scale=scale, size=5)],
        "max_norm": 1.0,
    }


def _clip_each(grads, max_norm):
    norms = [np.linalg.norm(g) for g in grads]
    return [g * min(1.0, max_norm / n) for g, n in zip(grads, norms, strict=True)], float(
        np.sqrt(sum(n**2 for n in norms))
    )


def _clip_always(grads, max_norm):
    norm = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    return [g * max_norm / norm for g in grads], norm


def _clip_elementwise(grads, max_norm):
    norm = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    return [np.clip(g, -max_norm, max_norm) for g in grads], norm


check_clip_by_global_norm = Exercise(
    name="clip_by_global_norm",
    reference=clipping.clip_by_global_norm,
    make_inputs=_clip_inputs,
    trials=6,
    known_bugs=[
        KnownBug(
            _clip_each,
            "you clipped each array by its own norm: use one global norm for all "
            "arrays, so the update keeps its direction",
        ),
        KnownBug(
            _clip_always,
            "only scale when the global norm exceeds max_norm; small gradients stay as they are",
        ),
        KnownBug(
            _clip_elementwise,
            "np.clip clips each entry and changes the direction: scale "
            "every array by max_norm / global_norm instead",
        ),
    ],
    error_hint="global_norm = sqrt(sum of np.sum(g**2) over the arrays); return (clipped, norm)",
)


# --- 03 LSTM from scratch -------------------------------------------------------------------


def forget_gate(x_t, h_prev, U_f, W_f, b_f):
    """Reference: f<t> = σ(U_f x<t> + W_f h<t-1> + b_f), batch-first."""
    return lstm.sigmoid(x_t @ U_f.T + h_prev @ W_f.T + b_f)


def _forget_gate_inputs(rng):
    """The RNN cell's inputs under the LSTM's names: the same shapes, one gate."""
    names = {"x_t": "x_t", "a_prev": "h_prev", "Wax": "U_f", "Waa": "W_f", "ba": "b_f"}
    return {names[k]: v for k, v in _rnn_cell_inputs(rng).items()}


check_forget_gate = Exercise(
    name="forget_gate",
    reference=forget_gate,
    make_inputs=_forget_gate_inputs,
    known_bugs=[
        KnownBug(
            lambda x_t, h_prev, U_f, W_f, b_f: np.tanh(x_t @ U_f.T + h_prev @ W_f.T + b_f),
            "a gate uses the sigmoid (values in 0..1, a fraction to keep), not tanh",
        ),
        KnownBug(
            lambda x_t, h_prev, U_f, W_f, b_f: lstm.sigmoid(x_t @ U_f.T + b_f),
            "your gate ignores h_prev: it depends on the previous hidden state too (W_f)",
        ),
        KnownBug(
            lambda x_t, h_prev, U_f, W_f, b_f: lstm.sigmoid(x_t @ U_f.T + h_prev @ W_f + b_f),
            "W_f is not transposed: with batch-first rows, W_f·h<t-1> is h_prev @ W_f.T",
        ),
    ],
    ablations=[
        Ablation(
            zeroed("x_t", "h_prev"), "with x_t = h_prev = 0 the gate must be σ(b_f): check the bias"
        ),
        Ablation(
            zeroed("h_prev", "b_f"),
            "with only the input term left your gate is wrong: check U_f·x<t>",
        ),
        Ablation(
            zeroed("x_t", "b_f"),
            "with only the recurrent term left your gate is wrong: check W_f·h<t-1>",
        ),
    ],
    error_hint="x_t is (batch, d) and U_f is (units, d), so the input term is x_t @ U_f.T",
)


def _cell_variant(order="ifco", h_from="new", squash=True, candidate=np.tanh):
    """A (possibly broken) LSTM step with the fused weights, for the checker's known bugs."""

    def step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
        z = x_t @ kernel + h_prev @ recurrent_kernel + bias
        parts = dict(zip(order, np.split(z, 4, axis=-1), strict=True))
        i, f, o = (lstm.sigmoid(parts[k]) for k in "ifo")
        c_t = f * c_prev + i * candidate(parts["c"])
        c_out = c_t if h_from == "new" else c_prev
        return o * (np.tanh(c_out) if squash else c_out), c_t

    return step


def _lstm_step_inputs(rng):
    batch, d, u = 3, 4, 5
    return {
        "x_t": rng.normal(size=(batch, d)),
        "h_prev": rng.normal(size=(batch, u)),
        "c_prev": rng.normal(size=(batch, u)),
        "kernel": rng.normal(size=(d, 4 * u)),
        "recurrent_kernel": rng.normal(size=(u, 4 * u)),
        "bias": rng.normal(size=4 * u),
    }


check_lstm_cell_step = Exercise(
    name="lstm_cell_step",
    reference=lambda **kw: lstm.lstm_cell_forward(**kw)[:2],
    make_inputs=_lstm_step_inputs,
    known_bugs=[
        KnownBug(
            _cell_variant(order="fico"),
            "gate order looks swapped (i and f): Keras's fused "
            "matrices hold the gates in the order i, f, c, o",
        ),
        KnownBug(
            _cell_variant(order="ifoc"),
            "gate order looks swapped (c̃ and o): the order is "
            "i, f, c, o, so the candidate is the third block",
        ),
        KnownBug(
            _cell_variant(h_from="old"),
            "h<t> must use the new cell state: h<t> = o ⊙ tanh(c<t>), not c<t-1>",
        ),
        KnownBug(
            _cell_variant(squash=False),
            "the tanh before the output gate is missing: h<t> = o ⊙ tanh(c<t>)",
        ),
        KnownBug(
            _cell_variant(candidate=lstm.sigmoid),
            "the candidate c̃ uses tanh (values in -1..1); only the gates use the sigmoid",
        ),
    ],
    ablations=[
        Ablation(
            zeroed("c_prev"),
            "with c_prev = 0 your output is wrong: check i ⊙ c̃ and the output gate",
        ),
    ],
    error_hint="z = x_t @ kernel + h_prev @ recurrent_kernel + bias is (batch, 4*units); "
    "np.split(z, 4, axis=-1) gives the four gates",
)


def _cell_backward_inputs(rng):
    batch, u = 3, 5
    return {
        "dh_t": rng.normal(size=(batch, u)),
        "dc_next": rng.normal(size=(batch, u)),
        "o_t": lstm.sigmoid(rng.normal(size=(batch, u))),
        "c_t": rng.normal(size=(batch, u)),
        "f_t": lstm.sigmoid(rng.normal(size=(batch, u))),
    }


check_cell_state_backward = Exercise(
    name="cell_state_backward",
    reference=lstm.cell_state_backward,
    make_inputs=_cell_backward_inputs,
    known_bugs=[
        KnownBug(
            lambda dh_t, dc_next, o_t, c_t, f_t: (
                dh_t * o_t * (1 - np.tanh(c_t) ** 2),
                dh_t * o_t * (1 - np.tanh(c_t) ** 2) * f_t,
            ),
            "c<t> also receives gradient from step t+1 along the cell path: add dc_next",
        ),
        KnownBug(
            lambda dc_next, dh_t, o_t, c_t, f_t: (
                dc_next + dh_t * o_t,
                (dc_next + dh_t * o_t) * f_t,
            ),
            "h<t> = o ⊙ tanh(c<t>), so the gradient through h needs tanh'(c) = 1 - tanh(c)²",
        ),
        KnownBug(
            lambda dh_t, dc_next, o_t, c_t, f_t: (
                dc_next + dh_t * o_t * (1 - c_t**2),
                (dc_next + dh_t * o_t * (1 - c_t**2)) * f_t,
            ),
            "tanh'(c) = 1 - tanh(c)², not 1 - c²: c<t> is not squashed",
        ),
        KnownBug(
            lambda dh_t, dc_next, o_t, c_t, f_t: (
                (dc_next + dh_t * o_t * (1 - np.tanh(c_t) ** 2),) * 2
            ),
            "the gradient reaching c<t-1> passes through the forget gate: dc_prev = dc_t ⊙ f<t>",
        ),
    ],
    error_hint="all inputs are (batch, units); everything here is element-wise",
)


# --- 04 Keras LSTM --------------------------------------------------------------------------


def _param_count_inputs(rng):
    return {"units": int(rng.integers(2, 100)), "input_dim": int(rng.integers(2, 40))}


check_lstm_param_count = Exercise(
    name="lstm_param_count",
    reference=lstm.param_count,
    make_inputs=_param_count_inputs,
    trials=5,
    known_bugs=[
        KnownBug(
            lambda units, input_dim: 4 * units * (input_dim + units),
            "the biases are missing: each of the 4 gates has one bias per unit",
        ),
        KnownBug(
            lambda units, input_dim: units * (input_dim + units) + units,
            "that is one gate; an LSTM layer has four (i, f, c, o)",
        ),
        KnownBug(
            lambda units, input_dim: 4 * (units * input_dim + units),
            "the recurrent weights are missing: every gate also sees h<t-1> (units x units)",
        ),
        KnownBug(
            lambda units, input_dim: 3 * (units * (input_dim + units) + units),
            "the candidate c̃ has its own weights too: 4 blocks, not 3",
        ),
    ],
    error_hint="return an int: 4 * (units * (input_dim + units) + units)",
)


def lstm_output_shapes(batch, steps, units, return_sequences, return_state):
    """Reference: the shapes a Keras LSTM returns for a (batch, steps, features) input."""
    out = (batch, steps, units) if return_sequences else (batch, units)
    return (out, (batch, units), (batch, units)) if return_state else out


def _shapes_inputs(rng):
    return {
        "batch": int(rng.integers(2, 64)),
        "steps": int(rng.integers(2, 30)),
        "units": int(rng.integers(2, 64)),
        "return_sequences": bool(rng.integers(0, 2)),
        "return_state": bool(rng.integers(0, 2)),
    }


def _states_with_time(batch, steps, units, return_sequences, return_state):
    out = (batch, steps, units) if return_sequences else (batch, units)
    state = (batch, steps, units) if return_sequences else (batch, units)
    return (out, state, state) if return_state else out


check_lstm_output_shapes = Exercise(
    name="lstm_output_shapes",
    reference=lstm_output_shapes,
    make_inputs=_shapes_inputs,
    trials=12,
    known_bugs=[
        KnownBug(
            lambda batch, steps, units, return_sequences, return_state: (
                ((batch, units), (batch, units), (batch, units)) if return_state else (batch, units)
            ),
            "return_sequences=True keeps every step: the output is (batch, steps, units)",
        ),
        KnownBug(
            _states_with_time,
            "the states h and c are the last step's only: (batch, units), "
            "whatever return_sequences says",
        ),
        KnownBug(
            lambda batch, steps, units, return_sequences, return_state: (
                ((batch, units), (batch, units))
                if return_state
                else ((batch, steps, units) if return_sequences else (batch, units))
            ),
            "return_state=True returns three tensors: [output, h, c]",
        ),
    ],
    error_hint="return a shape tuple, or a tuple of three shape tuples when return_state is True",
)


# --- 05 even numbers ------------------------------------------------------------------------


def _windows_inputs(rng):
    start, step = int(rng.integers(0, 50)) * 2, int(rng.choice([2, 4, 6]))
    return {
        "series": start + step * np.arange(int(rng.integers(8, 15))),
        "length": int(rng.integers(2, 5)),
    }


def _seed_style_windows(series, length):
    """The popular tutorial's labelling: the label sits inside the window."""
    X = np.stack([series[i : i + length] for i in range(len(series) - length)])
    return X, series[1 : len(series) - length + 1]


check_make_windows = Exercise(
    name="make_windows",
    reference=data.sliding_windows,
    make_inputs=_windows_inputs,
    known_bugs=[
        KnownBug(
            _seed_style_windows,
            "your label is series[i + 1], which is inside the window: "
            "the value after window i is series[i + length]",
        ),
        KnownBug(
            lambda series, length: data.sliding_windows(np.append(series, 0), length)[0][:-1],
            "return a pair (X, y): the windows and their labels",
        ),
        KnownBug(
            lambda series, length: tuple(a[:-1] for a in data.sliding_windows(series, length)),
            "you dropped the last window: there are len(series) - length of them",
        ),
    ],
    error_hint="for i in range(len(series) - length): X[i] = series[i : i + length], "
    "y[i] = series[i + length]",
)


def next_odd_targets(windows):
    """Reference: the next odd number after each window's last (even) value."""
    return np.asarray(windows)[:, -1] + 1


def _odd_inputs(rng):
    starts = rng.integers(1, 500, size=6) * 2
    return {"windows": starts[:, None] + 2 * np.arange(3)}


check_next_odd_targets = Exercise(
    name="next_odd_targets",
    reference=next_odd_targets,
    make_inputs=_odd_inputs,
    known_bugs=[
        KnownBug(
            lambda windows: windows[:, -1] + 2,
            "that is the next *even* number, what the "
            "tutorial's code predicts; its title asks for the next odd one",
        ),
        KnownBug(
            lambda windows: windows[:, -1] - 1,
            "the *next* odd number comes after the last value, not before it",
        ),
        KnownBug(lambda windows: windows[:, 0] + 1, "use the window's last value, windows[:, -1]"),
    ],
    error_hint="windows is (n, length); the last value of each window is windows[:, -1]",
)


# --- 06 encoder-decoder ---------------------------------------------------------------------


def one_hot_encode(text, vocab, length):
    """Reference: one string -> one-hot (length, len(vocab)), padded with spaces on the right."""
    return seq2seq.CharCodec(vocab, length).encode([text])[0]


def _codec_inputs(rng):
    vocab = seq2seq.VOCAB
    text = "".join(rng.choice(list("0123456789+-"), size=int(rng.integers(1, 5))))
    return {"text": text, "vocab": vocab, "length": 5}


def _no_padding(text, vocab, length):
    return np.eye(len(vocab), dtype="float32")[[vocab.index(ch) for ch in text]]


check_one_hot_encode = Exercise(
    name="one_hot_encode",
    reference=one_hot_encode,
    make_inputs=_codec_inputs,
    known_bugs=[
        KnownBug(_no_padding, "pad the text with spaces to `length` first: every query is 5 x 13"),
        KnownBug(
            lambda text, vocab, length: one_hot_encode(text, vocab, length).T,
            "rows are positions and columns are symbols: shape (length, len(vocab))",
        ),
        KnownBug(
            lambda text, vocab, length: one_hot_encode(text.rjust(length), vocab, length),
            'pad on the right ("12+7 "), not on the left',
        ),
    ],
    error_hint="start from np.zeros((length, len(vocab))); set a 1 at [position, vocab.index(ch)]",
)


def _greedy_variant(feed_back=True, carry_state=True, emit="prediction"):
    """A greedy decoding loop, correct by default; the other settings are known bugs."""

    def loop(step, state, start, steps):
        token, out = start, []
        for _ in range(steps):
            probs, new_state = step(token if feed_back else start, state)
            state = new_state if carry_state else state
            out.append(token if emit == "input" else probs.argmax(-1))
            token = probs.argmax(-1)
        return np.stack(out, axis=1)

    return loop


greedy_loop = _greedy_variant()  # the reference: step(tokens, state) -> (probs, state)


def _greedy_inputs(rng):
    n, k, vocab = 4, 6, 7
    A, B, C = (
        rng.normal(size=(k, k)),
        rng.normal(size=(vocab, k)),
        rng.normal(scale=3, size=(k, vocab)),
    )

    def step(tokens, state):
        new_state = np.tanh(state @ A + B[tokens])
        return rnn.softmax(new_state @ C), new_state

    return {
        "step": step,
        "state": rng.normal(size=(n, k)),
        "start": np.zeros(n, dtype=int),
        "steps": 5,
    }


check_greedy_loop = Exercise(
    name="greedy_loop",
    reference=greedy_loop,
    make_inputs=_greedy_inputs,
    known_bugs=[
        KnownBug(
            _greedy_variant(feed_back=False),
            "feed back the token you just predicted, not the start symbol, at every step",
        ),
        KnownBug(
            _greedy_variant(carry_state=False), "carry the decoder state from one step to the next"
        ),
        KnownBug(
            _greedy_variant(emit="input"),
            "return the predicted tokens, not the tokens you fed in "
            "(your first output is the start symbol)",
        ),
    ],
    error_hint="step(tokens, state) takes token indices (n,) and returns (probs (n, vocab), state)",
)
