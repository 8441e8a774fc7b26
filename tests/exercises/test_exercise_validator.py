"""nbgrader's Validator (not `nbgrader validate`'s exit code, which is 0 even when tests fail) on a stub."""
import nbformat
import pytest

from courseware_harness import AVAILABLE, question_numbers, source_path

pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")  # nbgrader internals


@pytest.mark.slow
@pytest.mark.skipif("communication" not in AVAILABLE, reason="communication assignment not built")
def test_validator_fails_every_item_of_the_untouched_submission(course):
    # one assignment is enough to show it: executing every untouched notebook again would add a minute
    course.graded("communication")
    failures = nbgrader_validate(course.path("autograded", "communication", "untouched"))
    nb = nbformat.read(source_path("communication"), as_version=4)
    written = [c for c in nb.cells if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")]
    assert len(failures["failed"]) == len(question_numbers(nb)) + len(written)


def nbgrader_validate(path):
    from nbgrader.validator import Validator

    return Validator().validate(str(path))
