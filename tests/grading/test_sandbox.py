"""The kernel sandbox: command wrapping and the isolation level actually available."""
from __future__ import annotations

import subprocess
import sys

import pytest

from grading.sandbox import SandboxPolicy, detect_isolation, wrap_command


def test_limits_only_wrapping_sets_limits_and_runs():
    policy = SandboxPolicy("none", cpu_seconds=7, memory_bytes=512 * 1024**2)
    code = "import resource; print(resource.getrlimit(resource.RLIMIT_CPU)[0], resource.getrlimit(resource.RLIMIT_AS)[0])"
    cmd = wrap_command([sys.executable, "-c", code], policy, cwd=".", writable=[])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    assert out == ["7", str(512 * 1024**2)]
    assert "UNPROTECTED" in policy.describe()


@pytest.mark.needs_system("bwrap")
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


def _start_kernel_and_run(tmp_path, code: str):
    """Start a kernel as the autograder does, wait until ready, run ``code``; return what IOPub held."""
    import asyncio
    from queue import Empty

    from grading.sandbox import KernelClient, SandboxedKernelManager

    async def run():
        km = SandboxedKernelManager(kernel_name="python3", isolation=detect_isolation(),
                                    runtime_root=str(tmp_path / "rt"))
        await km.start_kernel(cwd=str(tmp_path))
        kc = km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=60)
            leftover = []
            try:  # the kernel_info exchange must have been read off completely
                leftover.append(await kc.iopub_channel.get_msg(timeout=0.5))
            except Empty:
                pass
            msg_id = kc.execute(code)
            outputs = []
            while True:
                msg = await kc.iopub_channel.get_msg(timeout=30)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "stream":
                    outputs.append(msg["content"]["text"])
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    break
            return type(kc), leftover, "".join(outputs)
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)

    return asyncio.run(run()), KernelClient


def test_kernel_client_is_ready_with_iopub_flushed(tmp_path):
    (kind, leftover, output), expected = _start_kernel_and_run(tmp_path, "print('ready', 6 * 7)")
    assert kind is expected
    assert [m["msg_type"] for m in leftover] == []
    assert output == "ready 42\n"
