"""Grading one official's submission in a private copy of the course.

A worker process receives a `GradingJob`, builds a throw-away course folder
(the assignment's source and this one submission), runs real ``nbgrader
autograde`` there with the kernel inside the sandbox, against a private copy
of the gradebook (`private_gradebook`), and returns a `WorkerOutcome`. Source
and gradebook are copied for every official from the run's pristine copies
(``GradingJob.pristine``, made by the parent before any kernel ran), never
from a folder an earlier submission's kernel could have written. The parent
merges the result into the real gradebook (`grading.merge`), so only one
process ever writes to it. `warm_worker` loads nbgrader and installs
`grading.nbgrader_speedups` when the pool starts.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .nbgrader_speedups import SCRATCH_URLS, check_schemas_once, reuse_engines, skip_iri_grammars

__all__ = ["GradingJob", "WorkerOutcome", "grade_submission", "sqlite_path", "private_gradebook",
           "warm_worker"]

STATUSES = ("graded", "timed out", "broken notebook", "kernel died", "error", "missing", "worker crashed",
            "tampered")


@dataclass(frozen=True)
class GradingJob:
    """Everything a worker needs; plain data so it crosses process boundaries."""

    course_root: str
    course_id: str
    db_url: str
    assignment: str
    official: str
    isolation: str
    cpu_seconds: int
    memory_mb: int
    hidden_paths: tuple[str, ...] = ()
    cell_timeout: int | None = None
    workdir: str = ""  # this official's private course folder (the parent creates and removes it)
    rundir: str = ""  # shared by the run's workers for their private gradebooks (parent-owned too)
    pristine: str = ""  # the run's untouched gradebook.db and source/<assignment> (default: the course's)


@dataclass
class WorkerOutcome:
    official: str
    status: str
    workdir: str
    private_db_url: str
    message: str = ""
    log: str = ""
    timed_out_cells: list[str] = field(default_factory=list)
    record: dict | None = None  # the submission's automatic grades, read from the private gradebook

    def to_dict(self) -> dict:
        return asdict(self)


def warm_worker() -> None:
    """Pool initializer: load what grading needs once, while the parent is still getting ready."""
    skip_iri_grammars()
    import nbgrader.apps  # noqa: F401
    import nbgrader.converters  # noqa: F401

    from . import guard, sandbox  # noqa: F401

    reuse_engines()
    check_schemas_once()


def private_gradebook(job: GradingJob, work: Path) -> str:
    """URL of a fresh copy of the pristine gradebook to grade ``job`` in.

    A SQLite gradebook is copied anew for every official (from ``job.pristine``
    when the parent made one), so nothing an earlier submission wrote reaches
    the next. With a run folder the copy keeps one path per worker process
    (``gradebook-<pid>.db``, overwritten each time): nbgrader's engine for
    that URL, with its compiled SQL, then serves all the worker's officials.
    A server database handles concurrent writers itself and is used directly.
    """
    real = sqlite_path(job.db_url)
    if real is None:
        return job.db_url
    source = str(Path(job.pristine) / "gradebook.db") if job.pristine else real
    path = Path(job.rundir) / f"gradebook-{os.getpid()}.db" if job.rundir else work / "gradebook.db"
    _copy_gradebook(source, str(path))
    url = f"sqlite:///{path}"
    SCRATCH_URLS.add(url)
    return url


def sqlite_path(db_url: str) -> str | None:
    """The file behind a ``sqlite:///`` URL, or None for any other database."""
    prefix = "sqlite:///"
    return db_url[len(prefix):] if db_url.startswith(prefix) else None


def _no_links(folder: str, names: list[str]) -> list[str]:
    return [n for n in names if os.path.islink(os.path.join(folder, n))]


def _copy_gradebook(src: str, dest: str) -> None:
    """Consistent copy of a SQLite gradebook, even while formgrader has it open."""
    with sqlite3.connect(f"file:{src}?mode=ro", uri=True) as source, sqlite3.connect(dest) as target:
        source.backup(target)


def broken_notebooks(folder: Path) -> list[str]:
    """Names of ``.ipynb`` files in ``folder`` that nbformat cannot read."""
    import nbformat

    bad = []
    for nb in sorted(folder.glob("*.ipynb")):
        try:
            nbformat.read(str(nb), as_version=4)
        except Exception:  # any parse/validation failure means a broken file
            bad.append(nb.name)
    return bad


def _timed_out_cells(folder: Path) -> list[str]:
    found = []
    for nb in sorted(folder.glob("*.ipynb")):
        data = json.loads(nb.read_text(encoding="utf-8"))
        for cell in data.get("cells", []):
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error" and out.get("ename") == "CellTimeoutError":
                    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "?")
                    found.append(f"{nb.stem}:{grade_id}")
    return found


