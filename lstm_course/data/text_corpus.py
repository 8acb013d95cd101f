"""Text shipped with the course, turned into character ids and training chunks. Notebook 08.

The corpus is Ambrose Bierce's *The Devil's Dictionary* (public domain; see
``lstm_course/data/files/README.md``), lower-cased, about 300 kB. Nothing is downloaded.

The functions here are the plumbing of a character-level language model:

- :func:`vocabulary` and :func:`encode` / :func:`decode`: characters <-> integer ids;
- :func:`split_by_position`: training / validation / test parts cut from the text in order
  (the held-out parts are the *last* characters, never random characters: neighbouring
  characters are not independent, so a random split would leak the answers);
- :func:`chunk_streams`: the layout of truncated backpropagation through time. The training
  text is cut into ``batch`` contiguous streams; chunk ``k`` of the result holds the ``k``-th
  piece of ``length`` characters of every stream, so chunk ``k + 1`` continues chunk ``k``
  row by row and a model may carry its state from one chunk to the next.
"""

from lstm_course.arguments import as_positive_int, describe

from importlib import resources

import numpy as np

CORPUS_FILE = "devils_dictionary.txt"


def load_devils_dictionary() -> str:
    """The corpus: *The Devil's Dictionary*, entries ABASEMENT to SOPHISTRY, lower-cased."""
    path = resources.files("lstm_course.data") / "files" / CORPUS_FILE
    return path.read_text(encoding="ascii")


def _check_text(text, name: str = "text") -> str:
    if not isinstance(text, str):
        raise TypeError(f"{name} must be a str, got {describe(text)}")
    if not text:
        raise ValueError(f"{name} must not be empty, got ''")
    return text


def vocabulary(text: str) -> list[str]:
    """The distinct characters of ``text``, sorted: character ``chars[i]`` has id ``i``."""
    return sorted(set(_check_text(text)))


def _check_chars(chars) -> list[str]:
    if not isinstance(chars, list | tuple) or not chars:
        raise TypeError(f"chars must be a non-empty list of characters, got {describe(chars)}")
    if not all(isinstance(c, str) and len(c) == 1 for c in chars):
        raise TypeError("chars must hold single characters (strings of length 1)")
    if len(set(chars)) != len(chars):
        raise ValueError(f"chars must hold distinct characters, got {len(chars)} with repeats")
    return list(chars)


def encode(text: str, chars) -> np.ndarray:
    """The ids of the characters of ``text`` (int64), in the vocabulary ``chars``.

    Raises ``ValueError`` naming the characters of ``text`` that are not in ``chars``.
    """
    text, chars = _check_text(text), _check_chars(chars)
    index = {c: i for i, c in enumerate(chars)}
    unknown = sorted(set(text) - set(index))
    if unknown:
        raise ValueError(
            f"text holds {len(unknown)} character(s) outside the vocabulary of {len(chars)}: "
            f"got {''.join(unknown)!r}"
        )
    return np.array([index[c] for c in text], dtype=np.int64)


def decode(ids, chars) -> str:
    """The text of a sequence of ids (the inverse of :func:`encode`)."""
    chars = _check_chars(chars)
    ids = np.asarray(ids)
    if ids.ndim != 1 or not (ids.size == 0 or np.issubdtype(ids.dtype, np.integer)):
        raise TypeError(f"ids must be a 1-D sequence of integers, got {describe(ids)}")
    if ids.size and (ids.min() < 0 or ids.max() >= len(chars)):
        raise ValueError(
            f"ids must be in [0, {len(chars) - 1}] for a vocabulary of {len(chars)}, "
            f"got values from {ids.min()} to {ids.max()}"
        )
    return "".join(chars[i] for i in ids)


def split_by_position(sequence, fractions=(0.8, 0.1, 0.1)) -> list:
    """Cut ``sequence`` (a str or 1-D array) into consecutive parts of the given fractions.

    The parts come in order: with the default, the first 80% (training), the next 10%
    (validation) and the last 10% (test). ``fractions`` must be positive and sum to 1.
    """
    if isinstance(sequence, str):
        _check_text(sequence, "sequence")
    elif not isinstance(sequence, np.ndarray) or sequence.ndim != 1:
        raise TypeError(f"sequence must be a str or a 1-D array, got {describe(sequence)}")
    if not isinstance(fractions, list | tuple) or len(fractions) < 2:
        raise TypeError(
            f"fractions must be a list of at least 2 numbers, got {describe(fractions)}"
        )
    fractions = np.asarray(fractions, dtype=float)
    if np.any(fractions <= 0) or abs(fractions.sum() - 1) > 1e-9:
        raise ValueError(f"fractions must be > 0 and sum to 1, got {fractions.tolist()}")
    cuts = np.round(np.cumsum(fractions)[:-1] * len(sequence)).astype(int)
    bounds = [0, *cuts.tolist(), len(sequence)]
    parts = [sequence[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    if min(len(p) for p in parts) == 0:
        raise ValueError(
            f"sequence of length {len(sequence)} is too short for fractions "
            f"{fractions.tolist()}: a part would be empty"
        )
    return parts


def chunk_streams(ids, batch: int, length: int):
    """Inputs and next-character targets for truncated BPTT, ``(chunks, batch, length)`` each.

    ``ids`` is cut into ``batch`` contiguous streams of equal length (the remainder at the
    end is dropped). ``inputs[k, b]`` is the ``k``-th piece of ``length`` characters of
    stream ``b``, ``targets[k, b]`` the same piece shifted one character ahead, so
    ``inputs[k + 1, b]`` starts where ``inputs[k, b]`` ended.

    Raises ``ValueError`` when a stream is shorter than one chunk (``length + 1`` ids).
    """
    ids = np.asarray(ids)
    if ids.ndim != 1 or not np.issubdtype(ids.dtype, np.integer):
        raise TypeError(f"ids must be a 1-D array of integer ids, got {describe(ids)}")
    batch, length = as_positive_int(batch, "batch"), as_positive_int(length, "length")
    stream = len(ids) // batch
    if stream < length + 1:
        raise ValueError(
            f"length must be shorter than each of the {batch} streams of {stream} ids "
            f"(a text of {len(ids)} ids), got length {length}"
        )
    n_chunks = (stream - 1) // length
    streams = ids[: batch * stream].reshape(batch, stream)
    used = n_chunks * length
    inputs = streams[:, :used].reshape(batch, n_chunks, length).transpose(1, 0, 2)
    targets = streams[:, 1 : used + 1].reshape(batch, n_chunks, length).transpose(1, 0, 2)
    return np.ascontiguousarray(inputs), np.ascontiguousarray(targets)
