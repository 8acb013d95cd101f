"""Learners' answers to every exercise: right ones written independently, plausible wrong ones.

``RIGHT[name]`` lists ``(label, function)`` pairs the checker must accept; ``WRONG[name]``
lists ``(label, function, words)``: the checker must reject the function (never raise) and
its message must contain ``words``, the hint that names the mistake.

Run ``python tests/exercise_answers.py`` for the per-exercise table.
"""

import math

import numpy as np

# ruff: noqa: F821  (some wrong answers use undefined names on purpose)


def sig(z):
    return 1 / (1 + np.exp(-z))


# --- 00 dense_tanh ----------------------------------------------------------------------------


def dense_loop(x, W, b):
    out = np.zeros((x.shape[0], W.shape[1]))
    for n in range(x.shape[0]):
        for j in range(W.shape[1]):
            out[n, j] = math.tanh(sum(x[n, k] * W[k, j] for k in range(W.shape[0])) + b[j])
    return out


def dense_typo(x, W, b):
    return np.tanh(x @ W + bias)


def dense_math_tanh(x, W, b):
    return math.tanh(x @ W + b)


def dense_numpy_typo(x, W, b):
    return np.tahn(x @ W + b)


# --- 01 rnn_cell_forward, sequence_loss -------------------------------------------------------


def rnn_loop(x_t, h_prev, W_xh, W_hh, b_h):
    out = np.empty((x_t.shape[0], W_hh.shape[0]))
    for n in range(x_t.shape[0]):  # one example at a time, as column vectors (papers' W h)
        out[n] = np.tanh(W_hh.T @ h_prev[n] + W_xh.T @ x_t[n] + b_h)
    return out


def rnn_columns(x_t, h_prev, W_xh, W_hh, b_h):
    return np.tanh(W_hh.T @ h_prev.T + W_xh.T @ x_t.T + b_h[:, None])


def loss_loop(y_hat, y):
    total = 0.0
    for n in range(y.shape[0]):
        for t in range(y.shape[1]):
            total -= math.log(y_hat[n, t, y[n, t]])
    return total / y.shape[0]


def loss_fancy(probs, labels):
    b, t = np.indices(labels.shape)
    return -np.log(probs[b, t, labels]).sum(axis=1).mean()


def loss_one_hot(y_hat, y):
    return -np.sum(y * np.log(y_hat), axis=(1, 2)).mean()


# --- 02 rnn_cell_backward, clip_by_global_norm ------------------------------------------------


def backward_keepdims(dh_t, h_t, h_prev, x_t, W_xh, W_hh):
    dpre = dh_t * (1 - h_t**2)
    return dpre @ W_xh.T, dpre @ W_hh.T, x_t.T @ dpre, h_prev.T @ dpre, dpre.sum(0, keepdims=True)


def backward_einsum(dh, h, h_prev, x, W_xh, W_hh):
    dpre = dh * (1 - np.square(h))
    return (
        np.einsum("bn,dn->bd", dpre, W_xh),
        np.einsum("bn,mn->bm", dpre, W_hh),
        np.einsum("bd,bn->dn", x, dpre),
        np.einsum("bm,bn->mn", h_prev, dpre),
        np.sum(dpre, axis=0).reshape(-1, 1),  # a column vector, as in papers
    )


def backward_loop(dh_t, h_t, h_prev, x_t, W_xh, W_hh):
    grads = [np.zeros_like(x_t), np.zeros_like(h_prev), np.zeros_like(W_xh), np.zeros_like(W_hh)]
    db_h = np.zeros(W_hh.shape[0])
    for n in range(x_t.shape[0]):
        dpre = dh_t[n] * (1 - h_t[n] ** 2)
        grads[0][n], grads[1][n] = W_xh @ dpre, W_hh @ dpre
        grads[2] += np.outer(x_t[n], dpre)
        grads[3] += np.outer(h_prev[n], dpre)
        db_h += dpre
    return (*grads, db_h)


def backward_wrong_dx(dh_t, h_t, h_prev, x_t, W_xh, W_hh):
    dpre = dh_t * (1 - h_t**2)
    return dpre @ W_xh, dpre @ W_hh.T, x_t.T @ dpre, h_prev.T @ dpre, dpre.sum(axis=0)


def backward_dict(dh_t, h_t, h_prev, x_t, W_xh, W_hh):
    dpre = dh_t * (1 - h_t**2)
    return {"dx_t": dpre @ W_xh.T, "dh_prev": dpre @ W_hh.T, "dW_xh": x_t.T @ dpre}


def backward_dw_xh_transposed(dh_t, h_t, h_prev, x_t, W_xh, W_hh):
    dpre = dh_t * (1 - h_t**2)
    return dpre @ W_xh.T, dpre @ W_hh.T, dpre.T @ x_t, h_prev.T @ dpre, dpre.sum(axis=0)


def backward_sign(dh_t, h_t, h_prev, x_t, W_xh, W_hh):
    dpre = -dh_t * (1 - h_t**2)
    return dpre @ W_xh.T, dpre @ W_hh.T, x_t.T @ dpre, h_prev.T @ dpre, dpre.sum(axis=0)


def backward_db_h_mean(dh_t, h_t, h_prev, x_t, W_xh, W_hh):
    dpre = dh_t * (1 - h_t**2)
    return dpre @ W_xh.T, dpre @ W_hh.T, x_t.T @ dpre, h_prev.T @ dpre, dpre.mean(axis=0)


def backward_weights_averaged(dh_t, h_t, h_prev, x_t, W_xh, W_hh):
    dpre = dh_t * (1 - h_t**2)
    B = len(x_t)
    return dpre @ W_xh.T, dpre @ W_hh.T, x_t.T @ dpre / B, h_prev.T @ dpre / B, dpre.sum(axis=0)


def clip_loop(grads, max_norm):
    total = 0.0
    for g in grads:
        total += float((g**2).sum())
    norm = total**0.5
    if norm <= max_norm:
        return list(grads), norm
    return [g * (max_norm / norm) for g in grads], norm


def clip_in_place(gradients, limit):
    norm = np.sqrt(sum(np.vdot(g, g) for g in gradients))
    for g in gradients:
        g *= min(1.0, limit / norm)
    return gradients, norm


def clip_float32(grads, max_norm):
    grads = [g.astype(np.float32) for g in grads]
    norm = np.sqrt(sum(np.sum(g * g) for g in grads))
    return [g * min(1, max_norm / norm) for g in grads], norm


def clip_concatenate(grads, max_norm):
    norm = np.linalg.norm(np.concatenate([g.ravel() for g in grads]))
    return [g * max_norm / max(norm, max_norm) for g in grads], norm


def clip_hard_coded(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g**2) for g in grads))
    return [g * min(1.0, 1.0 / norm) for g in grads], norm


def clip_name_error(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g**2) for g in grad))
    return [g * min(1.0, max_norm / norm) for g in grads], norm


# --- 03 forget_gate, lstm_cell_step, cell_state_backward --------------------------------------


def gate_concat(x_t, h_prev, W_xf, W_hf, b_f):
    W_f = np.concatenate([W_hf, W_xf], axis=0)  # (units + d, units), acting on [h, x]
    return sig(np.concatenate([h_prev, x_t], axis=1) @ W_f + b_f)


def step_slices(x_t, h_prev, c_prev, W_x, W_h, b):
    u = h_prev.shape[1]
    z = x_t @ W_x + h_prev @ W_h + b
    i, f, o = sig(z[:, :u]), sig(z[:, u : 2 * u]), sig(z[:, 3 * u :])
    c = f * c_prev + i * np.tanh(z[:, 2 * u : 3 * u])
    return o * np.tanh(c), c


def step_float32(x, h, c, W, U, b):
    x, h, c, W, U, b = (np.asarray(v, dtype=np.float32) for v in (x, h, c, W, U, b))
    i, f, g, o = np.split(x @ W + h @ U + b, 4, axis=1)
    c = sig(f) * c + sig(i) * np.tanh(g)
    return sig(o) * np.tanh(c), c


def step_split_axis0(x_t, h_prev, c_prev, W_x, W_h, b):
    i, f, g, o = np.split(x_t @ W_x + h_prev @ W_h + b, 4, axis=0)
    c = sig(f) * c_prev + sig(i) * np.tanh(g)
    return sig(o) * np.tanh(c), c


def step_transposed_W_x(x_t, h_prev, c_prev, W_x, W_h, b):
    i, f, g, o = np.split(x_t @ W_x.T + h_prev @ W_h + b, 4, axis=-1)
    c = sig(f) * c_prev + sig(i) * np.tanh(g)
    return sig(o) * np.tanh(c), c


def step_order(order, swap_outputs=False, squash_c=False):
    def step(x_t, h_prev, c_prev, W_x, W_h, b):
        z = np.split(x_t @ W_x + h_prev @ W_h + b, 4, axis=-1)
        gates = dict(zip(order, z, strict=True))  # "c" is the candidate's block
        c = sig(gates["f"]) * c_prev + sig(gates["i"]) * np.tanh(gates["c"])
        if squash_c:
            c = np.tanh(c)
        h = sig(gates["o"]) * np.tanh(c)
        return (c, h) if swap_outputs else (h, c)

    return step


