"""nbgrader's Validate tells the truth in plain words, in both modes (communication)."""
import json
import shutil

import pytest

from courseware_harness import question_numbers

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")]


def validate(course, tmp_path, name, answers, *, practice=False):
    """nbgrader's Validator on the released communication notebook with these recorded answers."""
    from nbgrader.validator import Validator

    from grading.course.sheet import answers_file, practice_key_file
    from grading.key.frozen import practice_copy

    folder = tmp_path / name
    shutil.copytree(course.path("release", "communication").parent, folder)
    if answers:
        answers_file("communication", folder).write_text(json.dumps({"answers": answers}), encoding="utf-8")
    if practice:
        practice_key_file("communication", folder).write_text(
            json.dumps(practice_copy(course.keys["communication"])), encoding="utf-8")
    return Validator().validate(str(folder / "communication.ipynb"))


WRITTEN = "You did not provide a response."  # nbgrader's own words for the blank written answer


def messages(result):
    return [failure["error"] for failure in result.get("failed", []) if failure["error"] != WRITTEN]


def every_answer(course, right):
    items = course.keys["communication"]["items"]
    wrong = {"choice": "d", "text": "phone number", "set": ["d"], "order": ["e", "d", "c", "b", "a"]}
    return {item: entry["expected"] if right else wrong[entry["kind"]] for item, entry in items.items()}


def test_blank_questions_are_named_without_a_traceback(course, tmp_path):
    result = validate(course, tmp_path, "blank", {})
    said = messages(result)
    numbers = question_numbers(course.read("release", "communication"))
    count = len(numbers)
    assert [m for m in said if "has no answer yet" in m] == [f"Question {n} has no answer yet." for n in numbers]
    assert f"0 of {count} questions answered; the others have no answer yet." in said
    assert not any("Traceback" in m or "Error" in m for m in said)


def test_assessed_mode_never_says_success_for_wrong_answers(course, tmp_path):
    result = validate(course, tmp_path, "wrong", every_answer(course, right=False))
    count = len(course.keys["communication"]["items"])
    assert messages(result) == [f"All {count} questions answered; they will be marked after you submit."]


def test_practice_mode_names_the_wrong_answers_and_passes_the_right_ones(course, tmp_path):
    wrong = validate(course, tmp_path, "practice-wrong", every_answer(course, right=False), practice=True)
    count = len(course.keys["communication"]["items"])
    assert len(messages(wrong)) == count and all(" is not right yet." in m for m in messages(wrong))
    right = validate(course, tmp_path, "practice-right", every_answer(course, right=True), practice=True)
    assert messages(right) == []
