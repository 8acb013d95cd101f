"""Evidence you can re-run (CONTRIBUTING.md, "Evidence"): the guard.

1. A paragraph of a notebook's markdown that speaks of runs the notebook does not show
   (other seeds, "outside this notebook", "in every run", "while writing this notebook")
   names a committed results file, ``sweeps/results/<name>.json``, that exists; a citation
   also covers the lists and tables right after its paragraph. Cells titled "Exercises and
   questions" are questions to the learner, not claims, and are not read.
2. A cell that cites a results file quotes at least one of its ``quotes`` word for word, and
   every quote stands in some citing cell; the quotes are what the sweep's ``quotes(rows)``
   makes of the file's rows.
3. A results file whose sweep informs a choice holds no test score, and a sweep script that
   declares ``INFORMS_CHOICE = True`` names none.
4. A results file is stale, and fails, once the code it measured has changed.

Each rule is shown failing on a planted example. The claims written before the rule, which
issues 35 to 37 rewrite with sweeps, are listed in ``KNOWN_UNBACKED`` (notebook, a quote of
the sentence, the issue that fixes it); the list may only shrink: an entry whose sentence is
gone or now backed fails too, so it must be deleted.
"""

import ast
import json
import re
from pathlib import Path

import pytest
from helpers import NOTEBOOKS, ROOT

SWEEPS = ROOT / "sweeps"
RESULTS = SWEEPS / "results"
NUMBER = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)"
OTHER_RUNS = re.compile(
    "|".join(
        [
            r"outside\s+(?:this|the)\s+notebook",
            r"while\s+writing\s+this\s+notebook",
            r"while\s+this\s+notebook\s+was\s+written",
            r"\b(?:other|more)\s+seeds?\b",
            rf"\b{NUMBER}\s+other\s+seeds\b",
            rf"\b{NUMBER}\s+seeds\b",
            r"\bseeds?\s+\d+\s*(?:to|–|-|and)\s*\d+",
            r"\bseeds?\s+\d+(?:,\s*\d+)+",
            r"\bwith\s+`?SEED\s*=\s*\d+`?",
            r"\banother\s+seed\b",
            r"\bdifferent\s+seeds?\b",
            r"\ball\s+(?:the\s+)?seeds\b",
            r"\bseeds\s+\d+\s+through\s+\d+",
            rf"\b{NUMBER}\s+of\s+{NUMBER}\s+(?:runs|seeds)\b",
            r"\brepeated\s+runs\b",
            r"\bevery\s+run\s+we\s+tried\b",
            r"\bacross\s+(?:runs|seeds)\b",
            rf"\bin\s+(?:every|each|all)\s+(?:{NUMBER}\s+)?(?:runs?|seeds?)\b",
            rf"\b(?:most|some|many|several|{NUMBER})\s+(?:of\s+the\s+)?(?:runs|seeds)\b",
            r"\bfor\s+(?:every|each|any)\s+seed\b",
            r"\b(?:typically|on\s+average|usually)\b[^.]*\b(?:runs?|seeds?)\b",
        ]
    ),
    re.IGNORECASE,
)
CITED = re.compile(r"sweeps/results/([a-z0-9_]+)\.json")

# (notebook, quote from the sentence, the issue whose sweep backs it or removes it)
KNOWN_UNBACKED = []

# Sentences the trigger words catch that are not claims about unseen runs: (notebook, quote, why)
NOT_CLAIMS = [
    ("00_start_here", "the figures a notebook quotes about other", "where such claims come from"),
    ("00_start_here", "so two runs differ unless every random", "the two runs it shows"),
    ("00_start_here", "so a `✓` you read holds *for that seed", "what a ✓ covers: the rule"),
    ("00_start_here", "claims about other seeds come from sweeps", "the rule, not a claim"),
    ("08_char_language_model", "Rerun with another seed", "a question to the learner"),
    ("08_char_language_model", "so the two runs are not equal", "the NumPy and Keras runs shown"),
    ("09_gru_and_variants", "`RUNS` = 3 runs each", "the runs it shows"),
    ("09_gru_and_variants", "(3 runs per model, 1,000 test sequences", "the runs it shows"),
]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def blocks(text: str) -> list[str]:
    """A markdown cell's blocks: paragraphs, lists and tables, split at blank lines."""
    return [b for b in re.split(r"\n\s*\n", text) if b.strip()]


def is_list_or_table(block: str) -> bool:
    return bool(re.match(r"\s*(?:[-*+]\s|\d+\.\s|\|)", block))


def unbacked_cells(cells, results_dir: Path = RESULTS) -> list[tuple[int, str]]:
    """``(cell index, normalised block)`` of each markdown block that speaks of runs it does
    not show and names no existing results file. A citation covers its own paragraph and the
    lists and tables right after it in the same cell; every other paragraph cites its own."""
    found = []
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        if text.lstrip().startswith("## Exercises and questions"):
            continue
        covered = False
        for block in blocks(text):
            cited = CITED.findall(block)
            if cited:
                covered = all((results_dir / f"{name}.json").exists() for name in cited)
            elif not is_list_or_table(block):
                covered = False
            if OTHER_RUNS.search(block) and not covered:
                found.append((index, normalise(block)))
    return found


