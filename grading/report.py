"""The class report a trainer reads after a workshop, written to ``DIR/reports/``.

* ``index.html``: one overview page, one row per official and a column per
  released assignment (share of the maximum, or why there is none); the
  assignments not released yet are listed as such.
* ``<assignment>.html``: score distribution and success per question (the
  chart of `grading.grades`), each question's text with its success rate and
  the most common wrong answers, the written answers still to be marked in
  formgrader, and the officials who need help (judged on marked items only).
* ``<assignment>-questions.csv`` and ``.xlsx``: the per-question table, for
  the province's records.
* ``grades.csv``: one row per official and released assignment, with the
  grading status and whether the grade was made without a sandbox
  ("unprotected").

Pages and exports speak the course's language (``motcua workshop init
--lang``, `Course.language`): headings, labels and statuses through the
message catalogue, numbers and shares written the reader's way
(`simulation.formats`); CSV files carry a byte-order mark so a spreadsheet
reads Vietnamese names, and pages declare UTF-8 and their language. Column
names of the CSV and XLSX files stay the same in every language (programs
read them).

Every number comes from `grading.grades.read_gradebook`; answers come from
the autograded notebooks through `grading.questions.official_answers`.
"""
from __future__ import annotations

import base64
import html
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from simulation.formats import format_number, format_percent
from simulation.i18n import N_, current_language, use_language
from simulation.rendering import html_document, write_csv

from .errors import trainer_text as _
from .grades import HELP_BELOW, class_report_png, officials_table, questions_table, read_gradebook
from .questions import NO_ANSWER, Code, official_answers, read_questions, show_value

__all__ = ["ClassReport", "WorkshopReport", "build_report", "build_reports", "grade_records",
           "official_summary", "assignment_mode", "question_rows", "TROUBLE"]

TROUBLE = ("missing", "timed out", "broken notebook", "kernel died", "error", "worker crashed", "tampered")
TOP_WRONG = 3
TEXT = {
    "overview": N_("Workshop overview"), "not_released": N_("Not released yet"),
    "questions": N_("Questions"), "manual": N_("Written answers to mark in formgrader"),
    "manual_how": N_("Open formgrader (<code>motcua workshop lab</code>, Nbgrader → Formgrader → Manage "
                     "submissions) to mark these."),
    "help": N_("Officials who need help"),
    "help_how": N_("No usable submission, or below {share} of the points of the items already marked. Written "
                   "answers not marked yet are left out of this judgement."),
    "all": N_("All officials"), "none": N_("None."), "mode": N_("Mode"),
    "practice": N_("Practice scores: the answer boxes said right or wrong at once, with unlimited tries. They "
                   "show practice, not evidence of skill."),
    "unprotected": N_("Some grades were made WITHOUT a sandbox (--isolation none): marked \"unprotected\"."),
}
# what the autograder records (grading.autograder) and the modes of a release, as a person reads them
STATUS_TEXT = {
    "graded": N_("graded"), "missing": N_("missing"), "timed out": N_("timed out"),
    "broken notebook": N_("broken notebook"), "kernel died": N_("kernel died"), "error": N_("error"),
    "worker crashed": N_("worker crashed"), "tampered": N_("tampered"), "sandboxed": N_("sandboxed"),
    "unprotected": N_("unprotected"), "practice": N_("practice"), "assessed": N_("assessed"),
}
QUESTION_COLUMNS = ["question", "item", "points", "full_marks", "mean_share", "answered", "not_marked",
                    "common_wrong_answers"]


def assignment_mode(course, assignment: str) -> str | None:
    """"practice" or "assessed" as recorded at release (``.motcua/releases.csv``), else None."""
    from .distribution import release_modes

    try:
        recorded = release_modes(course).get(assignment)
    except (OSError, KeyError, ValueError):  # a damaged record: the report works without it
        recorded = None
    if recorded:
        return recorded
    getter = getattr(course, "assignment_mode", None)
    if callable(getter):
        try:
            return getter(assignment)
        except Exception:  # an older or newer course layout: the report works without it
            return None
    for path in (course.state_dir / "modes.json", course.root / "release" / assignment / ".mode"):
        try:
            text = path.read_text(encoding="utf-8").strip()
        except OSError:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            return text or None
        return data.get(assignment) if isinstance(data, dict) else str(data)
    return None


