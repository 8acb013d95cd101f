"""Notebook 06: one-hot encoding a string, and the greedy decoding loop."""

from lstm_course import maths
from lstm_course.data import arithmetic
from lstm_course.exercises.checker import Exercise, KnownBug

import numpy as np


def one_hot_encode(text, vocab, length):
    """Reference: one string -> one-hot (length, len(vocab)), padded with spaces on the right."""
    return arithmetic.CharCodec(vocab, length).encode([text])[0]


def _codec_inputs(rng, trial=0):
    """The vocabulary's order and the length change too, so neither can be hard-coded."""
    vocab = arithmetic.VOCAB if trial == 0 else "".join(rng.permutation(list(arithmetic.VOCAB)))
    length = (5, 4, 7, 6)[trial % 4]
    text = "".join(rng.choice(list("0123456789+-"), size=int(rng.integers(1, length))))
    return {"text": text, "vocab": vocab, "length": length}


def _one_hot(text, vocab, length, pad="right", pad_rows=True, columns=None, shift=0):
    """A (possibly broken) one-hot encoding, for the checker's known bugs."""
    columns = vocab if columns is None else columns
    padded = text.ljust(length) if pad == "right" else text.rjust(length)
    out = np.zeros((length, len(vocab)), dtype="float32")
    for row, ch in enumerate(padded):
        if ch != " " or pad_rows:
            out[row, (columns.index(ch) + shift) % len(vocab)] = 1.0
    return out


check_one_hot_encode = Exercise(
    name="one_hot_encode",
    reference=one_hot_encode,
    make_inputs=_codec_inputs,
    trials=4,
    show_inputs=True,
    known_bugs=[
        KnownBug(
            lambda text, vocab, length: _one_hot(text, vocab, length)[: len(text)],
            "pad the text with spaces to `length` first: one row per position, "
            "(length, len(vocab))",
        ),
        KnownBug(
            lambda text, vocab, length: _one_hot(text, vocab, length, pad_rows=False),
            "the padding rows are all zero: the space is a symbol of the vocabulary too, "
            "so pad the text with spaces first and encode them like any other character",
        ),
        KnownBug(
            lambda text, vocab, length: _one_hot(text[::-1], vocab, length),
            "you reversed the text: encode it as written (the reversal trick is applied to "
            "the queries, not inside the encoder)",
        ),
        KnownBug(
            lambda text, vocab, length: _one_hot(text, vocab, length).T,
            "rows are positions and columns are symbols: shape (length, len(vocab))",
        ),
        KnownBug(
            lambda text, vocab, length: _one_hot(text, vocab, length, pad="left"),
            'pad on the right ("12+7 "), not on the left',
        ),
        KnownBug(
            lambda text, vocab, length: _one_hot(text, vocab, length, columns=sorted(vocab)),
            "column j stands for the symbol vocab[j], in the vocab's own order (not sorted)",
        ),
        KnownBug(
            lambda text, vocab, length: _one_hot(text, vocab, length, shift=1),
            "your 1s sit one column to the right: indices start at 0 (vocab.index(ch))",
        ),
        KnownBug(
            lambda text, vocab, length: _one_hot(text, vocab, length)[None],
            "one string gives a 2-D array (length, len(vocab)): no batch axis",
        ),
        KnownBug(
            lambda text, vocab, length: _one_hot(
                text, arithmetic.VOCAB, length, columns=arithmetic.VOCAB
            ),
            "use the `vocab` argument: the checker tries vocabularies in other orders",
        ),
        KnownBug(
            lambda text, vocab, length: _one_hot(text, vocab, 5),
            "use the `length` argument, not 5: the checker tries other lengths",
        ),
    ],
    error_hint="start from np.zeros((length, len(vocab))): one row per position, one column "
    "per symbol",
)


def greedy_loop(step, state, start, steps):
    """Reference: feed back each argmax; the predicted token indices (n, steps)."""
    tokens, out = start, []
    for _ in range(steps):
        probs, state = step(tokens, state)
        tokens = probs.argmax(axis=-1)
        out.append(tokens)
    return np.stack(out, axis=1)


