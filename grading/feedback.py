"""Feedback for each official, without the source of hidden tests.

Plain nbgrader feedback shows every test cell as it was graded, hidden tests
included. Here nbgrader's ``GenerateFeedback`` runs with one extra
preprocessor, `HideHiddenTests`, which cuts the ``### BEGIN/END HIDDEN TESTS``
regions out of test cells and reduces their error outputs to the error name and
message (an IPython traceback quotes the failing source line). Answers, scores,
comments and visible self-check results stay.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import GetGrades, NbGraderPreprocessor
from nbgrader import utils

from .backup import backup_gradebook
from .distribution import _check

__all__ = ["HideHiddenTests", "FeedbackRun", "generate_feedback"]

BEGIN = "BEGIN HIDDEN TESTS"
END = "END HIDDEN TESTS"


class HideHiddenTests(NbGraderPreprocessor):
    """Remove hidden-test regions from test cells and their tracebacks from outputs."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not utils.is_grade(cell) or utils.is_solution(cell):
            return cell, resources
        lines, keep, hidden = cell.source.split("\n"), [], False
        had_hidden = False
        for line in lines:
            if BEGIN in line:
                hidden = had_hidden = True
            elif END in line:
                hidden = False
            elif not hidden:
                keep.append(line)
        if had_hidden:
            cell.source = "\n".join(keep).rstrip() + "\n# (hidden tests are not shown)"
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    out["traceback"] = [f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"]
        return cell, resources


@dataclass
class FeedbackRun:
    assignment: str
    files: list[Path]
    backup: Path | None


def generate_feedback(course, assignment: str, *, release: bool = True) -> FeedbackRun:
    """Write ``feedback/<id>/<assignment>/*.html`` for every autograded official."""
    from traitlets.config import Config

    course.check_assignment(assignment)
    backup = backup_gradebook(course, f"feedback-{assignment}")
    cfg = Config()
    cfg.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests, CSSHTMLHeaderPreprocessor]
    api = course.api(cfg)
    _check(api.generate_feedback(assignment, force=True), "generate_feedback")
    files = sorted((course.root / "feedback").glob(f"*/{assignment}/*.html"))
    offline = course.root / "feedback-offline" / assignment
    offline.mkdir(parents=True, exist_ok=True)
    for path in files:  # one file per official to hand back by USB or e-mail
        official = path.parent.parent.name
        shutil.copyfile(path, offline / f"{official}__{path.name}")
    if release:  # through the exchange, for officials who submitted through it
        for secret in sorted((course.root / "feedback").glob(f"*/{assignment}/submission_secret.txt")):
            _check(api.release_feedback(assignment, secret.parent.parent.name), "release_feedback")
    return FeedbackRun(assignment, files, backup)
