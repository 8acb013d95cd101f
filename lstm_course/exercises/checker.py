"""Exercise checkers that turn a learner's mistake into a hint, never a traceback.

An :class:`Exercise` calls the learner's function *positionally* (so any parameter names
work) on random inputs whose sizes change from trial to trial, and compares the result with
a reference implementation. Float32 answers are compared with float32 tolerances. When the
two disagree the checker looks for the cause, most specific first:

1. **known bugs**: deliberately broken variants (gate order swapped, tanh forgotten, ...).
   If one of them reproduces the learner's output, its hint is the diagnosis;
2. **type and shape problems**, said in words ("expected an int, got str");
3. **generic transforms**: the right values with the sign flipped, transposed, or scaled by
   a constant factor;
4. **ablations**: the inputs with every term but one set to zero. If the learner agrees
   with the reference on some ablations and not on others, the first one on which they
   disagree names the term that is wrong ("check the x_t @ W_xh term");
5. otherwise the largest difference is reported.

A stub that raises ``NotImplementedError`` is reported as "not implemented yet". Any other
exception is reported with its message and the line of the learner's code that raised it;
the exercise's shape hint is added only for the errors a shape mismatch causes. The check
itself never raises, so a notebook keeps running past an unsolved exercise.
"""

from __future__ import annotations

import copy
import inspect
import re
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

PASS, TODO, WRONG, ERROR = "passed", "not implemented", "wrong", "error"
VALUES_DIFFER = "values differ from the reference"
_ICONS = {PASS: "✓", TODO: "…", WRONG: "✗", ERROR: "✗"}
# float32 keeps about 7 significant digits; a few dozen operations lose one or two.
FLOAT32_RTOL, FLOAT32_ATOL = 1e-4, 1e-5


@dataclass(frozen=True)
class Ablation:
    """A view of the inputs in which every term but one is zero.

    Attributes:
        transform: maps the inputs (a dict of arguments, in order) to the ablated inputs.
        hint: shown when the learner's function disagrees with the reference on them.
    """

    transform: Callable[[dict], dict]
    hint: str


@dataclass(frozen=True)
class KnownBug:
    """A deliberately broken implementation (called positionally) and its hint."""

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
    if isinstance(value, str | int | float | bool):
        return f"{type(value).__name__} {value!r}"
    if isinstance(value, tuple | list):
        return f"a {type(value).__name__} of {len(value)} values"
    if isinstance(value, dict):
        return f"a dict with keys {list(value)}"
    return type(value).__name__


def _is_int(value) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)


def _tolerances(arr: np.ndarray, rtol: float, atol: float) -> tuple[float, float]:
    """float32 (or float16) answers get float32 tolerances."""
    if np.issubdtype(arr.dtype, np.floating) and arr.dtype.itemsize < 8:
        return max(rtol, FLOAT32_RTOL), max(atol, FLOAT32_ATOL)
    return rtol, atol


def _as_numbers(got):
    """``got`` as a real ndarray, or a sentence saying why it is not one."""
    if isinstance(got, str | bytes):
        return f"expected a number or an array, got {_describe(got)}"
    if isinstance(got, dict):
        return f"expected a number or an array, got a dict with keys {list(got)}"
    try:
        arr = np.asarray(got)
    except (TypeError, ValueError):
        return f"expected a number or an array, got {_describe(got)}"
    if arr.dtype == object:
        return f"expected a number or an array, got {_describe(got)} that NumPy cannot stack"
    if not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool) or np.iscomplexobj(arr):
        return f"expected numbers, got an array of dtype {arr.dtype}"
    return arr.astype(float) if arr.dtype == bool else arr


def _where(label: str, problem: str) -> str:
    return f"{label}: {problem}" if label else problem


def _item_label(outer: str, i: int, names: Sequence[str]) -> str:
    if not outer:
        return (
            f"{names[i]} (item {i} of the returned tuple)"
            if names
            else (f"item {i} of the returned tuple")
        )
    return f"item {i} of {outer.split(' (')[0]}"