def notebook_cells(path: Path) -> list:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_claims_about_other_runs_cite_a_results_file(path):
    known = [quote for stem, quote, _ in KNOWN_UNBACKED + NOT_CLAIMS if stem == path.stem]
    for index, text in unbacked_cells(notebook_cells(path)):
        assert any(normalise(q) in text for q in known), (
            f"{path.name} cell {index} speaks of runs the notebook does not show but cites no "
            f"sweeps/results/<name>.json that exists: {text[:300]!r}"
        )


@pytest.mark.parametrize(
    "stem, quote, issue", KNOWN_UNBACKED + NOT_CLAIMS, ids=lambda v: str(v)[:40]
)
def test_the_list_of_known_unbacked_claims_only_shrinks(stem, quote, issue):
    # 18 when the guard was written; 21 once it read paragraphs, not whole cells; 9 after the
    # sweeps of 02, 06, 09 and 10 (one of the 9 caught by a pattern added later).
    assert len(KNOWN_UNBACKED) <= 5, "KNOWN_UNBACKED may only shrink: back a new claim instead"
    texts = [
        text for _, text in unbacked_cells(notebook_cells(NOTEBOOKS[0].parent / f"{stem}.ipynb"))
    ]
    assert any(normalise(quote) in text for text in texts), (
        f"{stem}: {quote!r} is no longer an unbacked claim (issue {issue} fixed it?): "
        "delete its entry from KNOWN_UNBACKED"
    )


def test_the_guard_catches_a_planted_claim_and_passes_a_backed_one(tmp_path):
    (tmp_path / "lag_sweep.json").write_text("{}")
    planted = [
        {"cell_type": "markdown", "source": ["We ran 8 other seeds outside the notebook."]},
        {"cell_type": "markdown", "source": ["Over five seeds (sweeps/results/missing.json)."]},
        {"cell_type": "markdown", "source": ["Over five seeds (sweeps/results/lag_sweep.json)."]},
        {"cell_type": "markdown", "source": ["## Exercises and questions\n\nTry other seeds."]},
        {"cell_type": "code", "source": ["# seeds 0 to 4, outside this notebook"]},
        {"cell_type": "markdown", "source": ["This is a single run (`SEED = 42`)."]},
        {
            "cell_type": "markdown",
            "source": [
                "Over five seeds (sweeps/results/lag_sweep.json):\n\n",
                "- the LSTM won in 5 of 5 runs\n\n",
                "| seed | 0 |\n|---|---|\n\n",
                "And it typically wins in other runs too.\n",
            ],
        },
    ]
    found = unbacked_cells(planted, tmp_path)
    assert [i for i, _ in found] == [0, 1, 6], found
    assert found[-1][1].strip() == "And it typically wins in other runs too."


# --- sweeps that inform a choice hold no test score ---------------------------------------


