"""What every sweep shares: run a notebook under other parameters, collect what it recorded,
and write the results file a notebook's claim cites.

A sweep is a script in ``sweeps/`` that runs one notebook (or its code) over several seeds or
settings and writes ``sweeps/results/<name>.json`` with :func:`write_results`. The file holds
the command that made it, the package version, the git commit, the date and the machine's
core count next to the rows, so the numbers a notebook quotes can be traced and re-made
(``make sweeps``). CONTRIBUTING.md, "Evidence", states the protocol:

- a sweep that **informs a choice** (a budget, a size, a threshold) scores validation data
  only: :func:`write_results` refuses, with ``informs_choice=True``, any row value whose name
  says ``test``;
- a claim about other runs reports their spread (:func:`spread`: min / median / max) or a
  count with its exact interval (:func:`k_of_n`), never one remembered number.
"""

import json
import math
import operator
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "sweeps" / "results"
NOTEBOOKS = ROOT / "notebooks"
METRICS_ENV = "LSTM_COURSE_METRICS"  # where lstm_course.metric writes in the kernel


def run_notebook(name: str, parameters: dict, *, informs_choice: bool, timeout: int = 900) -> dict:
    """Execute ``notebooks/<name>.ipynb`` with papermill under ``parameters``.

    With ``informs_choice=True`` the run scores no test set: ``SCORE_TEST`` is forced to
    False (a notebook without that parameter is refused), and only the metrics whose name has
    the word ``val`` are returned. A parameter the notebook does not have is refused (papermill
    would only log it).

    Returns ``{"parameters", "metrics", "verdicts", "errors", "seconds"}``: the numbers the
    notebook recorded with ``lc.metric``, its ``✓``/``✗`` lines, and any error (a failing
    cell, a timeout or a dead kernel), so that one bad run does not lose the others.
    """
    import nbformat
    import papermill

    notebook = NOTEBOOKS / f"{name}.ipynb"
    if not notebook.exists():
        raise ValueError(f"name must name a notebook in notebooks/, got {name!r}")
    known = papermill.inspect_notebook(str(notebook))
    if informs_choice:
        if "SCORE_TEST" not in known:
            raise ValueError(f"{name} has no SCORE_TEST parameter: a choosing sweep cannot run it")
        parameters = {**parameters, "SCORE_TEST": False}
    unknown = sorted(set(parameters) - set(known))
    if unknown:
        raise ValueError(
            f"parameters {unknown} are not in {name}'s parameters cell {sorted(known)}"
        )
    with tempfile.TemporaryDirectory() as tmp:
        out, metrics = Path(tmp) / notebook.name, Path(tmp) / "metrics.json"
        before = os.environ.get(METRICS_ENV)
        os.environ[METRICS_ENV] = str(metrics)
        start = time.perf_counter()
        errors = []
        try:
            papermill.execute_notebook(
                str(notebook),
                str(out),
                parameters=parameters,
                kernel_name="python3",
                cwd=str(NOTEBOOKS),
                progress_bar=False,
                execution_timeout=timeout,
            )
        except Exception as error:  # a cell's error, a timeout, a dead kernel: keep the row
            errors.append(f"{type(error).__name__}: {error}"[:500])
        finally:
            if before is None:
                os.environ.pop(METRICS_ENV, None)
            else:
                os.environ[METRICS_ENV] = before
        seconds = time.perf_counter() - start
        cells = nbformat.read(out, as_version=4).cells if out.exists() else []
        verdicts = [
            line
            for cell in cells
            for output in cell.get("outputs", [])
            if output.get("output_type") == "stream"
            for line in output.get("text", "").splitlines()
            if line.startswith(("✓", "✗"))
        ]
        recorded = json.loads(metrics.read_text()) if metrics.exists() else {}
    if informs_choice:
        recorded = {k: v for k, v in recorded.items() if "val" in k.split("_")}
    return {
        "parameters": parameters,
        "metrics": recorded,
        "verdicts": verdicts,
        "errors": errors,
        "seconds": round(seconds, 1),
    }


