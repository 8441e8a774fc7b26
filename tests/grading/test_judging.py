"""The judge and the output cap, as nbgrader preprocessors on notebooks built in the test (no kernel)."""
import json

import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output
from traitlets.config import Config

from grading.judging import MAX_CELL_BYTES, CapOutput, JudgeAnswers, read_record

KEY = {"assignment": "demo", "notebooks": {"demo": {"test_1": "C1", "test_2": "C2"}}, "items": {
    "C1": {"kind": "choice", "expected": "b", "hint": "Think again."},
    "C2": {"kind": "number", "expected": 12.5, "tol": 0.1}}}


def grade_cell(grade_id, points, item):
    cell = new_code_cell(f"ask(1, {item!r}, 'choice', options='abcd')")
    cell.metadata = {"nbgrader": {"grade": True, "solution": False, "locked": True, "grade_id": grade_id,
                                  "points": points, "schema_version": 3}, "motcua": {"item": item}}
    return cell


def judged(tmp_path, answers, *, items=("C1", "C2")):
    (tmp_path / "keys").mkdir(exist_ok=True)
    (tmp_path / "keys" / "demo.json").write_text(json.dumps(KEY), encoding="utf-8")
    (tmp_path / "demo.answers.json").write_text(json.dumps({"answers": answers}), encoding="utf-8")
    nb = new_notebook(cells=[grade_cell("test_1", 1, items[0]), grade_cell("test_2", 2, items[1])])
    cfg = Config()
    cfg.JudgeAnswers.key_dir = str(tmp_path / "keys")
    nb, _ = JudgeAnswers(config=cfg).preprocess(nb, {"nbgrader": {"assignment": "demo", "notebook": "demo"},
                                                     "metadata": {"path": str(tmp_path)}})
    return nb


def scores(nb):
    from nbgrader.utils import determine_grade

    return [determine_grade(cell)[0] for cell in nb.cells]


def test_right_answers_get_the_points_and_wrong_ones_an_error(tmp_path):
    assert scores(judged(tmp_path, {"C1": "B)", "C2": 12.45})) == [1, 2]
    nb = judged(tmp_path, {"C1": "a"})
    assert scores(nb) == [0, 0]
    assert nb.cells[0].outputs[-1].evalue == "Not the expected answer. Think again."
    assert nb.cells[1].outputs[-1].evalue == "No answer was recorded for this question."


def test_which_cell_grades_which_item_comes_from_the_key_not_the_submission(tmp_path):
    """A submission relabelling its 2-point cell as the 1-point item it knows gains nothing."""
    assert scores(judged(tmp_path, {"C1": "b"}, items=("C1", "C1"))) == [1, 0]


@pytest.mark.parametrize("value", [True, {"a": 1}, [["b"]], "b" * 5000, None])
def test_only_plain_values_are_judged(tmp_path, value):
    assert scores(judged(tmp_path, {"C1": value, "C2": value})) == [0, 0]


def test_an_unreadable_or_huge_record_counts_as_no_answer(tmp_path):
    path = tmp_path / "x.answers.json"
    path.write_text("{not json", encoding="utf-8")
    assert read_record(path) == {}
    path.write_text(json.dumps({"answers": {"C1": "b"}, "pad": "x" * (2 * MAX_CELL_BYTES)}), encoding="utf-8")
    assert read_record(path) == {}


def test_output_is_capped_with_a_note_and_errors_are_kept():
    cell = new_code_cell("print(...)")
    cell.outputs = [new_output("stream", name="stdout", text="x" * (3 * MAX_CELL_BYTES)),
                    new_output("error", ename="ValueError", evalue="boom", traceback=["t"] * 1000)]
    nb, _ = CapOutput().preprocess(new_notebook(cells=[cell]), {})
    kept = nb.cells[0].outputs
    assert sum(len(json.dumps(o)) for o in kept) < MAX_CELL_BYTES + 50_000
    assert any(o.output_type == "error" and o.evalue == "boom" for o in kept)
    assert "bytes of output cut here" in kept[-1].text


# ---------------------------------------------------------------- the course's language
HINTS = {"en": "Think of the centre.", "vi": "Anh/chị nghĩ đến Trung tâm."}


def judged_in(tmp_path, language, answers, *, hint=HINTS, config_language=None):
    """Judge one notebook of a course whose ``.motcua/course.json`` says ``language`` (None: no record)."""
    (tmp_path / ".motcua" / "keys").mkdir(parents=True, exist_ok=True)
    if language is not None:
        (tmp_path / ".motcua" / "course.json").write_text(json.dumps({"language": language}), encoding="utf-8")
    key = {**KEY, "items": {**KEY["items"], "C1": {**KEY["items"]["C1"], "hint": hint}}}
    (tmp_path / ".motcua" / "keys" / "demo.json").write_text(json.dumps(key), encoding="utf-8")
    (tmp_path / "demo.answers.json").write_text(json.dumps({"answers": answers}), encoding="utf-8")
    nb = new_notebook(cells=[grade_cell("test_1", 1, "C1"), grade_cell("test_2", 2, "C2")])
    cfg = Config()
    cfg.CourseDirectory.root = str(tmp_path)
    if config_language:
        cfg.JudgeAnswers.language = config_language
    nb, _ = JudgeAnswers(config=cfg).preprocess(nb, {"nbgrader": {"assignment": "demo", "notebook": "demo"},
                                                     "metadata": {"path": str(tmp_path)}})
    return nb