def _extra_values(expected, got, rtol, atol, names: Sequence[str]) -> str | None:
    """A sentence if one value was expected and a tuple (or list) with more came back.

    NumPy would stack ``(f, z)`` into one array of the wrong shape, or fail on
    ``(h_t, cache)``; either way the message would not say what happened. A list of numbers
    that stacks to the expected shape is a right answer and is left to the comparison.
    """
    if not isinstance(got, tuple | list) or len(got) < 2:
        return None
    if all(isinstance(g, int | float | np.integer | np.floating) for g in got):
        return None  # a list of plain numbers: an array written as a list
    try:
        stacked = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        stacked = None  # ragged, or holds a dict: not one array written as a list
    if stacked is not None:
        shape = np.shape(expected)
        if stacked.shape == shape or not any(np.shape(g) == shape for g in got):
            return None  # an array written as a list (its shape, if wrong, is said later)
    what = names[0] if len(names) == 1 else "the result"
    kind = type(got).__name__
    right = compare(expected, got[0], rtol, atol) is None
    return (
        f"expected one array, got a {kind} of {len(got)} values: return only {what}"
        + (f"; item 0 of your {kind} is right" if right else "")
        + " (did you return a cache or an intermediate value too?)"
    )


def _compare_ints(expected, got, label) -> str | None:
    if int(got) == int(expected):
        return None
    return _where(label, f"{VALUES_DIFFER}: expected {int(expected)}, got {int(got)}")


def compare(
    expected, got, rtol: float = 1e-6, atol: float = 1e-8, names: Sequence[str] = (), _label=""
) -> str | None:
    """Return ``None`` if ``got`` matches ``expected``, else what differs, in words.

    Handles arrays, numbers and (nested) tuples/lists of them. An expected ``int`` must be
    answered with an int. float32 answers are compared with float32 tolerances.
    ``names`` names the items of a returned tuple in messages (or, with one name, the one
    expected array when a tuple comes back).
    """
    if isinstance(expected, tuple | list):
        n = len(expected)
        kind = "list" if isinstance(expected, list) else "tuple"
        what = f"a {kind} of {n} values" + (f" ({', '.join(names)})" if names else "")
        if got is None:
            return "your function returned None: did you forget the `return` statement?"
        if not isinstance(got, tuple | list):
            return _where(_label, f"expected {what}, got {_describe(got)}")
        if (
            expected
            and all(map(_is_int, expected))
            and any(g is None for g in got)
            and all(g is None or _is_int(g) for g in got)
        ):  # a shape written as Keras prints it, (None, ...)
            return _where(
                _label,
                f"got {tuple(got)}: use the `batch` argument: Keras prints None for a batch "
                "size it does not know yet",
            )
        if expected and all(map(_is_int, expected)) and all(map(_is_int, got)):  # a shape
            if tuple(map(int, got)) != tuple(map(int, expected)):
                return _where(
                    _label, f"expected {tuple(map(int, expected))}, got {tuple(map(int, got))}"
                )
            return None
        if len(got) != n:
            return _where(_label, f"expected {what}, got {len(got)} values")
        for i, (e, g) in enumerate(zip(expected, got, strict=True)):
            problem = compare(e, g, rtol, atol, (), _item_label(_label, i, names))
            if problem:
                return problem
        return None
    if got is None:
        return _where(_label, "your function returned None: did you forget the `return`?")
    extra = _extra_values(expected, got, rtol, atol, names)
    if extra:
        return _where(_label, extra)
    if _is_int(expected) and not _is_int(got):
        if isinstance(got, np.ndarray) and got.shape == () and np.issubdtype(got.dtype, np.integer):
            return _compare_ints(expected, got, _label)
        return _where(_label, f"expected an int, got {_describe(got)}")
    got_arr = _as_numbers(got)
    if isinstance(got_arr, str):
        return _where(_label, got_arr)
    exp_arr = np.asarray(expected, dtype=float)
    if got_arr.shape != exp_arr.shape:
        if exp_arr.shape == ():
            msg = f"expected a single number, got an array of shape {got_arr.shape}"
        else:
            msg = f"expected shape {exp_arr.shape}, got {got_arr.shape}"
            if got_arr.shape == exp_arr.shape[::-1] and got_arr.ndim > 1:
                msg += " (transposed?)"
        return _where(_label, msg)
    if _is_int(expected):
        return _compare_ints(expected, got, _label)
    if not np.all(np.isfinite(got_arr)) and np.all(np.isfinite(exp_arr)):
        return _where(_label, "your output contains NaN or inf")
    rtol, atol = _tolerances(got_arr, rtol, atol)
    # equal_nan: a known bug that overflows matches a learner's answer that overflows alike
    if not np.allclose(got_arr.astype(float), exp_arr, rtol=rtol, atol=atol, equal_nan=True):
        diff = float(np.max(np.abs(got_arr.astype(float) - exp_arr)))
        return _where(_label, f"{VALUES_DIFFER} (largest difference {diff:.3g})")
    return None


