"""Build the course site from the committed, executed notebooks (nothing is re-executed).

    python site/make_site.py                 # into _build/site (what `make site` runs)
    python site/make_site.py --out DIR       # into DIR/src, DIR/html, DIR/doctrees
    python site/make_site.py --check-alt     # only check site/figure_alt.toml, build nothing

The notebooks are copied to ``OUT/src/notebooks/`` and the copies are prepared for Sphinx:

- each figure (a code cell with an ``image/png`` output) gets its alt text from
  ``site/figure_alt.toml``, in the cell's ``mystnb.image.alt`` metadata, which myst-nb writes
  into the ``<img alt=...>``; a figure without an entry, or an entry that matches no code
  cell or several, stops the build;
- the Binder and Colab badges of the first cell are dropped: every notebook page has launch
  buttons of its own (site/conf.py), and the site loads nothing from other servers;
- a worked solution, ``<details><summary>TITLE</summary> ... </details>`` in a markdown cell,
  becomes a MyST ``dropdown`` (sphinx-design): collapsed until clicked.

The landing page is ``site/index.md`` with the course map (from the README's table between
``<!-- course-map:start -->`` and ``<!-- course-map:end -->``) and the table of contents put
in. Sphinx then builds ``OUT/html`` with warnings as errors (``-W --keep-going -n``).
"""

import argparse
import html.parser
import json
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

SITE = Path(__file__).resolve().parent
ROOT = SITE.parent
sys.path.insert(0, str(ROOT))

from tools import course_links  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
README = ROOT / "README.md"
ALT_FILE = SITE / "figure_alt.toml"
INDEX_TEMPLATE = SITE / "index.md"
COURSE_MAP_MARKER = "<!-- course-map -->"
DEFAULT_OUT = ROOT / "_build" / "site"


class SiteError(Exception):
    """What stops the build; each line of the message is one problem."""


def rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


# --- Notebooks, read as JSON ------------------------------------------------------------------
# Plain json, not nbformat: importing nbformat costs about 2 s (jsonschema builds an IRI
# grammar), and Sphinx's process (myst-nb) validates the copies anyway.


def read_notebook(path: Path) -> dict:
    nb = json.loads(path.read_text(encoding="utf-8"))
    if nb.get("nbformat") != 4:
        raise SiteError(f"{rel(path)}: not an nbformat 4 notebook")
    return nb