def said(nb):
    return [[o.get("text") or o.get("evalue") for o in cell.outputs] for cell in nb.cells]


def test_a_vietnamese_course_is_judged_in_vietnamese(tmp_path):
    nb = judged_in(tmp_path, "vi", {"C1": "a"})
    assert scores(nb) == [0, 0]
    assert said(nb) == [["Câu trả lời đã ghi nhận: a\n", "Chưa đúng đáp án. Anh/chị nghĩ đến Trung tâm."],
                        ["Câu hỏi này chưa có câu trả lời nào được ghi nhận."]]
    nb = judged_in(tmp_path, "vi", {"C1": "b", "C2": 12.5})
    assert scores(nb) == [1, 2] and said(nb)[0] == ["Câu trả lời đã ghi nhận: b\n", "✓ Đúng\n"]


def test_an_english_course_is_judged_in_english(tmp_path):
    nb = judged_in(tmp_path, "en", {"C1": "a"})
    assert said(nb) == [["Recorded answer: a\n", "Not the expected answer. Think of the centre."],
                        ["No answer was recorded for this question."]]


def test_a_course_without_a_recorded_language_is_english_and_the_config_can_choose(tmp_path):
    assert said(judged_in(tmp_path, None, {"C1": "a"}))[0][1] == "Not the expected answer. Think of the centre."
    assert said(judged_in(tmp_path, None, {"C1": "a"}, config_language="vi"))[0][1].startswith("Chưa đúng đáp án.")


def test_a_key_frozen_before_hints_were_translated_still_judges(tmp_path):
    """Format 1 kept the English hint only: it still gives points, and a Vietnamese course reads the hint
    translated by the catalogue (as written when the catalogue has no translation)."""
    old = "Reneging happens while waiting in line."
    nb = judged_in(tmp_path, "vi", {"C1": "a", "C2": 12.5}, hint=old)
    assert scores(nb) == [0, 2]
    assert said(nb)[0][1] == "Chưa đúng đáp án. Bỏ về trước khi được gọi (reneged) xảy ra khi người dân đang chờ " \
                             "trong hàng."
    assert said(judged_in(tmp_path, "vi", {"C1": "a"}, hint="A hint nobody translated."))[0][1] == \
        "Chưa đúng đáp án. A hint nobody translated."
    assert scores(judged_in(tmp_path, "en", {"C1": "b"}, hint=old)) == [1, 0]


def test_the_cut_note_speaks_the_course_language(tmp_path):
    (tmp_path / ".motcua").mkdir()
    (tmp_path / ".motcua" / "course.json").write_text(json.dumps({"language": "vi"}), encoding="utf-8")
    cfg = Config()
    cfg.CourseDirectory.root = str(tmp_path)
    cell = new_code_cell("print(...)")
    cell.outputs = [new_output("stream", name="stdout", text="x" * (2 * MAX_CELL_BYTES))]
    nb, _ = CapOutput(config=cfg).preprocess(new_notebook(cells=[cell]), {})
    assert "byte đầu ra" in nb.cells[0].outputs[-1].text and "1.048.576" in nb.cells[0].outputs[-1].text


def test_recorded_answers_are_shown_the_way_the_course_writes_them(tmp_path):
    assert said(judged_in(tmp_path, "vi", {"C1": "a", "C2": 12.45}))[1][0] == "Câu trả lời đã ghi nhận: 12,45\n"
    assert said(judged_in(tmp_path, "en", {"C1": "a", "C2": 12.45}))[1][0] == "Recorded answer: 12.45\n"


def test_the_language_is_found_beside_the_frozen_keys_when_grading_in_a_private_copy(tmp_path):
    """A worker grades in a private course copy: the course's record sits beside the keys it is given."""
    from grading.judging import course_language

    (tmp_path / "course" / ".motcua" / "keys").mkdir(parents=True)
    (tmp_path / "course" / ".motcua" / "course.json").write_text('{"language": "vi"}', encoding="utf-8")
    cfg = Config()
    cfg.CourseDirectory.root = str(tmp_path / "private-copy")
    assert course_language(cfg) == "en"
    cfg.JudgeAnswers.key_dir = str(tmp_path / "course" / ".motcua" / "keys")
    assert course_language(cfg) == "vi"
    cfg.JudgeAnswers.language = "en"
    assert course_language(cfg) == "en"
