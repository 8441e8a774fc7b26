"""The class report a trainer reads after a workshop.

Two files in ``DIR/reports/``: ``grades.csv`` (nbgrader's own CSV export, so it
opens in any spreadsheet) and ``<assignment>.html``, a self-contained page with
the score distribution, the success rate per question, the items still waiting
for manual grading in formgrader, and the officials who need help (low score,
or a submission that was missing, timed out, broken or crashed).

Every number comes from one flat table, `grade_records`, one row per official
and graded item, read from the gradebook (manual grades included).
"""
from __future__ import annotations

import base64
import html
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

__all__ = ["ClassReport", "build_report", "grade_records", "official_summary", "export_grades_csv"]

HELP_THRESHOLD = 0.5
TROUBLE = ("missing", "timed out", "broken notebook", "kernel died", "error", "worker crashed")


def grade_records(course, assignment: str) -> pd.DataFrame:
    """One row per (official, notebook, item): score, max, auto/manual score, needs manual grade."""
    from nbgrader.api import MissingEntry

    rows = []
    with course.gradebook() as gb:
        try:
            subs = gb.assignment_submissions(assignment)
        except MissingEntry:
            subs = []
        for sub in subs:
            for nb in sub.notebooks:
                for g in nb.grades:
                    rows.append({"official": sub.student.id, "notebook": nb.name, "item": g.name,
                                 "score": float(g.score), "max_score": float(g.max_score),
                                 "auto_score": g.auto_score, "manual_score": g.manual_score,
                                 "needs_manual_grade": bool(g.needs_manual_grade)})
    columns = ["official", "notebook", "item", "score", "max_score", "auto_score", "manual_score",
               "needs_manual_grade"]
    return pd.DataFrame(rows, columns=columns)


def _statuses(course, assignment: str) -> dict[str, str]:
    folder = course.state_dir / "autograde" / assignment
    out = {}
    if folder.is_dir():
        for marker in folder.glob("*.json"):
            out[marker.stem] = json.loads(marker.read_text(encoding="utf-8")).get("status", "")
    return out


def official_summary(course, assignment: str, records: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per official on the roster: score, max, share, status, needs help."""
    records = grade_records(course, assignment) if records is None else records
    statuses = _statuses(course, assignment)
    totals = records.groupby("official")[["score", "max_score"]].sum() if len(records) else None
    max_total = float(records.groupby("official")["max_score"].sum().max()) if len(records) else 0.0
    rows = []
    for o in course.officials():
        graded = totals is not None and o.id in totals.index
        score = float(totals.loc[o.id, "score"]) if graded else 0.0
        status = statuses.get(o.id) or ("graded" if graded else "missing")
        share = score / max_total if max_total else 0.0
        rows.append({"official": o.id, "name": o.name, "score": score, "max_score": max_total,
                     "share": share, "status": status,
                     "needs_help": share < HELP_THRESHOLD or status in TROUBLE})
    return pd.DataFrame(rows)


def export_grades_csv(course, dest: Path) -> Path:
    """nbgrader's CSV export of the whole gradebook to ``dest``."""
    from nbgrader.plugins import CsvExportPlugin

    plugin = CsvExportPlugin()
    plugin.to = str(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with course.gradebook() as gb:
        plugin.export(gb)
    return dest


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode()


def _charts(records: pd.DataFrame, summary: pd.DataFrame) -> dict[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    charts = {}
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.hist(summary["share"] * 100, bins=[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100.001],
            color="#3b7dd8", edgecolor="white")
    ax.set_xlabel("score (% of maximum)")
    ax.set_ylabel("officials")
    ax.set_title("Score distribution")
    charts["distribution"] = _png(fig)
    plt.close(fig)
    rates = success_rates(records)
    fig, ax = plt.subplots(figsize=(6, 0.4 * max(len(rates), 3) + 1))
    ax.barh(rates.index[::-1], rates.values[::-1] * 100, color="#2e9e5b")
    ax.set_xlim(0, 100)
    ax.set_xlabel("officials with full marks (%)")
    ax.set_title("Success rate per question")
    charts["success"] = _png(fig)
    plt.close(fig)
    return charts


def success_rates(records: pd.DataFrame) -> pd.Series:
    """Share of submitting officials with full marks, per item."""
    if not len(records):
        return pd.Series(dtype=float)
    full = records.assign(full=records["score"] >= records["max_score"])
    return full.groupby("item", sort=False)["full"].mean()


@dataclass
class ClassReport:
    assignment: str
    csv: Path
    html: Path
    records: pd.DataFrame
    summary: pd.DataFrame


def _table(df: pd.DataFrame) -> str:
    return df.to_html(index=False, escape=True, border=0, classes="t") if len(df) else "<p>None.</p>"


def build_report(course, assignment: str) -> ClassReport:
    """Write ``reports/grades.csv`` and ``reports/<assignment>.html``; return both with the tables."""
    course.check_assignment(assignment)
    out = course.root / "reports"
    csv_path = export_grades_csv(course, out / "grades.csv")
    records = grade_records(course, assignment)
    summary = official_summary(course, assignment, records)
    charts = _charts(records, summary)
    manual = records[records["needs_manual_grade"]][["official", "notebook", "item", "score", "max_score"]]
    helpers = summary[summary["needs_help"]][["official", "name", "score", "max_score", "status"]]
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Class report: {html.escape(assignment)}</title>
<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto}}
table.t{{border-collapse:collapse}}table.t td,table.t th{{padding:.2rem .6rem;border-bottom:1px solid #ddd}}</style>
</head><body><h1>Class report: {html.escape(assignment)} ({html.escape(course.course_id)})</h1>
<p>{len(summary)} officials on the roster, {int((summary['status'] != 'missing').sum())} submitted,
mean score {summary['share'].mean() * 100:.0f}%.</p>
<h2>Score distribution</h2><img alt="score distribution" src="data:image/png;base64,{charts['distribution']}">
<h2>Success rate per question</h2><img alt="success rate per question" src="data:image/png;base64,{charts['success']}">
<h2>Items needing manual grading</h2><p>Open formgrader (<code>motcua workshop lab</code>) to grade these.</p>
{_table(manual)}
<h2>Officials who need help</h2><p>Below {HELP_THRESHOLD:.0%} of the maximum, or no usable submission.</p>
{_table(helpers)}
<h2>All officials</h2>{_table(summary)}
</body></html>"""
    html_path = out / f"{assignment}.html"
    html_path.write_text(page, encoding="utf-8")
    return ClassReport(assignment, csv_path, html_path, records, summary)
