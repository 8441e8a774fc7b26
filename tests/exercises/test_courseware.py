"""Every assignment through real nbgrader: generate, freeze the key, autograde, validate.

Parametrised over every assignment the course defines, so a notebook that was
not generated fails here instead of being skipped.
"""
import json
import re

import nbformat
import pytest

from courseware_harness import (ASSIGNMENTS, cells_by_id, code_questions, items_of, points_of_tests,
                                question_numbers, right_questions, solution_lines, source_path)

pytestmark = [pytest.mark.parametrize("assignment", ASSIGNMENTS),
              pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")]  # nbgrader's gradebook internals
slow = pytest.mark.slow  # drives real nbgrader: generate, then one autograde run per assignment

POINTS_RE = re.compile(r"worth \*\*([\d.]+) points\*\*: ([\d.]+) checked automatically and ([\d.]+) marked")


def source_nb(assignment):
    path = source_path(assignment)
    assert path.is_file(), f"{path} is missing: run python exercises/make_notebooks.py {assignment}"
    return nbformat.read(path, as_version=4)


def test_source_is_a_conventional_nbgrader_notebook_with_widgets(assignment):
    nb = source_nb(assignment)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]
    assert len(ids) == len(set(ids)), "grade_ids must be unique"
    first = nb.cells[0]
    assert first.cell_type == "code" and first.metadata.nbgrader["locked"] is True
    assert first.metadata.jupyter["source_hidden"] is True, "officials see no Python in the setup"
    assert f"open_sheet({assignment!r})" in first.source
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "source notebooks carry no outputs"
    numbers = question_numbers(nb)
    assert len(numbers) >= 10, "at least ten autograded items"
    by_id = cells_by_id(nb)
    for n in numbers:
        test = by_id[f"test_{n}"]
        assert test.metadata.nbgrader["grade"] and test.metadata.nbgrader["locked"]
        assert test.metadata.jupyter["source_hidden"] is True
        assert re.fullmatch(rf"(ask|record)\({n}, '{test.metadata.motcua['item']}', .*\)", test.source)
        if n in code_questions(nb):
            assert re.match(rf"(#.*\n)*answer_{n} = \S.*\n### BEGIN SOLUTION\n", by_id[f"answer_{n}"].source)
    status = by_id["answers"]
    assert status.source == "hand_in()" and status.metadata.nbgrader["points"] == 0
    written = [c for c in nb.cells if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")]
    assert written, "at least one manually graded written answer"
    for cell in written:
        following = nb.cells[nb.cells.index(cell) + 1]
        assert following.cell_type == "markdown" and "rubric" in following.source.lower()


def test_every_question_has_a_key_and_no_key_is_in_the_notebook(assignment):
    from grading.key import keys_of

    nb = source_nb(assignment)
    keys = keys_of(assignment)
    assert sorted(items_of(nb).values()) == sorted(keys)
    text = json.dumps(nb)
    assert "verify(" not in text and "HIDDEN TESTS" not in text and "expected" not in text


def test_points_add_up_to_the_introduction(assignment):
    nb = source_nb(assignment)
    intro = next(c.source for c in nb.cells if POINTS_RE.search(c.source))
    total, auto, manual = (float(x) for x in POINTS_RE.search(intro).groups())
    grade_cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    auto_cells = [c for c in grade_cells if c.cell_type == "code"]
    assert sum(float(c.metadata.nbgrader["points"]) for c in grade_cells) == total
    assert sum(float(c.metadata.nbgrader["points"]) for c in auto_cells) == auto
    assert total == auto + manual


def test_readme_counts_match_the_notebook(assignment):
    nb = source_nb(assignment)
    points = points_of_tests(nb)
    manual = sum(float(c.metadata.nbgrader["points"]) for c in nb.cells
                 if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade"))
    readme = (source_path(assignment).parents[2] / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith(f"| `{assignment}` |"))
    columns = [c.strip() for c in row.split("|")]
    assert columns[3] == f"{len(points)} ({sum(points.values()):g})", "exercises/README.md: autograded items"
    assert re.search(rf"\({manual:g}\)(;|$)", columns[4]), "exercises/README.md: written answer points"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_committed_notebook_matches_its_spec(assignment, lang):
    from make_notebooks import edition

    path = source_path(assignment, lang=lang)
    assert path.is_file(), f"{path} is missing: run python exercises/make_notebooks.py {assignment}"
    assert edition(assignment, lang) == path.read_text(encoding="utf-8"), (
        f"run: python exercises/make_notebooks.py {assignment} --lang {lang}")


@slow
def test_generate_hides_solutions_and_the_release_holds_no_key(course, assignment):
    result = course.generated[assignment]
    assert result["success"], result.get("error", result.get("log"))
    released = course.read("release", assignment)
    text = "\n".join(c.source for c in released.cells)
    assert "BEGIN SOLUTION" not in text and "NotImplementedError" not in text
    for cell in source_nb(assignment).cells:
        for line in solution_lines(cell.source):
            if not line.startswith("#"):
                assert line not in text, f"solution text leaked: {line!r}"
    folder = course.path("release", assignment).parent
    assert sorted(p.name for p in folder.iterdir()) == [f"{assignment}.ipynb"]


@slow
def test_placeholders_never_equal_a_right_answer(course, assignment):
    from grading.course.answers import WrongAnswer, matches
    from grading.course.forms import PLACEHOLDERS

    nb = course.read("release", assignment)
    for n, item in items_of(nb).items():
        entry = course.entry(assignment, item)
        shown = re.findall(r"placeholder='([^']*)'", cells_by_id(nb)[f"test_{n}"].source)
        for text in shown + [PLACEHOLDERS[entry["kind"]]]:
            for candidate in [text] + re.findall(r"[\w/.,-]+(?: [\w/.-]+)*", text):
                try:
                    right = matches(entry, candidate)
                except (WrongAnswer, ValueError, TypeError):
                    right = False
                assert not right, f"{item}: the placeholder {text!r} is a right answer"


@slow
def test_solution_gets_full_marks(course, assignment):
    result = course.graded(assignment)
    assert result["success"], result.get("error", result.get("log"))
    scores = course.scores(assignment, "solution")
    auto = {g: s for g, s in scores.items() if g.startswith("test_")}
    assert len(auto) >= 10
    assert {g: s[0] for g, s in auto.items()} == {g: s[1] for g, s in auto.items()}


@slow
def test_released_notebook_scores_zero_and_says_no_answer(course, assignment):
    course.graded(assignment)
    scores = course.scores(assignment, "untouched")
    assert all(score == 0 for g, (score, _) in scores.items() if g.startswith(("test_", "written_"))), scores
    graded = course.read("autograded", assignment, "untouched")
    for cell in graded.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                assert grade_id.startswith("test_"), f"error outside a test cell ({grade_id}): {out.ename}"
                assert out.evalue == "No answer was recorded for this question."
            assert not (out.output_type == "stream" and out.name == "stderr"), f"{grade_id}: {out.text}"


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
def test_listed_wrong_answers_score_zero(course, assignment):
    course.graded(assignment)
    scores = course.scores(assignment, "wrong")
    assert {g: s for g, (s, _) in scores.items() if g.startswith("test_") and s} == {}