def write_notebook(nb: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def source(cell: dict) -> str:
    text = cell.get("source", "")
    return text if isinstance(text, str) else "".join(text)


def code_cells(nb: dict) -> list[tuple[int, dict]]:
    return [(i, c) for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]


# --- Alt text --------------------------------------------------------------------------------


def outputs_image(cell: dict) -> bool:
    return cell["cell_type"] == "code" and any(
        "image/png" in out.get("data", {}) for out in cell.get("outputs", [])
    )


def first_line(cell: dict) -> str:
    line = next((s for s in source(cell).splitlines() if s.strip()), "")
    return line if len(line) <= 60 else line[:57] + "..."


def load_alt_file(path: Path = ALT_FILE) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SiteError(f"{rel(path)} is missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise SiteError(f"{rel(path)} is not valid TOML: {exc}") from None


def match_alt_texts(notebooks: dict, table: dict, where: str = "site/figure_alt.toml") -> dict:
    """Which alt text goes to which cell: ``{stem: {cell index: alt}}``.

    ``notebooks`` maps each stem (``03_lstm_from_scratch``) to its notebook (JSON, read);
    ``table`` is figure_alt.toml, read. Raises SiteError, one line per problem, if a cell
    with an image output has no entry, or an entry matches no code cell, several code
    cells, or a cell without an image.
    """
    problems, result = [], {}
    for stem in table:
        if stem not in notebooks:
            problems.append(f"{where}: [[{stem}]] names no notebook in notebooks/")
    for stem, nb in notebooks.items():
        entries = table.get(stem, [])
        if not isinstance(entries, list):
            problems.append(f"{where}: {stem} must be a list of {{ cell = ..., alt = ... }}")
            continue
        code = code_cells(nb)
        covered = {}
        for n, entry in enumerate(entries, start=1):
            label = f"{where}: {stem}, entry {n}"
            if not isinstance(entry, dict) or set(entry) != {"cell", "alt"}:
                problems.append(f"{label}: needs exactly the keys 'cell' and 'alt'")
                continue
            needle, alt = entry["cell"], entry["alt"]
            if not isinstance(needle, str) or not needle.strip():
                problems.append(f"{label}: 'cell' must be a non-empty string")
                continue
            if not isinstance(alt, str) or not alt.strip():
                problems.append(f"{label} ({needle!r}): 'alt' must be a non-empty string")
                continue
            hits = [i for i, c in code if needle in source(c)]
            if not hits:
                problems.append(f"{label}: {needle!r} occurs in no code cell")
            elif len(hits) > 1:
                cells = ", ".join(str(i) for i in hits)
                problems.append(
                    f"{label}: {needle!r} occurs in {len(hits)} code cells ({cells}): "
                    "quote more of the figure's cell"
                )
            elif not outputs_image(nb["cells"][hits[0]]):
                problems.append(
                    f"{label}: {needle!r} matches cell {hits[0]}, which outputs no image"
                )
            elif hits[0] in covered:
                problems.append(
                    f"{label}: cell {hits[0]} already has its alt text (entry {covered[hits[0]]})"
                )
            else:
                covered[hits[0]] = n
                result.setdefault(stem, {})[hits[0]] = " ".join(alt.split())
        for i, cell in code:
            if outputs_image(cell) and i not in covered:
                problems.append(
                    f"{where}: {stem}: cell {i} ({first_line(cell)!r}) outputs an image and "
                    "has no alt text: add [[" + stem + "]] with cell = '<text of that cell>', "
                    "alt = '<what the figure shows>'"
                )
    if problems:
        raise SiteError("\n".join(problems))
    return result


def read_notebooks(paths: list[Path]) -> dict:
    return {p.stem: read_notebook(p) for p in paths}


def check_alt_file(paths: list[Path] | None = None, alt_file: Path = ALT_FILE) -> dict:
    """figure_alt.toml against the committed notebooks (what the fast test calls)."""
    notebooks = read_notebooks(notebook_paths() if paths is None else paths)
    return match_alt_texts(notebooks, load_alt_file(alt_file), rel(alt_file))


# --- Preparing the copies --------------------------------------------------------------------

DETAILS = re.compile(
    r"^[ \t]*<details>\s*<summary>(?P<title>.*?)</summary>(?P<body>.*?)</details>[ \t]*$",
    re.S | re.M,
)


def summary_to_markdown(title: str) -> str:
    text = re.sub(r"<code>(.*?)</code>", r"`\1`", title.strip(), flags=re.S)
    for tag, mark in (("strong", "**"), ("b", "**"), ("em", "*"), ("i", "*")):
        text = re.sub(rf"<{tag}>(.*?)</{tag}>", rf"{mark}\1{mark}", text, flags=re.S)
    return " ".join(text.split())


def details_to_dropdowns(source: str, where: str) -> str:
    """Every ``<details><summary>T</summary>...</details>`` as a collapsed MyST dropdown."""

    def dropdown(m: re.Match) -> str:
        title = summary_to_markdown(m["title"])
        if "<" in title:
            raise SiteError(f"{where}: HTML left in a worked solution's summary: {m['title']!r}")
        return f"::::{{dropdown}} {title}\n{m['body'].strip()}\n::::"

    converted = DETAILS.sub(dropdown, source)
    if "<details" in converted or "</details>" in converted:
        raise SiteError(
            f"{where}: a <details> block the site cannot convert: put <details><summary>... "
            "</summary> at the start of a line and </details> at the end of one, in one cell"
        )
    return converted


def drop_badges(source: str, name: str) -> str:
    """The first cell without its line of Binder and Colab badges (course_links' own)."""
    badges = course_links.badges_markdown(name)
    return re.sub(rf"^{re.escape(badges)}\n(\n)?", "", source, flags=re.M)


def prepare_notebook(path: Path, alt_texts: dict, out: Path) -> None:
    nb = read_notebook(path)
    for i, cell in enumerate(nb["cells"]):
        where = f"{rel(path)}, cell {i}"
        if cell["cell_type"] == "markdown":
            text = drop_badges(source(cell), path.name) if i == 0 else source(cell)
            cell["source"] = details_to_dropdowns(text, where)
        elif i in alt_texts:
            image = cell.setdefault("metadata", {}).setdefault("mystnb", {}).setdefault("image", {})
            image["alt"] = alt_texts[i]
    write_notebook(nb, out)


# --- The landing page ------------------------------------------------------------------------


def course_map_rows(readme: str) -> tuple[list[str], list[dict]]:
    """The README's course-map table: its header and, per notebook, stem and cells."""
    block = re.search(r"<!-- course-map:start -->(.*?)<!-- course-map:end -->", readme, re.S)
    if block is None:
        raise SiteError("README.md has no <!-- course-map:start --> ... :end --> table")
    lines = [ln.strip() for ln in block[1].strip().splitlines() if ln.strip().startswith("|")]
    split = [[c.strip() for c in ln.strip("|").split(" | ")] for ln in lines]
    if len(split) < 3:
        raise SiteError("README.md: the course-map table has no rows")
    header, rows = split[0], []
    for cells in split[2:]:
        stem = re.search(r"\(notebooks/(\d\d_[a-z0-9_]+)\.ipynb\)", cells[0])
        if stem is None or len(cells) < 3:
            raise SiteError(f"README.md: a course-map row without a notebook link: {cells[0]!r}")
        rows.append({"stem": stem[1], "cells": cells})
    return header, rows


def notebook_title(path: Path) -> str:
    first = source(read_notebook(path)["cells"][0])
    heading = re.match(r"#\s+(.+)", first)
    if heading is None:
        raise SiteError(f"{rel(path)}: the first cell does not start with a '# ' title")
    return heading[1].strip()


def index_page(paths: list[Path], readme: str, template: str) -> str:
    header, rows = course_map_rows(readme)
    stems = [p.stem for p in paths]
    if [r["stem"] for r in rows] != stems:
        raise SiteError(
            "README.md: the course map lists "
            + ", ".join(r["stem"] for r in rows)
            + " but notebooks/ holds "
            + ", ".join(stems)
            + " (make figures regenerates the table)"
        )
    lines = [f"| Notebook | {header[1].capitalize()} | Run time |", "|---|---|---|"]
    for path, row in zip(paths, rows, strict=True):
        title = notebook_title(path).replace("|", "\\|")
        run_time = row["cells"][2].split(" · ")[0]  # the README adds " · peak memory"
        lines.append(f"| [{title}](notebooks/{path.name}) | {row['cells'][1]} | {run_time} |")
    toc = ["", "```{toctree}", ":hidden:", ":caption: Notebooks", ""]
    toc += [f"notebooks/{p.stem}" for p in paths] + ["```"]
    if template.count(COURSE_MAP_MARKER) != 1:
        raise SiteError(f"{rel(INDEX_TEMPLATE)} must contain {COURSE_MAP_MARKER} once")
    return template.replace(COURSE_MAP_MARKER, "\n".join(lines + toc))


# --- Checks on the built pages ---------------------------------------------------------------


class _Images(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def check_html(html_dir: Path) -> list[Path]:
    """Every page's <img> has a non-empty alt; returns the pages."""
    pages = sorted(p for p in html_dir.rglob("*.html") if "_static" not in p.parts)
    problems = []
    for page in pages:
        parser = _Images()
        parser.feed(page.read_text(encoding="utf-8"))
        for img in parser.images:
            if not (img.get("alt") or "").strip():
                where = page.relative_to(html_dir)
                problems.append(f"{where}: <img src={img.get('src')!r}> has no alt text")
    if problems:
        raise SiteError("\n".join(problems))
    return pages


# --- The build -------------------------------------------------------------------------------


def prepare_sources(src: Path, paths: list[Path]) -> None:
    alt_texts = match_alt_texts(read_notebooks(paths), load_alt_file(), rel(ALT_FILE))
    if src.exists():
        shutil.rmtree(src)
    for path in paths:
        prepare_notebook(path, alt_texts.get(path.stem, {}), src / "notebooks" / path.name)
    index = index_page(paths, README.read_text(encoding="utf-8"), INDEX_TEMPLATE.read_text())
    (src / "index.md").write_text(index, encoding="utf-8")


def build(out: Path) -> tuple[Path, list[Path]]:
    paths = notebook_paths()
    if not paths:
        raise SiteError("no notebooks in notebooks/")
    src, html_dir, doctrees = out / "src", out / "html", out / "doctrees"
    prepare_sources(src, paths)
    for stale in (html_dir, doctrees):
        if stale.exists():
            shutil.rmtree(stale)
    sphinx = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going", "-n"]
    sphinx += ["-c", str(SITE), "-d", str(doctrees), str(src), str(html_dir)]
    run = subprocess.run(sphinx, cwd=ROOT)
    if run.returncode != 0:
        raise SiteError(f"sphinx-build failed (exit {run.returncode}): see its messages above")
    return html_dir, check_html(html_dir)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="build directory")
    parser.add_argument("--check-alt", action="store_true", help="only check figure_alt.toml")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        if args.check_alt:
            found = check_alt_file()
            print(f"{rel(ALT_FILE)}: {sum(map(len, found.values()))} figures, all covered")
            return 0
        html_dir, pages = build(args.out.resolve())
    except SiteError as exc:
        for line in str(exc).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - start
    print(f"Site built in {seconds:.0f} s, {len(pages)} pages. Open {rel(html_dir / 'index.html')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
