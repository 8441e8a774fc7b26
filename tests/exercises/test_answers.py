"""Plain answers: lenient on how a right answer is written, strict on what it is; forms; accepted forms; hints."""
import datetime as dt
import re
import subprocess
import sys

import pytest

from grading.course.answers import WrongAnswer, matches
from grading.course.forms import Form, to_plain
from grading.course.replies import hint_reply, reply_criteria

ENTRIES = {
    "T-choice": {"kind": "choice", "expected": "b", "hint": "hint-choice"},
    "T-text": {"kind": "text", "expected": "Đăng ký kết hôn", "accept": ["marriage registration"], "hint": "hint-text"},
    "T-number": {"kind": "number", "expected": 12.5, "tol": 0.1, "hint": "hint-number"},
    "T-rel": {"kind": "number", "expected": 200.0, "rel": 0.02},
    "T-tie": {"kind": "number", "expected": [8, 14]},
    "T-date": {"kind": "date", "expected": "2025-09-03"},
    "T-set": {"kind": "set", "expected": ["HS-02", "HS-04"], "element": "id"},
    "T-order": {"kind": "order", "expected": ["b", "a", "c"], "accept": [["b", "c", "a"]],
                "hint": "hint-order"},
}

RIGHT = [
    ("T-choice", "b"), ("T-choice", " B "), ("T-choice", "(b)"), ("T-choice", "b)"),
    ("T-text", "dang ky ket hon"), ("T-text", "  ĐĂNG KÝ   KẾT HÔN. "), ("T-text", "Marriage registration"),
    ("T-text", "the marriage registration"),
    ("T-number", 12.5), ("T-number", 12.45), ("T-number", 12.6), ("T-number", 25 / 2),
    ("T-rel", 203), ("T-rel", 196.5), ("T-tie", 8), ("T-tie", 14.0),
    ("T-date", "2025-09-03"), ("T-date", "03/09/2025"), ("T-date", "3/9/2025"),
    ("T-set", ["HS-04", "HS-02"]), ("T-set", ["hs 02", "hs-04"]),
    ("T-order", ["b", "a", "c"]), ("T-order", ["B", "a ", "c"]), ("T-order", ["b", "c", "a"]),
]
WRONG = [
    ("T-choice", "a"), ("T-choice", "ba"), ("T-choice", 2), ("T-choice", ["b"]),
    ("T-text", "dang ky khai sinh"), ("T-text", 3),
    ("T-number", 12.7), ("T-number", "12.5"), ("T-number", True), ("T-number", float("nan")), ("T-number", [12.5]),
    ("T-rel", 205), ("T-tie", 9), ("T-tie", [8, 14]),
    ("T-date", "09/03/2025"), ("T-date", "2025-09-04"), ("T-date", 20250903), ("T-date", "32/09/2025"),
    ("T-set", ["HS-02"]), ("T-set", ["HS-02", "HS-04", "HS-06"]), ("T-set", ["HS-02", "HS-02", "HS-04"]),
    ("T-set", "HS-02, HS-04"),
    ("T-order", ["a", "b", "c"]), ("T-order", ["b", "a"]),
]


@pytest.mark.parametrize("item_id, value", RIGHT)
def test_right_answers_written_differently_match(item_id, value):
    assert matches(ENTRIES[item_id], value) is True


@pytest.mark.parametrize("item_id, value", WRONG)
def test_wrong_answers_get_a_kind_sentence(item_id, value):
    with pytest.raises(WrongAnswer) as info:
        matches(ENTRIES[item_id], value)
    assert info.value.args[0] and "Traceback" not in info.value.args[0]


def test_hints_are_specific_to_the_item():
    with pytest.raises(WrongAnswer, match="order. hint-order"):
        matches(ENTRIES["T-order"], ["c", "a", "b"])
    with pytest.raises(WrongAnswer, match="hint-number"):
        matches(ENTRIES["T-number"], 40)