def cell_backward_loop(dh_t, dc_next, o_t, c_t, f_t):
    dc_t = np.empty_like(c_t)
    for idx in np.ndindex(c_t.shape):
        dc_t[idx] = dc_next[idx] + dh_t[idx] * o_t[idx] * (1 - math.tanh(c_t[idx]) ** 2)
    return dc_t, dc_t * f_t


def cell_backward_cosh(dh, dc, o, c, f):
    total = dc + dh * o / np.cosh(c) ** 2
    return (total, f * total)


# --- 04 lstm_param_count, lstm_output_shapes --------------------------------------------------


def shapes_list(batch, steps, units, return_sequences, return_state):
    out = [batch, steps, units] if return_sequences else [batch, units]
    return [out, [batch, units], [batch, units]] if return_state else out


def shapes_ignore_state(batch, steps, units, return_sequences, return_state):
    return (batch, steps, units) if return_sequences else (batch, units)


def shapes_dict(batch, steps, units, return_sequences, return_state):
    return {"output": (batch, units)}


def shapes_typo(batch, steps, units, return_sequences, return_state):
    return (batch, step, units) if return_sequences else (batch, units)


# --- 05 make_windows, next_odd_targets --------------------------------------------------------


def windows_loop(series, length):
    X, y = [], []
    for i in range(len(series) - length):
        X.append(series[i : i + length])
        y.append(series[i + length])
    return np.array(X), np.array(y)


def windows_lists(s, n):
    return [list(s[i : i + n]) for i in range(len(s) - n)], list(s[n:])


def windows_index_error(series, length):
    X = np.array([series[i : i + length] for i in range(len(series) - length + 1)])
    y = np.array([series[i + length] for i in range(len(series) - length + 1)])
    return X, y


def windows_transposed(series, length):
    X, y = windows_loop(series, length)
    return X.T, y


# --- 06 one_hot_encode, greedy_loop -----------------------------------------------------------


def one_hot_eye(text, vocab, length):
    return np.eye(len(vocab))[[vocab.index(ch) for ch in text.ljust(length)]]


def one_hot_dict(s, symbols, n):
    index = {ch: i for i, ch in enumerate(symbols)}
    out = np.zeros((n, len(symbols)), dtype=int)
    for row, ch in enumerate(s + " " * (n - len(s))):
        out[row, index[ch]] = 1
    return out


def one_hot_padding_zero(text, vocab, length):
    out = np.zeros((length, len(vocab)))
    for i, ch in enumerate(text):
        out[i, vocab.index(ch)] = 1
    return out


def one_hot_int_index(text, vocab, length):
    out = np.zeros((length, len(vocab)))
    for i, ch in enumerate(text.ljust(length)):
        out[i, int(ch)] = 1
    return out


def greedy_while(step, state, start, steps):
    tokens, history = start, np.empty((len(start), steps), dtype=int)
    t = 0
    while t < steps:
        probs, state = step(tokens, state)
        tokens = np.argmax(probs, axis=1)
        history[:, t] = tokens
        t += 1
    return history


def greedy_list(step, state, start, steps):
    out, tok = [], start
    for _ in range(steps):
        p, state = step(tok, state)
        tok = p.argmax(-1)
        out.append(tok)
    return np.array(out).T


def greedy_argmax_axis0(step, state, start, steps):
    tokens, out = start, []
    for _ in range(steps):
        probs, state = step(tokens, state)
        tokens = probs.argmax(axis=0)
        out.append(tokens)
    return np.stack(out, axis=1)


def greedy_list_of_steps(step, state, start, steps):
    tokens, out = start, []
    for _ in range(steps):
        probs, state = step(tokens, state)
        tokens = probs.argmax(-1)
        out.append(tokens)
    return out


# --- the catalogue ----------------------------------------------------------------------------

RIGHT = {
    "dense_tanh": [
        ("vectorised", lambda x, W, b: np.tanh(x @ W + b)),
        ("renamed parameters", lambda a, w, bias: np.tanh(np.dot(a, w) + bias)),
        ("loops with math.tanh", dense_loop),
        ("float32", lambda x, W, b: np.tanh(x.astype("float32") @ W.astype("float32") + b)),
        ("tanh from exp", lambda x, W, b: 1 - 2 / (np.exp(2 * (x @ W + b)) + 1)),
    ],
    "rnn_cell_forward": [
        (
            "vectorised",
            lambda x_t, h_prev, W_xh, W_hh, b_h: np.tanh(x_t @ W_xh + h_prev @ W_hh + b_h),
        ),
        ("per-example loop, column vectors", rnn_loop),
        ("transposed products", lambda x, h, Wx, Wh, b: np.tanh((Wx.T @ x.T + Wh.T @ h.T).T + b)),
        (
            "float32",
            lambda x, h, Wx, Wh, b: np.tanh((x @ Wx + h @ Wh + b).astype(np.float32)),
        ),
        ("einsum", lambda x, h, Wx, Wh, b: np.tanh(np.einsum("bd,dn->bn", x, Wx) + h @ Wh + b)),
        (
            "one product on [x_t, h_prev]",
            lambda x, h, Wx, Wh, b: np.tanh(np.hstack([x, h]) @ np.vstack([Wx, Wh]) + b),
        ),
    ],
    "sequence_loss": [
        ("loops", loss_loop),
        ("fancy indexing, renamed", loss_fancy),
        (
            "one-hot mask",
            lambda y_hat, y: -(np.log(y_hat) * np.eye(y_hat.shape[-1])[y]).sum() / len(y),
        ),
        (
            "float32",
            lambda y_hat, y: (
                -np.log(np.take_along_axis(y_hat.astype(np.float32), y[..., None], -1))
                .sum(1)
                .mean()
            ),
        ),
        (
            "mean over batch, then sum over time",
            lambda y_hat, y: -np.log(np.take_along_axis(y_hat, y[..., None], -1)).mean(0).sum(),
        ),
    ],
    "rnn_cell_backward": [
        ("keepdims db_h (1, n)", backward_keepdims),
        ("einsum, column db_h (n, 1)", backward_einsum),
        ("per-example loop", backward_loop),
        (
            "float32",
            lambda dh, h, hp, x, Wx, Wh: (
                tuple(
                    np.asarray(g, np.float32) for g in backward_keepdims(dh, h, hp, x, Wx, Wh)[:4]
                )
                + (np.float32(1) * backward_keepdims(dh, h, hp, x, Wx, Wh)[4][0],)
            ),
        ),
        ("list instead of tuple", lambda *args: list(backward_keepdims(*args))),
    ],
    "clip_by_global_norm": [
        ("loop", clip_loop),
        ("in place, renamed", clip_in_place),
        ("float32", clip_float32),
        ("concatenate, np.linalg.norm", clip_concatenate),
    ],
    "forget_gate": [
        (
            "vectorised",
            lambda x_t, h_prev, W_xf, W_hf, b_f: sig(x_t @ W_xf + h_prev @ W_hf + b_f),
        ),
        ("concatenated [h, x]", gate_concat),
        (
            "renamed, tanh form",
            lambda x, h, U, W, b: 0.5 + 0.5 * np.tanh(0.5 * (x @ U + h @ W + b)),
        ),
        ("float32", lambda x, h, U, W, b: sig((x @ U + h @ W + b).astype(np.float32))),
        ("column vectors", lambda x, h, U, W, b: sig(U.T @ x.T + W.T @ h.T + b[:, None]).T),
    ],
    "lstm_cell_step": [
        ("np.split", step_order("ifco")),
        ("slices", step_slices),
        ("float32, renamed", step_float32),
        ("the library's lstm_cell_forward", lambda *args: _library_lstm_step(*args)),
    ],
    "cell_state_backward": [
        (
            "vectorised",
            lambda dh_t, dc_next, o_t, c_t, f_t: (
                dc_next + dh_t * o_t * (1 - np.tanh(c_t) ** 2),
                (dc_next + dh_t * o_t * (1 - np.tanh(c_t) ** 2)) * f_t,
            ),
        ),
        ("element loop", cell_backward_loop),
        ("1/cosh², renamed", cell_backward_cosh),
        ("float32", lambda *a: tuple(np.float32(v) for v in cell_backward_cosh(*a))),
        ("a list", lambda *a: list(cell_backward_cosh(*a))),
    ],
    "lstm_param_count": [
        ("formula", lambda units, input_dim: 4 * (units * (input_dim + units) + units)),
        ("expanded, renamed", lambda u, d: 4 * u * d + 4 * u * u + 4 * u),
        (
            "per gate",
            lambda units, input_dim: sum(units * input_dim + units**2 + units for _ in "ifco"),
        ),
        ("numpy int", lambda u, d: np.int64(4) * (u * (d + u + 1))),
    ],
    "lstm_output_shapes": [
        (
            "tuples",
            lambda b, s, u, seq, state: (
                ((b, s, u) if seq else (b, u), (b, u), (b, u))
                if state
                else ((b, s, u) if seq else (b, u))
            ),
        ),
        ("lists, like Keras", shapes_list),
        (
            "numpy ints",
            lambda b, s, u, seq, st: (
                tuple(np.int64(v) for v in ((b, s, u) if seq else (b, u)))
                if not st
                else (((b, s, u) if seq else (b, u)), (b, u), (b, u))
            ),
        ),
    ],
    "make_windows": [
        ("loop", windows_loop),
        ("lists, renamed", windows_lists),
        (
            "sliding_window_view",
            lambda s, n: (np.lib.stride_tricks.sliding_window_view(s, n)[:-1], s[n:]),
        ),
        (
            "index arithmetic",
            lambda s, n: (s[np.arange(len(s) - n)[:, None] + np.arange(n)], s[n:]),
        ),
    ],
    "next_odd_targets": [
        ("last + 1", lambda windows: windows[:, -1] + 1),
        ("max + 1, renamed", lambda w: w.max(axis=1) + 1),
        ("bitwise or", lambda w: w[:, -1] | 1),
        ("floats", lambda w: w[:, -1].astype(float) + 1.0),
        ("list", lambda w: [int(row[-1]) + 1 for row in w]),
    ],
    "one_hot_encode": [
        ("np.eye rows", one_hot_eye),
        ("dict, int dtype, renamed", one_hot_dict),
        (
            "comparison",
            lambda text, vocab, length: (
                np.array(list(text.ljust(length)))[:, None] == np.array(list(vocab))
            ).astype(float),
        ),
        ("bool", lambda t, v, n: np.array([[ch == s for s in v] for ch in t.ljust(n)])),
    ],
    "greedy_loop": [
        ("preallocated, while loop", greedy_while),
        ("list then transpose, renamed", greedy_list),
        (
            "one-line stack",
            lambda step, state, start, steps: _greedy_reference_style(step, state, start, steps),
        ),
    ],
}


