"""Where the course lives: the one setting every launch link is derived from.

The README's Binder and Colab badges, the badges at the top of each notebook, the Colab
install cell and the course site's launch buttons are all built from ``REPOSITORY`` and
``BRANCH`` below (``tools/launch_links.py sync`` rewrites them; ``tests/test_links.py``
fails if any link disagrees). A fork changes these two lines and runs the sync.

The Colab install cell installs the package at the tag of its version, ``RELEASE_TAG``
(``v`` + pyproject.toml's version), not at ``BRANCH``: a learner's saved copy of a notebook
keeps the package it was written for when the package changes later. The release-tag
workflow creates the tag on main (CONTRIBUTING.md, "Releases").
"""

import tomllib
from pathlib import Path

REPOSITORY = "lstm-course/lstm-course"  # GitHub owner/name
BRANCH = "main"

_PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
VERSION = tomllib.loads(_PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
RELEASE_TAG = f"v{VERSION}"

BINDER_BADGE = "https://mybinder.org/badge_logo.svg"
COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"


def _notebook_path(notebook: str) -> str:
    if not isinstance(notebook, str):
        raise TypeError(f"notebook: expected a file name such as '03_x.ipynb', got {notebook!r}")
    name = notebook.rsplit("/", 1)[-1]
    if not name.endswith(".ipynb"):
        raise ValueError(f"notebook: expected a name ending in .ipynb, got {notebook!r}")
    return f"notebooks/{name}"


def github_url() -> str:
    """The repository's web address."""
    return f"https://github.com/{REPOSITORY}"


def binder_url(notebook: str) -> str:
    """mybinder.org launch link that opens ``notebook`` in JupyterLab."""
    return (
        f"https://mybinder.org/v2/gh/{REPOSITORY}/HEAD?urlpath=lab/tree/{_notebook_path(notebook)}"
    )


def colab_url(notebook: str) -> str:
    """Google Colab link that opens ``notebook`` from GitHub."""
    return f"https://colab.research.google.com/github/{REPOSITORY}/blob/{BRANCH}/{_notebook_path(notebook)}"


def pip_install_target() -> str:
    """What the Colab install cell passes to ``pip install --no-deps``: the package at the
    tag of its version, the one the notebooks were executed with."""
    return f"lstm-course @ git+{github_url()}@{RELEASE_TAG}"


def badges_markdown(notebook: str) -> str:
    """The Binder and Colab badges, as Markdown, for ``notebook``."""
    return (
        f"[![Launch on Binder]({BINDER_BADGE})]({binder_url(notebook)}) "
        f"[![Open in Colab]({COLAB_BADGE})]({colab_url(notebook)})"
    )
