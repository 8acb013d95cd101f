"""A character-level language model in NumPy, trained with truncated BPTT. Notebook 08.

The model reads one character at a time (a one-hot vector of size V), runs the course's
LSTM (:mod:`lstm_course.numpy_models.lstm`, notebook 03) and turns each hidden state into
a probability for every next character with a softmax layer::

    h_t = LSTM(onehot(x_t), h_{t-1}, c_{t-1})
    p(x_{t+1} | x_1..x_t) = softmax(h_t W_hy + b_y)

The loss is the mean cross-entropy of the true next characters, in nats per character.

Training (:func:`train`) is Karpathy's min-char-rnn recipe with an LSTM: the text is cut
into parallel streams and chunks (:func:`lstm_course.data.text_corpus.chunk_streams`); each
update runs forward over one chunk *starting from the state the previous chunk ended in*,
backpropagates through that chunk only (truncated BPTT: the gradient stops at the chunk's
start, the state does not), clips the gradient by its global norm
(:func:`lstm_course.training.clipping.clip_by_global_norm`, notebook 02) and takes an Adam step
(:class:`lstm_course.training.optimisers.Adam`).

Parameters are a dict of float64 arrays in the course's notation: the LSTM's ``W_x`` (V, 4n),
``W_h`` (n, 4n) and ``b`` (4n,), blocks in the order i, f, c̃, o (Keras's ``kernel``,
``recurrent_kernel``, ``bias``), and the output layer's ``W_hy`` (n, V) and ``b_y`` (V,).
"""

from lstm_course import maths
from lstm_course.arguments import as_positive_int, as_real, check_rng, describe
from lstm_course.numpy_models import lstm
from lstm_course.training.clipping import clip_by_global_norm

import numpy as np

PARAM_NAMES = ("W_x", "W_h", "b", "W_hy", "b_y")


def init_params(vocab_size: int, units: int, rng) -> dict:
    """Random starting weights, as Keras initialises an ``LSTM`` and a ``Dense`` layer.

    Glorot-uniform input and output weights, an orthogonal recurrent matrix per gate,
    zero biases except the forget gate's, which starts at 1 (remember by default).
    """
    vocab_size = as_positive_int(vocab_size, "vocab_size")
    units = as_positive_int(units, "units")
    check_rng(rng)

    def glorot(fan_in, fan_out):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        return rng.uniform(-limit, limit, size=(fan_in, fan_out))

    def orthogonal(n):
        q, r = np.linalg.qr(rng.normal(size=(n, n)))
        return q * np.sign(np.diag(r))

    b = np.zeros(4 * units)
    b[units : 2 * units] = 1.0  # forget gate (Keras's unit_forget_bias)
    return {
        "W_x": glorot(vocab_size, 4 * units),
        "W_h": np.concatenate([orthogonal(units) for _ in range(4)], axis=1),
        "b": b,
        "W_hy": glorot(units, vocab_size),
        "b_y": np.zeros(vocab_size),
    }


def _check_params(params) -> tuple[int, int]:
    if not isinstance(params, dict) or set(params) != set(PARAM_NAMES):
        got = f"keys {sorted(params)}" if isinstance(params, dict) else describe(params)
        raise TypeError(f"params must be the dict init_params returns, {PARAM_NAMES}, got {got}")
    vocab_size, units = params["W_hy"].shape[1], params["W_hy"].shape[0]
    shapes = {
        "W_x": (vocab_size, 4 * units),
        "W_h": (units, 4 * units),
        "b": (4 * units,),
        "b_y": (vocab_size,),
    }
    for name, shape in shapes.items():
        if np.shape(params[name]) != shape:
            raise ValueError(
                f"params[{name!r}] must have shape {shape} (V={vocab_size}, "
                f"units={units}), got {np.shape(params[name])}"
            )
    return vocab_size, units


