"""The class report and the officials' feedback for workshops with 1, 2 and all 5 assignments released.

A course is made from the repository's real exercises; the officials' answers and scores are written
as autograde would leave them (an autograded notebook and gradebook rows), so no kernel runs here.
"""
from __future__ import annotations

import re
import shutil
import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from simulation.i18n import use_language

EXERCISES = Path(__file__).resolve().parents[2] / "exercises" / "source"
ALL = sorted(p.name for p in EXERCISES.iterdir() if p.is_dir())
WRONG = {"C1": "c", "C4": "b"}  # binh's two wrong choices in communication


def _answer_notebook(source: Path, changes: dict[str, str], written: str | None) -> nbformat.NotebookNode:
    nb = nbformat.read(str(source), as_version=4)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if gid.startswith("written") and cell.cell_type == "markdown":
            cell.source = written or "YOUR ANSWER HERE"
    return nb


def _answer_record(source: Path, changes: dict[str, str]) -> str:
    """What the answer boxes leave beside the notebook: every right answer but the changed ones."""
    from grading.questions import frozen_answers

    return json.dumps({"notebook": source.stem, "answers": {**frozen_answers(source), **changes}})


def _submit(course, assignment: str, official: str, changes: dict[str, str], written: str | None) -> None:
    """Leave what autograde leaves: the autograded notebook and the scores in the gradebook."""
    from grading.questions import read_questions

    source = next((course.source_dir / assignment).glob("*.ipynb"))
    folder = course.root / "autograded" / official / assignment
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(_answer_notebook(source, changes, written), str(folder / source.name))
    (folder / f"{source.stem}.answers.json").write_text(_answer_record(source, changes), encoding="utf-8")
    questions = {q.item: q for q in read_questions(source)}
    with course.gradebook() as gb:
        from grading.merge import ensure_submission

        ensure_submission(gb, assignment, official)
        for item, q in questions.items():
            grade = gb.find_grade(item, source.stem, assignment, official)
            if q.written:
                grade.needs_manual_grade = written is not None
                grade.auto_score = None if written is not None else 0.0
            else:
                grade.auto_score = 0.0 if q.answer_cell in changes else grade.max_score
                grade.needs_manual_grade = False
        hand_in = gb.find_grade("answers", source.stem, assignment, official)  # the 0-point "all answered" cell
        hand_in.auto_score, hand_in.needs_manual_grade = 0.0, False
        gb.db.commit()


@pytest.fixture(scope="module")
def five(tmp_path_factory):
    """A course with every assignment released; an and binh submitted communication, cuong nothing."""
    from grading import init_course, release_assignment

    base = tmp_path_factory.mktemp("five")
    roster = base / "officials.csv"
    roster.write_text("name,id\nNguyễn Văn An,an\nTrần Thị Bình,binh\nLê Văn Cường,cuong\n", encoding="utf-8")
    course = init_course(base / "course", roster, course_id="kimboi",
                         language="en")  # the checks below read the English course
    for assignment in ALL:
        release_assignment(course, assignment, exchange=False)
    _submit(course, "communication", "an", {}, "Dạ, bà cứ yên tâm, cháu làm giúp bà ngay tại đây.")
    _submit(course, "communication", "binh", WRONG, None)
    return course


def _released(five, tmp_path, count: int):
    """A copy of the five-assignment course where only the first ``count`` (communication first) are released."""
    from grading import open_course

    root = tmp_path / "course"
    shutil.copytree(five.root, root)
    config = root / "nbgrader_config.py"
    config.write_text(config.read_text(encoding="utf-8").replace(str(five.root), str(root)), encoding="utf-8")
    course = open_course(root)
    keep = ["communication"] + [a for a in ALL if a != "communication"][:count - 1]
    with course.gradebook() as gb:
        for a in ALL:
            if a not in keep:
                gb.remove_assignment(a)
    return course, keep


def _text(path: Path) -> str:
    import html

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).split())


@pytest.mark.slow
@pytest.mark.parametrize("count", [1, 2, 5])
def test_report_covers_released_assignments_and_lists_the_rest(five, tmp_path, count):
    from grading.report import build_reports

    course, keep = _released(five, tmp_path, count)
    rep = build_reports(course)
    assert sorted(r.assignment for r in rep.reports) == sorted(keep)
    assert rep.not_released == [a for a in ALL if a not in keep]
    overview = _text(rep.overview)
    for a in keep:
        assert a in overview
    assert "Not released yet" in overview
    grades = pd.read_csv(rep.grades_csv)
    assert len(grades) == 3 * count and set(grades.assignment) == set(keep)
    page = rep.reports[[r.assignment for r in rep.reports].index("communication")]
    text = _text(page.html)
    assert "Which reply is best?" in text and "True" not in text and "False" not in text
    q = page.questions.set_index("item")
    assert q.loc["test_1", "full_marks"] == pytest.approx(0.5)  # an right, binh wrong
    assert q.loc["test_1", "common_wrong_answers"] == "c (1)"
    assert q.loc["test_2", "full_marks"] == 1.0 and q.loc["test_2", "common_wrong_answers"] == ""
    # an's reply waits for the trainer and is left out; binh left hers blank (0 points, nothing to mark)
    assert q.loc["written_13", "not_marked"] == 1 and q.loc["written_13", "full_marks"] == 0.0
    assert "50%" in text and "c (1)" in text
    xlsx = pd.read_excel(page.exports[1])
    assert xlsx["question"].tolist() == page.questions["question"].tolist()
    # an's written answer waits for the trainer: she is judged on the rest, and not flagged
    summary = page.summary.set_index("official")
    assert summary.loc["an", "not_marked"] == 1 and not summary.loc["an", "needs_help"]
    assert summary.loc["cuong", "needs_help"] and summary.loc["cuong", "status"] == "missing"


