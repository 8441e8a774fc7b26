"""Bringing one official's autograde result from a worker's private gradebook home.

Only automatic fields are copied (auto scores, the needs-manual-grade flag,
automatic comments, submission time, late penalty); manual scores and comments
given in formgrader are never touched, so re-grading keeps them.
"""
from __future__ import annotations

import shutil
from pathlib import Path

__all__ = ["merge_outcome", "copy_tree_plain", "ensure_submission"]


def ensure_submission(gb, assignment: str, official: str, **fields) -> None:
    """Create or update ``official``'s submission without SQLAlchemy's "not in session" warning.

    nbgrader's ``add_submission`` builds the new row, then queries the
    student; that query autoflushes the half-built row, which SQLAlchemy
    refuses with an ``SAWarning``. With autoflush held back the row is added
    whole by nbgrader's own ``db.add``/``commit``.
    """
    with gb.db.no_autoflush:
        gb.update_or_create_student(official)
        gb.update_or_create_submission(assignment, official, **fields)


def copy_tree_plain(src: Path, dest: Path) -> None:
    """Replace ``dest`` by the regular files of ``src`` (symlinks are dropped)."""
    if dest.exists():
        shutil.rmtree(dest)
    for path in sorted(src.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        target = dest / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def merge_outcome(gb, course, assignment: str, outcome) -> None:
    """Write ``outcome`` (a `WorkerOutcome`) into the open course gradebook ``gb`` and autograded folder."""
    if outcome.record is not None:
        merge_record(gb, assignment, outcome.official, outcome.record)
    dest = course.root / "autograded" / outcome.official / assignment
    src = Path(outcome.workdir) / "autograded" / outcome.official / assignment
    if outcome.workdir and src.is_dir():
        copy_tree_plain(src, dest)
    elif dest.exists():  # nbgrader removes a failed submission's output, so do we
        shutil.rmtree(dest)


def merge_record(gb, assignment: str, official: str, record: dict) -> None:
    """Copy the automatic fields of ``record`` (see `grading.worker.read_submission`) into ``gb``."""
    ensure_submission(gb, assignment, official, timestamp=record["timestamp"])
    for nb in record["notebooks"]:
        rnb = gb.find_submission_notebook(nb["name"], assignment, official)
        rnb.late_submission_penalty = nb["late_submission_penalty"]
        for g in nb["grades"]:
            rg = gb.find_grade(g["name"], nb["name"], assignment, official)
            rg.auto_score = g["auto_score"]
            # a manual grade given in formgrader while the worker ran must be reviewed too
            rg.needs_manual_grade = bool(g["needs_manual_grade"] or (
                rg.manual_score is not None and g["manual_score"] is None))
        for c in nb["comments"]:
            gb.find_comment(c["name"], nb["name"], assignment, official).auto_comment = c["auto_comment"]
    gb.db.commit()
