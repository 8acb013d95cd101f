"""`make lab` as a learner meets it: a URL with its token, the start-here notebook, Ctrl-C.

`make lab` runs with a pseudo-terminal as standard input, as in a learner's terminal (that
is when JupyterLab installs its Ctrl-C handler), and Ctrl-C is sent to the whole process
group, as a terminal does.
"""

import os
import pty
import re
import signal
import subprocess
import threading
import time
import urllib.request

import pytest
from helpers import ROOT, free_port


@pytest.mark.slow
def test_make_lab_prints_a_url_serves_the_course_and_stops_on_ctrl_c(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
    }
    terminal, terminal_side = pty.openpty()
    lab = subprocess.Popen(
        ["make", "lab", f"LAB_ARGS=--no-browser --port={port} --ip=127.0.0.1"],
        cwd=ROOT,
        env=env,
        stdin=terminal_side,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(lab.stdout), daemon=True)
    reader.start()
    pattern = re.compile(
        rf"http://127\.0\.0\.1:{port}/lab/tree/notebooks/00_start_here\.ipynb\?token=\w+"
    )
    try:
        url, deadline = None, time.time() + 120
        while url is None and time.time() < deadline and lab.poll() is None:
            found = pattern.search("".join(output))
            url = found.group() if found else None
            time.sleep(0.2)
        assert url, "no URL with a token on the start-here notebook:\n" + "".join(output)[-3000:]
        with urllib.request.urlopen(url, timeout=10) as page:
            assert page.status == 200 and "JupyterLab" in page.read().decode()
        token = url.split("token=")[1]
        api = f"http://127.0.0.1:{port}/api/contents/notebooks/00_start_here.ipynb?token={token}"
        with urllib.request.urlopen(api, timeout=10) as reply:
            assert reply.status == 200
        os.killpg(lab.pid, signal.SIGINT)  # one Ctrl-C
        lab.wait(timeout=30)
        reader.join(timeout=10)
    finally:
        if lab.poll() is None:
            os.killpg(lab.pid, signal.SIGKILL)
        os.close(terminal)
        os.close(terminal_side)
    log = "".join(output)
    assert "Shutting down" in log, log[-2000:]
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=2)
