"""A released assignment's key never moves: release, change the calendar data, grade (issue 14)."""
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")]


def test_grades_use_the_key_frozen_at_release_not_todays_calendar(course, monkeypatch):
    from grading.course import procedures
    from grading.key import frozen

    course.graded("procedures")
    before = course.scores("procedures", "solution")
    key_path = frozen.key_file(course.root / ".motcua" / "keys", "procedures")
    saved = key_path.read_text(encoding="utf-8")
    assert '"holidays"' in saved and '"motcua"' in saved, "the key names the versions that computed it"

    class NewCalendarData:  # any change of the calendar: the grader must not even ask it
        def __getattr__(self, name):
            raise AssertionError("the frozen key was recomputed with today's calendar")

    monkeypatch.setattr(procedures, "_calendar", NewCalendarData)
    result = course.api.autograde("procedures", "solution", force=True)
    assert result["success"], result.get("log")
    assert key_path.read_text(encoding="utf-8") == saved
    assert course.scores("procedures", "solution") == before
    assert sum(score for g, (score, _) in before.items() if g.startswith("test_")) > 0


def test_without_a_frozen_key_the_grader_would_have_asked_the_calendar(course, monkeypatch):
    """The control for the test above: the key is computed from the calendar when nothing is frozen."""
    from grading.course import procedures
    from grading.key import frozen

    class NewCalendarData:
        def __getattr__(self, name):
            raise AssertionError("asked")

    monkeypatch.setattr(procedures, "_calendar", NewCalendarData)
    with pytest.raises(AssertionError, match="asked"):
        frozen.compute("procedures")
