"""What the tests share: paths, a free port, the test floating-point configuration, the one
scanner of notebook outputs, the second-parameter copy of a notebook, and chromium."""

import json
import pathlib
import re
import shutil
import socket

import nbformat
import pytest

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


def chromium() -> str:
    """Path of the chromium that `make test` installs before any test runs (`make browser`)."""
    path = shutil.which("chromium")
    if path is None:
        pytest.fail("chromium is not installed: run `make browser` (as root) or `make test`")
    return path


# --- What a learner must never see in a notebook's outputs ------------------------------------
MACHINE_PATH = re.compile(r"site-packages|/root/|/home/\w+|/tmp/|/work/|[A-Z]:\\\\")
LOG_LINE = re.compile(r"^(WARNING|W\d{4}|E\d{4})", re.M)
ANSI = re.compile(r"\x1b\[[0-9;]*m")
MAX_STREAM_LINES = 60


def output_texts(output) -> list[str]:
    """The text a learner reads in one output: a stream, an error, or a display's text/*."""
    if output["output_type"] == "stream":
        return [output["text"]]
    if output["output_type"] == "error":
        return [output["evalue"], *output["traceback"]]
    return [str(v) for k, v in output.get("data", {}).items() if k.startswith("text/")]


def _crosses(cell, stdout: bool) -> list[str]:
    """The lines with a ✗ in a cell's stdout (``lc.check``), or in its other outputs."""
    return [
        line.strip()
        for output in cell.get("outputs", [])
        if output["output_type"] != "error" and (output.get("name") == "stdout") == stdout
        for text in output_texts(output)
        for line in text.splitlines()
        if "✗" in line
    ]


def output_problems(nb, committed=None, verdicts=True) -> list[str]:
    """Everything wrong with a notebook's outputs, one line each (empty: clean).

    An error, stderr, a ✗ printed by ``lc.check`` (stdout; not with ``verdicts=False``, for a
    run whose sizes are too small for the checks to hold), a log line, a machine path, a
    stream over 60 lines. A ✗ in another output (an exercise checker's verdict) counts unless
    the ``committed`` notebook (by default ``nb`` itself) shows one in a cell of the same
    source: a wrong answer demonstrated on purpose, as in notebook 00. ``nb`` is an nbformat
    notebook or the same as plain JSON (JupyterLab's notebook model).
    """
    committed = nb if committed is None else committed
    # Matched by source: a run may hold one cell more (papermill's injected parameters).
    demonstrated = {c.get("source") for c in committed["cells"] if _crosses(c, stdout=False)}
    problems = []
    for index, cell in enumerate(nb["cells"]):
        where = f"cell {index}"
        for output in cell.get("outputs", []):
            kind = output["output_type"]
            if kind == "error":
                tail = ANSI.sub("", "\n".join(output["traceback"][-3:]))
                problems.append(f"{where}: {output['ename']}: {output['evalue']}\n{tail}")
            elif output.get("name") == "stderr":
                problems.append(f"{where}: stderr: {output['text'].strip()[:2000]}")
            elif kind == "stream":
                if output["text"].count("\n") > MAX_STREAM_LINES:
                    problems.append(f"{where}: a stream of over {MAX_STREAM_LINES} lines")
                if log := LOG_LINE.search(output["text"]):
                    problems.append(f"{where}: a log line: {log[0]}")
            if kind == "stream":
                shown = output["text"]
            else:  # a display's plain text, as JSON: escaped backslashes, as in a repr
                shown = json.dumps(output.get("data", {}).get("text/plain", ""))
            if kind != "error" and MACHINE_PATH.search(shown):
                problems.append(f"{where}: a machine path in an output")
        crosses = _crosses(cell, stdout=True) if verdicts else []
        if cell.get("source") not in demonstrated:
            crosses += _crosses(cell, stdout=False)
        problems += [f"{where}: {line}" for line in crosses]
    return problems


def parameterise(path, out):
    """Write ``out``: ``path`` with its second parameter set injected by papermill, and no
    outputs or execution counts (so a cell that never runs cannot pass for one that did)."""
    import papermill
    from notebook_params import SECOND_PARAMETERS

    params = SECOND_PARAMETERS[path.stem]
    papermill.execute_notebook(
        str(path), str(out), parameters=params, prepare_only=True, progress_bar=False
    )
    nb = nbformat.read(out, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, out)
    return nb
