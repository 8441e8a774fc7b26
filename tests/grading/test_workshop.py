"""A full workshop with real nbgrader (see conftest.py): scores, safety, resume, feedback, report."""
from __future__ import annotations

import json
import re

import nbformat
import pandas as pd
import pytest

from grading_officials import ASSIGNMENT, NOTEBOOK, SOURCE_NB, expected, points

pytestmark = pytest.mark.slow

# Without a sandbox (--isolation none) a submission can write the real gradebook; the parent then puts it
# back and grades that submission "tampered" (no score). Everything else is the same in both modes.
TAMPERS_WITHOUT_SANDBOX = {"cheat-files": "tampered"}


def status_of(workshop, oid: str, spec: dict) -> str:
    if workshop.isolation == "none" and oid in TAMPERS_WITHOUT_SANDBOX:
        return TAMPERS_WITHOUT_SANDBOX[oid]
    return spec.get("status", "graded")


def hidden_lines() -> list[str]:
    """The source lines between BEGIN and END HIDDEN TESTS in the source notebook."""
    nb = nbformat.read(str(SOURCE_NB), as_version=4)
    found = []
    for cell in nb.cells:
        inside = False
        for line in cell.source.splitlines():
            if "BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "END HIDDEN TESTS" in line:
                inside = False
            elif inside:
                found.append(line.strip())
    assert found, "the fixture must have hidden tests"
    return found


def test_every_official_gets_exactly_the_honest_score(workshop):
    for oid, spec in workshop.people.items():
        if spec.get("missing") or status_of(workshop, oid, spec) == "tampered":
            assert oid not in workshop.parallel_scores
            continue
        assert workshop.parallel_scores[oid] == expected(spec), oid


def test_no_cheat_gains_points(workshop):
    pts = points()
    for oid, spec in workshop.people.items():
        if oid.startswith("cheat-"):
            auto_items = [k for k in pts if k.startswith("test_")]
            assert len(spec["honest"]) < len(auto_items)  # every cheat tried to gain something
            if oid not in workshop.parallel_scores:
                assert status_of(workshop, oid, spec) == "tampered"
                continue
            honest_max = sum(pts[k] for k in spec["honest"])
            assert workshop.parallel_scores[oid] <= honest_max, oid


def test_status_table_names_each_case(workshop):
    status = {r.official: r.status for r in workshop.first.results}
    for oid, spec in workshop.people.items():
        assert status[oid] == status_of(workshop, oid, spec), oid
    # the CLI run printed the isolation level and the table
    if workshop.isolation == "bwrap":
        assert "Isolation: bwrap" in workshop.resume_out and "unprotected" not in workshop.resume_out
    else:
        assert "UNPROTECTED" in workshop.resume_out and "WARNING" in workshop.resume_err
        assert "(unprotected)" in workshop.resume_out
        assert {r.protection for r in workshop.first.results if r.status != "missing"} == {"unprotected"}
    for word in ("timed out", "broken notebook", "kernel died", "missing"):
        assert word in workshop.resume_out


def test_parallel_scores_equal_serial_nbgrader(workshop):
    from grading_officials import SERIAL_SAFE

    assert set(workshop.serial_scores) == set(SERIAL_SAFE), workshop.serial_log[-2000:]
    for oid in SERIAL_SAFE:
        assert workshop.parallel_scores[oid] == workshop.serial_scores[oid], oid


def test_interrupted_run_resumes_with_same_grades(workshop):
    from grading_officials import INTERRUPT_AFTER

    assert len(workshop.seen) == INTERRUPT_AFTER
    # what was merged before the interruption is kept and unchanged at the end
    for oid in workshop.seen:
        assert workshop.after_interrupt[oid] == workshop.parallel_scores[oid]
    graded_before = set(workshop.after_interrupt)
    assert set(workshop.seen) <= graded_before
    assert graded_before < set(workshop.parallel_scores)  # the rest came from the resumed run
    assert "already graded" in workshop.resume_out
    assert all(r.resumed for r in workshop.first.results if r.status != "missing")


