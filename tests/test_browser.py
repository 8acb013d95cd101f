"""Every notebook, opened and run in JupyterLab in headless Chromium, as a learner would.

JupyterLab serves a temporary copy of the notebooks (autosave must not touch the repo).
Playwright drives Debian's ``chromium`` (never a downloaded browser). For each notebook:
run all cells through the UI, wait until every code cell has an execution count and the
kernel is idle, then assert no error or stderr output, the expected number of rendered
figures, and save a screenshot under ``artifacts/browser/`` (git-ignored).
"""

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from helpers import NOTEBOOKS, ROOT, free_port

SCREENSHOTS = ROOT / "artifacts" / "browser"
TOKEN = "lstm-course-browser-test"


def chromium() -> str:
    """Path of Debian's chromium, installing it (as root) if it is missing."""
    path = shutil.which("chromium")
    if path is None and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, capture_output=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium"],
            check=True,
            env=env,
            capture_output=True,
        )
        path = shutil.which("chromium")
    if path is None:
        pytest.fail("Debian's chromium is missing: apt-get install chromium (needs root)")
    return path


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a temporary copy of the course; yields its base URL."""
    base = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", base / "course" / "notebooks")
    dirs = {name: base / name for name in ("config", "runtime", "settings", "workspaces")}
    for d in dirs.values():
        d.mkdir()
    news = dirs["settings"] / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    env = {
        **os.environ,
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


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium(),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


STATE_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.sessionContext.session) return null;
  const kernel = panel.sessionContext.session.kernel;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  const outputs = cells.map(c => c.model.outputs.toJSON()).flat();
  const stderr = outputs.filter(o => o.output_type === 'stream' && o.name === 'stderr');
  return {
    status: kernel ? kernel.status : 'none',
    counts: cells.map(c => c.model.executionCount),
    errors: outputs.filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue),
    stderr: stderr.map(o => o.text),
    images: document.querySelectorAll('.jp-RenderedImage img').length,
  };
}"""


def expected_images(path: Path) -> int:
    nb = nbformat.read(path, as_version=4)
    return sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_in_jupyterlab(lab, browser, path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{lab}/lab/tree/notebooks/{path.name}?token={TOKEN}")
        page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell.currentWidget", timeout=60_000
        )
        page.wait_for_function(
            f"() => {{ const s = ({STATE_JS})(); return s && s.status === 'idle'; }}",
            timeout=120_000,
        )
        # Fire and forget: the command's promise is not awaited (page.evaluate has no timeout);
        # the bounded wait below decides.
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        page.wait_for_function(
            f"() => {{ const s = ({STATE_JS})(); return s && s.status === 'idle' && "
            "s.counts.every(c => c !== null); }",
            timeout=400_000,
            polling=1000,
        )
        state = page.evaluate(STATE_JS)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{path.stem}.png"))
    finally:
        # Free the kernel's memory before the next notebook; never mask the test's own error.
        with contextlib.suppress(Exception):
            page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
        page.close()
    assert state["errors"] == [], state["errors"]
    assert state["stderr"] == [], state["stderr"]
    assert len(state["counts"]) == len(
        [c for c in nbformat.read(path, 4).cells if c.cell_type == "code"]
    )
    assert state["images"] >= expected_images(path), f"{state['images']} figures rendered"
