"""Notebook 10: the scan's combine step, and xLSTM's stabilised exponential gates."""

from lstm_course.exercises._common import distinct_sizes
from lstm_course.exercises.checker import ERROR, CheckResult, Exercise, KnownBug
from lstm_course.numpy_models import scan
from lstm_course.numpy_models.slstm import stabilised_gates_unchecked

import itertools

import numpy as np

combine = scan.combine  # the reference: (a₁, b₁) then (a₂, b₂) is h ↦ a₂(a₁h + b₁) + b₂


def _combine_inputs(rng, trial=0):
    batch, units = distinct_sizes(rng, trial, (2, 3))

    def pair():
        return rng.uniform(0.2, 1.5, size=(batch, units)), rng.normal(size=(batch, units))

    return {"first": pair(), "second": pair()}


def _combine_bug(kind):
    def bug(first, second):
        (a1, b1), (a2, b2) = first, second
        if kind == "reversed":  # second, then first
            return a1 * a2, a1 * b2 + b1
        if kind == "no_scale":
            return a1 * a2, b1 + b2
        if kind == "own_scale":
            return a1 * a2, a1 * b1 + b2
        if kind == "add_a":
            return a1 + a2, a2 * b1 + b2
        return a2, a2 * b1 + b2  # "keep_a": only the second map's a

    return bug


check_combine = Exercise(
    name="combine",
    reference=combine,
    make_inputs=_combine_inputs,
    output_names=("a", "b"),
    known_bugs=[
        KnownBug(
            _combine_bug("reversed"),
            "you composed in the other order (second, then first): first is applied first, "
            "so h ↦ a₂(a₁h + b₁) + b₂",
        ),
        KnownBug(
            _combine_bug("no_scale"),
            "b₁ must pass through the second map too: the new b is a₂·b₁ + b₂, not b₁ + b₂",
        ),
        KnownBug(
            _combine_bug("own_scale"),
            "b₁ is scaled by the second map's a (a₂), not by its own a₁",
        ),
        KnownBug(
            _combine_bug("add_a"),
            "applying two maps multiplies their slopes: the new a is a₁·a₂, not a₁ + a₂",
        ),
        KnownBug(
            _combine_bug("keep_a"),
            "the new a must include both slopes: a₁·a₂, not a₂ alone",
        ),
    ],
    error_hint="first and second are pairs (a, b) of arrays of one shape; return a pair",
)


def stabilised_gates(pre_i, log_f, m_prev):
    """Reference: the stabiliser m, then i' = exp(pre_i − m) and f' = exp(log f + m_prev − m).

    The library's own step, :func:`lstm_course.numpy_models.slstm.stabilised_gates`, which
    the sLSTM's loop runs.
    """
    return stabilised_gates_unchecked(pre_i, log_f, m_prev)


def _gates_inputs(rng, trial=0):
    batch, units = distinct_sizes(rng, trial, (2, 3))
    size = (batch, units)
    pre_i = rng.normal(scale=3.0, size=size)
    if trial % 2:
        pre_i += 800.0  # exp(800) overflows even float64: an unstabilised gate is inf
    log_f = -np.logaddexp(0, -rng.normal(size=size))  # log σ(pre_f) ≤ 0
    return {"pre_i": pre_i, "log_f": log_f, "m_prev": rng.normal(scale=5.0, size=size)}


def _gates_bug(kind):
    def bug(pre_i, log_f, m_prev):
        if kind == "no_m_prev":
            m = np.maximum(log_f, pre_i)
            return np.exp(pre_i - m), np.exp(log_f - m), m
        m = np.maximum(log_f + m_prev, pre_i)
        if kind == "min":
            m = np.minimum(log_f + m_prev, pre_i)
        if kind == "f_without_m_prev":
            return np.exp(pre_i - m), np.exp(log_f - m), m
        if kind == "f_sign":
            return np.exp(pre_i - m), np.exp(log_f + m - m_prev), m
        if kind == "plain_i":
            with np.errstate(over="ignore"):
                return np.exp(pre_i), np.exp(log_f + m_prev - m), m
        return np.exp(pre_i - m), np.exp(log_f + m_prev - m), m

    return bug


_GATE_NAMES = ("i_gate", "f_gate", "m")


def _gates_order(inputs, expected, got):
    """Every output right but in another order: name the order the learner used."""
    if not isinstance(got, tuple | list) or len(got) != 3:
        return None
    for order in itertools.permutations(range(3)):
        if order != (0, 1, 2) and all(
            np.allclose(np.asarray(got[k], float), expected[j], rtol=1e-5, atol=1e-6)
            for k, j in enumerate(order)
        ):
            yours = ", ".join(_GATE_NAMES[j] for j in order)
            return f"your values are right but in the order ({yours}): return (i_gate, f_gate, m)"
    return None


class _StabilisedGatesExercise(Exercise):
    """The checker, plus a hint for Python's ``max`` on arrays (an error no shape hint names)."""

    def _error(self, fn, exc):
        result = super()._error(fn, exc)
        if isinstance(exc, ValueError) and "truth value of an array" in str(exc):
            hint = (
                "Python's `max` compares whole arrays, which NumPy refuses; "
                "`np.maximum(x, y)` takes the larger value element by element"
            )
            return CheckResult(self.name, ERROR, f"{result.message}. Hint: {hint}")
        return result


check_stabilised_gates = _StabilisedGatesExercise(
    name="stabilised_gates",
    reference=stabilised_gates,
    make_inputs=_gates_inputs,
    output_names=("i_gate", "f_gate", "m"),
    known_bugs=[
        KnownBug(
            _gates_bug("no_m_prev"),
            "the stabiliser is a running maximum: m = max(log f + m_prev, pre_i), with m_prev",
        ),
        KnownBug(
            _gates_bug("min"),
            "m must be the maximum of log f + m_prev and pre_i, so that no gate exceeds 1",
        ),
        KnownBug(
            _gates_bug("f_without_m_prev"),
            "the forget gate carries the old scale: f' = exp(log f + m_prev − m)",
        ),
        KnownBug(
            _gates_bug("f_sign"),
            "f' = exp(log f + m_prev − m): the new m is subtracted, the old one added",
        ),
        KnownBug(
            _gates_bug("plain_i"),
            "the input gate must be stabilised too: i' = exp(pre_i − m), else it overflows",
        ),
    ],
    diagnose=_gates_order,
    error_hint="pre_i, log_f and m_prev have one shape; return (i_gate, f_gate, m)",
)
