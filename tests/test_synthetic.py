from lstm_course.data import synthetic

import numpy as np


def test_spike_sequences_tag_the_spike_step_only_at_allowed_positions():
    rng = np.random.default_rng(0)
    x, tags = synthetic.spike_sequences(500, 10, range(5, 10), rng)
    assert x.shape == (500, 10, 1) and tags.shape == (500, 10)
    assert set(np.unique(tags)) == {0.0, 1.0}
    assert tags[:, :5].sum() == 0 and 0.4 < tags.sum(axis=1).mean() < 0.6
    assert np.all(tags.sum(axis=1) <= 1)
    assert np.all(x[tags == 1, 0] > 0.7) and np.all(np.abs(x[tags == 0, 0]) < 0.3)


def test_delayed_echo_targets_are_the_inputs_shifted():
    x, y = synthetic.delayed_echo(20, 8, vocab=4, delay=2, rng=np.random.default_rng(1))
    tokens = x.argmax(-1)
    assert x.shape == (20, 8, 4) and np.all(x.sum(-1) == 1)
    assert np.array_equal(y[:, 2:], tokens[:, :-2]) and np.all(y[:, :2] == 0)


def test_adding_problem_has_one_marker_per_half_and_the_right_sum():
    x, y = synthetic.adding_problem(300, 100, np.random.default_rng(2))
    markers = x[..., 1]
    assert np.all(markers[:, :50].sum(1) == 1) and np.all(markers[:, 50:].sum(1) == 1)
    np.testing.assert_allclose(y, (x[..., 0] * markers).sum(1), rtol=1e-6)
    assert abs(np.mean((y - 1.0) ** 2) - 1 / 6) < 0.03  # the mean-prediction baseline


def test_sliding_windows_label_is_the_value_after_the_window():
    X, y = synthetic.sliding_windows(np.arange(2, 21, 2), 3)
    assert X.shape == (7, 3) and y.shape == (7,)
    assert X[0].tolist() == [2, 4, 6] and y[0] == 8
    assert X[-1].tolist() == [14, 16, 18] and y[-1] == 20


def test_subject_memory_target_is_the_cuisine_of_the_last_subject():
    x, y, switch_at = synthetic.subject_memory(400, 15, np.random.default_rng(3))
    tokens = x.argmax(-1)
    assert x.shape == (400, 15, len(synthetic.MEMORY_VOCAB)) and np.all(x.sum(-1) == 1)
    assert np.all(tokens[:, -1] == len(synthetic.MEMORY_VOCAB) - 1)  # the query word
    n_subjects = len(synthetic.SUBJECT_WORDS)
    for row, target, switch in zip(tokens, y, switch_at, strict=True):
        subjects = np.flatnonzero(row < n_subjects)
        assert subjects[0] < 3  # the first subject in the first 3 steps
        assert target == row[subjects[-1]]  # the cuisine of the subject mentioned last
        if switch >= 0:
            assert 5 <= switch < 10 and row[switch] != row[subjects[0]]
        else:
            assert len(set(row[subjects])) == 1
    assert 0.35 < np.mean(switch_at >= 0) < 0.65


def test_sliding_windows_keep_the_dtype():
    X, y = synthetic.sliding_windows(np.arange(6), 2)
    assert X.dtype == y.dtype == np.arange(6).dtype


def test_running_parity_labels_are_the_parity_of_every_prefix():
    from lstm_course.data import synthetic

    x, y = synthetic.running_parity(50, 12, np.random.default_rng(0))
    assert x.shape == (50, 12, 1) and y.shape == (50, 12)
    for bits, labels in zip(x[..., 0], y, strict=True):
        assert [sum(bits[: t + 1]) % 2 for t in range(12)] == labels.tolist()
