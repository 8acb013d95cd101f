"""Exercise checkers that turn a learner's mistake into a hint, never a traceback.

An :class:`Exercise` compares the learner's function with a reference implementation on
random inputs. When they disagree it looks for the cause, most specific first:

1. **known bugs**: deliberately broken variants (gate order swapped, tanh forgotten, ...).
   If one of them reproduces the learner's output exactly, its hint is the diagnosis;
2. **ablations**: the inputs with every term but one set to zero. The first ablation on
   which the learner disagrees names the term that is wrong ("your output ignores x_t");
3. otherwise the largest difference is reported.

A stub that raises ``NotImplementedError`` is reported as "not implemented yet"; any other
exception is reported with its message and the exercise's hint. The check itself never
raises, so a notebook keeps running past an unsolved exercise.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

PASS, TODO, WRONG, ERROR = "passed", "not implemented", "wrong", "error"
VALUES_DIFFER = "values differ from the reference"
_ICONS = {PASS: "✓", TODO: "…", WRONG: "✗", ERROR: "✗"}


def check(claim: str, ok) -> None:
    """Print ``✓ claim`` if ``ok`` is true, else ``✗ claim``.

    Notebooks state what they prove with this (parity, thresholds, counts); the test suite
    fails on any ``✗`` line, so a claim that stops holding cannot go unnoticed.
    """
    if not isinstance(claim, str):
        raise TypeError(f"claim must be a str, got {type(claim).__name__}")
    print(f"{'✓' if bool(ok) else '✗'} {claim}")


@dataclass(frozen=True)
class Ablation:
    """A view of the inputs in which every term but one is zero.

    Attributes:
        transform: maps the inputs (a dict of keyword arguments) to the ablated inputs.
        hint: shown when the learner's function disagrees with the reference on them.
    """

    transform: Callable[[dict], dict]
    hint: str


@dataclass(frozen=True)
class KnownBug:
    """A deliberately broken implementation and the hint for a learner who wrote it."""

    implementation: Callable
    hint: str


@dataclass
class CheckResult:
    """Outcome of a check. True only if the learner's function passed."""

    name: str
    status: str
    message: str

    def __bool__(self) -> bool:
        return self.status == PASS

    def __str__(self) -> str:
        return f"{_ICONS[self.status]} {self.name}: {self.message}"

    __repr__ = __str__

    def _repr_pretty_(self, printer, cycle):  # IPython display
        printer.text(str(self))


class _Raised(Exception):
    """The learner's function raised; carries the finished result."""

    def __init__(self, result: CheckResult):
        self.result = result


def _describe(value) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    return type(value).__name__


def compare(expected, got, rtol: float = 1e-6, atol: float = 1e-8) -> str | None:
    """Return ``None`` if ``got`` matches ``expected``, else what differs, in words.

    Handles arrays, scalars and (nested) tuples/lists of them.
    """
    if isinstance(expected, tuple | list):
        if not isinstance(got, tuple | list):
            return f"expected a tuple of {len(expected)} values, got {_describe(got)}"
        if len(got) != len(expected):
            return f"expected a tuple of {len(expected)} values, got {len(got)}"
        for i, (e, g) in enumerate(zip(expected, got, strict=True)):
            problem = compare(e, g, rtol, atol)
            if problem:
                return f"item {i} of the returned tuple: {problem}"
        return None
    if got is None:
        return "your function returned None: did you forget the `return` statement?"
    try:
        got_arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return f"expected a number or an array, got {_describe(got)}"
    exp_arr = np.asarray(expected, dtype=float)
    if got_arr.shape != exp_arr.shape:
        msg = f"expected shape {exp_arr.shape}, got {got_arr.shape}"
        if got_arr.shape == exp_arr.shape[::-1] and got_arr.ndim > 1:
            msg += " (transposed?)"
        return msg
    if not np.all(np.isfinite(got_arr)) and np.all(np.isfinite(exp_arr)):
        return "your output contains NaN or inf"
    if not np.allclose(got_arr, exp_arr, rtol=rtol, atol=atol):
        diff = float(np.max(np.abs(got_arr - exp_arr)))
        return f"{VALUES_DIFFER} (largest difference {diff:.3g})"
    return None


@dataclass
class Exercise:
    """An auto-checked exercise. Call it with the learner's function.

    Attributes:
        name: shown in every message, e.g. ``"rnn_cell_forward"``.
        reference: the correct implementation, called with keyword arguments.
        make_inputs: ``rng -> dict`` of keyword arguments (random, non-square shapes).
        ablations: see :class:`Ablation`.
        known_bugs: see :class:`KnownBug`.
        error_hint: added when the learner's function raises an exception.
        select: picks the comparable part of an output (e.g. drops a cache dict).
        trials: how many random inputs to try.
    """

    name: str
    reference: Callable
    make_inputs: Callable[[np.random.Generator], dict]
    ablations: Sequence[Ablation] = ()
    known_bugs: Sequence[KnownBug] = ()
    error_hint: str = "check the shapes of the arrays you combine"
    select: Callable[[Any], Any] = field(default=lambda out: out)
    trials: int = 3
    rtol: float = 1e-6
    atol: float = 1e-8
    seed: int = 20261121

    def __call__(self, fn) -> CheckResult:
        return self.check(fn)

    def _result(self, status: str, message: str) -> CheckResult:
        return CheckResult(self.name, status, message)

    def _run(self, fn, inputs: dict):
        """Call the learner's function on a private copy; convert exceptions."""
        try:
            return self.select(fn(**copy.deepcopy(inputs)))
        except NotImplementedError:
            raise _Raised(
                self._result(TODO, "not implemented yet: replace `raise NotImplementedError`")
            ) from None
        except Exception as exc:  # the learner's bug, reported as a hint
            text = f"your function raised {type(exc).__name__}: {exc}"
            raise _Raised(self._result(ERROR, f"{text}. Hint: {self.error_hint}")) from None

    def _expected(self, inputs: dict):
        return self.select(self.reference(**copy.deepcopy(inputs)))

    def _diagnose(self, fn, inputs: dict, got, problem: str) -> str:
        for bug in self.known_bugs:
            bug_out = self.select(bug.implementation(**copy.deepcopy(inputs)))
            if compare(bug_out, got, self.rtol, self.atol) is None:
                return f"{problem}. Hint: {bug.hint}"
        if VALUES_DIFFER not in problem:  # a type or shape problem: ablations cannot localise it
            return problem
        for ablation in self.ablations:
            ablated = ablation.transform(copy.deepcopy(inputs))
            if compare(self._expected(ablated), self._run(fn, ablated), self.rtol, self.atol):
                return f"{problem}. Hint: {ablation.hint}"
        return problem

    def check(self, fn) -> CheckResult:
        """Check ``fn`` against the reference; never raises."""
        if not callable(fn):
            return self._result(ERROR, f"expected a function, got {type(fn).__name__}")
        rng = np.random.default_rng(self.seed)
        try:
            for _ in range(self.trials):
                inputs = self.make_inputs(rng)
                got = self._run(fn, inputs)
                problem = compare(self._expected(inputs), got, self.rtol, self.atol)
                if problem:
                    return self._result(WRONG, self._diagnose(fn, inputs, got, problem))
        except _Raised as raised:
            return raised.result
        except Exception as exc:  # a fault in the checker itself must not stop the notebook
            return self._result(ERROR, f"the checker failed ({type(exc).__name__}: {exc})")
        return self._result(PASS, f"matches the reference on {self.trials} random inputs")