FORMS = [
    (Form("F1", "choice", "abcd"), " B) ", "b"),
    (Form("F2", "number"), "3,5", 3.5),
    (Form("F2", "number"), " 12 ", 12),
    (Form("F3", "date"), "12/03/2024", "2024-03-12"),
    (Form("F4", "set", "abcdef"), ["c", "a"], ["a", "c"]),
    (Form("F5", "order", "abc"), ["b", "a", "c"], ["b", "a", "c"]),
    (Form("F6", "order", element="id"), "HS-02, HS-01", ["HS-02", "HS-01"]),
    (Form("F7", "text"), "  mật   khẩu ", "mật khẩu"),
    (Form("F7", "text"), "", None),
]
FORM_PROBLEMS = [
    (Form("F1", "choice", "abcd"), "e", "letters a, b, c, d"),
    (Form("F2", "number"), "twelve", "Type one number"),
    (Form("F3", "date"), "31/02/2025", "Month 2 of 2025 has no day 31"),
    (Form("F5", "order", "abc"), ["b", "", "c"], "every step in order: 1 still"),
    (Form("F5", "order", "abc"), ["b", "b", "c"], "b is chosen twice"),
]


@pytest.mark.parametrize("form, raw, plain", FORMS)
def test_what_is_typed_becomes_a_plain_value(form, raw, plain):
    assert to_plain(form, raw) == plain


@pytest.mark.parametrize("form, raw, message", FORM_PROBLEMS)
def test_form_problems_are_one_plain_sentence(form, raw, message):
    with pytest.raises(WrongAnswer, match=re.escape(message)):
        to_plain(form, raw)


def test_forms_refuse_bad_definitions():
    with pytest.raises(ValueError, match="kind = 'letter'"):
        Form("X", "letter")
    with pytest.raises(ValueError, match="needs its letters"):
        Form("X", "choice")


def _entry(item_id):
    from grading.key import keys_of
    from grading.key.frozen import entry

    return entry(keys_of("communication")[item_id])


@pytest.mark.parametrize("item_id, value", [
    ("C9", "the citizens' satisfaction"), ("C9", "người dân hài lòng"), ("C9", "nguoi dan hai long"),
    ("C9", "sự hài lòng của Nhân dân"), ("C9", "Citizens’ satisfaction"), ("C5", "mk"), ("C5", "OTP"),
    ("C5", "mã OTP"), ("C5", "Mật khẩu"), ("C5", "the password"),
    ("C3", ["b", "a", "c", "e", "d"]), ("C3", ["b", "a", "e", "c", "d"]),
])
def test_answers_a_person_would_accept(item_id, value):
    assert matches(_entry(item_id), value) is True


@pytest.mark.parametrize("item_id, value", [("C9", "nhanh chong"), ("C5", "phone number"),
                                            ("C3", ["a", "b", "c", "e", "d"])])
def test_other_answers_stay_wrong(item_id, value):
    with pytest.raises(WrongAnswer):
        matches(_entry(item_id), value)


def test_every_accepted_text_has_a_reason():
    from grading.key import MODULES, keys_of

    for assignment in MODULES:
        for key in keys_of(assignment).values():
            if key.kind == "text":
                assert set(key.accepted()) == set(key.reasons()), key.item_id


STOP = {"a", "an", "the", "he", "she", "it", "is", "of", "to", "and", "or", "if", "his", "her", "their", "we"}


def opening_word(text):
    """The first meaningful word of an option: what an official recognises it by ("Yes", "guidance")."""
    return next((w for w in re.findall(r"[\w']+", text.lower()) if w not in STOP), "")


def test_wrong_answer_hints_never_quote_a_wrong_option():
    """C1's hint asked for the reply "that says yes" while wrong option a) begins "Yes" (issue 21)."""
    from exercises_spec import option_texts

    from grading.key import MODULES, keys_of

    assert opening_word('"Yes, everything is online now."') == "yes"
    for assignment in MODULES:
        options = option_texts(assignment)
        for key in keys_of(assignment).values():
            if key.kind not in ("choice", "set"):
                continue
            right = {key.value()} if key.kind == "choice" else set(key.value())
            for letter, text in options.get(key.item_id, {}).items():
                if letter in right or not text.startswith('"'):
                    continue  # a wrong reply to a citizen, quoted: its opening words must not be in the hint
                word = opening_word(text)
                assert not re.search(rf"\b{re.escape(word)}\b", key.hint.lower()), (key.item_id, letter, word)


def test_reply_criteria_recognise_a_good_reply_in_vietnamese_without_accents():
    reply = ("Kinh chao ba. Chau hieu ba lo lang.\n1. Ba dua chau can cuoc.\n2. Chau dien to khai cung ba.\n"
             "Ba co can chau giai thich lai khong? Cam on ba, chuc ba mạnh khỏe.")
    assert all(reply_criteria(reply).values()), reply_criteria(reply)


