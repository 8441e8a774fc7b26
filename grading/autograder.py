"""Autograding a whole workshop in parallel, safely, and so that it can resume.

Each official is graded by `grading.worker.grade_submission` in a pool of
worker processes (one private course copy and one sandboxed kernel each); the
parent merges every result into the real gradebook as soon as it arrives
(single writer) and records it in ``DIR/.motcua/autograde/<assignment>/<id>.json``
together with a hash of the submission. A run that is interrupted (Ctrl-C,
killed) keeps what was merged; the next run grades only officials whose
submission has no record or changed since (``force=True`` re-grades everyone).

A worker process that dies (OOM killer, a signal, a crash in C code) breaks its
pool; `_grade_all` then starts a new one, so only the official it was grading
can end up reported as ``worker crashed``.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime, timezone
from multiprocessing import get_context
from pathlib import Path
from typing import Callable

from .backup import backup_gradebook
from .classroom import REPO_EXERCISES
from .merge import merge_outcome
from .sandbox import SandboxPolicy, detect_isolation
from .shortcuts import skip_iri_grammars
from .worker import GradingJob, WorkerOutcome, grade_submission, sqlite_path, warm_worker

__all__ = ["OfficialResult", "AutogradeRun", "autograde", "CRASHED"]

CRASHED = "worker crashed"
REGRADE = ("error", CRASHED)  # statuses a resumed run grades again
BLIND_BREAKS = 3  # pool breaks implicating no official, with no result between them, before giving up


@dataclass(frozen=True)
class OfficialResult:
    """One row of the final status table."""

    official: str
    status: str
    score: float | None
    max_score: float | None
    message: str = ""
    resumed: bool = False


@dataclass
class AutogradeRun:
    assignment: str
    isolation: str
    policy: str
    jobs: int
    results: list[OfficialResult]
    backup: Path | None

    def table(self):
        """The results as a pandas DataFrame (pandas is loaded only here)."""
        import pandas as pd

        return pd.DataFrame([r.__dict__ for r in self.results])


def submission_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _marker(course, assignment: str, official: str) -> Path:
    return course.state_dir / "autograde" / assignment / f"{official}.json"


def _score(gb, assignment: str, official: str) -> tuple[float | None, float | None]:
    from nbgrader.api import MissingEntry

    try:
        sub = gb.find_submission(assignment, official)
    except MissingEntry:
        return None, None
    return float(sub.score), float(sub.max_score)


def hidden_paths(course) -> tuple[str, ...]:
    """Folders a kernel must never see: the course, the exercise sources, the answer key, the tests,
    runtime files."""
    from jupyter_core.paths import jupyter_runtime_dir

    from .key.frozen import key_paths

    repo = REPO_EXERCISES.parent
    return tuple(str(p) for p in (course.root, REPO_EXERCISES, repo / "tests", *key_paths(),
                                  Path(jupyter_runtime_dir())))


def autograde(course, assignment: str, *, jobs: int | None = None, force: bool = False,
              officials: list[str] | None = None, isolation: str | None = None,
              cpu_seconds: int = 120, memory_mb: int = 2048, cell_timeout: int | None = None,
              on_result: Callable[[OfficialResult, int, int], None] | None = None,
              grade_job: Callable[[GradingJob], WorkerOutcome] = grade_submission) -> AutogradeRun:
    """Grade every collected submission of ``assignment``; see the module doc.

    ``on_result(result, done, total)`` is called after each official is merged
    (the CLI draws its progress bar from it). ``grade_job`` is what a worker runs
    for one official (tests swap in a function that kills its worker; it must be
    importable by name in a spawned process).
    """
    course.check_assignment(assignment)
    skip_iri_grammars()  # before anything here imports nbgrader
    isolation = isolation or detect_isolation()
    policy = SandboxPolicy(isolation, cpu_seconds, memory_mb * 1024**2, hidden_paths(course))
    jobs = max(1, int(jobs or os.cpu_count() or 1))
    roster = [o.id for o in course.officials()]
    wanted = officials or roster
    submitted = course.root / "submitted"
    results: dict[str, OfficialResult] = {}
    todo: list[tuple[str, str]] = []
    for oid in wanted:
        folder = submitted / oid / assignment
        if not folder.is_dir():
            results[oid] = OfficialResult(oid, "missing", None, None, "no submission collected")
            continue
        digest = submission_hash(folder)
        marker = _marker(course, assignment, oid)
        if not force and marker.is_file():
            record = json.loads(marker.read_text(encoding="utf-8"))
            if record.get("hash") == digest and record.get("status") not in REGRADE:
                with course.gradebook() as gb:
                    score, max_score = _score(gb, assignment, oid)
                results[oid] = OfficialResult(oid, record["status"], score, max_score,
                                              record.get("message", ""), resumed=True)
                continue
        todo.append((oid, digest))
    pools = _Pools()
    if todo:  # start the workers first: they load nbgrader while the parent gets ready
        executor = pools.start(min(jobs, len(todo)))
        for _ in range(min(jobs, len(todo))):
            executor.submit(int)  # a no-op: spawns one worker each
    total, done = len(wanted), len(results)
    gb = None
    rundir = tempfile.mkdtemp(prefix="mc-run-") if todo else None
    try:
        backup = backup_gradebook(course, f"autograde-{assignment}") if todo else None
        if todo:
            _ensure_assignment(course, assignment)
        for r in results.values():
            if on_result is not None:
                on_result(r, done, total)
        digests = dict(todo)

        def new_job(oid: str) -> GradingJob:
            # the parent owns every private folder, so an interrupted run leaves nothing behind
            return GradingJob(str(course.root), course.course_id, course.db_url, assignment, oid,
                              isolation, cpu_seconds, memory_mb, policy.hidden_paths, cell_timeout,
                              tempfile.mkdtemp(prefix="mc-", dir=rundir), rundir)

        def merge(outcome: WorkerOutcome) -> None:
            nonlocal gb, done
            if gb is None:  # the only writer, open for the rest of the run; opened (loading
                gb = course.gradebook()  # nbgrader) once a result is in, not while the workers start
            result = _finish(gb, course, assignment, outcome, digests[outcome.official])
            results[outcome.official] = result
            done += 1
            if on_result is not None:
                on_result(result, done, total)

        _grade_all(pools, [oid for oid, _ in todo], jobs, new_job, grade_job, merge)
    except BaseException:
        pools.kill()
        raise
    finally:
        if gb is not None:
            gb.close()
        if rundir is not None:  # the officials' folders and the workers' gradebooks
            _remove(Path(rundir))
    ordered = [results[oid] for oid in wanted]
    return AutogradeRun(assignment, isolation, policy.describe(), jobs, ordered, backup)


class _Pools:
    """The run's current worker pool; a new one replaces each pool a dead worker broke."""

    def __init__(self) -> None:
        self.current: ProcessPoolExecutor | None = None

    def start(self, workers: int) -> ProcessPoolExecutor:
        self.current = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                                           initializer=warm_worker)
        return self.current

    def close(self) -> None:
        if self.current is not None:
            self.current.shutdown(wait=True)
            self.current = None

    def kill(self) -> None:
        """Stop the workers now (the run was interrupted)."""
        if self.current is None:
            return
        workers = list((getattr(self.current, "_processes", None) or {}).values())  # shutdown forgets them
        self.current.shutdown(wait=False, cancel_futures=True)
        self.current = None
        for proc in workers:
            proc.terminate()
        for proc in workers:  # their sandboxed kernels die with them (bwrap --die-with-parent)
            proc.join(timeout=10)


