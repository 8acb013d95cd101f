"""The course site (`make site`, site/make_site.py): alt text for every figure, and pages that work.

Fast: site/figure_alt.toml against the committed notebooks (every figure has its alt text,
every entry matches exactly one code cell), the build's own checks on made-up notebooks, and
the landing page's course map.

Slow: the site built into a temporary directory, exactly as `make site` builds it (Sphinx,
warnings as errors), served on 127.0.0.1 and opened in headless Chromium (Debian's, as in
tests/test_browser.py). On the landing page and three notebook pages: math typeset by the
site's own MathJax, every image loaded and described, no console error, no failed request and
nothing fetched from another server, the Binder and Colab buttons at tools.course_links'
addresses, and a worked solution collapsed until clicked. A failing page leaves a screenshot
under artifacts/site/ (git-ignored).
"""

import contextlib
import functools
import http.server
import importlib.util
import subprocess
import sys
import threading
import time
from urllib.parse import urlparse

import pytest
from helpers import NOTEBOOKS, ROOT

from tools import course_links

SCREENSHOTS = ROOT / "artifacts" / "site"


def load_make_site():
    spec = importlib.util.spec_from_file_location("make_site", ROOT / "site" / "make_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_site = load_make_site()


# --- Fast: figure_alt.toml and the build's checks ----------------------------------------------


def test_every_figure_has_alt_text():
    """A maintainer who adds a figure hears it here: add its entry to site/figure_alt.toml."""
    try:
        found = make_site.check_alt_file()
    except make_site.SiteError as exc:
        pytest.fail(f"site/figure_alt.toml does not match the notebooks:\n{exc}")
    figures = {}
    for path in NOTEBOOKS:
        cells = make_site.read_notebook(path)["cells"]
        figures[path.stem] = {i for i, c in enumerate(cells) if make_site.outputs_image(c)}
    assert {stem: set(cells) for stem, cells in found.items()} == {
        stem: cells for stem, cells in figures.items() if cells
    }
    short = [alt for cells in found.values() for alt in cells.values() if len(alt.split()) < 12]
    assert not short, f"alt texts too short to say what a figure shows: {short}"


def notebook(*cells):
    """A made-up notebook: ("code", source, has_image) or ("markdown", source)."""
    made = []
    for kind, text, *image in cells:
        cell = {"cell_type": kind, "source": text, "metadata": {}}
        if kind == "code":
            data = {"image/png": "iVBORw0KGgo="} if image and image[0] else {"text/plain": "1"}
            cell["outputs"] = [{"output_type": "display_data", "data": data, "metadata": {}}]
        made.append(cell)
    return {"nbformat": 4, "cells": made}


def alt_problems(notebooks, table):
    with pytest.raises(make_site.SiteError) as caught:
        make_site.match_alt_texts(notebooks, table)
    return str(caught.value)


def test_alt_check_names_each_problem():
    nb = notebook(
        ("markdown", "# 01 · a title"),
        ("code", "plt.plot(x)\nplt.title('one')", True),
        ("code", "plt.plot(y)\nplt.title('two')", True),
        ("code", "print(1)", False),
    )
    good = [{"cell": "'one'", "alt": "first"}, {"cell": "'two'", "alt": "second"}]
    assert make_site.match_alt_texts({"01_x": nb}, {"01_x": good}) == {
        "01_x": {1: "first", 2: "second"}
    }
    missing = alt_problems({"01_x": nb}, {"01_x": good[:1]})
    assert "01_x: cell 2 ('plt.plot(y)') outputs an image and has no alt text" in missing
    assert len(missing.splitlines()) == 1
    nowhere = alt_problems({"01_x": nb}, {"01_x": [*good, {"cell": "three", "alt": "x"}]})
    assert "'three' occurs in no code cell" in nowhere
    twice = alt_problems({"01_x": nb}, {"01_x": [*good, {"cell": "plt.plot(", "alt": "x"}]})
    assert "'plt.plot(' occurs in 2 code cells (1, 2)" in twice
    no_image = alt_problems({"01_x": nb}, {"01_x": [*good, {"cell": "print", "alt": "x"}]})
    assert "matches cell 3, which outputs no image" in no_image
    unknown = alt_problems({"01_x": nb}, {"01_x": good, "99_gone": []})
    assert "[[99_gone]] names no notebook" in unknown
    empty = alt_problems({"01_x": nb}, {"01_x": [good[0], {"cell": "'two'", "alt": " "}]})
    assert "'alt' must be a non-empty string" in empty


def test_worked_solutions_become_dropdowns():
    source = (
        "Try it.\n\n<details><summary>Worked solution: <code>f</code></summary>\n\n"
        "```python\ndef f(): ...\n```\n\nSo.\n</details>\n\nAfter."
    )
    converted = make_site.details_to_dropdowns(source, "x")
    assert converted == (
        "Try it.\n\n::::{dropdown} Worked solution: `f`\n```python\ndef f(): ...\n```\n\nSo."
        "\n::::\n\nAfter."
    )
    with pytest.raises(make_site.SiteError, match="cannot convert"):
        make_site.details_to_dropdowns("Text <details><summary>a</summary> b", "x")


def test_badges_are_dropped_from_the_first_cell():
    name = "03_lstm_from_scratch.ipynb"
    first = f"# 03 · Title\n\n{course_links.badges_markdown(name)}\n\nThe heart of the course."
    assert make_site.drop_badges(first, name) == "# 03 · Title\n\nThe heart of the course."


def test_landing_page_lists_every_notebook_in_order():
    index = make_site.index_page(
        NOTEBOOKS,
        (ROOT / "README.md").read_text(encoding="utf-8"),
        make_site.INDEX_TEMPLATE.read_text(encoding="utf-8"),
    )
    rows = [line for line in index.splitlines() if line.startswith("| [")]
    assert [r.split("](notebooks/")[1].split(")")[0] for r in rows] == [p.name for p in NOTEBOOKS]
    toc = index.split("```{toctree}")[1]
    assert [line for line in toc.splitlines() if line.startswith("notebooks/")] == [
        f"notebooks/{p.stem}" for p in NOTEBOOKS
    ]


# --- Slow: the built site in a browser ---------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site, built as `make site` builds it; yields (base URL, build seconds)."""
    pytest.importorskip("playwright")
    if importlib.util.find_spec("sphinx") is None or importlib.util.find_spec("myst_nb") is None:
        pytest.fail("the site's packages are missing: make site (or make test) installs them")
    out = tmp_path_factory.mktemp("site")
    start = time.perf_counter()
    build = subprocess.run(
        [sys.executable, str(ROOT / "site" / "make_site.py"), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    seconds = time.perf_counter() - start
    assert build.returncode == 0, f"make_site.py failed:\n{build.stdout}\n{build.stderr}"

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(out / "html"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", seconds
    finally:
        server.shutdown()
        server.server_close()


# What a page shows once loaded: its images, typeset math, raw TeX left in the prose, the
# launch links and the worked solutions.
PAGE_STATE_JS = """() => {
  const article = document.querySelector('article.bd-article');
  const prose = article.cloneNode(true);
  prose.querySelectorAll('pre, code, .cell_output, mjx-container, script').forEach(e => e.remove());
  const text = prose.innerText;
  const links = [...document.querySelectorAll('a')].map(a => a.href);
  return {
    images: [...document.querySelectorAll('img')].map(i => ({
      src: i.getAttribute('src'), alt: (i.getAttribute('alt') || '').trim(),
      loaded: i.complete && i.naturalWidth > 0})),
    figures: article.querySelectorAll('.cell_output img').length,
    math: article.querySelectorAll('mjx-container').length,
    math_errors: article.querySelectorAll('mjx-merror').length,
    raw_tex: ['$$', '\\\\(', '\\\\[', '\\\\begin', '\\\\langle', '\\\\frac']
      .filter(s => text.includes(s)),
    binder: links.filter(h => h.startsWith('https://mybinder.org/')),
    colab: links.filter(h => h.startsWith('https://colab.research.google.com/')),
    solutions: article.querySelectorAll('details.sd-dropdown').length,
    toc: [...document.querySelectorAll('.bd-sidebar-primary nav a.reference.internal')]
      .map(a => a.textContent.trim()),
  };
}"""

# The landing page and three notebook pages: one early, the longest, one of the last.
PAGES = ["index", *(f"notebooks/{p.stem}" for p in NOTEBOOKS if p.stem[:2] in ("03", "06", "10"))]


def open_page(browser, url):
    """Open ``url``; returns the page and the problems seen while loading it."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = []
    local = urlparse(url).netloc

    def route(r):
        if urlparse(r.request.url).netloc == local:
            r.continue_()
        else:  # the site must not need another server
            problems.append(f"request to another server: {r.request.url}")
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    page.on(
        "response",
        lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"),
    )
    page.goto(url, wait_until="networkidle")
    # MathJax typesets after load; its startup promise settles when the page is done.
    page.evaluate("() => window.MathJax?.startup?.promise ?? null")
    return page, problems


@pytest.mark.slow
@pytest.mark.parametrize("name", PAGES, ids=lambda n: n.rsplit("/", 1)[-1])
def test_site_page(site, browser, name):
    base, _ = site
    page, problems = open_page(browser, f"{base}/{name}.html")
    shot = SCREENSHOTS / f"{name.rsplit('/', 1)[-1]}.png"
    try:
        state = page.evaluate(PAGE_STATE_JS)
        check_page(name, state, problems)
        if state["solutions"]:
            check_solution_collapsed(page)
    except BaseException:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):
            page.screenshot(path=str(shot), full_page=True)
        raise
    finally:
        page.close()


def check_page(name, state, problems):
    where = f"{name}.html"
    assert problems == [], f"{where}: {problems}"
    broken = [i["src"] for i in state["images"] if not i["loaded"]]
    assert not broken, f"{where}: images that did not load: {broken}"
    no_alt = [i["src"] for i in state["images"] if not i["alt"]]
    assert not no_alt, f"{where}: images without alt text: {no_alt}"
    numbers = [title[:2] for title in state["toc"]]
    assert numbers == [p.stem[:2] for p in NOTEBOOKS], f"{where}: table of contents {state['toc']}"
    if name == "index":
        return
    stem = name.rsplit("/", 1)[-1]
    path = ROOT / "notebooks" / f"{stem}.ipynb"
    nb = make_site.read_notebook(path)
    figures = sum(make_site.outputs_image(c) for c in nb["cells"])
    assert state["figures"] == figures, f"{where}: {state['figures']} of {figures} figures shown"
    assert state["math"] > 0, f"{where}: no math typeset by MathJax"
    assert state["math_errors"] == 0, f"{where}: {state['math_errors']} MathJax errors"
    assert state["raw_tex"] == [], f"{where}: raw TeX left in the text: {state['raw_tex']}"
    assert state["binder"] == [course_links.binder_url(path.name)], state["binder"]
    assert state["colab"] == [course_links.colab_url(path.name)], state["colab"]
    assert "lab/tree/notebooks/" + path.name in state["binder"][0]
    solutions = sum(
        make_site.source(c).count("<details") for c in nb["cells"] if c["cell_type"] == "markdown"
    )
    assert state["solutions"] == solutions, f"{where}: {state['solutions']} dropdowns"


def check_solution_collapsed(page):
    solution = page.locator("article details.sd-dropdown").first
    body = solution.locator(".sd-summary-content")
    assert solution.get_attribute("open") is None, "a worked solution is open on load"
    assert not body.is_visible(), "a worked solution's body shows before any click"
    solution.locator("summary").click()
    page.wait_for_function("d => d.open", arg=solution.element_handle(), timeout=5000)
    assert body.is_visible(), "a worked solution does not open on click"


@pytest.mark.slow
def test_site_builds_quickly(site):
    """The build stays cheap enough for `make test` (its time is printed with --durations)."""
    _, seconds = site
    assert seconds < 120, f"the site took {seconds:.0f} s to build"
