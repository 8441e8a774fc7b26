"""Autograding a whole workshop in parallel, safely, and so that it can resume.

Each official is graded by `grading.worker.grade_submission` in a pool of
worker processes (one private course copy and one sandboxed kernel each); the
parent merges every result into the real gradebook as soon as it arrives
(single writer) and records it in ``DIR/.motcua/autograde/<assignment>/<id>.json``
together with a hash of the submission. A run that is interrupted (Ctrl-C,
killed) keeps what was merged; the next run grades only officials whose
submission has no record or changed since (``force=True`` re-grades everyone).

A worker process that dies (OOM killer, a signal, a crash in C code) breaks its
pool; `grading.worker_pool.grade_all` then starts a new one, so only the official it was grading
can end up reported as ``worker crashed``.

Grading fails closed: without a usable sandbox `autograde` raises
`SandboxMissing` unless ``isolation="none"`` is asked for. Whatever the
isolation, workers grade from pristine copies of the gradebook and source made
before any kernel ran, and after each official the parent checks
(`grading.integrity`) that the course folder and those copies are unchanged,
putting back and naming whatever is not. With ``"none"`` officials are graded
one at a time, so a change is traced to the submission that made it (status
``tampered``, no grade), the gradebook is checked too, and every result is
marked unprotected.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from .backup import backup_gradebook
from .errors import WorkshopError
from .integrity import FolderSnapshot, GradebookSeal
from .merge import merge_outcome
from .nbgrader_speedups import skip_iri_grammars
from .sandbox import LEVELS, SANDBOX_MISSING, UNPROTECTED, SandboxPolicy, detect_isolation
from .worker import GradingJob, WorkerOutcome, _copy_gradebook, grade_submission, sqlite_path
from .worker_pool import CRASHED, Pools, grade_all, remove_folder

__all__ = ["OfficialResult", "AutogradeRun", "autograde", "CRASHED", "TAMPERED", "SandboxMissing",
           "choose_isolation"]

TAMPERED = "tampered"
# what grading reads from the course folder: nothing here may change while officials are graded
WATCHED = ("source", "submitted", "nbgrader_config.py", "exercises_config.py", "officials.csv")
REGRADE = ("error", CRASHED)  # statuses a resumed run grades again


@dataclass(frozen=True)
class OfficialResult:
    """One row of the final status table."""

    official: str
    status: str
    score: float | None
    max_score: float | None
    message: str = ""
    resumed: bool = False
    protection: str = "sandboxed"  # or "unprotected" (graded with isolation "none")


@dataclass
class AutogradeRun:
    assignment: str
    isolation: str
    policy: str
    jobs: int
    results: list[OfficialResult]
    backup: Path | None
    tampered: list[str] = field(default_factory=list)  # course paths changed and put back during the run
    changed_meanwhile: list[str] = field(default_factory=list)  # changed during a sandboxed run, kept


class SandboxMissing(WorkshopError):
    """No usable sandbox, and the trainer did not ask to grade without one."""


def choose_isolation(asked: str | None) -> str:
    """The isolation level to grade with: ``asked`` (None or "auto": the strongest available).

    Raises `SandboxMissing` rather than fall back to no sandbox.
    """
    available = detect_isolation()
    if asked in (None, "auto"):
        if available == "none":
            raise SandboxMissing(SANDBOX_MISSING)
        return available
    if asked not in LEVELS:
        raise WorkshopError(f"--isolation {asked!r}: allowed values are auto, {', '.join(LEVELS)}")
    if asked == "bwrap" and available != "bwrap":
        raise SandboxMissing("--isolation bwrap: bubblewrap is not usable here; " + SANDBOX_MISSING)
    return asked

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
    """Folders a kernel must never see (`Course.hidden_paths`)."""
    return course.hidden_paths()


def autograde(course, assignment: str, *, jobs: int | None = None, force: bool = False,
              officials: list[str] | None = None, isolation: str | None = None,
              cpu_seconds: int = 120, memory_mb: int = 2048, cell_timeout: int | None = None,
              on_result: Callable[[OfficialResult, int, int], None] | None = None,
              grade_job: Callable[[GradingJob], WorkerOutcome] = grade_submission) -> AutogradeRun:
    """Grade every collected submission of ``assignment``; see the module doc.

    ``isolation``: None or "auto" (the sandbox, or `SandboxMissing`), "bwrap",
    or "none" (no sandbox, explicitly). ``on_result(result, done, total)`` is
    called after each official is merged (the CLI draws its progress bar from
    it). ``grade_job`` is what a worker runs for one official (tests swap in a
    function that kills its worker; it must be importable by name in a
    spawned process).
    """
    course.check_assignment(assignment)
    isolation = choose_isolation(isolation)
    protection = UNPROTECTED if isolation == "none" else "sandboxed"
    skip_iri_grammars()  # before anything here imports nbgrader
    policy = SandboxPolicy(isolation, cpu_seconds, memory_mb * 1024**2, hidden_paths(course))
    # without a sandbox one official at a time, so a change to the course is traced to its submission
    jobs = 1 if isolation == "none" else max(1, int(jobs or os.cpu_count() or 1))
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
                                              record.get("message", ""), resumed=True,
                                              protection=record.get("protection", "sandboxed"))
                continue
        todo.append((oid, digest))
    pools = Pools()
    if todo:  # start the workers first: they load nbgrader while the parent gets ready
        executor = pools.start(min(jobs, len(todo)))
        for _ in range(min(jobs, len(todo))):
            executor.submit(int)  # a no-op: spawns one worker each
    total, done = len(wanted), len(results)
    gb = None
    rundir = tempfile.mkdtemp(prefix="mc-run-") if todo else None
    tampered: list[str] = []
    meanwhile: list[str] = []  # course files changed during a sandboxed run (not by a kernel)
    watch: list[FolderSnapshot] = []
    seal = pristine = None
    try:
        backup = backup_gradebook(course, f"autograde-{assignment}") if todo else None
        if todo:
            _ensure_assignment(course, assignment)
            pristine = _pristine_copies(course, assignment, Path(rundir) / "pristine")
            watch = [FolderSnapshot.take(course.root, WATCHED),
                     FolderSnapshot.take(pristine, ("gradebook.db", "source"))]
            db = sqlite_path(course.db_url)
            seal = GradebookSeal(db) if isolation == "none" and db else None
        for r in results.values():
            if on_result is not None:
                on_result(r, done, total)
        digests = dict(todo)

        def new_job(oid: str) -> GradingJob:
            # the parent owns every private folder, so an interrupted run leaves nothing behind
            return GradingJob(str(course.root), course.course_id, course.db_url, assignment, oid,
                              isolation, cpu_seconds, memory_mb, policy.hidden_paths, cell_timeout,
                              tempfile.mkdtemp(prefix="mc-", dir=rundir), rundir, str(pristine))

        def merge(outcome: WorkerOutcome) -> None:
            nonlocal gb, done
            # the pristine copies are the run's own: always put back. Inside the sandbox no kernel can
            # reach the course folder, so a change there is another command's (a collect): named, kept
            course_changes = _put_back(watch[0], isolation == "none")
            changed = [f"(pristine copy) {p}" for p in _put_back(watch[1], True)]
            if isolation == "none":
                changed += course_changes
            else:
                meanwhile.extend(course_changes)
            if seal is not None and seal.broken():
                if gb is not None:
                    gb.close()
                    gb = None
                seal.restore()
                changed.append(str(Path(seal.path).relative_to(course.root))
                               if Path(seal.path).is_relative_to(course.root) else str(seal.path))
            if changed:
                tampered.extend(changed)
                if jobs == 1:  # only this official's kernel ran since the last check
                    kept = _quarantine(course, assignment, outcome)
                    outcome = WorkerOutcome(outcome.official, TAMPERED, "", "",
                                            "submitted code changed " + ", ".join(changed[:5])
                                            + f" (put back; not graded; its notebook is in {kept})")
            if gb is None:  # the only writer, open for the rest of the run; opened (loading
                gb = course.gradebook()  # nbgrader) once a result is in, not while the workers start
            result = _finish(gb, course, assignment, outcome, digests[outcome.official], protection)
            if seal is not None:
                seal.seal()
            results[outcome.official] = result
            done += 1
            if on_result is not None:
                on_result(result, done, total)

        queue = [oid for oid, _ in todo]
        for batch in ([[oid] for oid in queue] if jobs == 1 else [queue]):
            grade_all(pools, batch, jobs, new_job, grade_job, merge)
    except BaseException:
        pools.kill()
        raise
    finally:
        pools.close()
        if gb is not None:
            gb.close()
        if rundir is not None:  # the officials' folders and the workers' gradebooks
            remove_folder(Path(rundir))
    ordered = [results[oid] for oid in wanted]
    return AutogradeRun(assignment, isolation, policy.describe(), jobs, ordered, backup,
                        sorted(set(tampered)), sorted(set(meanwhile)))


def _pristine_copies(course, assignment: str, dest: Path) -> Path:
    """The gradebook and the assignment's source as they are before any kernel runs."""
    shutil.copytree(course.source_dir / assignment, dest / "source" / assignment, symlinks=True)
    db = sqlite_path(course.db_url)
    if db is not None:
        _copy_gradebook(db, str(dest / "gradebook.db"))
    return dest