def test_report_of_an_unreleased_assignment_is_an_error_not_a_traceback(five, tmp_path):
    from grading.errors import CourseError
    from grading.report import build_report

    course, keep = _released(five, tmp_path, 1)
    with use_language("en"), pytest.raises(CourseError, match="queues: not released yet"):
        build_report(course, "queues")


@pytest.mark.slow
@pytest.mark.parametrize("count", [1, 2, 5])
def test_feedback_for_each_official_who_submitted(five, tmp_path, count):
    from grading.feedback import generate_feedback

    course, _ = _released(five, tmp_path, count)
    run = generate_feedback(course, "communication", answers=True, release=False)
    assert [z.stem for z in run.zips] == ["an", "binh"]
    an = _text(course.root / "feedback" / "an" / "communication" / "communication.html")
    assert "Not marked yet" in an and "Dạ, bà cứ yên tâm" in an and "Not right" not in an
    binh = _text(course.root / "feedback" / "binh" / "communication" / "communication.html")
    assert binh.count("Not right") == 2 and "Right answer: b" in binh
    assert "AssertionError" not in binh and "check(" not in binh and "import" not in binh
    assert "Comment" not in binh and "No answer" in binh  # her written answer was left blank


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.needs_system("chromium")
def test_report_and_feedback_read_well_in_a_browser(five, tmp_path):
    """What a person sees in Debian's Chromium: question text, percentages, "not marked yet", no test code."""
    from playwright.sync_api import sync_playwright

    from grading.feedback import generate_feedback
    from grading.report import build_reports

    course, _ = _released(five, tmp_path, 2)
    rep = build_reports(course)
    generate_feedback(course, "communication", answers=True, release=False)
    feedback = course.root / "feedback" / "binh" / "communication" / "communication.html"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto((course.root / "reports" / "communication.html").as_uri())
            seen = page.inner_text("body")
            assert "Which reply is best?" in seen and "50%" in seen and "c (1)" in seen
            assert "True" not in seen and "AssertionError" not in seen
            assert page.evaluate("document.characterSet") == "UTF-8"
            assert page.evaluate("document.images[0].naturalWidth") > 0  # the chart is drawn
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
            page.goto(rep.overview.as_uri())
            assert "Trần Thị Bình" in page.inner_text("body")
            page.set_viewport_size({"width": 420, "height": 900})  # a phone: long answers must wrap
            page.goto(feedback.as_uri())
            seen = page.inner_text("body")
            assert "Not right" in seen and "Right answer: b" in seen and "AssertionError" not in seen
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            page.screenshot(path=str(tmp_path / "feedback-binh.png"), full_page=True)
            page.goto((course.root / "feedback" / "an" / "communication" / "communication.html").as_uri())
            assert "Not marked yet" in page.inner_text("body")
        finally:
            browser.close()
    assert (tmp_path / "report.png").stat().st_size > 0 and (tmp_path / "feedback-binh.png").stat().st_size > 0


def test_report_and_feedback_before_anyone_submitted(tmp_path):
    from grading import init_course, release_assignment
    from grading.feedback import generate_feedback
    from grading.report import build_reports

    roster = tmp_path / "officials.csv"
    roster.write_text("name,id\nĐặng Văn An,an\n", encoding="utf-8")
    course = init_course(tmp_path / "course", roster, source=Path(__file__).parent / "fixtures" / "source")
    assert build_reports(course).not_released == ["queue-basics"]
    release_assignment(course, "queue-basics", exchange=False)
    rep = build_reports(course)
    assert [r.assignment for r in rep.reports] == ["queue-basics"] and rep.not_released == []
    row = rep.reports[0].summary.iloc[0]
    assert (row["official"], row["status"], bool(row["needs_help"])) == ("an", "missing", True)
    assert generate_feedback(course, "queue-basics", release=False).zips == []


@pytest.mark.slow
def test_practice_scores_are_labelled_as_practice(five, tmp_path):
    import csv

    from grading.distribution import RELEASES_CSV, release_modes
    from grading.report import build_reports

    course, _ = _released(five, tmp_path, 1)
    path = course.root / ".motcua" / RELEASES_CSV
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        row["mode"] = "practice"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert release_modes(course)["communication"] == "practice"
    page = build_reports(course).reports[0]
    text = _text(page.html)
    assert "Mode: practice" in text and "not evidence of skill" in text
