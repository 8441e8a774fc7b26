"""The kernel sandbox: command wrapping and the isolation level actually available."""
from __future__ import annotations

import subprocess
import sys

import pytest

from grading.sandbox import SandboxPolicy, detect_isolation, wrap_command


def test_rlimits_only_wrapping_sets_limits_and_runs():
    policy = SandboxPolicy("rlimits", cpu_seconds=7, memory_bytes=512 * 1024**2)
    code = "import resource; print(resource.getrlimit(resource.RLIMIT_CPU)[0], resource.getrlimit(resource.RLIMIT_AS)[0])"
    cmd = wrap_command([sys.executable, "-c", code], policy, cwd=".", writable=[])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    assert out == ["7", str(512 * 1024**2)]
    assert "rlimits only" in policy.describe()


@pytest.mark.skipif(detect_isolation() != "bwrap", reason="bubblewrap not usable here")
def test_bwrap_hides_paths_blocks_network_and_limits_memory(tmp_path):
    secret = tmp_path / "course"
    secret.mkdir()
    (secret / "gradebook.db").write_text("secret")
    work = tmp_path / "work"
    work.mkdir()
    policy = SandboxPolicy("bwrap", cpu_seconds=10, memory_bytes=1024**3, hidden_paths=(str(secret),))
    code = (
        "import os, socket\n"
        f"print('sees', os.path.exists({str(secret / 'gradebook.db')!r}))\n"
        "open('out.txt', 'w').write('ok')\n"
        "try:\n    socket.create_connection(('1.1.1.1', 53), timeout=2); print('net yes')\n"
        "except OSError:\n    print('net no')\n"
        "try:\n    bytearray(4 * 1024**3); print('mem yes')\n"
        "except MemoryError:\n    print('mem no')\n"
        "try:\n    open('/tmp/big', 'wb').write(bytes(300 * 1024**2)); print('disk yes')\n"
        "except OSError:\n    print('disk no')\n"
    )
    cmd = wrap_command([sys.executable, "-c", code], policy, cwd=str(work), writable=[str(work)])
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:4] == ["sees False", "net no", "mem no", "disk no"]
    assert (work / "out.txt").read_text() == "ok"  # its own working folder is writable
    assert (secret / "gradebook.db").read_text() == "secret"


def test_kernel_environment_drops_secrets():
    from grading.sandbox import kernel_environment

    env = kernel_environment({"PATH": "/usr/bin", "GITHUB_TOKEN": "x", "AWS_SECRET_ACCESS_KEY": "y",
                              "NBGRADER_EXECUTION": "autograde", "HOME": "/root"})
    assert env["PATH"] == "/usr/bin" and env["NBGRADER_EXECUTION"] == "autograde"
    assert "GITHUB_TOKEN" not in env and "AWS_SECRET_ACCESS_KEY" not in env
    assert env["HOME"] != "/root"
