"""Bad input across the public API, in one table: every case must get a clear error.

This is the one place the suite tests bad arguments; the per-module test files test what the
functions compute. Each row belongs to one public function (``rows_for``) and says: a case
(one argument outside its contract: wrong type, shape, dtype, range, empty, NaN), the error
it must raise (``ValueError`` or ``TypeError``, exactly), the argument the message must name,
the call, and optionally patterns the message must also hold (the expected shape, the value
that came). A message is **clear** if it names the argument, says what was expected ("must",
"needs", ...) and what came ("got ..."); ``VAGUE`` lists the few messages that still lack a
part. The verdicts of the probe: **clear**, **vague**, **wrong type** (the other of the two
errors), **raw** (any other exception: a NumPy, TensorFlow or matplotlib error from deep
inside) and **silent** (it returns). A few cases are documented to *propagate* NaN, as Keras
does: they pass if the result holds NaN.

Run as a script for the counts (the issue's probe)::

    python tests/test_bad_inputs.py
"""

import matplotlib

matplotlib.use("Agg")

import collections
import functools
import re
import sys

import numpy as np
import pytest

B, T, DX, NH, V, D, U = 2, 3, 4, 5, 3, 4, 6  # the RNN: DX inputs, NH units, V classes
RNG = np.random.default_rng(0)
NAN = float("nan")


def rnn_params():
    """W_xh, W_hh, b_h."""
    rng = np.random.default_rng(1)
    return (
        rng.normal(size=(DX, NH)),
        rng.normal(size=(NH, NH)),
        rng.normal(size=NH),
    )


def lstm_params():
    rng = np.random.default_rng(2)
    return (
        rng.normal(scale=0.4, size=(D, 4 * U)),
        rng.normal(scale=0.4, size=(U, 4 * U)),
        rng.normal(scale=0.2, size=4 * U),
    )


def x_rnn(batch=B, steps=T):
    return np.random.default_rng(3).normal(size=(batch, steps, DX))


def x_lstm(batch=B, steps=T):
    return np.random.default_rng(4).normal(size=(batch, steps, D))


def clf_params():
    W_xh, W_hh, b_h = rnn_params()
    rng = np.random.default_rng(5)
    W_hy = rng.normal(size=(NH, V))
    return {"W_xh": W_xh, "W_hh": W_hh, "b_h": b_h, "W_hy": W_hy, "b_y": np.zeros(V)}


def labels(batch=B, steps=T):
    return np.random.default_rng(6).integers(0, V, size=(batch, steps))


def probs(batch=B, steps=T):
    from lstm_course.maths import softmax

    return softmax(np.random.default_rng(7).normal(size=(batch, steps, V)))


def rnn_cache(steps=T):
    from lstm_course.numpy_models.rnn import rnn_forward

    return rnn_forward(x_rnn(steps=steps), *rnn_params())[1]


def lstm_cache(steps=T):
    from lstm_course.numpy_models.lstm import lstm_forward

    return lstm_forward(x_lstm(steps=steps), *lstm_params())[2]


def rng():
    return np.random.default_rng(0)


def cell_state_args(**change):
    r = np.random.default_rng(8)
    args = {
        "dh_t": r.normal(size=(B, U)),
        "dc_next": r.normal(size=(B, U)),
        "o_t": r.uniform(size=(B, U)),
        "c_t": r.normal(size=(B, U)),
        "f_t": r.uniform(size=(B, U)),
    }
    args.update(change)
    return args


def rnn_cell_backward_args(**change):
    r = np.random.default_rng(9)
    W_xh, W_hh, _ = rnn_params()
    args = {
        "dh_t": r.normal(size=(B, NH)),
        "h_t": np.tanh(r.normal(size=(B, NH))),
        "h_prev": np.tanh(r.normal(size=(B, NH))),
        "x_t": r.normal(size=(B, DX)),
        "W_xh": W_xh,
        "W_hh": W_hh,
    }
    args.update(change)
    return args


def keras_layer(kind, **kw):
    import keras

    layer = getattr(keras.layers, kind)(3, **kw)
    layer.build((None, 2, 2))
    return layer


class _Stub:
    """A stand-in for the encoder and decoder models of :func:`greedy_decode`."""

    def __init__(self, outputs):
        self.outputs = outputs

    def predict_on_batch(self, inputs):
        return self.outputs(inputs)


def _encoder():
    return _Stub(lambda q: [np.zeros((len(q), 4)), np.zeros((len(q), 4))])


def _decoder():
    return _Stub(lambda ins: [np.full((len(ins[0]), 1, 13), 1 / 13), ins[1], ins[2]])


def _queries():
    from lstm_course.data.arithmetic import CharCodec

    return CharCodec(length=5).encode(["1+2", "3-4"])


def _history(**logs):
    return logs or {"loss": [1.0, 0.5]}


def gru_weights():
    rng = np.random.default_rng(10)
    return rng.normal(size=(D, 3 * U)), rng.normal(size=(U, 3 * U)), rng.normal(size=(2, 3 * U))


def variant_weights(variant):
    from lstm_course.numpy_models.lstm_variants import variant_gates

    k = len(variant_gates(variant))
    rng = np.random.default_rng(11)
    return rng.normal(size=(D, k * U)), rng.normal(size=(U, k * U)), rng.normal(size=k * U)


def attention_args(**changes):
    """Additive-attention arguments, some replaced: a name maps to a function of them all."""
    rng = np.random.default_rng(12)
    mask = np.ones((B, T), bool)
    mask[1, 2:] = False  # row 1 has 2 real positions
    args = {
        "query": rng.normal(size=(B, 4)),
        "keys": rng.normal(size=(B, T, 6)),
        "W_q": rng.normal(size=(4, 5)),
        "W_k": rng.normal(size=(6, 5)),
        "v": rng.normal(size=5),
    }
    everything = {**args, "mask": mask}
    args.update({name: change(everything) for name, change in changes.items()})
    return args


def beam_args(**change):
    """A decoder over 4 tokens (3 ends a sequence; 4 starts one) for 5 inputs."""
    table = np.random.default_rng(13).normal(size=(5, 4))

    def step(tokens, state):
        z = table[tokens] + state[0]
        return z - np.log(np.exp(z).sum(axis=-1, keepdims=True)), state

    args = {"step": step, "state": [np.zeros((5, 4))], "start_token": 4, "end_token": 3}
    return args | {"steps": 3, "width": 2} | change


def min_weights(gates, **change):
    """minGRU (2 gates) or minLSTM (3) weights, some changed by a function of the weight."""
    names = (
        ["W_xz", "b_z", "W_xh", "b_h"]
        if gates == 2
        else ["W_xf", "b_f", "W_xi", "b_i", "W_xh", "b_h"]
    )
    rng = np.random.default_rng(14)
    weights = {name: rng.normal(size=(D, U) if name[0] == "W" else U) for name in names}
    return [change.get(name, lambda w: w)(w) for name, w in weights.items()]


def slstm_setup():
    from lstm_course.numpy_models.slstm import init_params

    r = np.random.default_rng(15)
    return r.normal(size=(B, T, 3)), init_params(3, 4, r)


def accuracy_args():
    from lstm_course.data.arithmetic import StartEndCodec

    codec = StartEndCodec()
    truth = codec.encode(["+19", "-3"])
    guess = codec.codec.encode(["+18$ ", "-3$9 "])
    return guess, truth, codec.real_positions(["+19", "-3"])


NGRAM_ARGS = {
    "train_ids": [0, 1, 0, 1, 1],
    "ids": [0, 1],
    "vocab_size": 3,
    "order": 2,
    "alpha": 1.0,
}


