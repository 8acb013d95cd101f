"""Character-level sequence-to-sequence helpers: a one-hot codec, arithmetic data, greedy decoding.

The course's task: queries such as ``"12+7 "`` or ``"5-38 "`` (two integers 0..99 and an
operator, padded to 5 characters) and answers written as a sign and up to 3 digits, padded
to 4 characters (``"+19 "``, ``"-33 "``). With the 13 symbols ``0-9 + - space`` that gives
one-hot arrays of shape 5 x 13 for a query and 4 x 13 for an answer.
"""

from lstm_course.validation import as_float_array, check_shape

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
        if len(set(vocab)) != len(vocab):
            raise ValueError(f"vocab has repeated symbols: {vocab!r}")
        if pad not in vocab:
            raise ValueError(f"the pad symbol {pad!r} must be in the vocab")
        self.vocab, self.length, self.pad = vocab, length, pad
        self.index = {ch: i for i, ch in enumerate(vocab)}

    def encode(self, texts) -> np.ndarray:
        """Strings -> one-hot float32 array ``(len(texts), length, len(vocab))``.

        Raises:
            TypeError: if ``texts`` is a single string or holds non-strings.
            ValueError: for a string longer than ``length`` or a character outside the vocab.
        """
        if isinstance(texts, str):
            raise TypeError("encode takes a list of strings; wrap a single string in a list")
        out = np.zeros((len(texts), self.length, len(self.vocab)), dtype="float32")
        for row, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"expected strings, got {type(text).__name__} {text!r}")
            if len(text) > self.length:
                raise ValueError(f"{text!r} has {len(text)} characters; at most {self.length} fit")
            for col, ch in enumerate(text.ljust(self.length, self.pad)):
                if ch not in self.index:
                    raise ValueError(f"{ch!r} in {text!r} is not in the vocabulary {self.vocab!r}")
                out[row, col, self.index[ch]] = 1.0
        return out

    def decode(self, onehot_or_probs, strip: bool = True) -> list[str]:
        """One-hot or probability arrays ``(n, length, vocab)`` -> strings (argmax per step)."""
        arr = as_float_array(onehot_or_probs, "onehot_or_probs")
        check_shape(arr, (None, None, len(self.vocab)), "onehot_or_probs", "(n, length, vocab)")
        texts = ["".join(self.vocab[i] for i in row) for row in arr.argmax(-1)]
        return [t.rstrip(self.pad) for t in texts] if strip else texts


def format_answer(value: int) -> str:
    """An integer as the course writes answers: a sign, then the digits (``+19``, ``-33``)."""
    return f"{'-' if value < 0 else '+'}{abs(int(value))}"


def arithmetic_queries(ops: str = "+-", max_value: int = 99):
    """Every query ``"a+b"`` / ``"a-b"`` with 0 <= a, b <= max_value, and its answer string."""
    if not ops or set(ops) - {"+", "-"}:
        raise ValueError(f"ops must be made of '+' and '-', got {ops!r}")
    queries, answers = [], []
    for op in ops:
        for a in range(max_value + 1):
            for b in range(max_value + 1):
                queries.append(f"{a}{op}{b}")
                answers.append(format_answer(a + b if op == "+" else a - b))
    return queries, answers


def reverse_queries(queries, length: int = QUERY_LEN):
    """Pad each query to ``length`` and reverse it (Sutskever et al., 2014)."""
    return [q.ljust(length, PAD)[::-1] for q in queries]


def shift_right(answers_onehot, start_index: int) -> np.ndarray:
    """Teacher forcing: the decoder's input at step t is the true answer at step t-1.

    Step 0 gets the start symbol (the one-hot of ``start_index``).
    """
    answers_onehot = as_float_array(answers_onehot, "answers_onehot")
    check_shape(answers_onehot, (None, None, None), "answers_onehot", "(n, length, vocab)")
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
    queries_onehot = as_float_array(queries_onehot, "queries_onehot")
    n, vocab = queries_onehot.shape[0], queries_onehot.shape[-1]
    states = [np.asarray(s) for s in encoder.predict_on_batch(queries_onehot)]
    token = np.zeros((n, 1, vocab), dtype="float32")
    token[:, 0, start_index] = 1.0
    outputs = []
    for _ in range(steps):
        probs, *states = (np.asarray(v) for v in decoder_step.predict_on_batch([token, *states]))
        outputs.append(probs[:, 0])
        token = np.eye(vocab, dtype="float32")[probs[:, 0].argmax(-1)][:, None]
    return np.stack(outputs, axis=1)
