"""Argument checks shared by the whole package: clear errors with what was expected and what came.

Every public function of ``lstm_course`` checks its arguments with these helpers, so a
learner's mistake is reported as ``ValueError`` or ``TypeError`` naming the argument, what
it should be and what it was, e.g. ``dc_last must have shape (4, 8) (batch, units), got
(4, 7)``, instead of a NumPy error from deep inside.

Conventions:

- **Numbers.** Where a Python ``int`` is accepted, so is any NumPy integer (``np.int64``);
  where a ``float`` is accepted, so is any real NumPy scalar (``np.float32``). ``bool`` is
  never a number here. Scalar settings (a norm, a probability, a noise level) must be
  finite: NaN and inf are rejected.
- **Arrays and dtypes.** Array arguments may be lists or ndarrays of real numbers; integer
  arrays are read as float64. A function that takes several float arrays computes in
  :func:`common_float_dtype` of them, ``np.result_type`` of their dtypes: float32 only
  if every one is float32, float64 as soon as one is float64. Results have that dtype.
- **NaN and inf inside arrays** are not searched for: like Keras, the models let them
  propagate into the results.
"""

import math
import numbers

import numpy as np


def describe(value) -> str:
    """A short description of what came, for error messages."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, str | bool | int | float | np.generic) or value is None:
        return f"{type(value).__name__} {value!r}"
    return type(value).__name__


def as_float_array(value, name: str) -> np.ndarray:
    """Return ``value`` as a float ndarray (float32 stays float32), or raise ``TypeError``."""
    if isinstance(value, np.ndarray):
        if (
            not np.issubdtype(value.dtype, np.number)
            or np.issubdtype(value.dtype, np.timedelta64)
            or np.iscomplexobj(value)
        ):
            raise TypeError(f"{name} must hold real numbers, got dtype {value.dtype}")
        return value if np.issubdtype(value.dtype, np.floating) else value.astype(np.float64)
    if hasattr(value, "numpy") and callable(value.numpy):  # a TensorFlow tensor or Keras variable
        return as_float_array(np.asarray(value.numpy()), name)
    if value is None or isinstance(value, str | bytes | dict | set):
        raise TypeError(f"{name} must be an array of numbers, got {describe(value)}")
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be an array of numbers (not ragged), got {type(value).__name__}"
        ) from None
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)
    ):
        raise TypeError(
            f"{name} must be an array of numbers, got {type(value).__name__} of {arr.dtype}"
        )
    return arr.astype(np.float64)


def check_shape(arr: np.ndarray, expected: tuple, name: str, meaning: str = "") -> None:
    """Raise ``ValueError`` unless ``arr.shape`` matches ``expected`` (``None`` matches any size).

    ``meaning`` names the axes, e.g. ``"(batch, time, n_x)"``, for the message.
    """
    ok = arr.ndim == len(expected) and all(
        e is None or e == s for e, s in zip(expected, arr.shape, strict=True)
    )
    if not ok:
        want = "(" + ", ".join("any" if e is None else str(e) for e in expected) + ")"
        if len(expected) == 1:
            want = want[:-1] + ",)"
        axes = f" {meaning}" if meaning else ""
        raise ValueError(f"{name} must have shape {want}{axes}, got {arr.shape}")


def array_of_shape(value, expected: tuple, name: str, meaning: str = "") -> np.ndarray:
    """:func:`as_float_array` then :func:`check_shape`; returns the array."""
    arr = as_float_array(value, name)
    check_shape(arr, expected, name, meaning)
    return arr


def fused_weights(W_x, W_h, b, blocks: int, bias_rows: int = 0, note=""):
    """A recurrent layer's weights with ``blocks`` gates side by side, checked.

    ``W_x`` (input_dim, blocks·units), ``W_h`` (units, blocks·units), ``b`` (blocks·units,),
    or with ``bias_rows=2`` (2, blocks·units) (a GRU's input and recurrent biases): Keras's
    ``kernel``, ``recurrent_kernel`` and ``bias``. ``note`` ends the expected shape of ``W_h``
    in a message. Returns ``(W_x, W_h, b, units)`` as float arrays. Used by the LSTM (4
    gates), its variants (2 to 4) and the GRU (3).
    """
    W_x = as_float_array(W_x, "W_x")
    W_h = as_float_array(W_h, "W_h")
    b = as_float_array(b, "b")
    wanted = f"(units, {blocks}*units){note}"
    check_shape(W_h, (None, None), "W_h", wanted)
    units = W_h.shape[0]
    check_shape(W_h, (units, blocks * units), "W_h", wanted)
    check_shape(W_x, (None, blocks * units), "W_x", f"(input_dim, {blocks}*units)")
    if bias_rows:
        meaning = f"({bias_rows}, {blocks}*units): input bias, recurrent bias"
        check_shape(b, (bias_rows, blocks * units), "b", meaning)
    else:
        check_shape(b, (blocks * units,), "b", f"({blocks}*units,)")
    return W_x, W_h, b, units


def recurrent_inputs(x, weights, units: int, **states):
    """A recurrent layer's sequences and initial states, checked, in one dtype with its weights.

    ``x`` must be ``(batch, time, input_dim)``, ``input_dim`` the rows of ``weights[0]`` (the
    input weights ``W_x``); each state (``h0=...``, ``c0=...``) ``(batch, units)``, or ``None``
    for zeros.
    Returns ``(x, weights, states)``, new arrays in ``np.result_type`` of them all, the
    weights and states as tuples in the order given.
    """
    x = array_of_shape(x, (None, None, weights[0].shape[0]), "x", "(batch, time, input_dim)")
    batch = x.shape[0]
    dtype = common_float_dtype(x, *weights)
    given = {}
    for name, value in states.items():
        value = np.zeros((batch, units), dtype) if value is None else as_float_array(value, name)
        check_shape(value, (batch, units), name, "(batch, units)")
        given[name] = value
    dtype = common_float_dtype(dtype, *given.values())
    x, *rest = (np.array(v, dtype=dtype) for v in (x, *weights, *given.values()))
    return x, tuple(rest[: len(weights)]), tuple(rest[len(weights) :])


def common_float_dtype(*arrays) -> np.dtype:
    """The dtype a computation on these float arrays runs in: ``np.result_type`` of them."""
    return np.result_type(*arrays)


def as_int(value, name: str, minimum: int | None = None, maximum: int | None = None) -> int:
    """Return ``value`` as a Python ``int`` (NumPy integers accepted), checking its range.

    Raises ``TypeError`` for a non-integer (``bool``, ``float`` and strings included) and
    ``ValueError`` outside ``[minimum, maximum]``.
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {describe(value)}")
    value = int(value)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        lo = "-inf" if minimum is None else minimum
        hi = "inf" if maximum is None else maximum
        raise ValueError(f"{name} must be an integer in [{lo}, {hi}], got {value}")
    return value


def as_positive_int(value, name: str) -> int:
    """:func:`as_int` with ``minimum=1``, with the message ``must be a positive integer``."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a positive integer, got {describe(value)}")
    if value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def as_real(
    value,
    name: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    strict_minimum: bool = False,
) -> float:
    """Return a finite real number as ``float`` (NumPy scalars accepted), checking its range.

    ``strict_minimum`` excludes ``minimum`` itself (``> 0`` rather than ``>= 0``). NaN and
    inf are rejected with ``ValueError``; non-numbers with ``TypeError``.
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {describe(value)}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    too_low = minimum is not None and (value <= minimum if strict_minimum else value < minimum)
    if too_low or (maximum is not None and value > maximum):
        low = "(" if strict_minimum else "["
        lo = "-inf" if minimum is None else minimum
        hi = "inf" if maximum is None else maximum
        raise ValueError(f"{name} must be in {low}{lo}, {hi}], got {value}")
    return value


def as_bool(value, name: str) -> bool:
    """Return ``value`` as ``bool`` if it is one (``np.bool_`` included), else ``TypeError``."""
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False, got {describe(value)}")
    return bool(value)


def check_rng(rng, name: str = "rng") -> None:
    """Raise ``TypeError`` unless ``rng`` is a ``numpy.random.Generator``."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"{name} must be a numpy Generator (np.random.default_rng(seed)), got {describe(rng)}"
        )


def check_cache(cache, keys, name: str = "cache", producer: str = "the forward pass") -> None:
    """Raise unless ``cache`` is a dict holding ``keys`` (what ``producer`` returned)."""
    if not isinstance(cache, dict):
        raise TypeError(f"{name} must be the dict that {producer} returned, got {describe(cache)}")
    missing = [k for k in keys if k not in cache]
    if missing:
        raise ValueError(
            f"{name} must be the dict that {producer} returned; it lacks {missing}, "
            f"got keys {sorted(cache)}"
        )


def check_axes(value, name: str = "ax"):
    """Raise ``TypeError`` unless ``value`` is ``None`` or matplotlib ``Axes``."""
    if value is None:
        return
    from matplotlib.axes import Axes

    if not isinstance(value, Axes):
        raise TypeError(f"{name} must be matplotlib Axes or None, got {describe(value)}")


def check_keras_recurrent_layer(layer, kind: str, activation: str, recurrent_activation=None):
    """Raise unless ``layer`` is a built ``keras.layers.<kind>`` that the NumPy code implements.

    The NumPy models implement one configuration: the given activations, a bias, and the
    sequence read forwards. Any other setting would make the copied weights compute
    something else, so it is refused, naming the setting.
    """
    import keras

    cls = getattr(keras.layers, kind)
    if not isinstance(layer, cls):
        raise TypeError(f"layer must be a keras.layers.{kind}, got {describe(layer)}")
    if not layer.built:
        raise ValueError(
            f"layer must be built (call it on data or layer.build(input_shape) first), "
            f"got an unbuilt {kind}"
        )
    wanted = [("activation", activation)]
    if recurrent_activation is not None:
        wanted.append(("recurrent_activation", recurrent_activation))
    for setting, name in wanted:
        got = getattr(getattr(layer, setting), "__name__", repr(getattr(layer, setting)))
        if got != name:
            raise ValueError(
                f"the NumPy {kind} implements {setting}={name!r}; layer has {setting}={got!r} "
                f"(got a layer this code cannot reproduce)"
            )
    if not layer.use_bias:
        raise ValueError(f"the NumPy {kind} needs use_bias=True, got use_bias=False")
    if layer.go_backwards:
        raise ValueError(f"the NumPy {kind} reads sequences forwards, got go_backwards=True")