def _library_lstm_step(*args):
    from lstm_course.numpy_models import lstm

    return lstm.lstm_cell_forward(*args)[:2]


def _greedy_reference_style(step, state, start, steps):
    out = []
    token = start
    for _ in range(steps):
        probs, state = step(token, state)
        token = np.argmax(probs, -1)
        out.append(token)
    return np.column_stack(out)


def _backward(dtanh=lambda h: 1 - h**2, dW_hh=lambda dpre, hp, h: hp.T @ dpre, dhp=None):
    def step(dh_t, h_t, h_prev, x_t, W_xh, W_hh):
        dpre = dh_t * dtanh(h_t)
        dh_prev = dpre @ W_hh.T if dhp is None else dhp(dh_t, dpre, W_hh)
        return dpre @ W_xh.T, dh_prev, x_t.T @ dpre, dW_hh(dpre, h_prev, h_t), dpre.sum(axis=0)

    return step


def _forward_lstm(order="ifco", **kw):
    return step_order(order, **kw)


WRONG = {
    "dense_tanh": [
        ("no tanh", lambda x, W, b: x @ W + b, "the tanh is missing"),
        ("bias outside", lambda x, W, b: np.tanh(x @ W) + b, "bias belongs inside"),
        ("sigmoid", lambda x, W, b: sig(x @ W + b), "that is a sigmoid"),
        ("relu", lambda x, W, b: np.maximum(0, x @ W + b), "that is a ReLU"),
        ("no bias", lambda x, W, b: np.tanh(x @ W), "the bias b is missing"),
        ("minus bias", lambda x, W, b: np.tanh(x @ W - b), "added, not subtracted"),
        ("W @ x", lambda x, W, b: np.tanh(W @ x + b), "raised ValueError"),
        ("x * W", lambda x, W, b: np.tanh(x * W + b), "could not be broadcast"),
        ("columns", lambda x, W, b: np.tanh(W.T @ x.T + b[:, None]), "(transposed?)"),
        ("2 b", lambda x, W, b: np.tanh(x @ W + 2 * b), "check the bias term"),
        ("half x W", lambda x, W, b: np.tanh(0.5 * x @ W + b), "check the x @ W term"),
        ("sign", lambda x, W, b: -np.tanh(x @ W + b), "the sign is flipped"),
        ("undefined name", dense_typo, "NameError: name 'bias' is not defined (line "),
        ("math.tanh", dense_math_tanh, "the `np.` version works on whole arrays"),
        ("np.tahn", dense_numpy_typo, "check the spelling"),
        ("no return", lambda x, W, b: None, "forget the `return`"),
        ("tanh of x", lambda x, W, b: np.tanh(x) @ W + b, "apply the tanh after"),
        ("tanh of b only", lambda x, W, b: x @ W + np.tanh(b), "must wrap the whole sum"),
        ("2 sigmoid - 1", lambda x, W, b: 2 * sig(x @ W + b) - 1, "tanh(z) = 2σ(2z) - 1"),
        ("wrong arity", lambda x, W: np.tanh(x @ W), "must take 3 arguments"),
    ],
    "rnn_cell_forward": [
        (
            "no h_prev",
            lambda x_t, h_prev, W_xh, W_hh, b_h: np.tanh(x_t @ W_xh + b_h),
            "ignores h_prev",
        ),
        (
            "no x_t",
            lambda x_t, h_prev, W_xh, W_hh, b_h: np.tanh(h_prev @ W_hh + b_h),
            "ignores x_t",
        ),
        (
            "W_hh transposed",
            lambda x, h, Wx, Wh, b: np.tanh(h @ Wh.T + x @ Wx + b),
            "W_hh is used transposed",
        ),
        (
            "papers' W_hh h, transposed back",
            lambda x, h, Wx, Wh, b: np.tanh((Wh @ h.T).T + x @ Wx + b),
            "W_hh is used transposed",
        ),
        (
            "h_prev without W_hh",
            lambda x, h, Wx, Wh, b: np.tanh(h + x @ Wx + b),
            "goes in through its weights",
        ),
        ("no tanh", lambda x, h, Wx, Wh, b: h @ Wh + x @ Wx + b, "the tanh is missing"),
        (
            "bias outside",
            lambda x, h, Wx, Wh, b: np.tanh(h @ Wh + x @ Wx) + b,
            "inside the tanh",
        ),
        ("no bias", lambda x, h, Wx, Wh, b: np.tanh(h @ Wh + x @ Wx), "the bias b_h is missing"),
        ("sigmoid", lambda x, h, Wx, Wh, b: sig(h @ Wh + x @ Wx + b), "that is a sigmoid"),
        ("relu", lambda x, h, Wx, Wh, b: np.maximum(h @ Wh + x @ Wx + b, 0), "that is a ReLU"),
        (
            "x_t @ W_xh.T",
            lambda x, h, Wx, Wh, b: np.tanh(h @ Wh + x @ Wx.T + b),
            "raised ValueError",
        ),
        (
            "W_xh @ x_t",
            lambda x, h, Wx, Wh, b: np.tanh(h @ Wh + Wx @ x + b),
            "Hint: x_t is (batch, d)",
        ),
        ("column vectors", rnn_columns, "(transposed?)"),
        ("minus bias", lambda x, h, Wx, Wh, b: np.tanh(h @ Wh + x @ Wx - b), "check the bias"),
        ("2 x", lambda x, h, Wx, Wh, b: np.tanh(h @ Wh + 2 * x @ Wx + b), "x_t @ W_xh term"),
        (
            "half h",
            lambda x, h, Wx, Wh, b: np.tanh(0.5 * h @ Wh + x @ Wx + b),
            "h_prev @ W_hh term",
        ),
        ("sign", lambda x, h, Wx, Wh, b: -np.tanh(h @ Wh + x @ Wx + b), "the sign is flipped"),
    ],
    "sequence_loss": [
        (
            "mean over time",
            lambda y_hat, y: -np.log(np.take_along_axis(y_hat, y[..., None], -1)).mean(),
            "averaged over time too",
        ),
        (
            "sum over batch",
            lambda y_hat, y: -np.log(np.take_along_axis(y_hat, y[..., None], -1)).sum(),
            "summed over the batch too",
        ),
        (
            "sign",
            lambda y_hat, y: np.log(np.take_along_axis(y_hat, y[..., None], -1)).sum(1).mean(),
            "the sign is wrong",
        ),
        (
            "no log",
            lambda y_hat, y: -np.take_along_axis(y_hat, y[..., None], -1).sum(1).mean(),
            "the log is missing",
        ),
        (
            "every class",
            lambda y_hat, y: -np.log(y_hat).sum(axis=(1, 2)).mean(),
            "only the true class",
        ),
        (
            "y_hat[..., y]",
            lambda y_hat, y: -np.log(y_hat[..., y]).sum(axis=1).mean(),
            "picks every label",
        ),
        (
            "log10",
            lambda y_hat, y: -np.log10(np.take_along_axis(y_hat, y[..., None], -1)).sum(1).mean(),
            "natural log",
        ),
        (
            "per sequence",
            lambda y_hat, y: -np.log(np.take_along_axis(y_hat, y[..., None], -1))[..., 0].sum(1),
            "average them over the batch",
        ),
        ("one-hot y", loss_one_hot, "not one-hot vectors"),
        ("returns a string", lambda y_hat, y: f"{loss_fancy(y_hat, y):.3f}", "got str"),
    ],
    "rnn_cell_backward": [
        ("no tanh'", _backward(dtanh=lambda h: 1.0), "must pass through the tanh"),
        (
            "tanh' at h_prev",
            lambda dh, h, hp, x, Wx, Wh: _backward(dtanh=lambda _: 1 - hp**2)(dh, h, hp, x, Wx, Wh),
            "not at h_prev",
        ),
        ("second tanh", _backward(dtanh=lambda h: 1 - np.tanh(h) ** 2), "no second tanh"),
        ("(1 - h)²", _backward(dtanh=lambda h: (1 - h) ** 2), "not (1 - h_t) squared"),
        ("dh_prev with W_hh", _backward(dhp=lambda dh, dp, Wh: dp @ Wh), "multiplies by W_hh.T"),
        ("dh_prev without tanh'", _backward(dhp=lambda dh, dp, Wh: dh @ Wh.T), "start from dpre"),
        ("dW_hh transposed", _backward(dW_hh=lambda dp, hp, h: dp.T @ hp), "dW_hh is transposed"),
        ("h_t for h_prev", _backward(dW_hh=lambda dp, hp, h: h.T @ dp), "not with h_t"),
        (
            "db_h not summed",
            lambda *args: (*_backward()(*args)[:4], args[0] * (1 - args[1] ** 2)),
            "add up the batch",
        ),
        (
            "dW_xh and dW_hh swapped",
            lambda *args: tuple(_backward()(*args)[i] for i in (0, 1, 3, 2, 4)),
            "in the order",
        ),
        ("dx_t without W_xh.T", backward_wrong_dx, "raised ValueError"),
        (
            "dW_xh transposed",
            backward_dw_xh_transposed,
            "dW_xh (item 2 of the returned tuple): expected shape",
        ),
        ("a dict", backward_dict, "got a dict"),
        ("sign", backward_sign, "the sign is flipped"),
        ("db_h mean", backward_db_h_mean, "times the right one"),
        ("weight gradients averaged", backward_weights_averaged, "times the right one"),
    ],
    "clip_by_global_norm": [
        (
            "each by its own norm",
            lambda grads, m: (
                [g * min(1, m / np.linalg.norm(g)) for g in grads],
                np.sqrt(sum((g**2).sum() for g in grads)),
            ),
            "its own norm",
        ),
        (
            "always scale",
            lambda grads, m: (
                [g * m / np.sqrt(sum((h**2).sum() for h in grads)) for g in grads],
                np.sqrt(sum((g**2).sum() for g in grads)),
            ),
            "only scale when",
        ),
        (
            "np.clip",
            lambda grads, m: (
                [np.clip(g, -m, m) for g in grads],
                np.sqrt(sum((g**2).sum() for g in grads)),
            ),
            "np.clip clips each entry",
        ),
        ("max_norm hard-coded", clip_hard_coded, "ignore the max_norm argument"),
        (
            "norm after clipping",
            lambda grads, m: (lambda c: (c, np.sqrt(sum((g**2).sum() for g in c))))(
                clip_loop(grads, m)[0]
            ),
            "before* clipping",
        ),
        ("no norm returned", lambda grads, m: clip_loop(grads, m)[0], "return a pair"),
        ("swapped", lambda grads, m: clip_loop(grads, m)[::-1], "in this order"),
        (
            "no sqrt",
            lambda grads, m: (lambda n: ([g * min(1, m / n) for g in grads], n))(
                sum((g**2).sum() for g in grads)
            ),
            "square root",
        ),
        (
            "condition reversed",
            lambda grads, m: (lambda n: ([g * m / n if n < m else g for g in grads], n))(
                np.sqrt(sum((g**2).sum() for g in grads))
            ),
            "wrong way round",
        ),
        (
            "inverted factor",
            lambda grads, m: (lambda n: ([g * n / m if n > m else g for g in grads], n))(
                np.sqrt(sum((g**2).sum() for g in grads))
            ),
            "max_norm / global_norm",
        ),
        (
            "sum of norms",
            lambda grads, m: (lambda n: ([g * min(1, m / n) for g in grads], n))(
                sum(np.linalg.norm(g) for g in grads)
            ),
            "not the sum of the arrays' norms",
        ),
        (
            "never scales",
            lambda grads, m: (grads, np.sqrt(sum((g**2).sum() for g in grads))),
            "never scaled",
        ),
        ("name error", clip_name_error, "NameError: name 'grad' is not defined (line "),
        ("stacked arrays", lambda grads, m: clip_loop([np.stack(grads)], m), "raised ValueError"),
    ],
    "forget_gate": [
        ("tanh", lambda x, h, U, W, b: np.tanh(x @ U + h @ W + b), "not tanh"),
        ("relu", lambda x, h, U, W, b: np.maximum(x @ U + h @ W + b, 0), "not a ReLU"),
        ("1 - σ", lambda x, h, U, W, b: 1 - sig(x @ U + h @ W + b), "the sign in the exponent"),
        (
            "exp(+z)",
            lambda x, h, U, W, b: 1 / (1 + np.exp(x @ U + h @ W + b)),
            "the sign in the exponent",
        ),
        ("no sigmoid", lambda x, h, U, W, b: x @ U + h @ W + b, "the sigmoid is missing"),
        ("no h_prev", lambda x, h, U, W, b: sig(x @ U + b), "ignores h_prev"),
        ("no x_t", lambda x, h, U, W, b: sig(h @ W + b), "ignores x_t"),
        (
            "W_hf transposed",
            lambda x, h, U, W, b: sig(x @ U + h @ W.T + b),
            "the product is h_prev @ W_hf, with no transpose",
        ),
        ("no bias", lambda x, h, U, W, b: sig(x @ U + h @ W), "the bias b_f is missing"),
        ("W_xf transposed", lambda x, h, U, W, b: sig(x @ U.T + h @ W + b), "raised ValueError"),
        (
            "column vectors",
            lambda x, h, U, W, b: sig(U.T @ x.T + W.T @ h.T + b[:, None]),
            "(transposed?)",
        ),
        ("2 b", lambda x, h, U, W, b: sig(x @ U + h @ W + 2 * b), "check the bias"),
        (
            "undefined",
            lambda x, h, U, W, b: sigmoid(x @ U + h @ W + b),
            "NameError: name 'sigmoid'",
        ),
    ],
    "lstm_cell_step": [
        ("order f, i, c, o", _forward_lstm("fico"), "order f, i, c̃, o"),
        ("order i, f, o, c", _forward_lstm("ifoc"), "order i, f, o, c̃"),
        ("TF1 order i, c, f, o", _forward_lstm("icfo"), "TensorFlow 1's i, j, f, o"),
        ("order f, i, o, c", _forward_lstm("fioc"), "order f, i, o, c̃"),
        ("returns (c, h)", _forward_lstm(swap_outputs=True), "return (h_t, c_t) in this order"),
        ("c = tanh(c)", _forward_lstm(squash_c=True), "the cell state is not squashed"),
        ("split along axis 0", step_split_axis0, "raised ValueError"),
        ("W_x transposed", step_transposed_W_x, "raised ValueError"),
        (
            "h from c_prev",
            lambda x, h, c, W, U, b: (
                lambda g: (sig(g[3]) * np.tanh(c), sig(g[1]) * c + sig(g[0]) * np.tanh(g[2]))
            )(np.split(x @ W + h @ U + b, 4, -1)),
            "must use the new cell state",
        ),
        (
            "no tanh on c",
            lambda x, h, c, W, U, b: (
                lambda g: (lambda ct: (sig(g[3]) * ct, ct))(
                    sig(g[1]) * c + sig(g[0]) * np.tanh(g[2])
                )
            )(np.split(x @ W + h @ U + b, 4, -1)),
            "the tanh before the output gate",
        ),
        (
            "sigmoid candidate",
            lambda x, h, c, W, U, b: (
                lambda g: (lambda ct: (sig(g[3]) * np.tanh(ct), ct))(
                    sig(g[1]) * c + sig(g[0]) * sig(g[2])
                )
            )(np.split(x @ W + h @ U + b, 4, -1)),
            "candidate c̃ uses tanh",
        ),
        (
            "no input gate",
            lambda x, h, c, W, U, b: (
                lambda g: (lambda ct: (sig(g[3]) * np.tanh(ct), ct))(sig(g[1]) * c + np.tanh(g[2]))
            )(np.split(x @ W + h @ U + b, 4, -1)),
            "the input gate is missing",
        ),
        ("only h", lambda *args: step_slices(*args)[0], "return both states"),
        (
            "sign of h",
            lambda *args: (-step_slices(*args)[0], step_slices(*args)[1]),
            "the sign is flipped",
        ),
    ],
    "cell_state_backward": [
        (
            "no dc_next",
            lambda dh, dc, o, c, f: (lambda d: (d, d * f))(dh * o * (1 - np.tanh(c) ** 2)),
            "add dc_next",
        ),
        ("no tanh'", lambda dh, dc, o, c, f: (lambda d: (d, d * f))(dc + dh * o), "needs tanh'(c)"),
        (
            "1 - c²",
            lambda dh, dc, o, c, f: (lambda d: (d, d * f))(dc + dh * o * (1 - c**2)),
            "not 1 - c²",
        ),
        (
            "(1 - tanh)²",
            lambda dh, dc, o, c, f: (lambda d: (d, d * f))(dc + dh * o * (1 - np.tanh(c)) ** 2),
            "not (1 - tanh(c)) squared",
        ),
        (
            "no o_t",
            lambda dh, dc, o, c, f: (lambda d: (d, d * f))(dc + dh * (1 - np.tanh(c) ** 2)),
            "scaled by the output gate",
        ),
        (
            "dc_prev without f",
            lambda dh, dc, o, c, f: (lambda d: (d, d))(dc + dh * o * (1 - np.tanh(c) ** 2)),
            "through the forget gate",
        ),
        (
            "dc_prev from dc_next",
            lambda dh, dc, o, c, f: (dc + dh * o * (1 - np.tanh(c) ** 2), dc * f),
            "not only dc_next",
        ),
        (
            "dc_next * f_t",
            lambda dh, dc, o, c, f: (lambda d: (d, d * f))(dc * f + dh * o * (1 - np.tanh(c) ** 2)),
            "dc_next arrives as it is",
        ),
        ("swapped", lambda *a: cell_backward_cosh(*a)[::-1], "in this order"),
        ("only dc_t", lambda *a: cell_backward_cosh(*a)[0], "return both"),
        ("sign", lambda *a: tuple(-v for v in cell_backward_cosh(*a)), "the sign is flipped"),
        (
            "matrix product",
            lambda dh, dc, o, c, f: (lambda d: (d, d @ f.T))(dc + dh * o * (1 - np.tanh(c) ** 2)),
            "dc_prev (item 1 of the returned tuple): expected shape",
        ),
        (
            "2 dh",
            lambda dh, dc, o, c, f: (lambda d: (d, d * f))(dc + 2 * dh * o * (1 - np.tanh(c) ** 2)),
            "path through h_t",
        ),
    ],
    "lstm_param_count": [
        ("no biases", lambda u, d: 4 * u * (d + u), "the biases are missing"),
        ("one gate", lambda u, d: u * (d + u) + u, "that is one block"),
        ("no recurrent weights", lambda u, d: 4 * (u * d + u), "the recurrent weights are missing"),
        ("three gates", lambda u, d: 3 * (u * (d + u) + u), "4 blocks, not 3"),
        ("two biases", lambda u, d: 4 * (u * (d + u) + 2 * u), "PyTorch's LSTM has two"),
        ("swapped", lambda u, d: 4 * (d * (u + d) + d), "swapped"),
        ("input weights only", lambda u, d: 4 * u * d, "only the input weights"),
        ("one bias vector", lambda u, d: 4 * u * (d + u) + u, "its own bias vector"),
        ("a string", lambda u, d: str(4 * (u * (d + u) + u)), "expected an int, got str"),
        ("a float", lambda u, d: 4 * (u * (d + u) + u) / 1, "expected an int, got float"),
        ("undefined name", lambda u, d: 4 * (units * (d + u) + u), "NameError: name 'units'"),
        ("GRU formula", lambda u, d: 3 * (u * (d + u) + 2 * u), "a Keras GRU's count"),
    ],
    "lstm_output_shapes": [
        ("return_state ignored", shapes_ignore_state, "a tuple of three shapes"),
        (
            "return_sequences ignored",
            lambda b, s, u, seq, st: ((b, u), (b, u), (b, u)) if st else (b, u),
            "keeps every step",
        ),
        (
            "return_sequences reversed",
            lambda b, s, u, seq, st: (lambda o: (o, (b, u), (b, u)) if st else o)(
                (b, u) if seq else (b, s, u)
            ),
            "the wrong way round",
        ),
        (
            "states with time",
            lambda b, s, u, seq, st: (lambda o: (o, o, o) if st else o)(
                (b, s, u) if seq else (b, u)
            ),
            "the last step's only",
        ),
        (
            "two tensors",
            lambda b, s, u, seq, st: (lambda o: (o, (b, u)) if st else o)(
                (b, s, u) if seq else (b, u)
            ),
            "returns three tensors",
        ),
        (
            "nested",
            lambda b, s, u, seq, st: (lambda o: (o, ((b, u), (b, u))) if st else o)(
                (b, s, u) if seq else (b, u)
            ),
            "come flat",
        ),
        (
            "time last",
            lambda b, s, u, seq, st: (lambda o: (o, (b, u), (b, u)) if st else o)(
                (b, u, s) if seq else (b, u)
            ),
            "time second",
        ),
        (
            "no batch",
            lambda b, s, u, seq, st: (lambda o: (o, (b, u), (b, u)) if st else o)(
                (s, u) if seq else (b, u)
            ),
            "keep the batch axis",
        ),
        ("a dict", shapes_dict, "got a dict"),
        ("undefined name", shapes_typo, "NameError: name 'step'"),
        (
            "float sizes",
            lambda b, s, u, seq, st: (float(b), float(u)),
            "expected an int, got float",
        ),
    ],
    "make_windows": [
        (
            "label inside",
            lambda s, n: (
                np.stack([s[i : i + n] for i in range(len(s) - n)]),
                s[1 : len(s) - n + 1],
            ),
            "inside the window",
        ),
        (
            "label = last value",
            lambda s, n: (np.stack([s[i : i + n] for i in range(len(s) - n)]), s[n - 1 : -1]),
            "own last value",
        ),
        ("only X", lambda s, n: windows_loop(s, n)[0], "return a pair"),
        ("(y, X)", lambda s, n: windows_loop(s, n)[::-1], "in this order"),
        (
            "last window dropped",
            lambda s, n: tuple(a[:-1] for a in windows_loop(s, n)),
            "dropped the last window",
        ),
        (
            "one window too many",
            lambda s, n: (np.stack([s[i : i + n] for i in range(len(s) - n + 1)]), s[n:]),
            "one window too many",
        ),
        (
            "y as a column",
            lambda s, n: (windows_loop(s, n)[0], windows_loop(s, n)[1][:, None]),
            "not a column",
        ),
        (
            "windows too long",
            lambda s, n: (np.stack([s[i : i + n + 1] for i in range(len(s) - n)]), s[n:]),
            "not length + 1",
        ),
        (
            "no overlap",
            lambda s, n: (
                np.stack([s[i : i + n] for i in range(0, len(s) - n, n)]),
                s[n::n][: len(range(0, len(s) - n, n))],
            ),
            "the windows overlap",
        ),
        ("index error", windows_index_error, "IndexError"),
        ("X transposed", windows_transposed, "(transposed?)"),
    ],
    "next_odd_targets": [
        ("next even", lambda w: w[:, -1] + 2, "next *even* number"),
        ("minus one", lambda w: w[:, -1] - 1, "after the last value, not before"),
        ("plus three", lambda w: w[:, -1] + 3, "skips one odd number"),
        ("first value", lambda w: w[:, 0] + 1, "window's first value"),
        ("mean + 1", lambda w: w.mean(axis=1) + 1, "window's mean"),
        ("last row", lambda w: w[-1] + 1, "last *window* (a row)"),
        ("column", lambda w: w[:, -1:] + 1, "not a column"),
        ("undefined", lambda w: window[:, -1] + 1, "NameError: name 'window'"),
    ],
    "one_hot_encode": [
        ("no padding", lambda t, v, n: np.eye(len(v))[[v.index(ch) for ch in t]], "pad the text"),
        ("padding rows zero", one_hot_padding_zero, "the padding rows are all zero"),
        ("transposed", lambda t, v, n: one_hot_eye(t, v, n).T, "rows are positions"),
        ("left padding", lambda t, v, n: one_hot_eye(t.rjust(n), v, n), "not on the left"),
        ("sorted vocab", lambda t, v, n: one_hot_eye(t, sorted(v), n), "not sorted"),
        (
            "index + 1",
            lambda t, v, n: np.roll(one_hot_eye(t, v, n), 1, axis=1),
            "one column to the right",
        ),
        ("batch axis", lambda t, v, n: one_hot_eye(t, v, n)[None], "no batch axis"),
        (
            "hard-coded VOCAB",
            lambda t, v, n: one_hot_eye(t, "0123456789+- ", n),
            "use the `vocab` argument",
        ),
        ("hard-coded length", lambda t, v, n: one_hot_eye(t, v, 5), "use the `length` argument"),
        ("int(ch)", one_hot_int_index, "ValueError: invalid literal for int()"),
    ],
    "greedy_loop": [
        (
            "start fed every step",
            lambda *a: _wrong_greedy(*a, feed_back=False),
            "feed back the token",
        ),
        ("state not carried", lambda *a: _wrong_greedy(*a, carry=False), "carry the decoder state"),
        (
            "emits inputs",
            lambda *a: _wrong_greedy(*a, emit_input=True),
            "not the tokens you fed in",
        ),
        ("probabilities", lambda *a: _wrong_greedy(*a, probs=True), "not probabilities"),
        (
            "one step short",
            lambda step, state, start, steps: greedy_while(step, state, start, steps - 1),
            "one fewer",
        ),
        (
            "one step too many",
            lambda step, state, start, steps: greedy_while(step, state, start, steps + 1),
            "one more",
        ),
        ("(steps, n)", lambda *a: greedy_while(*a).T, "stack the steps along axis 1"),
        ("list of steps", greedy_list_of_steps, "expected shape"),
        ("argmax over the batch", greedy_argmax_axis0, "raised"),
        (
            "returns the state too",
            lambda step, state, start, steps: _wrong_greedy(
                step, state, start, steps, with_state=True
            ),
            "return only the predicted tokens",
        ),
    ],
}