def notebook_row(name: str, parameters: dict, keys: dict, *, informs_choice: bool, **fields):
    """One run of ``notebooks/<name>.ipynb`` (:func:`run_notebook`) as a sweep's row: the
    ``fields`` (the seed, the setting), each recorded metric ``keys[key]`` under ``key``
    (``None`` if the run did not record it), and the run's parameters, verdicts, errors and
    seconds."""
    run = run_notebook(name, parameters, informs_choice=informs_choice)
    return {
        **fields,
        **{key: run["metrics"].get(metric) for key, metric in keys.items()},
        **{k: run[k] for k in ("parameters", "verdicts", "errors", "seconds")},
    }


def main(description: str, one, jobs: list, needed: tuple, name: str, quotes, **write) -> None:
    """The command line every sweep shares: ``--jobs``, the runs side by side (2 by
    default, one per core here), then :func:`run_all`."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--jobs", type=int, default=2, help="notebooks run side by side")
    run_all(one, jobs, parser.parse_args().jobs, needed, name, quotes, **write)


def run_all(one, jobs: list, workers: int, needed: tuple, name: str, quotes, **write) -> None:
    """Run ``one(job)`` for every job, ``workers`` at a time, print the rows, stop if a run
    failed or lacks a ``needed`` value, then :func:`write_results` with the sweep's
    ``quotes(rows)`` and print them."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers) as pool:
        rows = list(pool.map(one, jobs))
    for row in rows:
        print(row)
    bad = [r for r in rows if r["errors"] or any(r.get(k) is None for k in needed)]
    if bad:
        raise SystemExit(f"runs failed: {bad}")
    path = write_results(name, rows, quotes=quotes(rows), **write)
    print(*quotes(rows), f"written: {path}", sep="\n")


