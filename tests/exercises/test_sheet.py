"""The answer sheet: answers recorded at once, kept across a restart, never a stale verdict."""
import json

import pytest

from grading.course.sheet import SheetMessage, answers_file, open_sheet, practice_key_file

PRACTICE = {"mode": "practice", "items": {
    "C1": {"kind": "choice", "expected": "b", "hint": "Think of the centre."},
    "C5": {"kind": "text", "expected": "password", "accept": ["mk"]},
    "Q1": {"kind": "number", "expected": 250, "tol": 0.5},
}}


def questions(sheet):
    sheet.ask(1, "C1", "choice", options="abcd")
    sheet.ask(5, "C5", "text")
    sheet.ask(8, "P8", "date")


def test_a_click_is_recorded_at_once_and_shown_again_after_a_restart(tmp_path):
    sheet = open_sheet("communication", tmp_path)
    questions(sheet)
    sheet.boxes["C1"].controls[0].value = "b"
    sheet.boxes["P8"].controls[0].value = "5/9/2025"
    record = json.loads(answers_file("communication", tmp_path).read_text(encoding="utf-8"))
    assert record["answers"] == {"C1": "b", "P8": "2025-09-05"}
    restarted = open_sheet("communication", tmp_path)  # a new kernel reads the same record
    questions(restarted)
    assert restarted.boxes["C1"].controls[0].value == "b"
    assert restarted.boxes["P8"].controls[0].value == "05/09/2025"
    assert restarted.boxes["C5"].controls[0].value == ""
    assert restarted.boxes["C1"].feedback.value.startswith("✓ Recorded: b")


def test_an_answer_broken_after_it_was_recorded_is_no_longer_recorded(tmp_path):
    sheet = open_sheet("procedures", tmp_path)
    questions(sheet)
    box = sheet.boxes["P8"]
    box.controls[0].value = "05/09/2025"
    assert "P8" in sheet.answers
    box.controls[0].value = "05/09"
    assert "P8" not in sheet.answers
    assert box.feedback.value.startswith("✗ Not recorded") and "the month and the year" in box.feedback.value


def test_practice_mode_judges_the_recorded_value_at_once(tmp_path):
    practice_key_file("communication", tmp_path).write_text(json.dumps(PRACTICE), encoding="utf-8")
    sheet = open_sheet("communication", tmp_path)
    questions(sheet)
    assert sheet.mode == "practice"
    sheet.boxes["C1"].controls[0].value = "a"
    assert sheet.boxes["C1"].feedback.value.startswith("✗ Not right yet") and "Think of the centre." in \
        sheet.boxes["C1"].feedback.value
    sheet.boxes["C5"].controls[0].value = "MK"
    assert sheet.boxes["C5"].feedback.value.startswith("✓ Right")


def test_code_questions_record_their_value(tmp_path, capsys):
    import numpy as np

    practice_key_file("queues", tmp_path).write_text(json.dumps(PRACTICE), encoding="utf-8")
    sheet = open_sheet("queues", tmp_path)
    sheet.record(1, "Q1", np.int64(250), "number")
    assert capsys.readouterr().out.startswith("✓ Right: 250")
    sheet.record(1, "Q1", None, "number")
    assert "Q1" not in sheet.answers and "No answer yet" in capsys.readouterr().out


def test_validate_names_a_blank_question_and_autograde_leaves_judging_to_the_grader(tmp_path, monkeypatch):
    sheet = open_sheet("communication", tmp_path)
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    with pytest.raises(SheetMessage, match="Question 1 has no answer yet.") as info:
        sheet.ask(1, "C1", "choice", options="abcd")
    assert info.value._render_traceback_() == ["Question 1 has no answer yet."]
    with pytest.raises(SheetMessage, match="0 of 1 questions answered"):
        sheet.hand_in()
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(SheetMessage, match="judged by the trainer's grader"):
        sheet.ask(1, "C1", "choice", options="abcd")
