"""The grades of a workshop as flat tables, read from its nbgrader gradebook.

One reader (`read_gradebook`) serves the HTML class report
(`grading.report`), the officials' feedback and the interactive view
(`grading.class_report_view`): one row per official, assignment, notebook and
graded item, manual grades included. `officials_table` and `questions_table`
summarise it; `class_chart` is the one chart they all draw.

An item "not marked yet" is a written answer waiting for the trainer in
formgrader (nbgrader's ``needs_manual_grade``). Who needs help is judged on
the marked items only, and the table says how many are still waiting.

A gradebook is named by its ``gradebook.db`` path, the course folder that
holds it, or a database URL.
"""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pandas as pd

from .errors import trainer_text as _
__all__ = ["RECORD_COLUMNS", "gradebook_url", "open_gradebook", "read_gradebook", "officials_table",
           "questions_table", "class_chart", "class_report_png", "HELP_BELOW"]

RECORD_COLUMNS = ["official", "assignment", "notebook", "item", "score", "max_score", "auto_score",
                  "manual_score", "needs_manual_grade"]
HELP_BELOW = 0.5


def gradebook_url(gradebook: str | Path) -> str:
    """A database URL for a gradebook file, a course folder holding ``gradebook.db``, or a URL."""
    text = str(gradebook)
    if "://" in text:
        return text
    path = Path(gradebook)
    if path.is_dir():
        path = path / "gradebook.db"
    if not path.is_file():
        raise FileNotFoundError(_("{gradebook}: no nbgrader gradebook here (expected a gradebook.db file or "
                                  "a course folder containing one)").format(gradebook=gradebook))
    return f"sqlite:///{path.resolve()}"


def open_gradebook(gradebook: str | Path, course_id: str = ""):
    """An `nbgrader.api.Gradebook` (use it in a ``with`` block); creates the file when given a new .db path.

    nbgrader runs the ``alembic`` command when it opens a gradebook: this
    environment's ``bin`` folder is put on PATH so the right one is found.
    """
    from nbgrader.api import Gradebook

    bindir = os.path.dirname(sys.executable)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
    text = str(gradebook)
    url = text if "://" in text or text.endswith(".db") else gradebook_url(gradebook)
    url = url if "://" in url else f"sqlite:///{Path(url).resolve()}"
    return Gradebook(url, course_id) if course_id else Gradebook(url)


def read_gradebook(gradebook: str | Path, course_id: str = ""
                   ) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, float]]:
    """(records, roster, max score per assignment) of a gradebook.

    records: `RECORD_COLUMNS`, one row per official, assignment, notebook and
    graded item; roster: one row per official (id, name); the maxima list
    every assignment the gradebook knows (generated or released).
    """
    rows, officials, maxima = [], [], {}
    with open_gradebook(gradebook_url(gradebook), course_id) as gb:
        for student in gb.students:
            name = " ".join(p for p in (student.first_name, student.last_name) if p) or student.id
            officials.append({"official": student.id, "name": name})
        for assignment in gb.assignments:
            maxima[assignment.name] = float(assignment.max_score)
            for sub in gb.assignment_submissions(assignment.name):
                for nb in sub.notebooks:
                    for grade in nb.grades:
                        rows.append({"official": sub.student.id, "assignment": assignment.name,
                                     "notebook": nb.name, "item": grade.name, "score": float(grade.score),
                                     "max_score": float(grade.max_score), "auto_score": grade.auto_score,
                                     "manual_score": grade.manual_score,
                                     "needs_manual_grade": bool(grade.needs_manual_grade)})
    records = pd.DataFrame(rows, columns=RECORD_COLUMNS)
    # typed even when empty (no submission yet), so filters and sums behave the same
    records = records.astype({"score": float, "max_score": float, "needs_manual_grade": bool})
    return records, pd.DataFrame(officials, columns=["official", "name"]), maxima


