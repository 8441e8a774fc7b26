"""Shared fixtures: the repository root, scenario loading helpers and a tiny workshop gradebook.

Tests that need a part of the system outside Python are marked
``@pytest.mark.needs_system("bwrap")`` (or ``"chromium"``); without that part
they skip with a reason saying how to get it. With ``MOTCUA_REQUIRE_SYSTEM=1``
in the environment (set by ``.ci/run``, which installs them) the same tests
fail instead, so CI proves the sandbox and browser tests really ran.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


REQUIRE_SYSTEM = os.environ.get("MOTCUA_REQUIRE_SYSTEM", "") not in ("", "0")
CHROMIUM = Path("/usr/bin/chromium")


def _bwrap_usable() -> bool:
    from grading.sandbox import detect_isolation

    return detect_isolation() == "bwrap"


# part -> (is it usable here?, how to get it)
SYSTEM_PARTS = {
    "bwrap": (_bwrap_usable, "bubblewrap is not usable here: install it (`sudo apt-get install bubblewrap`; "
                             "unprivileged user namespaces must be allowed) to run the sandboxed grading tests"),
    "chromium": (CHROMIUM.exists,
                 "needs chromium: /usr/bin/chromium is missing; install Debian's browser (`sudo apt-get install chromium "
                 "chromium-driver`; the tests never download one) to run the browser tests"),
}


def system_missing(part: str) -> str | None:
    """Why ``part`` cannot be used here (None if it can)."""
    if part not in SYSTEM_PARTS:
        raise pytest.UsageError(f"needs_system({part!r}): known parts are {', '.join(SYSTEM_PARTS)}")
    usable, how = SYSTEM_PARTS[part]
    return None if usable() else how


def pytest_configure(config):
    config.addinivalue_line("markers", "needs_system(part): needs bwrap or chromium; skips without it, "
                                       "fails instead when MOTCUA_REQUIRE_SYSTEM=1")


def pytest_runtest_setup(item):
    for mark in item.iter_markers("needs_system"):
        why = system_missing(mark.args[0])
        if why is None:
            continue
        if REQUIRE_SYSTEM:
            pytest.fail(f"MOTCUA_REQUIRE_SYSTEM=1 but {why}", pytrace=False)
        pytest.skip(why)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def scenarios_dir() -> Path:
    return SCENARIOS


def pytest_generate_tests(metafunc):
    """A test asking for `shipped_scenario` runs once per shipped scenario file."""
    if "shipped_scenario" in metafunc.fixturenames:
        paths = sorted(SCENARIOS.glob("*.yaml"))
        metafunc.parametrize("shipped_scenario", paths, ids=[p.name for p in paths])

# A tiny gradebook built with nbgrader's API, for the class-report tests.
# official id -> (first name, last name, {item: points scored}); items and maxima below.
ITEMS = {"q1_wait": 2.0, "q2_deadline": 3.0, "q3_reply": 5.0}
OFFICIALS = {
    "an": ("Nguyễn Văn", "An", {"q1_wait": 2.0, "q2_deadline": 3.0, "q3_reply": 5.0}),
    "binh": ("Trần Thị", "Bình", {"q1_wait": 2.0, "q2_deadline": 1.0, "q3_reply": 1.0}),
    "cuong": ("Lê Văn", "Cường", {"q1_wait": 2.0, "q2_deadline": 3.0, "q3_reply": 2.0}),
    "dung": ("Phạm Thị", "Dung", None),  # did not submit
}
MANUAL = {"q3_reply"}           # a written reply to a citizen, graded by hand
AWAITING_MANUAL = {"cuong"}     # whose reply still waits for the trainer


def build_gradebook(folder: Path, assignment: str = "communication") -> Path:
    """A gradebook with one assignment, one notebook of three grade cells and four officials (one missing)."""
    from grading.class_report_view import open_gradebook

    path = folder / "gradebook.db"
    with open_gradebook(path) as gb:
        gb.add_assignment(assignment)
        gb.add_notebook("communication", assignment)
        for item, points in ITEMS.items():
            gb.add_grade_cell(item, "communication", assignment, max_score=points, cell_type="code")
        for official, (first, last, scores) in OFFICIALS.items():
            gb.add_student(official, first_name=first, last_name=last)
            if scores is None:
                continue
            with gb.db.no_autoflush:  # nbgrader builds the row, then queries: no half-built flush
                gb.add_submission(assignment, official)
            for item, points in scores.items():
                grade = gb.find_grade(item, "communication", assignment, official)
                if item in MANUAL:  # graded by the trainer in formgrader
                    grade.manual_score = points
                else:
                    grade.auto_score = points
                grade.needs_manual_grade = False
            if official in AWAITING_MANUAL:
                gb.find_grade("q3_reply", "communication", assignment, official).needs_manual_grade = True
            gb.db.commit()
    return path


@pytest.fixture(scope="session")
def gradebook(tmp_path_factory) -> Path:
    """Built once per test session (nbgrader runs alembic on every open: slow)."""
    return build_gradebook(tmp_path_factory.mktemp("workshop"))


@pytest.fixture(autouse=True)
def _language_left_as_found():
    """A test that sets the process's language (a CLI's main, a notebook setup cell) must not change the next
    test's: messages are written in the language current when they are made."""
    from simulation import i18n

    before = i18n._process_language
    yield
    i18n._process_language = before
