"""What the tests share: paths, a free local port and the test floating-point configuration."""

import pathlib
import re
import socket

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def portability_env() -> dict:
    """The variables `make test` sets, read from the Makefile (one source of truth)."""
    line = re.search(r"^PORTABILITY_ENV := (.+)$", (ROOT / "Makefile").read_text(), re.M)
    return dict(item.split("=", 1) for item in line.group(1).split())
