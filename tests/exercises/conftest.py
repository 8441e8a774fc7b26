"""One nbgrader course per test session (see ``courseware_harness``): generate every assignment once."""
import os
import sys
from pathlib import Path

import pytest

from courseware_harness import ASSIGNMENTS, Course


@pytest.fixture(autouse=True)
def kernel_language():
    """open_sheet(lang=...) sets the process's language, as a kernel's setup cell does: undo it after each test."""
    from simulation import i18n

    before = i18n._process_language
    yield
    i18n._process_language = before


@pytest.fixture(scope="session")
def course(tmp_path_factory):
    # nbgrader runs `alembic` (and the kernel runs `python`) through PATH: use this environment's.
    bindir = str(Path(sys.executable).parent)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
    course = Course(tmp_path_factory.mktemp("course"))
    # every assignment the course defines: a notebook that was not generated fails here, it is not skipped
    course.generated = {a: course.generate(a) for a in ASSIGNMENTS}
    return course
