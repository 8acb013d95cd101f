"""Character-level sequence-to-sequence data: one-hot codecs and the arithmetic questions.

The course's task: queries such as ``"12+7 "`` or ``"5-38 "`` (two integers 0..99 and an
operator, padded to 5 characters) and answers written as a sign and up to 3 digits, padded
to 4 characters (``"+19 "``, ``"-33 "``). With the 13 symbols ``0-9 + - space`` that gives
one-hot arrays of shape 5 x 13 for a query and 4 x 13 for an answer.

Notebook 06 teaches all of it: the codecs (:class:`CharCodec` for questions,
:class:`StartEndCodec` for a decoder's answers with real start and end tokens), the leak-free
split (:func:`unordered_pair` as the group key of a question, :func:`group_split` to keep every
group on one side), the per-character accuracy over real characters, and greedy decoding.
Notebook 07 reuses the codecs and the split. Everything here but :func:`greedy_decode` is
NumPy only; :func:`greedy_decode` drives Keras models but does not import Keras itself.
"""

from lstm_course.arguments import (
    array_of_shape,
    as_bool,
    as_int,
    as_positive_int,
    as_real,
    describe,
)

import numpy as np

VOCAB = "0123456789+- "
QUERY_LEN, ANSWER_LEN = 5, 4
PAD = " "
START, END = "^", "$"


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


class StartEndCodec:
    """A decoder's side of the data: answers with a real start token and a real end token.

    The vocabulary is ``vocab`` followed by ``start`` and ``end`` (two symbols of their own,
    neither the padding nor a character of any answer). Every sequence has ``steps =
    length + 1`` positions:

    - :meth:`encode` gives the **targets**: the answer, the end token, then padding
      (``"+19"`` -> ``"+19$ "``);
    - :meth:`decoder_inputs` gives the **teacher-forcing inputs**, the targets shifted right
      by one behind the start token (``"^+19$"``): at step t the decoder reads the true
      symbol t - 1;
    - :meth:`decode` cuts each predicted sequence at its first end token; a prediction
      without an end token is returned whole (padding included), so it never matches an answer.

    Args:
        vocab: the symbols of the answers, the padding included.
        length: the longest answer, in characters (the end token comes on top).
        start, end, pad: one character each; ``start`` and ``end`` must not be in ``vocab``,
            ``pad`` must be.
    """

    def __init__(
        self,
        vocab: str = VOCAB,
        length: int = ANSWER_LEN,
        start: str = START,
        end: str = END,
        pad: str = PAD,
    ):
        for name, value in (("start", start), ("end", end)):
            if not isinstance(value, str) or len(value) != 1:
                raise TypeError(f"{name} must be one character, got {describe(value)}")
            if isinstance(vocab, str) and value in vocab:
                raise ValueError(f"{name}={value!r} must not be a symbol of vocab {vocab!r}")
        if start == end:
            raise ValueError(f"start and end must be different symbols, got {start!r} for both")
        self.answers = CharCodec(vocab, length, pad)
        self.length, self.steps, self.pad = self.answers.length, self.answers.length + 1, pad
        self.start, self.end = start, end
        self.vocab = vocab + start + end
        self.codec = CharCodec(self.vocab, self.steps, pad)
        self.start_index, self.end_index = self.vocab.index(start), self.vocab.index(end)
        self.pad_index = self.vocab.index(pad)

    def _checked(self, texts, name: str) -> list:
        texts = _strings(texts, name, self.length)
        self.answers.encode(texts)  # refuses characters outside the answers' vocab
        return texts

    def encode(self, texts) -> np.ndarray:
        """Targets ``(n, steps, len(vocab))``: each answer, the end token, then padding."""
        return self.codec.encode([t + self.end for t in self._checked(texts, "texts")])

    def decoder_inputs(self, texts) -> np.ndarray:
        """Teacher-forcing inputs ``(n, steps, len(vocab))``: the targets shifted right by one."""
        texts = self._checked(texts, "texts")
        return self.codec.encode([(self.start + t + self.end)[: self.steps] for t in texts])

    def decode(self, onehot_or_probs) -> list[str]:
        """Predicted sequences -> strings, each cut at its first end token (argmax per step)."""
        arr = array_of_shape(
            onehot_or_probs, (None, None, len(self.vocab)), "onehot_or_probs", "(n, steps, vocab)"
        )
        texts = ["".join(self.vocab[i] for i in row) for row in arr.argmax(-1)]
        return [t.split(self.end)[0] if self.end in t else t for t in texts]

    def real_positions(self, texts) -> np.ndarray:
        """Boolean ``(n, steps)``: True on each answer's characters and its end token.

        Everything after the end token is padding, which every model gets right for free;
        :func:`per_character_accuracy` scores only the True positions.
        """
        texts = self._checked(texts, "texts")
        lengths = np.array([len(t) + 1 for t in texts])
        return np.arange(self.steps)[None, :] < lengths[:, None]


