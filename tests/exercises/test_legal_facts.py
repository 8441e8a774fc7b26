"""The course grades today's law and says where each fact comes from (issue 14).

The table of graded legal facts in exercises/README.md is generated from the catalogue and must be current;
every fact a graded item rests on is law with a complete source; each correction of issue 14 is pinned.
"""
import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "exercises"))

import legal_table  # noqa: E402
from make_notebooks import ASSIGNMENTS, load_spec  # noqa: E402

from grading.checks import expected_value  # noqa: E402


def test_the_readme_table_is_generated_from_the_catalogue():
    assert legal_table.main(["--check"]) == 0, "run: python exercises/legal_table.py"


def test_every_graded_legal_fact_is_law_with_a_source():
    rows = legal_table.graded_facts()
    assert len(rows) >= 40
    assert legal_table.problems(rows) == []


def test_a_graded_fact_without_a_source_is_flagged(monkeypatch):
    import grading.course.procedures as procedures

    monkeypatch.setitem(procedures.LEGAL_FACTS, "P12", (("calendar", "2025-03-12"),))  # an ordinary day
    monkeypatch.setitem(procedures.LEGAL_FACTS, "P13", (("procedure", "funeral_allowance", "legal_time"),))
    found = legal_table.problems()
    assert any("P12" in line and "no source" in line for line in found), found
    assert any("P13" in line and "planning assumption" in line for line in found), found


@pytest.mark.parametrize("module_name", sorted(legal_table.MODULES.values()))
def test_every_item_says_what_it_grades(module_name):
    import importlib

    module = importlib.import_module(module_name)
    items = {item.item_id for item in module.ITEMS}
    assert set(module.LEGAL_FACTS) | set(module.NOT_LEGAL) == items
    assert not set(module.LEGAL_FACTS) & set(module.NOT_LEGAL)


def test_planning_assumptions_are_not_graded_as_law():
    graded = {(ref[1], ref[2]) for refs in __import__("grading.course.procedures", fromlist=["x"]).LEGAL_FACTS.values()
              for ref in refs if ref[0] == "procedure"}
    for pid in ("funeral_allowance", "monthly_social_allowance", "business_household_registration"):
        assert (pid, "legal_time") not in graded


def test_the_readme_counts_match_the_notebooks():
    text = (REPO / "exercises" / "README.md").read_text(encoding="utf-8")
    words = {5: "Five", 6: "Six", 7: "Seven"}
    assert f"{words[len(ASSIGNMENTS)]} nbgrader assignments" in text
    for assignment in ASSIGNMENTS:
        nb = load_spec(assignment)
        cells = json.loads(nb.to_json())["cells"]
        autograded = sum(1 for c in cells if c["cell_type"] == "code" and c["metadata"].get("nbgrader", {}).get("grade"))
        row = next(line for line in text.splitlines() if line.startswith(f"| `{assignment}` |"))
        assert f"| {autograded} ({nb.auto_points:g}) |" in row, (assignment, row)
        assert f"({nb.manual_points:g})" in row.split("|")[4], (assignment, row)


# ---------------------------------------------------------------- the corrections, one by one

def test_marriage_key_counts_no_marital_status_confirmation():
    import grading.course.procedures  # noqa: F401  (registers the items)

    assert expected_value("P4") == 2


def test_p6_dossiers_are_incomplete_only_when_an_always_needed_paper_is_missing():
    from grading.course.procedures import _catalogue, _samples

    for dossier, pid, brought, missing in _samples():
        required = _catalogue()[pid].documents
        assert (missing is not None) == (not set(required) <= set(brought)), dossier
        if missing is not None:  # HS-06 used to lack only a "where applicable" paper
            assert "where applicable" not in required[missing - 1].lower(), dossier


def test_p10_counts_the_make_up_saturday():
    import grading.course.procedures  # noqa: F401

    assert expected_value("P10") == dt.date(2025, 5, 12)


def test_p11_grades_a_legal_time_not_a_planning_assumption():
    from grading.course.procedures import CASES, _catalogue

    assert _catalogue()[CASES["P11"][0]].source("legal_time").is_law


def test_the_15_00_rubric_says_after_not_at_or_after():
    text = load_spec("procedures").to_json()
    assert "at or after 15" not in text
    assert "received after 15:00" in text


def test_the_online_model_answer_does_not_speak_of_one_overdue_dossier():
    text = load_spec("online-services").to_json()
    assert "the one already overdue" not in text


def test_paperwork_is_an_assignment_with_a_written_answer():
    assert "paperwork" in ASSIGNMENTS
    nb = load_spec("paperwork")
    assert nb.manual_points > 0 and nb.auto_points >= 10
    assert re.search(r"Phiếu xin lỗi và hẹn lại ngày trả kết quả", nb.to_json())
