"""Character-level sequence-to-sequence helpers: a one-hot codec, arithmetic data, greedy decoding.

The course's task: queries such as ``"12+7 "`` or ``"5-38 "`` (two integers 0..99 and an
operator, padded to 5 characters) and answers written as a sign and up to 3 digits, padded
to 4 characters (``"+19 "``, ``"-33 "``). With the 13 symbols ``0-9 + - space`` that gives
one-hot arrays of shape 5 x 13 for a query and 4 x 13 for an answer.

Defined in notebook 06. Everything here but :func:`greedy_decode` is NumPy only;
:func:`greedy_decode` drives Keras models but does not import Keras itself.
"""

from lstm_course.validation import array_of_shape, as_bool, as_int, as_positive_int, describe

import numpy as np

VOCAB = "0123456789+- "
QUERY_LEN, ANSWER_LEN = 5, 4
PAD = " "


class CharCodec:
    """One-hot encoding of fixed-length strings over a small vocabulary.

    Args:
        vocab: the symbols, one character each; the index of a symbol is its position.
        length: every string is padded on the right with ``pad`` to this length.
    """

    def __init__(self, vocab: str = VOCAB, length: int = QUERY_LEN, pad: str = PAD):
        if not isinstance(vocab, str) or not vocab:
            raise TypeError(f"vocab must be a non-empty str of symbols, got {describe(vocab)}")
        if len(set(vocab)) != len(vocab):
            raise ValueError(f"vocab must not repeat a symbol, got {vocab!r}")
        if not isinstance(pad, str) or len(pad) != 1:
            raise TypeError(f"pad must be one character, got {describe(pad)}")
        if pad not in vocab:
            raise ValueError(f"the pad symbol must be in the vocab {vocab!r}, got pad={pad!r}")
        length = as_positive_int(length, "length")
        self.vocab, self.length, self.pad = vocab, length, pad
        self.index = {ch: i for i, ch in enumerate(vocab)}

    def encode(self, texts) -> np.ndarray:
        """Strings -> one-hot float32 array ``(len(texts), length, len(vocab))``.

        Raises:
            TypeError: if ``texts`` is a single string or holds non-strings.
            ValueError: for a string longer than ``length`` or a character outside the vocab.
        """
        # These two messages are printed by notebook 06: keep their wording.
        if isinstance(texts, str):
            raise TypeError("encode takes a list of strings; wrap a single string in a list")
        if not isinstance(texts, list | tuple | np.ndarray):
            raise TypeError(f"texts must be a list of strings, got {describe(texts)}")
        out = np.zeros((len(texts), self.length, len(self.vocab)), dtype="float32")
        for row, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"texts must hold strings, got {describe(text)}")
            if len(text) > self.length:
                raise ValueError(f"{text!r} has {len(text)} characters; at most {self.length} fit")
            for col, ch in enumerate(text.ljust(self.length, self.pad)):
                if ch not in self.index:
                    raise ValueError(f"{ch!r} in {text!r} is not in the vocabulary {self.vocab!r}")
                out[row, col, self.index[ch]] = 1.0
        return out

    def decode(self, onehot_or_probs, strip: bool = True) -> list[str]:
        """One-hot or probability arrays ``(n, length, vocab)`` -> strings (argmax per step)."""
        arr = array_of_shape(
            onehot_or_probs, (None, None, len(self.vocab)), "onehot_or_probs", "(n, length, vocab)"
        )
        strip = as_bool(strip, "strip")
        texts = ["".join(self.vocab[i] for i in row) for row in arr.argmax(-1)]
        return [t.rstrip(self.pad) for t in texts] if strip else texts


def _strings(texts, name: str, length: int) -> list:
    """A list of strings of at most ``length`` characters, or a clear error."""
    if isinstance(texts, str):
        raise TypeError(
            f"{name} must be a list of strings (wrap a single string in a list), got str {texts!r}"
        )
    if not isinstance(texts, list | tuple | np.ndarray):
        raise TypeError(f"{name} must be a list of strings, got {describe(texts)}")
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"{name} must hold strings, got {describe(text)}")
        if len(text) > length:
            raise ValueError(
                f"{name} must hold strings of at most {length} characters, "
                f"got {text!r} with {len(text)}"
            )
    return list(texts)