def _first_wrong_item(expected, got, rtol, atol):
    """(index path, expected item, got item) of the first differing leaf, for diagnosis."""
    if isinstance(expected, tuple | list) and isinstance(got, tuple | list):
        if len(expected) != len(got):
            return None
        for e, g in zip(expected, got, strict=True):
            if compare(e, g, rtol, atol):
                return _first_wrong_item(e, g, rtol, atol)
        return None
    return expected, got


def _generic_hint(expected, got, rtol, atol) -> str | None:
    """Name a sign flip, a transpose or a constant factor in one differing array."""
    leaf = _first_wrong_item(expected, got, rtol, atol)
    if leaf is None:
        return None
    e, g = leaf
    if _is_int(e):
        return None
    g = _as_numbers(g)
    if isinstance(g, str):
        return None
    e = np.asarray(e, dtype=float)
    if e.shape != g.shape or not np.any(e):
        return None
    if compare(-e, g, rtol, atol) is None:
        return "the sign is flipped: check for a minus sign too many or too few"
    if e.ndim == 2 and e.shape[0] == e.shape[1] and compare(e.T, g, rtol, atol) is None:
        return "your result is the transpose of the right one"
    scale = float(np.sum(g * e) / np.sum(e * e))
    if abs(scale - 1) > 1e-3 and scale != 0 and compare(scale * e, g, rtol, atol) is None:
        return (
            f"your result is {scale:.3g} times the right one: "
            "a factor is missing or extra (a sum instead of a mean, or the reverse?)"
        )
    return None


# Hints for errors whatever the exercise: (exception types, message pattern, hint).
_ERROR_HINTS = [
    (
        (TypeError,),
        r"only (length-1|0-dimensional|size-1) arrays can be converted",
        "a `math` function takes one number; the `np.` version works on whole arrays",
    ),
    (
        (NameError,),
        r"name '(np|numpy)' is not defined",
        "run the notebook's import cell first (`import numpy as np`)",
    ),
    (
        (NameError,),
        r"",
        "check the spelling, and that every name you use is an argument or was defined above",
    ),
    ((AttributeError,), r"", "check the spelling of the function or attribute"),
]
# Errors that a shape mismatch causes: only these get the exercise's shape hint.
_SHAPE_ERRORS = (ValueError, IndexError, TypeError)
_SHAPE_WORDS = re.compile(r"shape|broadcast|matmul|dimension|size|axis|index|align|division")


def _learner_line(fn, tb) -> str:
    """' (line n: `source`)' for the deepest frame of the learner's own code, or ''."""
    code = getattr(fn, "__code__", None)
    if code is None or tb is None:
        return ""
    frames = [f for f in traceback.extract_tb(tb) if f.filename == code.co_filename]
    if not frames:
        return ""
    frame = frames[-1]
    line = (frame.line or "").strip()
    return f" (line {frame.lineno}: `{line}`)" if line else f" (line {frame.lineno})"


