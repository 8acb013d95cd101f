from lstm_course.training.clipping import clip_by_global_norm

import numpy as np
import pytest
import tensorflow as tf


@pytest.mark.parametrize("scale", [0.01, 100.0])
def test_matches_tensorflow(scale):
    rng = np.random.default_rng(0)
    grads = [rng.normal(scale=scale, size=(3, 4)), rng.normal(scale=scale, size=7)]
    clipped, norm = clip_by_global_norm(grads, 1.0)
    tf_clipped, tf_norm = tf.clip_by_global_norm([tf.constant(g) for g in grads], 1.0)
    assert norm == pytest.approx(float(tf_norm))
    for ours, theirs in zip(clipped, tf_clipped, strict=True):
        np.testing.assert_allclose(ours, theirs.numpy(), rtol=1e-12)


def test_keeps_direction_and_caps_the_norm():
    grads = [np.array([3.0, 0.0]), np.array([[4.0]])]
    clipped, norm = clip_by_global_norm(grads, 1.0)
    assert norm == 5.0
    np.testing.assert_allclose(clipped[0], [0.6, 0.0])
    np.testing.assert_allclose(clipped[1], [[0.8]])