def _commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "lstm_course", "notebooks", "sweeps/*.py"]
        + ["requirements.txt", "pyproject.toml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    commit = done.stdout.strip() or "unknown"
    return commit + ("+uncommitted changes" if dirty.stdout.strip() else "")


def _processor() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for package in ("numpy", "keras", "tensorflow", "papermill"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = None
    return found


def names_of_test_scores(row: dict) -> list[str]:
    """The names in a row (its keys, and its metrics' keys) that say they are test scores."""
    names = [*row, *row.get("metrics", {})]
    return sorted({n for n in names if "test" in n.lower().replace("_", " ").split()})


def code_digest(path: str) -> str:
    """The sha256 of what a sweep measured at ``path`` (relative to the repository): for a
    notebook, its code cells without the parameters cell (a sweep varies those anyway); for
    a script, its text. A results file stores it, and ``tests/test_evidence.py`` fails when
    the code changed since: the file is stale and its sweep must run again."""
    import hashlib

    if not isinstance(path, str) or not (ROOT / path).is_file():
        raise ValueError(f"path must name a file in the repository, got {path!r}")
    if path.endswith(".ipynb"):
        cells = json.loads((ROOT / path).read_text(encoding="utf-8"))["cells"]
        text = "\n# cell\n".join(
            "".join(c["source"])
            for c in cells
            if c["cell_type"] == "code" and "parameters" not in c["metadata"].get("tags", [])
        )
    else:
        text = (ROOT / path).read_text(encoding="utf-8")
    return hashlib.sha256(text.encode()).hexdigest()


def write_results(
    name: str,
    rows: list,
    *,
    informs_choice: bool,
    claims: str,
    measured: tuple[str, ...],
    quotes: list[str] = (),
) -> Path:
    """Write ``sweeps/results/<name>.json``: the rows and how they were made.

    Args:
        name: the file's stem, lower_snake_case.
        rows: one dict per run (JSON-serialisable).
        informs_choice: True for a sweep whose results choose a setting; its rows must not
            hold a test score (a name with the word ``test``), or this raises ``ValueError``.
        claims: which notebook sentences the file backs, e.g. ``"06 cells 30, 55"``.
        measured: the notebooks (or the script) the rows measure, relative to the
            repository; their :func:`code_digest` is stored, so a later change shows.
        quotes: the sentences a notebook quotes from these rows, word for word
            (``tests/test_evidence.py`` checks that the cell citing the file holds them).
    """
    if not isinstance(name, str) or not name.replace("_", "").isalnum() or name != name.lower():
        raise ValueError(f"name must be a lower_snake_case file stem, got {name!r}")
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise TypeError(f"rows must be a non-empty list of dicts, got {type(rows).__name__}")
    if isinstance(measured, str) or not measured:
        raise ValueError(f"measured must name the files the rows measure, got {measured!r}")
    if informs_choice:
        leaked = sorted({n for row in rows for n in names_of_test_scores(row)})
        if leaked:
            raise ValueError(
                f"a sweep that informs a choice must not store test scores; rows hold {leaked}"
            )
    import lstm_course

    meta = {
        "command": " ".join(["python", *sys.argv]),
        "package_version": lstm_course.__version__,
        "commit": _commit(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "machine": platform.machine(),
        "processor": _processor(),
        "versions": _versions(),
        "informs_choice": informs_choice,
        "claims": claims,
        "measured_code": {path: code_digest(path) for path in measured},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    results = {"meta": meta, "quotes": list(quotes), "rows": rows}
    path.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    return path


def read_results(name: str) -> dict:
    """The results file ``sweeps/results/<name>.json`` (for a notebook to print its table)."""
    path = RESULTS / f"{name}.json"
    if not path.exists():
        raise FileNotFoundError(f"no results file {path.relative_to(ROOT)}: run its sweep")
    return json.loads(path.read_text())


def checks_held(rows: list) -> str:
    """'every check held in k of n runs', or how often each check that ever failed held.

    Reads each row's ``verdicts`` (the ✓ / ✗ lines the notebook printed with ``lc.check``).
    """
    n = len(rows)
    failed = sorted({v[1:].strip() for r in rows for v in r["verdicts"] if v.startswith("✗")})
    if not failed:
        return f"every check of the notebook held in {n} of {n} runs"
    held = [f"'{c}' in {sum(('✓ ' + c) in r['verdicts'] for r in rows)} of {n}" for c in failed]
    return "the checks held in every run except " + "; ".join(held)


def spread(values) -> dict:
    """``{"n", "min", "median", "max"}`` of the finite values."""
    values = sorted(float(v) for v in values)
    if not values or not all(math.isfinite(v) for v in values):
        raise ValueError(f"values must be a non-empty sequence of finite numbers, got {values}")
    n, mid = len(values), len(values) // 2
    median = values[mid] if n % 2 else (values[mid - 1] + values[mid]) / 2
    return {"n": n, "min": values[0], "median": median, "max": values[-1]}


def _binomial_cdf(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p), summed in log space (no overflow for large n)."""
    if p <= 0.0:
        return 1.0
    if p >= 1.0:
        return 1.0 if k >= n else 0.0
    logs = [
        math.lgamma(n + 1)
        - math.lgamma(i + 1)
        - math.lgamma(n - i + 1)
        + i * math.log(p)
        + (n - i) * math.log1p(-p)
        for i in range(k + 1)
    ]
    top = max(logs)
    return min(1.0, math.exp(top) * sum(math.exp(v - top) for v in logs))


def k_of_n(k: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Clopper and Pearson's exact interval for a proportion seen ``k`` times in ``n`` runs:
    the range of success probabilities the ``k`` of ``n`` does not rule out."""
    try:
        k, n = operator.index(k), operator.index(n)
    except TypeError:
        raise ValueError(f"k and n must be integers, got {k!r}, {n!r}") from None
    if not (n >= 1 and 0 <= k <= n):
        raise ValueError(f"k and n must be integers with 0 <= k <= n and n >= 1, got {k}, {n}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie in (0, 1), got {confidence}")
    alpha = 1 - confidence

    def solve(f, target):  # f increases in p; bisection to 1e-12
        lo, hi = 0.0, 1.0
        for _ in range(60):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if f(mid) < target else (lo, mid)
        return (lo + hi) / 2

    lower = 0.0 if k == 0 else solve(lambda p: 1 - _binomial_cdf(k - 1, n, p), alpha / 2)
    upper = 1.0 if k == n else solve(lambda p: 1 - _binomial_cdf(k, n, p), 1 - alpha / 2)
    return lower, upper
