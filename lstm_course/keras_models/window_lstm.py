"""The small Keras LSTM that notebook 05 trains on windows of numbers.

One ``LSTM`` layer and a ``Dense(1)`` on top, trained with Adam on the mean squared error in
batches of 32: the recipe of the tutorial that notebook 05 debugs (``LSTM(50,
activation="relu")``, Adam at its default rate 0.001, 100 epochs), with every part the
notebook changes as an argument. Keras is imported when a model is built, not on import.
"""

from lstm_course.arguments import as_positive_int, as_real, describe

import numpy as np


def _numbers(value, name: str) -> np.ndarray:
    try:
        if isinstance(value, str | bytes | dict) or value is None:
            raise TypeError
        return np.asarray(value, dtype="float64")
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of numbers, got {describe(value)}") from None


def fit_window_lstm(
    inputs,
    targets,
    *,
    seed: int,
    activation: str = "relu",
    learning_rate: float = 1e-3,
    epochs: int = 100,
    units: int = 50,
    batch_size: int = 32,
):
    """Train ``LSTM(units, activation) -> Dense(1)`` on windows; return its predictor.

    Args:
        inputs: windows, ``(n, length)``: one number per step (the feature axis Keras wants
            is added here).
        targets: one number per window, ``(n,)``.
        seed: seeds Python, NumPy and Keras first (:func:`lstm_course.seed_everything`), so
            the same call trains the same model.
        activation: the LSTM's activation (its gates keep Keras's sigmoid).
        learning_rate: Adam's learning rate.
        epochs, units, batch_size: the budget and the size.

    Returns:
        ``predict(windows) -> (n,) float64 array``, with the trained Keras model as
        ``predict.model`` and the last epoch's training loss as ``predict.loss``.
    """
    X, y = _numbers(inputs, "inputs"), _numbers(targets, "targets")
    if X.ndim != 2 or len(X) == 0:
        raise ValueError(f"inputs must be a 2-D array (n, length) of windows, got shape {X.shape}")
    if y.shape != (len(X),):
        raise ValueError(f"targets must hold one number per window, ({len(X)},), got {y.shape}")
    if not isinstance(activation, str):
        raise TypeError(f"activation must be a Keras activation name, got {describe(activation)}")
    learning_rate = as_real(learning_rate, "learning_rate", minimum=0.0, strict_minimum=True)
    epochs, units = as_positive_int(epochs, "epochs"), as_positive_int(units, "units")
    batch_size = as_positive_int(batch_size, "batch_size")
    from lstm_course.notebook.repro import seed_everything

    import keras

    seed_everything(seed)
    model = keras.Sequential(
        [
            keras.Input(shape=(X.shape[1], 1)),
            keras.layers.LSTM(units, activation=activation),
            keras.layers.Dense(1),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mse")
    history = model.fit(
        X[..., None].astype("float32"),
        y.astype("float32"),
        epochs=epochs,
        batch_size=batch_size,
        verbose=0,
    )

    def predict(windows):
        windows = np.asarray(windows, dtype="float32")
        if windows.ndim != 2 or windows.shape[1] != X.shape[1]:
            raise ValueError(
                f"windows must be (n, {X.shape[1]}), as in training, got shape {windows.shape}"
            )
        return model.predict(windows[..., None], verbose=0)[:, 0].astype("float64")

    predict.model = model
    predict.loss = float(history.history["loss"][-1])
    return predict
