"""Write every launch link of the course from the one setting in ``tools/course_links.py``.

    python tools/launch_links.py sync    # rewrite the notebooks' badges and install cells
    python tools/launch_links.py check   # exit 1 if any notebook disagrees with the setting

Each notebook gets, from ``REPOSITORY`` and ``BRANCH``:

- a line of badges (Binder, Colab) right under its title, in its first cell;
- a first code cell, tagged ``colab-install`` (and ``remove-cell``: the site hides it), that
  installs the ``lstm_course`` package on Google Colab only, without its dependencies
  (Colab's TensorFlow, Keras and NumPy stay), and does nothing anywhere else.

The README's badges are written by ``tools/readme_assets.py readme`` from the same
setting. ``tests/test_links.py`` checks all of them. Editing cells keeps their outputs; the
cell ids are renumbered 0, 1, 2, … as ``nbstripout`` leaves them.
"""

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools import course_links  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
INSTALL_TAG = "colab-install"
# The course site (site/make_site.py) hides the install cell: its pages are read, not run.
INSTALL_TAGS = [INSTALL_TAG, "remove-cell"]
BADGE_LINE = re.compile(r"^\[!\[Launch on Binder\].*$\n?", re.M)


def install_cell_source() -> str:
    return (
        "# On Google Colab only: install the course's helper package, without its dependencies\n"
        "# (Colab keeps its own TensorFlow, Keras and NumPy). Anywhere else: does nothing.\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        f'    %pip install --quiet --no-deps "{course_links.pip_install_target()}"'
    )


def with_badges(first_cell: str, notebook: str) -> str:
    """The first cell's text with exactly one badge line, right after the title line."""
    title, _, rest = BADGE_LINE.sub("", first_cell).partition("\n")
    badges = course_links.badges_markdown(notebook)
    rest = rest.lstrip("\n")
    return f"{title}\n\n{badges}\n\n{rest}" if rest else f"{title}\n\n{badges}"


def synced(nb: nbformat.NotebookNode, notebook: str) -> nbformat.NotebookNode:
    first = nb.cells[0]
    first.source = with_badges(first.source, notebook)
    cells = [c for c in nb.cells if INSTALL_TAG not in c.metadata.get("tags", [])]
    old = [c for c in nb.cells if INSTALL_TAG in c.metadata.get("tags", [])]
    install = old[0] if old else nbformat.v4.new_code_cell()
    install.metadata["tags"] = list(INSTALL_TAGS)
    if install.source != install_cell_source():  # a changed cell has not been run yet
        install.source = install_cell_source()
        install.outputs = []
        install.execution_count = None
    code_at = next(i for i, c in enumerate(cells) if c.cell_type == "code")
    cells.insert(code_at, install)
    for i, cell in enumerate(cells):
        cell.id = str(i)
    nb.cells = cells
    return nb


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["sync", "check"])
    args = parser.parse_args(argv)
    stale = []
    for path in NOTEBOOKS:
        text = path.read_text()
        nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
        wanted = nbformat.writes(synced(nb, path.name)) + "\n"
        if wanted != text:
            stale.append(path.name)
            if args.command == "sync":
                path.write_text(wanted)
    if args.command == "check" and stale:
        names = ", ".join(stale)
        print(f"launch links out of date in {names}: run python tools/launch_links.py sync")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
