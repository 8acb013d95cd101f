"""sweeps/common.py: the results file, the refusal of test scores, spread and k of n."""

import json
import sys

import pytest
from helpers import ROOT

sys.path.insert(0, str(ROOT / "sweeps"))
import common

MEASURED = {"measured": ("sweeps/common.py",)}


def test_a_sweep_that_informs_a_choice_cannot_store_a_test_score(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "RESULTS", tmp_path)
    rows = [{"seed": 0, "val_exact": 0.99, "metrics": {"seq2seq_test_exact": 0.98}}]
    with pytest.raises(ValueError, match="seq2seq_test_exact"):
        common.write_results("epochs", rows, informs_choice=True, claims="06", **MEASURED)
    assert not list(tmp_path.iterdir())
    path = common.write_results(
        "epochs", rows, informs_choice=False, claims="06", quotes=["q"], **MEASURED
    )
    written = json.loads(path.read_text())
    assert written["rows"] == rows and written["quotes"] == ["q"]
    assert set(written["meta"]) >= {"command", "package_version", "commit", "date", "cores"}
    assert written["meta"]["informs_choice"] is False
    assert written["meta"]["measured_code"] == {
        "sweeps/common.py": common.code_digest("sweeps/common.py")
    }


def test_only_names_with_the_word_test_count_as_test_scores():
    row = {"test_accuracy": 1, "val_loss": 2, "latest": 3, "metrics": {"attest": 4, "a_test": 5}}
    assert common.names_of_test_scores(row) == ["a_test", "test_accuracy"]


def test_bad_names_and_rows_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "RESULTS", tmp_path)
    with pytest.raises(ValueError, match="name"):
        common.write_results("Bad Name", [{"a": 1}], informs_choice=False, claims="x", **MEASURED)
    with pytest.raises(TypeError, match="rows"):
        common.write_results("ok", [], informs_choice=False, claims="x", **MEASURED)
    with pytest.raises(ValueError, match="measured"):
        common.write_results("ok", [{"a": 1}], informs_choice=False, claims="x", measured="a.py")


def test_spread_is_min_median_max():
    assert common.spread([3, 1, 2]) == {"n": 3, "min": 1.0, "median": 2.0, "max": 3.0}
    assert common.spread([4, 1, 2, 3])["median"] == 2.5
    with pytest.raises(ValueError, match="values"):
        common.spread([1, float("nan")])


@pytest.mark.parametrize(
    "k, n, lower, upper",
    [(2, 3, 0.0943, 0.9916), (0, 3, 0.0, 0.7076), (5, 5, 0.4782, 1.0), (3, 8, 0.0852, 0.7551)],
)
def test_k_of_n_is_clopper_pearson(k, n, lower, upper):
    # Reference values: R's binom.test(k, n)$conf.int, 95%.
    got = common.k_of_n(k, n)
    assert got == pytest.approx((lower, upper), abs=1e-4)


def test_k_of_n_refuses_impossible_counts():
    with pytest.raises(ValueError, match="k and n"):
        common.k_of_n(4, 3)


def _fake_run(job):
    return {"seed": job, "x": None if job == 99 else job * 2, "errors": []}


def test_run_all_writes_the_rows_and_stops_on_a_failed_run(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "RESULTS", tmp_path)
    write = {"informs_choice": False, "claims": "demo", **MEASURED}
    common.run_all(_fake_run, [1, 2], 1, ("x",), "demo", lambda rows: ["q"], **write)
    written = json.loads((tmp_path / "demo.json").read_text())
    assert [r["x"] for r in written["rows"]] == [2, 4] and written["quotes"] == ["q"]
    with pytest.raises(SystemExit, match="runs failed"):
        common.run_all(_fake_run, [1, 99], 1, ("x",), "demo2", lambda rows: ["q"], **write)
    assert not (tmp_path / "demo2.json").exists()


def test_a_notebooks_code_digest_ignores_its_parameters_cell_and_outputs(tmp_path, monkeypatch):
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["x = SEED + 1\n"]}
    parameters = {**cell, "metadata": {"tags": ["parameters"]}, "source": ["SEED = 1\n"]}
    notebook = tmp_path / "n.ipynb"
    monkeypatch.setattr(common, "ROOT", tmp_path)

    def digest(*cells):
        notebook.write_text(json.dumps({"cells": list(cells)}))
        return common.code_digest("n.ipynb")

    first = digest(parameters, cell)
    assert digest({**parameters, "source": ["SEED = 2\n"]}, cell) == first
    assert digest(parameters, {**cell, "outputs": [{"text": "2"}]}) == first
    assert digest(parameters, {**cell, "source": ["x = SEED + 2\n"]}) != first
    with pytest.raises(ValueError, match="path"):
        common.code_digest("missing.ipynb")


def test_a_notebook_row_holds_the_fields_the_named_metrics_and_how_the_run_went(monkeypatch):
    run = {
        "parameters": {"SEED": 3},
        "metrics": {"val_acc": 0.9},
        "verdicts": ["✓ a"],
        "errors": [],
        "seconds": 1.5,
    }
    monkeypatch.setattr(common, "run_notebook", lambda name, parameters, informs_choice: run)
    keys = {"accuracy": "val_acc", "missing": "val_loss"}
    row = common.notebook_row("03", {"SEED": 3}, keys, informs_choice=True, seed=3)
    assert row == {
        "seed": 3,
        "accuracy": 0.9,
        "missing": None,
        "parameters": {"SEED": 3},
        "verdicts": ["✓ a"],
        "errors": [],
        "seconds": 1.5,
    }


def test_checks_held_counts_every_check_that_ever_failed():
    rows = [
        {"verdicts": ["✓ a", "✗ b", "✓ c"]},
        {"verdicts": ["✓ a", "✓ b", "✗ c"]},
        {"verdicts": ["✓ a", "✗ b", "✓ c"]},
    ]
    assert (
        common.checks_held(rows)
        == "the checks held in every run except 'b' in 1 of 3; 'c' in 2 of 3"
    )
    assert common.checks_held(rows[:0] + [{"verdicts": ["✓ a"]}] * 2) == (
        "every check of the notebook held in 2 of 2 runs"
    )