def run_job(grade: Callable[[GradingJob], WorkerOutcome], job: GradingJob) -> WorkerOutcome:
    """What a pool worker runs: mark ``job`` as started (see `_grade_all`), then grade it."""
    _started(job).write_text(str(os.getpid()), encoding="utf-8")
    return grade(job)


def _started(job: GradingJob) -> Path:
    return Path(job.workdir) / ".motcua-started"


def _grade_all(pools: _Pools, queue: list[str], jobs: int, new_job: Callable[[str], GradingJob],
               grade_job: Callable[[GradingJob], WorkerOutcome],
               merge: Callable[[WorkerOutcome], None]) -> None:
    """Grade the officials in ``queue`` and hand each final `WorkerOutcome` to ``merge``.

    A worker that dies breaks its pool, and every job not finished fails with
    `BrokenProcessPool`. Jobs that had not started go to a fresh pool. Officials
    whose grading was in flight (`run_job` marked it started) become suspects:
    each one is retried alone in a single-worker pool once the others are done,
    so a worker that dies again there can only have been killed by that
    official's grading, which is then reported as `CRASHED`. Every attempt gets
    a fresh private folder (and a new worker its own gradebook copy).
    """
    suspects: list[str] = []
    blind = 0
    while queue or suspects:
        alone = not queue
        batch = suspects if alone else queue
        pool = pools.current or pools.start(1 if alone else min(jobs, len(batch)))
        attempt = {oid: new_job(oid) for oid in batch}
        futures = {}
        try:
            for oid in batch:
                futures[pool.submit(run_job, grade_job, attempt[oid])] = oid
        except BrokenProcessPool:
            pass  # a worker has died already: what was not submitted waits for the next pool
        lost = {oid for oid in batch if oid not in futures.values()}
        for fut in as_completed(futures):
            oid = futures[fut]
            try:
                outcome = fut.result()
            except BrokenProcessPool:
                lost.add(oid)
                continue
            except Exception as exc:  # the job raised (the worker itself lives on)
                outcome = WorkerOutcome(oid, "error", attempt[oid].workdir, "", f"worker failed: {exc}")
            merge(outcome)
            blind = 0
        pools.close()  # a broken pool has stopped all its workers by now
        in_flight = [oid for oid in batch if oid in lost and _started(attempt[oid]).is_file()]
        left = [oid for oid in batch if oid in lost and oid not in in_flight]
        if alone:
            for oid in in_flight:
                merge(WorkerOutcome(oid, CRASHED, "", "", "the grading worker process died twice while "
                                    "grading this submission (memory, signal or crash); not graded"))
            suspects = left
        else:
            queue, suspects = left, suspects + in_flight
        if lost and not in_flight:
            blind += 1
            if blind >= BLIND_BREAKS:  # workers die before they can start anything
                for oid in queue + suspects:
                    merge(WorkerOutcome(oid, "error", "", "", "worker failed: the worker processes "
                                        f"keep dying before grading starts ({BLIND_BREAKS} times)"))
                return


