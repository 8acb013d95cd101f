"""Sphinx configuration of the course site; built by ``make site`` (site/make_site.py).

The source directory is a prepared copy of the notebooks (``_build/site/src``); this file is
read from ``site/`` with ``sphinx-build -c site``. Nothing is executed: myst-nb renders the
committed outputs. The launch buttons' addresses come from tools/course_links.py.
"""

import importlib.util
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools import course_links

# Build speed: jsonschema (imported by nbformat, for myst-nb) imports rfc3987_syntax, which
# builds an IRI grammar at import (about 2 s), only to check "iri" string formats; notebook
# validation never uses them. Without it, jsonschema skips that one format.
sys.modules.setdefault("rfc3987_syntax", None)

project = "LSTM course"
author = "the lstm-course contributors"
copyright = "the lstm-course contributors, MIT licence"
html_title = "LSTM course"
html_favicon = "favicon.svg"  # relative to site/; without one, browsers log a 404

extensions = [
    "myst_nb",
    "sphinx_design",  # the dropdowns that hold the worked solutions
    "sphinx.ext.githubpages",  # .nojekyll, so GitHub Pages serves _static/ and _images/
]
exclude_patterns = ["**.ipynb_checkpoints"]

# MathJax 3 from the site itself, no CDN: the copy that the PyPI package sphinx-mathjax-offline
# ships, copied into _static/mathjax/ as a static path (its Sphinx extension is not used: it
# does not declare itself safe for a parallel build).
_mathjax = importlib.util.find_spec("sphinx-mathjax-offline")
if _mathjax is None:
    raise RuntimeError("sphinx-mathjax-offline is not installed: make site installs it")
html_static_path = [str(Path(_mathjax.origin).parent / "static")]
mathjax_path = "mathjax/tex-chtml.js"

# The notebooks are rendered as committed, outputs included.
nb_execution_mode = "off"
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]

html_theme = "sphinx_book_theme"
html_theme_options = {
    "repository_url": course_links.github_url(),
    "repository_branch": course_links.BRANCH,
    "path_to_docs": "",
    "use_repository_button": True,
    "use_download_button": True,
    "launch_buttons": {
        "binderhub_url": "https://mybinder.org",
        "colab_url": "https://colab.research.google.com",
        "notebook_interface": "jupyterlab",
    },
    "show_toc_level": 2,
    # pydata-sphinx-theme 0.20 adds a header bar with a second search field unless this is
    # set here: sphinx-book-theme's own default (empty) is not read.
    "navbar_persistent": [],
}
html_show_sourcelink = False
# The reader's light or dark preference (the theme's default, empty, logs a console error).
html_context = {"default_mode": "auto"}

LAUNCH = {"Binder": course_links.binder_url, "Colab": course_links.colab_url}


def launch_links_from_course_links(app, pagename, templatename, context, doctree):
    """Point the theme's Binder and Colab buttons at course_links' addresses, exactly.

    sphinx-book-theme builds them from repository_url and repository_branch; course_links
    is the one source of truth (Binder opens HEAD, Colab the branch), so its URLs replace
    the theme's. A notebook page without both buttons fails the build.
    """
    if not pagename.startswith("notebooks/"):
        return
    name = pagename.rsplit("/", 1)[-1] + ".ipynb"
    groups = [b for b in context.get("header_buttons", []) if b.get("label") == "launch-buttons"]
    buttons = [b for g in groups for b in g["buttons"] if b.get("text") in LAUNCH]
    if sorted(b["text"] for b in buttons) != sorted(LAUNCH):
        raise RuntimeError(f"{pagename}: the theme made no Binder and Colab launch buttons")
    for button in buttons:
        button["url"] = LAUNCH[button["text"]](name)


def setup(app):
    # After sphinx-book-theme's add_launch_buttons (priority 501).
    app.connect("html-page-context", launch_links_from_course_links, priority=600)