def unordered_pair(query: str, ops: str = "+-") -> tuple:
    """The group key of a question: its two operands, smallest first.

    ``"12+7"``, ``"7+12"``, ``"12-7"`` and ``"7-12"`` all give ``(7, 12)``: questions with the
    same key must fall on the same side of a split, or a model is tested on the swapped twin
    of a question it was trained on. The key is a tuple of ints, so it works for any
    operator in ``ops`` and for padded or unpadded questions.
    """
    if not isinstance(query, str):
        raise TypeError(f"query must be a str such as '12+7', got {describe(query)}")
    if not isinstance(ops, str) or not ops:
        raise TypeError(f"ops must be a non-empty str of operator symbols, got {describe(ops)}")
    text = query.strip()
    found = [i for i, ch in enumerate(text) if ch in ops and i > 0]
    if len(found) != 1:
        raise ValueError(f"query must be 'a<op>b' with one operator from {ops!r}, got {query!r}")
    left, right = text[: found[0]], text[found[0] + 1 :]
    if not (left.isdigit() and right.isdigit()):
        raise ValueError(f"query must have two non-negative integer operands, got {query!r}")
    return tuple(sorted((int(left), int(right))))


def group_split(keys, fractions=(0.8, 0.1, 0.1), seed: int = 0) -> tuple:
    """Indices of a random split in which every group lies on one side only.

    Args:
        keys: one hashable group key per example (e.g. ``[unordered_pair(q) for q in queries]``).
        fractions: the share of *groups* on each side, positive, summing to 1 (e.g. train,
            validation, test). Group sizes differ, so the shares of examples are close, not exact.
        seed: the random seed of the permutation of groups.

    Returns:
        A tuple of sorted index arrays, one per fraction, covering every example once.
    """
    if isinstance(keys, str) or not isinstance(keys, list | tuple | np.ndarray):
        raise TypeError(f"keys must be a list of group keys, got {describe(keys)}")
    if len(keys) == 0:
        raise ValueError("keys must not be empty")
    if not isinstance(fractions, list | tuple) or len(fractions) < 2:
        raise TypeError(
            f"fractions must be a tuple of at least 2 numbers, got {describe(fractions)}"
        )
    fractions = [as_real(f, "fractions") for f in fractions]
    if min(fractions) <= 0 or abs(sum(fractions) - 1) > 1e-9:
        raise ValueError(f"fractions must be positive and sum to 1, got {fractions}")
    seed = as_int(seed, "seed", minimum=0)
    try:
        groups = sorted(set(keys))
    except TypeError as err:
        raise TypeError(f"keys must be hashable and comparable (e.g. tuples): {err}") from None
    if len(groups) < len(fractions):
        raise ValueError(f"{len(groups)} groups cannot fill {len(fractions)} sides")
    order = np.random.default_rng(seed).permutation(len(groups))
    bounds = np.round(np.cumsum(fractions)[:-1] * len(groups)).astype(int)
    side = np.empty(len(groups), dtype=int)
    for k, chunk in enumerate(np.split(order, bounds)):
        side[chunk] = k
    side_of = {g: side[i] for i, g in enumerate(groups)}
    per_example = np.array([side_of[k] for k in keys])
    return tuple(np.flatnonzero(per_example == k) for k in range(len(fractions)))


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
