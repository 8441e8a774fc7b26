"""Every assignment through real nbgrader: generate, autograde solution / untouched / partial, validate."""
import re

import nbformat
import pytest

from courseware_harness import (AVAILABLE, cells_by_id, question_numbers, right_questions, solution_lines, source_path,
                      points_of_tests)

pytestmark = [pytest.mark.parametrize("assignment", AVAILABLE),
              pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")]  # nbgrader's gradebook internals
slow = pytest.mark.slow  # drives real nbgrader: generate, then one autograde run per assignment

POINTS_RE = re.compile(r"worth \*\*([\d.]+) points\*\*: ([\d.]+) checked automatically and ([\d.]+) marked")


def source_nb(assignment):
    return nbformat.read(source_path(assignment), as_version=4)


def test_source_is_a_conventional_nbgrader_notebook(assignment):
    nb = source_nb(assignment)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]
    assert len(ids) == len(set(ids)), "grade_ids must be unique"
    first = nb.cells[0]
    assert first.cell_type == "code" and first.metadata.nbgrader["locked"] is True
    assert "from grading.checks import" in first.source
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "source notebooks carry no outputs"
    numbers = question_numbers(nb)
    assert len(numbers) >= 10, "at least ten autograded items"
    by_id = cells_by_id(nb)
    for n in numbers:
        answer, test = by_id[f"answer_{n}"], by_id[f"test_{n}"]
        assert answer.metadata.nbgrader["solution"] and not answer.metadata.nbgrader["grade"]
        assert re.match(rf"(#.*\n)*answer_{n} = \S.*\n### BEGIN SOLUTION\n", answer.source), answer.source
        assert test.metadata.nbgrader["grade"] and test.metadata.nbgrader["locked"]
        assert 'check("' in test.source and "### BEGIN HIDDEN TESTS" in test.source
        assert "verify(" in test.source.split("### BEGIN HIDDEN TESTS")[1]
    written = [c for c in nb.cells if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")]
    assert written, "at least one manually graded written answer"
    for cell in written:
        following = nb.cells[nb.cells.index(cell) + 1]
        assert following.cell_type == "markdown" and "rubric" in following.source.lower()


def test_points_add_up_to_the_introduction(assignment):
    nb = source_nb(assignment)
    intro = next(c.source for c in nb.cells if POINTS_RE.search(c.source))
    total, auto, manual = (float(x) for x in POINTS_RE.search(intro).groups())
    grade_cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    auto_cells = [c for c in grade_cells if c.cell_type == "code"]
    assert sum(float(c.metadata.nbgrader["points"]) for c in grade_cells) == total
    assert sum(float(c.metadata.nbgrader["points"]) for c in auto_cells) == auto
    assert total == auto + manual


def test_committed_notebook_matches_its_spec(assignment):
    from make_notebooks import load_spec

    assert load_spec(assignment).to_json() == source_path(assignment).read_text(encoding="utf-8"), (
        f"run: python exercises/make_notebooks.py {assignment}")


@slow
def test_generate_hides_solutions_and_hidden_tests(course, assignment):
    result = course.generated[assignment]
    assert result["success"], result.get("error", result.get("log"))
    released = course.read("release", assignment)
    text = "\n".join(c.source for c in released.cells)
    assert "BEGIN HIDDEN TESTS" not in text and "verify(" not in text
    assert "BEGIN SOLUTION" not in text and "NotImplementedError" not in text
    for cell in source_nb(assignment).cells:
        for line in solution_lines(cell.source):
            if not line.startswith("#"):
                assert line not in text, f"solution text leaked: {line!r}"


@slow
def test_released_answer_cells_pass_the_answer_audit(course, assignment):
    from grading.checks import audit_notebook

    report = audit_notebook(course.read("release", assignment))
    assert len(report) == len(question_numbers(source_nb(assignment)))
    assert {gid: problems for gid, problems in report.items() if problems} == {}


@slow
def test_solution_gets_full_marks(course, assignment):
    result = course.graded(assignment)
    assert result["success"], result.get("error", result.get("log"))
    scores = course.scores(assignment, "solution")
    auto = {g: s for g, s in scores.items() if g.startswith("test_")}
    assert len(auto) >= 10
    assert {g: s[0] for g, s in auto.items()} == {g: s[1] for g, s in auto.items()}


@slow
def test_released_notebook_scores_zero_without_other_errors(course, assignment):
    course.graded(assignment)
    scores = course.scores(assignment, "untouched")
    assert all(score == 0 for g, (score, _) in scores.items() if g.startswith(("test_", "written_"))), scores
    graded = course.read("autograded", assignment, "untouched")
    for cell in graded.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                assert grade_id.startswith("test_"), f"error outside a test cell ({grade_id}): {out.ename}"
                assert out.ename == "AssertionError", f"{grade_id}: {out.ename}: {out.evalue}"
            assert not (out.output_type == "stream" and out.name == "stderr"), f"{grade_id}: {out.text}"
            if grade_id.startswith("test_") and out.output_type == "stream":
                assert "Traceback" not in out.text


@slow
def test_partial_submission_gets_the_expected_score(course, assignment):
    course.graded(assignment)
    points = points_of_tests(source_nb(assignment))
    right = right_questions(source_nb(assignment))
    scores = course.scores(assignment, "partial")
    got = sum(score for g, (score, _) in scores.items() if g.startswith("test_"))
    assert 0 < len(right) < len(points)
    assert got == sum(points[n] for n in right)
    for n in points:
        assert scores[f"test_{n}"][0] == (points[n] if n in right else 0), n


@slow
def test_validator_passes_the_solution(assignment):
    from nbgrader.validator import Validator

    assert Validator().validate(str(source_path(assignment))) == {}
