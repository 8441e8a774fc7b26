"""A pool worker that dies while grading one official affects only that official.

`grade_or_die` stands in for `grading.worker.grade_submission`: spawned workers
import it from this module by name and read which official kills its worker
(with SIGKILL, as the OOM killer would) from the environment.
"""
from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from grading_officials import ASSIGNMENT, NOTEBOOK, expected, officials, submission, write_roster

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures"
CRASH_OFFICIAL = "MOTCUA_TEST_CRASH_OFFICIAL"  # whose grading kills its worker
CRASH_ONCE = "MOTCUA_TEST_CRASH_ONCE"  # if set: a file created by the first crash, which stops further ones
KEEP = ["correct", "partial", "blank", "broken-json"]
VICTIM = "partial"  # has a non-zero score, so a retry that grades it is visible


def grade_or_die(job):
    """Runs in a worker: kill the worker itself when it is handed the chosen official."""
    from grading.worker import grade_submission

    if job.official == os.environ.get(CRASH_OFFICIAL):
        once = os.environ.get(CRASH_ONCE)
        if not once or not os.path.exists(once):
            if once:
                Path(once).touch()
            os.kill(os.getpid(), signal.SIGKILL)
    return grade_submission(job)


@pytest.fixture
def small_course(tmp_path):
    from grading import init_course, release_assignment

    root = tmp_path / "course"
    people = {oid: spec for oid, spec in officials(str(root)).items() if oid in KEEP}
    roster = tmp_path / "officials.csv"
    write_roster(roster, people)
    course = init_course(root, roster, course_id="kimboi", source=FIXTURES / "source", cell_timeout=4)
    release_assignment(course, ASSIGNMENT, exchange=False)
    released = course.root / "release" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    for oid, spec in people.items():
        folder = course.root / "submitted" / oid / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / f"{NOTEBOOK}.ipynb").write_text(submission(released, spec), encoding="utf-8")
    return course, people


def run(course, **kw):
    from grading import autograde
    from grading.sandbox import detect_isolation

    # what is tested is the pool, not the sandbox: the strongest isolation here (without one, the
    # officials go one at a time through the same pool logic)
    return autograde(course, ASSIGNMENT, jobs=2, cpu_seconds=30, memory_mb=1536, grade_job=grade_or_die,
                     isolation=detect_isolation(), **kw)


def check_graded(run_, people, skip=()):
    for r in run_.results:
        if r.official in skip:
            continue
        spec = people[r.official]
        assert (r.official, r.status) == (r.official, spec.get("status", "graded"))
        assert r.score == expected(spec), r.official


def test_dead_worker_marks_only_its_official(small_course, monkeypatch, capsys):
    from grading.autograder import CRASHED
    from motcua.cli.workshop import print_status_table

    course, people = small_course
    monkeypatch.setenv(CRASH_OFFICIAL, VICTIM)
    seen = []
    first = run(course, on_result=lambda result, done, total: seen.append((result.official, done, total)))
    status = {r.official: r for r in first.results}
    assert status[VICTIM].status == CRASHED
    assert status[VICTIM].score is None and "died" in status[VICTIM].message
    check_graded(first, people, skip=[VICTIM])
    # the progress bar counted every official exactly once
    assert sorted(o for o, _, _ in seen) == sorted(KEEP)
    assert [d for _, d, _ in seen] == list(range(1, len(KEEP) + 1))
    print_status_table(first)
    out = capsys.readouterr().out
    assert CRASHED in out and "died" in out
    # the next run (the worker no longer dies) grades the crashed official and resumes the others
    monkeypatch.delenv(CRASH_OFFICIAL)
    second = run(course)
    check_graded(second, people)
    assert {r.official for r in second.results if not r.resumed} == {VICTIM}


def test_worker_dying_once_is_retried(small_course, monkeypatch, tmp_path):
    course, people = small_course
    flag = tmp_path / "crashed-once"
    monkeypatch.setenv(CRASH_OFFICIAL, VICTIM)
    monkeypatch.setenv(CRASH_ONCE, str(flag))
    result = run(course)
    assert flag.exists(), "the worker grading the official did not die: the test tests nothing"
    check_graded(result, people)
    assert not any(r.resumed for r in result.results)