def _remove(folder: Path, attempts: int = 5) -> None:
    """Delete a worker's private folder; a dying kernel may still be writing its log."""
    for _ in range(attempts):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(0.2)


def _ensure_assignment(course, assignment: str) -> None:
    """The assignment must be in the gradebook (generate_assignment puts it there)."""
    if _released(course, assignment):
        return
    from nbgrader.api import MissingEntry

    with course.gradebook() as gb:
        try:
            gb.find_assignment(assignment)
            return
        except MissingEntry:
            pass
    from .distribution import release_assignment

    release_assignment(course, assignment, exchange=False)


def _released(course, assignment: str) -> bool:
    """True if a SQLite gradebook knows ``assignment``; asked without loading nbgrader (slow import)."""
    db = sqlite_path(course.db_url)
    if db is None or not Path(db).is_file():
        return False
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
            return con.execute("SELECT 1 FROM assignment WHERE name = ?", (assignment,)).fetchone() is not None
    except sqlite3.Error:  # no such table yet, locked...: let nbgrader decide
        return False


def _finish(gb, course, assignment: str, outcome: WorkerOutcome, digest: str) -> OfficialResult:
    merge_outcome(gb, course, assignment, outcome)
    if outcome.workdir:
        shutil.rmtree(outcome.workdir, ignore_errors=True)
    score, max_score = _score(gb, assignment, outcome.official)
    marker = _marker(course, assignment, outcome.official)
    marker.parent.mkdir(parents=True, exist_ok=True)
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(json.dumps({"status": outcome.status, "message": outcome.message, "hash": digest,
                               "finished": datetime.now(timezone.utc).isoformat()}), encoding="utf-8")
    os.replace(tmp, marker)
    return OfficialResult(outcome.official, outcome.status, score, max_score, outcome.message)
