"""The class report of a workshop, read from its nbgrader gradebook, shown interactively.

After a workshop the trainer wants two answers: *who needs help* and *which
questions were hardest*. Both come from one flat table read straight from the
nbgrader gradebook (`nbgrader.api.Gradebook`, manual grades included), one row
per official, notebook and graded item. `ClassReportView` puts an assignment
selector and a "needs help below" slider over the two tables and a chart.

The tables and the chart are `grading.grades`', shared with the HTML report
(`motcua workshop report`). A gradebook is named by its ``gradebook.db`` path,
the course folder that holds it, or a database URL.
"""
from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .grades import (HELP_BELOW, class_report_png, gradebook_url, open_gradebook, officials_table,
                     questions_table, read_gradebook)

__all__ = ["gradebook_url", "open_gradebook", "read_gradebook", "officials_table", "questions_table",
           "class_report_png", "ClassReportView"]


def _html_table(frame: pd.DataFrame, css: str) -> str:
    shown = frame.copy()
    for col in shown.columns:
        if col in ("share", "marked_share", "mean_share", "full_marks"):
            shown[col] = shown[col].map(lambda x: "–" if x != x else f"{x:.0%}")
        elif shown[col].dtype == bool:
            shown[col] = shown[col].map({True: "yes", False: "no"})
        elif col in ("score", "max_score"):
            shown[col] = shown[col].map(lambda x: f"{x:g}")
    return shown.to_html(index=False, classes=css, escape=True, border=0)


class ClassReportView:
    """Assignment selector, "needs help below" slider, the officials who need help and the hardest questions."""

    def __init__(self, gradebook: str | Path, assignment: str | None = None, help_below: float = HELP_BELOW):
        self.records, self.roster, self.maxima = read_gradebook(gradebook)
        names = sorted(self.maxima)
        if not names:
            raise ValueError(f"{gradebook}: the gradebook has no assignment yet")
        self.assignment = widgets.Dropdown(options=names, value=assignment or names[0], description="Assignment")
        self.help_below = widgets.FloatSlider(value=help_below, min=0, max=1, step=0.05, description="Help below",
                                              readout_format=".0%", continuous_update=False)
        self.summary = widgets.HTML()
        self.help = widgets.HTML()
        self.questions = widgets.HTML()
        self.chart = widgets.Image(format="png")
        for w, name in ((self.summary, "summary"), (self.help, "needs-help"), (self.questions, "questions")):
            w.add_class(f"motcua-class-{name}")
        self.assignment.observe(lambda _: self.refresh(), names="value")
        self.help_below.observe(lambda _: self.refresh(), names="value")
        self.widget = widgets.VBox([widgets.HBox([self.assignment, self.help_below]), self.summary,
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
                              f"{len(needing)} need help (below {self.help_below.value:.0%} of the marked "
                              f"items, or missing); written answers not marked yet: "
                              f"{int(officials['not_marked'].sum())}.")
        shown = needing[["official", "name", "score", "max_score", "share", "submitted", "not_marked"]]
        self.help.value = "<b>Officials who need help</b>" + _html_table(shown, "motcua-help-table")
        self.questions.value = "<b>Hardest questions</b>" + _html_table(questions, "motcua-questions-table")
        self.chart.value = class_report_png(officials, questions)
