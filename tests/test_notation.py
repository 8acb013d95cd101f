"""The course's one notation is written once (CONTRIBUTING.md) and copied word for word into
notebook 00 and the package docstring; these tests keep the copies equal to it."""

import lstm_course

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"<!-- notation:start -->\n(.*?)\n<!-- notation:end -->", re.S)


def notation_in(text: str, where: str) -> str:
    found = BLOCK.findall(text)
    assert len(found) == 1, f"{where} must hold one notation block, found {len(found)}"
    return found[0]


def source() -> str:
    return notation_in((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), "CONTRIBUTING.md")


def test_the_source_table_names_every_letter_the_reviews_found_ambiguous():
    table = source()
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    assert len(rows) >= 15
    for code_name in ("`W_xh`", "`W_hh`", "`W_hy`", "`c_tilde`", "`h_tilde`", "`pre`", "`logits`"):
        assert code_name in table
    assert "**keeps** the old state" in table  # one GRU convention, for 09 and 10


def test_notebook_00_carries_the_same_table():
    nb = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert notation_in(text, "notebook 00") == source()


def test_the_package_docstring_carries_the_same_table():
    assert notation_in(lstm_course.__doc__, "lstm_course.__doc__") == source()
