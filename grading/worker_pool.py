"""The pool of grading workers: a worker that dies costs only the official it was grading.

`grade_all` runs one `GradingJob` per official in a pool of spawned processes
(`Pools`) and hands each final `WorkerOutcome` to the caller as it arrives. A
worker killed by the OOM killer, a signal or a crash in C code breaks its
whole pool; jobs that had not started go to a new pool, and officials whose
grading was in flight are retried one at a time, so only the one whose grading
kills a worker again is reported as `CRASHED`.
"""
from __future__ import annotations

import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import active_children, get_context
from pathlib import Path
from typing import Callable

from .worker import GradingJob, WorkerOutcome, warm_worker

__all__ = ["CRASHED", "BLIND_BREAKS", "Pools", "grade_all", "run_job", "remove_folder"]

CRASHED = "worker crashed"
BLIND_BREAKS = 3  # pool breaks implicating no official, with no result between them, before giving up


class Pools:
    """The run's current worker pool; a new one replaces each pool a dead worker broke."""

    def __init__(self) -> None:
        self.current: ProcessPoolExecutor | None = None

    def start(self, workers: int) -> ProcessPoolExecutor:
        self.before = {p.pid for p in active_children()}
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
        # the pool's workers: this process's children that were not there before the pool started
        # (ProcessPoolExecutor lists them only privately, and shutdown(wait=False) forgets them)
        workers = [p for p in active_children() if p.pid not in self.before]
        self.current.shutdown(wait=False, cancel_futures=True)
        self.current = None
        for proc in workers:
            proc.terminate()
        for proc in workers:  # their sandboxed kernels die with them (bwrap --die-with-parent)
            proc.join(timeout=10)


def run_job(grade: Callable[[GradingJob], WorkerOutcome], job: GradingJob) -> WorkerOutcome:
    """What a pool worker runs: mark ``job`` as started (see `grade_all`), then grade it."""
    _started(job).write_text(str(os.getpid()), encoding="utf-8")
    return grade(job)


def _started(job: GradingJob) -> Path:
    return Path(job.workdir) / ".motcua-started"


def grade_all(pools: Pools, queue: list[str], jobs: int, new_job: Callable[[str], GradingJob],
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
        # a suspect is retried truly alone: one official per attempt, so a worker that dies can only have
        # been killed by that official (with two queued, a result sent just before the death may be lost)
        batch = suspects[:1] if alone else queue
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
        if lost:
            pools.close()  # a broken pool has stopped all its workers by now; else the next batch reuses it
        in_flight = [oid for oid in batch if oid in lost and _started(attempt[oid]).is_file()]
        left = [oid for oid in batch if oid in lost and oid not in in_flight]
        if alone:
            for oid in in_flight:
                merge(WorkerOutcome(oid, CRASHED, "", "", "the grading worker process died twice while "
                                    "grading this submission (memory, signal or crash); not graded"))
            suspects = suspects[1:] + left
        else:
            queue, suspects = left, suspects + in_flight
        if lost and not in_flight:
            blind += 1
            if blind >= BLIND_BREAKS:  # workers die before they can start anything
                for oid in queue + suspects:
                    merge(WorkerOutcome(oid, "error", "", "", "worker failed: the worker processes "
                                        f"keep dying before grading starts ({BLIND_BREAKS} times)"))
                return


def remove_folder(folder: Path, attempts: int = 5) -> None:
    """Delete a worker's private folder; a dying kernel may still be writing its log."""
    for _ in range(attempts):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(0.2)