def _quarantine(course, assignment: str, outcome: WorkerOutcome) -> Path:
    """Keep a tampering submission's graded notebook for the trainer, out of feedback and reports."""
    dest = course.state_dir / "tampered" / assignment / outcome.official
    src = Path(outcome.workdir) / "autograded" / outcome.official / assignment if outcome.workdir else None
    if dest.exists():
        shutil.rmtree(dest)
    if src is not None and src.is_dir():
        shutil.copytree(src, dest, symlinks=True)
    return dest


def _put_back(snapshot: FolderSnapshot, restore: bool) -> list[str]:
    """The paths changed under ``snapshot`` (relative to its root); restored first if ``restore``."""
    changed = snapshot.changes()
    if changed and restore:
        snapshot.restore(changed)
    return changed


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


def _finish(gb, course, assignment: str, outcome: WorkerOutcome, digest: str,
            protection: str = "sandboxed") -> OfficialResult:
    merge_outcome(gb, course, assignment, outcome)
    if outcome.workdir:
        shutil.rmtree(outcome.workdir, ignore_errors=True)
    score, max_score = _score(gb, assignment, outcome.official)
    marker = _marker(course, assignment, outcome.official)
    marker.parent.mkdir(parents=True, exist_ok=True)
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(json.dumps({"status": outcome.status, "message": outcome.message, "hash": digest,
                               "protection": protection, "finished": datetime.now(timezone.utc).isoformat()}), encoding="utf-8")
    os.replace(tmp, marker)
    return OfficialResult(outcome.official, outcome.status, score, max_score, outcome.message,
                          protection=protection)
