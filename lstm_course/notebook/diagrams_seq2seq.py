"""Diagrams of notebook 06's encoder-decoders, drawn with matplotlib (no external images).

- :func:`draw_repeat_vector_model`: model 1, encoder -> ``RepeatVector`` -> decoder;
- :func:`draw_teacher_forcing`: model 2's training graph (the decoder reads the true previous
  character, starting from the start token);
- :func:`draw_greedy_inference`: model 2's inference loop (the decoder reads its own previous
  prediction, until it writes the end token).

Each returns the matplotlib ``Figure`` (drawn at 150 dpi or more, every label 10 pt or more).
The boxes and arrows are those of :mod:`lstm_course.notebook.diagrams`.
"""

from lstm_course.arguments import check_axes, describe
from lstm_course.data.arithmetic import ANSWER_LEN, END, QUERY_LEN, START
from lstm_course.notebook.diagrams import _arrow, _box

import matplotlib.pyplot as plt

DPI = 150
FONT = 11  # every label; the smallest is FONT - 1
_ENCODER, _DECODER, _DENSE, _DATA = "#dbe9f6", "#e3f1dc", "#fde7c8", "white"
_GAP = 1.25  # from one step to the next


def _text(text, name: str, length: int) -> str:
    if not isinstance(text, str):
        raise TypeError(f"{name} must be a str, got {describe(text)}")
    if not text or len(text) > length:
        raise ValueError(f"{name} must have 1 to {length} characters, got {text!r}")
    return text


def _axes(ax, size):
    check_axes(ax)
    if ax is None:
        _, ax = plt.subplots(figsize=size, dpi=DPI)
    return ax


def _finish(ax, title, xlim, ylim):
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, fontsize=FONT + 1)
    return ax.figure


def _show(ch: str) -> str:
    """A character as drawn: the padding space is shown as a visible '␣'."""
    return "␣" if ch == " " else ch


def _encoder(ax, question, x0=0.0):
    """The question's characters (y=0) read by a chain of encoder LSTM steps (y=1.2)."""
    chars = question.ljust(QUERY_LEN)
    for t, ch in enumerate(chars):
        x = x0 + _GAP * t
        _box(ax, x, 0.0, 0.7, 0.5, _show(ch), _DATA, fontsize=FONT)
        _arrow(ax, (x, 0.25), (x, 0.9))
        _box(ax, x, 1.2, 1.05, 0.6, "LSTM", _ENCODER, fontsize=FONT)
        if t:
            _arrow(ax, (x - _GAP + 0.525, 1.2), (x - 0.525, 1.2))
    ax.text(x0 - 0.6, 1.2, "encoder", ha="right", va="center", fontsize=FONT)
    ax.text(x0 - 0.6, 0.0, "question", ha="right", va="center", fontsize=FONT)
    return x0 + _GAP * (len(chars) - 1)  # the x of the last encoder step


def _decoder(ax, x0, inputs, outputs, input_label, output_label="targets"):
    """A chain of decoder LSTM steps (y=1.2) with their inputs (y=0) and outputs (y=2.4, 3.5)."""
    for t, (inp, out) in enumerate(zip(inputs, outputs, strict=True)):
        x = x0 + _GAP * t
        _box(ax, x, 0.0, 1.05, 0.5, inp, _DATA, fontsize=FONT - 1)
        _arrow(ax, (x, 0.25), (x, 0.9))
        _box(ax, x, 1.2, 1.05, 0.6, "LSTM", _DECODER, fontsize=FONT)
        _arrow(ax, (x, 1.5), (x, 2.15))
        _box(ax, x, 2.4, 1.05, 0.5, "Dense", _DENSE, fontsize=FONT - 1)
        _arrow(ax, (x, 2.65), (x, 3.25))
        _box(ax, x, 3.5, 0.7, 0.5, _show(out), _DATA, fontsize=FONT)
        if t:
            _arrow(ax, (x - _GAP + 0.525, 1.2), (x - 0.525, 1.2))
    right = x0 + _GAP * (len(inputs) - 1) + 0.6
    ax.text(right, 0.0, input_label, ha="left", va="center", fontsize=FONT)
    ax.text(right, 1.2, "decoder", ha="left", va="center", fontsize=FONT)
    ax.text(right, 2.4, "softmax", ha="left", va="center", fontsize=FONT)
    ax.text(right, 3.5, output_label, ha="left", va="center", fontsize=FONT)
    return right


