"""Read Google Colab's current versions from googlecolab/backend-info into colab/versions.txt.

Google publishes what Colab's default runtime has installed in the public repository
https://github.com/googlecolab/backend-info: ``pip-freeze.txt`` (``python3 -m pip freeze``
of the CPU runtime: ``name==version`` lines, some ``name @ URL`` lines, ``#`` comments) and
``os-info.txt`` (a ``Python 3.13.15`` line among the OS's). This script reads from them the
versions that colab/versions.txt tracks, every ``name==version`` line of it and its
``# python: X.Y`` line, and nothing else:

    python colab/read_backend_info.py BACKEND_INFO            # print what changed (old -> new)
    python colab/read_backend_info.py BACKEND_INFO --write    # ... and rewrite colab/versions.txt

BACKEND_INFO is a checkout of googlecolab/backend-info (or a folder with its pip-freeze.txt
and, optionally, os-info.txt), or a pip-freeze.txt file itself. Only the versions change:
the comments, the order and the names as written stay. The weekly workflow
(.github/workflows/colab.yml) runs it with ``--write`` and then ``make test-colab``.

Exit status: 0 when every tracked name was found (changed or not); 1 when one is missing
from pip-freeze.txt (nothing is written then); 2 on bad arguments. Standard library only,
so it runs on any Python 3.11+ before the course's .venv exists.
"""

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSIONS_FILE = ROOT / "colab" / "versions.txt"
FREEZE_NAME = "pip-freeze.txt"
OS_INFO_NAME = "os-info.txt"

# A requirement line of versions.txt, or a line of pip freeze: name, ==, version.
PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*(?P<version>[A-Za-z0-9][^\s#;]*)\s*(#.*)?$"
)
# A direct reference in pip freeze: ``name @ file:///...``, ``name @ https://...``.
DIRECT = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*@\s*(?P<url>\S+)")
# versions.txt's Python line (tests/colab_versions.py reads it with the same pattern).
PYTHON_LINE = re.compile(r"^(?P<head>#\s*python:\s*)(?P<version>\d+\.\d+)(?P<tail>\s*)$", re.M)
# os-info.txt's Python line: ``Python 3.13.15``.
OS_PYTHON = re.compile(r"^Python\s+(?P<major>\d+)\.(?P<minor>\d+)(\.\d+)?\S*\s*$", re.M)


def canonical(name: str) -> str:
    """PEP 503's normalised name: ``Keras`` and ``keras``, ``array_record`` and ``array-record``."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass
class Freeze:
    """What a pip-freeze.txt says: exact versions, and the names installed from a URL."""

    versions: dict[str, str] = field(default_factory=dict)  # canonical name -> version
    direct: dict[str, str] = field(default_factory=dict)  # canonical name -> URL


def parse_freeze(text: str) -> Freeze:
    """The ``name==version`` lines of a pip freeze, by canonical name; ``name @ URL`` lines
    (``file://``, ``https://``, ``git+``) are set aside, comments and options skipped."""
    freeze = Freeze()
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "-")):
            continue
        if pin := PIN.match(line):
            freeze.versions[canonical(pin["name"])] = pin["version"]
        elif direct := DIRECT.match(line):
            freeze.direct[canonical(direct["name"])] = direct["url"]
    return freeze


def parse_os_python(text: str) -> str | None:
    """``X.Y`` of os-info.txt's ``Python X.Y.Z`` line, or None if it has none."""
    found = OS_PYTHON.search(text)
    return f"{found['major']}.{found['minor']}" if found else None


@dataclass
class Update:
    """The result of reading Colab's versions into a versions file."""

    text: str  # the versions file with the new versions
    changes: list[tuple[str, str, str]]  # (name as written, old, new)
    unchanged: list[tuple[str, str]]  # (name as written, version)
    missing: list[str]  # explanations, one per tracked name not found
    notes: list[str]  # things worth saying that are not errors


