"""Linear recurrences h_t = a_t ⊙ h_{t−1} + b_t: a loop, a parallel scan, and the log form.

The gates of minGRU and minLSTM (:mod:`lstm_course.numpy_models.minimal_rnns`, notebook 10)
read only the input, so the whole recurrence is a chain of affine maps ``h ↦ a_t h + b_t``
(a_t and b_t are this module's names for the coefficients, whatever the model). Composing
two of them gives another one::

    (a₁, b₁) then (a₂, b₂)  =  (a₁ a₂, a₂ b₁ + b₂)          :func:`combine`

and composition is associative, so every prefix can be computed by a *scan* in about
2·log₂T rounds of independent work instead of T dependent steps:

- :func:`linear_recurrence_loop`: the definition, one step after another (depth T).
- :func:`linear_recurrence_scan`: Blelloch's work-efficient scan (an up-sweep and a
  down-sweep over a balanced tree, 2·⌈log₂T⌉ rounds, each round one vectorised NumPy
  operation), then one round to apply the prefixes to h_0.
- :func:`linear_recurrence_log`: the form Feng et al. (2024) use for stability, after
  Heinsen (2023): with a, b, h_0 > 0, ``log h_t = log a*_t + log(exp(log h_0) +
  Σₖ≤ₜ exp(log b_k − log a*_k))`` where ``log a*_t = Σₖ≤ₜ log a_k`` (a*_t is the product
  of the a's): a cumulative sum and a cumulative log-sum-exp, both scans, with no product
  of many small gates to underflow.

Arrays are ``(batch, time, units)``; ``h0`` is ``(batch, units)`` and defaults to zeros
(the log form has no default: pass ``log_h0``, −inf for zeros). Conventions as in
:mod:`lstm_course.arguments` (clear errors, ``np.result_type`` of the inputs).
"""

from lstm_course.arguments import array_of_shape, as_bool, as_int, common_float_dtype

import numpy as np


def combine(first, second):
    """Compose two affine maps given as ``(a, b)`` pairs: ``first`` applied, then ``second``.

    ``h ↦ a₂(a₁ h + b₁) + b₂ = (a₁ a₂) h + (a₂ b₁ + b₂)``. Associative, not commutative.
    """
    (a1, b1), (a2, b2) = first, second
    return a1 * a2, a2 * b1 + b2


def _inputs(a, b, h0):
    a = array_of_shape(a, (None, None, None), "a", "(batch, time, units)")
    b = array_of_shape(b, a.shape, "b", "(batch, time, units), the shape of a")
    batch, _, units = a.shape
    if h0 is None:
        h0 = np.zeros((batch, units), common_float_dtype(a, b))
    h0 = array_of_shape(h0, (batch, units), "h0", "(batch, units)")
    dtype = common_float_dtype(a, b, h0)
    return a.astype(dtype), b.astype(dtype), h0.astype(dtype)