# Each case: (id, argument the message must name, call). The call imports lazily so that the
# probe also runs against older versions of the package.
def _cases():
    from lstm_course import maths
    from lstm_course.data import arithmetic as s2s
    from lstm_course.data import co2, synthetic, text_corpus
    from lstm_course.data.synthetic import REVERSAL_VOCAB
    from lstm_course.keras_models import encoder_decoder, side_by_side, variant_cell
    from lstm_course.keras_models import minimal_rnns as keras_minimal_rnns
    from lstm_course.notebook import (
        claims,
        diagrams,
        diagrams_scan,
        diagrams_seq2seq,
        plotting,
        progress,
        repro,
    )
    from lstm_course.notebook import headline_numbers as metrics_mod
    from lstm_course.numpy_models import (
        attention,
        char_lm,
        gru,
        lstm,
        lstm_variants,
        minimal_rnns,
        ngrams,
        rnn,
        scan,
        slstm,
    )
    from lstm_course.training import (
        beam_search,
        clipping,
        decoding,
        forecast_baselines,
        gradcheck,
        optimisers,
        sampling,
    )

    from tools import course_links

    W_xh, W_hh, b_h = rnn_params()
    K, R, b = lstm_params()
    c = []

    def rows_for(function):
        """The adder of one public function's rows: ``add(case, error, arg, call, *match)``."""
        module = function.__module__.removeprefix("lstm_course.")
        name = f"{module}.{function.__qualname__}"

        def add(case, error, arg, call, *match):
            c.append((f"{name}: {case}", error, arg, call, match))

        return add

    # --- rnn.rnn_cell_forward -----------------------------------------------------------------
    f = rnn.rnn_cell_forward
    xt, hp = np.zeros((B, DX)), np.zeros((B, NH))
    add = rows_for(rnn.rnn_cell_forward)
    add("x_t 1-D", ValueError, "x_t", lambda f=f: f(np.zeros(DX), hp, W_xh, W_hh, b_h))
    add("x_t width", ValueError, "x_t", lambda f=f: f(np.zeros((B, 3)), hp, W_xh, W_hh, b_h))
    add("h_prev width", ValueError, "h_prev", lambda f=f: f(xt, np.zeros((B, 4)), W_xh, W_hh, b_h))
    add("h_prev batch", ValueError, "h_prev", lambda f=f: f(xt, np.zeros((3, NH)), W_xh, W_hh, b_h))
    add("x_t strings", TypeError, "x_t", lambda f=f: f([["a"] * DX] * B, hp, W_xh, W_hh, b_h))
    add("x_t complex", TypeError, "x_t", lambda f=f: f(xt + 1j, hp, W_xh, W_hh, b_h))
    add("W_hh shape", ValueError, "W_hh", lambda f=f: f(xt, hp, W_xh, W_hh[:, :4], b_h))
    add("b_h shape", ValueError, "b_h", lambda f=f: f(xt, hp, W_xh, W_hh, b_h[:3]))
    add("W_xh 3-D", ValueError, "W_xh", lambda f=f: f(xt, hp, W_xh[None], W_hh, b_h))
    add("W_xh None", TypeError, "W_xh", lambda f=f: f(xt, hp, None, W_hh, b_h))
    add("x_t bool", TypeError, "x_t", lambda f=f: f(xt > 0, hp, W_xh, W_hh, b_h))
    # --- rnn.rnn_forward ----------------------------------------------------------------------
    f = rnn.rnn_forward
    add = rows_for(rnn.rnn_forward)
    add(
        "x 2-D",
        ValueError,
        "x",
        lambda f=f: f(np.zeros((B, DX)), W_xh, W_hh, b_h),
        r"x must have shape \(any, any, 4\) \(batch, time, \w+\), got \(2, 4\)",
    )
    add("x features", ValueError, "x", lambda f=f: f(np.zeros((B, T, 3)), W_xh, W_hh, b_h))
    add(
        "x string",
        TypeError,
        "x",
        lambda f=f: f("abc", W_xh, W_hh, b_h),
        "x must be an array of numbers",
    )
    add("x object", TypeError, "x", lambda f=f: f(np.array([{}]), W_xh, W_hh, b_h))
    add(
        "x ragged", TypeError, "x", lambda f=f: f([[[1.0] * DX], [[1.0] * DX] * 2], W_xh, W_hh, b_h)
    )
    add(
        "h0 batch",
        ValueError,
        "h0",
        lambda f=f: f(x_rnn(), W_xh, W_hh, b_h, h0=np.zeros((3, NH))),
        r"h0 must have shape \(2, 5\)",
        r"got \(3, 5\)",
    )
    add("h0 1-D", ValueError, "h0", lambda f=f: f(x_rnn(), W_xh, W_hh, b_h, h0=np.zeros(NH)))
    add("h0 string", TypeError, "h0", lambda f=f: f(x_rnn(), W_xh, W_hh, b_h, h0="zeros"))
    add(
        "W_hh not square",
        ValueError,
        "W_hh",
        lambda f=f: f(x_rnn(), W_xh, np.zeros((NH, 4)), b_h),
        r"W_hh must have shape \(5, 5\)",
        r"got \(5, 4\)",
    )
    add("b_h 2-D", ValueError, "b_h", lambda f=f: f(x_rnn(), W_xh, W_hh, b_h[None]))
    add("W_xh complex", TypeError, "W_xh", lambda f=f: f(x_rnn(), W_xh + 0j, W_hh, b_h))
    add(
        "W_xh stored (n, d)",
        ValueError,
        "W_xh",
        lambda f=f: f(x_rnn(), W_xh.T, W_hh, b_h),
        r"W_xh must have shape \(any, 5\) \(d, n\)",
        r"got \(5, 4\)",
    )
    add("x datetime", TypeError, "x", lambda f=f: f(np.zeros((B, T, DX), "M8[D]"), W_xh, W_hh, b_h))
    add(
        "b_h length",
        ValueError,
        "b_h",
        lambda f=f: f(x_rnn(), W_xh, W_hh, b_h[1:]),
        r"must have shape \(5,\)",
    )
    # --- rnn.rnn_cell_backward ----------------------------------------------------------------
    f = rnn.rnn_cell_backward
    add = rows_for(rnn.rnn_cell_backward)
    add(
        "h_prev width",
        ValueError,
        "h_prev",
        lambda f=f: f(**rnn_cell_backward_args(h_prev=np.zeros((B, 2)))),
        r"h_prev must have shape \(2, 5\) \(batch, n\), got \(2, 2\)",
    )
    add(
        "dh_t width",
        ValueError,
        "dh_t",
        lambda f=f: f(**rnn_cell_backward_args(dh_t=np.zeros((B, 2)))),
    )
    add(
        "h_t batch",
        ValueError,
        "h_t",
        lambda f=f: f(**rnn_cell_backward_args(h_t=np.zeros((1, NH)))),
    )
    add(
        "x_t width",
        ValueError,
        "x_t",
        lambda f=f: f(**rnn_cell_backward_args(x_t=np.zeros((B, 2)))),
    )
    add(
        "W_hh shape",
        ValueError,
        "W_hh",
        lambda f=f: f(**rnn_cell_backward_args(W_hh=np.zeros((NH, 2)))),
    )
    add(
        "W_xh shape",
        ValueError,
        "W_xh",
        lambda f=f: f(**rnn_cell_backward_args(W_xh=np.zeros((2, DX)))),
    )
    add("dh_t string", TypeError, "dh_t", lambda f=f: f(**rnn_cell_backward_args(dh_t="x")))
    add("h_t 1-D", ValueError, "h_t", lambda f=f: f(**rnn_cell_backward_args(h_t=np.zeros(NH))))
    # --- rnn.rnn_backward ---------------------------------------------------------------------
    f = rnn.rnn_backward
    add = rows_for(rnn.rnn_backward)
    add(
        "dh shape",
        ValueError,
        "dh",
        lambda f=f: f(np.zeros((B, T + 1, NH)), rnn_cache()),
        "dh must have shape",
    )
    add("dh string", TypeError, "dh", lambda f=f: f("x", rnn_cache()))
    add("cache list", TypeError, "cache", lambda f=f: f(np.zeros((B, T, NH)), [1, 2]))
    add("cache missing key", ValueError, "cache", lambda f=f: f(np.zeros((B, T, NH)), {"x": 1}))
    add("cache None", TypeError, "cache", lambda f=f: f(np.zeros((B, T, NH)), None))
    # --- maths.softmax --------------------------------------------------------------------------
    f = maths.softmax
    add = rows_for(maths.softmax)
    add("strings", TypeError, "logits", lambda f=f: f(["a", "b"]))
    add("axis out of range", ValueError, "axis", lambda f=f: f(np.zeros((2, 3)), axis=2))
    add("axis float", TypeError, "axis", lambda f=f: f(np.zeros((2, 3)), axis=1.5))
    add("empty axis", ValueError, "logits", lambda f=f: f(np.zeros((2, 0))))
    add("complex", TypeError, "logits", lambda f=f: f(np.zeros(3) + 1j))
    add("None", TypeError, "logits", lambda f=f: f(None))
    # --- maths.sequence_cross_entropy -----------------------------------------------------------
    f = maths.sequence_cross_entropy
    add = rows_for(maths.sequence_cross_entropy)
    add(
        "label -1",
        ValueError,
        "y",
        lambda f=f: f(probs(), np.full((B, T), -1)),
        r"y must hold class labels in \[0, 3\), got values from -1",
    )
    add("label = n_y", ValueError, "y", lambda f=f: f(probs(), np.full((B, T), V)))
    add(
        "float labels",
        TypeError,
        "y",
        lambda f=f: f(probs(), np.zeros((B, T))),
        "integer class labels",
    )
    add("y shape", ValueError, "y", lambda f=f: f(probs(), np.zeros((B, T + 1), int)))
    add("y_hat 2-D", ValueError, "y_hat", lambda f=f: f(np.ones((B, V)) / V, labels()))
    add("y_hat negative", ValueError, "y_hat", lambda f=f: f(-probs(), labels()))
    add("y_hat > 1", ValueError, "y_hat", lambda f=f: f(probs() * 3, labels()))
    add("y_hat strings", TypeError, "y_hat", lambda f=f: f("abc", labels()))
    add("y bool", TypeError, "y", lambda f=f: f(probs(), np.zeros((B, T), bool)))
    add("y nested strings", TypeError, "y", lambda f=f: f(probs(), [["a"] * T] * B))
    add(
        "empty batch",
        ValueError,
        "y_hat",
        lambda f=f: f(np.zeros((0, T, V)), np.zeros((0, T), int)),
    )
    # --- rnn.rnn_classifier_loss --------------------------------------------------------------
    f = rnn.rnn_classifier_loss
    add = rows_for(rnn.rnn_classifier_loss)
    add("label -1", ValueError, "y", lambda f=f: f(x_rnn(), np.full((B, T), -1), clf_params()))
    add("label too big", ValueError, "y", lambda f=f: f(x_rnn(), np.full((B, T), V), clf_params()))
    add("params list", TypeError, "params", lambda f=f: f(x_rnn(), labels(), [1, 2]))
    add(
        "params missing b_y",
        ValueError,
        "b_y",
        lambda f=f: f(x_rnn(), labels(), {k: v for k, v in clf_params().items() if k != "b_y"}),
    )
    add(
        "W_hy rows",
        ValueError,
        "W_hy",
        lambda f=f: f(x_rnn(), labels(), {**clf_params(), "W_hy": np.zeros((V, 2))}),
    )
    add(
        "b_y shape",
        ValueError,
        "b_y",
        lambda f=f: f(x_rnn(), labels(), {**clf_params(), "b_y": np.zeros(V + 1)}),
    )
    add("y shape", ValueError, "y", lambda f=f: f(x_rnn(), labels(steps=T + 1), clf_params()))
    add("float y", TypeError, "y", lambda f=f: f(x_rnn(), labels() * 1.0, clf_params()))
    add("x 2-D", ValueError, "x", lambda f=f: f(np.zeros((B, DX)), labels(), clf_params()))
    # --- rnn.from_keras_simple_rnn ------------------------------------------------------------
    f = rnn.from_keras_simple_rnn
    add = rows_for(rnn.from_keras_simple_rnn)
    add(
        "relu", ValueError, "activation", lambda f=f: f(keras_layer("SimpleRNN", activation="relu"))
    )
    add("no bias", ValueError, "use_bias", lambda f=f: f(keras_layer("SimpleRNN", use_bias=False)))
    add(
        "go_backwards",
        ValueError,
        "go_backwards",
        lambda f=f: f(keras_layer("SimpleRNN", go_backwards=True)),
    )
    add(
        "LSTM",
        TypeError,
        "layer",
        lambda f=f: f(keras_layer("LSTM")),
        "layer must be a keras.layers.SimpleRNN, got LSTM",
    )
    add("GRU", TypeError, "layer", lambda f=f: f(keras_layer("GRU")))
    add("unbuilt", ValueError, "layer", lambda f=f: f(__import__("keras").layers.SimpleRNN(3)))
    add("array", TypeError, "layer", lambda f=f: f(np.zeros(3)))
    add("None", TypeError, "layer", lambda f=f: f(None))
    # --- rnn.hidden_jacobian_norms ------------------------------------------------------------
    f = rnn.hidden_jacobian_norms
    add = rows_for(rnn.hidden_jacobian_norms)
    add("h 3-D", ValueError, "h", lambda f=f: f(np.zeros((1, T, NH)), W_hh))
    add("W_hh shape", ValueError, "W_hh", lambda f=f: f(np.zeros((T, NH)), np.zeros((NH, 2))))
    add("h strings", TypeError, "h", lambda f=f: f("abc", W_hh))
    add("h no step", ValueError, "h", lambda f=f: f(np.zeros((0, NH)), W_hh))
    # --- maths.sigmoid / param_count -----------------------------------------------------------
    add = rows_for(maths.sigmoid)
    add("strings", TypeError, "pre", lambda: maths.sigmoid(["a"]))
    add("None", TypeError, "pre", lambda: maths.sigmoid(None))
    add("complex", TypeError, "pre", lambda: maths.sigmoid(np.zeros(2) + 1j))
    add = rows_for(lstm.param_count)
    add("float units", TypeError, "units", lambda: lstm.param_count(2.5, 1))
    add("zero input_dim", ValueError, "input_dim", lambda: lstm.param_count(2, 0))
    add("bool", TypeError, "units", lambda: lstm.param_count(True, 1))
    add("string", TypeError, "units", lambda: lstm.param_count("4", 1))
    add("units 0", ValueError, "units", lambda: lstm.param_count(0, 1))
    add = rows_for(lstm.gated_param_count)
    add("blocks 0", ValueError, "blocks", lambda: lstm.gated_param_count(0, 2, 1))
    add("bias_rows float", TypeError, "bias_rows", lambda: lstm.gated_param_count(4, 2, 1, 1.5))
    # --- lstm.lstm_cell_forward ---------------------------------------------------------------
    f = lstm.lstm_cell_forward
    xl, h, cc = np.zeros((B, D)), np.zeros((B, U)), np.zeros((B, U))
    add = rows_for(lstm.lstm_cell_forward)
    add("x_t width", ValueError, "x_t", lambda f=f: f(np.zeros((B, 3)), h, cc, K, R, b))
    add("h_prev width", ValueError, "h_prev", lambda f=f: f(xl, np.zeros((B, 2)), cc, K, R, b))
    add("c_prev batch", ValueError, "c_prev", lambda f=f: f(xl, h, np.zeros((3, U)), K, R, b))
    add("W_x width", ValueError, "W_x", lambda f=f: f(xl, h, cc, K[:, :5], R, b))
    add("recurrent not 4u", ValueError, "W_h", lambda f=f: f(xl, h, cc, K, R[:, :5], b))
    add("b shape", ValueError, "b", lambda f=f: f(xl, h, cc, K, R, b[:3]))
    add("x_t strings", TypeError, "x_t", lambda f=f: f([["a"] * D] * B, h, cc, K, R, b))
    add("c_prev None", TypeError, "c_prev", lambda f=f: f(xl, h, None, K, R, b))
    # --- lstm.lstm_forward --------------------------------------------------------------------
    f = lstm.lstm_forward
    add = rows_for(lstm.lstm_forward)
    add(
        "x 2-D",
        ValueError,
        "x",
        lambda f=f: f(np.zeros((B, D)), K, R, b),
        r"x must have shape \(any, any, 4\) \(batch, time, input_dim\), got \(2, 4\)",
    )
    add("x features", ValueError, "x", lambda f=f: f(np.zeros((B, T, 3)), K, R, b))
    add(
        "x strings",
        TypeError,
        "x",
        lambda f=f: f([["a"]], K, R, b),
        "x must be an array of numbers",
    )
    add(
        "h0 batch",
        ValueError,
        "h0",
        lambda f=f: f(x_lstm(), K, R, b, h0=np.zeros((3, U))),
        r"h0 must have shape \(2, 6\)",
        r"got \(3, 6\)",
    )
    add("c0 width", ValueError, "c0", lambda f=f: f(x_lstm(), K, R, b, c0=np.zeros((B, 2))))
    add("c0 string", TypeError, "c0", lambda f=f: f(x_lstm(), K, R, b, c0="zeros"))
    add("W_h 3-D", ValueError, "W_h", lambda f=f: f(x_lstm(), K, R[None], b))
    add("W_x complex", TypeError, "W_x", lambda f=f: f(x_lstm(), K + 0j, R, b))
    add("b None", TypeError, "b", lambda f=f: f(x_lstm(), K, R, None))
    add("x object", TypeError, "x", lambda f=f: f(np.array([None]), K, R, b))
    # --- lstm.lstm_backward -------------------------------------------------------------------
    f = lstm.lstm_backward
    add(
        "W_x width",
        ValueError,
        "W_x",
        lambda: lstm.lstm_forward(x_lstm(), K[:, :20], R, b),
        r"W_x must have shape \(any, 24\)",
        r"got \(4, 20\)",
    )
    add(
        "W_h width",
        ValueError,
        "W_h",
        lambda: lstm.lstm_forward(x_lstm(), K, R[:, :20], b),
        r"W_h must have shape \(6, 24\)",
        r"got \(6, 20\)",
    )
    add(
        "b length",
        ValueError,
        "b",
        lambda: lstm.lstm_forward(x_lstm(), K, R, b[:5]),
        r"b must have shape \(24,\)",
        r"got \(5,\)",
    )
    add = rows_for(lstm.lstm_backward)
    add(
        "cache without gates",
        ValueError,
        "cache",
        lambda f=f: f(np.zeros((B, T, U)), {k: v for k, v in lstm_cache().items() if k != "gates"}),
        "gates",
    )
    add(
        "dc_last shape",
        ValueError,
        "dc_last",
        lambda f=f: f(np.zeros((B, T, U)), lstm_cache(), dc_last=np.zeros((B, U - 1))),
        r"dc_last must have shape \(2, 6\) \(batch, units\), got \(2, 5\)",
    )
    add(
        "dc_last 3-D",
        ValueError,
        "dc_last",
        lambda f=f: f(np.zeros((B, T, U)), lstm_cache(), dc_last=np.zeros((B, T, U))),
    )
    add(
        "dc_last string",
        TypeError,
        "dc_last",
        lambda f=f: f(np.zeros((B, T, U)), lstm_cache(), dc_last="x"),
    )
    add("dh shape", ValueError, "dh", lambda f=f: f(np.zeros((B, T, U + 1)), lstm_cache()))
    add("dh 2-D", ValueError, "dh", lambda f=f: f(np.zeros((B, U)), lstm_cache()))
    add("cache list", TypeError, "cache", lambda f=f: f(np.zeros((B, T, U)), [1]))
    add("cache missing", ValueError, "cache", lambda f=f: f(np.zeros((B, T, U)), {"h": 1}))
    add("dh strings", TypeError, "dh", lambda f=f: f("x", lstm_cache()))
    # --- lstm.cell_state_backward -------------------------------------------------------------
    f = lstm.cell_state_backward
    add = rows_for(lstm.cell_state_backward)
    add("dh_t (1, n)", ValueError, "dh_t", lambda f=f: f(**cell_state_args(dh_t=np.zeros((1, U)))))
    add(
        "dc_next (1, n)",
        ValueError,
        "dc_next",
        lambda f=f: f(**cell_state_args(dc_next=np.zeros((1, U)))),
    )
    add("o_t width", ValueError, "o_t", lambda f=f: f(**cell_state_args(o_t=np.zeros((B, 2)))))
    add("c_t 1-D", ValueError, "c_t", lambda f=f: f(**cell_state_args(c_t=np.zeros(U))))
    add("f_t scalar", ValueError, "f_t", lambda f=f: f(**cell_state_args(f_t=0.5)))
    add("f_t strings", TypeError, "f_t", lambda f=f: f(**cell_state_args(f_t="x")))
    add("dh_t 3-D", ValueError, "dh_t", lambda f=f: f(**cell_state_args(dh_t=np.zeros((B, 1, U)))))
    # --- lstm layouts -------------------------------------------------------------------------
    gates = lstm.keras_to_gates(K, R, b)
    add = rows_for(lstm.keras_to_gates)
    add("W_x width", ValueError, "W_x", lambda: lstm.keras_to_gates(K[:, :5], R, b))
    add("b None", TypeError, "b", lambda: lstm.keras_to_gates(K, R, None))
    add = rows_for(lstm.gates_to_keras)
    add("missing gate", ValueError, "gates", lambda: lstm.gates_to_keras({"i": gates["i"]}))
    add("not dict", ValueError, "gates", lambda: lstm.gates_to_keras([1, 2, 3, 4]))
    add(
        "triple of 2",
        ValueError,
        "gates",
        lambda: lstm.gates_to_keras({**gates, "f": gates["f"][:2]}),
    )
    add(
        "W_x width",
        ValueError,
        "gates",
        lambda: lstm.gates_to_keras({**gates, "o": (gates["o"][0][:, :2], *gates["o"][1:])}),
    )
    add("gate None", ValueError, "gates", lambda: lstm.gates_to_keras({"i": None}), "keys")
    concat = lstm.gates_to_concat(gates)
    add = rows_for(lstm.gates_to_concat)
    add("not dict", ValueError, "gates", lambda: lstm.gates_to_concat(None))
    add("missing", ValueError, "gates", lambda: lstm.gates_to_concat({"i": gates["i"]}))
    add(
        "W_h shape",
        ValueError,
        "gates",
        lambda: lstm.gates_to_concat(
            {**gates, "i": (gates["i"][0], np.zeros((U, 2)), gates["i"][2])}
        ),
    )
    add = rows_for(lstm.concat_to_gates)
    add("units -1", ValueError, "units", lambda: lstm.concat_to_gates(concat, -1))
    add("units float", TypeError, "units", lambda: lstm.concat_to_gates(concat, 2.5))
    add("units too big", ValueError, "units", lambda: lstm.concat_to_gates(concat, U + D))
    add("units wrong", ValueError, "units", lambda: lstm.concat_to_gates(concat, U - 1))
    add("not dict", ValueError, "concat", lambda: lstm.concat_to_gates([1], U))
    # --- lstm.from_keras_lstm -----------------------------------------------------------------
    f = lstm.from_keras_lstm
    add = rows_for(lstm.from_keras_lstm)
    add("relu", ValueError, "activation", lambda f=f: f(keras_layer("LSTM", activation="relu")))
    add(
        "hard_sigmoid",
        ValueError,
        "recurrent_activation",
        lambda f=f: f(keras_layer("LSTM", recurrent_activation="hard_sigmoid")),
    )
    add(
        "go_backwards",
        ValueError,
        "go_backwards",
        lambda f=f: f(keras_layer("LSTM", go_backwards=True)),
    )
    add(
        "GRU",
        TypeError,
        "layer",
        lambda f=f: f(keras_layer("GRU")),
        "layer must be a keras.layers.LSTM, got GRU",
    )
    add("SimpleRNN", TypeError, "layer", lambda f=f: f(keras_layer("SimpleRNN")))
    add(
        "unbuilt",
        ValueError,
        "layer",
        lambda f=f: f(__import__("keras").layers.LSTM(3)),
        "layer must be built",
    )
    add("no bias", ValueError, "use_bias", lambda f=f: f(keras_layer("LSTM", use_bias=False)))
    add("None", TypeError, "layer", lambda f=f: f(None))
    # --- data ---------------------------------------------------------------------------------
    f = synthetic.spike_sequences
    add = rows_for(synthetic.spike_sequences)
    add("positions int", TypeError, "positions", lambda f=f: f(4, 10, 5, rng()))
    add("positions empty", ValueError, "positions", lambda f=f: f(4, 10, [], rng()))
    add("positions float", TypeError, "positions", lambda f=f: f(4, 10, [1.5], rng()))
    add(
        "positions >= steps",
        ValueError,
        "positions",
        lambda f=f: f(4, 10, [10], rng()),
        r"positions must lie in \[0, 10\)",
    )
    add("positions 2-D", TypeError, "positions", lambda f=f: f(4, 10, [[1, 2]], rng()))
    add("negative noise", ValueError, "noise", lambda f=f: f(4, 10, [1], rng(), noise=-1))
    add("nan noise", ValueError, "noise", lambda f=f: f(4, 10, [1], rng(), noise=NAN))
    add("noise string", TypeError, "noise", lambda f=f: f(4, 10, [1], rng(), noise="0.1"))
    add("rng int", TypeError, "rng", lambda f=f: f(4, 10, [1], 0))
    add("n float", TypeError, "n", lambda f=f: f(4.0, 10, [1], rng()))
    add("steps 0", ValueError, "steps", lambda f=f: f(4, 0, [1], rng()))
    f = synthetic.delayed_echo
    add = rows_for(synthetic.delayed_echo)
    add("delay > steps", ValueError, "delay", lambda f=f: f(4, 5, 3, 9, rng()))
    add("delay = steps", ValueError, "delay", lambda f=f: f(4, 5, 3, 5, rng()))
    add("delay 0", ValueError, "delay", lambda f=f: f(4, 5, 3, 0, rng()))
    add("vocab 1.5", TypeError, "vocab", lambda f=f: f(4, 5, 1.5, 1, rng()))
    add("n -1", ValueError, "n", lambda f=f: f(-1, 5, 3, 1, rng()))
    add("rng legacy", TypeError, "rng", lambda f=f: f(4, 5, 3, 1, np.random.RandomState(0)))
    f = synthetic.adding_problem
    add = rows_for(synthetic.adding_problem)
    add("steps 1", ValueError, "steps", lambda f=f: f(4, 1, rng()))
    add("n 0", ValueError, "n", lambda f=f: f(0, 10, rng()), "n must be a positive integer")
    add("n string", TypeError, "n", lambda f=f: f("4", 10, rng()))
    add("rng None", TypeError, "rng", lambda f=f: f(4, 10, None))
    f = synthetic.subject_memory
    add = rows_for(synthetic.subject_memory)
    add("steps 5", ValueError, "steps", lambda f=f: f(4, 5, rng()))
    add("switch_prob 2", ValueError, "switch_prob", lambda f=f: f(4, 12, rng(), switch_prob=2))
    add(
        "switch_prob -0.1", ValueError, "switch_prob", lambda f=f: f(4, 12, rng(), switch_prob=-0.1)
    )
    add("switch_prob nan", ValueError, "switch_prob", lambda f=f: f(4, 12, rng(), switch_prob=NAN))
    add(
        "switch_prob string", TypeError, "switch_prob", lambda f=f: f(4, 12, rng(), switch_prob="a")
    )
    add("n 0", ValueError, "n", lambda f=f: f(0, 12, rng()))
    f = synthetic.sliding_windows
    add = rows_for(synthetic.sliding_windows)
    add("2-D series", ValueError, "series", lambda f=f: f(np.zeros((3, 3)), 2), "1-D")
    add("too short", ValueError, "series", lambda f=f: f(np.zeros(3), 3), "more than 3 values")
    add("length 0", ValueError, "length", lambda f=f: f(np.zeros(5), 0))
    add("length float", TypeError, "length", lambda f=f: f(np.zeros(5), 2.0))
    add("strings", TypeError, "series", lambda f=f: f(["a", "b", "c", "d"], 2))
    add("None", TypeError, "series", lambda f=f: f(None, 2))
    add("complex", TypeError, "series", lambda f=f: f(np.zeros(5) + 1j, 2))
    # --- data.co2 -----------------------------------------------------------------------------
    add = rows_for(co2.load_co2)
    add("fill_missing string", TypeError, "fill_missing", lambda: co2.load_co2("no"))
    add("fill_missing int", TypeError, "fill_missing", lambda: co2.load_co2(2))
    # --- data.arithmetic ----------------------------------------------------------------------
    add = rows_for(s2s.CharCodec)
    add("length -1", ValueError, "length", lambda: s2s.CharCodec(length=-1))
    add("length float", TypeError, "length", lambda: s2s.CharCodec(length=2.5))
    add("length 0", ValueError, "length", lambda: s2s.CharCodec(length=0))
    add("vocab list", TypeError, "vocab", lambda: s2s.CharCodec(vocab=["ab", "c"]))
    add("vocab empty", TypeError, "vocab", lambda: s2s.CharCodec(vocab="", pad=""))
    add("pad two chars", TypeError, "pad", lambda: s2s.CharCodec(pad="  "))
    add("pad not in vocab", ValueError, "pad", lambda: s2s.CharCodec(vocab="ab", pad="c"))
    add(
        "vocab repeated", ValueError, "vocab", lambda: s2s.CharCodec(vocab="aa "), "must not repeat"
    )
    codec = s2s.CharCodec(length=5)
    add = rows_for(s2s.CharCodec.encode)
    add(
        "single string",
        TypeError,
        None,
        lambda: codec.encode("12+7"),
        "list of strings",
        "single string",
    )
    add("ints", TypeError, "texts", lambda: codec.encode([12]), "texts must hold strings")
    add(
        "too long",
        ValueError,
        None,
        lambda: codec.encode(["123456"]),
        "'123456' has 6 characters",
        "at most 5",
    )
    add(
        "bad symbol",
        ValueError,
        None,
        lambda: codec.encode(["1x2"]),
        "'x' in '1x2'",
        "not in the vocabulary",
    )
    add("None", TypeError, "texts", lambda: codec.encode(None))
    add("generator-free int", TypeError, "texts", lambda: codec.encode(5))
    add = rows_for(s2s.CharCodec.decode)
    add("wrong vocab", ValueError, "onehot_or_probs", lambda: codec.decode(np.zeros((2, 5, 4))))
    add("2-D", ValueError, "onehot_or_probs", lambda: codec.decode(np.zeros((5, 13))))
    add("strings", TypeError, "onehot_or_probs", lambda: codec.decode("abc"))
    add("strip string", TypeError, "strip", lambda: codec.decode(np.zeros((1, 5, 13)), strip="no"))
    add = rows_for(s2s.format_answer)
    add("float", TypeError, "value", lambda: s2s.format_answer(19.7))
    add("string", TypeError, "value", lambda: s2s.format_answer("19"))
    add("None", TypeError, "value", lambda: s2s.format_answer(None))
    add("bool", TypeError, "value", lambda: s2s.format_answer(True))
    add("nan", TypeError, "value", lambda: s2s.format_answer(NAN))
    add("inf", TypeError, "value", lambda: s2s.format_answer(float("inf")))
    add = rows_for(s2s.arithmetic_queries)
    add("ops '*'", ValueError, "ops", lambda: s2s.arithmetic_queries(ops="*"))
    add("max_value -1", ValueError, "max_value", lambda: s2s.arithmetic_queries(max_value=-1))
    add("max_value float", TypeError, "max_value", lambda: s2s.arithmetic_queries(max_value=2.5))
    add("ops list", TypeError, "ops", lambda: s2s.arithmetic_queries(ops=["+"]))
    add = rows_for(s2s.reverse_queries)
    add("single string", TypeError, "queries", lambda: s2s.reverse_queries("12+7"))
    add("ints", TypeError, "queries", lambda: s2s.reverse_queries([12]))
    add("too long", ValueError, "queries", lambda: s2s.reverse_queries(["123456"]))
    add("length 0", ValueError, "length", lambda: s2s.reverse_queries(["1"], length=0))
    y4 = s2s.CharCodec(length=4).encode(["+19"])
    add = rows_for(s2s.shift_right)
    add("start_index -1", ValueError, "start_index", lambda: s2s.shift_right(y4, start_index=-1))
    add("start_index 13", ValueError, "start_index", lambda: s2s.shift_right(y4, start_index=13))
    add("start_index float", TypeError, "start_index", lambda: s2s.shift_right(y4, start_index=1.0))
    add("2-D", ValueError, "answers_onehot", lambda: s2s.shift_right(y4[0], start_index=12))
    add("strings", TypeError, "answers_onehot", lambda: s2s.shift_right("x", start_index=12))
    f = decoding.greedy_decode
    add = rows_for(decoding.greedy_decode)
    add("steps 0", ValueError, "steps", lambda f=f: f(_encoder(), _decoder(), _queries(), 0, 12))
    add(
        "steps float",
        TypeError,
        "steps",
        lambda f=f: f(_encoder(), _decoder(), _queries(), 2.0, 12),
    )
    add(
        "start_index 13",
        ValueError,
        "start_index",
        lambda f=f: f(_encoder(), _decoder(), _queries(), 2, 13),
    )
    add(
        "start_index -1",
        ValueError,
        "start_index",
        lambda f=f: f(_encoder(), _decoder(), _queries(), 2, -1),
    )
    add(
        "queries 2-D",
        ValueError,
        "queries_onehot",
        lambda f=f: f(_encoder(), _decoder(), _queries()[0], 2, 12),
    )
    add("encoder None", TypeError, "encoder", lambda f=f: f(None, _decoder(), _queries(), 2, 12))
    add(
        "decoder_step None",
        TypeError,
        "decoder_step",
        lambda f=f: f(_encoder(), None, _queries(), 2, 12),
    )
    # --- clipping -----------------------------------------------------------------------------
    f = clipping.clip_by_global_norm
    add = rows_for(clipping.clip_by_global_norm)
    add("max_norm nan", ValueError, "max_norm", lambda f=f: f([np.ones(3)], NAN))
    add("max_norm inf", ValueError, "max_norm", lambda f=f: f([np.ones(3)], float("inf")))
    add("max_norm 0", ValueError, "max_norm", lambda f=f: f([np.ones(3)], 0))
    add("max_norm string", TypeError, "max_norm", lambda f=f: f([np.ones(3)], "1"))
    add("max_norm array", TypeError, "max_norm", lambda f=f: f([np.ones(3)], np.ones(2)))
    add("grads ndarray", TypeError, "grads", lambda f=f: f(np.ones(3), 1.0), "list of arrays")
    add("grads strings", TypeError, "grads", lambda f=f: f([np.array(["a"])], 1.0))
    add("grads dict", TypeError, "grads", lambda f=f: f({"a": np.ones(3)}, 1.0))
    add("grads None entry", TypeError, "grads", lambda f=f: f([None], 1.0))
    # --- gradcheck ----------------------------------------------------------------------------
    add = rows_for(gradcheck.relative_error)
    add(
        "shapes",
        ValueError,
        "b",
        lambda: gradcheck.relative_error(np.zeros(3), np.zeros(4)),
        r"a and b must have the same shape, got \(3,\) and \(4,\)",
    )
    add("strings", TypeError, "a", lambda: gradcheck.relative_error("ab", np.zeros(2)))
    add("None", TypeError, "a", lambda: gradcheck.relative_error(None, np.zeros(2)))
    x64 = np.zeros(3)
    add = rows_for(gradcheck.numerical_gradient)
    add(
        "float32",
        TypeError,
        "x",
        lambda: gradcheck.numerical_gradient(lambda: 0.0, np.zeros(3, "float32")),
        "float64",
    )
    add(
        "eps 0",
        ValueError,
        "eps",
        lambda: gradcheck.numerical_gradient(lambda: 0.0, x64, eps=0),
        "eps must be",
    )
    add(
        "eps nan",
        ValueError,
        "eps",
        lambda: gradcheck.numerical_gradient(lambda: 0.0, x64, eps=NAN),
    )
    add("f not callable", TypeError, "f", lambda: gradcheck.numerical_gradient(3, x64))
    add(
        "f returns array",
        TypeError,
        "f",
        lambda: gradcheck.numerical_gradient(lambda: np.ones(2), x64),
        "f must return a real number",
    )
    add("list", TypeError, "x", lambda: gradcheck.numerical_gradient(lambda: 0.0, [0.0]))
    add = rows_for(gradcheck.gradient_check)
    add(
        "missing grad",
        ValueError,
        "grads",
        lambda: gradcheck.gradient_check(lambda: 0.0, {"a": x64}, {}),
    )
    add(
        "grad shape",
        ValueError,
        "grads",
        lambda: gradcheck.gradient_check(lambda: 0.0, {"a": x64}, {"a": np.zeros(4)}),
        r"grads\['a'\] must have the shape",
    )
    add(
        "arrays list", TypeError, "arrays", lambda: gradcheck.gradient_check(lambda: 0.0, [x64], {})
    )
    # --- notebook.headline_numbers, repro -----------------------------------------------------
    add = rows_for(metrics_mod.metric)
    add("nan", ValueError, "value", lambda: metrics_mod.metric("x", NAN))
    add("inf", ValueError, "value", lambda: metrics_mod.metric("x", float("inf")))
    add("string value", TypeError, "value", lambda: metrics_mod.metric("x", "1"))
    add("CamelCase", ValueError, "name", lambda: metrics_mod.metric("Acc", 1.0))
    add("name int", ValueError, "name", lambda: metrics_mod.metric(3, 1.0))
    add("array value", TypeError, "value", lambda: metrics_mod.metric("x", np.ones(2)))
    add("name with a space", ValueError, "name", lambda: metrics_mod.metric("Bad Name", 1.0))
    add("bool value", TypeError, "value", lambda: metrics_mod.metric("x", True))
    add = rows_for(repro.seed_everything)
    add("float", ValueError, "seed", lambda: repro.seed_everything(1.5))
    add("negative", ValueError, "seed", lambda: repro.seed_everything(-1))
    add("string", ValueError, "seed", lambda: repro.seed_everything("3"))
    add("None", ValueError, "seed", lambda: repro.seed_everything(None))
    add("bool", ValueError, "seed", lambda: repro.seed_everything(True))
    add("2**32", ValueError, "seed", lambda: repro.seed_everything(2**32))
    # --- plotting, progress, diagrams ---------------------------------------------------------
    f = plotting.plot_history
    add = rows_for(plotting.plot_history)
    add("only val_ keys", ValueError, "history", lambda f=f: f({"val_loss": [1.0, 0.5]}), "only")
    add("list", TypeError, "history", lambda f=f: f([1, 2, 3]), "History or a dict")
    add("empty", ValueError, "history", lambda f=f: f({}), "empty")
    add("missing key", ValueError, "keys", lambda f=f: f(_history(), keys=["acc"]))
    add("keys int", TypeError, "keys", lambda f=f: f(_history(), keys=3))
    add("values string", TypeError, "history", lambda f=f: f({"loss": "abc"}))
    add("values scalar", TypeError, "history", lambda f=f: f({"loss": 1.0}))
    add("val length", ValueError, "history", lambda f=f: f({"loss": [1.0, 0.5], "val_loss": [1.0]}))
    add(
        "ax not axes",
        TypeError,
        "ax",
        lambda f=f: f(_history(), ax="axes"),
        "ax must be matplotlib Axes",
    )
    add("logy string", TypeError, "logy", lambda f=f: f(_history(), logy="yes"))
    add("title int", TypeError, "title", lambda f=f: f(_history(), title=3))
    add = rows_for(progress.CompactProgress)
    add("every 0", ValueError, "every", lambda: progress.CompactProgress(every=0))
    add("every float", TypeError, "every", lambda: progress.CompactProgress(every=2.5))
    add("label int", TypeError, "label", lambda: progress.CompactProgress(label=3))
    add("every -3", ValueError, "every", lambda: progress.CompactProgress(every=-3))
    add("every string", TypeError, "every", lambda: progress.CompactProgress(every="5"))
    add = rows_for(diagrams.draw_unrolled_rnn)
    add("0", ValueError, "steps", lambda: diagrams.draw_unrolled_rnn(steps=0))
    add("9", ValueError, "steps", lambda: diagrams.draw_unrolled_rnn(steps=9))
    add("float", TypeError, "steps", lambda: diagrams.draw_unrolled_rnn(steps=2.0))
    add("ax string", TypeError, "ax", lambda: diagrams.draw_unrolled_rnn(steps=2, ax="x"))
    add = rows_for(diagrams.draw_lstm_cell)
    add(
        "bad highlight",
        ValueError,
        "highlight",
        lambda: diagrams.draw_lstm_cell("gate"),
        "highlight must be None or one of",
    )
    add("highlight int", TypeError, "highlight", lambda: diagrams.draw_lstm_cell(1))
    add("ax string", TypeError, "ax", lambda: diagrams.draw_lstm_cell(ax="x"))
    # --- gru ----------------------------------------------------------------------------------
    gk, gr, gb = gru_weights()
    add = rows_for(gru.gru_forward)
    add(
        "b 1-D",
        ValueError,
        "b",
        lambda: gru.gru_forward(x_lstm(), gk, gr, gb[0]),
        r"b must have shape \(2, 18\).*got \(18,\).*reset_after=False",
    )
    add(
        "x features",
        ValueError,
        "x",
        lambda: gru.gru_forward(np.zeros((B, T, D + 1)), gk, gr, gb),
        r"x must have shape \(any, any, 4\).*got \(2, 3, 5\)",
    )
    add(
        "W_h width",
        ValueError,
        "W_h",
        lambda: gru.gru_forward(x_lstm(), gk, gr[:, :12], gb),
        r"W_h must have shape \(6, 18\).*got \(6, 12\)",
    )
    add(
        "h0 width",
        ValueError,
        "h0",
        lambda: gru.gru_forward(x_lstm(), gk, gr, gb, h0=np.zeros((B, U + 1))),
        r"h0 must have shape \(2, 6\)",
    )
    add("W_x string", TypeError, "W_x", lambda: gru.gru_forward(x_lstm(), "W_x", gr, gb))
    add(
        "W_x width",
        ValueError,
        "W_x",
        lambda: gru.gru_forward(x_lstm(), gk[:, :12], gr, gb),
        r"W_x must have shape \(any, 18\).*got \(4, 12\)",
    )
    add(
        "b 3 rows",
        ValueError,
        "b",
        lambda: gru.gru_forward(x_lstm(), gk, gr, np.zeros((3, 18))),
        r"b must have shape \(2, 18\).*got \(3, 18\)",
    )
    add = rows_for(gru.gru_cell_forward)
    add(
        "h_prev width",
        ValueError,
        "h_prev",
        lambda: gru.gru_cell_forward(x_lstm()[:, 0], np.zeros((B, 2)), gk, gr, gb),
        r"h_prev must have shape \(2, 6\)",
    )
    add = rows_for(gru.param_count)
    add("units 0", ValueError, "units", lambda: gru.param_count(0, 3), "got 0")
    add("input_dim float", TypeError, "input_dim", lambda: gru.param_count(3, 2.0))
    add = rows_for(gru.from_keras_gru)
    for setting, value, arg, words in [
        ("reset_after", False, "reset_after", "reset_after=False"),
        ("activation", "relu", "activation", "activation='relu'"),
        ("recurrent_activation", "hard_sigmoid", "recurrent_activation", "'hard_sigmoid'"),
        ("use_bias", False, "use_bias", "use_bias=False"),
        ("go_backwards", True, "go_backwards", "go_backwards=True"),
    ]:
        add(
            f"{setting}={value!r}",
            ValueError,
            arg,
            lambda kw={setting: value}: gru.from_keras_gru(keras_layer("GRU", **kw)),
            re.escape(words),
        )
    add(
        "LSTM",
        TypeError,
        "layer",
        lambda: gru.from_keras_gru(keras_layer("LSTM")),
        "keras.layers.GRU, got LSTM",
    )
    add(
        "unbuilt",
        ValueError,
        "layer",
        lambda: gru.from_keras_gru(__import__("keras").layers.GRU(3)),
        "must be built",
    )
    # --- lstm_variants ------------------------------------------------------------------------
    w3 = variant_weights("coupled")
    w4 = variant_weights("vanilla")
    add = rows_for(lstm_variants.variant_forward)
    add(
        "variant gru",
        ValueError,
        "variant",
        lambda: lstm_variants.variant_forward(x_lstm(), *w4, variant="gru"),
        r"variant must be one of \['vanilla'.*got 'gru'",
    )
    add(
        "vanilla weights for coupled",
        ValueError,
        "W_h",
        lambda: lstm_variants.variant_forward(x_lstm(), *w4, variant="coupled"),
        r"W_h must have shape \(6, 18\).*'coupled'",
    )
    add(
        "W_x of another variant",
        ValueError,
        "W_x",
        lambda: lstm_variants.variant_forward(x_lstm(), w4[0], *w3[1:], variant="coupled"),
        r"W_x must have shape \(any, 18\).*got \(4, 24\)",
    )
    add(
        "x 2-D",
        ValueError,
        "x",
        lambda: lstm_variants.variant_forward(x_lstm()[:, 0], *w4),
        r"x must have shape \(any, any, 4\).*got \(2, 4\)",
    )
    add(
        "c0 width",
        ValueError,
        "c0",
        lambda: lstm_variants.variant_forward(x_lstm(), *w4, c0=np.zeros((B, 4))),
        r"c0 must have shape \(2, 6\).*got \(2, 4\)",
    )
    add(
        "b None",
        TypeError,
        "b",
        lambda: lstm_variants.variant_forward(x_lstm(), w4[0], w4[1], None),
        "b must be an array of numbers, got NoneType",
    )
    add = rows_for(lstm_variants.variant_cell_forward)
    add(
        "c_prev batch",
        ValueError,
        "c_prev",
        lambda: lstm_variants.variant_cell_forward(
            x_lstm()[:, 0], np.zeros((B, U)), np.zeros((3, U)), *w4
        ),
        r"c_prev must have shape \(2, 6\)",
    )
    add = rows_for(lstm_variants.variant_gates)
    add(
        "variant int",
        TypeError,
        "variant",
        lambda: lstm_variants.variant_gates(3),
        "variant must be a string.*got int 3",
    )
    add = rows_for(lstm_variants.param_count)
    add(
        "units -1",
        ValueError,
        "units",
        lambda: lstm_variants.param_count("vanilla", -1, 2),
        "units must be a positive integer, got -1",
    )
    add = rows_for(variant_cell.variant_rnn)
    add(
        "variant peephole",
        ValueError,
        "variant",
        lambda: variant_cell.variant_rnn(4, "peephole"),
        "variant must be one of",
    )
    # --- stacked_variants ---------------------------------------------------------------------
    add = rows_for(side_by_side.build_stacked_model)
    add(
        "unknown variant",
        ValueError,
        "variant",
        lambda: side_by_side.build_stacked_model(["vanilla", "peephole"], 1, U, D, 1),
        "variant must be one of",
    )
    add(
        "models string",
        TypeError,
        "models",
        lambda: side_by_side.build_stacked_model("vanilla", 1, U, D, 1),
        "models must be a non-empty list",
    )
    add(
        "runs 0",
        ValueError,
        "runs",
        lambda: side_by_side.build_stacked_model(["gru"], 0, U, D, 1),
        "runs must be a positive integer",
    )
    # --- attention ----------------------------------------------------------------------------
    f = attention.additive_attention
    add = rows_for(f)
    add(
        "query batch",
        ValueError,
        "keys",
        lambda f=f: f(**attention_args(query=lambda a: a["query"][:1])),
        "keys must have shape",
    )
    add(
        "W_q transposed",
        ValueError,
        "W_q",
        lambda f=f: f(**attention_args(W_q=lambda a: a["W_q"].T)),
    )
    add(
        "W_k rows",
        ValueError,
        "W_k",
        lambda f=f: f(**attention_args(W_k=lambda a: a["W_k"][1:])),
    )
    add(
        "v length",
        ValueError,
        "v",
        lambda f=f: f(**attention_args(v=lambda a: a["v"][1:])),
        "v must have shape",
    )
    add(
        "no positions",
        ValueError,
        "keys",
        lambda f=f: f(**attention_args(keys=lambda a: a["keys"][:, :0])),
        "T = 0",
    )
    add(
        "mask shape",
        ValueError,
        "mask",
        lambda f=f: f(**attention_args(mask=lambda a: a["mask"][:, 1:])),
        "mask must have shape",
    )
    add(
        "mask hides a whole row",
        ValueError,
        "mask",
        lambda f=f: f(**attention_args(mask=lambda a: ~a["mask"])),
        "row 0 has none",
    )
    add("mask string", TypeError, "mask", lambda f=f: f(**attention_args(mask=lambda a: "yes")))
    add(
        "values positions",
        ValueError,
        "values",
        lambda f=f: f(**attention_args(values=lambda a: a["keys"][:, 1:])),
    )
    add("query string", TypeError, "query", lambda f=f: f(**attention_args(query=lambda a: "q")))
    f = attention.dot_product_attention
    add = rows_for(f)
    add(
        "widths differ",
        ValueError,
        "keys",
        lambda f=f: f(attention_args()["query"], attention_args()["keys"]),
        "width",
    )
    add(
        "scale nan",
        ValueError,
        "scale",
        lambda f=f: f(attention_args()["query"], attention_args()["keys"][..., :4], scale=NAN),
    )
    # --- beam_search --------------------------------------------------------------------------
    f = beam_search.beam_search
    add = rows_for(f)
    add("width 0", ValueError, "width", lambda f=f: f(**beam_args(width=0)))
    add("steps float", TypeError, "steps", lambda f=f: f(**beam_args(steps=2.5)))
    add("start_token -1", ValueError, "start_token", lambda f=f: f(**beam_args(start_token=-1)))
    add("end_token 9", ValueError, "end_token", lambda f=f: f(**beam_args(end_token=9)))
    add("step string", TypeError, "step", lambda f=f: f(**beam_args(step="decoder")))
    add("state array", TypeError, "state", lambda f=f: f(**beam_args(state=np.zeros((5, 4)))))
    add(
        "state rows differ",
        ValueError,
        "state",
        lambda f=f: f(**beam_args(state=[np.zeros((5, 4)), np.zeros((4, 1))])),
        r"state\[1\]",
    )
    add(
        "step returns too few rows",
        ValueError,
        "log_probs",
        lambda f=f: f(**beam_args(step=lambda t, s: (np.zeros((2, 4)), s))),
    )
    add(
        "step drops the state",
        TypeError,
        "state",
        lambda f=f: f(**beam_args(step=lambda t, s: (np.zeros((len(t), 4)), s[:0]))),
        "state returned",
    )
    # --- attention_model, synthetic.digit_reversal --------------------------------------------
    f = synthetic.digit_reversal
    add = rows_for(f)
    add("min_length > max_length", ValueError, "min_length", lambda f=f: f(10, 5, 3, rng()))
    add("n too many", ValueError, "n", lambda f=f: f(10**4, 1, 2, rng()), "n must be at most")
    add("n 0", ValueError, "n", lambda f=f: f(0, 1, 2, rng()))
    add("min_length float", TypeError, "min_length", lambda f=f: f(5, 1.5, 2, rng()))
    f = encoder_decoder.build_encoder_decoder
    add = rows_for(f)
    add("pad outside", ValueError, "pad", lambda f=f: f(REVERSAL_VOCAB, 8, True, REVERSAL_VOCAB))
    add("attention string", TypeError, "attention", lambda f=f: f(REVERSAL_VOCAB, 8, "yes", 0))
    add = rows_for(encoder_decoder.decoder_for)
    add(
        "model string",
        TypeError,
        "model",
        lambda: encoder_decoder.decoder_for("model", np.zeros((2, 3), int), 0),
    )
    # --- synthetic: running_parity, adding_problem ---------------------------------------------
    add = rows_for(synthetic.running_parity)
    add("steps 0", ValueError, "steps", lambda: synthetic.running_parity(5, 0, rng()))
    add = rows_for(synthetic.adding_problem)
    add("rng int", TypeError, "rng", lambda: synthetic.adding_problem(10, 10, rng=0), "Generator")
    # --- training.forecast_baselines ----------------------------------------------------------
    f = forecast_baselines.seasonal_drift
    add = rows_for(f)
    add(
        "years before the start",
        ValueError,
        "last",
        lambda f=f: f(np.arange(200.0), np.array([60]), 10, 52, years=2),
        "values before",
    )
    add(
        "horizon past a period",
        ValueError,
        "horizon",
        lambda f=f: f(np.arange(200.0), np.array([120]), 60, 52),
    )
    add = rows_for(forecast_baselines.fit_linear)
    add(
        "y length",
        ValueError,
        "y",
        lambda: forecast_baselines.fit_linear(np.zeros((5, 2)), np.zeros(4)),
    )
    # --- scan ---------------------------------------------------------------------------------
    add = rows_for(scan.linear_recurrence_loop)
    add(
        "a 2-D",
        ValueError,
        "a",
        lambda: scan.linear_recurrence_loop(np.ones((2, 3)), np.ones((2, 3))),
        "a must",
    )
    add = rows_for(scan.linear_recurrence_scan)
    add(
        "b width",
        ValueError,
        "b",
        lambda: scan.linear_recurrence_scan(np.ones((2, 3, 4)), np.ones((2, 3, 5))),
        "b must",
    )
    add(
        "h0 1-D",
        ValueError,
        "h0",
        lambda: scan.linear_recurrence_scan(np.ones((2, 3, 4)), np.ones((2, 3, 4)), np.ones(4)),
        "h0 must",
    )
    add(
        "return_rounds int",
        TypeError,
        "return_rounds",
        lambda: scan.linear_recurrence_scan(
            np.ones((1, 2, 1)), np.ones((1, 2, 1)), return_rounds=1
        ),
    )
    f = scan.linear_recurrence_log
    add = rows_for(f)
    add(
        "log_a -inf",
        ValueError,
        "log_a",
        lambda f=f: f(np.zeros((1, 2, 1)) - np.inf, np.zeros((1, 2, 1)), np.zeros((1, 1))),
        "log_a must be finite",
    )
    add(
        "log_b nan",
        ValueError,
        "log_b",
        lambda f=f: f(np.zeros((1, 2, 1)), np.full((1, 2, 1), NAN), np.zeros((1, 1))),
        "log_b must",
    )
    add(
        "log_h0 string",
        TypeError,
        "log_h0",
        lambda f=f: f(np.zeros((1, 2, 1)), np.zeros((1, 2, 1)), "0"),
    )
    # --- minimal_rnns (NumPy and Keras) -------------------------------------------------------
    f = minimal_rnns.min_gru
    add = rows_for(f)
    add(
        "mode parallel",
        ValueError,
        "mode",
        lambda f=f: f(x_lstm(), *min_weights(2), mode="parallel"),
        "mode must be one of",
    )
    add(
        "log mode without positive",
        ValueError,
        "positive",
        lambda f=f: f(x_lstm(), *min_weights(2), mode="log", positive=False),
        "positive=True",
    )
    add(
        "positive string",
        TypeError,
        "positive",
        lambda f=f: f(x_lstm(), *min_weights(2), positive="yes"),
    )
    add(
        "h0 batch",
        ValueError,
        "h0",
        lambda f=f: f(x_lstm(), *min_weights(2), h0=np.ones((3, U))),
        "h0 must have shape",
    )
    add(
        "h0 negative in log mode",
        ValueError,
        "h0",
        lambda f=f: f(x_lstm(), *min_weights(2), h0=-np.ones((B, U)), mode="log"),
        "h0 >= 0",
    )
    add(
        "x 2-D",
        ValueError,
        "x",
        lambda f=f: f(x_lstm()[0], *min_weights(2)),
        "x must have shape",
    )
    f = minimal_rnns.min_lstm
    add = rows_for(f)
    add(
        "W_xi width",
        ValueError,
        "W_xi",
        lambda f=f: f(x_lstm(), *min_weights(3, W_xi=lambda w: w[:, :4])),
        r"W_xi must have shape \(4, 6\)",
    )
    add(
        "b_h length",
        ValueError,
        "b_h",
        lambda f=f: f(x_lstm(), *min_weights(3, b_h=lambda w: w[:2])),
        "b_h must have shape",
    )
    add = rows_for(keras_minimal_rnns.MinGRU)
    add(
        "no fixed time length",
        ValueError,
        "input",
        lambda: keras_minimal_rnns.MinGRU(4)(__import__("keras").Input((None, 2))),
        "fixed time length",
    )
    add("units float", TypeError, "units", lambda: keras_minimal_rnns.MinGRU(2.5))
    # --- slstm --------------------------------------------------------------------------------
    sx, sp = slstm_setup()
    f = slstm.slstm_forward
    add = rows_for(f)
    add("x 2-D", ValueError, "x", lambda f=f: f(sx[0], sp), "x must have shape")
    add("forget tanh", ValueError, "forget", lambda f=f: f(sx, sp, forget="tanh"), "forget must be")
    add("stabilise None", TypeError, "stabilise", lambda f=f: f(sx, sp, stabilise=None))
    add(
        "params missing gates",
        ValueError,
        "params",
        lambda f=f: f(sx, {"c_tilde": sp["c_tilde"]}),
        "params must be a dict",
    )
    add(
        "params gate of two",
        ValueError,
        "params",
        lambda f=f: f(sx, {**sp, "i": sp["i"][:2]}),
        r"params\['i'\]",
    )
    add(
        "W_h width",
        ValueError,
        "params",
        lambda f=f: f(sx, {**sp, "o": (sp["o"][0], sp["o"][1][:2], sp["o"][2])}),
        r"params\['o'\]\[1\] \(W_h\) must have shape",
    )
    f = slstm.stabilised_gates
    add = rows_for(f)
    add("pre_i string", TypeError, "pre_i", lambda f=f: f("0", np.zeros(2), np.zeros(2)))
    add(
        "log_f shape",
        ValueError,
        "log_f",
        lambda f=f: f(np.zeros((2, 3)), np.zeros((2, 2)), np.zeros((2, 3))),
        r"log_f must have shape \(2, 3\)",
    )
    add(
        "m_prev shape",
        ValueError,
        "m_prev",
        lambda f=f: f(np.zeros(3), np.zeros(3), np.zeros(2)),
        "m_prev must have shape",
    )
    add = rows_for(slstm.init_params)
    add("input_dim 0", ValueError, "input_dim", lambda: slstm.init_params(0, 2, rng()))
    add("rng int", TypeError, "rng", lambda: slstm.init_params(2, 2, 0))
    # --- diagrams_scan, diagrams_seq2seq ------------------------------------------------------
    add = rows_for(diagrams_scan.draw_blelloch_scan)
    add("steps 1", ValueError, "steps", lambda: diagrams_scan.draw_blelloch_scan(1))
    add("steps 17", ValueError, "steps", lambda: diagrams_scan.draw_blelloch_scan(17))
    add("steps float", TypeError, "steps", lambda: diagrams_scan.draw_blelloch_scan(4.0))
    for draw in (
        diagrams_seq2seq.draw_repeat_vector_model,
        diagrams_seq2seq.draw_teacher_forcing,
        diagrams_seq2seq.draw_greedy_inference,
    ):
        add = rows_for(draw)
        add(
            "question too long",
            ValueError,
            "question",
            lambda draw=draw: draw(question="123+45"),
            "question must have 1 to 5 characters",
        )
        add("answer int", TypeError, "answer", lambda draw=draw: draw(answer=19), "must be a str")
        add("ax string", TypeError, "ax", lambda draw=draw: draw(ax="not axes"))
    # --- text_corpus, ngrams, optimisers, char_lm, sampling -----------------------------------
    chars = text_corpus.vocabulary("hello world")
    add = rows_for(text_corpus.encode)
    add(
        "characters outside",
        ValueError,
        "text",
        lambda: text_corpus.encode("heXlZo", chars),
        r"outside the vocabulary.*got 'XZ'",
    )
    add(
        "empty",
        ValueError,
        "text",
        lambda: text_corpus.encode("", chars),
        "text must not be empty",
    )
    add = rows_for(text_corpus.vocabulary)
    add("list", TypeError, "text", lambda: text_corpus.vocabulary(["a"]), "text must be a str")
    add = rows_for(text_corpus.decode)
    add(
        "id past the vocabulary",
        ValueError,
        "ids",
        lambda: text_corpus.decode([0, 8], chars),
        r"ids must be in \[0, 7\]",
    )
    f = text_corpus.split_by_position
    add = rows_for(f)
    add(
        "fractions sum",
        ValueError,
        "fractions",
        lambda f=f: f(np.arange(10), (0.5, 0.6)),
        "sum to 1",
    )
    add(
        "empty part",
        ValueError,
        "fractions",
        lambda f=f: f(np.arange(3), (0.9, 0.05, 0.05)),
        "a part would be empty",
    )
    f = text_corpus.chunk_streams
    add = rows_for(f)
    add(
        "length of a stream",
        ValueError,
        "length",
        lambda f=f: f(np.arange(50), batch=2, length=25),
        "length must be shorter than each of the 2 streams",
    )
    add(
        "float ids",
        TypeError,
        "ids",
        lambda f=f: f(np.arange(10.0), 1, 2),
        "ids must be a 1-D array of integer ids",
    )
    f = ngrams.ngram_log_probs
    add = rows_for(f)
    for change, error, arg, words in [
        ({"alpha": 0.0}, ValueError, "alpha", r"alpha must be in \(0.0"),
        ({"order": 0}, ValueError, "order", r"order must be an integer in \[1, 6\]"),
        ({"ids": [0, 5]}, ValueError, "ids", r"ids must hold ids in \[0, 2\]"),
        ({"ids": [1]}, ValueError, "ids", "ids must hold at least 2 ids"),
        ({"train_ids": [0.0, 1.0]}, TypeError, "train_ids", "train_ids must be a 1-D array"),
    ]:
        add(
            " ".join(f"{k} {v}" for k, v in change.items()),
            error,
            arg,
            lambda f=f, change=change: f(**(NGRAM_ARGS | change)),
            words,
        )
    add = rows_for(ngrams.kneser_ney_log_probs)
    add(
        "discount 1",
        ValueError,
        "discount",
        lambda: ngrams.kneser_ney_log_probs([0, 1, 0, 1, 1], [[0, 1]], 3, 2, discount=1.0),
        "discount must be < 1",
    )
    add = rows_for(optimisers.Adam)
    add(
        "learning_rate 0",
        ValueError,
        "learning_rate",
        lambda: optimisers.Adam(learning_rate=0),
        "learning_rate must be in",
    )
    add(
        "beta_1 1",
        ValueError,
        "beta_1",
        lambda: optimisers.Adam(beta_1=1.0),
        r"beta_1 must be in \[0, 1\), got 1.0",
    )
    add = rows_for(optimisers.Adam.step)
    add(
        "grads of other keys",
        ValueError,
        "grads",
        lambda: optimisers.Adam().step({"w": np.zeros(2)}, {"v": np.zeros(2)}),
        "grads must have the keys of params",
    )
    add(
        "grads shape",
        ValueError,
        "grads",
        lambda: optimisers.Adam().step({"w": np.zeros(2)}, {"w": np.zeros(3)}),
        r"grads\['w'\] must have the shape",
    )
    lm = char_lm.init_params(5, 3, rng())
    f = char_lm.loss_and_grads
    add = rows_for(f)
    add(
        "input id past the vocabulary",
        ValueError,
        "inputs",
        lambda f=f: f(lm, np.array([[0, 7]]), np.array([[0, 1]])),
        r"inputs must hold ids in \[0, 4\]",
    )
    add(
        "targets shape",
        ValueError,
        "targets",
        lambda f=f: f(lm, np.zeros((2, 3), int), np.zeros((2, 4), int)),
        "targets must have the shape of inputs",
    )
    add(
        "params of another model",
        TypeError,
        "params",
        lambda f=f: f({"kernel": 1}, np.zeros((1, 2), int), np.zeros((1, 2), int)),
        "params must be the dict init_params returns",
    )
    step = char_lm.step_function(lm)
    add = rows_for(step)
    add("id -1", ValueError, "ids", lambda: step(-1), r"ids must hold ids in \[0, 4\]")
    add("id float", TypeError, "ids", lambda: step(2.0), "integer ids")
    add("ids 2-D", TypeError, "ids", lambda: step(np.zeros((1, 1), int)), "1-D array")
    add = rows_for(char_lm.cross_entropy)
    add(
        "stream of one id",
        ValueError,
        "ids",
        lambda: char_lm.cross_entropy(lm, np.array([1, 2, 3]), streams=2),
        "at least 2 ids per stream",
    )
    add = rows_for(sampling.temperature_probs)
    add(
        "temperature 0",
        ValueError,
        "temperature",
        lambda: sampling.temperature_probs([1.0, 2.0], 0),
        r"temperature must be in \(0.0, inf\], got 0.0",
    )
    f = sampling.generate
    add = rows_for(f)
    add(
        "temperature -1",
        ValueError,
        "temperature",
        lambda f=f: f(lambda i, s: (np.zeros(3), s), [0], 5, -1.0, rng()),
        "temperature must be in",
    )
    add(
        "empty prompt",
        ValueError,
        "prompt",
        lambda f=f: f(lambda i, s: (np.zeros(3), s), [], 5, greedy=True),
        "prompt must hold at least one id",
    )
    add = rows_for(sampling.sample_next)
    add(
        "rng int",
        TypeError,
        "rng",
        lambda: sampling.sample_next([1.0, 2.0], 1.0, rng=42),
        "rng must be a numpy Generator",
    )
    # --- data.arithmetic: StartEndCodec -----------------------------------------------------------
    add = rows_for(s2s.StartEndCodec)
    for change, error, arg, words in [
        ({"start": "1"}, ValueError, "start", "start='1' must not be a symbol"),
        ({"end": " "}, ValueError, "end", "end=' ' must not be a symbol"),
        ({"start": "$"}, ValueError, "start", "start and end must be different"),
        ({"start": "^^"}, TypeError, "start", "start must be one character"),
        ({"end": 3}, TypeError, "end", "end must be one character"),
        ({"length": 0}, ValueError, "length", "length"),
    ]:
        add(
            " ".join(f"{k} {v!r}" for k, v in change.items()),
            error,
            arg,
            lambda change=change: s2s.StartEndCodec(**change),
            re.escape(words),
        )
    add = rows_for(s2s.StartEndCodec.encode)
    add(
        "answer too long",
        ValueError,
        "texts",
        lambda: s2s.StartEndCodec().encode(["+1000"]),
        "at most 4 characters",
    )
    add = rows_for(s2s.StartEndCodec.decoder_inputs)
    add(
        "symbol outside",
        ValueError,
        None,
        lambda: s2s.StartEndCodec().decoder_inputs(["+1$"]),
        r"'\$' in '\+1\$'",
        "not in the vocabulary",
    )
    add = rows_for(s2s.StartEndCodec.real_positions)
    add(
        "single string",
        TypeError,
        "texts",
        lambda: s2s.StartEndCodec().real_positions("+19"),
        "texts must be a list of strings",
    )
    f = decoding.per_character_accuracy
    add = rows_for(f)
    guess, truth, mask = accuracy_args()
    add(
        "mask of ints",
        TypeError,
        "mask",
        lambda f=f: f(guess, truth, mask.astype(int)),
        "mask must be a boolean array",
    )
    add(
        "mask shape",
        ValueError,
        "mask",
        lambda f=f: f(guess, truth, mask[:, :4]),
        r"mask must have shape \(2, 5\)",
    )
    add("targets shape", ValueError, "targets", lambda f=f: f(guess, truth[:, :4], mask))
    add(
        "empty mask",
        ValueError,
        "mask",
        lambda f=f: f(guess, truth, np.zeros_like(mask)),
        "selects no position",
    )
    add = rows_for(s2s.unordered_pair)
    for query, error in [
        ("12+7+1", ValueError),
        ("-3+4", ValueError),
        ("a+b", ValueError),
        (12, TypeError),
    ]:
        add(f"query {query!r}", error, "query", lambda q=query: s2s.unordered_pair(q))
    add("ops empty", TypeError, "ops", lambda: s2s.unordered_pair("1+2", ops=""))
    add = rows_for(s2s.group_split)
    for args, error, arg, words in [
        (("ab", (0.5, 0.5)), TypeError, "keys", "keys must be a list"),
        (([], (0.5, 0.5)), ValueError, "keys", "keys must not be empty"),
        (([1, 2], (1.0,)), TypeError, "fractions", "fractions must be a tuple of at least 2"),
        (([1, 2], (0.7, 0.7)), ValueError, "fractions", "sum to 1"),
        (([1, 2], (1.0, 0.0)), ValueError, "fractions", "positive"),
        (([1, 2], (0.5, "a")), TypeError, "fractions", "fractions"),
        (([1, 1], (0.5, 0.5)), ValueError, "keys", "1 groups cannot fill 2 sides"),
        (([[1], [2]], (0.5, 0.5)), TypeError, "keys", "keys must be hashable"),
    ]:
        add(
            f"{args[0]!r} {args[1]!r}",
            error,
            arg,
            lambda args=args: s2s.group_split(*args),
            re.escape(words),
        )
    add = rows_for(decoding.RecordingModel)
    add(
        "not a model",
        TypeError,
        "model",
        lambda: decoding.RecordingModel(object()),
        "model must be a Keras model",
    )
    add = rows_for(decoding.greedy_decode)
    add(
        "vocab_size float",
        TypeError,
        "vocab_size",
        lambda: decoding.greedy_decode(_encoder(), _decoder(), _queries(), 2, 12, vocab_size=15.0),
    )
    # --- claims, course_links -----------------------------------------------------------------
    add = rows_for(claims.check)
    add("claim int", TypeError, "claim", lambda: claims.check(3, True))
    add(
        "many truth values",
        TypeError,
        "ok",
        lambda: claims.check("claim", np.array([True, False])),
        r"ok must be one truth value.*\(2,\).*\.all\(\)",
    )
    add = rows_for(course_links.colab_url)
    add("notebook int", TypeError, "notebook", lambda: course_links.colab_url(3))
    add = rows_for(course_links.binder_url)
    add(
        "no .ipynb",
        ValueError,
        "notebook",
        lambda: course_links.binder_url("03_lstm_from_scratch"),
        r"\.ipynb",
    )
    return c


