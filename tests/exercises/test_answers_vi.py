"""Answers written the Vietnamese way, in the answer boxes and on a code cell's answer line, in both modes.

Each input has its recorded value or the Vietnamese sentence it gets: no traceback, no English.
"""
import json
import re

import pytest

from grading.course.sheet import SheetMessage, answers_file, open_sheet, practice_key_file
from grading.judging import judge

import untranslated

PRACTICE = {"mode": "practice", "items": {
    "P8": {"kind": "date", "expected": "2025-09-05"},
    "P4": {"kind": "number", "expected": 12.5, "tol": 0.05},
    "C5": {"kind": "text", "expected": "Đăng ký kết hôn"},
    "Q2": {"kind": "number", "expected": 12.5, "tol": 0.05},
    "P14": {"kind": "date", "expected": "2025-09-05"},
}}
MODES = ("assessed", "practice")


def vietnamese(sentence):
    words = re.sub(r"[\d/.,:()✓✗;=-]+", " ", sentence)
    return untranslated.english_leftovers(words) == [] and untranslated.vietnamese_share(words) >= 0.5


def sheet_in(tmp_path, mode):
    if mode == "practice":
        practice_key_file("demo", tmp_path).write_text(json.dumps(PRACTICE), encoding="utf-8")
    sheet = open_sheet("demo", tmp_path, lang="vi")
    sheet.ask(4, "P4", "number")
    sheet.ask(5, "C5", "text")
    sheet.ask(8, "P8", "date")
    return sheet


def recorded(tmp_path):
    return json.loads(answers_file("demo", tmp_path).read_text(encoding="utf-8"))["answers"]


BOXES = [  # (item, typed in the box, recorded value)
    ("P8", "5/9/2025", "2025-09-05"),
    ("P8", "05/09/2025", "2025-09-05"),
    ("P8", "ngày 5 tháng 9 năm 2025", "2025-09-05"),
    ("P8", "Ngay 5 thang 9 nam 2025", "2025-09-05"),
    ("P8", "Thứ Sáu, 05/09/2025", "2025-09-05"),
    ("P8", "2025-09-05", "2025-09-05"),
    ("P4", "12,5", 12.5),
    ("P4", "12.5", 12.5),
    ("P4", " 12,5 ", 12.5),
    ("C5", "Đăng ký kết hôn", "Đăng ký kết hôn"),
    ("C5", "dang ky ket hon", "dang ky ket hon"),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("item, typed, value", BOXES)
def test_a_box_records_what_is_typed_the_vietnamese_way(tmp_path, mode, item, typed, value):
    sheet = sheet_in(tmp_path, mode)
    sheet.boxes[item].controls[0].value = typed
    assert recorded(tmp_path) == {item: value}
    said = sheet.boxes[item].feedback.value
    assert said.startswith("✓ Đúng" if mode == "practice" else "✓ Đã ghi nhận"), said


BOX_HINTS = [  # (item, typed in the box, the Vietnamese hint it gets)
    ("P8", "9/25/2025", "Anh/chị hãy viết ngày trước, tháng sau: 25/09/2025"),
    ("P8", "31/9/2025", "Tháng 9 năm 2025 không có ngày 31."),
    ("P8", "5/9", "Anh/chị hãy viết đủ ngày, tháng và năm"),
    ("P8", "Thứ Hai, 05/09/2025", "Ngày 05/09/2025 là Thứ Sáu, không phải Thứ Hai."),
    ("P4", "12 phút", "Anh/chị chỉ cần nhập con số, không kèm đơn vị hay chữ: 12"),
    ("P4", "1.052", "1.052 có thể hiểu theo hai cách"),
    ("P4", "mười hai", "Anh/chị hãy nhập một số"),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("item, typed, hint", BOX_HINTS)
def test_a_box_says_in_vietnamese_what_to_type_instead(tmp_path, mode, item, typed, hint):
    sheet = sheet_in(tmp_path, mode)
    sheet.boxes[item].controls[0].value = typed
    said = sheet.boxes[item].feedback.value
    assert said.startswith("✗ Chưa ghi nhận: ") and hint in said, said
    assert vietnamese(said), said
    assert item not in sheet.answers


LINES = [  # (item, kind, what Python made of the answer line, recorded value or None, what is printed)
    ("Q2", "number", (12, 5), None, "Anh/chị đã gõ 12,5: máy hiểu dấu phẩy là dấu ngăn cách hai số. "
                                    "Hãy dùng dấu chấm cho phần thập phân: 12.5"),
    ("Q2", "number", (1, 2, 3), None, "Máy đọc thành nhiều số cách nhau bởi dấu phẩy."),
    ("Q2", "number", "12,5", 12.5, None),
    ("Q2", "number", 12.5, 12.5, None),
    ("P14", "date", 5 / 9 / 2025, None, 'Anh/chị hãy đặt ngày trong dấu ngoặc kép, ví dụ "05/09/2025".'),
    ("P14", "date", "ngày 5 tháng 9 năm 2025", "2025-09-05", None),
    ("P14", "date", "5/9/2025", "2025-09-05", None),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("item, kind, line, value, hint", LINES)
def test_an_answer_line_typed_the_vietnamese_way(tmp_path, capsys, mode, item, kind, line, value, hint):
    sheet = sheet_in(tmp_path, mode)
    capsys.readouterr()
    sheet.record(2, item, line, kind)
    printed = capsys.readouterr().out.strip()
    assert "Traceback" not in printed and vietnamese(printed), printed
    if value is None:
        assert printed.startswith("✗ Chưa ghi nhận: ") and hint in printed, printed
        assert item not in sheet.answers
    else:
        assert recorded(tmp_path)[item] == value
        assert printed.startswith("✓ Đúng" if mode == "practice" else "✓ Đã ghi nhận"), printed
        assert "2025-09-05" not in printed, "a date is shown day first"


@pytest.mark.parametrize("mode", MODES)
def test_under_validate_a_tuple_answer_stops_with_one_vietnamese_sentence(tmp_path, capsys, monkeypatch, mode):
    sheet = sheet_in(tmp_path, mode)
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    capsys.readouterr()
    with pytest.raises(SheetMessage) as info:
        sheet.record(2, "Q2", (12, 5), "number")
    assert info.value._render_traceback_() == ["Câu 2 chưa có câu trả lời."]
    assert "dùng dấu chấm" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["2025-09-05", "05/09/2025", "5/9/2025", "ngày 5 tháng 9 năm 2025"])
def test_the_judge_reads_dates_as_the_boxes_do(value):
    assert judge(PRACTICE["items"]["P8"], value, "vi") == (True, "")


def test_the_judge_reads_words_with_or_without_diacritics():
    assert judge(PRACTICE["items"]["C5"], "DANG KY KET HON", "vi") == (True, "")
    right, said = judge(PRACTICE["items"]["C5"], "dang ky khai sinh", "vi")
    assert not right and said.startswith("Chưa đúng đáp án.") and vietnamese(said)