def _check_ids(ids, name: str, vocab_size: int, ndim: int) -> np.ndarray:
    ids = np.asarray(ids)
    if ids.ndim != ndim or not np.issubdtype(ids.dtype, np.integer):
        raise TypeError(f"{name} must be a {ndim}-D array of integer ids, got {describe(ids)}")
    if ids.size and (ids.min() < 0 or ids.max() >= vocab_size):
        raise ValueError(
            f"{name} must hold ids in [0, {vocab_size - 1}] (the vocabulary), "
            f"got values from {ids.min()} to {ids.max()}"
        )
    return ids


def one_hot(ids, vocab_size: int) -> np.ndarray:
    """Float64 one-hot vectors, shape ``ids.shape + (vocab_size,)``."""
    return np.eye(vocab_size)[np.asarray(ids)]


def loss_and_grads(params: dict, inputs, targets, h0=None, c0=None):
    """Mean cross-entropy over one chunk, its gradients, and the state the chunk ends in.

    Args:
        params: see the module docstring.
        inputs, targets: integer ids, ``(batch, time)``; ``targets`` are the next characters.
        h0, c0: the state to start from, ``(batch, units)`` (zeros if ``None``).

    Returns:
        ``(loss, grads, (h_last, c_last))``: the loss in nats per character, a dict of
        gradients with the keys of ``params``, and the final state (to carry to the next
        chunk; no gradient flows back through it).
    """
    vocab_size, units = _check_params(params)
    inputs = _check_ids(inputs, "inputs", vocab_size, 2)
    targets = _check_ids(targets, "targets", vocab_size, 2)
    if targets.shape != inputs.shape:
        raise ValueError(
            f"targets must have the shape of inputs, {inputs.shape}, got {targets.shape}"
        )
    x = one_hot(inputs, vocab_size)  # (batch, time, V)
    h, c, cache = lstm.lstm_forward(x, params["W_x"], params["W_h"], params["b"], h0, c0)
    log_probs = maths.log_softmax_unchecked(h @ params["W_hy"] + params["b_y"])  # (batch, time, V)
    picked = np.take_along_axis(log_probs, targets[..., None], axis=-1)
    n = targets.size
    loss = float(-picked.sum() / n)
    dlogits = (np.exp(log_probs) - one_hot(targets, vocab_size)) / n
    flat_h, flat_d = h.reshape(-1, units), dlogits.reshape(-1, vocab_size)
    back = lstm.lstm_backward(dlogits @ params["W_hy"].T, cache)
    grads = {
        "W_x": back["dW_x"],
        "W_h": back["dW_h"],
        "b": back["db"],
        "W_hy": flat_h.T @ flat_d,
        "b_y": flat_d.sum(axis=0),
    }
    return loss, grads, (h[:, -1], c[:, -1])


def train(
    params: dict,
    inputs,
    targets,
    optimiser,
    steps: int,
    max_norm: float = 5.0,
    every: int | None = None,
    callback=None,
) -> dict:
    """Train ``params`` in place with truncated BPTT over the chunks, state carried.

    Args:
        params: see the module docstring (updated in place).
        inputs, targets: ``(chunks, batch, length)`` integer ids, from
            :func:`lstm_course.data.text_corpus.chunk_streams`.
        optimiser: has ``step(params, grads)``, e.g. :class:`lstm_course.training.optimisers.Adam`.
        steps: how many updates; chunk ``k % chunks`` at update ``k``. The state starts at
            zero and again each time the chunks start over (a new pass through the text).
        max_norm: the gradient is clipped to this global norm before each update.
        every, callback: if given, ``callback(step, params, recent_loss)`` runs after every
            ``every`` updates (``recent_loss``: the mean loss of those updates).

    Returns:
        a dict of lists: ``loss`` and ``norm`` (before clipping) per update.
    """
    vocab_size, units = _check_params(params)
    inputs = _check_ids(inputs, "inputs", vocab_size, 3)
    targets = _check_ids(targets, "targets", vocab_size, 3)
    if targets.shape != inputs.shape or inputs.shape[0] == 0:
        raise ValueError(
            f"inputs and targets must be non-empty (chunks, batch, length) arrays of the same "
            f"shape, got {inputs.shape} and {targets.shape}"
        )
    if not callable(getattr(optimiser, "step", None)):
        raise TypeError(
            f"optimiser must have a step(params, grads) method, got {describe(optimiser)}"
        )
    steps = as_positive_int(steps, "steps")
    max_norm = as_real(max_norm, "max_norm", minimum=0.0, strict_minimum=True)
    if every is not None:
        every = as_positive_int(every, "every")
        if not callable(callback):
            raise TypeError(
                f"callback must be a function when every is given, got {describe(callback)}"
            )
    chunks, batch = inputs.shape[:2]
    history = {"loss": [], "norm": []}
    h = c = np.zeros((batch, units))
    for step in range(steps):
        k = step % chunks
        if k == 0:
            h = c = np.zeros((batch, units))  # a new pass: the streams start over
        loss, grads, (h, c) = loss_and_grads(params, inputs[k], targets[k], h, c)
        clipped, norm = clip_by_global_norm([grads[name] for name in PARAM_NAMES], max_norm)
        optimiser.step(params, dict(zip(PARAM_NAMES, clipped, strict=True)))
        history["loss"].append(loss)
        history["norm"].append(norm)
        if every is not None and (step + 1) % every == 0:
            callback(step + 1, params, float(np.mean(history["loss"][-every:])))
    return history


