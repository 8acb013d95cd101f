from lstm_course.notebook.headline_numbers import ENV_VAR, metric

import json

import numpy as np


def test_records_only_when_the_variable_is_set(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv(ENV_VAR, raising=False)
    metric("silent", 1.0)
    target = tmp_path / "m.json"
    monkeypatch.setenv(ENV_VAR, str(target))
    metric("exact_match", np.float32(0.5))
    metric("seconds", 3)
    assert json.loads(target.read_text()) == {"exact_match": 0.5, "seconds": 3.0}
    assert capsys.readouterr().out == ""
