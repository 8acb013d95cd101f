"""pyproject.toml's ranges admit Colab's versions (colab/versions.txt) and our pins.

On Colab the package is installed with ``--no-deps`` onto Colab's own libraries, and locally
and on Binder onto the exact pins of binder/requirements.txt; the declared dependencies must
be true of both. Fast: nothing is installed (tests/test_colab_env.py runs the notebooks).
"""

import tomllib

import pytest
from colab_versions import ROOT, colab_pins, colab_python, exact_pins
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
DECLARED = {canonicalize_name(r.name): r for r in map(Requirement, PROJECT["dependencies"])}
COLAB = colab_pins()
BINDER = exact_pins(ROOT / "binder" / "requirements.txt")


def test_every_dependency_has_a_colab_version_and_a_lower_bound():
    assert set(DECLARED) == set(COLAB), "colab/versions.txt and pyproject.toml list other names"
    for name, req in DECLARED.items():
        assert any(s.operator == ">=" for s in req.specifier), f"{name}: no lower bound"


@pytest.mark.parametrize("name", sorted(COLAB))
def test_colab_version_is_admitted(name):
    assert Version(COLAB[name]) in DECLARED[name].specifier, (
        f"pyproject.toml declares {DECLARED[name]}; Colab has {name}=={COLAB[name]}"
    )


@pytest.mark.parametrize("name", sorted(set(BINDER) & set(DECLARED)))
def test_our_pin_is_admitted(name):
    assert Version(BINDER[name]) in DECLARED[name].specifier, (
        f"pyproject.toml declares {DECLARED[name]}; binder/requirements.txt pins {BINDER[name]}"
    )


def test_our_pins_cover_the_run_time_dependencies():
    # ipython is not pinned: it comes with ipykernel (requirements.txt, Binder's image).
    assert set(DECLARED) - set(BINDER) == {"ipython"}


def test_requires_python_admits_colabs_python():
    requires = SpecifierSet(PROJECT["requires-python"])
    assert Version(colab_python()) in requires, f"requires-python {requires} excludes Colab"
