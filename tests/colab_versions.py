"""Google Colab's runtime as recorded in ``colab/versions.txt``: its Python and library pins."""

import re
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
VERSIONS_FILE = ROOT / "colab" / "versions.txt"


def requirement_lines(path: Path) -> list[str]:
    """The requirement lines of a requirements file: no comments, blanks or ``-r`` includes."""
    lines = []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            lines.append(line)
    return lines


def exact_pins(path: Path) -> dict[str, str]:
    """``{canonical name: version}`` for the ``name==version`` lines of a requirements file."""
    pins = {}
    for line in requirement_lines(path):
        req = Requirement(line)
        (spec,) = req.specifier  # exactly one specifier ...
        assert spec.operator == "==", f"{path.name}: {line!r} is not an exact pin"  # ... an ==
        pins[canonicalize_name(req.name)] = spec.version
    return pins


def colab_python(path: Path = VERSIONS_FILE) -> str:
    """Colab's Python version, from the file's ``# python: X.Y`` line."""
    found = re.search(r"^#\s*python:\s*(\d+\.\d+)\s*$", path.read_text(), re.M)
    assert found, f"{path.name} has no '# python: X.Y' line"
    return found.group(1)


def colab_pins(path: Path = VERSIONS_FILE) -> dict[str, str]:
    """Colab's library versions: ``{canonical name: version}``."""
    return exact_pins(path)
