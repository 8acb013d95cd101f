"""Every notebook, opened and run in JupyterLab in headless Chromium, as a learner would.

JupyterLab serves a temporary copy of the notebooks (autosave must not touch the repo), each
parameterised by papermill with its second parameter set (another seed and the smallest
sizes that reach every cell: tests/notebook_params.py) and stripped of outputs. So this one
execution proves both that the parameters work and that every cell runs in the real UI.
Its sizes are too small for the notebooks' ✓ checks to hold, so it does not judge them:
nbval does, on the defaults, under the Makefile's PORTABILITY_ENV. This run uses the
authoring configuration.

Playwright drives Debian's ``chromium`` (never a downloaded browser), which `make test`
installs before any test starts. For each notebook: run all cells through the UI, wait until
every code cell has an execution count and the kernel is idle, then scan the notebook as
JupyterLab holds it with the suite's one scanner of outputs (``helpers.output_problems``: no
error, no stderr, no log line; ✓ checks not judged), and check that every figure rendered.
Figures are counted twice, neither way depending on scrolling: in the notebook model
(outputs with an image), and in the page, with JupyterLab's windowing off (``windowingMode:
none``) so every cell is attached to the DOM, not only those in view. A screenshot of every
run, passed or failed, is saved under ``artifacts/browser/`` (git-ignored).
"""

import contextlib
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from helpers import NOTEBOOKS, ROOT, free_port, output_problems, parameterise, portability_env
from playwright.sync_api import TimeoutError as PlaywrightTimeout

SCREENSHOTS = ROOT / "artifacts" / "browser"
TOKEN = "lstm-course-browser-test"


# Session scope: one server and one browser for all the notebooks.
@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """A JupyterLab server on a temporary copy of the course; yields its base URL."""
    base = tmp_path_factory.mktemp("lab")
    (base / "course" / "notebooks").mkdir(parents=True)
    for path in NOTEBOOKS:
        parameterise(path, base / "course" / "notebooks" / path.name)
    dirs = {name: base / name for name in ("config", "runtime", "settings", "workspaces")}
    for d in dirs.values():
        d.mkdir()
    settings = {
        # No news toast over the notebook.
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
        # Attach every cell to the DOM, so what rendered can be counted without scrolling.
        "notebook-extension/tracker": {"windowingMode": "none"},
    }
    for name, values in settings.items():
        file = dirs["settings"] / "@jupyterlab" / f"{name}.jupyterlab-settings"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(json.dumps(values))
    # The authoring floating-point configuration (oneDNN's optimisations on, about 6% faster
    # for 06 than off): nbval alone runs under PORTABILITY_ENV.
    perturbed = portability_env()
    env = {
        **{k: v for k, v in os.environ.items() if k not in perturbed},
        "JUPYTER_CONFIG_DIR": str(dirs["config"]),
        "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
        "JUPYTERLAB_SETTINGS_DIR": str(dirs["settings"]),
        "JUPYTERLAB_WORKSPACES_DIR": str(dirs["workspaces"]),
        "TF_CPP_MIN_LOG_LEVEL": "3",
    }
    port = free_port()
    cmd = [
        str(Path(sys.executable).with_name("jupyter")),
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={TOKEN}",
        f"--ServerApp.root_dir={base / 'course'}",
        "--LabApp.expose_app_in_browser=True",
    ]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(base / "lab.log", "w")
    server = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start: " + (base / "lab.log").read_text()[-2000:])
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


