"""The locked room an official's notebook kernel runs in while it is graded.

A submission is untrusted code. While nbgrader executes it, the kernel must not
read hidden tests or other officials' work, write to the gradebook or the
course folders, reach the network, run forever or eat all the memory.

The strongest level available on the machine is used:

``bwrap``
    Debian's bubblewrap gives the kernel a private view of the filesystem (the
    whole system read-only, a fresh ``/tmp``, the course folders and the
    repository's exercise sources replaced by empty directories, only the
    kernel's own working copy writable), new user/pid/ipc/net namespaces (no
    network at all), plus the CPU-time and memory limits below. Kernel and
    grader talk over Unix sockets in a private runtime folder (ZeroMQ ``ipc``
    transport), which works without a network.
``none``
    No sandbox, only ``RLIMIT_CPU`` and ``RLIMIT_AS`` on the kernel process:
    the kernel can read and write whatever the trainer's account can (hidden
    tests included) and reach the network. Never chosen by itself: the trainer
    must ask for it (``--isolation none``) and every grade made so is marked
    "unprotected". `grading.autograder` then grades one official at a time,
    each in a fresh copy, and checks the course folder after each one.

Wall-clock time is bounded by nbgrader's ``Execute.timeout`` (per cell).
`detect_isolation` never falls back silently: no usable bubblewrap gives
``"none"``, and `grading.autograder.autograde` refuses to grade with it unless
asked; `SANDBOX_MISSING` says what to install.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import DottedObjectName, Integer, List, Type, Unicode

__all__ = ["SandboxPolicy", "SandboxedKernelManager", "KernelClient", "detect_isolation",
           "FormgraderKernelManager", "wrap_command", "kernel_environment", "LEVELS", "UNPROTECTED", "SANDBOX_MISSING"]

LEVELS = ("bwrap", "none")  # strongest first
UNPROTECTED = "unprotected"  # how grades made with level "none" are marked
SANDBOX_MISSING = (
    "no sandbox is usable on this machine, so submitted code could read the hidden tests and change "
    "grades. Install bubblewrap (Debian/Ubuntu: `sudo apt-get install bubblewrap`; it also needs "
    "unprivileged user namespaces, on by default) and run the command again. To grade anyway, without "
    "protection, add `--isolation none`: the grades are then marked \"unprotected\"; see "
    "docs/trainer-guide.md, \"Troubleshooting\".")

# Runs inside the sandbox: set the limits, then become the kernel.
_LIMITS = (
    "import os,resource,sys;"
    "c=int(sys.argv[1]);m=int(sys.argv[2]);"
    "resource.setrlimit(resource.RLIMIT_CPU,(c,c+5));"
    "resource.setrlimit(resource.RLIMIT_AS,(m,m));"
    "resource.setrlimit(resource.RLIMIT_CORE,(0,0));"
    "resource.setrlimit(resource.RLIMIT_FSIZE,(%d,%d));"
    "os.execv(sys.argv[3],sys.argv[3:])"
) % ((256 * 1024**2,) * 2)  # no file larger than 256 MiB
TMPFS_BYTES = 256 * 1024**2  # the private /tmp lives in memory: keep it small


@dataclass(frozen=True)
class SandboxPolicy:
    """What a kernel may use: level, CPU seconds, memory bytes, paths it must not see."""

    level: str = "bwrap"
    cpu_seconds: int = 120
    memory_bytes: int = 2 * 1024**3
    hidden_paths: tuple[str, ...] = field(default_factory=tuple)

    def describe(self) -> str:
        mem = self.memory_bytes // 1024**2
        if self.level == "bwrap":
            return (f"bwrap (private filesystem view, no network) + CPU {self.cpu_seconds} s"
                    f" + memory {mem} MiB")
        return (f"none: UNPROTECTED, CPU {self.cpu_seconds} s and memory {mem} MiB limits only; the kernel"
                " can read and write the trainer's files and reach the network")


def detect_isolation() -> str:
    """Return ``"bwrap"`` when bubblewrap (found on ``PATH``) can build a sandbox here, else ``"none"``."""
    return _probe(shutil.which("bwrap"))


@lru_cache(maxsize=4)
def _probe(bwrap: str | None) -> str:
    if bwrap is None:
        return "none"
    probe = [bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/",
             "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "true"]
    try:
        ok = subprocess.run(probe, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return "bwrap" if ok else "none"


def _visible_ancestor_hidden(path: str, hidden: list[str]) -> bool:
    return any(path == h or path.startswith(h.rstrip("/") + "/") for h in hidden)


def _runtime_under_tmp() -> list[str]:
    """Folders the kernel needs (the Python installation, the venv, this project) that live under /tmp.

    A checkout in /tmp (as CI may use) would otherwise vanish behind the sandbox's fresh /tmp.
    """
    project = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    paths = {os.path.realpath(p) for p in (sys.prefix, sys.exec_prefix, sys.base_prefix, project)}
    under = sorted((p for p in paths if p.startswith("/tmp/")), key=len)
    return [p for p in under if not _visible_ancestor_hidden(p, [q for q in under if q != p])]


# Top-level folders of people's data, not of the system: a kernel sees none of them (other checkouts of
# the course, with their answer keys, can live there), only the runtime it needs from them.
PRIVATE_TOP = frozenset({"home", "root", "work", "srv", "mnt", "media", "opt", "tmp", "proc", "dev", "sys", "run",
                         "var", "boot", "lost+found", "snap"})


def _system_view() -> list[str]:
    """bwrap arguments showing the system's folders read-only (/usr, /etc, /lib...), not people's data."""
    args = []
    for name in sorted(os.listdir("/")):
        if name in PRIVATE_TOP:
            continue
        path = "/" + name
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    return args


def _runtime_elsewhere() -> list[str]:
    """Folders the kernel needs (Python, the venv, this project, PYTHONPATH) inside the private top folders."""
    project = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    candidates = {sys.prefix, sys.exec_prefix, sys.base_prefix, project,
                  *(p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)}
    paths = {os.path.realpath(p) for p in candidates if os.path.isdir(p)}
    inside = sorted((p for p in paths if p.split("/")[1] in PRIVATE_TOP and not p.startswith("/tmp/")), key=len)
    return [p for p in inside if not _visible_ancestor_hidden(p, [q for q in inside if q != p])]


def wrap_command(cmd: list[str], policy: SandboxPolicy, *, cwd: str,
                 writable: list[str]) -> list[str]:
    """Return ``cmd`` wrapped so it runs under ``policy`` with ``cwd`` as working folder."""
    # -I -S: setting limits needs only the standard library, so skip the site-packages start-up
    limited = [sys.executable, "-I", "-S", "-c", _LIMITS, str(policy.cpu_seconds),
               str(policy.memory_bytes), *cmd]
    if policy.level != "bwrap":
        return limited
    hidden = [os.path.realpath(p) for p in policy.hidden_paths if os.path.exists(p)]
    hidden = sorted(set(hidden), key=len)
    args = [shutil.which("bwrap") or "bwrap", "--unshare-all", "--die-with-parent",
            *_system_view(), "--dev", "/dev", "--proc", "/proc",
            "--size", str(TMPFS_BYTES), "--tmpfs", "/tmp"]
    runtime = _runtime_under_tmp()
    for path in runtime:  # Python and the project itself must stay visible, read-only, even below /tmp
        args += ["--ro-bind", path, path]
    for path in _runtime_elsewhere():  # ... and where they live in the folders of people's data
        args += ["--ro-bind", path, path]
    for path in hidden:
        if _visible_ancestor_hidden(path, [h for h in hidden if h != path]):
            continue  # already covered by a hidden ancestor
        if path.startswith("/tmp/") and not _visible_ancestor_hidden(path, runtime):
            continue  # already covered by the fresh /tmp
        args += ["--size", str(1024**2), "--tmpfs", path]
    for path in writable:
        real = os.path.realpath(path)
        args += ["--bind", real, real]
    args += ["--chdir", os.path.realpath(cwd),
             "--setenv", "HOME", "/tmp", "--setenv", "IPYTHONDIR", "/tmp/.ipython",
             "--setenv", "MPLCONFIGDIR", "/tmp", "--setenv", "MALLOC_ARENA_MAX", "2",
             # the grader is outside the pid namespace: ipykernel must not poll it
             "--unsetenv", "JPY_PARENT_PID", "--"]
    return args + limited


ENV_KEEP = ("PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "VIRTUAL_ENV", "PYTHONPATH",
            "PYTHONHASHSEED", "NBGRADER_EXECUTION", "MPLBACKEND")


def kernel_environment(env) -> dict[str, str]:
    """Only harmless variables reach the kernel (no tokens or passwords from the trainer's shell)."""
    out = {k: v for k, v in env.items() if k in ENV_KEEP}
    out.update(HOME="/tmp" if os.path.isdir("/tmp") else os.getcwd(), MALLOC_ARENA_MAX="2",
               IPYTHONDIR=os.path.join("/tmp", ".ipython"), MPLCONFIGDIR="/tmp")
    return out


class KernelClient(AsyncKernelClient):
    """jupyter_client's async client, ready as soon as the kernel has answered ``kernel_info``.

    jupyter_client's ``wait_for_ready`` ends by reading IOPub until it has been
    silent for 0.2 s: 0.2 s of idle waiting per official. Here the flush stops
    at the ``idle`` status of the answered ``kernel_info`` request, the last
    message that exchange produces; everything before it is read off exactly
    as before. Without it within 0.2 s (IOPub not connected yet) the request
    is sent again, as jupyter_client does.
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                reply = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply" \
                    and await self._iopub_idle_after(reply["parent_header"].get("msg_id")):
                self._handle_kernel_info_reply(reply)
                return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")

    async def _iopub_idle_after(self, request_id: str | None) -> bool:
        """Read IOPub up to the request's ``idle`` status; False if IOPub stays silent 0.2 s."""
        while True:
            try:
                msg = await self.iopub_channel.get_msg(timeout=0.2)
            except Empty:
                return False
            if msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle" \
                    and msg["parent_header"].get("msg_id") == request_id:
                return True


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels start inside the sandbox described by its traits."""

    client_class = DottedObjectName("grading.sandbox.KernelClient")
    client_factory = Type(klass="jupyter_client.asynchronous.AsyncKernelClient", default_value=KernelClient)

    isolation = Unicode("bwrap", help="bwrap, or none (limits only)").tag(config=True)
    cpu_seconds = Integer(120).tag(config=True)
    memory_mb = Integer(2048).tag(config=True)
    hidden_paths = List(Unicode()).tag(config=True)
    runtime_root = Unicode("", help="private folder for connection files and sockets").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.runtime_root:
            os.makedirs(self.runtime_root, exist_ok=True)
            self.connection_file = os.path.join(self.runtime_root, f"k-{uuid.uuid4().hex[:12]}.json")
        if self.isolation == "bwrap":
            self.transport = "ipc"  # no network inside the sandbox, so Unix sockets

    @property
    def policy(self) -> SandboxPolicy:
        return SandboxPolicy(self.isolation, self.cpu_seconds, self.memory_mb * 1024**2,
                             tuple(self.hidden_paths))

    async def _async_interrupt_kernel(self) -> None:
        """Interrupt by message: a signal to bwrap's process group does not reach the kernel."""
        if self.isolation != "bwrap" or not self.has_kernel:
            await super()._async_interrupt_kernel()
            return
        msg = self.session.msg("interrupt_request", content={})
        self._connect_control_socket()
        self.session.send(self._control_socket, msg)

    interrupt_kernel = _async_interrupt_kernel  # the base class binds its own function by name

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        cwd = kw.get("cwd") or os.getcwd()
        writable = [cwd] + ([self.runtime_root] if self.runtime_root else [])
        kw["env"] = kernel_environment(kw.get("env") or os.environ)
        log = None
        if self.runtime_root:  # keep the kernel's own chatter out of the trainer's terminal
            log = open(os.path.join(self.runtime_root, "kernel.log"), "ab")
            kw["stdout"] = kw["stderr"] = log
        wrapped = wrap_command(kernel_cmd, self.policy, cwd=cwd, writable=writable)
        try:
            await super()._async_launch_kernel(wrapped, **kw)
        finally:
            if log is not None:
                log.close()  # the kernel process holds its own copy


class FormgraderKernelManager(SandboxedKernelManager):
    """The kernel manager behind formgrader's own Autograde button in the trainer's lab.

    The same bubblewrap sandbox as `motcua workshop autograde` (course, exercise
    sources and tests hidden; only the notebook's own folder writable), or no
    kernel at all: without a usable bubblewrap it refuses to start, so the
    button fails instead of grading unprotected.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if detect_isolation() != "bwrap":
            raise RuntimeError("formgrader's Autograde button grades only inside the sandbox: " + SANDBOX_MISSING)
        self.isolation = "bwrap"
        self.transport = "ipc"
        if not self.runtime_root:
            import tempfile

            self.runtime_root = tempfile.mkdtemp(prefix="mc-fg-")
            self.connection_file = os.path.join(self.runtime_root, f"k-{uuid.uuid4().hex[:12]}.json")
