"""Benchmark: `motcua workshop autograde --jobs 2` against serial `nbgrader autograde`.

Both grade the same ``n_submissions`` submissions of the small test assignment
(``tests/grading/fixtures/source/queue-basics``) in the same run, each in its
own copy of the course, through their command lines. The scores must be
identical. The per-notebook floor is the time to start a kernel, run nothing
and shut it down (plain and inside the sandbox): no grader can go below it per
notebook and per worker.

    .venv/bin/python -m benchmarks.bench_autograde        # prints the dict
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "grading" / "fixtures" / "source"
ASSIGNMENT = "queue-basics"

ANSWERS = {
    "utilisation": "def utilisation(arrival_rate, service_rate, counters):\n    return arrival_rate / (counters * service_rate)",
    "within_target": "def within_target(wait_minutes, target_minutes):\n    return wait_minutes <= target_minutes",
    "busiest_hour": "def busiest_hour(counts):\n    return counts.index(max(counts))",
}


NOTES = (
    "Serial `nbgrader autograde --force` and `motcua workshop autograde --jobs 2` grade the same "
    "submissions one after the other in the same run, each on its own copy of the course; "
    "`identical_scores` compares every official's total. motcua starts its two worker processes "
    "before its own setup; each grades one official at a time in a private course folder with a "
    "fresh bubblewrap-sandboxed kernel, and the parent merges each result into the real gradebook. "
    "`*_cpu_s` count finished child processes (RUSAGE_CHILDREN) and miss motcua's sandboxed kernels, "
    "which are killed and so reaped outside the tree; `*_tree_cpu_s` sample /proc every 0.1 s over "
    "each whole process tree, kernels included, for both runs alike. Other work on the 2 cores "
    "(`machine_load_1min`) moves the wall times much more than the CPU times."
)


def _child_cpu() -> float:
    """User + system CPU seconds used so far by finished child processes (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class TreeCPU:
    """CPU seconds of a process tree, sampled from /proc, dead members included.

    A sandboxed kernel that is killed (motcua shuts kernels down at once) is
    reaped outside the tree, so its CPU never reaches ``RUSAGE_CHILDREN``;
    serial nbgrader's kernels are reaped by nbgrader and do. Sampling both runs
    the same way makes them comparable: every ``period`` s each process whose
    parent is in the tree joins it, and its own user + system time as last seen
    counts. Time after a process's last sample (under ``period``) is missed.
    """

    TICK = os.sysconf("SC_CLK_TCK")

    def __init__(self, root: int, period: float = 0.1):
        self.root, self.period = root, period
        self.members: dict[int, int] = {}  # pid -> start time (a reused pid is a new process)
        self.cpu: dict[tuple[int, int], float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.period)

    def sample(self) -> None:
        stats = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    with open(f"/proc/{entry.name}/stat", "rb") as fh:
                        fields = fh.read().rsplit(b")", 1)[1].split()
                except OSError:
                    continue
                stats[int(entry.name)] = (int(fields[1]), int(fields[19]), int(fields[11]) + int(fields[12]))
        for pid in sorted(stats, key=lambda p: stats[p][1]):  # parents start before their children
            ppid, start, ticks = stats[pid]
            known = self.members.get(pid) == start
            if not known and (pid == self.root or self.members.get(ppid) == stats.get(ppid, (0, -1))[1]):
                self.members[pid], known = start, True
            if known:
                self.cpu[(pid, start)] = ticks / self.TICK

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return sum(self.cpu.values())


def _timed(cmd: list[str], **kw) -> tuple[subprocess.CompletedProcess, float, float, float]:
    """Run ``cmd``: (result, wall s, CPU s of finished children, CPU s sampled over its tree)."""
    cpu0, start = _child_cpu(), time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    tree = TreeCPU(proc.pid)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    sampled = tree.stop()
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err), wall, _child_cpu() - cpu0, sampled


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def _scores(db: Path) -> dict[str, float]:
    with sqlite3.connect(db) as con:
        rows = con.execute(
            "SELECT st.id, SUM(COALESCE(g.manual_score, g.auto_score, 0)) FROM grade g "
            "JOIN submitted_notebook sn ON g.notebook_id = sn.id "
            "JOIN submitted_assignment sa ON sn.assignment_id = sa.id "
            "JOIN student st ON sa.student_id = st.id GROUP BY st.id").fetchall()
    return {sid: float(total) for sid, total in rows}