def _wrong_greedy(
    step,
    state,
    start,
    steps,
    feed_back=True,
    carry=True,
    emit_input=False,
    probs=False,
    with_state=False,
    argmin=False,
):
    token, out = start, []
    for _ in range(steps):
        p, new_state = step(token if feed_back else start, state)
        if carry:
            state = new_state
        best = p.argmin(-1) if argmin else p.argmax(-1)
        out.append(token if emit_input else (p if probs else best))
        token = best
    tokens = np.stack(out, axis=1)
    return (tokens, state) if with_state else tokens


# --- 07 attention_weights, additive_scores ---------------------------------------------------


def weights_minus_big(scores, mask):
    masked = np.where(mask, scores, -1e9)  # Keras's way: a large negative score
    e = np.exp(masked - masked.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def weights_loop(scores, mask):
    out = np.zeros_like(scores)
    for b in range(scores.shape[0]):
        real = [j for j in range(scores.shape[1]) if mask[b, j]]
        top = max(scores[b, j] for j in real)
        total = sum(math.exp(scores[b, j] - top) for j in real)
        for j in real:
            out[b, j] = math.exp(scores[b, j] - top) / total
    return out


def weights_zero_then_renormalise(scores, mask):
    e = np.exp(scores - scores.max(axis=-1, keepdims=True)) * mask
    return e / e.sum(axis=-1, keepdims=True)


def scores_loop(query, keys, W_q, W_k, v):  # Bahdanau et al.'s column form, one score each
    out = np.zeros(keys.shape[:2])
    for b in range(keys.shape[0]):
        for j in range(keys.shape[1]):
            out[b, j] = v @ np.tanh(W_q.T @ query[b] + W_k.T @ keys[b, j])
    return out


def scores_einsum(query, keys, W_q, W_k, v):
    hidden = np.tanh(np.einsum("bq,qa->ba", query, W_q)[:, None] + keys @ W_k)
    return np.einsum("bta,a->bt", hidden, v)


RIGHT["attention_weights"] = [
    ("-inf then softmax", lambda s, m: _softmax_rows(np.where(m, s, -np.inf))),
    ("-1e9 like Keras", weights_minus_big),
    ("zero and renormalise", weights_zero_then_renormalise),
    ("loops", weights_loop),
]
RIGHT["additive_scores"] = [
    ("broadcast", lambda q, k, Wq, Wk, v: np.tanh((q @ Wq)[:, None, :] + k @ Wk) @ v),
    ("loops", scores_loop),
    ("einsum", scores_einsum),
]
WRONG["attention_weights"] = [
    ("no mask", lambda s, m: _softmax_rows(s), "mask is ignored"),
    (
        "mask after softmax",
        lambda s, m: _softmax_rows(s) * m,
        "without renormalising",
    ),
    ("zero score", lambda s, m: _softmax_rows(np.where(m, s, 0.0)), "exp(0) = 1"),
    ("batch axis", lambda s, m: _softmax_rows(np.where(m, s, -np.inf).T).T, "batch axis"),
    (
        "no max shift",
        lambda s, m: (
            np.exp(np.where(m, s, -np.inf))
            / np.exp(np.where(m, s, -np.inf)).sum(axis=1, keepdims=True)
        ),
        "overflows",
    ),
    (
        "scores over their sum",
        lambda s, m: np.where(m, s, 0) / np.where(m, s, 0).sum(axis=1, keepdims=True),
        "not the scores divided",
    ),
    ("undefined", lambda s, m: _softmax_rows(np.where(mask, s, -np.inf)), "NameError"),
]
WRONG["additive_scores"] = [
    ("no tanh", lambda q, k, Wq, Wk, v: ((q @ Wq)[:, None, :] + k @ Wk) @ v, "tanh is missing"),
    ("no query", lambda q, k, Wq, Wk, v: np.tanh(k @ Wk) @ v, "ignore the query"),
    (
        "no keys",
        lambda q, k, Wq, Wk, v: np.tanh(q @ Wq)[:, None] @ v,
        "ignore the keys",
    ),
    (
        "sum not v",
        lambda q, k, Wq, Wk, v: np.tanh((q @ Wq)[:, None, :] + k @ Wk).sum(axis=-1),
        "project it with v",
    ),
    (
        "tanh of the query only",
        lambda q, k, Wq, Wk, v: (np.tanh(q @ Wq)[:, None, :] + k @ Wk) @ v,
        "not to s W_q alone",
    ),
    (
        "no new axis",
        lambda q, k, Wq, Wk, v: np.tanh(q @ Wq + k @ Wk) @ v,
        "ValueError",
    ),
]


# --- 08 temperature_probs, make_chunks --------------------------------------------------------


def temperature_loop(logits, temperature):
    out = np.zeros_like(logits)
    for b in range(logits.shape[0]):
        top = max(logits[b]) / temperature
        weights = [math.exp(logit / temperature - top) for logit in logits[b]]
        out[b] = np.array(weights) / sum(weights)
    return out


def temperature_power(logits, temperature):
    # p ** (1 / T), renormalised: the same distribution as softmax(logits / T)
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = p / p.sum(axis=1, keepdims=True)
    q = p ** (1 / temperature)
    return q / q.sum(axis=1, keepdims=True)


def chunks_loop(ids, batch, length):
    stream = len(ids) // batch
    n = (stream - 1) // length
    x = np.zeros((n, batch, length), dtype=int)
    y = np.zeros((n, batch, length), dtype=int)
    for k in range(n):
        for b in range(batch):
            start = b * stream + k * length
            x[k, b] = ids[start : start + length]
            y[k, b] = ids[start + 1 : start + length + 1]
    return x, y


def chunks_split(ids, batch, length):
    streams = np.split(np.asarray(ids)[: batch * (len(ids) // batch)], batch)
    n = (len(streams[0]) - 1) // length
    x = np.stack([[s[k * length : (k + 1) * length] for s in streams] for k in range(n)])
    y = np.stack([[s[k * length + 1 : (k + 1) * length + 1] for s in streams] for k in range(n)])
    return x, y


def chunks_strided(ids, batch, length):
    stream = len(ids) // batch
    rows = np.asarray(ids)[: batch * stream].reshape(batch, stream)
    n = (stream - 1) // length
    x = rows[:, : n * length].reshape(batch, n, length).swapaxes(0, 1)
    y = rows[:, 1 : n * length + 1].reshape(batch, n, length).swapaxes(0, 1)
    return [x, y]  # a list is fine too


def _chunks_consecutive(ids, batch, length):
    n = (len(ids) - 1) // (batch * length)
    return (
        ids[: n * batch * length].reshape(n, batch, length),
        ids[1 : n * batch * length + 1].reshape(n, batch, length),
    )


RIGHT["temperature_probs"] = [
    ("shift then softmax", lambda logits, t: _softmax_rows(logits / t)),
    ("loops", temperature_loop),
    ("power of the probabilities", temperature_power),
]
RIGHT["make_chunks"] = [
    ("loops", chunks_loop),
    ("np.split", chunks_split),
    ("strided reshape, a list", chunks_strided),
]
WRONG["temperature_probs"] = [
    ("no temperature", lambda ell, t: _softmax_rows(ell), "temperature is ignored"),
    ("times T", lambda ell, t: _softmax_rows(ell * t), "you multiplied by the temperature"),
    ("probabilities over T", lambda ell, t: _softmax_rows(ell) / t, "divided the probabilities"),
    ("no softmax", lambda ell, t: ell / t, "not probabilities"),
    ("batch axis", lambda ell, t: _softmax_rows((ell / t).T).T, "batch axis"),
    (
        "no max shift",
        lambda ell, t: np.exp(ell / t) / np.exp(ell / t).sum(axis=1, keepdims=True),
        "overflows",
    ),
    (
        "wrong power",
        lambda ell, t: temperature_power(ell, 1 / t),
        "you multiplied by the temperature",
    ),
    ("undefined", lambda ell, t: _softmax_rows(logits / t), "NameError"),
]
WRONG["make_chunks"] = [
    ("consecutive rows", _chunks_consecutive, "must continue row b"),
    ("no shift", lambda i, b, n: (chunks_loop(i, b, n)[0],) * 2, "targets equal the inputs"),
    (
        "shift backwards",
        lambda i, b, n: (chunks_loop(i, b, n)[1], chunks_loop(i, b, n)[0]),
        "wrong way",
    ),
    (
        "batch first",
        lambda i, b, n: tuple(a.swapaxes(0, 1) for a in chunks_loop(i, b, n)),
        "the axes are (batch, chunks, length)",
    ),
    ("one array", lambda i, b, n: chunks_loop(i, b, n)[0], "expected a tuple of 2 values"),
    (
        "one chunk too many",
        lambda i, b, n: _too_many(i, b, n),
        "expected shape",
    ),
]


def _too_many(ids, batch, length):
    stream = len(ids) // batch
    n = stream // length  # forgets that the targets need one more id
    rows = np.asarray(ids)[: batch * stream].reshape(batch, stream)
    padded = np.concatenate([rows, rows[:, -1:]], axis=1)
    x = padded[:, : n * length].reshape(batch, n, length).swapaxes(0, 1)
    y = padded[:, 1 : n * length + 1].reshape(batch, n, length).swapaxes(0, 1)
    return x, y


def _softmax_rows(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# Plausible mistakes the checkers have no known bug for: they must be rejected, and the
# message is whatever the generic diagnosis finds (counted in the table).

# --- 10 combine, stabilised_gates -------------------------------------------------------------


def combine_as_maps(first, second):
    """Compose the maps as functions, then read off slope and intercept."""
    (a1, b1), (a2, b2) = first, second

    def composed(h):
        return a2 * (a1 * h + b1) + b2

    intercept = composed(np.zeros_like(a1))
    return composed(np.ones_like(a1)) - intercept, intercept


def combine_matrices(first, second):
    """As 2x2 matrices [[a, b], [0, 1]] acting on [h, 1]: second @ first."""
    (a1, b1), (a2, b2) = first, second
    out_a, out_b = np.empty_like(a1), np.empty_like(a1)
    for idx in np.ndindex(a1.shape):
        m = np.array([[a2[idx], b2[idx]], [0, 1]]) @ np.array([[a1[idx], b1[idx]], [0, 1]])
        out_a[idx], out_b[idx] = m[0, 0], m[0, 1]
    return out_a, out_b


def gates_loop(pre_i, log_f, m_prev):
    i_gate, f_gate, m = (np.empty_like(pre_i) for _ in range(3))
    for idx in np.ndindex(pre_i.shape):
        m[idx] = max(log_f[idx] + m_prev[idx], pre_i[idx])
        i_gate[idx] = math.exp(pre_i[idx] - m[idx])
        f_gate[idx] = math.exp(log_f[idx] + m_prev[idx] - m[idx])
    return i_gate, f_gate, m


def gates_where(pre_i, log_f, m_prev):
    keep = log_f + m_prev >= pre_i
    m = np.where(keep, log_f + m_prev, pre_i)
    return np.exp(pre_i - m), np.exp(log_f + m_prev - m), m


RIGHT["combine"] = [
    ("formula", lambda f, s: (f[0] * s[0], s[0] * f[1] + s[1])),
    ("as maps", combine_as_maps),
    ("2x2 matrices", combine_matrices),
]
WRONG["combine"] = [
    ("second then first", lambda f, s: (f[0] * s[0], f[0] * s[1] + f[1]), "other order"),
    ("b1 unscaled", lambda f, s: (f[0] * s[0], f[1] + s[1]), "a₂·b₁ + b₂"),
    ("own slope", lambda f, s: (f[0] * s[0], f[0] * f[1] + s[1]), "not by its own"),
    ("slopes added", lambda f, s: (f[0] + s[0], s[0] * f[1] + s[1]), "multiplies their slopes"),
    ("second slope only", lambda f, s: (s[0], s[0] * f[1] + s[1]), "both slopes"),
    ("list not tuple", lambda f, s: [f[0] * s[0]], "a"),
]
RIGHT["stabilised_gates"] = [
    (
        "formula",
        lambda i, lf, mp: (
            np.exp(i - np.maximum(lf + mp, i)),
            np.exp(lf + mp - np.maximum(lf + mp, i)),
            np.maximum(lf + mp, i),
        ),
    ),
    ("loops", gates_loop),
    ("where", gates_where),
]
WRONG["stabilised_gates"] = [
    (
        "no m_prev in m",
        lambda i, lf, mp: (
            np.exp(i - np.maximum(lf, i)),
            np.exp(lf - np.maximum(lf, i)),
            np.maximum(lf, i),
        ),
        "running maximum",
    ),
    (
        "min",
        lambda i, lf, mp: (
            np.exp(i - np.minimum(lf + mp, i)),
            np.exp(lf + mp - np.minimum(lf + mp, i)),
            np.minimum(lf + mp, i),
        ),
        "maximum",
    ),
    (
        "f' without m_prev",
        lambda i, lf, mp: (
            np.exp(i - np.maximum(lf + mp, i)),
            np.exp(lf - np.maximum(lf + mp, i)),
            np.maximum(lf + mp, i),
        ),
        "carries the old scale",
    ),
    (
        "plain input gate",
        lambda i, lf, mp: (
            np.exp(i),
            np.exp(lf + mp - np.maximum(lf + mp, i)),
            np.maximum(lf + mp, i),
        ),
        "must be stabilised too",
    ),
    ("undefined", lambda i, lf, mp: (np.exp(i - m), lf, mp), "NameError"),
]

UNCATALOGUED = {
    "dense_tanh": [lambda x, W, b: np.tanh(x @ W + b) ** 2],
    "rnn_cell_forward": [lambda x, h, Wx, Wh, b: np.tanh(h @ Wh + x @ Wx + b) * 0.9],
    "sequence_loss": [
        lambda y_hat, y: -np.log(np.take_along_axis(y_hat, y[..., None], -1)).sum(1).max()
    ],
    "rnn_cell_backward": [
        _backward(dtanh=lambda h: h * (1 - h)),
        lambda *args: (*_backward()(*args)[:4], (args[0] * (1 - args[1] ** 2)).sum(axis=1)),
    ],
    "clip_by_global_norm": [
        lambda grads, m: (lambda n: ([g * min(1, m / n) ** 2 for g in grads], n))(
            np.sqrt(sum((g**2).sum() for g in grads))
        )
    ],
    "forget_gate": [lambda x, h, U, W, b: sig(x @ U + h @ W + b) ** 2],
    "lstm_cell_step": [
        lambda *args: (step_slices(*args)[0] + step_slices(*args)[1], step_slices(*args)[1])
    ],
    "cell_state_backward": [
        lambda dh, dc, o, c, f: (lambda d: (d, d * f))(dc + dh * o * (1 - np.tanh(c) ** 2) * f)
    ],
    "lstm_param_count": [lambda u, d: (u + d) ** 2],
    "lstm_output_shapes": [
        lambda b, s, u, seq, st: (lambda o: (o, (b, u), (b, u)) if st else o)(
            (b, s * u) if seq else (b, u)
        )
    ],
    "make_windows": [lambda s, n: (windows_loop(s, n)[0], windows_loop(s, n)[1] + 1)],
    "next_odd_targets": [lambda w: w[:, -1] * 2 + 1],
    "one_hot_encode": [
        lambda t, v, n: one_hot_eye(t[::-1], v, n),
        lambda t, v, n: 2 * one_hot_eye(t, v, n),
    ],
    "greedy_loop": [
        lambda step, state, start, steps: _wrong_greedy(step, state, start, steps, argmin=True)
    ],
}
UNCATALOGUED["attention_weights"] = [lambda s, m: _softmax_rows(np.where(m, s, -np.inf)) ** 2]
UNCATALOGUED["additive_scores"] = [
    lambda q, k, Wq, Wk, v: np.tanh((q @ Wq)[:, None, :] + k @ Wk) @ -v
]
UNCATALOGUED["temperature_probs"] = [lambda ell, t: _softmax_rows(ell / t) ** 2]
UNCATALOGUED["combine"] = [lambda f, s: (f[0] * s[0] * 1.5, s[0] * f[1] + s[1])]
UNCATALOGUED["stabilised_gates"] = [lambda i, lf, mp: (np.exp(i), np.exp(lf), i)]
UNCATALOGUED["make_chunks"] = [lambda i, b, n: tuple(a + 1 for a in chunks_loop(i, b, n))]
for _name, _answers in UNCATALOGUED.items():
    WRONG[_name] += [(f"uncatalogued {i}", fn, "") for i, fn in enumerate(_answers)]


# --- 09 gru_cell, coupled_step -----------------------------------------------------------


def gru_loop(x_t, h_prev, W_x, W_h, b):
    n = h_prev.shape[1]
    out = np.zeros_like(h_prev)
    for k in range(x_t.shape[0]):
        from_x = W_x.T @ x_t[k] + b[0]
        from_h = W_h.T @ h_prev[k] + b[1]
        z = 1 / (1 + np.exp(-(from_x[:n] + from_h[:n])))
        r = 1 / (1 + np.exp(-(from_x[n : 2 * n] + from_h[n : 2 * n])))
        h_tilde = np.tanh(from_x[2 * n :] + r * from_h[2 * n :])
        out[k] = z * h_prev[k] + (1 - z) * h_tilde
    return out


def gru_split(x_t, h_prev, W_x, W_h, b):
    xz, xr, xh = np.split(x_t @ W_x + b[0], 3, axis=1)
    hz, hr, hh = np.split(h_prev @ W_h + b[1], 3, axis=1)
    z, r = sig(xz + hz), sig(xr + hr)
    return h_prev + (1 - z) * (np.tanh(xh + r * hh) - h_prev)  # the same mix, rearranged


def gru_per_gate(x_t, h_prev, W_x, W_h, b):
    """The per-gate weights W_x•, W_h•, b_x•, b_h• sliced out first, as the equations read."""
    n = h_prev.shape[1]
    W_xz, W_xr, W_xh = (W_x[:, k * n : (k + 1) * n] for k in range(3))
    W_hz, W_hr, W_hh = (W_h[:, k * n : (k + 1) * n] for k in range(3))
    (b_xz, b_xr, b_xh), (b_hz, b_hr, b_hh) = (np.split(row, 3) for row in b)
    z = sig(x_t @ W_xz + h_prev @ W_hz + b_xz + b_hz)
    r = sig(x_t @ W_xr + h_prev @ W_hr + b_xr + b_hr)
    h_tilde = np.tanh(x_t @ W_xh + b_xh + r * (h_prev @ W_hh + b_hh))
    return z * h_prev + (1 - z) * h_tilde


def gru_bad(reset_before=False, swap=False, no_reset=False, order=None, bias="both"):
    def step(x_t, h_prev, W_x, W_h, b):
        n = h_prev.shape[1]
        cols = [slice(k * n, (k + 1) * n) for k in range(3)]
        iz, ir, ih = cols if order is None else [cols[k] for k in order]
        b_x, b_h = {
            "both": (b[0], b[1]),
            "one row": (b[0] + b[1], 0 * b[1]),
            "b_x only": (b[0], 0 * b[1]),
        }[bias]
        from_x, from_h = x_t @ W_x + b_x, h_prev @ W_h + b_h
        z = sig(from_x[:, iz] + from_h[:, iz])
        r = sig(from_x[:, ir] + from_h[:, ir])
        if reset_before:
            rec = (r * h_prev) @ W_h[:, ih] + b_h[ih]
        else:
            rec = from_h[:, ih] if no_reset else r * from_h[:, ih]
        h_tilde = np.tanh(from_x[:, ih] + rec)
        return (1 - z) * h_prev + z * h_tilde if swap else z * h_prev + (1 - z) * h_tilde

    return step


def coupled_loop(x_t, h_prev, c_prev, W_x, W_h, b):
    n = h_prev.shape[1]
    h_t, c_t = np.zeros_like(h_prev), np.zeros_like(c_prev)
    for k in range(x_t.shape[0]):
        pre = x_t[k] @ W_x + h_prev[k] @ W_h + b
        f = 1 / (1 + np.exp(-pre[:n]))
        c_t[k] = f * c_prev[k] + (1 - f) * np.tanh(pre[n : 2 * n])
        h_t[k] = 1 / (1 + np.exp(-pre[2 * n :])) * np.tanh(c_t[k])
    return h_t, c_t


def coupled_split(x_t, h_prev, c_prev, W_x, W_h, b):
    pre_f, pre_c, pre_o = np.split(x_t @ W_x + h_prev @ W_h + b, 3, axis=-1)
    f = sig(pre_f)
    c_t = c_prev + (1 - f) * (np.tanh(pre_c) - c_prev)  # the same as f c + (1 - f) c̃
    return sig(pre_o) * np.tanh(c_t), c_t


def coupled_bad(write="1-f", tanh_out=True, order=(0, 1, 2), cand=np.tanh):
    def step(x_t, h_prev, c_prev, W_x, W_h, b):
        n = h_prev.shape[1]
        pre = x_t @ W_x + h_prev @ W_h + b
        pre_f, pre_c, pre_o = (pre[:, k * n : (k + 1) * n] for k in order)
        f = sig(pre_f)
        i = {"1-f": 1 - f, "f": f, "1": 1.0, "swap": f}[write]
        keep = 1 - f if write == "swap" else f
        c_t = keep * c_prev + i * cand(pre_c)
        return sig(pre_o) * (np.tanh(c_t) if tanh_out else c_t), c_t

    return step


RIGHT["gru_cell"] = [
    ("loop over the batch, column vectors", gru_loop),
    ("np.split, mix rearranged", gru_split),
    ("per-gate weights sliced out", gru_per_gate),
    (
        "float32",
        lambda *a: gru_split(*(v.astype(np.float32) for v in a)),
    ),
    (
        "library",
        lambda *args: __import__("lstm_course.numpy_models.gru").numpy_models.gru.gru_cell_forward(
            *args
        )[0],
    ),
]
WRONG["gru_cell"] = [
    ("z and 1 - z swapped", gru_bad(swap=True), "z and 1 - z are swapped"),
    ("reset before the product", gru_bad(reset_before=True), "that is reset_after=False"),
    ("reset unused", gru_bad(no_reset=True), "never used"),
    (
        "returns the candidate",
        lambda x_t, h_prev, W_x, W_h, b: np.tanh(
            x_t @ W_x[:, 2 * h_prev.shape[1] :]
            + b[0, 2 * h_prev.shape[1] :]
            + sig(
                (x_t @ W_x + h_prev @ W_h + b[0] + b[1])[:, h_prev.shape[1] : 2 * h_prev.shape[1]]
            )
            * (h_prev @ W_h + b[1])[:, 2 * h_prev.shape[1] :]
        ),
        "you returned the candidate",
    ),
    ("order r, z, h_tilde", gru_bad(order=(1, 0, 2)), "wrong order"),
    ("b_h outside the reset", gru_bad(bias="one row"), "b has two rows"),
    ("b_h forgotten", gru_bad(bias="b_x only"), "the recurrent bias b[1] (b_h) is missing"),
    ("no return", lambda x_t, h_prev, W_x, W_h, b: None, "forget the `return`"),
    ("h_prev @ W_x", lambda x_t, h_prev, W_x, W_h, b: np.tanh(h_prev @ W_x), "raised ValueError"),
]
RIGHT["coupled_step"] = [
    ("loop over the batch", coupled_loop),
    ("np.split, rearranged", coupled_split),
    (
        "float32",
        lambda *a: coupled_split(*(v.astype(np.float32) for v in a)),
    ),
    ("list instead of tuple", lambda *a: list(coupled_split(*a))),
]
WRONG["coupled_step"] = [
    ("i = f", coupled_bad(write="f"), "not f"),
    ("f and 1 - f swapped", coupled_bad(write="swap"), "are swapped"),
    ("i = 1", coupled_bad(write="1"), "no-input-gate"),
    ("h = o c", coupled_bad(tanh_out=False), "still goes through tanh"),
    ("order c_tilde, f, o", coupled_bad(order=(1, 0, 2)), "wrong order"),
    ("order f, o, c_tilde", coupled_bad(order=(0, 2, 1)), "the candidate and the output gate"),
    ("sigmoid candidate", coupled_bad(cand=sig), "not a sigmoid"),
    ("h only", lambda *a: coupled_split(*a)[0], "expected a tuple of 2 values"),
    ("c, h", lambda *a: coupled_split(*a)[::-1], "you returned (c_t, h_t)"),
    (
        "four gates",
        lambda x_t, h_prev, c_prev, W_x, W_h, b: np.split(x_t @ W_x, 4, axis=1),
        "raised",
    ),
]
WRONG["gru_cell"].append(("uncatalogued 0", lambda *a: gru_split(*a) * 0.5, ""))
WRONG["coupled_step"].append(
    ("uncatalogued 0", lambda *a: (coupled_split(*a)[0] ** 2, coupled_split(*a)[1]), "")
)


def classify(message: str) -> str:
    """'specific' if the message names the mistake, 'generic' if it only says values differ."""
    from lstm_course.exercises.checker import VALUES_DIFFER

    return "generic" if VALUES_DIFFER in message and "Hint:" not in message else "specific"


def table():
    """Per exercise: right tried/accepted, wrong tried, specific, generic, passes, raises."""
    from lstm_course.exercises import EXERCISES
    from lstm_course.exercises.checker import PASS

    rows = []
    for name, (_, check) in EXERCISES.items():
        accepted = sum(check(fn).status == PASS for _, fn in RIGHT[name])
        counts = {"specific": 0, "generic": 0, "passes": 0, "raises": 0}
        for _, fn, _ in WRONG[name]:
            try:
                result = check(fn)
            except Exception:
                counts["raises"] += 1
                continue
            if result.status == PASS:
                counts["passes"] += 1
            else:
                counts[classify(result.message)] += 1
        rows.append((name, len(RIGHT[name]), accepted, len(WRONG[name]), *counts.values()))
    return rows


if __name__ == "__main__":
    header = ("exercise", "right", "accepted", "wrong", "specific", "generic", "passes", "raises")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    rows = table()
    for row in rows:
        print("| " + " | ".join(map(str, row)) + " |")
    totals = [sum(r[i] for r in rows) for i in range(1, len(header))]
    print("| **total** | " + " | ".join(map(str, totals)) + " |")
