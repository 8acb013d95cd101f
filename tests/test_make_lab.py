"""`make lab` as a learner meets it: a URL with its token, the start-here notebook, Ctrl-C."""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request

import pytest
from paths import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_make_lab_prints_a_url_serves_the_course_and_stops_on_ctrl_c(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
    }
    lab = subprocess.Popen(
        ["make", "lab", f"LAB_ARGS=--no-browser --port={port} --ip=127.0.0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines, url = [], None
    deadline = time.time() + 120
    try:
        while time.time() < deadline and url is None:
            line = lab.stdout.readline()
            if not line:
                break
            lines.append(line)
            found = re.search(
                rf"(http://127\.0\.0\.1:{port}/lab/tree/notebooks/00_start_here\.ipynb\?token=\w+)",
                line,
            )
            url = found.group(1) if found else None
        assert url, "no URL with a token on the start-here notebook:\n" + "".join(lines)
        token = url.split("token=")[1]
        with urllib.request.urlopen(url, timeout=10) as page:
            assert page.status == 200 and "JupyterLab" in page.read().decode()
        api = f"http://127.0.0.1:{port}/api/contents/notebooks/00_start_here.ipynb?token={token}"
        with urllib.request.urlopen(api, timeout=10) as reply:
            assert reply.status == 200
        os.killpg(lab.pid, signal.SIGINT)  # Ctrl-C in the terminal reaches the whole group
        rest, _ = lab.communicate(timeout=20)
    finally:
        if lab.poll() is None:
            os.killpg(lab.pid, signal.SIGKILL)
    assert "Shutting down" in rest, rest[-1500:]
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=2)
