"""Bringing one official's autograde result from a worker's private gradebook home.

Only automatic fields are copied (auto scores, the needs-manual-grade flag,
automatic comments, submission time, late penalty); manual scores and comments
given in formgrader are never touched, so re-grading keeps them.
"""
from __future__ import annotations

import shutil
import warnings
from pathlib import Path

__all__ = ["merge_outcome", "copy_tree_plain"]


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


def merge_outcome(course, assignment: str, outcome) -> None:
    """Write ``outcome`` (a `WorkerOutcome`) into the course gradebook and autograded folder."""
    from sqlalchemy.exc import SAWarning

    work = Path(outcome.workdir)
    with warnings.catch_warnings():  # nbgrader's own session bookkeeping warns harmlessly here
        warnings.simplefilter("ignore", SAWarning)
        _merge_grades(course, assignment, outcome)
    dest = course.root / "autograded" / outcome.official / assignment
    src = work / "autograded" / outcome.official / assignment
    if src.is_dir():
        copy_tree_plain(src, dest)
    elif dest.exists():  # nbgrader removes a failed submission's output, so do we
        shutil.rmtree(dest)


def _merge_grades(course, assignment: str, outcome) -> None:
    from nbgrader.api import Gradebook, MissingEntry

    if outcome.private_db_url and outcome.private_db_url != course.db_url:
        with Gradebook(outcome.private_db_url, course.course_id) as wgb, course.gradebook() as gb:
            try:
                wsub = wgb.find_submission(assignment, outcome.official)
            except MissingEntry:
                wsub = None
            if wsub is not None:
                gb.update_or_create_student(outcome.official)
                gb.update_or_create_submission(assignment, outcome.official, timestamp=wsub.timestamp)
                for wnb in wsub.notebooks:
                    rnb = gb.find_submission_notebook(wnb.name, assignment, outcome.official)
                    rnb.late_submission_penalty = wnb.late_submission_penalty
                    for wg in wnb.grades:
                        rg = gb.find_grade(wg.name, wnb.name, assignment, outcome.official)
                        rg.auto_score = wg.auto_score
                        rg.needs_manual_grade = bool(wg.needs_manual_grade or (
                            rg.manual_score is not None and wg.manual_score is None))
                    for wc in wnb.comments:
                        rc = gb.find_comment(wc.name, wnb.name, assignment, outcome.official)
                        rc.auto_comment = wc.auto_comment
                gb.db.commit()