def _classify(result: dict, bad: list[str], autograded: Path) -> tuple[str, str, list[str]]:
    log = (result.get("log") or "") + (result.get("error") or "")
    if bad:
        return "broken notebook", f"cannot read {', '.join(bad)}", []
    if not result.get("success") or not autograded.is_dir():
        if "Inconsistent checksums" in log:
            return "broken notebook", "locked or test cells were tampered with (nbgrader checksum)", []
        if "CellTimeoutError" in log:
            return "timed out", "the kernel stopped answering within the cell time limit", []
        if "DeadKernelError" in log or "Kernel died" in log or "UnresponsiveKernel" in log \
                or "became unresponsive" in log:
            return "kernel died", "the kernel stopped (exit, CPU-time or memory limit)", []
        last = [ln for ln in log.strip().splitlines() if ln.strip()][-1:] or ["nbgrader failed"]
        return "error", last[0][-200:], []
    slow = _timed_out_cells(autograded)
    if slow:
        return "timed out", f"cell time limit hit in {', '.join(slow)}", slow
    return "graded", "", []


def autograde_steps() -> list:
    """nbgrader's autograde pipeline with `GuardedExecute` in place of ``Execute``, then the output cap
    and the judge of recorded answers (`grading.judging`)."""
    from .guard import GuardedExecute
    from .judging import autograde_steps as judged_steps

    return judged_steps(GuardedExecute)


def grade_submission(job: GradingJob) -> WorkerOutcome:
    """Autograde ``job.official``'s submission in a private course copy (runs in a worker)."""
    from traitlets.config import Config

    from .classroom import open_course
    from .sandbox import SandboxedKernelManager

    course = open_course(job.course_root)
    work = Path(job.workdir or tempfile.mkdtemp(prefix="mc-"))
    src = (Path(job.pristine) if job.pristine else course.root) / "source" / job.assignment
    sub = course.root / "submitted" / job.official / job.assignment
    shutil.copytree(src, work / "source" / job.assignment, ignore=_no_links)
    shutil.copytree(sub, work / "submitted" / job.official / job.assignment, ignore=_no_links)
    reuse_engines()
    check_schemas_once()
    db_url = private_gradebook(job, work)
    cfg = Config()
    cfg.CourseDirectory.root = str(work)
    cfg.CourseDirectory.db_url = db_url
    cfg.CourseDirectory.course_id = job.course_id
    cfg.Execute.kernel_manager_class = SandboxedKernelManager
    cfg.Autograde.autograde_preprocessors = autograde_steps()
    cfg.Execute.shutdown_kernel = "immediate"  # the kernel's state is thrown away anyway
    if job.cell_timeout is not None:
        cfg.Execute.timeout = job.cell_timeout
    cfg.SandboxedKernelManager.isolation = job.isolation
    cfg.SandboxedKernelManager.cpu_seconds = job.cpu_seconds
    cfg.SandboxedKernelManager.memory_mb = job.memory_mb
    # the private copy of the source notebooks (their solutions) is out of the kernel's view too
    cfg.SandboxedKernelManager.hidden_paths = list(job.hidden_paths) + [str(work / "source")]
    cfg.JudgeAnswers.key_dir = str(course.root / ".motcua" / "keys")  # frozen at release
    cfg.JudgeAnswers.language = course.language  # the private copy has no .motcua/course.json
    cfg.SandboxedKernelManager.runtime_root = str(work / "rt")
    _prepare_submission(db_url, job)
    api = course.api(cfg)
    bad = broken_notebooks(work / "submitted" / job.official / job.assignment)
    result = api.autograde(job.assignment, job.official, force=True, create=True)
    autograded = work / "autograded" / job.official / job.assignment
    status, message, slow = _classify(result, bad, autograded)
    record = read_submission(db_url, job.course_id, job.assignment, job.official) \
        if db_url != job.db_url else None
    return WorkerOutcome(job.official, status, str(work), db_url, message,
                         (result.get("log") or "")[-4000:], slow, record)


def _prepare_submission(db_url: str, job: GradingJob) -> None:
    """Create the submission row first, the way that does not make SQLAlchemy warn (see `ensure_submission`)."""
    from nbgrader.api import Gradebook

    from .merge import ensure_submission

    with Gradebook(db_url, job.course_id) as gb:
        ensure_submission(gb, job.assignment, job.official)


def read_submission(db_url: str, course_id: str, assignment: str, official: str) -> dict | None:
    """The automatic part of one submission in a gradebook, as plain data (None if absent)."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url, course_id) as gb:
        try:
            sub = gb.find_submission(assignment, official)
        except MissingEntry:
            return None
        return {"timestamp": sub.timestamp, "notebooks": [
            {"name": nb.name, "late_submission_penalty": nb.late_submission_penalty,
             "grades": [{"name": g.name, "auto_score": g.auto_score, "manual_score": g.manual_score,
                         "needs_manual_grade": bool(g.needs_manual_grade)} for g in nb.grades],
             "comments": [{"name": c.name, "auto_comment": c.auto_comment} for c in nb.comments]}
            for nb in sub.notebooks]}