# Values the contract accepts and the old code refused: each must *return*.
def _valid_cases():
    from lstm_course.notebook import diagrams, progress
    from lstm_course.numpy_models import rnn
    from lstm_course.training import clipping

    return [
        (
            "rnn_classifier_loss nested lists",
            lambda: rnn.rnn_classifier_loss(x_rnn().tolist(), labels().tolist(), clf_params()),
        ),
        (
            "clip max_norm np.float32",
            lambda: clipping.clip_by_global_norm([np.ones(3)], np.float32(1.0)),
        ),
        ("draw_unrolled_rnn np.int64", lambda: diagrams.draw_unrolled_rnn(steps=np.int64(3))),
        ("CompactProgress np.int64", lambda: progress.CompactProgress(every=np.int64(5))),
    ]


# NaN and inf in the models' arrays propagate, as in Keras (documented in
# lstm_course.numpy_models.rnn and
# lstm_course.numpy_models.lstm): the result must then hold NaN, never hide it.
def _propagating_cases():
    from lstm_course import maths
    from lstm_course.numpy_models import lstm, rnn

    x = x_rnn()
    x[0, 0, 0] = NAN
    xl = x_lstm()
    xl[0, 0, 0] = NAN
    return [
        ("rnn_forward NaN in x", lambda: rnn.rnn_forward(x, *rnn_params())[0]),
        ("lstm_forward NaN in x", lambda: lstm.lstm_forward(xl, *lstm_params())[0]),
        ("softmax NaN", lambda: maths.softmax(np.array([NAN, 0.0]))),
    ]