def blelloch_schedule(steps):
    """The combines of :func:`linear_recurrence_scan` for ``steps`` positions, round by round.

    Returns a list of ``(phase, pairs)``: ``phase`` is ``"up"`` or ``"down"``, ``pairs`` the
    ``(left, right)`` positions (in the sequence padded to a power of two) combined in that
    round. Every pair of a round is independent of the others. For drawing and counting.
    """
    steps = as_int(steps, "steps", minimum=1)
    levels = int(np.ceil(np.log2(steps))) if steps > 1 else 0
    size = 2**levels

    def pairs(d):
        stride = 2 ** (d + 1)
        lefts = range(stride // 2 - 1, size, stride)
        return list(zip(lefts, range(stride - 1, size, stride), strict=True))

    up = [("up", pairs(d)) for d in range(levels)]
    return up + [("down", pairs(d)) for d in reversed(range(levels))]


def linear_recurrence_loop(a, b, h0=None):
    """h_t = a_t ⊙ h_{t−1} + b_t for t = 1..T, one step after another.

    Returns every h_t, ``(batch, time, units)``.
    """
    a, b, h = _inputs(a, b, h0)
    hs = []
    for t in range(a.shape[1]):
        h = a[:, t] * h + b[:, t]
        hs.append(h)
    return np.stack(hs, axis=1) if hs else np.zeros_like(a)


def linear_recurrence_scan(a, b, h0=None, return_rounds=False):
    """The same h_t as :func:`linear_recurrence_loop`, by Blelloch's parallel scan.

    The time axis is padded to a power of two with the identity map ``(1, 0)``. The
    up-sweep combines neighbours pairwise up a balanced tree (⌈log₂T⌉ rounds); the root is
    then replaced by the identity and the down-sweep hands every node the composition of
    everything to its left (⌈log₂T⌉ rounds), which gives the exclusive prefixes; a last
    round composes each with its own map and applies it to h_0. Within a round every
    combine is independent: on parallel hardware a round is one step.

    Args:
        a, b: ``(batch, time, units)``.
        h0: ``(batch, units)``, zeros if omitted.
        return_rounds: also return the number of dependent rounds (2·⌈log₂T⌉ + 1).

    Returns:
        ``h`` of shape ``(batch, time, units)``, or ``(h, rounds)``.
    """
    a, b, h0 = _inputs(a, b, h0)
    return_rounds = as_bool(return_rounds, "return_rounds")
    batch, steps, units = a.shape
    levels = int(np.ceil(np.log2(steps))) if steps > 1 else 0
    size = 2**levels if steps else 0
    A = np.ones((batch, size, units), a.dtype)  # padding: the identity map (1, 0)
    B = np.zeros((batch, size, units), a.dtype)
    A[:, :steps], B[:, :steps] = a, b
    rounds = 0
    for d in range(levels):  # up-sweep: node r becomes (left subtree) then (right subtree)
        stride = 2 ** (d + 1)
        left, right = slice(stride // 2 - 1, size, stride), slice(stride - 1, size, stride)
        A[:, right], B[:, right] = combine((A[:, left], B[:, left]), (A[:, right], B[:, right]))
        rounds += 1
    if size:
        A[:, -1], B[:, -1] = 1, 0  # the root: nothing lies to the left of the whole sequence
    for d in reversed(range(levels)):  # down-sweep: hand each child what lies to its left
        stride = 2 ** (d + 1)
        left, right = slice(stride // 2 - 1, size, stride), slice(stride - 1, size, stride)
        left_total = A[:, left].copy(), B[:, left].copy()
        A[:, left], B[:, left] = A[:, right], B[:, right]
        A[:, right], B[:, right] = combine((A[:, right], B[:, right]), left_total)
        rounds += 1
    # Exclusive prefixes, then each step's own map: the inclusive prefix, applied to h_0.
    a_all, b_all = combine((A[:, :steps], B[:, :steps]), (a, b))
    h = a_all * h0[:, None, :] + b_all
    rounds += 1
    return (h, rounds) if return_rounds else h


def linear_recurrence_log(log_a, log_b, log_h0):
    """The same h_t computed from logarithms, for a, b, h_0 > 0 (Heinsen 2023).

    ``log a*_t = cumsum(log a)``; ``log h_t = log a*_t + logcumsumexp([log h_0, log b_k −
    log a*_k])`` at position t. Both cumulative operations are scans. Returns ``h`` (not its
    logarithm), ``(batch, time, units)``.

    Args:
        log_a: ``(batch, time, units)``, the logarithm of a > 0: finite.
        log_b: the logarithm of b ≥ 0, the shape of ``log_a``: finite, or −inf for 0.
        log_h0: ``(batch, units)``, the logarithm of h_0 ≥ 0 (−inf for h_0 = 0).
    """
    log_a = array_of_shape(log_a, (None, None, None), "log_a", "(batch, time, units)")
    log_b = array_of_shape(log_b, log_a.shape, "log_b", "(batch, time, units), as log_a")
    batch, steps, units = log_a.shape
    log_h0 = array_of_shape(log_h0, (batch, units), "log_h0", "(batch, units)")
    if not np.isfinite(log_a).all():
        raise ValueError("log_a must be finite (the log form needs a > 0), got NaN or inf")
    for name, value in (("log_b", log_b), ("log_h0", log_h0)):
        if np.isnan(value).any() or (value == np.inf).any():
            raise ValueError(
                f"{name} must hold logarithms of numbers >= 0 (finite, or -inf for 0), "
                "got NaN or +inf"
            )
    dtype = common_float_dtype(log_a, log_b, log_h0)
    log_a_star = np.cumsum(log_a.astype(dtype), axis=1)
    terms = np.concatenate([log_h0.astype(dtype)[:, None, :], log_b - log_a_star], axis=1)
    log_h = log_a_star + np.logaddexp.accumulate(terms, axis=1)[:, 1:]
    return np.exp(log_h)
