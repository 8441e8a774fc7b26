"""A workshop in Vietnamese: `init --lang vi` is recorded, the notebooks, feedback and report speak it.

The slow test runs one real Vietnamese workshop with the repository's ``queues`` assignment and three
officials (one hands in the model answers, one a blank notebook, one nothing), from init to report through
the CLI, and reads the report and the feedback pages for English left behind.
"""
from __future__ import annotations

import json
import re
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "exercises"))

from grading_officials import cli  # noqa: E402 (tests/grading/grading_officials.py)
from untranslated import english_leftovers  # noqa: E402 (exercises/untranslated.py)

ASSIGNMENT = "queues"  # its Vietnamese translation is kept current (tests/exercises/test_translations_vi.py)
ROSTER = "name,id\nNguyễn Văn An,an\nTrần Thị Bình,binh\nLê Văn Cường,cuong\n"


class _Text(HTMLParser):
    """The prose a reader sees on a page: no style sheet, no markup, no code (an official's code is in no
    language)."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "script", "code")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script", "code")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def seen(page: Path) -> str:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture
def roster(tmp_path, monkeypatch):
    monkeypatch.delenv("MOTCUA_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # the trainer's terminal: English messages unless --lang vi
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    path = tmp_path / "officials.csv"
    path.write_text(ROSTER, encoding="utf-8")
    yield path


def test_init_is_vietnamese_by_default_and_records_it(tmp_path, roster):
    from grading.classroom import open_course

    code, out, err = cli("workshop", "init", str(tmp_path / "course"), "--roster", str(roster))
    assert code == 0, err
    course = open_course(tmp_path / "course")
    assert course.language == "vi"
    state = json.loads((tmp_path / "course" / ".motcua" / "course.json").read_text(encoding="utf-8"))
    assert state["language"] == "vi" and set(state["editions"]) == set(course.assignments())
    assert "language of the notebooks, feedback and reports: Vietnamese" in out  # the trainer's locale: English
    config = (tmp_path / "course" / "nbgrader_config.py").read_text(encoding="utf-8")
    assert "c.ClearSolutions.text_stub = 'Bấm đúp vào đây và gõ câu trả lời của anh/chị.'" in config
    for name, language in state["editions"].items():
        nb = nbformat.read(str(course.source_dir / name / f"{name}.ipynb"), as_version=4)
        assert nb.metadata.get("motcua", {}).get("language", "en") == language, name
        # an assignment left in English is named, with the reason, on stderr
        assert (f"{name}: stays in English" in err) == (language == "en"), name
    assert state["editions"][ASSIGNMENT] == "vi"
    prompt = next(c.source for c in nbformat.read(str(course.source_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"),
                                                  as_version=4).cells if c.get("id") == "prompt-1")
    assert prompt.startswith("**Câu 1** (1 điểm).") and english_leftovers(prompt) == []


def test_init_in_english_copies_the_english_source(tmp_path, roster):
    from grading.classroom import open_course

    code, out, err = cli("workshop", "init", str(tmp_path / "course"), "--roster", str(roster), "--lang", "en")
    assert code == 0 and err == "", err
    course = open_course(tmp_path / "course")
    assert course.language == "en" and set(course.editions.values()) == {"en"}
    copied = course.source_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert copied.read_bytes() == (ROOT / "exercises" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_bytes()
    assert "text_stub" not in (tmp_path / "course" / "nbgrader_config.py").read_text(encoding="utf-8")


def test_a_course_made_before_languages_reads_as_english(tmp_path, roster):
    from grading.classroom import init_course, open_course

    init_course(tmp_path / "course", roster, source=Path(__file__).parent / "fixtures" / "source", language="vi")
    (tmp_path / "course" / ".motcua" / "course.json").unlink()
    assert open_course(tmp_path / "course").language == "en"


@pytest.mark.parametrize("argv, message", [
    (["--lang", "fr"], "must be one of vi, en"),
])
def test_a_bad_language_is_refused_without_a_traceback(tmp_path, roster, argv, message):
    code, out, err = cli("workshop", "init", str(tmp_path / "course"), "--roster", str(roster), *argv)
    assert code == 2 and message in err and "Traceback" not in err
    assert not (tmp_path / "course").exists()


def test_cli_messages_follow_lang_or_the_locale(tmp_path, roster, monkeypatch):
    code, out, err = cli("workshop", "report", "--course", str(tmp_path / "nowhere"), "--lang", "vi")
    assert code == 2 and "không phải thư mục khóa học" in err
    code, out, err = cli("workshop", "report", "--course", str(tmp_path / "nowhere"))
    assert code == 2 and "not a workshop course" in err
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    code, out, err = cli("workshop", "report", "--course", str(tmp_path / "nowhere"))
    assert code == 2 and "không phải thư mục khóa học" in err


def test_feedback_page_in_vietnamese(roster):
    from grading.feedback import render_feedback
    from grading.questions import Question

    questions = [Question("test_1", "Có bao nhiêu công dân đến trung tâm?", "answer_1", False, 42),
                 Question("test_2", "Thời gian chờ trung bình là bao nhiêu phút?", "answer_2", False, 12.5),
                 Question("written_3", "Anh/chị sẽ trả lời bà Lan thế nào?", "written_3", True)]
    grades = {"test_1": (1.0, 1.0, False), "test_2": (0.0, 1.5, False), "written_3": (0.0, 2.0, True)}
    reasons = {"test_2": "The mean of the waits of the citizens who were served."}  # a hint not catalogued
    page = render_feedback("binh", "Trần Thị Bình", ASSIGNMENT, questions, grades,
                           {"answer_1": 42, "answer_2": 13.25}, reasons, show_answers=True, language="vi")
    english = render_feedback("binh", "Trần Thị Bình", ASSIGNMENT, questions, grades,
                              {"answer_1": 42, "answer_2": 13.25}, reasons, show_answers=True, language="en")
    assert f"Right answer: <b>12.5</b> — {reasons['test_2']}" in english and '<html lang="en">' in english
    assert '<html lang="vi">' in page and '<meta charset="utf-8">' in page
    path = Path(roster.parent / "page.html")
    path.write_text(page, encoding="utf-8")
    text = seen(path)
    assert english_leftovers(text) == [], text
    assert "Kính gửi anh/chị Trần Thị Bình," in text and "Chưa chấm" in text and "Chưa đúng" in text
    assert "13,25" in text and "Đáp án đúng: 12,5" in text and "0 trên 1,5 điểm" in text
    assert "Điểm của anh/chị: 1 trên 4,5 điểm." in text


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
def test_a_vietnamese_workshop_from_init_to_report(tmp_path, roster):
    from grading.sandbox import detect_isolation
    from grading.classroom import open_course

    isolation = "bwrap" if detect_isolation() == "bwrap" else "none"
    course_dir = tmp_path / "course"
    code, out, err = cli("workshop", "init", str(course_dir), "--roster", str(roster), "--course-id", "kimboi",
                         "--cell-timeout", "60")
    assert code == 0, err
    course = open_course(course_dir)
    assert course.editions[ASSIGNMENT] == "vi"
    code, out, err = cli("workshop", "release", ASSIGNMENT, "--offline", "--course", str(course_dir))
    assert code == 0, err
    released = course_dir / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    source = course.source_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    returned = tmp_path / "returned"
    returned.mkdir()
    # an hands in the model answers, binh the blank notebook as released, cuong nothing
    for official, notebook in (("an", source), ("binh", released)):
        with zipfile.ZipFile(returned / f"{official}.zip", "w") as zf:
            zf.writestr(f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb", notebook.read_text(encoding="utf-8"))
    code, out, err = cli("workshop", "collect", ASSIGNMENT, "--course", str(course_dir), "--from-zip",
                         *sorted(str(p) for p in returned.glob("*.zip")), "--lang", "vi")
    assert code == 0, err
    assert "Đã thu 2 bài nộp của queues từ 2 tệp zip" in out and "chưa nộp: cuong" in out
    code, out, err = cli("workshop", "autograde", ASSIGNMENT, "--course", str(course_dir), "--jobs", "1",
                         "--isolation", isolation)
    assert code == 0, out + err
    code, out, err = cli("workshop", "feedback", ASSIGNMENT, "--answers", "--course", str(course_dir))
    assert code == 0, err
    code, out, err = cli("workshop", "report", "--course", str(course_dir), "--lang", "vi")
    assert code == 0, err
    assert "Tổng quan:" in out and "Bảng điểm CSV:" in out

    reports = course_dir / "reports"
    for page in (reports / "index.html", reports / f"{ASSIGNMENT}.html"):
        raw = page.read_text(encoding="utf-8")
        assert raw.startswith("<!DOCTYPE html>") and '<html lang="vi">' in raw and '<meta charset="utf-8">' in raw
        text = seen(page)
        assert english_leftovers(text) == [], (page.name, english_leftovers(text))
        assert "Nguyễn Văn An" in text and "Lê Văn Cường" in text
    overview = seen(reports / "index.html")
    assert "Tổng quan lớp tập huấn" in overview and "chưa nộp" in overview
    assert re.search(r"Trần Thị Bình 0%", overview), overview  # the blank notebook
    detail = seen(reports / f"{ASSIGNMENT}.html")
    assert "Báo cáo kết quả lớp: queues" in detail and "Công chức cần hỗ trợ" in detail
    assert "Câu trả lời viết cần chấm trong formgrader" in detail
    csv = (reports / "grades.csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf") and "Trần Thị Bình".encode() in csv  # BOM: a spreadsheet reads UTF-8

    feedback = {o: course_dir / "feedback" / o / ASSIGNMENT / f"{ASSIGNMENT}.html" for o in ("an", "binh")}
    for official, page in feedback.items():
        raw = page.read_text(encoding="utf-8")
        assert '<html lang="vi">' in raw and '<meta charset="utf-8">' in raw
        text = seen(page)
        assert english_leftovers(text) == [], (official, english_leftovers(text))
        assert "Kính gửi anh/chị" in text and "Câu 1" in text
    an, binh = seen(feedback["an"]), seen(feedback["binh"])
    assert "Chưa đúng" not in an and "Đúng" in an and "Chưa chấm" in an  # her written answer awaits the trainer
    assert "Trần Thị Bình" in binh and "Chưa trả lời" in binh and "Đáp án đúng" in binh
    # what the judge wrote into the graded notebooks (formgrader, nbgrader's feedback) speaks Vietnamese too
    said = {}
    for official in ("an", "binh"):
        graded = nbformat.read(course_dir / "autograded" / official / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
        said[official] = [out.get("evalue") or out.get("text") for cell in graded.cells
                          if cell.get("metadata", {}).get("motcua", {}).get("item")
                          for out in cell.get("outputs", [])]
    assert said["binh"] and set(said["binh"]) == {"Câu hỏi này chưa có câu trả lời nào được ghi nhận."}
    assert "✓ Đúng\n" in said["an"] and all(english_leftovers(s) == [] for s in said["an"]), said["an"]