# A clear message names the argument, says what was expected ("x must have shape ...") and
# what came ("got (2, 4)").
PARTS = {
    "argument": None,  # the argument's name, as a word
    "expected": re.compile(r"\b(must|needs?|expected|implements|reads|lacks)\b"),
    "came": re.compile(r"\bgot\s+\S"),
}
# Messages that still lack a part, and which: each is a defect of the package's message, kept
# here so that the test fails (and the entry must go) once the message is fixed.
VAGUE = {
    "notebook.plotting.plot_history: empty": {"expected"},  # "history is empty: ... got {}"
    "numpy_models.attention.additive_attention: mask hides a whole row": {
        "came"
    },  # "row 0 has none"
    "training.forecast_baselines.seasonal_drift: years before the start": {
        "came"
    },  # which index, which value
    "data.text_corpus.encode: characters outside": {"expected"},  # "outside the vocabulary"
    "data.text_corpus.split_by_position: empty part": {"expected", "came"},
    "data.arithmetic.StartEndCodec: start '1'": {"came"},  # "start='1' must not be a symbol"
    "data.arithmetic.StartEndCodec: end ' '": {"came"},
    "training.decoding.per_character_accuracy: empty mask": {"expected", "came"},
    "data.arithmetic.group_split: [] (0.5, 0.5)": {"came"},  # "keys must not be empty"
    "data.arithmetic.group_split: [1, 1] (0.5, 0.5)": {"argument", "expected", "came"},
    "data.arithmetic.group_split: [[1], [2]] (0.5, 0.5)": {"came"},  # "unhashable type: 'list'"
}


