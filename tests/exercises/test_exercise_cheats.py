"""Cheats in the official's kernel score zero on the item they target (communication, question 1)."""
import pytest

from courseware_harness import AVAILABLE, CHEATS

pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")  # nbgrader internals


@pytest.mark.slow
@pytest.mark.skipif("communication" not in AVAILABLE, reason="communication assignment not built")
@pytest.mark.parametrize("student", sorted(CHEATS))
def test_cheat_scores_zero_on_its_item(course, student):
    result = course.graded("communication")
    assert result["success"], result.get("error", result.get("log"))
    scores = course.scores("communication", student)
    assert scores["test_1"] == (0, 1.0)
    # the rest of the notebook is the solution: honest items elsewhere still count (unless the cheat
    # broke the checking code itself, which then refuses to award anything)
    others = [score for g, (score, _) in scores.items() if g.startswith("test_") and g != "test_1"]
    if student == "cheat_patch_checks":
        assert sum(others) == 0
    else:
        assert all(score > 0 for score in others)


@pytest.mark.slow
@pytest.mark.skipif("communication" not in AVAILABLE, reason="communication assignment not built")
@pytest.mark.parametrize("student", sorted(CHEATS))
def test_the_answer_audit_flags_every_cheat(course, student):
    from grading.checks import audit_notebook

    course.graded("communication")
    report = audit_notebook(course.read("submitted", "communication", student))
    assert report["answer_1"], "the cheat went unnoticed"
