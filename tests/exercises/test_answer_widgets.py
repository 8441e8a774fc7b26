"""Every item of the five assignments answered through its widget (values set in code, as a click would).

- practice mode: the box is right about every solution and every listed wrong answer;
- assessed mode: the box only says "recorded" (or a form problem), never right or wrong;
- the record the widgets wrote, submitted with the released notebook, gets full marks with the solutions
  and zero with listed wrong answers through real nbgrader and the judge;
- run top to bottom in a kernel with blank answers, an assessed notebook prints no right answer.
"""
import json
import os
import re
import shutil

import nbformat
import pytest

from courseware_harness import (ASSIGNMENTS, cells_by_id, code_questions, items_of, options_of, question_numbers,
                                with_answer, wrong_answers)

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("assignment", ASSIGNMENTS),
              pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")]


def sheet_for(course, assignment, folder, *, practice):
    """The released notebook's answer sheet, its widget questions shown, in a fresh folder."""
    from grading.course.sheet import open_sheet, practice_key_file
    from grading.key.frozen import practice_copy

    shutil.copytree(course.path("release", assignment).parent, folder)
    if practice:
        practice_key_file(assignment, folder).write_text(json.dumps(practice_copy(course.keys[assignment])),
                                                         encoding="utf-8")
    sheet = open_sheet(assignment, folder)
    released = course.read("release", assignment)
    for n in question_numbers(released):
        if n not in code_questions(released):
            exec(cells_by_id(released)[f"test_{n}"].source, {"ask": sheet.ask})
    return sheet, released


def solution_of(entry):
    value = entry["expected"]
    return value[0] if entry["kind"] == "number" and isinstance(value, list) else value


def test_practice_widgets_are_right_about_solutions_and_wrong_answers(course, assignment, tmp_path):
    sheet, released = sheet_for(course, assignment, tmp_path / assignment, practice=True)
    options = options_of(released)
    assert sheet.mode == "practice" and sheet.boxes
    for item, box in sheet.boxes.items():
        entry = course.entry(assignment, item)
        for wrong in wrong_answers(entry, options[item]):
            box.set(wrong)
            assert box.feedback.value.startswith("✗"), (item, wrong, box.feedback.value)
        box.set(solution_of(entry))
        assert box.feedback.value.startswith("✓ Right"), (item, box.feedback.value)


def test_assessed_widgets_only_record(course, assignment, tmp_path):
    sheet, released = sheet_for(course, assignment, tmp_path / assignment, practice=False)
    options = options_of(released)
    assert sheet.mode == "assessed"
    for item, box in sheet.boxes.items():
        entry = course.entry(assignment, item)
        for value in wrong_answers(entry, options[item]) + [solution_of(entry)]:
            box.set(value)
            assert box.feedback.value.startswith("✓ Recorded"), (item, value, box.feedback.value)
            assert "right" not in box.feedback.value.lower()


@pytest.mark.parametrize("right", [True, False], ids=["solutions", "wrong"])
def test_answers_given_by_widget_are_graded_by_the_key(course, assignment, tmp_path, right):
    course.graded(assignment)
    sheet, released = sheet_for(course, assignment, tmp_path / assignment, practice=False)
    options = options_of(released)
    nb = released
    for item, box in sheet.boxes.items():
        entry = course.entry(assignment, item)
        box.set(solution_of(entry) if right else wrong_answers(entry, options[item])[0])
    items = items_of(released)
    for n in code_questions(released):
        entry = course.entry(assignment, items[n])
        value = solution_of(entry) if right else wrong_answers(entry, options[items[n]])[0]
        nb = with_answer(nb, n, f"answer_{n} = {value!r}")
    student = "widget-right" if right else "widget-wrong"
    record = json.loads((tmp_path / assignment / f"{assignment}.answers.json").read_text(encoding="utf-8"))
    course.submit(assignment, student, nb, record["answers"])
    result = course.api.autograde(assignment, student)
    assert result["success"], result.get("log")
    scores = {g: s for g, s in course.scores(assignment, student).items() if g.startswith("test_")}
    if right:
        assert {g: s[0] for g, s in scores.items()} == {g: s[1] for g, s in scores.items()}
    else:
        assert {g: s[0] for g, s in scores.items() if s[0]} == {}


def _shown_forms(entry):
    """How a right answer could appear in printed output (long enough not to match by chance)."""
    value = solution_of(entry)
    forms = []
    values = value if isinstance(value, list) else [value]
    for v in values:
        text = str(v)
        forms.append(text)
        if entry["kind"] == "date":
            forms.append(f"{text[8:10]}/{text[5:7]}/{text[0:4]}")
    if isinstance(value, list):
        forms += [", ".join(map(str, value)), json.dumps(value)]
    return [f for f in forms if len(f) >= 3]


def test_blank_assessed_notebook_prints_no_right_answer(course, assignment, tmp_path, monkeypatch):
    from nbclient import NotebookClient

    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    folder = tmp_path / assignment
    shutil.copytree(course.path("release", assignment).parent, folder)
    nb = nbformat.read(folder / f"{assignment}.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    ours = [c for c in nb.cells if c.cell_type == "code" and "nbgrader" in c.metadata]  # setup, boxes, status
    printed = "\n".join(o.get("data", {}).get("text/plain", "") + o.get("data", {}).get("text/html", "")
                        + o.get("text", "") + o.get("evalue", "") for c in ours for o in c.outputs)
    assert "no answer yet" in printed.lower() and "Traceback" not in printed
    assert not re.search(r"\bright\b", printed, re.I)
    for item in items_of(nb).values():
        for form in _shown_forms(course.entry(assignment, item)):
            assert form not in printed, f"{item}: its right answer {form!r} is printed"
    assert not (folder / f"{assignment}.answers.json").exists() or \
        json.loads((folder / f"{assignment}.answers.json").read_text(encoding="utf-8"))["answers"] == {}
    assert os.environ.get("NBGRADER_EXECUTION") is None
