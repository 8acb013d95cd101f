"""Adam, written in NumPy: the optimiser notebook 08 trains its NumPy LSTM with.

For every parameter array ``p`` with gradient ``g``, at step ``t = 1, 2, ...``::

    m = beta_1 * m + (1 - beta_1) * g            running mean of the gradient
    v = beta_2 * v + (1 - beta_2) * g**2         running mean of its square
    m_hat = m / (1 - beta_1**t)                  bias corrections: m and v start at 0
    v_hat = v / (1 - beta_2**t)
    p -= learning_rate * m_hat / (sqrt(v_hat) + epsilon)

Each entry gets its own step size: about ``learning_rate`` wherever the gradient keeps its
sign, smaller where it is noisy. The defaults are Kingma & Ba's (2015), as in
``keras.optimizers.Adam`` except its ``epsilon`` (1e-7 there); Keras also puts ``epsilon``
inside the bias correction, a difference far below anything this course measures.
"""

from lstm_course.arguments import as_float_array, as_real, describe

import numpy as np


class Adam:
    """Adam over a dict of NumPy arrays, updated in place by :meth:`step`.

    Args:
        learning_rate: > 0.
        beta_1, beta_2: decay rates of the two running means, in [0, 1).
        epsilon: > 0, keeps the division finite.
    """

    def __init__(self, learning_rate=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8):
        self.learning_rate = as_real(
            learning_rate, "learning_rate", minimum=0.0, strict_minimum=True
        )
        self.beta_1 = as_real(beta_1, "beta_1", minimum=0.0, maximum=1.0)
        self.beta_2 = as_real(beta_2, "beta_2", minimum=0.0, maximum=1.0)
        for name, value in (("beta_1", self.beta_1), ("beta_2", self.beta_2)):
            if value == 1.0:
                raise ValueError(f"{name} must be in [0, 1), got {value}")
        self.epsilon = as_real(epsilon, "epsilon", minimum=0.0, strict_minimum=True)
        self.t = 0
        self.m: dict = {}
        self.v: dict = {}

    def step(self, params: dict, grads: dict) -> None:
        """One update of every array in ``params`` (in place) from ``grads`` (same keys)."""
        if not isinstance(params, dict) or not isinstance(grads, dict):
            raise TypeError(
                f"params and grads must be dicts name -> array, got {describe(params)} and "
                f"{describe(grads)}"
            )
        if set(params) != set(grads):
            raise ValueError(
                f"grads must have the keys of params, {sorted(params)}, got {sorted(grads)}"
            )
        if self.m and set(self.m) != set(params):
            raise ValueError(
                f"params must be the arrays this optimiser started with, {sorted(self.m)}, "
                f"got {sorted(params)}"
            )
        for name, p in params.items():
            g = as_float_array(grads[name], f"grads[{name!r}]")
            if not isinstance(p, np.ndarray) or g.shape != p.shape:
                raise ValueError(
                    f"grads[{name!r}] must have the shape of params[{name!r}], "
                    f"{np.shape(p)}, got {g.shape}"
                )
        self.t += 1
        lr, b1, b2 = self.learning_rate, self.beta_1, self.beta_2
        for name, p in params.items():
            g = np.asarray(grads[name], dtype=p.dtype)
            m = self.m.setdefault(name, np.zeros_like(p))
            v = self.v.setdefault(name, np.zeros_like(p))
            m *= b1
            m += (1 - b1) * g
            v *= b2
            v += (1 - b2) * g**2
            m_hat = m / (1 - b1**self.t)
            v_hat = v / (1 - b2**self.t)
            p -= lr * m_hat / (np.sqrt(v_hat) + self.epsilon)