def string_constants(source: str) -> set[str]:
    return {
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def informs_choice(source: str) -> bool | None:
    """The literal ``INFORMS_CHOICE`` a sweep script declares (``None``: it declares none)."""
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if isinstance(node, ast.Assign | ast.AnnAssign) and any(
            isinstance(t, ast.Name) and t.id == "INFORMS_CHOICE" for t in targets
        ):
            value = ast.literal_eval(node.value)
            return value if isinstance(value, bool) else None
    return None


def names_a_test_score(source: str) -> list[str]:
    """The names among a sweep script's string constants (keys, metric names: no spaces)
    that name a test score or the test split. ``SCORE_TEST``, the notebooks' switch that
    turns test scoring off, is the one such name a choosing sweep may use."""
    word = re.compile(r"(?:^|[^a-z])test(?:$|[^a-z])", re.IGNORECASE)
    names = {s for s in string_constants(source) if re.fullmatch(r"\w+", s)}
    return sorted(s for s in names - {"SCORE_TEST"} if word.search(s))


def sweep_scripts() -> list[Path]:
    return [p for p in sorted(SWEEPS.glob("*.py")) if p.name != "common.py"]


@pytest.mark.parametrize("script", sweep_scripts(), ids=lambda p: p.stem)
def test_every_sweep_declares_whether_it_informs_a_choice_and_a_choosing_one_names_no_test_score(
    script,
):
    source = script.read_text(encoding="utf-8")
    declared = informs_choice(source)
    assert declared is not None, f"{script.name} must declare INFORMS_CHOICE = True or False"
    if declared:
        assert not names_a_test_score(source), (script.name, names_a_test_score(source))
        assert "informs_choice=INFORMS_CHOICE" in source, (
            f"{script.name} must pass informs_choice=INFORMS_CHOICE to run_notebook, which "
            "then turns test scoring off and keeps only validation metrics"
        )


def test_the_script_guard_catches_a_planted_sweep():
    planted = 'INFORMS_CHOICE = True\nscore = run()["metrics"]["seq2seq_test_exact"]\n'
    assert informs_choice(planted) and names_a_test_score(planted) == ["seq2seq_test_exact"]
    assert informs_choice("INFORMS_CHOICE: bool = True\n") is True
    assert informs_choice("CHOICE = True\n") is None
    fine = 'INFORMS_CHOICE = True\nscore = run({"SCORE_TEST": False})["metrics"]["val_exact"]\n'
    assert informs_choice(fine) and not names_a_test_score(fine)


@pytest.mark.parametrize("path", sorted(RESULTS.glob("*.json")), ids=lambda p: p.stem)
def test_results_files_say_how_they_were_made_and_choices_saw_no_test_score(path):
    import sys

    sys.path.insert(0, str(SWEEPS))
    from common import names_of_test_scores

    results = json.loads(path.read_text())
    meta = results["meta"]
    for key in ("command", "package_version", "commit", "date", "cores", "claims", "measured_code"):
        assert meta.get(key), f"{path.name}: meta lacks {key}"
    if meta["informs_choice"]:
        leaked = sorted({n for row in results["rows"] for n in names_of_test_scores(row)})
        assert not leaked, f"{path.name} informs a choice but holds test scores {leaked}"


def citing_cells(name: str) -> list[str]:
    """The normalised text of every notebook markdown cell that cites ``name``'s results."""
    return [
        normalise("".join(cell["source"]))
        for path in NOTEBOOKS
        for cell in notebook_cells(path)
        if cell["cell_type"] == "markdown"
        and f"sweeps/results/{name}.json" in "".join(cell["source"])
    ]


def quotes_missing(quotes: list[str], cells: list[str]) -> list[str]:
    """The quotes that no citing cell holds, and the citing cells that hold none of them
    (a cell that cites a file quotes it; a summary may quote one sentence, not all)."""
    missing = [q for q in quotes if not any(normalise(q) in text for text in cells)]
    bare = [text[:120] for text in cells if not any(normalise(q) in text for q in quotes)]
    return missing + bare


@pytest.mark.parametrize("path", sorted(RESULTS.glob("*.json")), ids=lambda p: p.stem)
def test_a_cell_citing_a_results_file_quotes_its_numbers_word_for_word(path):
    quotes = json.loads(path.read_text())["quotes"]
    assert quotes, f"{path.name} has no quotes: a citing cell would be held to nothing"
    cells = citing_cells(path.stem)
    assert cells, f"no notebook cites sweeps/results/{path.name}: delete it or cite it"
    assert not quotes_missing(quotes, cells), quotes_missing(quotes, cells)


def test_the_quote_check_catches_a_changed_number():
    quotes = ["the LSTM reached 99% in 8 of 8 runs", "the RNN in 3 of 8"]
    both = normalise("So: the LSTM reached 99% in\n8 of 8 runs, the RNN in 3 of 8.")
    assert not quotes_missing(quotes, [both, "Summary: the RNN in 3 of 8."])
    changed = "So: the LSTM reached 99% in 7 of 8 runs, the RNN in 3 of 8."
    assert quotes_missing(quotes, [changed]) == quotes[:1]
    assert quotes_missing(quotes, [both, "Summary: the RNN in 4 of 8."]) == [
        "Summary: the RNN in 4 of 8."
    ]


@pytest.mark.parametrize("path", sorted(RESULTS.glob("*.json")), ids=lambda p: p.stem)
def test_a_results_files_quotes_are_what_its_sweep_makes_of_its_rows(path):
    import importlib.util
    import sys

    results = json.loads(path.read_text())
    script = SWEEPS / results["meta"]["command"].split()[1].removeprefix("sweeps/")
    assert script.exists(), f"{path.name} was made by {script.name}, which is not in sweeps/"
    sys.path.insert(0, str(SWEEPS))
    spec = importlib.util.spec_from_file_location(script.stem, script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.quotes(results["rows"]) == results["quotes"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_metric_recorded_where_the_test_set_is_scored_says_test(path):
    """Where a notebook scores its test set (cells under ``if SCORE_TEST:``), every number it
    records with ``lc.metric`` has the word ``test`` in its name, so a choosing sweep, which
    keeps only names with ``val``, cannot read one."""
    for index, cell in enumerate(notebook_cells(path)):
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or "if SCORE_TEST:" not in source:
            continue
        for name in re.findall(r"lc\.metric\(\s*f?\"([^\"]+)\"", source):
            assert "test" in name.split("_"), f"{path.name} cell {index}: metric {name!r}"


@pytest.mark.parametrize("path", sorted(RESULTS.glob("*.json")), ids=lambda p: p.stem)
def test_a_results_file_is_not_stale(path):
    """The code a sweep measured (a notebook's code cells, parameters aside, or a script) is
    the code in the repository now; otherwise its numbers describe code that is gone."""
    import sys

    sys.path.insert(0, str(SWEEPS))
    from common import code_digest

    measured = json.loads(path.read_text())["meta"]["measured_code"]
    changed = [p for p, digest in measured.items() if code_digest(p) != digest]
    assert not changed, f"{path.name} is stale: {changed} changed since it ran; run its sweep again"
