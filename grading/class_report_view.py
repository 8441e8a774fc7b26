"""The class report of a workshop, read from its nbgrader gradebook, shown interactively.

After a workshop the trainer wants two answers: *who needs help* and *which
questions were hardest*. Both come from one flat table read straight from the
nbgrader gradebook (`nbgrader.api.Gradebook`, manual grades included), one row
per official, notebook and graded item. `ClassReportView` puts an assignment
selector and a "needs help below" slider over the two tables and a chart.

The tables and the chart are `grading.grades`', shared with the HTML report
(`motcua workshop report`). A gradebook is named by its ``gradebook.db`` path,
the course folder that holds it, or a database URL. `class_report` is the
notebook's entry: before the first workshop it shows a small demo workshop
(`demo_gradebook`) and says so.
"""
from __future__ import annotations

import html
import tempfile
import warnings
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from simulation.formats import format_percent
from simulation.i18n import N_, _, current_language, use_language
from simulation.rendering import headed

from .grades import (HELP_BELOW, class_report_png, gradebook_url, open_gradebook, officials_table,
                     questions_table, read_gradebook)

# What a trainer reads when there is no workshop to show yet.
NO_WORKSHOP = N_("No workshop gradebook at {where} yet: this is a small demo workshop. Create yours with "
               "<code>motcua workshop init</code>, then set GRADEBOOK to its course folder.")
NO_ASSIGNMENT = N_("The gradebook at {where} has no assignment yet: this is a small demo workshop. Release and "
                 "autograde an assignment with <code>motcua workshop ...</code> first.")
NO_ASSIGNMENT_ERROR = N_("{where}: the gradebook has no assignment yet")
# What a reader sees above each column of the two tables (the frames keep their machine names).
HEADINGS = {"official": N_("official"), "name": N_("name"), "submitted": N_("submitted"), "score": N_("score"),
            "max_score": N_("max score"), "share": N_("share"), "marked_share": N_("share of marked items"),
            "needs_help": N_("needs help"), "not_marked": N_("not marked yet"), "notebook": N_("notebook"),
            "item": N_("question"), "mean_share": N_("mean share"), "full_marks": N_("full marks")}

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


__all__ = ["gradebook_url", "open_gradebook", "read_gradebook", "officials_table", "questions_table",
           "class_report_png", "ClassReportView", "EmptyGradebook", "class_report", "demo_gradebook"]


def _html_table(frame: pd.DataFrame, css: str) -> str:
    shown = frame.copy()
    for col in shown.columns:
        if col in ("share", "marked_share", "mean_share", "full_marks"):
            shown[col] = shown[col].map(lambda x: "–" if x != x else format_percent(x, 0))
        elif shown[col].dtype == bool:
            shown[col] = shown[col].map({True: _("yes"), False: _("no")})
        elif col in ("score", "max_score"):
            shown[col] = shown[col].map(lambda x: f"{x:g}")
    return headed(shown, HEADINGS).to_html(index=False, classes=css, escape=True, border=0)


class ClassReportView:
    """Assignment selector, "needs help below" slider, the officials who need help and the hardest questions."""

    def __init__(self, gradebook: str | Path, assignment: str | None = None, help_below: float = HELP_BELOW):
        # the language it was opened in: the slider's callbacks run later, whatever the process speaks then
        self.lang = current_language()
        self.records, self.roster, self.maxima = read_gradebook(gradebook)
        names = sorted(self.maxima)
        if not names:
            raise EmptyGradebook(_(NO_ASSIGNMENT_ERROR).format(where=gradebook))
        self.assignment = widgets.Dropdown(options=names, value=assignment or names[0], description=_("Assignment"))
        self.help_below = widgets.FloatSlider(value=help_below, min=0, max=1, step=0.05,
                                              description=_("Help below"), readout_format=".0%",
                                              continuous_update=False)
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

    def tables(self, for_reader: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(officials, questions) for the selected assignment and threshold; `for_reader`: columns headed in
        the current language (for showing), else their machine names (for code)."""
        name = self.assignment.value
        officials = officials_table(self.records, self.roster, name, self.maxima[name], self.help_below.value)
        questions = questions_table(self.records, name)
        if for_reader:
            with use_language(self.lang):
                return headed(officials, HEADINGS), headed(questions, HEADINGS)
        return officials, questions

    def refresh(self) -> None:
        with use_language(self.lang):
            self._refresh()

    def _refresh(self) -> None:
        officials, questions = self.tables()
        needing = officials[officials["needs_help"]]
        mean = officials.loc[officials["submitted"], "share"].mean()
        self.summary.value = f"<b>{html.escape(self.assignment.value)}</b>: " + _(
            "{submitted} of {officials} officials submitted; mean score {mean}; {needing} need help (below {below} "
            "of the marked items, or missing); written answers not marked yet: {not_marked}.").format(
            submitted=int(officials["submitted"].sum()), officials=len(officials),
            mean="–" if mean != mean else format_percent(mean, 0), needing=len(needing),
            below=format_percent(self.help_below.value, 0), not_marked=int(officials["not_marked"].sum()))
        shown = needing[["official", "name", "score", "max_score", "share", "submitted", "not_marked"]]
        self.help.value = f"<b>{html.escape(_('Officials who need help'))}</b>" + _html_table(shown, "motcua-help-table")
        self.questions.value = f"<b>{html.escape(_('Hardest questions'))}</b>" + _html_table(questions, "motcua-questions-table")
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
    view.notice.value = f"<div style='color:#1c5fb0'>ⓘ {_(notice).format(where=html.escape(str(gradebook)))}</div>"
    return view
