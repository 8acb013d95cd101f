r"""Helper package for the lstm-course notebooks, one folder per role (README: the module map).

- ``numpy_models``: the models the notebooks build from scratch, in NumPy;
- ``keras_models``: models built with Keras;
- ``data``: the tasks and data sets;
- ``training``: gradient checks, clipping, the optimiser, sampling, beam search, baselines;
- ``notebook``: what the notebooks themselves use (``lc.check``, plots, seeding, diagrams);
- ``exercises``: one module of exercises per notebook, and their checker;
- ``arguments`` and ``maths`` (top level): the argument checks and the sigmoid, softmax and
  cross-entropy that everything above shares.

Import it *before* TensorFlow or Keras: importing it does not load TensorFlow, but it makes
the first ``import tensorflow`` / ``import keras`` quiet, so notebook outputs stay clean
(see :mod:`lstm_course.notebook.quiet`). Only ``keras_models.minimal_rnns``,
``keras_models.variant_cell`` and ``notebook.progress`` import Keras when imported
(tests/test_quiet.py checks every other module).

The names below are loaded on first use: ``lc.check`` imports only NumPy, while
``lc.CompactProgress`` and ``lc.seed_everything`` import Keras.

**Notation** (the course's one notation; CONTRIBUTING.md, "Notation", is the source, and
tests/test_notation.py keeps this copy and notebook 00's equal to it):

<!-- notation:start -->
Sizes: `B` examples in a batch, `T` steps, `d` input features, `n` units, `V` classes (or
characters). Vectors are **rows** and weights are stored `(inputs, outputs)`, as in Keras and
d2l.ai, so every product reads `x_t @ W_x…` in code, with no transposes; papers that write
column vectors ($W h_{t-1}$) use the transposed matrices. Time is a subscript: $h_t$, $h_{t-1}$.

| symbol | in code | meaning | shape |
|---|---|---|---|
| $x_t$ | `x_t`; `x` for all steps | input at step $t$ (rows are examples, as in Keras) | `(B, d)`; `(B, T, d)` |
| $h_t$ | `h_t`, `h_prev`, `h0` | hidden state, in every recurrent model | `(B, n)` |
| $c_t$ | `c_t`, `c_prev`, `c0` | cell state (LSTM, sLSTM) | `(B, n)` |
| $i_t, f_t, o_t$ | `i`, `f`, `o` | input, forget and output gates | `(B, n)` |
| $\tilde c_t$ | `c_tilde` | the LSTM's candidate values (xLSTM's $z_t$) | `(B, n)` |
| $z_t, r_t$ | `z`, `r` | GRU update and reset gates; $z_t$ **keeps** the old state | `(B, n)` |
| $\tilde h_t$ | `h_tilde` | GRU and minGRU candidate | `(B, n)` |
| $W_{x\bullet}, W_{h\bullet}, b_\bullet$ | `W_xf`, `W_hf`, `b_f` | input weights, recurrent weights and bias of block $\bullet$: $i, f, c, o$ in an LSTM ($c$ is the candidate $\tilde c$'s block), $z, r, h$ in a GRU ($h$ is $\tilde h$'s) | `(d, n)`, `(n, n)`, `(n,)` |
| $W_x, W_h, b$ | `W_x`, `W_h`, `b` | all gates side by side (Keras's `kernel`, `recurrent_kernel`, `bias`); LSTM blocks $i, f, \tilde c, o$ | `(d, 4n)`, `(n, 4n)`, `(4n,)` |
| | | the GRU's: blocks $z, r, \tilde h$, and two bias rows, as Keras's `reset_after=True`: `b[0]` holds the $b_{x\bullet}$ (added to $x_t W_x$), `b[1]` the $b_{h\bullet}$ (added to $h_{t-1} W_h$) | `(d, 3n)`, `(n, 3n)`, `(2, 3n)` |
| $W_f$ | `W_f` | one matrix on the concatenation $[h_{t-1}, x_t]$: $W_f = [W_{hf}; W_{xf}]$ stacked | `(n + d, n)` |
| $W_{xh}, W_{hh}, b_h$ | `W_xh`, `W_hh`, `b_h` | the plain RNN: $h_t = \tanh(x_t W_{xh} + h_{t-1} W_{hh} + b_h)$ (in a GRU, $W_{xh}$ and $W_{hh}$ are the candidate's block, with biases $b_{xh}$ and $b_{hh}$) | `(d, n)`, `(n, n)`, `(n,)` |
| $W_{hy}, b_y$ | `W_hy`, `b_y` | output layer: $\hat y_t = \mathrm{softmax}(h_t W_{hy} + b_y)$ | `(n, V)`, `(V,)` |
| | `pre` | a pre-activation, the sum inside $\sigma$ or $\tanh$ | |
| $\ell_t$ | `logits` | the scores a softmax turns into probabilities | `(B, V)` |
| $\hat y_t$, $y_t$ | `y_hat`, `y` | predictions (probabilities, for a classifier) and targets; for all steps | `(B, T, V)`, `(B, T)` |
| $a_t, b_t$ | `a`, `b` | coefficients of a linear recurrence $h_t = a_t \odot h_{t-1} + b_t$ (notebook 10's scan) | `(B, T, n)` |
| $n_t, m_t$ | `n`, `m` | the sLSTM's normaliser and stabiliser (notebook 10; the subscript tells $n_t$ from the units $n$) | `(B, n)` |
<!-- notation:end -->
"""

from lstm_course.notebook.quiet import install_import_hook

install_import_hook()

_LAZY = {
    "check": "lstm_course.notebook.claims",
    "metric": "lstm_course.notebook.headline_numbers",
    "plot_history": "lstm_course.notebook.plotting",
    "use_course_style": "lstm_course.notebook.plotting",
    "CompactProgress": "lstm_course.notebook.progress",
    "seed_everything": "lstm_course.notebook.repro",
    "silence_tensorflow": "lstm_course.notebook.quiet",
}

__all__ = sorted(_LAZY)
__version__ = "0.2.0"


def __getattr__(name):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'lstm_course' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