def test_reply_criteria_flag_what_is_missing():
    found = reply_criteria("Nộp hồ sơ TTHC qua DVC với tài khoản định danh điện tử mức 2 đi.")
    assert not found["greeting"] and not found["empathy"] and not found["closing"]
    assert not found["plain_language"]


def test_hint_reply_prints_hints_and_awards_nothing(capsys):
    assert hint_reply("Nộp hồ sơ qua cổng dịch vụ công đi, tôi không có thời gian giải thích cho bà "
                      "đâu, về nhà mà làm.") is None
    out = capsys.readouterr().out
    assert "greeting" in out.lower() or "chào" in out.lower()
    from simulation.i18n import use_language

    with use_language("en"):  # the English notebook's kernel
        assert hint_reply(None) is None
    assert "Write your reply" in capsys.readouterr().out
    with use_language("vi"):
        hint_reply("Nộp hồ sơ qua cổng dịch vụ công đi, tôi không có thời gian giải thích cho bà đâu, về nhà mà "
                   "làm nhé, nhanh lên.")
    out = capsys.readouterr().out
    assert "Mở đầu bằng lời chào" in out and "Good morning" not in out


def test_the_kernel_side_imports_neither_nbgrader_nor_the_key():
    script = ("import sys; sys.modules['nbgrader'] = None\n"
              "import grading.course, grading.course.sheet, grading.course.widgets, grading.course.forms\n"
              "import grading.course.replies, grading.course.communication, grading.course.procedures\n"
              "loaded = [m for m in sys.modules if sys.modules[m] is not None]\n"
              "assert not [m for m in loaded if m.split('.')[0] == 'nbgrader'], 'nbgrader'\n"
              "assert not [m for m in loaded if m.startswith('grading.key')], 'the key'\n"
              "print('OK')")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "OK", done.stderr


def test_checks_and_replies_import_each_other_no_more():
    import ast
    from pathlib import Path

    replies = Path(__file__).resolve().parents[2] / "grading" / "course" / "replies.py"
    imported = {n.module for n in ast.walk(ast.parse(replies.read_text(encoding="utf-8")))
                if isinstance(n, ast.ImportFrom)}
    assert "grading.checks" not in imported
    with pytest.warns(DeprecationWarning, match="grading.checks is deprecated"):
        sys.modules.pop("grading.checks", None)
        import grading.checks  # noqa: F401


def test_dates_are_recorded_day_first_and_compared_as_dates():
    assert to_plain(Form("D", "date"), "2025-09-03") == dt.date(2025, 9, 3).isoformat()


def test_the_installed_package_officials_get_holds_no_key():
    import tomllib
    from pathlib import Path

    from setuptools import find_packages

    root = Path(__file__).resolve().parents[2]
    found = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    packages = find_packages(str(root), include=found["find"]["include"], exclude=found["find"].get("exclude", ()))
    assert "grading.course" in packages and "grading" in packages
    assert not [p for p in packages if p.startswith("grading.key")]


@pytest.mark.parametrize("question", ["Bà có hiểu không ạ?", "Bác đã hiểu rõ chưa ạ?", "Chị còn gì chưa rõ không ạ?",
                                      "Anh có thắc mắc gì không?", "Do you understand?"])
def test_natural_ways_of_checking_understanding_count(question):
    from grading.course.replies import reply_criteria

    assert reply_criteria("Dạ, cháu chào bà. " + question)["check_understanding"]
    assert not reply_criteria("Dạ, cháu chào bà. Bà về nhà đi ạ.")["check_understanding"]


def test_the_model_replies_of_the_course_meet_every_criterion(root):
    """The written answers' solutions are what a trainer would give full marks: the hints must agree."""
    import json
    import re

    from grading.course.replies import reply_criteria

    checked = 0
    for path in sorted((root / "exercises" / "source").glob("*/*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            meta = cell["metadata"].get("nbgrader", {})
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if meta.get("solution") and cell["cell_type"] == "markdown" and "hint_reply" in path.read_text():
                model = re.sub(r"### (BEGIN|END) SOLUTION", "", source)
                missing = [name for name, met in reply_criteria(model).items() if not met]
                assert missing == [], (path.name, meta.get("grade_id"), missing)
                checked += 1
    assert checked >= 1