STATE_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.sessionContext.session) return null;
  const kernel = panel.sessionContext.session.kernel;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  const outputs = cells.map(c => c.model.outputs.toJSON()).flat();
  return {
    status: kernel ? kernel.status : 'none',
    counts: cells.map(c => c.model.executionCount),
    model_images: outputs.filter(o => o.data && o.data['image/png']).length,
    rendered_images: panel.node.querySelectorAll('.jp-RenderedImage img').length,
  };
}"""
# The cells as JupyterLab holds them (nbformat JSON, multi-line strings joined), for
# helpers.output_problems.
NOTEBOOK_JS = """() => {
  const join = v => Array.isArray(v) ? v.join('') : v;
  const joinAll = data => Object.fromEntries(Object.entries(data).map(([k, v]) => [k, join(v)]));
  const cells = window.jupyterapp.shell.currentWidget.context.model.toJSON().cells;
  return {cells: cells.map(c => ({
    source: join(c.source),
    outputs: (c.outputs || []).map(o => ({
      ...o,
      ...(o.text !== undefined ? {text: join(o.text)} : {}),
      ...(o.data ? {data: joinAll(o.data)} : {}),
    })),
  }))};
}"""


def shut_down_kernels(url: str) -> None:
    """Shut down every kernel of the server through its REST API, and wait until none runs."""
    for _ in range(60):
        with urllib.request.urlopen(f"{url}/api/kernels?token={TOKEN}", timeout=10) as r:
            kernels = json.load(r)
        if not kernels:
            return
        for kernel in kernels:
            request = urllib.request.Request(
                f"{url}/api/kernels/{kernel['id']}?token={TOKEN}", method="DELETE"
            )
            with contextlib.suppress(OSError):
                urllib.request.urlopen(request, timeout=30).close()
        time.sleep(0.5)


def expected_images(path: Path) -> int:
    nb = nbformat.read(path, as_version=4)
    return sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))


def wait(page, condition: str, timeout_ms: int, polling=1000):
    """Wait until ``condition`` holds for the state above; True, or False on a timeout."""
    try:
        page.wait_for_function(
            f"() => {{ const s = ({STATE_JS})(); return s !== null && ({condition}); }}",
            timeout=timeout_ms,
            polling=polling,
        )
        return True
    except PlaywrightTimeout:
        return False


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_in_jupyterlab(lab, browser, path):
    name, figures = path.name, expected_images(path)
    code_cells = sum(c.cell_type == "code" for c in nbformat.read(path, 4).cells) + 1  # + injected
    shot = SCREENSHOTS / f"{path.stem}.png"
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    state, finished, drawn = None, False, False
    try:
        # reset: a fresh workspace, not the notebooks this server opened before (each reopened
        # with its kernel).
        page.goto(f"{lab}/lab/tree/notebooks/{name}?reset&token={TOKEN}")
        page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell.currentWidget", timeout=60_000
        )
        assert wait(page, "s.status === 'idle'", 120_000), f"{name}: the kernel never became idle"
        # Fire and forget: the command's promise is not awaited (page.evaluate has no timeout);
        # the bounded waits below decide.
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        # Bounded, with room for a busy machine (each takes under a minute on a quiet one).
        finished = wait(page, "s.status === 'idle' && s.counts.every(c => c !== null)", 600_000)
        # Images appear in the page a moment after their output reaches the model.
        drawn = wait(page, "s.rendered_images >= s.model_images", 30_000, polling=250)
        state = page.evaluate(STATE_JS)
        run = page.evaluate(NOTEBOOK_JS)
        with urllib.request.urlopen(f"{lab}/api/kernels?token={TOKEN}", timeout=10) as r:
            kernels = len(json.load(r))
    finally:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):
            page.screenshot(path=str(shot), full_page=True)
        page.close()
        # Free the kernel's memory before the next notebook; never mask the test's own error.
        with contextlib.suppress(Exception):
            shut_down_kernels(lab)
    where = f"{name} (second parameter set; screenshot: {shot.relative_to(ROOT)})"
    assert finished, f"{where}: not every cell ran within the time limit: {state}"
    assert kernels == 1, f"{where}: {kernels} kernels ran (notebooks reopened from the workspace)"
    problems = output_problems(run, committed=nbformat.read(path, as_version=4), verdicts=False)
    assert not problems, f"{where}: " + "\n".join(problems)
    assert len(state["counts"]) == code_cells, f"{where}: {len(state['counts'])} code cells"
    assert state["model_images"] == figures, f"{where}: {state['model_images']} figures made"
    assert drawn, f"{where}: {state['rendered_images']} of {state['model_images']} figures drawn"