def _greedy_variant(feed_back=True, carry_state=True, emit="prediction", extra=0, first=False):
    """A greedy decoding loop, correct by default; the other settings are known bugs
    (``first``: the start token is kept as the first column of the answer)."""

    def loop(step, state, start, steps):
        token, out = start, ([start] if first else [])
        for _ in range(steps + extra):
            probs, new_state = step(token if feed_back else start, state)
            state = new_state if carry_state else state
            out.append({"input": token, "probs": probs}.get(emit, probs.argmax(-1)))
            token = probs.argmax(-1)
        return np.stack(out, axis=1)

    return loop


def _with_state(step, state, start, steps):
    tokens, out = start, []
    for _ in range(steps):
        probs, state = step(tokens, state)
        tokens = probs.argmax(axis=-1)
        out.append(tokens)
    return np.stack(out, axis=1), state


def _sampled(inputs, expected, got):
    """The hint for tokens drawn at random from each step's probabilities, not the argmax.

    Replays the step on the learner's own tokens. Sampling from these peaked distributions
    picks the most likely token most of the time, and its other picks are likely tokens too;
    a wrong deterministic loop's other picks have a probability near 0."""
    got = np.asarray(got)
    if got.shape != np.shape(expected) or not np.issubdtype(got.dtype, np.integer):
        return None
    step, state, tokens = inputs["step"], inputs["state"], inputs["start"]
    is_argmax, other = [], []
    for t in range(got.shape[1]):
        probs, state = step(tokens, state)
        if got[:, t].min() < 0 or got[:, t].max() >= probs.shape[-1]:
            return None
        picked = probs[np.arange(len(got)), got[:, t]]
        is_argmax.append(got[:, t] == probs.argmax(axis=-1))
        other.extend(picked[~is_argmax[-1]])
        tokens = got[:, t]
    if 0.5 <= np.mean(is_argmax) < 1 and np.median(other) >= 0.01:
        return (
            "greedy decoding takes the most likely token at every step, "
            "probs.argmax(axis=-1); yours look sampled from the probabilities "
            "(np.random.choice), which gives a different answer at every run"
        )
    return None


def _greedy_inputs(rng, trial=0):
    n, k, vocab = (4, 6, 7) if trial == 0 else (int(v) for v in rng.choice(range(3, 10), 3, False))
    A, B, C = (
        rng.normal(size=(k, k)),
        rng.normal(size=(vocab, k)),
        rng.normal(scale=3, size=(k, vocab)),
    )

    def step(tokens, state):
        new_state = np.tanh(state @ A + B[tokens])
        return maths.softmax(new_state @ C), new_state

    return {
        "step": step,
        "state": rng.normal(size=(n, k)),
        "start": np.zeros(n, dtype=int) if trial == 0 else rng.integers(0, vocab, size=n),
        "steps": (5, 3, 6, 2)[trial % 4],
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
        KnownBug(
            _greedy_variant(emit="probs"),
            "return token indices (the argmax of each step's probabilities), not probabilities",
        ),
        KnownBug(_greedy_variant(extra=-1), "produce exactly `steps` tokens (yours: one fewer)"),
        KnownBug(_greedy_variant(extra=1), "produce exactly `steps` tokens (yours: one more)"),
        KnownBug(
            lambda step, state, start, steps: _greedy_variant()(step, state, start, steps).T,
            "one row per sequence: shape (n, steps), so stack the steps along axis 1",
        ),
        KnownBug(_with_state, "return only the predicted tokens, (n, steps)"),
        KnownBug(
            _greedy_variant(first=True),
            "the start token is included in your answer: (n, steps + 1); it is the decoder's "
            "first input, not a prediction, so return only the `steps` predicted tokens",
        ),
    ],
    diagnose=_sampled,
    error_hint="step(tokens, state) takes token indices (n,) and returns (probs (n, vocab), state)",
)
