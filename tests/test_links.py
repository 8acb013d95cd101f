"""Every launch link and the Colab install cell agree with the one setting.

The setting is ``REPOSITORY`` and ``BRANCH`` in ``tools/course_links.py``. Every Binder or
Colab link in the README and the notebooks must be exactly the one derived from it for the
notebook it names, that notebook must exist, and every notebook must carry its own two badges
and the install cell.
"""

import lstm_course

import re
import subprocess
import sys
import tomllib

import nbformat
import pytest
from helpers import NOTEBOOKS, ROOT
from IPython.core.inputtransformer2 import TransformerManager
from packaging.requirements import Requirement

from tools import course_links

LINK = re.compile(
    r"https://(?:mybinder\.org/v2/gh|colab\.research\.google\.com/github)/[^\s)\"'>\]]+"
)
NAMED = re.compile(r"notebooks/([0-9][0-9]_\w+\.ipynb)$")


def links_in(text: str) -> list[str]:
    return LINK.findall(text)


def expected(link: str) -> str:
    name = NAMED.search(link.split("?urlpath=lab/tree/")[-1])
    assert name, f"{link} does not name a notebook under notebooks/"
    assert (ROOT / "notebooks" / name.group(1)).exists(), f"{link}: no such notebook"
    if "mybinder.org" in link:
        return course_links.binder_url(name.group(1))
    return course_links.colab_url(name.group(1))


def sources() -> dict[str, str]:
    texts = {"README.md": (ROOT / "README.md").read_text()}
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        texts[path.name] = "\n".join(c.source for c in nb.cells)
    return texts


@pytest.mark.parametrize("where", sorted(sources()))
def test_every_launch_link_is_derived_from_the_setting(where):
    found = links_in(sources()[where])
    assert found, f"{where} has no launch link"
    for link in found:
        assert link == expected(link), f"{where}: {link} disagrees with tools/course_links.py"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_notebook_has_its_own_badges_under_its_title(path):
    first = nbformat.read(path, as_version=4).cells[0].source.splitlines()
    assert first[2] == course_links.badges_markdown(path.name), path.name


def test_readme_has_both_badges_for_every_notebook():
    readme = (ROOT / "README.md").read_text()
    for path in NOTEBOOKS:
        assert course_links.binder_url(path.name) in readme, path.name
        assert course_links.colab_url(path.name) in readme, path.name


def test_notebooks_are_in_sync_with_the_setting():
    run = subprocess.run(
        [sys.executable, "tools/launch_links.py", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def install_cell(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "colab-install" in code[0].metadata.get("tags", []), f"{path.name}: not first"
    return code[0].source


class FakeShell:
    def __init__(self):
        self.calls = []

    def run_line_magic(self, name, line, *args, **kwargs):
        self.calls.append((name, line))


def run_install_cell(source: str, on_colab: bool, monkeypatch) -> list:
    """Execute the cell as IPython would, with a recording shell instead of a real pip."""
    shell = FakeShell()
    if on_colab:
        monkeypatch.setitem(sys.modules, "google.colab", type(sys)("google.colab"))
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    python = TransformerManager().transform_cell(source)
    exec(compile(python, "<install cell>", "exec"), {"get_ipython": lambda: shell})
    return shell.calls


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_install_cell_installs_only_on_colab_and_without_dependencies(path, monkeypatch):
    source = install_cell(path)
    assert run_install_cell(source, on_colab=False, monkeypatch=monkeypatch) == []
    calls = run_install_cell(source, on_colab=True, monkeypatch=monkeypatch)
    target = course_links.pip_install_target()
    assert calls == [("pip", f'install --quiet --no-deps "{target}"')], calls


def test_install_target_names_this_package_at_the_setting():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    req = Requirement(course_links.pip_install_target())
    assert req.name == project["name"]
    assert req.url == f"git+{course_links.github_url()}@v{project['version']}"


def test_the_package_says_the_version_its_install_cells_pin():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert lstm_course.__version__ == project["version"] == course_links.VERSION
    assert course_links.RELEASE_TAG == f"v{project['version']}"


def test_the_package_has_not_changed_since_its_version_was_tagged():
    """A tag v<version> pins what every notebook's Colab cell installs; once it exists, a change
    to the package needs a new version (CONTRIBUTING.md, "Releases")."""
    tag = course_links.RELEASE_TAG
    found = subprocess.run(
        ["git", "rev-parse", "-q", "--verify", f"refs/tags/{tag}"], cwd=ROOT, capture_output=True
    )
    if found.returncode != 0:
        pytest.skip(f"{tag} is not tagged in this clone yet (the release-tag workflow tags main)")
    changed = subprocess.run(
        ["git", "diff", "--name-only", tag, "--", "lstm_course", "pyproject.toml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert not changed, (
        f"the package changed since {tag} ({', '.join(changed)}): raise the version in "
        "pyproject.toml and lstm_course/__init__.py, then run tools/launch_links.py sync"
    )
