"""The answer sheet speaks its notebook's edition: Vietnamese boxes, hints and Validate messages in the Vietnamese
notebook, the English ones unchanged in the English notebook; a wrong answer keeps its English sentence in
``args[0]`` whatever the kernel speaks (the judge says it in the course's language: tests/grading/test_judging.py)."""
import json
import re

import pytest

from grading.course.answers import WrongAnswer, matches
from grading.course.sheet import SheetMessage, open_sheet, practice_key_file
from simulation import i18n

import untranslated

PRACTICE = {"mode": "practice", "items": {
    "C1": {"kind": "choice", "expected": "b"},
    "C2": {"kind": "order", "expected": ["a", "c", "b"]},
    "Q1": {"kind": "number", "expected": 250, "tol": 0.5},
}}


def questions(sheet):
    sheet.ask(1, "C1", "choice", options="abcd")
    sheet.ask(2, "C2", "order", options="abc")
    sheet.ask(3, "P8", "date")
    sheet.ask(4, "Q1", "number")


def vietnamese(sentence):
    """No English stop-word left, and mostly Vietnamese words (letters, numbers and dates aside)."""
    words = re.sub(r"[\d/.,:()✓✗;-]+", " ", sentence)
    return untranslated.english_leftovers(words) == [] and untranslated.vietnamese_share(words) >= 0.5


def test_the_vietnamese_sheet_says_everything_in_vietnamese(tmp_path):
    sheet = open_sheet("communication", tmp_path, lang="vi")
    questions(sheet)
    boxes = sheet.boxes
    assert boxes["C1"].feedback.value == "Chưa có câu trả lời."
    assert boxes["P8"].controls[0].placeholder == "một ngày, ví dụ 12/03/2024"
    shown = []
    boxes["C1"].set("b")
    shown.append(boxes["C1"].feedback.value)
    assert shown[-1].startswith("✓ Đã ghi nhận: b.")
    boxes["C2"].order.steps["a"].click()  # one step of three placed
    shown.append(boxes["C2"].feedback.value)
    assert shown[-1] == "Còn 2 bước chưa xếp. Thứ tự chỉ được ghi nhận khi anh/chị đã xếp đủ các bước."
    boxes["C2"].order.typed.value = "a, c, c"
    shown.append(boxes["C2"].feedback.value)
    assert shown[-1].startswith("✗ Chưa ghi nhận") and "chữ c" in shown[-1]
    boxes["P8"].controls[0].value = "05/09"
    shown.append(boxes["P8"].feedback.value)
    boxes["Q1"].controls[0].value = "12 phút"
    shown.append(boxes["Q1"].feedback.value)
    assert all(vietnamese(s) for s in shown), shown
    assert i18n.current_language() == "vi", "the kernel speaks the edition's language"


def test_the_english_sheet_is_unchanged(tmp_path):
    sheet = open_sheet("communication", tmp_path)
    questions(sheet)
    assert sheet.boxes["C1"].feedback.value == "No answer yet."
    assert i18n.current_language() == "en", "the English notebook's kernel speaks English, whatever the default"
    assert sheet.boxes["P8"].controls[0].placeholder == "a date such as 12/03/2024"
    sheet.boxes["C1"].set("b")
    assert sheet.boxes["C1"].feedback.value == "✓ Recorded: b. It will be marked after you submit."
    sheet.boxes["C2"].order.steps["a"].click()
    assert sheet.boxes["C2"].feedback.value == ("Steps still to place: 2. The order is recorded once every step "
                                                "has its place.")
    sheet.boxes["C2"].order.typed.value = "a, c, c"
    assert sheet.boxes["C2"].feedback.value == "✗ Not recorded: Each letter can be used once; c is chosen twice."


def test_practice_hints_and_validate_in_vietnamese(tmp_path, monkeypatch, capsys):
    practice_key_file("communication", tmp_path).write_text(json.dumps(PRACTICE), encoding="utf-8")
    sheet = open_sheet("communication", tmp_path, lang="vi")
    questions(sheet)
    sheet.boxes["C1"].set("a")
    assert sheet.boxes["C1"].feedback.value == ("✗ Chưa đúng (a). Chưa đúng. Anh/chị đọc lại câu hỏi và thử lại "
                                                "nhé.")
    sheet.boxes["C2"].set(["c", "a", "b"])
    assert "kiểm tra lại thứ tự" in sheet.boxes["C2"].feedback.value
    capsys.readouterr()  # the widgets shown
    sheet.record(4, "Q1", 250, "number")
    assert capsys.readouterr().out == "✓ Đúng: 250.\n"
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    with pytest.raises(SheetMessage, match="Câu 3 chưa có câu trả lời."):
        sheet.ask(3, "P8", "date")
    capsys.readouterr()
    sheet.hand_in()  # in practice mode the last cell only says how far the official got
    assert capsys.readouterr().out == "Đã trả lời 3 trên 4 câu hỏi; các câu còn lại chưa có câu trả lời.\n"


def test_a_wrong_answer_keeps_english_in_args_whatever_the_kernel_speaks(tmp_path):
    open_sheet("communication", tmp_path, lang="vi")
    with pytest.raises(WrongAnswer) as info:
        matches(PRACTICE["items"]["C2"], ["c", "a", "b"])
    assert info.value.args[0] == ("You have the right answers; check their order. "
                                  "Not quite yet. Read the question again and try once more.")
    assert info.value.translated().startswith("Các câu trả lời đã đúng; anh/chị kiểm tra lại thứ tự.")
    with i18n.use_language("en"):
        assert info.value.translated() == info.value.args[0]