def test_manual_grade_survives_regrading_and_reaches_report(workshop):
    pts = points()
    spec = workshop.people["correct"]
    assert workshop.before_regrade["correct"] == expected(spec) + pts["explain"]
    assert workshop.after_regrade["correct"] == expected(spec) + pts["explain"]
    assert [r.official for r in workshop.regrade.results] == ["correct"]
    assert not any(r.resumed for r in workshop.regrade.results)
    # officials not re-graded keep their results
    for oid, score in workshop.before_regrade.items():
        assert workshop.after_regrade[oid] == score, oid
    from grading.report import grade_records, official_summary

    records = grade_records(workshop.course, ASSIGNMENT)
    row = records[(records.official == "correct") & (records["item"] == "explain")].iloc[0]
    # the manual score is kept; nbgrader flags it for review again after a re-grade
    assert row.manual_score == pts["explain"] and row.score == pts["explain"]
    summary = official_summary(workshop.course, ASSIGNMENT).set_index("official")
    assert summary.loc["correct", "score"] == expected(spec) + pts["explain"]


def test_hostile_code_saw_no_course_files_and_could_not_write(workshop):
    if workshop.isolation == "none":
        pytest.skip("without a sandbox the kernel sees the course: see test_hostile_writes_are_put_back")
    nb = json.loads((workshop.root / "autograded" / "cheat-files" / ASSIGNMENT /
                     f"{NOTEBOOK}.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(o.get("text", "")) for c in nb["cells"] for o in c.get("outputs", []))
    assert "SEES-COURSE False" in text and "SEES-SOURCE False" in text
    assert "WROTE-GRADEBOOK" not in text and "NO-GRADEBOOK" in text
    from grading.report import grade_records

    manual = grade_records(workshop.course, ASSIGNMENT)["manual_score"].dropna()
    assert not (manual == 99).any()  # the value the attack tried to write


def test_memory_hog_and_endless_loop_are_contained(workshop):
    nb = json.loads((workshop.root / "autograded" / "memory-hog" / ASSIGNMENT /
                     f"{NOTEBOOK}.ipynb").read_text(encoding="utf-8"))
    enames = [o.get("ename") for c in nb["cells"] for o in c.get("outputs", [])]
    assert "MemoryError" in enames
    nb = json.loads((workshop.root / "autograded" / "endless" / ASSIGNMENT /
                     f"{NOTEBOOK}.ipynb").read_text(encoding="utf-8"))
    enames = [o.get("ename") for c in nb["cells"] for o in c.get("outputs", [])]
    assert "CellTimeoutError" in enames or "KeyboardInterrupt" in enames


def _text(page: str) -> str:
    import html as _html

    return _html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_feedback_shows_answers_and_verdicts_but_no_code(workshop):
    files = sorted((workshop.root / "feedback").glob(f"*/{ASSIGNMENT}/*.html"))
    assert {p.parent.parent.name for p in files} >= {"correct", "partial", "cheat-eq"}
    for path in files:
        text = _text(path.read_text(encoding="utf-8"))
        assert "HIDDEN TESTS" not in text and "AssertionError" not in text and "Comment" not in text, path
        for line in hidden_lines():
            assert line not in text, (path, line)
        assert "Your answer" in text and "Question 4" in text, path
    partial = _text((workshop.root / "feedback" / "partial" / ASSIGNMENT / f"{NOTEBOOK}.html").read_text())
    assert partial.count("Not right") == 2 and "Right ·" in partial
    # her written answer was marked, then flagged for review by the re-grade: not a plain 0
    correct = _text((workshop.root / "feedback" / "correct" / ASSIGNMENT / f"{NOTEBOOK}.html").read_text())
    assert "Not marked yet" in correct and "The score may still go up" in correct
    zips = sorted((workshop.root / "feedback-offline" / ASSIGNMENT).glob("*.zip"))
    assert [z.stem for z in zips] == sorted({p.parent.parent.name for p in files})
    assert "feedback-offline" in workshop.feedback_out and "pages:" in workshop.feedback_out


def test_report_has_csv_and_html_with_charts(workshop):
    reports = workshop.root / "reports"
    csv = pd.read_csv(reports / "grades.csv")
    assert set(csv.official) == set(workshop.people)
    by_id = csv.set_index("official")
    for oid, score in workshop.after_regrade.items():
        assert by_id.loc[oid, "score"] == pytest.approx(score)
    want = "unprotected" if workshop.isolation == "none" else "sandboxed"
    assert by_id.loc["correct", "protection"] == want
    page = (reports / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == 1 and '<meta charset="utf-8">' in page
    for heading in ("Questions", "Written answers to mark in formgrader", "Officials who need help"):
        assert heading in page
    assert "True" not in _text(page) and "False" not in _text(page)
    assert re.search(r"\b\d+%", page) and not re.search(r"0\.\d{3,}", _text(page))
    # only "correct" wrote an answer (nbgrader gives an untouched answer 0 without review);
    # her manual grade is flagged for review again after the re-grade
    manual = page.split("Written answers to mark in formgrader")[1].split("Officials who need help")[0]
    assert "correct" in manual and "Explain in two sentences" in manual and "partial" not in manual
    helpers = page.split("Officials who need help")[1].split("All officials")[0]
    assert "bui-thi-luyen" in helpers and "endless" in helpers and "correct" not in helpers
    assert (reports / "index.html").is_file() and (reports / f"{ASSIGNMENT}-questions.xlsx").is_file()
    assert "Overview:" in workshop.report_out


def test_late_submissions_are_recorded(workshop):
    with workshop.course.gradebook() as gb:
        assert gb.find_assignment(ASSIGNMENT).duedate is not None
        for oid in ("correct", "blank"):
            assert gb.find_submission(ASSIGNMENT, oid).total_seconds_late > 0


def test_no_private_course_copies_are_left_behind(workshop):
    # worker folders are tempfile.mkdtemp(prefix="mc-"); the interrupted run must remove them too. Another
    # test's autograde running at the same time (pytest-xdist) has its own mc-* folders for a while: only
    # folders that stay are left behind.
    import time

    left = [p for p in workshop.leftovers if p.exists()]
    deadline = time.monotonic() + 240
    while left and time.monotonic() < deadline:
        time.sleep(2)
        left = [p for p in left if p.exists()]
    assert left == []


def test_gradebook_backups_were_taken(workshop):
    from grading.backup import list_backups

    reasons = [p.name for p in list_backups(workshop.course)]
    assert any("autograde-" in r for r in reasons) and any("feedback-" in r for r in reasons)


def test_hostile_writes_are_put_back_without_sandbox(workshop):
    """The limit of --isolation none, precisely: the code reads the course and writes the gradebook; the
    parent notices after that official, restores the gradebook and grades the submission "tampered"."""
    if workshop.isolation != "none":
        pytest.skip("inside bubblewrap the kernel cannot see the course")
    assert not (workshop.root / "autograded" / "cheat-files").exists()  # kept out of feedback and reports
    nb = json.loads((workshop.root / ".motcua" / "tampered" / ASSIGNMENT / "cheat-files" /
                     f"{NOTEBOOK}.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(o.get("text", "")) for c in nb["cells"] for o in c.get("outputs", []))
    assert "SEES-COURSE True" in text and "WROTE-GRADEBOOK" in text  # what no sandbox allows
    result = {r.official: r for r in workshop.first.results}["cheat-files"]
    assert result.status == "tampered" and "gradebook.db" in result.message
    from grading.report import grade_records

    manual = grade_records(workshop.course, ASSIGNMENT)["manual_score"].dropna()
    assert not (manual == 99).any()  # the write was undone before the next official was graded
    assert "changed these course files" in workshop.resume_err
