"""The class report of a workshop, read from its nbgrader gradebook, shown interactively.

After a workshop the trainer wants two answers: *who needs help* and *which
questions were hardest*. Both come from one flat table read straight from the
nbgrader gradebook (`nbgrader.api.Gradebook`, manual grades included), one row
per official, notebook and graded item. `ClassReportView` puts an assignment
selector and a "needs help below" slider over the two tables and a chart.

A gradebook is named by its ``gradebook.db`` path, the course folder that
holds it, or a database URL. `class_report` is the notebook's entry: before the
first workshop it shows a small demo workshop (`demo_gradebook`) and says so.
"""
from __future__ import annotations

import html
import io
import os
import sys
import tempfile
import warnings
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure

__all__ = ["gradebook_url", "open_gradebook", "read_gradebook", "officials_table", "questions_table", "class_report_png",
           "ClassReportView", "EmptyGradebook", "class_report", "demo_gradebook"]

# What a trainer reads when there is no workshop to show yet.
NO_WORKSHOP = ("No workshop gradebook at {where} yet: this is a small demo workshop. Create yours with "
               "<code>motcua workshop init</code>, then set GRADEBOOK to its course folder.")
NO_ASSIGNMENT = ("The gradebook at {where} has no assignment yet: this is a small demo workshop. Release and "
                 "autograde an assignment with <code>motcua workshop ...</code> first.")
NO_ASSIGNMENT_ERROR = "{where}: the gradebook has no assignment yet"

# The demo workshop: one assignment, four graded items (points), five officials (one did not submit).
DEMO_ASSIGNMENT, DEMO_NOTEBOOK = "procedures", "procedures"
DEMO_ITEMS = {"q1_documents": 2.0, "q2_deadline": 3.0, "q3_fee": 2.0, "q4_reply": 5.0}
DEMO_OFFICIALS = {
    "bui-thi-luyen": ("Bùi Thị", "Luyến", (2.0, 3.0, 2.0, 4.0)),
    "nguyen-van-an": ("Nguyễn Văn", "An", (2.0, 3.0, 0.0, 5.0)),
    "le-van-cuong": ("Lê Văn", "Cường", (2.0, 0.0, 2.0, 2.0)),
    "tran-thi-binh": ("Trần Thị", "Bình", (2.0, 0.0, 0.0, 1.0)),
    "pham-thi-dung": ("Phạm Thị", "Dung", None),
}


class EmptyGradebook(ValueError):
    """The gradebook exists but holds no assignment yet."""


RECORD_COLUMNS = ["official", "assignment", "notebook", "item", "score", "max_score", "needs_manual_grade"]


def gradebook_url(gradebook: str | Path) -> str:
    """A database URL for a gradebook file, a course folder holding ``gradebook.db``, or a URL."""
    text = str(gradebook)
    if "://" in text:
        return text
    path = Path(gradebook)
    if path.is_dir():
        path = path / "gradebook.db"
    if not path.is_file():
        raise FileNotFoundError(f"{gradebook}: no nbgrader gradebook here (expected a gradebook.db file or "
                                "a course folder containing one)")
    return f"sqlite:///{path.resolve()}"


def open_gradebook(gradebook: str | Path):
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
    return Gradebook(url if "://" in url else f"sqlite:///{Path(url).resolve()}")


def read_gradebook(gradebook: str | Path) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, float]]:
    """(records, roster, max score per assignment) of a gradebook.

    records: one row per official, assignment, notebook and graded item; roster: one row per official
    (id, name).
    """
    rows, officials, maxima = [], [], {}
    with open_gradebook(gradebook_url(gradebook)) as gb:
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
                                     "max_score": float(grade.max_score),
                                     "needs_manual_grade": bool(grade.needs_manual_grade)})
    return pd.DataFrame(rows, columns=RECORD_COLUMNS), pd.DataFrame(officials, columns=["official", "name"]), maxima


def officials_table(records: pd.DataFrame, roster: pd.DataFrame, assignment: str, max_score: float,
                    help_below: float = 0.5) -> pd.DataFrame:
    """One row per official on the roster: score, share of the maximum, submitted, needs help (lowest first)."""
    mine = records[records["assignment"] == assignment]
    totals = mine.groupby("official")["score"].sum()
    pending = mine.groupby("official")["needs_manual_grade"].sum()
    table = roster.copy()
    table["submitted"] = table["official"].isin(totals.index)
    table["score"] = table["official"].map(totals).fillna(0.0)
    table["max_score"] = max_score
    table["share"] = table["score"] / max_score if max_score else 0.0
    table["awaiting_manual_grade"] = table["official"].map(pending).fillna(0).astype(int)
    table["needs_help"] = (~table["submitted"]) | (table["share"] < help_below)
    return table.sort_values(["share", "official"]).reset_index(drop=True)


def questions_table(records: pd.DataFrame, assignment: str) -> pd.DataFrame:
    """One row per graded item: mean share of its points and share of officials with full marks (hardest first)."""
    mine = records[records["assignment"] == assignment]
    if mine.empty:
        return pd.DataFrame(columns=["notebook", "item", "max_score", "mean_share", "full_marks", "awaiting_manual"])
    grouped = mine.assign(share=mine["score"] / mine["max_score"].where(mine["max_score"] > 0),
                          full=mine["score"] >= mine["max_score"]).groupby(["notebook", "item"])
    table = grouped.agg(max_score=("max_score", "max"), mean_share=("share", "mean"), full_marks=("full", "mean"),
                        awaiting_manual=("needs_manual_grade", "sum")).reset_index()
    return table.sort_values(["full_marks", "mean_share", "item"]).reset_index(drop=True)