def officials_table(records: pd.DataFrame, roster: pd.DataFrame, assignment: str, max_score: float,
                    help_below: float = HELP_BELOW) -> pd.DataFrame:
    """One row per official on the roster, lowest first.

    Columns: score, max_score, share (of the maximum), submitted, not_marked
    (written answers waiting for the trainer), marked_share (share of the
    points of the marked items) and needs_help (no submission, or
    marked_share below ``help_below``).
    """
    mine = records[records["assignment"] == assignment]
    marked = mine[~mine["needs_manual_grade"]]
    totals = mine.groupby("official")["score"].sum()
    pending = mine.groupby("official")["needs_manual_grade"].sum()
    marked_score = marked.groupby("official")["score"].sum()
    marked_max = marked.groupby("official")["max_score"].sum()
    table = roster.copy()
    table["submitted"] = table["official"].isin(totals.index)
    table["score"] = table["official"].map(totals).fillna(0.0)
    table["max_score"] = max_score
    table["share"] = table["score"] / max_score if max_score else 0.0
    table["not_marked"] = table["official"].map(pending).fillna(0).astype(int)
    share = table["official"].map(marked_score) / table["official"].map(marked_max).where(lambda m: m > 0)
    table["marked_share"] = share.fillna(0.0)
    table["needs_help"] = (~table["submitted"]) | (table["marked_share"] < help_below)
    return table.sort_values(["marked_share", "official"]).reset_index(drop=True)


def questions_table(records: pd.DataFrame, assignment: str) -> pd.DataFrame:
    """One row per graded item, hardest first: max score, mean share of its points, share of officials with
    full marks, and how many answers are not marked yet (marked answers only count in the shares)."""
    mine = records[records["assignment"] == assignment]
    columns = ["notebook", "item", "max_score", "mean_share", "full_marks", "not_marked"]
    if mine.empty:
        return pd.DataFrame(columns=columns)
    marked = mine.assign(share=mine["score"] / mine["max_score"].where(mine["max_score"] > 0),
                         full=(mine["score"] >= mine["max_score"]).astype(float))
    marked.loc[marked["needs_manual_grade"], ["share", "full"]] = float("nan")
    table = marked.groupby(["notebook", "item"], sort=False).agg(
        max_score=("max_score", "max"), mean_share=("share", "mean"), full_marks=("full", "mean"),
        not_marked=("needs_manual_grade", "sum")).reset_index()
    table["not_marked"] = table["not_marked"].astype(int)
    return table.sort_values(["full_marks", "mean_share", "item"], na_position="last").reset_index(drop=True)


def class_chart(officials: pd.DataFrame, questions: pd.DataFrame, labels: list[str] | None = None):
    """Score distribution (officials who submitted, whole counts) beside the full-marks rate per question.

    Titles and axes in the current language (`simulation.i18n`), drawn in a font with every Vietnamese letter.
    """
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    from simulation.rendering import chart_style

    with matplotlib.rc_context(chart_style()):
        return _class_chart(Figure, MaxNLocator, PercentFormatter, officials, questions, labels)


def _class_chart(Figure, MaxNLocator, PercentFormatter, officials, questions, labels):
    figure = Figure(figsize=(10, max(3.2, 0.32 * len(questions) + 1)))
    left, right = figure.subplots(1, 2)
    shares = officials.loc[officials["submitted"], "share"] if "submitted" in officials else officials["share"]
    left.hist(100 * shares, bins=list(range(0, 101, 10)), color="#3b7dd8", edgecolor="white")
    left.set(xlabel=_("score, share of the maximum"), ylabel=_("officials"), title=_("Score distribution"),
             xlim=(0, 100))
    left.yaxis.set_major_locator(MaxNLocator(integer=True))
    left.xaxis.set_major_formatter(PercentFormatter())
    names = labels if labels is not None else [f"{n}: {i}" for n, i in zip(questions["notebook"], questions["item"])]
    names = [n if len(n) <= 48 else n[:47] + "…" for n in names]
    rates = 100 * questions["full_marks"].astype(float).fillna(0).to_numpy()
    right.barh(names[::-1], rates[::-1], color="#2e9e5b")
    right.set(xlim=(0, 100), xlabel=_("officials with full marks"), title=_("Questions, hardest at the top"))
    right.xaxis.set_major_formatter(PercentFormatter())
    figure.tight_layout()
    return figure


def class_report_png(officials: pd.DataFrame, questions: pd.DataFrame, dpi: int = 72,
                     labels: list[str] | None = None) -> bytes:
    """`class_chart` as PNG bytes."""
    import matplotlib

    from simulation.rendering import chart_style

    buffer = io.BytesIO()
    with matplotlib.rc_context(chart_style()):  # fonts are resolved when the figure is drawn
        class_chart(officials, questions, labels).savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()
