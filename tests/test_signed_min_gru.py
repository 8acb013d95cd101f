"""minGRU with a signed state coefficient a = 2z − 1 (notebook 10, section 5)."""

from lstm_course.data import synthetic
from lstm_course.numpy_models import minimal_rnns, scan

import numpy as np
import pytest


def _parity_unit():
    # bit 0: z ≈ 1 (keep); bit 1: z ≈ 0, b = g(0.5) = 1
    return np.array([[-40.0]]), np.array([20.0]), np.zeros((1, 1)), np.array([0.5])


@pytest.mark.parametrize("signed, low, high", [(True, 1.0, 1.0), (False, 0.4, 0.6)])
def test_hand_set_unit_solves_running_parity_only_with_the_signed_gate(signed, low, high):
    x, y = synthetic.running_parity(200, 256, np.random.default_rng(0))
    h = minimal_rnns.min_gru(x, *_parity_unit(), mode="scan", signed=signed)[..., 0]
    accuracy = ((h > 0.5) == y).mean()
    assert low <= accuracy <= high


def test_signed_scan_equals_signed_loop_and_a_is_2z_minus_1():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(2, 19, 3))
    weights = [rng.normal(size=s) for s in ((3, 4), (4,), (3, 4), (4,))]
    loop = minimal_rnns.min_gru(x, *weights, mode="loop", signed=True)
    np.testing.assert_allclose(minimal_rnns.min_gru(x, *weights, signed=True), loop, atol=1e-12)
    z = 1 / (1 + np.exp(-(x @ weights[0] + weights[1])))
    b = (1 - z) * minimal_rnns.g(x @ weights[2] + weights[3])
    np.testing.assert_allclose(scan.linear_recurrence_loop(2 * z - 1, b), loop, atol=1e-12)
    assert not np.allclose(minimal_rnns.min_gru(x, *weights, mode="loop"), loop)


def test_signed_log_form_is_refused():
    x = np.zeros((1, 2, 1))
    with pytest.raises(ValueError, match="signed=True"):
        minimal_rnns.min_gru(x, *_parity_unit(), mode="log", signed=True)
    with pytest.raises(TypeError, match="signed"):
        minimal_rnns.min_gru(x, *_parity_unit(), signed="yes")


def test_keras_signed_layer_equals_numpy_and_keeps_its_config():
    keras = pytest.importorskip("keras")
    from lstm_course.keras_models.minimal_rnns import MinGRU

    keras.utils.set_random_seed(0)
    x = np.random.default_rng(0).normal(size=(3, 37, 2)).astype("float32")
    layer = MinGRU(5, signed=True)
    h = keras.ops.convert_to_numpy(layer(x))
    reference = minimal_rnns.min_gru(x, *layer.numpy_weights(), mode="scan", signed=True)
    assert np.abs(h - reference).max() <= 1e-5 * np.abs(reference).max()
    unsigned = minimal_rnns.min_gru(x, *layer.numpy_weights(), mode="scan")
    assert np.abs(h - unsigned).max() > 1e-3
    assert MinGRU.from_config(layer.get_config()).signed is True
    with pytest.raises(TypeError, match="signed"):
        MinGRU(2, signed="yes")