def _context(ax, last, x0, steps, label_x=None):
    """The context box h after the encoder, copied to each decoder input (gray arrows)."""
    _box(ax, last + 1.3, 1.2, 0.8, 0.6, "h", _ENCODER, fontsize=FONT)
    _arrow(ax, (last + 0.525, 1.2), (last + 0.9, 1.2))
    for t in range(steps):  # one copy of the context per output step
        _arrow(ax, (last + 1.3, 0.9), (x0 + _GAP * t - 0.3, 0.2), color="0.55")


def _state(ax, last, x0):
    """The encoder's final [h, c]: the decoder's initial state (arrow over the context box)."""
    _arrow(ax, (last + 0.3, 1.5), (x0 - 0.525, 1.35), connectionstyle="arc3,rad=-0.3")
    ax.text(last + 1.3, 1.85, "[h, c]", ha="center", va="bottom", fontsize=FONT)


def _start(question, answer, ax):
    """Checked texts, the axes, and the encoder drawn: ``(question, answer, ax, last, x0)``."""
    question = _text(question, "question", QUERY_LEN)
    answer = _text(answer, "answer", ANSWER_LEN)
    ax = _axes(ax, (10.4, 3.4))  # a notebook column (~900 px) shows 10-pt labels at 12 px
    last = _encoder(ax, question)
    return question, answer, ax, last, last + 2.6


def draw_repeat_vector_model(question: str = "12+7", answer: str = "+19", ax=None):
    """Model 1: the encoder's last hidden state, copied once per output step for the decoder.

    The targets are the answer, the end token and padding (``ANSWER_LEN + 1`` steps).
    """
    question, answer, ax, last, x0 = _start(question, answer, ax)
    steps = ANSWER_LEN + 1
    target = (answer + END).ljust(steps)
    right = _decoder(ax, x0, ["h"] * steps, target, "RepeatVector: the context h, copied")
    _context(ax, last, x0, steps)
    return _finish(
        ax,
        "Model 1: encoder → context vector h → RepeatVector →\ndecoder (return_sequences=True)",
        (-1.9, right + 4.8),
        (-0.5, 4.0),
    )


def draw_teacher_forcing(question: str = "12+7", answer: str = "+19", ax=None):
    """Model 2 in training: encoder states [h, c] start the decoder, which reads the truth.

    The decoder's input at step t is the true symbol t - 1 (the start token at step 0) and
    the context h (the encoder's last hidden state), at every step.
    """
    question, answer, ax, last, x0 = _start(question, answer, ax)
    steps = ANSWER_LEN + 1
    inputs = [f"{_show(ch)} , h" for ch in (START + answer + END)[:steps].ljust(steps)]
    label = "true previous symbol, context h"
    right = _decoder(ax, x0, inputs, (answer + END).ljust(steps), label)
    _context(ax, last, x0, steps)
    _state(ax, last, x0)
    return _finish(
        ax,
        f"Model 2, training (teacher forcing): the decoder reads the answer,\n"
        f"shifted right after the start token {START!r}",
        (-1.9, right + 4.8),
        (-0.5, 4.0),
    )


def draw_greedy_inference(question: str = "12+7", answer: str = "+19", ax=None):
    """Model 2 at inference: each step's argmax is the next step's input, at every step.

    The context h is read at every step, as in training.

    No true answer enters the loop: ``answer`` only labels what a right prediction looks like.
    """
    question, answer, ax, last, x0 = _start(question, answer, ax)
    steps = ANSWER_LEN + 1  # every step runs; what follows the first end token is cut
    written = list(answer + END) + ["…"] * (steps - len(answer) - 1)
    inputs = [f"{ch} , h" for ch in (START, *written[:-1])]
    label = "own previous prediction, context h"
    right = _decoder(ax, x0, inputs, written, label, "predictions")
    _context(ax, last, x0, steps)
    _state(ax, last, x0)
    for t in range(steps - 1):  # argmax of step t -> input of step t + 1
        x = x0 + _GAP * t
        _arrow(
            ax,
            (x + 0.36, 3.4),
            (x + _GAP - 0.5, 0.1),
            color="#bc4b51",
            connectionstyle="arc3,rad=-0.25",
        )
    ax.text(right, 2.95, "argmax, fed back", ha="left", va="center", fontsize=FONT, color="#bc4b51")
    return _finish(
        ax,
        f"Model 2, inference (greedy): start from {START!r}, feed back each prediction,\n"
        f"for all {ANSWER_LEN + 1} steps; the answer is what comes before the first {END!r} "
        "(… is cut)",
        (-1.9, right + 4.8),
        (-0.5, 4.0),
    )
