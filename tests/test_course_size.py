"""A sentence that counts the course's notebooks ("the course is eleven notebooks, 00 to 10")
agrees with the notebooks there are: README, CONTRIBUTING, the site's pages and every
notebook's markdown (notebook 00 once said eight when there were eleven)."""

import json
import re

import pytest
from helpers import NOTEBOOKS, ROOT

NUMBERS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
WORDS = {word: n for n, word in enumerate(NUMBERS.split())}
COUNT = re.compile(
    r"course(?:'s)?(?:\s+is)?\s+(\w+)\s+notebooks(?:,\s+(\d\d)\s+to\s+(\d\d))?", re.IGNORECASE
)


def texts() -> list[tuple[str, str]]:
    found = [
        (p.name, p.read_text(encoding="utf-8"))
        for p in (ROOT / "README.md", ROOT / "CONTRIBUTING.md")
    ]
    found += [
        (f"site/{p.name}", p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "site").glob("*.md"))
    ]
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        found.append((path.name, markdown))
    return found


def wrong_counts(text: str, notebooks: list[str]) -> list[str]:
    """The counting phrases in ``text`` that disagree with ``notebooks`` (their file names)."""
    first, last = notebooks[0][:2], notebooks[-1][:2]
    wrong = []
    for match in COUNT.finditer(text):
        word, low, high = match.groups()
        number = int(word) if word.isdigit() else WORDS.get(word.lower())
        if number is None:
            continue  # "the course's own notebooks": not a count
        if number != len(notebooks) or (low and (low, high) != (first, last)):
            wrong.append(match.group(0))
    return wrong


def test_the_check_catches_a_wrong_count():
    names = [f"{n:02d}_x.ipynb" for n in range(11)]
    assert wrong_counts("The course is eleven notebooks, 00 to 10.", names) == []
    assert wrong_counts("The course is eight notebooks, from the RNN", names) == [
        "course is eight notebooks"
    ]
    assert wrong_counts("the course's 11 notebooks, 00 to 09", names) == [
        "course's 11 notebooks, 00 to 09"
    ]


@pytest.mark.parametrize("name, text", texts(), ids=lambda v: v if len(v) < 60 else "")
def test_every_count_of_the_course_notebooks_is_right(name, text):
    assert not wrong_counts(text, [p.name for p in NOTEBOOKS]), name


def test_the_count_is_stated_where_learners_start():
    stated = {name for name, text in texts() if COUNT.search(text)}
    assert {"00_start_here.ipynb", "site/index.md"} <= stated, stated
