from lstm_course import CompactProgress, seed_everything

import keras
import numpy as np


def tiny_fit(callback, epochs=10):
    seed_everything(0)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    x, y = np.ones((8, 2)), np.zeros((8, 1))
    return model.fit(x, y, epochs=epochs, verbose=0, callbacks=[callback], validation_split=0.25)


def test_prints_one_line_every_n_epochs_and_a_summary(capsys):
    tiny_fit(CompactProgress(every=4, label="demo"), epochs=10)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("demo: epoch  4/10  loss ")
    assert "val_loss" in lines[0]
    assert lines[1].startswith("demo: epoch  8/10")
    assert lines[2].startswith("demo: trained 10 epochs in ")


def test_the_last_epoch_is_not_printed_twice(capsys):
    """Its line would repeat the summary's numbers (review item 36)."""
    for every, periodic in [(5, [5]), (10, []), (3, [3, 6, 9])]:
        tiny_fit(CompactProgress(every=every), epochs=10)
        lines = capsys.readouterr().out.splitlines()
        assert [int(line.split("/")[0].split()[-1]) for line in lines[:-1]] == periodic
        assert lines[-1].startswith("trained 10 epochs in ") and "loss" in lines[-1]


def test_metrics_keep_four_significant_digits():
    from lstm_course.notebook.progress import _format_logs

    logs = {"accuracy": 1.0, "loss": 0.0123, "val_loss": 1.23456e-5, "lr": 250.0, "note": "x"}
    assert _format_logs(logs) == "accuracy 1.000  loss 0.01230  lr 250.0  val_loss 1.235e-05"


def test_live_mode_outside_jupyter_prints_only_the_summary(capsys):
    tiny_fit(CompactProgress(every=None), epochs=4)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("trained 4 epochs")


def test_live_mode_in_jupyter_updates_one_display(capsys, monkeypatch):
    """The branch for Jupyter: one display handle, updated after every epoch."""
    import IPython
    import IPython.display

    updates = []

    class Handle:
        def update(self, obj):
            updates.append(obj)

    shown = []

    def fake_display(obj, display_id=None):
        shown.append((obj, display_id))
        return Handle()

    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", fake_display)
    tiny_fit(CompactProgress(every=None, label="live"), epochs=3)
    texts = [u.data for u in updates]  # IPython.display.Pretty: plain text, no quotes
    assert [(obj.data, display_id) for obj, display_id in shown] == [("live: epoch 0/3", True)]
    assert [t.split("  ")[0] for t in texts[:3]] == [f"live: epoch {k}/3" for k in (1, 2, 3)]
    assert "loss" in texts[2]
    assert texts[-1].startswith("live: trained 3 epochs") and len(texts) == 4
    assert capsys.readouterr().out == ""  # the summary replaced the live line


def test_numpy_integers_are_accepted():
    assert CompactProgress(every=np.int64(5)).every == 5
