"""One nbgrader course per test session (see ``courseware_harness``): generate every assignment once."""
import os
import sys
from pathlib import Path

import pytest

from courseware_harness import ASSIGNMENTS, Course


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