def what_the_message_lacks(message, arg, match):
    """The parts of a clear message that ``message`` lacks, and the patterns of ``match`` it
    does not hold: ``(set of part names, list of patterns)``.

    ``arg`` is ``None`` for the messages of ``CharCodec.encode`` and
    ``StartEndCodec.decoder_inputs`` that notebook 06 prints: they keep their wording (they
    quote the bad text), given in ``match``."""
    parts = set()
    if arg is not None:
        if not re.search(rf"(?<![\w.]){re.escape(arg)}(?!\w)", message):
            parts.add("argument")
        parts |= {part for part in ("expected", "came") if not PARTS[part].search(message)}
    return parts, [pattern for pattern in match if not re.search(pattern, message)]


def classify(error, arg, call, match):
    """``clear``, ``vague``, ``wrong type``, ``raw`` or ``silent`` (see the module docstring)."""
    import matplotlib.pyplot as plt

    try:
        call()
    except (ValueError, TypeError) as caught:
        if type(caught) is not error:
            return "wrong type"
        parts, patterns = what_the_message_lacks(str(caught), arg, match)
        return "vague" if parts or patterns else "clear"
    except Exception:
        return "raw"
    finally:
        plt.close("all")
    return "silent"


@functools.cache
def cases():
    return _cases()