def format_answer(value: int) -> str:
    """An integer as the course writes answers: a sign, then the digits (``+19``, ``-33``).

    ``value`` must be an integer (NumPy integers accepted); a float such as 19.7 is refused
    rather than silently truncated.
    """
    value = as_int(value, "value")
    return f"{'-' if value < 0 else '+'}{abs(int(value))}"


def arithmetic_queries(ops: str = "+-", max_value: int = 99):
    """Every query ``"a+b"`` / ``"a-b"`` with 0 <= a, b <= max_value, and its answer string."""
    if not isinstance(ops, str):
        raise TypeError(f"ops must be a str made of '+' and '-', got {describe(ops)}")
    if not ops or set(ops) - {"+", "-"}:
        raise ValueError(f"ops must be made of '+' and '-', got {ops!r}")
    max_value = as_int(max_value, "max_value", minimum=0)
    queries, answers = [], []
    for op in ops:
        for a in range(max_value + 1):
            for b in range(max_value + 1):
                queries.append(f"{a}{op}{b}")
                answers.append(format_answer(a + b if op == "+" else a - b))
    return queries, answers


def reverse_queries(queries, length: int = QUERY_LEN):
    """Pad each query to ``length`` and reverse it (Sutskever et al., 2014).

    ``queries`` is a list of strings of at most ``length`` characters.
    """
    length = as_positive_int(length, "length")
    queries = _strings(queries, "queries", length)
    return [q.ljust(length, PAD)[::-1] for q in queries]


def shift_right(answers_onehot, start_index: int) -> np.ndarray:
    """Teacher forcing: the decoder's input at step t is the true answer at step t-1.

    Step 0 gets the start symbol (the one-hot of ``start_index``, in ``[0, vocab)``).
    """
    answers_onehot = array_of_shape(
        answers_onehot, (None, None, None), "answers_onehot", "(n, length, vocab)"
    )
    vocab = answers_onehot.shape[-1]
    start_index = as_int(start_index, "start_index", minimum=0, maximum=vocab - 1)
    shifted = np.zeros_like(answers_onehot)
    shifted[:, 1:] = answers_onehot[:, :-1]
    shifted[:, 0, start_index] = 1.0
    return shifted


def greedy_decode(encoder, decoder_step, queries_onehot, steps: int, start_index: int):
    """Greedy decoding: feed back the model's own prediction one step at a time.

    Args:
        encoder: maps queries ``(n, Tq, vocab)`` to the initial decoder states ``[h, c]``.
        decoder_step: maps ``[token (n, 1, vocab), h, c]`` to ``[probs (n, 1, vocab), h, c]``.
        queries_onehot: the encoded queries.
        steps: how many symbols to produce.
        start_index: the vocabulary index of the start symbol.

    Returns:
        Probabilities ``(n, steps, vocab)``; the input at step t is the one-hot argmax of
        step t-1, never the true answer.
    """
    for name, model in (("encoder", encoder), ("decoder_step", decoder_step)):
        if not callable(getattr(model, "predict_on_batch", None)):
            raise TypeError(
                f"{name} must be a Keras model (with predict_on_batch), got {describe(model)}"
            )
    queries_onehot = array_of_shape(
        queries_onehot, (None, None, None), "queries_onehot", "(n, query length, vocab)"
    )
    n, vocab = queries_onehot.shape[0], queries_onehot.shape[-1]
    steps = as_positive_int(steps, "steps")
    start_index = as_int(start_index, "start_index", minimum=0, maximum=vocab - 1)
    states = [np.asarray(s) for s in encoder.predict_on_batch(queries_onehot)]
    token = np.zeros((n, 1, vocab), dtype="float32")
    token[:, 0, start_index] = 1.0
    outputs = []
    for _ in range(steps):
        probs, *states = (np.asarray(v) for v in decoder_step.predict_on_batch([token, *states]))
        outputs.append(probs[:, 0])
        token = np.eye(vocab, dtype="float32")[probs[:, 0].argmax(-1)][:, None]
    return np.stack(outputs, axis=1)
