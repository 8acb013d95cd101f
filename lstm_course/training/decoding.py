"""Greedy decoding of an encoder-decoder, and scoring its answers character by character.

Taught in notebook 06: :func:`greedy_decode` feeds back the model's own prediction one step
at a time (never the true answer), :class:`RecordingModel` shows what it fed, and
:func:`per_character_accuracy` scores the real characters only (no padding). The data and
its codecs are :mod:`lstm_course.data.arithmetic`. :func:`greedy_decode` drives Keras models
through ``predict_on_batch`` but does not import Keras itself.
"""

from lstm_course.arguments import array_of_shape, as_int, as_positive_int, describe

import numpy as np

__all__ = ["RecordingModel", "greedy_decode", "per_character_accuracy"]


def greedy_decode(
    encoder, decoder_step, queries_onehot, steps: int, start_index: int, vocab_size=None
):
    """Greedy decoding: feed back the model's own prediction one step at a time.

    Args:
        encoder: maps queries ``(n, Tq, vocab)`` to the decoder's states, e.g. ``[h, c]``
            (or ``[context, h, c]`` for a decoder that also reads a context at every step).
        decoder_step: maps ``[token (n, 1, vocab), *states]`` to ``[probs (n, 1, vocab),
            *new states]``, the states in the encoder's order.
        queries_onehot: the encoded queries.
        steps: how many symbols to produce.
        start_index: the index of the start symbol in the decoder's vocabulary.
        vocab_size: the size of the decoder's vocabulary; by default the queries' (when
            questions and answers share one vocabulary).

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
    if vocab_size is not None:
        vocab = as_positive_int(vocab_size, "vocab_size")
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


class RecordingModel:
    """Wraps a Keras model and records the first input of every ``predict_on_batch`` call.

    Notebook 06 wraps the one-step decoder in it to see which tokens :func:`greedy_decode`
    really feeds back: its own predictions, never the answers.
    """

    def __init__(self, model):
        if not callable(getattr(model, "predict_on_batch", None)):
            raise TypeError(
                f"model must be a Keras model (with predict_on_batch), got {describe(model)}"
            )
        self.model, self.fed = model, []

    def predict_on_batch(self, inputs):
        self.fed.append(np.array(inputs[0]))
        return self.model.predict_on_batch(inputs)


def per_character_accuracy(probabilities, targets, mask) -> float:
    """The fraction of the ``mask``'s positions where the argmax of ``probabilities`` is right.

    Args:
        probabilities: ``(n, steps, vocab)`` predictions.
        targets: ``(n, steps, vocab)`` one-hot truth, same shape.
        mask: boolean ``(n, steps)``, the positions to score (e.g.
            :meth:`lstm_course.data.arithmetic.StartEndCodec.real_positions`: the characters
            and the end token, no padding).
    """
    probabilities = array_of_shape(probabilities, (None, None, None), "probabilities")
    targets = array_of_shape(targets, probabilities.shape, "targets", "the probabilities' shape")
    mask = np.asarray(mask)
    if mask.dtype != bool:
        raise TypeError(f"mask must be a boolean array, got dtype {mask.dtype}")
    if mask.shape != probabilities.shape[:2]:
        raise ValueError(
            f"mask must have shape {probabilities.shape[:2]} (n, steps), got {mask.shape}"
        )
    if not mask.any():
        raise ValueError("mask selects no position: nothing to score")
    right = probabilities.argmax(-1) == targets.argmax(-1)
    return float(right[mask].mean())