def _make_course(base: Path, n: int):
    from grading import init_course, release_assignment

    roster = base / "officials.csv"
    roster.write_text("name,id\n" + "".join(f"Cán bộ {i:02d},bench-{i:02d}\n" for i in range(n)),
                      encoding="utf-8")
    course = init_course(base / "course", roster, course_id="bench", source=FIXTURE, cell_timeout=30)
    release_assignment(course, ASSIGNMENT, exchange=False)
    released = course.root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    for i in range(n):
        nb = nbformat.read(str(released), as_version=4)
        solved = list(ANSWERS)[: i % (len(ANSWERS) + 1)]  # 0..3 items answered, in rotation
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if gid in solved:
                cell.source = ANSWERS[gid]
        folder = course.root / "submitted" / f"bench-{i:02d}" / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / f"{ASSIGNMENT}.ipynb"))
    return course


def _serial_copy(course_root: Path, dest: Path) -> Path:
    shutil.copytree(course_root, dest, ignore=shutil.ignore_patterns(".motcua"))
    cfg = dest / "nbgrader_config.py"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(str(course_root), str(dest)), encoding="utf-8")
    return dest


def kernel_floor(repeats: int = 3) -> dict[str, float]:
    """Mean seconds to start a kernel, wait until ready and shut it down (plain, sandboxed)."""
    import asyncio

    from jupyter_client.manager import AsyncKernelManager

    from grading.sandbox import SandboxedKernelManager, detect_isolation

    async def once(km, cwd: str) -> float:
        start = time.perf_counter()
        await km.start_kernel(cwd=cwd)
        kc = km.client()
        kc.start_channels()
        await kc.wait_for_ready(timeout=60)
        kc.stop_channels()
        await km.shutdown_kernel(now=True)
        return time.perf_counter() - start

    out = {}
    with tempfile.TemporaryDirectory(prefix="mc-floor-") as tmp:
        for label, factory in (
            ("plain", lambda: AsyncKernelManager(kernel_name="python3")),
            ("sandboxed", lambda: SandboxedKernelManager(
                kernel_name="python3", isolation=detect_isolation(), runtime_root=tmp)),
        ):
            took = [asyncio.run(once(factory(), tmp)) for _ in range(repeats)]
            out[label] = sum(took) / len(took)
    return out


def run(n_submissions: int = 40, jobs: int = 2) -> dict:
    """Time both graders on ``n_submissions`` submissions; see the module doc."""
    from grading.sandbox import detect_isolation

    with tempfile.TemporaryDirectory(prefix="mc-bench-") as tmp:
        base = Path(tmp)
        course = _make_course(base, n_submissions)
        serial_root = _serial_copy(course.root, base / "serial")

        proc, serial_s, serial_cpu, serial_tree = _timed(
            [_bin("nbgrader"), "autograde", ASSIGNMENT, "--force"], cwd=serial_root)
        if proc.returncode != 0:
            raise RuntimeError("serial nbgrader autograde failed:\n" + proc.stderr[-2000:])

        proc, parallel_s, parallel_cpu, parallel_tree = _timed(
            [_bin("motcua"), "workshop", "autograde", ASSIGNMENT, "--jobs", str(jobs),
             "--course", str(course.root)])
        if proc.returncode != 0:
            raise RuntimeError("motcua workshop autograde failed:\n" + proc.stderr[-2000:])

        serial, parallel = _scores(serial_root / "gradebook.db"), _scores(course.root / "gradebook.db")
    floor = kernel_floor()
    return {
        "n_submissions": n_submissions,
        "jobs": jobs,
        "isolation": detect_isolation(),
        "serial_nbgrader_s": round(serial_s, 2),
        "motcua_parallel_s": round(parallel_s, 2),
        "ratio": round(parallel_s / serial_s, 3),
        "target_ratio": 0.6,
        "identical_scores": serial == parallel and len(serial) == n_submissions,
        "serial_per_notebook_s": round(serial_s / n_submissions, 3),
        # CPU seconds of each process tree: what 2 cores must supply, whatever else runs.
        # *_cpu_s: finished children (RUSAGE_CHILDREN): misses motcua's killed sandboxed kernels;
        # *_tree_cpu_s: sampled from /proc every 0.1 s, kernels included, both runs alike
        "serial_cpu_s": round(serial_cpu, 2),
        "motcua_cpu_s": round(parallel_cpu, 2),
        "serial_tree_cpu_s": round(serial_tree, 2),
        "motcua_tree_cpu_s": round(parallel_tree, 2),
        "machine_load_1min": round(os.getloadavg()[0], 2),
        "kernel_floor_plain_s": round(floor["plain"], 3),
        "kernel_floor_sandboxed_s": round(floor["sandboxed"], 3),
        "notes": NOTES,
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
