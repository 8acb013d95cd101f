"""Bad input across the public API: every case must get a clear ``ValueError``/``TypeError``.

Each case calls one public function with one argument outside its contract (wrong type,
shape, dtype, range, empty, NaN) and names that argument. A case is **clear** if the call
raises ``ValueError`` or ``TypeError`` whose message names the argument and says what came
(``got ...``); **vague** if it raises one of those without saying which argument or what
came; **raw** for any other exception (a NumPy, TensorFlow or matplotlib error from deep
inside); **silent** if it returns. A few cases are documented to *propagate* NaN, as Keras
does: they pass if the result holds NaN.

Run as a script for the counts (the issue's probe)::

    python tests/test_bad_inputs.py
"""

import matplotlib

matplotlib.use("Agg")

import collections
import functools
import sys

import numpy as np
import pytest

B, T, NX, NA, NY, D, U = 2, 3, 4, 5, 3, 4, 6
RNG = np.random.default_rng(0)
NAN = float("nan")


def rnn_params():
    rng = np.random.default_rng(1)
    return (
        rng.normal(size=(NA, NX)),
        rng.normal(size=(NA, NA)),
        rng.normal(size=NA),
    )


def lstm_params():
    rng = np.random.default_rng(2)
    return (
        rng.normal(scale=0.4, size=(D, 4 * U)),
        rng.normal(scale=0.4, size=(U, 4 * U)),
        rng.normal(scale=0.2, size=4 * U),
    )


def x_rnn(batch=B, steps=T):
    return np.random.default_rng(3).normal(size=(batch, steps, NX))


def x_lstm(batch=B, steps=T):
    return np.random.default_rng(4).normal(size=(batch, steps, D))


def clf_params():
    Wax, Waa, ba = rnn_params()
    rng = np.random.default_rng(5)
    return {"Wax": Wax, "Waa": Waa, "ba": ba, "Wya": rng.normal(size=(NY, NA)), "by": np.zeros(NY)}


def labels(batch=B, steps=T):
    return np.random.default_rng(6).integers(0, NY, size=(batch, steps))


def probs(batch=B, steps=T):
    from lstm_course.rnn import softmax

    return softmax(np.random.default_rng(7).normal(size=(batch, steps, NY)))


def rnn_cache(steps=T):
    from lstm_course.rnn import rnn_forward

    return rnn_forward(x_rnn(steps=steps), *rnn_params())[1]


