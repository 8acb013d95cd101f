"""The sLSTM cell: the stabiliser changes nothing but the overflow
(lstm_course.numpy_models.slstm)."""

from lstm_course.maths import sigmoid
from lstm_course.numpy_models import slstm

import numpy as np
import pytest


def setup(seed=0, batch=2, steps=20, input_dim=3, units=4):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(batch, steps, input_dim)), slstm.init_params(input_dim, units, rng)


@pytest.mark.parametrize("forget", slstm.FORGET)
def test_stabilised_and_plain_cells_compute_the_same_h(forget):
    x, params = setup()
    stable = slstm.slstm_forward(x, params, stabilise=True, forget=forget)
    plain = slstm.slstm_forward(x, params, stabilise=False, forget=forget)
    np.testing.assert_allclose(stable["h"], plain["h"], rtol=1e-12, atol=1e-14)
    scale = np.exp(stable["m"])  # the stored states are the plain ones divided by exp(m)
    np.testing.assert_allclose(stable["c"] * scale, plain["c"], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(stable["n"] * scale, plain["n"], rtol=1e-12)
    assert np.all(plain["m"] == 0)


def test_one_step_from_zero_states_is_o_times_the_candidate():
    """n_1 = i_1 and c_1 = i_1 c̃_1, so h_1 = o_1 ⊙ c̃_1 whatever the input gate."""
    x, params = setup(steps=1)
    (W_xc, _, b_c), (W_xo, _, b_o) = params["c_tilde"], params["o"]
    h = slstm.slstm_forward(x, params)["h"][:, 0]
    np.testing.assert_allclose(h, sigmoid(x[:, 0] @ W_xo + b_o) * np.tanh(x[:, 0] @ W_xc + b_c))


def test_stabilised_gates_is_the_step_the_cell_runs():
    """exp(pre_i − m) and exp(log f + m_prev − m) are at most 1; their ratio is the plain one."""
    rng = np.random.default_rng(5)
    pre_i, log_f, m_prev = rng.normal(scale=3, size=(3, 2, 4))
    log_f = -np.logaddexp(0, -log_f)  # log σ
    i_gate, f_gate, m = slstm.stabilised_gates(pre_i, log_f, m_prev)
    np.testing.assert_array_equal(m, np.maximum(log_f + m_prev, pre_i))
    assert np.all(i_gate <= 1) and np.all(f_gate <= 1)
    assert np.all((i_gate == 1) | (f_gate == 1))  # the larger log weight becomes e^0
    np.testing.assert_allclose(i_gate / f_gate, np.exp(pre_i - log_f - m_prev), rtol=1e-12)
    gates32 = slstm.stabilised_gates(*(v.astype("float32") for v in (pre_i, log_f, m_prev)))
    assert all(v.dtype == np.float32 for v in gates32)


def test_h_is_a_weighted_average_of_the_cell_inputs():
    x, params = setup(seed=1, steps=50)
    out = slstm.slstm_forward(10 * x, params)
    assert np.all(np.abs(out["h"]) <= 1.0) and np.all(out["n"] > 0)


def overflowing(dtype):
    x, params = setup(seed=2, steps=12)
    params = {
        g: (W_x, W_h, b + (200.0 if g == "i" else 0.0)) for g, (W_x, W_h, b) in params.items()
    }
    cast = {g: tuple(p.astype(dtype) for p in v) for g, v in params.items()}
    return (10 * x).astype(dtype), cast


def test_without_the_stabiliser_exp_overflows_to_nan_and_with_it_h_is_right():
    x32, p32 = overflowing("float32")
    plain = slstm.slstm_forward(x32, p32, stabilise=False)
    assert np.isnan(plain["h"]).any()
    stable = slstm.slstm_forward(x32, p32)
    assert stable["h"].dtype == np.float32 and np.isfinite(stable["h"]).all()
    x64, p64 = overflowing("float64")  # exp(200 + ...) still fits in float64
    reference = slstm.slstm_forward(x64, p64, stabilise=False)["h"]
    assert np.isfinite(reference).all()
    np.testing.assert_allclose(stable["h"], reference, atol=1e-5)


def test_a_later_stronger_input_outweighs_the_stored_one():
    """Exponential gating can revise: a later input with a larger pre_i dominates h."""
    x, params = setup(steps=2, input_dim=1, units=1)
    params = {
        "c_tilde": (np.array([[1.0]]), np.zeros((1, 1)), np.zeros(1)),  # c̃ = tanh(x)
        "i": (np.array([[5.0]]), np.zeros((1, 1)), np.zeros(1)),  # pre_i = 5 x
        "f": (np.zeros((1, 1)), np.zeros((1, 1)), np.full(1, 5.0)),  # f ≈ 1: nothing forgotten
        "o": (np.zeros((1, 1)), np.zeros((1, 1)), np.full(1, 50.0)),  # o = 1
    }
    h = slstm.slstm_forward(np.array([[[0.5], [2.0]]]), params, forget="sigmoid")["h"][0, :, 0]
    assert h[0] == pytest.approx(np.tanh(0.5))
    assert abs(h[1] - np.tanh(2.0)) < 0.01  # the second input's weight e^10 against e^2.5