def class_report_png(officials: pd.DataFrame, questions: pd.DataFrame, dpi: int = 72) -> bytes:
    """Score distribution and full-marks rate per question, side by side."""
    figure = Figure(figsize=(10, 3.2))
    left, right = figure.subplots(1, 2)
    left.hist(100 * officials["share"], bins=list(range(0, 101, 10)), color="#3b7dd8", edgecolor="white")
    left.set(xlabel="score (% of maximum)", ylabel="officials", title="Score distribution")
    labels = [f"{n}: {i}" for n, i in zip(questions["notebook"], questions["item"])]
    right.barh(labels[::-1], 100 * questions["full_marks"].to_numpy()[::-1], color="#2e9e5b")
    right.set(xlim=(0, 100), xlabel="officials with full marks (%)", title="Questions, hardest at the top")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


def _html_table(frame: pd.DataFrame, css: str) -> str:
    return frame.to_html(index=False, classes=css, float_format=lambda x: f"{x:.2f}", escape=True, border=0)


class ClassReportView:
    """Assignment selector, "needs help below" slider, the officials who need help and the hardest questions."""

    def __init__(self, gradebook: str | Path, assignment: str | None = None, help_below: float = 0.5):
        self.records, self.roster, self.maxima = read_gradebook(gradebook)
        names = sorted(self.maxima)
        if not names:
            raise EmptyGradebook(NO_ASSIGNMENT_ERROR.format(where=gradebook))
        self.assignment = widgets.Dropdown(options=names, value=assignment or names[0], description="Assignment")
        self.help_below = widgets.FloatSlider(value=help_below, min=0, max=1, step=0.05, description="Help below",
                                              readout_format=".0%", continuous_update=False)
        self.summary = widgets.HTML()
        self.help = widgets.HTML()
        self.questions = widgets.HTML()
        self.chart = widgets.Image(format="png")
        self.notice = widgets.HTML()
        for w, name in ((self.notice, "notice"), (self.summary, "summary"), (self.help, "needs-help"), (self.questions, "questions")):
            w.add_class(f"motcua-class-{name}")
        self.assignment.observe(lambda _: self.refresh(), names="value")
        self.help_below.observe(lambda _: self.refresh(), names="value")
        self.widget = widgets.VBox([self.notice, widgets.HBox([self.assignment, self.help_below]), self.summary,
                                    widgets.HBox([self.help, self.questions]), self.chart])
        self.refresh()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(officials, questions) for the selected assignment and threshold."""
        name = self.assignment.value
        officials = officials_table(self.records, self.roster, name, self.maxima[name], self.help_below.value)
        return officials, questions_table(self.records, name)

    def refresh(self) -> None:
        officials, questions = self.tables()
        needing = officials[officials["needs_help"]]
        mean = officials.loc[officials["submitted"], "share"].mean()
        self.summary.value = (f"<b>{html.escape(self.assignment.value)}</b>: {int(officials['submitted'].sum())} of "
                              f"{len(officials)} officials submitted; mean score "
                              f"{'–' if mean != mean else f'{mean:.0%}'}; "
                              f"{len(needing)} need help (below {self.help_below.value:.0%} or missing).")
        shown = needing[["official", "name", "score", "max_score", "share", "submitted"]]
        self.help.value = "<b>Officials who need help</b>" + _html_table(shown, "motcua-help-table")
        self.questions.value = "<b>Hardest questions</b>" + _html_table(questions, "motcua-questions-table")
        self.chart.value = class_report_png(officials, questions)


def demo_gradebook(folder: str | Path | None = None) -> Path:
    """A small workshop gradebook built with nbgrader's API (`DEMO_OFFICIALS`), in `folder` or a new temporary one."""
    from sqlalchemy.exc import SAWarning

    folder = Path(tempfile.mkdtemp(prefix="motcua-demo-workshop-") if folder is None else folder)
    path = folder / "gradebook.db"
    with open_gradebook(path) as gb, warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)  # nbgrader's own session bookkeeping warns harmlessly here
        gb.add_assignment(DEMO_ASSIGNMENT)
        gb.add_notebook(DEMO_NOTEBOOK, DEMO_ASSIGNMENT)
        for item, points in DEMO_ITEMS.items():
            gb.add_grade_cell(item, DEMO_NOTEBOOK, DEMO_ASSIGNMENT, max_score=points, cell_type="code")
        for official, (first, last, scores) in DEMO_OFFICIALS.items():
            gb.add_student(official, first_name=first, last_name=last)
            if scores is None:
                continue
            gb.add_submission(DEMO_ASSIGNMENT, official)
            for item, points in zip(DEMO_ITEMS, scores):
                grade = gb.find_grade(item, DEMO_NOTEBOOK, DEMO_ASSIGNMENT, official)
                grade.auto_score = points
                grade.needs_manual_grade = False
            gb.db.commit()
    return path


def class_report(gradebook: str | Path, help_below: float = 0.5) -> ClassReportView:
    """The class report of `gradebook`; before the first workshop, of a demo workshop with a notice saying so."""
    try:
        return ClassReportView(gradebook, help_below=help_below)
    except FileNotFoundError:
        notice = NO_WORKSHOP
    except EmptyGradebook:
        notice = NO_ASSIGNMENT
    view = ClassReportView(demo_gradebook(), help_below=help_below)
    view.notice.value = f"<div style='color:#1c5fb0'>ⓘ {notice.format(where=html.escape(str(gradebook)))}</div>"
    return view