def brief_inputs(inputs: dict) -> str:
    """The scalar and small inputs, as ``name=value`` pairs, for messages."""
    parts = []
    for key, value in inputs.items():
        if isinstance(value, bool | int | float | np.integer | np.floating) or (
            isinstance(value, str) and len(value) <= 20
        ):
            parts.append(f"{key}={value!r}")
        elif isinstance(value, np.ndarray) and value.ndim == 1 and value.size <= 16:
            parts.append(f"{key}={value.tolist()}")
    return ", ".join(parts)


@dataclass
class Exercise:
    """An auto-checked exercise. Call it with the learner's function.

    Attributes:
        name: shown in every message, e.g. ``"rnn_cell_forward"``.
        reference: the correct implementation, called with keyword arguments.
        make_inputs: ``(rng, trial) -> dict`` of arguments in the order of the learner's
            parameters (the learner's function is called positionally). Sizes should change
            with ``trial``.
        ablations: see :class:`Ablation`.
        known_bugs: see :class:`KnownBug`.
        error_hint: added when the learner's function raises a shape-type error (ValueError,
            IndexError, TypeError). It must not give the answer away.
        select: picks the comparable part of an output (e.g. drops a cache dict).
        output_names: the names of the items of a returned tuple, for messages; for a
            function that returns one array, one name (``("h_t",)``), used when a tuple
            comes back instead.
        accept: ``(expected, got) -> got``, turns an equivalent answer (a (1, n) bias
            gradient) into the reference's form before comparing.
        show_inputs: prefix problems with the scalar inputs ("for units=3, input_dim=5: ").
        diagnose: ``(inputs, expected, got) -> hint or None``, a mistake no fixed known bug
            can reproduce (a sigmoid clipped at a learner's own bound); tried after the known
            bugs.
        trials: how many random inputs to try.
    """

    name: str
    reference: Callable
    make_inputs: Callable[[np.random.Generator, int], dict]
    ablations: Sequence[Ablation] = ()
    known_bugs: Sequence[KnownBug] = ()
    error_hint: str = "check the shapes of the arrays you combine"
    select: Callable[[Any], Any] = field(default=lambda out: out)
    output_names: Sequence[str] = ()
    accept: Callable[[Any, Any], Any] | None = None
    show_inputs: bool = False
    diagnose: Callable[[dict, Any, Any], str | None] | None = None
    trials: int = 4
    rtol: float = 1e-5  # loose enough for float32 intermediates in a float64 result
    atol: float = 1e-6
    seed: int = 20261121

    def __call__(self, fn) -> CheckResult:
        return self.check(fn)

    def _result(self, status: str, message: str) -> CheckResult:
        return CheckResult(self.name, status, message)

    def _error(self, fn, exc: BaseException) -> CheckResult:
        where = _learner_line(fn, exc.__traceback__)
        text = f"your function raised {type(exc).__name__}: {exc}{where}"
        for types, pattern, hint in _ERROR_HINTS:
            if isinstance(exc, types) and re.search(pattern, str(exc)):
                return self._result(ERROR, f"{text}. Hint: {hint}")
        if isinstance(exc, _SHAPE_ERRORS) and _SHAPE_WORDS.search(str(exc)) and self.error_hint:
            return self._result(ERROR, f"{text}. Hint: {self.error_hint}")
        return self._result(ERROR, text)

    def _signature_problem(self, fn, inputs: dict) -> str | None:
        try:
            signature = inspect.signature(fn)
        except (TypeError, ValueError):
            return None
        try:
            signature.bind(*inputs)
        except TypeError:
            wanted = ", ".join(inputs)
            return (
                f"your function must take {len(inputs)} arguments, in this order: ({wanted}); "
                f"yours takes {signature}"
            )
        return None

    def _run(self, fn, inputs: dict):
        """Call the learner's function positionally on a private copy; convert exceptions."""
        try:
            # An overflow is reported in the verdict ("NaN or inf", with its hint), not as a
            # RuntimeWarning on stderr.
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                return self.select(fn(*copy.deepcopy(list(inputs.values()))))
        except NotImplementedError:
            raise _Raised(
                self._result(TODO, "not implemented yet: replace `raise NotImplementedError`")
            ) from None
        except Exception as exc:  # the learner's bug, reported as a hint
            raise _Raised(self._error(fn, exc)) from None

    def _expected(self, inputs: dict):
        return self.select(self.reference(**copy.deepcopy(inputs)))

    def _compare(self, expected, got) -> str | None:
        if self.accept is not None:
            try:
                got = self.accept(expected, got)
            except Exception:  # an unusual answer: compare it as it is
                pass
        return compare(expected, got, self.rtol, self.atol, self.output_names)

    def _bug_matches(self, bug: KnownBug, inputs: dict, got) -> bool:
        try:
            with np.errstate(all="ignore"):  # a bug's overflow is not the learner's warning
                bug_out = self.select(bug.implementation(*copy.deepcopy(list(inputs.values()))))
        except Exception:  # a bug that cannot run on these inputs cannot be the cause
            return False
        return self._compare(bug_out, got) is None

    def _matching_bug(self, fn, trials: list[dict], inputs: dict, got) -> KnownBug | None:
        """The known bug that reproduces the learner on every trial, else on the failing one."""
        candidates = [bug for bug in self.known_bugs if self._bug_matches(bug, inputs, got)]
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        outputs = []
        for other in trials:
            try:
                outputs.append((other, self._run(fn, other)))
            except _Raised:
                continue
        for bug in candidates:
            if all(self._bug_matches(bug, other, out) for other, out in outputs):
                return bug
        return candidates[0]

    def _diagnose(self, fn, trials, inputs: dict, expected, got, problem: str) -> str:
        bug = self._matching_bug(fn, trials, inputs, got)
        if bug is not None:
            return f"{problem}. Hint: {bug.hint}"
        if VALUES_DIFFER not in problem:  # a type or shape problem: said in words already
            return problem
        if self.diagnose is not None:
            try:
                hint = self.diagnose(inputs, expected, got)
            except Exception:  # an unusual answer: fall through to the generic hints
                hint = None
            if hint:
                return f"{problem}. Hint: {hint}"
        hint = _generic_hint(expected, got, self.rtol, self.atol)
        if hint:
            return f"{problem}. Hint: {hint}"
        failing, passing = [], 0
        for ablation in self.ablations:
            ablated = ablation.transform(copy.deepcopy(inputs))
            try:
                ablated_problem = self._compare(self._expected(ablated), self._run(fn, ablated))
            except _Raised:
                continue
            if ablated_problem:
                failing.append(ablation)
            else:
                passing += 1
        if failing and passing:  # the mistake sits in one term: name it
            return f"{problem}. Hint: {failing[0].hint}"
        return problem

    def check(self, fn) -> CheckResult:
        """Check ``fn`` against the reference; never raises."""
        if not callable(fn):
            return self._result(ERROR, f"expected a function, got {type(fn).__name__}")
        rng = np.random.default_rng(self.seed)
        try:
            trials = [self.make_inputs(rng, trial) for trial in range(self.trials)]
            for inputs in trials:
                wrong_signature = self._signature_problem(fn, inputs)
                if wrong_signature:
                    return self._result(ERROR, wrong_signature)
                got = self._run(fn, inputs)
                expected = self._expected(inputs)
                problem = self._compare(expected, got)
                if problem:
                    message = self._diagnose(fn, trials, inputs, expected, got, problem)
                    if self.show_inputs:
                        message = f"for {brief_inputs(inputs)}: {message}"
                    return self._result(WRONG, message)
        except _Raised as raised:
            return raised.result
        except Exception as exc:  # a fault in the checker itself must not stop the notebook
            return self._result(ERROR, f"the checker failed ({type(exc).__name__}: {exc})")
        return self._result(PASS, f"matches the reference on {self.trials} random inputs")
