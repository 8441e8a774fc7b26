"""The workshop class report read from a real nbgrader gradebook (built by the fixture in conftest.py)."""
from __future__ import annotations

import pytest

from grading.class_report_view import (ClassReportView, gradebook_url, officials_table, questions_table,
                                      read_gradebook)
from simulation.i18n import use_language


def test_records_come_from_the_gradebook_with_manual_grades(gradebook):
    records, roster, maxima = read_gradebook(gradebook)
    assert maxima == {"communication": 10.0}
    assert set(roster["official"]) == {"an", "binh", "cuong", "dung"}
    assert roster.set_index("official").loc["binh", "name"] == "Trần Thị Bình"
    assert len(records) == 3 * 3                      # three submissions, three graded items each
    binh = records[records["official"] == "binh"].set_index("item")["score"]
    assert binh.to_dict() == {"q1_wait": 2.0, "q2_deadline": 1.0, "q3_reply": 1.0}   # q3 graded by hand
    assert records[records["needs_manual_grade"]]["official"].tolist() == ["cuong"]


def test_who_needs_help_and_which_questions_are_hardest(gradebook):
    records, roster, maxima = read_gradebook(gradebook)
    officials = officials_table(records, roster, "communication", maxima["communication"], help_below=0.5)
    by_id = officials.set_index("official")
    assert by_id["share"].to_dict() == {"dung": 0.0, "binh": 0.4, "cuong": 0.7, "an": 1.0}
    assert set(officials.loc[officials["needs_help"], "official"]) == {"dung", "binh"}
    assert not by_id.loc["dung", "submitted"] and by_id.loc["cuong", "not_marked"] == 1
    # cuong's written reply waits for the trainer: he is judged on his marked items (5 of 5 points)
    assert by_id.loc["cuong", "marked_share"] == 1.0
    questions = questions_table(records, "communication")
    assert questions["item"].tolist() == ["q3_reply", "q2_deadline", "q1_wait"]
    assert questions.set_index("item").loc["q2_deadline", "full_marks"] == pytest.approx(2 / 3)


def test_the_threshold_slider_changes_who_needs_help(gradebook):
    from simulation.i18n import use_language

    with use_language("vi"):
        vi = ClassReportView(gradebook)
    assert "2 người cần hỗ trợ" in vi.summary.value and "bài viết chưa chấm: 1" in vi.summary.value
    assert "Công chức cần hỗ trợ" in vi.help.value and ">có<" not in vi.help.value.split("cần hỗ trợ")[0]
    with use_language("en"):
        view = ClassReportView(gradebook)
    assert "2 need help" in view.summary.value and "cuong" not in view.help.value
    assert "written answers not marked yet: 1" in view.summary.value
    assert "40%" in view.help.value and "0.4" not in view.help.value and "True" not in view.help.value
    view.help_below.value = 0.3
    assert "1 need help" in view.summary.value and "binh" not in view.help.value
    view.help_below.value = 0.95  # an unmarked answer never makes anyone need help
    assert "2 need help" in view.summary.value and "cuong" not in view.help.value
    assert view.chart.value[:4] == b"\x89PNG"


def test_a_gradebook_is_named_by_file_folder_or_url(gradebook, tmp_path):
    assert gradebook_url(gradebook.parent) == gradebook_url(gradebook) == f"sqlite:///{gradebook.resolve()}"
    assert gradebook_url("postgresql://trainer@db/workshop") == "postgresql://trainer@db/workshop"
    with use_language("en"), pytest.raises(FileNotFoundError, match="nowhere.db: no nbgrader gradebook here"):
        gradebook_url(tmp_path / "nowhere.db")