def _statuses(course, assignment: str) -> dict[str, dict]:
    folder = course.state_dir / "autograde" / assignment
    out = {}
    if folder.is_dir():
        for marker in folder.glob("*.json"):
            try:
                out[marker.stem] = json.loads(marker.read_text(encoding="utf-8"))
            except ValueError:
                continue
    return out


def _roster(course) -> pd.DataFrame:
    return pd.DataFrame([{"official": o.id, "name": o.name} for o in course.officials()],
                        columns=["official", "name"])


def grade_records(course, assignment: str | None = None) -> pd.DataFrame:
    """One row per (official, assignment, notebook, item), see `grading.grades.RECORD_COLUMNS`."""
    records, _, _ = read_gradebook(course.db_url, course.course_id)
    return records if assignment is None else records[records["assignment"] == assignment].reset_index(drop=True)


def official_summary(course, assignment: str, records: pd.DataFrame | None = None,
                     max_score: float | None = None) -> pd.DataFrame:
    """One row per official on the roster: `grading.grades.officials_table` plus status and protection."""
    if records is None or max_score is None:
        records_all, _, maxima = read_gradebook(course.db_url, course.course_id)
        records = records_all if records is None else records
        max_score = maxima.get(assignment, 0.0) if max_score is None else max_score
    table = officials_table(records, _roster(course), assignment, max_score, HELP_BELOW)
    marks = _statuses(course, assignment)
    table["status"] = [marks.get(o, {}).get("status") or ("graded" if sub else "missing")
                       for o, sub in zip(table["official"], table["submitted"])]
    table["protection"] = [marks.get(o, {}).get("protection", "sandboxed") if o in marks else ""
                           for o in table["official"]]
    table["needs_help"] = table["needs_help"] | table["status"].isin(TROUBLE)
    return table


def _answers(course, assignment: str, notebook: str) -> dict[str, dict]:
    """official -> their answers in ``notebook`` (from the autograded copy)."""
    out = {}
    for path in sorted((course.root / "autograded").glob(f"*/{assignment}/{notebook}.ipynb")):
        try:
            out[path.parent.parent.name] = official_answers(path)
        except Exception:  # an unreadable notebook was already reported by autograde
            continue
    return out


def question_rows(course, assignment: str, records: pd.DataFrame) -> pd.DataFrame:
    """The per-question table (`QUESTION_COLUMNS`), in notebook order."""
    mine = records[records["assignment"] == assignment]
    stats = questions_table(records, assignment).set_index(["notebook", "item"])
    rows = []
    for nb_path in sorted((course.source_dir / assignment).glob("*.ipynb")):
        notebook = nb_path.stem
        answers = _answers(course, assignment, notebook)
        for q in read_questions(nb_path):
            scored = mine[(mine["notebook"] == notebook) & (mine["item"] == q.item)]
            wrong = Counter()
            for row in scored.itertuples():
                given = answers.get(row.official, {}).get(q.answer_cell, NO_ANSWER)
                if not q.written and row.score < row.max_score and given is not NO_ANSWER \
                        and not isinstance(given, Code):  # plain values only: code is read in formgrader
                    wrong[show_value(given)] += 1
            st = stats.loc[(notebook, q.item)] if (notebook, q.item) in stats.index else None
            rows.append({"question": q.text, "item": q.item,
                         "points": float(scored["max_score"].max()) if len(scored) else float("nan"),
                         "full_marks": float(st["full_marks"]) if st is not None else float("nan"),
                         "mean_share": float(st["mean_share"]) if st is not None else float("nan"),
                         "answered": int(len(scored)),
                         "not_marked": int(st["not_marked"]) if st is not None else 0,
                         "common_wrong_answers": "; ".join(f"{a} ({n})" for a, n in wrong.most_common(TOP_WRONG))})
    return pd.DataFrame(rows, columns=QUESTION_COLUMNS)


def _pct(x) -> str:
    return "–" if x is None or x != x else format_percent(x, 0)


def _num(x) -> str:
    return "–" if x is None or x != x else format_number(x)


def _status(value) -> str:
    """A status, protection or mode in the reader's language (an unknown one as it is)."""
    return _(STATUS_TEXT[value]) if value in STATUS_TEXT else str(value)


