"""Execute every notebook with its default parameters, each in a fresh kernel, and measure it.

Prints one row per notebook: wall seconds and the peak resident memory (RSS) of the kernel
process, sampled every 50 ms. This is a measurement, not a test.

    python benchmarks/run_notebooks.py                 # measure only
    python benchmarks/run_notebooks.py --write         # also save the executed notebooks in place
    python benchmarks/run_notebooks.py 03 04           # only notebooks whose names start so
    python benchmarks/run_notebooks.py --json out.json # also write the figures as JSON

``--write`` is what ``make notebooks`` runs: the executed notebook replaces the committed
one, with papermill's metadata stripped by nbstripout (outputs and execution counts kept),
and ``benchmarks/metrics.json`` is rewritten: each notebook's time, peak memory and the
headline numbers it recorded with ``lstm_course.metric`` (the README's results table is
generated from that file by ``tools/readme_assets.py``).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import papermill
import psutil

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
METRICS = ROOT / "benchmarks" / "metrics.json"
METRICS_ENV = "LSTM_COURSE_METRICS"  # read by lstm_course.metric in the kernel
STRIP_KEYS = "metadata.papermill cell.metadata.papermill cell.metadata.execution"


class PeakRSS:
    """Samples the summed RSS of this process's descendants (the kernel) in a thread."""

    def __init__(self, interval: float = 0.05):
        self.interval, self.peak, self._stop = interval, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for child in me.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def strip(path: Path) -> None:
    """Remove papermill's metadata, keeping outputs and execution counts."""
    exe = Path(sys.executable).with_name("nbstripout")
    cmd = [str(exe), "--keep-output", "--keep-count", "--extra-keys", STRIP_KEYS, str(path)]
    subprocess.run(cmd, check=True)


def run(path: Path, write: bool, timeout: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / path.name
        metrics_file = Path(tmp) / "metrics.json"
        os.environ[METRICS_ENV] = str(metrics_file)  # the kernel inherits it
        start = time.perf_counter()
        try:
            with PeakRSS() as rss:
                papermill.execute_notebook(
                    str(path),
                    str(out),
                    kernel_name="python3",
                    cwd=str(path.parent),
                    progress_bar=False,
                    execution_timeout=timeout,
                )
        finally:
            del os.environ[METRICS_ENV]
        seconds = time.perf_counter() - start
        if write:
            strip(out)
            path.write_text(out.read_text())
        recorded = json.loads(metrics_file.read_text()) if metrics_file.exists() else {}
    return {
        "notebook": path.stem,
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(rss.peak / 2**20),
        "metrics": recorded,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("prefixes", nargs="*", help="run only notebooks whose names start so")
    parser.add_argument("--write", action="store_true", help="save executed notebooks in place")
    parser.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    parser.add_argument("--timeout", type=int, default=600, help="per-cell timeout, seconds")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if args.prefixes:
        paths = [p for p in paths if p.name.startswith(tuple(args.prefixes))]
    if not paths:
        print("no notebook matches", args.prefixes, file=sys.stderr)
        return 2
    print(f"{'notebook':<28} {'seconds':>8} {'peak RSS MB':>12}")
    rows = []
    for path in paths:
        row = run(path, args.write, args.timeout)
        rows.append(row)
        print(f"{row['notebook']:<28} {row['seconds']:>8.1f} {row['peak_rss_mb']:>12d}", flush=True)
    print(f"{'total':<28} {sum(r['seconds'] for r in rows):>8.1f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")
    if args.write:
        merged = json.loads(METRICS.read_text()) if METRICS.exists() else {}
        merged.update({r["notebook"]: r for r in rows})
        METRICS.write_text(json.dumps(dict(sorted(merged.items())), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