def step_function(params: dict):
    """``step(id, state) -> (logits, state)`` for one character, for sampling and scoring.

    The LSTM step is :func:`lstm_course.numpy_models.lstm.lstm_cell_forward`'s, without the
    cache that backpropagation needs. ``state`` is ``(h, c)``, ``None`` for zeros; ``id`` is
    an int or a 1-D array of ids (a batch), each in the vocabulary.
    """
    vocab_size, units = _check_params(params)
    W_x, W_h, b = params["W_x"], params["W_h"], params["b"]
    W_hy, b_y = params["W_hy"], params["b_y"]

    def step(ids, state=None):
        ids = np.asarray(ids)
        ids = _check_ids(ids, "ids", vocab_size, ndim=0 if ids.ndim == 0 else 1)
        h, c = (np.zeros((*ids.shape, units)),) * 2 if state is None else state
        x_t = one_hot(ids, vocab_size)
        h, c, _ = lstm.lstm_cell_forward_unchecked(x_t, h, c, W_x, W_h, b)
        return h @ W_hy + b_y, (h, c)

    return step


def position_log_probs(params: dict, ids, streams: int = 1) -> np.ndarray:
    """Natural log-probability of each of ``ids[1:]``, each given the ids before it.

    The state starts at zero at ``ids[0]``. With ``streams > 1`` the ids are cut into that
    many equal consecutive pieces scored side by side (faster; each piece's first
    character is then given too, and the rest is dropped): the result is then
    (streams, length - 1), lined up with :func:`lstm_course.numpy_models.ngrams.ngram_log_probs`
    on the same pieces.
    """
    vocab_size, _ = _check_params(params)
    ids = _check_ids(ids, "ids", vocab_size, 1)
    streams = as_positive_int(streams, "streams")
    if len(ids) // streams < 2:
        raise ValueError(f"ids must hold at least 2 ids per stream, got {len(ids)} for {streams}")
    length = len(ids) // streams
    rows = ids[: streams * length].reshape(streams, length)
    step, state = step_function(params), None
    out = np.empty((streams, length - 1))
    for t in range(length - 1):
        logits, state = step(rows[:, t], state)
        out[:, t] = np.take_along_axis(
            maths.log_softmax_unchecked(logits), rows[:, t + 1, None], axis=1
        )[:, 0]
    return out[0] if streams == 1 else out


def cross_entropy(params: dict, ids, streams: int = 1) -> float:
    """Mean cross-entropy of ``ids[1:]``, each given the ids before it, in nats per character.

    The mean of :func:`position_log_probs`, negated (``streams`` as there).
    """
    return float(-position_log_probs(params, ids, streams).mean())