def _html_table(headers: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return f"<p>{_(TEXT['none'])}</p>"
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="t"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


STYLE = ("body{font-family:sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}"
         "table.t{border-collapse:collapse}table.t td,table.t th{padding:.25rem .6rem;"
         "border-bottom:1px solid #ddd;text-align:left;vertical-align:top}.warn{color:#a40000}")


def _page(title: str, body: str) -> str:
    return html_document(title, body, lang=current_language(), head=f"<style>{STYLE}</style>\n")


@dataclass
class ClassReport:
    assignment: str
    csv: Path
    html: Path
    records: pd.DataFrame
    summary: pd.DataFrame
    questions: pd.DataFrame = field(default_factory=pd.DataFrame)
    exports: list[Path] = field(default_factory=list)


@dataclass
class WorkshopReport:
    overview: Path
    grades_csv: Path
    reports: list[ClassReport]
    not_released: list[str]


def _assignment_page(course, assignment: str, records: pd.DataFrame, max_score: float, out: Path,
                     grades_csv: Path) -> ClassReport:
    summary = official_summary(course, assignment, records, max_score)
    questions = question_rows(course, assignment, records)
    stats = questions_table(records, assignment)
    labels = [_label(questions, item) for item in stats["item"]]
    png = base64.b64encode(class_report_png(summary, stats, dpi=90, labels=labels)).decode()
    exports = [out / f"{assignment}-questions.csv", out / f"{assignment}-questions.xlsx"]
    write_csv(exports[0], questions)
    questions.to_excel(exports[1], index=False, sheet_name=assignment[:31], engine="openpyxl")
    mine = records[records["assignment"] == assignment]
    manual = mine[mine["needs_manual_grade"]]
    mode = assignment_mode(course, assignment)
    submitted = summary[summary["submitted"]]
    helpers = summary[summary["needs_help"]]
    unprotected = (summary["protection"] == "unprotected").any()
    title = _("Class report: {assignment}").format(assignment=assignment)
    body = [f"<h1>{html.escape(title)} ({html.escape(course.course_id)})</h1>",
            f'<p><a href="index.html">{_(TEXT["overview"])}</a></p>']
    if mode:
        body.append(f"<p>{_(TEXT['mode'])}: <b>{html.escape(_status(mode))}</b></p>")
    if mode == "practice":
        body.append(f'<p class="warn">{html.escape(_(TEXT["practice"]))}</p>')
    if unprotected:
        body.append(f'<p class="warn">{html.escape(_(TEXT["unprotected"]))}</p>')
    body.append("<p>" + html.escape(_(
        "{roster} officials on the roster, {submitted} submitted, mean score {mean}; written answers not "
        "marked yet: {not_marked}.").format(
        roster=len(summary), submitted=len(submitted),
        mean=_pct(submitted["share"].mean() if len(submitted) else None),
        not_marked=int(summary["not_marked"].sum()))) + "</p>")
    alt = html.escape(_("score distribution and success per question"))
    body.append(f'<img alt="{alt}" src="data:image/png;base64,{png}">')
    body.append(f"<h2>{_(TEXT['questions'])}</h2>")
    body.append(_html_table(
        ["#", _("question"), _("points"), _("full marks"), _("mean score"), _("answered"), _("not marked yet"),
         _("most common wrong answers")],
        [[i + 1, r.question, _num(r.points), _pct(r.full_marks), _pct(r.mean_share), r.answered, r.not_marked,
          r.common_wrong_answers or "–"] for i, r in enumerate(questions.itertuples())]))
    body.append(f'<p>{_("Export")}: <a href="{exports[0].name}">{exports[0].name}</a>, '
                f'<a href="{exports[1].name}">{exports[1].name}</a></p>')
    body.append(f"<h2>{_(TEXT['manual'])}</h2><p>{_(TEXT['manual_how'])}</p>")
    body.append(_html_table([_("official"), _("item"), _("points")],
                            [[r.official, _label(questions, r.item), _num(r.max_score)] for r in manual.itertuples()]))
    body.append(f"<h2>{_(TEXT['help'])}</h2>"
                f"<p>{html.escape(_(TEXT['help_how']).format(share=_pct(HELP_BELOW)))}</p>")
    body.append(_official_rows(helpers))
    body.append(f"<h2>{_(TEXT['all'])}</h2>")
    body.append(_official_rows(summary))
    page = out / f"{assignment}.html"
    page.write_text(_page(title, "\n".join(body)), encoding="utf-8")
    return ClassReport(assignment, grades_csv, page, mine.reset_index(drop=True), summary, questions, exports)


def _label(questions: pd.DataFrame, item: str) -> str:
    """"3. Put the guidance steps in order" for an item (its number and text in the notebook)."""
    match = questions.index[questions["item"] == item]
    return f"{match[0] + 1}. {questions.loc[match[0], 'question']}" if len(match) else item


def _official_rows(table: pd.DataFrame) -> str:
    return _html_table(
        [_("official"), _("name"), _("score"), _("of"), _("share"), _("marked items"), _("not marked yet"),
         _("status"), _("protection")],
        [[r.official, r.name, _num(r.score), _num(r.max_score), _pct(r.share), _pct(r.marked_share),
          r.not_marked, _status(r.status), _status(r.protection) if r.protection else "–"]
         for r in table.itertuples()])


def build_reports(course, assignments: list[str] | None = None, language: str | None = None) -> WorkshopReport:
    """Write the overview, one page and export per released assignment, and ``grades.csv``.

    ``language`` defaults to the course's (`Course.language`).
    """
    for a in assignments or []:
        course.check_assignment(a)  # before the course's language: the trainer reads the error
    with use_language(language or getattr(course, "language", None) or current_language()):
        return _build_reports(course, assignments)


def _build_reports(course, assignments: list[str] | None) -> WorkshopReport:
    records, _, maxima = read_gradebook(course.db_url, course.course_id)
    wanted = assignments or course.assignments()
    released = [a for a in course.assignments() if a in maxima]
    out = course.root / "reports"
    out.mkdir(parents=True, exist_ok=True)
    grades_csv = out / "grades.csv"
    reports = [_assignment_page(course, a, records, maxima[a], out, grades_csv) for a in wanted if a in released]
    summaries = {a: official_summary(course, a, records, maxima[a]) for a in released}
    long = [s.assign(assignment=a) for a, s in summaries.items()]
    columns = ["official", "name", "assignment", "score", "max_score", "share", "not_marked", "status", "protection"]
    table = pd.concat(long, ignore_index=True)[columns] if long else pd.DataFrame(columns=columns)
    write_csv(grades_csv, table)
    not_released = [a for a in course.assignments() if a not in released]
    overview = out / "index.html"
    overview.write_text(_overview(course, summaries, not_released), encoding="utf-8")
    return WorkshopReport(overview, grades_csv, reports, not_released)


def _overview(course, summaries: dict[str, pd.DataFrame], not_released: list[str]) -> str:
    names = list(summaries)
    rows = []
    for o in course.officials():
        cells = [o.id, o.name]
        for a in names:
            row = summaries[a].set_index("official").loc[o.id]
            text = _pct(row["share"]) if row["submitted"] else _status(row["status"])
            if row["submitted"] and row["not_marked"]:
                text += " " + _("({n} not marked yet)").format(n=int(row["not_marked"]))
            if row["status"] not in ("graded", "missing"):
                text += f" [{_status(row['status'])}]"
            if row["protection"] == "unprotected":
                text += f" [{_status('unprotected')}]"
            cells.append(text)
        rows.append(cells)
    links = " · ".join(f'<a href="{html.escape(a)}.html">{html.escape(a)}</a>' for a in names)
    body = [f"<h1>{_(TEXT['overview'])}: {html.escape(course.course_id)}</h1>",
            f"<p>{_('Released')}: {links or _(TEXT['none'])}</p>",
            _html_table([_("official"), _("name"), *names], rows),
            f"<h2>{_(TEXT['not_released'])}</h2>",
            f"<p>{html.escape(', '.join(not_released)) or _(TEXT['none'])}</p>"]
    return _page(f"{_(TEXT['overview'])}: {course.course_id}", "\n".join(body))


def build_report(course, assignment: str) -> ClassReport:
    """The report of one assignment (and the overview and grades.csv); see `build_reports`."""
    run = build_reports(course, [assignment])
    if not run.reports:
        from .errors import CourseError

        raise CourseError(_("{assignment}: not released yet, so there is nothing to report; release it with "
                            "`motcua workshop release {assignment}`").format(assignment=assignment))
    return run.reports[0]
