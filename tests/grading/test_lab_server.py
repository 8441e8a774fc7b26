"""`make lab` for real: JupyterLab starts with formgrader, which lists the course's assignments."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def _cmdline(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:  # gone meanwhile
        return ""


def test_lab_serves_formgrader_for_the_course(tmp_path):
    course = tmp_path / "workshop"
    cli = [sys.executable, "-m", "motcua.cli", "workshop"]
    env = {**os.environ, "JUPYTER_TOKEN": "motcua-test",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run(cli + ["init", str(course), "--roster", str(ROOT / "exercises/demo-roster.csv")],
                   check=True, capture_output=True, env=env)
    port = _free_port()
    server = subprocess.Popen(cli + ["lab", "--course", str(course), "--root", str(tmp_path), "--port", str(port),
                                     "--no-browser"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/formgrader/api/assignments?token=motcua-test"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    assignments = json.load(response)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(server.stdout.read().decode(errors="replace")[-3000:]) from None
                time.sleep(1)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    left = [pid for pid in os.listdir("/proc") if pid.isdigit() and _cmdline(pid).find(str(tmp_path)) >= 0]
    assert not left, f"JupyterLab still running after its command was stopped: {[_cmdline(p) for p in left]}"
    names = {a["name"] for a in assignments}
    assert {"procedures", "communication", "queues", "staffing", "online-services"} <= names