def update(versions_text: str, freeze: Freeze, python: str | None) -> Update:
    """``versions_text`` with each tracked version replaced by Colab's.

    Tracked: every ``name==version`` line (outside comments) and the ``# python: X.Y`` line.
    ``python`` is Colab's ``X.Y`` (None: not recorded, the line is kept as it is).
    """
    changes, unchanged, missing, notes = [], [], [], []
    lines = versions_text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        body = line.rstrip("\r\n")
        pin = PIN.match(body.strip())
        if not pin:
            continue
        name, old = pin["name"], pin["version"]
        key = canonical(name)
        new = freeze.versions.get(key)
        if new is None:
            if key in freeze.direct:
                missing.append(
                    f"{name}: pip-freeze.txt has no '{name}==...' line; Colab installs it from "
                    f"a URL ({freeze.direct[key]}), so it has no version to pin"
                )
            else:
                missing.append(f"{name}: not in pip-freeze.txt (is it still installed on Colab?)")
            continue
        if new == old:
            unchanged.append((name, old))
            continue
        start = body.index(old, body.index("=="))
        lines[index] = body[:start] + new + body[start + len(old) :] + line[len(body) :]
        changes.append((name, old, new))
    text = "".join(lines)
    found = PYTHON_LINE.search(text)
    if python is None:
        notes.append("python: os-info.txt records no 'Python X.Y.Z' line; kept as it is")
    elif found is None:
        notes.append(f"python: Colab has {python}, but the versions file has no '# python:' line")
    elif found["version"] != python:
        changes.append(("python", found["version"], python))
        text = text[: found.start("version")] + python + text[found.end("version") :]
    else:
        unchanged.append(("python", python))
    return Update(text, changes, unchanged, missing, notes)


def read_backend_info(path: Path) -> tuple[str, str | None]:
    """The text of pip-freeze.txt and os-info.txt (None if absent) under ``path``."""
    if path.is_dir():
        freeze, os_info = path / FREEZE_NAME, path / OS_INFO_NAME
    else:
        freeze, os_info = path, path.with_name(OS_INFO_NAME)
    if not freeze.is_file():
        raise FileNotFoundError(f"{freeze}: no such file (a checkout of googlecolab/backend-info?)")
    return freeze.read_text(), os_info.read_text() if os_info.is_file() else None


def report(result: Update) -> str:
    """What changed, old -> new, then what did not, then what is missing."""
    out = []
    if result.changes:
        out.append("Colab's versions changed:")
        out += [f"  {name}: {old} -> {new}" for name, old, new in result.changes]
    else:
        out.append("Colab's versions are unchanged.")
    if result.unchanged:
        out.append("unchanged: " + ", ".join(f"{n} {v}" for n, v in result.unchanged))
    out += result.notes
    if result.missing:
        out.append("MISSING from Colab's pip-freeze.txt (nothing written):")
        out += [f"  {line}" for line in result.missing]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("backend_info", type=Path, help="checkout of googlecolab/backend-info")
    parser.add_argument("--versions", type=Path, default=VERSIONS_FILE, help="versions file read")
    parser.add_argument("--write", action="store_true", help="rewrite the versions file")
    parser.add_argument("--output", type=Path, help="write the updated file here instead")
    parser.add_argument(
        "--github-output",
        type=Path,
        help="append python=X.Y and changed=true|false to this file ($GITHUB_OUTPUT)",
    )
    args = parser.parse_args(argv)
    try:
        freeze_text, os_info = read_backend_info(args.backend_info)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    versions_text = args.versions.read_text()
    python = parse_os_python(os_info) if os_info is not None else None
    result = update(versions_text, parse_freeze(freeze_text), python)
    print(report(result))
    if result.missing:
        return 1
    target = args.output or (args.versions if args.write else None)
    if target is not None:
        target.write_text(result.text)
        print(f"wrote {target}")
    if args.github_output is not None:
        found = PYTHON_LINE.search(result.text)
        with args.github_output.open("a") as handle:
            handle.write(f"python={found['version'] if found else ''}\n")
            handle.write(f"changed={'true' if result.changes else 'false'}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