def test_every_case_has_its_own_id():
    ids = [case[0] for case in cases()]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]


@pytest.mark.parametrize(
    ("case_id", "error", "arg", "call", "match"), cases(), ids=[c[0] for c in cases()]
)
def test_bad_input_gets_a_clear_error(case_id, error, arg, call, match):
    import matplotlib.pyplot as plt

    try:
        with pytest.raises((ValueError, TypeError)) as caught:
            call()
    finally:
        plt.close("all")
    message = str(caught.value)
    assert caught.type is error, f"{caught.type.__name__}, not {error.__name__}: {message}"
    parts, patterns = what_the_message_lacks(message, arg, match)
    assert not patterns, f"the message lacks {patterns}: {message}"
    known = VAGUE.get(case_id, set())
    assert parts <= known, f"the message lacks {sorted(parts - known)}: {message}"
    assert parts == known, f"now clear ({message}): remove {sorted(known - parts)} from VAGUE"


def test_every_vague_message_is_a_case():
    assert set(VAGUE) <= {case[0] for case in cases()}


def test_valid_values_are_accepted():
    """NumPy scalar types where a Python number is accepted; nested lists as arrays."""
    import matplotlib.pyplot as plt

    for _, call in _valid_cases():
        call()
    plt.close("all")


def test_nan_propagates_as_documented():
    for name, call in _propagating_cases():
        assert np.isnan(call()).any(), name


def main() -> int:
    counts = collections.Counter()
    for case_id, error, arg, call, match in cases():
        verdict = classify(error, arg, call, match)
        counts[verdict] += 1
        if verdict != "clear":
            print(f"{verdict:7} {case_id}")
    for case_id, call in _valid_cases():
        try:
            call()
            counts["valid accepted"] += 1
        except Exception as error:
            counts["valid refused"] += 1
            print(f"refused {case_id}: {error}")
    for _, call in _propagating_cases():
        ok = np.isnan(call()).any()
        counts["nan propagates" if ok else "nan hidden"] += 1
    print(f"{len(cases())} bad inputs:", dict(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