def lstm_cache(steps=T):
    from lstm_course.lstm import lstm_forward

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
    Wax, Waa, _ = rnn_params()
    args = {
        "da_t": r.normal(size=(B, NA)),
        "a_t": np.tanh(r.normal(size=(B, NA))),
        "a_prev": np.tanh(r.normal(size=(B, NA))),
        "x_t": r.normal(size=(B, NX)),
        "Wax": Wax,
        "Waa": Waa,
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
    from lstm_course.seq2seq import CharCodec

    return CharCodec(length=5).encode(["1+2", "3-4"])


def _history(**logs):
    return logs or {"loss": [1.0, 0.5]}


# Each case: (id, argument the message must name, call). The call imports lazily so that the
# probe also runs against older versions of the package.
def _cases():
    from lstm_course import (
        clipping,
        data,
        datasets,
        diagrams,
        gradcheck,
        lstm,
        plotting,
        progress,
        repro,
        rnn,
    )
    from lstm_course import metrics as metrics_mod
    from lstm_course import seq2seq as s2s

    Wax, Waa, ba = rnn_params()
    K, R, b = lstm_params()
    c = []

    def add(case_id, arg, call):
        c.append((case_id, arg, call))

    # --- rnn.rnn_cell_forward ------------------------------------------------------------
    f = rnn.rnn_cell_forward
    xt, ap = np.zeros((B, NX)), np.zeros((B, NA))
    add("rnn_cell_forward x_t 1-D", "x_t", lambda f=f: f(np.zeros(NX), ap, Wax, Waa, ba))
    add("rnn_cell_forward x_t width", "x_t", lambda f=f: f(np.zeros((B, 3)), ap, Wax, Waa, ba))
    add(
        "rnn_cell_forward a_prev width", "a_prev", lambda f=f: f(xt, np.zeros((B, 4)), Wax, Waa, ba)
    )
    add(
        "rnn_cell_forward a_prev batch",
        "a_prev",
        lambda f=f: f(xt, np.zeros((3, NA)), Wax, Waa, ba),
    )
    add("rnn_cell_forward x_t strings", "x_t", lambda f=f: f([["a"] * NX] * B, ap, Wax, Waa, ba))
    add("rnn_cell_forward x_t complex", "x_t", lambda f=f: f(xt + 1j, ap, Wax, Waa, ba))
    add("rnn_cell_forward Waa shape", "Waa", lambda f=f: f(xt, ap, Wax, Waa[:, :4], ba))
    add("rnn_cell_forward ba shape", "ba", lambda f=f: f(xt, ap, Wax, Waa, ba[:3]))
    add("rnn_cell_forward Wax 3-D", "Wax", lambda f=f: f(xt, ap, Wax[None], Waa, ba))
    add("rnn_cell_forward Wax None", "Wax", lambda f=f: f(xt, ap, None, Waa, ba))
    add("rnn_cell_forward x_t bool", "x_t", lambda f=f: f(xt > 0, ap, Wax, Waa, ba))
    # --- rnn.rnn_forward -------------------------------------------------------------------
    f = rnn.rnn_forward
    add("rnn_forward x 2-D", "x", lambda f=f: f(np.zeros((B, NX)), Wax, Waa, ba))
    add("rnn_forward x features", "x", lambda f=f: f(np.zeros((B, T, 3)), Wax, Waa, ba))
    add("rnn_forward x string", "x", lambda f=f: f("abc", Wax, Waa, ba))
    add("rnn_forward x object", "x", lambda f=f: f(np.array([{}]), Wax, Waa, ba))
    add("rnn_forward x ragged", "x", lambda f=f: f([[[1.0] * NX], [[1.0] * NX] * 2], Wax, Waa, ba))
    add("rnn_forward a0 batch", "a0", lambda f=f: f(x_rnn(), Wax, Waa, ba, a0=np.zeros((3, NA))))
    add("rnn_forward a0 1-D", "a0", lambda f=f: f(x_rnn(), Wax, Waa, ba, a0=np.zeros(NA)))
    add("rnn_forward a0 string", "a0", lambda f=f: f(x_rnn(), Wax, Waa, ba, a0="zeros"))
    add("rnn_forward Waa not square", "Waa", lambda f=f: f(x_rnn(), Wax, np.zeros((NA, 4)), ba))
    add("rnn_forward ba 2-D", "ba", lambda f=f: f(x_rnn(), Wax, Waa, ba[None]))
    add("rnn_forward Wax complex", "Wax", lambda f=f: f(x_rnn(), Wax + 0j, Waa, ba))
    add("rnn_forward x datetime", "x", lambda f=f: f(np.zeros((B, T, NX), "M8[D]"), Wax, Waa, ba))
    # --- rnn.rnn_cell_backward -------------------------------------------------------------
    f = rnn.rnn_cell_backward
    add(
        "rnn_cell_backward a_prev width",
        "a_prev",
        lambda f=f: f(**rnn_cell_backward_args(a_prev=np.zeros((B, 2)))),
    )
    add(
        "rnn_cell_backward da_t width",
        "da_t",
        lambda f=f: f(**rnn_cell_backward_args(da_t=np.zeros((B, 2)))),
    )
    add(
        "rnn_cell_backward a_t batch",
        "a_t",
        lambda f=f: f(**rnn_cell_backward_args(a_t=np.zeros((1, NA)))),
    )
    add(
        "rnn_cell_backward x_t width",
        "x_t",
        lambda f=f: f(**rnn_cell_backward_args(x_t=np.zeros((B, 2)))),
    )
    add(
        "rnn_cell_backward Waa shape",
        "Waa",
        lambda f=f: f(**rnn_cell_backward_args(Waa=np.zeros((NA, 2)))),
    )
    add(
        "rnn_cell_backward Wax shape",
        "Wax",
        lambda f=f: f(**rnn_cell_backward_args(Wax=np.zeros((2, NX)))),
    )
    add("rnn_cell_backward da_t string", "da_t", lambda f=f: f(**rnn_cell_backward_args(da_t="x")))
    add(
        "rnn_cell_backward a_t 1-D",
        "a_t",
        lambda f=f: f(**rnn_cell_backward_args(a_t=np.zeros(NA))),
    )
    # --- rnn.rnn_backward ------------------------------------------------------------------
    f = rnn.rnn_backward
    add("rnn_backward da shape", "da", lambda f=f: f(np.zeros((B, T + 1, NA)), rnn_cache()))
    add("rnn_backward da string", "da", lambda f=f: f("x", rnn_cache()))
    add("rnn_backward cache list", "cache", lambda f=f: f(np.zeros((B, T, NA)), [1, 2]))
    add("rnn_backward cache missing key", "cache", lambda f=f: f(np.zeros((B, T, NA)), {"x": 1}))
    add("rnn_backward cache None", "cache", lambda f=f: f(np.zeros((B, T, NA)), None))
    # --- rnn.softmax ---------------------------------------------------------------------
    f = rnn.softmax
    add("softmax strings", "z", lambda f=f: f(["a", "b"]))
    add("softmax axis out of range", "axis", lambda f=f: f(np.zeros((2, 3)), axis=2))
    add("softmax axis float", "axis", lambda f=f: f(np.zeros((2, 3)), axis=1.5))
    add("softmax empty axis", "z", lambda f=f: f(np.zeros((2, 0))))
    add("softmax complex", "z", lambda f=f: f(np.zeros(3) + 1j))
    add("softmax None", "z", lambda f=f: f(None))
    # --- rnn.sequence_cross_entropy ------------------------------------------------------
    f = rnn.sequence_cross_entropy
    add("sequence_cross_entropy label -1", "y", lambda f=f: f(probs(), np.full((B, T), -1)))
    add("sequence_cross_entropy label = n_y", "y", lambda f=f: f(probs(), np.full((B, T), NY)))
    add("sequence_cross_entropy float labels", "y", lambda f=f: f(probs(), np.zeros((B, T))))
    add("sequence_cross_entropy y shape", "y", lambda f=f: f(probs(), np.zeros((B, T + 1), int)))
    add("sequence_cross_entropy y_hat 2-D", "y_hat", lambda f=f: f(np.ones((B, NY)) / NY, labels()))
    add("sequence_cross_entropy y_hat negative", "y_hat", lambda f=f: f(-probs(), labels()))
    add("sequence_cross_entropy y_hat > 1", "y_hat", lambda f=f: f(probs() * 3, labels()))
    add("sequence_cross_entropy y_hat strings", "y_hat", lambda f=f: f("abc", labels()))
    add("sequence_cross_entropy y bool", "y", lambda f=f: f(probs(), np.zeros((B, T), bool)))
    add("sequence_cross_entropy y nested strings", "y", lambda f=f: f(probs(), [["a"] * T] * B))
    add(
        "sequence_cross_entropy empty batch",
        "y_hat",
        lambda f=f: f(np.zeros((0, T, NY)), np.zeros((0, T), int)),
    )
    # --- rnn.rnn_classifier_loss ---------------------------------------------------------
    f = rnn.rnn_classifier_loss
    add(
        "rnn_classifier_loss label -1",
        "y",
        lambda f=f: f(x_rnn(), np.full((B, T), -1), clf_params()),
    )
    add(
        "rnn_classifier_loss label too big",
        "y",
        lambda f=f: f(x_rnn(), np.full((B, T), NY), clf_params()),
    )
    add("rnn_classifier_loss params list", "params", lambda f=f: f(x_rnn(), labels(), [1, 2]))
    add(
        "rnn_classifier_loss params missing by",
        "by",
        lambda f=f: f(x_rnn(), labels(), {k: v for k, v in clf_params().items() if k != "by"}),
    )
    add(
        "rnn_classifier_loss Wya width",
        "Wya",
        lambda f=f: f(x_rnn(), labels(), {**clf_params(), "Wya": np.zeros((NY, 2))}),
    )
    add(
        "rnn_classifier_loss by shape",
        "by",
        lambda f=f: f(x_rnn(), labels(), {**clf_params(), "by": np.zeros(NY + 1)}),
    )
    add(
        "rnn_classifier_loss y shape",
        "y",
        lambda f=f: f(x_rnn(), labels(steps=T + 1), clf_params()),
    )
    add("rnn_classifier_loss float y", "y", lambda f=f: f(x_rnn(), labels() * 1.0, clf_params()))
    add("rnn_classifier_loss x 2-D", "x", lambda f=f: f(np.zeros((B, NX)), labels(), clf_params()))
    # --- rnn.from_keras_simple_rnn ---------------------------------------------------------
    f = rnn.from_keras_simple_rnn
    add(
        "from_keras_simple_rnn relu",
        "activation",
        lambda f=f: f(keras_layer("SimpleRNN", activation="relu")),
    )
    add(
        "from_keras_simple_rnn no bias",
        "use_bias",
        lambda f=f: f(keras_layer("SimpleRNN", use_bias=False)),
    )
    add(
        "from_keras_simple_rnn go_backwards",
        "go_backwards",
        lambda f=f: f(keras_layer("SimpleRNN", go_backwards=True)),
    )
    add("from_keras_simple_rnn LSTM", "layer", lambda f=f: f(keras_layer("LSTM")))
    add("from_keras_simple_rnn GRU", "layer", lambda f=f: f(keras_layer("GRU")))
    add(
        "from_keras_simple_rnn unbuilt",
        "layer",
        lambda f=f: f(__import__("keras").layers.SimpleRNN(3)),
    )
    add("from_keras_simple_rnn array", "layer", lambda f=f: f(np.zeros(3)))
    add("from_keras_simple_rnn None", "layer", lambda f=f: f(None))
    # --- rnn.hidden_jacobian_norms -------------------------------------------------------
    f = rnn.hidden_jacobian_norms
    add("hidden_jacobian_norms a 3-D", "a", lambda f=f: f(np.zeros((1, T, NA)), Waa))
    add(
        "hidden_jacobian_norms Waa shape",
        "Waa",
        lambda f=f: f(np.zeros((T, NA)), np.zeros((NA, 2))),
    )
    add("hidden_jacobian_norms a strings", "a", lambda f=f: f("abc", Waa))
    add("hidden_jacobian_norms a no step", "a", lambda f=f: f(np.zeros((0, NA)), Waa))
    # --- lstm.sigmoid / param_count ----------------------------------------------------
    add("sigmoid strings", "z", lambda: lstm.sigmoid(["a"]))
    add("sigmoid None", "z", lambda: lstm.sigmoid(None))
    add("sigmoid complex", "z", lambda: lstm.sigmoid(np.zeros(2) + 1j))
    add("param_count float units", "units", lambda: lstm.param_count(2.5, 1))
    add("param_count zero input_dim", "input_dim", lambda: lstm.param_count(2, 0))
    add("param_count bool", "units", lambda: lstm.param_count(True, 1))
    add("param_count string", "units", lambda: lstm.param_count("4", 1))
    # --- lstm.lstm_cell_forward --------------------------------------------------------
    f = lstm.lstm_cell_forward
    xl, h, cc = np.zeros((B, D)), np.zeros((B, U)), np.zeros((B, U))
    add("lstm_cell_forward x_t width", "x_t", lambda f=f: f(np.zeros((B, 3)), h, cc, K, R, b))
    add(
        "lstm_cell_forward h_prev width", "h_prev", lambda f=f: f(xl, np.zeros((B, 2)), cc, K, R, b)
    )
    add("lstm_cell_forward c_prev batch", "c_prev", lambda f=f: f(xl, h, np.zeros((3, U)), K, R, b))
    add("lstm_cell_forward kernel width", "kernel", lambda f=f: f(xl, h, cc, K[:, :5], R, b))
    add(
        "lstm_cell_forward recurrent not 4u",
        "recurrent_kernel",
        lambda f=f: f(xl, h, cc, K, R[:, :5], b),
    )
    add("lstm_cell_forward bias shape", "bias", lambda f=f: f(xl, h, cc, K, R, b[:3]))
    add("lstm_cell_forward x_t strings", "x_t", lambda f=f: f([["a"] * D] * B, h, cc, K, R, b))
    add("lstm_cell_forward c_prev None", "c_prev", lambda f=f: f(xl, h, None, K, R, b))
    # --- lstm.lstm_forward -------------------------------------------------------------
    f = lstm.lstm_forward
    add("lstm_forward x 2-D", "x", lambda f=f: f(np.zeros((B, D)), K, R, b))
    add("lstm_forward x features", "x", lambda f=f: f(np.zeros((B, T, 3)), K, R, b))
    add("lstm_forward x strings", "x", lambda f=f: f([["a"]], K, R, b))
    add("lstm_forward h0 batch", "h0", lambda f=f: f(x_lstm(), K, R, b, h0=np.zeros((3, U))))
    add("lstm_forward c0 width", "c0", lambda f=f: f(x_lstm(), K, R, b, c0=np.zeros((B, 2))))
    add("lstm_forward c0 string", "c0", lambda f=f: f(x_lstm(), K, R, b, c0="zeros"))
    add("lstm_forward recurrent 3-D", "recurrent_kernel", lambda f=f: f(x_lstm(), K, R[None], b))
    add("lstm_forward kernel complex", "kernel", lambda f=f: f(x_lstm(), K + 0j, R, b))
    add("lstm_forward bias None", "bias", lambda f=f: f(x_lstm(), K, R, None))
    add("lstm_forward x object", "x", lambda f=f: f(np.array([None]), K, R, b))
    # --- lstm.lstm_backward ------------------------------------------------------------
    f = lstm.lstm_backward
    add(
        "lstm_backward dc_last shape",
        "dc_last",
        lambda f=f: f(np.zeros((B, T, U)), lstm_cache(), dc_last=np.zeros((B, U - 1))),
    )
    add(
        "lstm_backward dc_last 3-D",
        "dc_last",
        lambda f=f: f(np.zeros((B, T, U)), lstm_cache(), dc_last=np.zeros((B, T, U))),
    )
    add(
        "lstm_backward dc_last string",
        "dc_last",
        lambda f=f: f(np.zeros((B, T, U)), lstm_cache(), dc_last="x"),
    )
    add("lstm_backward dh shape", "dh", lambda f=f: f(np.zeros((B, T, U + 1)), lstm_cache()))
    add("lstm_backward dh 2-D", "dh", lambda f=f: f(np.zeros((B, U)), lstm_cache()))
    add("lstm_backward cache list", "cache", lambda f=f: f(np.zeros((B, T, U)), [1]))
    add("lstm_backward cache missing", "cache", lambda f=f: f(np.zeros((B, T, U)), {"h": 1}))
    add("lstm_backward dh strings", "dh", lambda f=f: f("x", lstm_cache()))
    # --- lstm.cell_state_backward -------------------------------------------------------
    f = lstm.cell_state_backward
    add(
        "cell_state_backward dh_t (1, n)",
        "dh_t",
        lambda f=f: f(**cell_state_args(dh_t=np.zeros((1, U)))),
    )
    add(
        "cell_state_backward dc_next (1, n)",
        "dc_next",
        lambda f=f: f(**cell_state_args(dc_next=np.zeros((1, U)))),
    )
    add(
        "cell_state_backward o_t width",
        "o_t",
        lambda f=f: f(**cell_state_args(o_t=np.zeros((B, 2)))),
    )
    add("cell_state_backward c_t 1-D", "c_t", lambda f=f: f(**cell_state_args(c_t=np.zeros(U))))
    add("cell_state_backward f_t scalar", "f_t", lambda f=f: f(**cell_state_args(f_t=0.5)))
    add("cell_state_backward f_t strings", "f_t", lambda f=f: f(**cell_state_args(f_t="x")))
    add(
        "cell_state_backward dh_t 3-D",
        "dh_t",
        lambda f=f: f(**cell_state_args(dh_t=np.zeros((B, 1, U)))),
    )
    # --- lstm notations -----------------------------------------------------------------
    gates = lstm.keras_to_gates(K, R, b)
    add("keras_to_gates kernel width", "kernel", lambda: lstm.keras_to_gates(K[:, :5], R, b))
    add("keras_to_gates bias None", "bias", lambda: lstm.keras_to_gates(K, R, None))
    add("gates_to_keras missing gate", "gates", lambda: lstm.gates_to_keras({"i": gates["i"]}))
    add("gates_to_keras not dict", "gates", lambda: lstm.gates_to_keras([1, 2, 3, 4]))
    add(
        "gates_to_keras triple of 2",
        "gates",
        lambda: lstm.gates_to_keras({**gates, "f": gates["f"][:2]}),
    )
    add(
        "gates_to_keras U width",
        "gates",
        lambda: lstm.gates_to_keras({**gates, "o": (gates["o"][0][:, :2], *gates["o"][1:])}),
    )
    concat = lstm.gates_to_concat(gates)
    add("gates_to_concat not dict", "gates", lambda: lstm.gates_to_concat(None))
    add("gates_to_concat missing", "gates", lambda: lstm.gates_to_concat({"i": gates["i"]}))
    add(
        "gates_to_concat W shape",
        "gates",
        lambda: lstm.gates_to_concat(
            {**gates, "i": (gates["i"][0], np.zeros((U, 2)), gates["i"][2])}
        ),
    )
    add("concat_to_gates units -1", "units", lambda: lstm.concat_to_gates(concat, -1))
    add("concat_to_gates units float", "units", lambda: lstm.concat_to_gates(concat, 2.5))
    add("concat_to_gates units too big", "units", lambda: lstm.concat_to_gates(concat, U + D))
    add("concat_to_gates units wrong", "units", lambda: lstm.concat_to_gates(concat, U - 1))
    add("concat_to_gates not dict", "concat", lambda: lstm.concat_to_gates([1], U))
    # --- lstm.from_keras_lstm -----------------------------------------------------------
    f = lstm.from_keras_lstm
    add("from_keras_lstm relu", "activation", lambda f=f: f(keras_layer("LSTM", activation="relu")))
    add(
        "from_keras_lstm hard_sigmoid",
        "recurrent_activation",
        lambda f=f: f(keras_layer("LSTM", recurrent_activation="hard_sigmoid")),
    )
    add(
        "from_keras_lstm go_backwards",
        "go_backwards",
        lambda f=f: f(keras_layer("LSTM", go_backwards=True)),
    )
    add("from_keras_lstm GRU", "layer", lambda f=f: f(keras_layer("GRU")))
    add("from_keras_lstm SimpleRNN", "layer", lambda f=f: f(keras_layer("SimpleRNN")))
    add("from_keras_lstm unbuilt", "layer", lambda f=f: f(__import__("keras").layers.LSTM(3)))
    add("from_keras_lstm no bias", "use_bias", lambda f=f: f(keras_layer("LSTM", use_bias=False)))
    add("from_keras_lstm None", "layer", lambda f=f: f(None))
    # --- data ---------------------------------------------------------------------------
    f = data.spike_sequences
    add("spike_sequences positions int", "positions", lambda f=f: f(4, 10, 5, rng()))
    add("spike_sequences positions empty", "positions", lambda f=f: f(4, 10, [], rng()))
    add("spike_sequences positions float", "positions", lambda f=f: f(4, 10, [1.5], rng()))
    add("spike_sequences positions >= steps", "positions", lambda f=f: f(4, 10, [10], rng()))
    add("spike_sequences positions 2-D", "positions", lambda f=f: f(4, 10, [[1, 2]], rng()))
    add("spike_sequences negative noise", "noise", lambda f=f: f(4, 10, [1], rng(), noise=-1))
    add("spike_sequences nan noise", "noise", lambda f=f: f(4, 10, [1], rng(), noise=NAN))
    add("spike_sequences noise string", "noise", lambda f=f: f(4, 10, [1], rng(), noise="0.1"))
    add("spike_sequences rng int", "rng", lambda f=f: f(4, 10, [1], 0))
    add("spike_sequences n float", "n", lambda f=f: f(4.0, 10, [1], rng()))
    add("spike_sequences steps 0", "steps", lambda f=f: f(4, 0, [1], rng()))
    f = data.delayed_echo
    add("delayed_echo delay > steps", "delay", lambda f=f: f(4, 5, 3, 9, rng()))
    add("delayed_echo delay = steps", "delay", lambda f=f: f(4, 5, 3, 5, rng()))
    add("delayed_echo delay 0", "delay", lambda f=f: f(4, 5, 3, 0, rng()))
    add("delayed_echo vocab 1.5", "vocab", lambda f=f: f(4, 5, 1.5, 1, rng()))
    add("delayed_echo n -1", "n", lambda f=f: f(-1, 5, 3, 1, rng()))
    add("delayed_echo rng legacy", "rng", lambda f=f: f(4, 5, 3, 1, np.random.RandomState(0)))
    f = data.adding_problem
    add("adding_problem steps 1", "steps", lambda f=f: f(4, 1, rng()))
    add("adding_problem n 0", "n", lambda f=f: f(0, 10, rng()))
    add("adding_problem n string", "n", lambda f=f: f("4", 10, rng()))
    add("adding_problem rng None", "rng", lambda f=f: f(4, 10, None))
    f = data.subject_memory
    add("subject_memory steps 5", "steps", lambda f=f: f(4, 5, rng()))
    add("subject_memory switch_prob 2", "switch_prob", lambda f=f: f(4, 12, rng(), switch_prob=2))
    add(
        "subject_memory switch_prob -0.1",
        "switch_prob",
        lambda f=f: f(4, 12, rng(), switch_prob=-0.1),
    )
    add(
        "subject_memory switch_prob nan",
        "switch_prob",
        lambda f=f: f(4, 12, rng(), switch_prob=NAN),
    )
    add(
        "subject_memory switch_prob string",
        "switch_prob",
        lambda f=f: f(4, 12, rng(), switch_prob="a"),
    )
    add("subject_memory n 0", "n", lambda f=f: f(0, 12, rng()))
    f = data.sliding_windows
    add("sliding_windows 2-D series", "series", lambda f=f: f(np.zeros((3, 3)), 2))
    add("sliding_windows too short", "series", lambda f=f: f(np.zeros(3), 3))
    add("sliding_windows length 0", "length", lambda f=f: f(np.zeros(5), 0))
    add("sliding_windows length float", "length", lambda f=f: f(np.zeros(5), 2.0))
    add("sliding_windows strings", "series", lambda f=f: f(["a", "b", "c", "d"], 2))
    add("sliding_windows None", "series", lambda f=f: f(None, 2))
    add("sliding_windows complex", "series", lambda f=f: f(np.zeros(5) + 1j, 2))
    # --- datasets -----------------------------------------------------------------------
    add("load_co2 fill_missing string", "fill_missing", lambda: datasets.load_co2("no"))
    add("load_co2 fill_missing int", "fill_missing", lambda: datasets.load_co2(2))
    # --- seq2seq -------------------------------------------------------------------------
    add("CharCodec length -1", "length", lambda: s2s.CharCodec(length=-1))
    add("CharCodec length float", "length", lambda: s2s.CharCodec(length=2.5))
    add("CharCodec length 0", "length", lambda: s2s.CharCodec(length=0))
    add("CharCodec vocab list", "vocab", lambda: s2s.CharCodec(vocab=["ab", "c"]))
    add("CharCodec vocab empty", "vocab", lambda: s2s.CharCodec(vocab="", pad=""))
    add("CharCodec pad two chars", "pad", lambda: s2s.CharCodec(pad="  "))
    add("CharCodec pad not in vocab", "pad", lambda: s2s.CharCodec(vocab="ab", pad="c"))
    add("CharCodec vocab repeated", "vocab", lambda: s2s.CharCodec(vocab="aa "))
    codec = s2s.CharCodec(length=5)
    add("encode single string", ("list of strings", "single string"), lambda: codec.encode("12+7"))
    add("encode ints", "texts", lambda: codec.encode([12]))
    add(
        "encode too long",
        ("'123456' has 6 characters", "at most 5"),
        lambda: codec.encode(["123456"]),
    )
    add(
        "encode bad symbol",
        ("'x' in '1x2'", "not in the vocabulary"),
        lambda: codec.encode(["1x2"]),
    )
    add("encode None", "texts", lambda: codec.encode(None))
    add("encode generator-free int", "texts", lambda: codec.encode(5))
    add("decode wrong vocab", "onehot_or_probs", lambda: codec.decode(np.zeros((2, 5, 4))))
    add("decode 2-D", "onehot_or_probs", lambda: codec.decode(np.zeros((5, 13))))
    add("decode strings", "onehot_or_probs", lambda: codec.decode("abc"))
    add("decode strip string", "strip", lambda: codec.decode(np.zeros((1, 5, 13)), strip="no"))
    add("format_answer float", "value", lambda: s2s.format_answer(19.7))
    add("format_answer string", "value", lambda: s2s.format_answer("19"))
    add("format_answer None", "value", lambda: s2s.format_answer(None))
    add("format_answer bool", "value", lambda: s2s.format_answer(True))
    add("arithmetic_queries ops '*'", "ops", lambda: s2s.arithmetic_queries(ops="*"))
    add(
        "arithmetic_queries max_value -1", "max_value", lambda: s2s.arithmetic_queries(max_value=-1)
    )
    add(
        "arithmetic_queries max_value float",
        "max_value",
        lambda: s2s.arithmetic_queries(max_value=2.5),
    )
    add("arithmetic_queries ops list", "ops", lambda: s2s.arithmetic_queries(ops=["+"]))
    add("reverse_queries single string", "queries", lambda: s2s.reverse_queries("12+7"))
    add("reverse_queries ints", "queries", lambda: s2s.reverse_queries([12]))
    add("reverse_queries too long", "queries", lambda: s2s.reverse_queries(["123456"]))
    add("reverse_queries length 0", "length", lambda: s2s.reverse_queries(["1"], length=0))
    y4 = s2s.CharCodec(length=4).encode(["+19"])
    add("shift_right start_index -1", "start_index", lambda: s2s.shift_right(y4, start_index=-1))
    add("shift_right start_index 13", "start_index", lambda: s2s.shift_right(y4, start_index=13))
    add(
        "shift_right start_index float", "start_index", lambda: s2s.shift_right(y4, start_index=1.0)
    )
    add("shift_right 2-D", "answers_onehot", lambda: s2s.shift_right(y4[0], start_index=12))
    add("shift_right strings", "answers_onehot", lambda: s2s.shift_right("x", start_index=12))
    f = s2s.greedy_decode
    add("greedy_decode steps 0", "steps", lambda f=f: f(_encoder(), _decoder(), _queries(), 0, 12))
    add(
        "greedy_decode steps float",
        "steps",
        lambda f=f: f(_encoder(), _decoder(), _queries(), 2.0, 12),
    )
    add(
        "greedy_decode start_index 13",
        "start_index",
        lambda f=f: f(_encoder(), _decoder(), _queries(), 2, 13),
    )
    add(
        "greedy_decode start_index -1",
        "start_index",
        lambda f=f: f(_encoder(), _decoder(), _queries(), 2, -1),
    )
    add(
        "greedy_decode queries 2-D",
        "queries_onehot",
        lambda f=f: f(_encoder(), _decoder(), _queries()[0], 2, 12),
    )
    add("greedy_decode encoder None", "encoder", lambda f=f: f(None, _decoder(), _queries(), 2, 12))
    add(
        "greedy_decode decoder_step None",
        "decoder_step",
        lambda f=f: f(_encoder(), None, _queries(), 2, 12),
    )
    # --- clipping -----------------------------------------------------------------------
    f = clipping.clip_by_global_norm
    add("clip max_norm nan", "max_norm", lambda f=f: f([np.ones(3)], NAN))
    add("clip max_norm inf", "max_norm", lambda f=f: f([np.ones(3)], float("inf")))
    add("clip max_norm 0", "max_norm", lambda f=f: f([np.ones(3)], 0))
    add("clip max_norm string", "max_norm", lambda f=f: f([np.ones(3)], "1"))
    add("clip max_norm array", "max_norm", lambda f=f: f([np.ones(3)], np.ones(2)))
    add("clip grads ndarray", "grads", lambda f=f: f(np.ones(3), 1.0))
    add("clip grads strings", "grads", lambda f=f: f([np.array(["a"])], 1.0))
    add("clip grads dict", "grads", lambda f=f: f({"a": np.ones(3)}, 1.0))
    add("clip grads None entry", "grads", lambda f=f: f([None], 1.0))
    # --- gradcheck ----------------------------------------------------------------------
    add("relative_error shapes", "b", lambda: gradcheck.relative_error(np.zeros(3), np.zeros(4)))
    add("relative_error strings", "a", lambda: gradcheck.relative_error("ab", np.zeros(2)))
    add("relative_error None", "a", lambda: gradcheck.relative_error(None, np.zeros(2)))
    x64 = np.zeros(3)
    add(
        "numerical_gradient float32",
        "x",
        lambda: gradcheck.numerical_gradient(lambda: 0.0, np.zeros(3, "float32")),
    )
    add(
        "numerical_gradient eps 0",
        "eps",
        lambda: gradcheck.numerical_gradient(lambda: 0.0, x64, eps=0),
    )
    add(
        "numerical_gradient eps nan",
        "eps",
        lambda: gradcheck.numerical_gradient(lambda: 0.0, x64, eps=NAN),
    )
    add("numerical_gradient f not callable", "f", lambda: gradcheck.numerical_gradient(3, x64))
    add(
        "numerical_gradient f returns array",
        "f",
        lambda: gradcheck.numerical_gradient(lambda: np.ones(2), x64),
    )
    add("numerical_gradient list", "x", lambda: gradcheck.numerical_gradient(lambda: 0.0, [0.0]))
    add(
        "gradient_check missing grad",
        "grads",
        lambda: gradcheck.gradient_check(lambda: 0.0, {"a": x64}, {}),
    )
    add(
        "gradient_check grad shape",
        "grads",
        lambda: gradcheck.gradient_check(lambda: 0.0, {"a": x64}, {"a": np.zeros(4)}),
    )
    add(
        "gradient_check arrays list",
        "arrays",
        lambda: gradcheck.gradient_check(lambda: 0.0, [x64], {}),
    )
    # --- metrics, repro -------------------------------------------------------------------
    add("metric nan", "value", lambda: metrics_mod.metric("x", NAN))
    add("metric inf", "value", lambda: metrics_mod.metric("x", float("inf")))
    add("metric string value", "value", lambda: metrics_mod.metric("x", "1"))
    add("metric CamelCase", "name", lambda: metrics_mod.metric("Acc", 1.0))
    add("metric name int", "name", lambda: metrics_mod.metric(3, 1.0))
    add("metric array value", "value", lambda: metrics_mod.metric("x", np.ones(2)))
    add("seed_everything float", "seed", lambda: repro.seed_everything(1.5))
    add("seed_everything negative", "seed", lambda: repro.seed_everything(-1))
    add("seed_everything string", "seed", lambda: repro.seed_everything("3"))
    # --- plotting, progress, diagrams --------------------------------------------------------
    f = plotting.plot_history
    add("plot_history only val_ keys", "history", lambda f=f: f({"val_loss": [1.0, 0.5]}))
    add("plot_history list", "history", lambda f=f: f([1, 2, 3]))
    add("plot_history empty", "history", lambda f=f: f({}))
    add("plot_history missing key", "keys", lambda f=f: f(_history(), keys=["acc"]))
    add("plot_history keys int", "keys", lambda f=f: f(_history(), keys=3))
    add("plot_history values string", "history", lambda f=f: f({"loss": "abc"}))
    add("plot_history values scalar", "history", lambda f=f: f({"loss": 1.0}))
    add(
        "plot_history val length", "history", lambda f=f: f({"loss": [1.0, 0.5], "val_loss": [1.0]})
    )
    add("plot_history ax not axes", "ax", lambda f=f: f(_history(), ax="axes"))
    add("plot_history logy string", "logy", lambda f=f: f(_history(), logy="yes"))
    add("plot_history title int", "title", lambda f=f: f(_history(), title=3))
    add("CompactProgress every 0", "every", lambda: progress.CompactProgress(every=0))
    add("CompactProgress every float", "every", lambda: progress.CompactProgress(every=2.5))
    add("CompactProgress label int", "label", lambda: progress.CompactProgress(label=3))
    add("draw_unrolled_rnn 0", "steps", lambda: diagrams.draw_unrolled_rnn(steps=0))
    add("draw_unrolled_rnn 9", "steps", lambda: diagrams.draw_unrolled_rnn(steps=9))
    add("draw_unrolled_rnn float", "steps", lambda: diagrams.draw_unrolled_rnn(steps=2.0))
    add("draw_unrolled_rnn ax string", "ax", lambda: diagrams.draw_unrolled_rnn(steps=2, ax="x"))
    add("draw_lstm_cell bad highlight", "highlight", lambda: diagrams.draw_lstm_cell("gate"))
    add("draw_lstm_cell highlight int", "highlight", lambda: diagrams.draw_lstm_cell(1))
    add("draw_lstm_cell ax string", "ax", lambda: diagrams.draw_lstm_cell(ax="x"))
    return c


# Values the contract accepts and the old code refused: each must *return*.
def _valid_cases():
    from lstm_course import clipping, diagrams, progress, rnn

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


# NaN and inf in the models' arrays propagate, as in Keras (documented in lstm_course.rnn and
# lstm_course.lstm): the result must then hold NaN, never hide it.
def _propagating_cases():
    from lstm_course import lstm, rnn

    x = x_rnn()
    x[0, 0, 0] = NAN
    xl = x_lstm()
    xl[0, 0, 0] = NAN
    return [
        ("rnn_forward NaN in x", lambda: rnn.rnn_forward(x, *rnn_params())[0]),
        ("lstm_forward NaN in x", lambda: lstm.lstm_forward(xl, *lstm_params())[0]),
        ("softmax NaN", lambda: rnn.softmax(np.array([NAN, 0.0]))),
    ]


def _wanted(arg):
    """What a clear message must contain: the argument's name and ``got``. Three messages of
    ``CharCodec.encode`` that notebook 06 prints keep their wording; they quote the bad text."""
    return arg if isinstance(arg, tuple) else (arg, "got")


def classify(call, arg):
    """``clear``, ``vague``, ``raw`` or ``silent`` (see the module docstring)."""
    import matplotlib.pyplot as plt

    try:
        call()
    except (ValueError, TypeError) as error:
        return "clear" if all(w in str(error) for w in _wanted(arg)) else "vague"
    except Exception:
        return "raw"
    finally:
        plt.close("all")
    return "silent"


@functools.cache
def cases():
    return _cases()


def test_there_are_at_least_150_bad_inputs():
    assert len(cases()) >= 150


@pytest.mark.parametrize(("case_id", "arg", "call"), cases(), ids=[c[0] for c in cases()])
def test_bad_input_gets_a_clear_error(case_id, arg, call):
    import matplotlib.pyplot as plt

    try:
        call()
    except (ValueError, TypeError) as error:
        message = str(error)
        for wanted in _wanted(arg):
            assert wanted in message, f"{case_id}: the message lacks {wanted!r}: {message}"
    else:
        pytest.fail(f"{case_id}: no error")
    finally:
        plt.close("all")


@pytest.mark.parametrize("index", range(4))
def test_valid_values_are_accepted(index):
    """NumPy scalar types where a Python number is accepted; nested lists as arrays."""
    import matplotlib.pyplot as plt

    _valid_cases()[index][1]()
    plt.close("all")


@pytest.mark.parametrize("index", range(3))
def test_nan_propagates_as_documented(index):
    assert np.isnan(_propagating_cases()[index][1]()).any()


def main() -> int:
    counts = collections.Counter()
    for case_id, arg, call in cases():
        verdict = classify(call, arg)
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
