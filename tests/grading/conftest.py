"""One full workshop, run once per test session and isolation level with real nbgrader.

init -> release --offline -> officials answer -> collect --from-zip ->
autograde interrupted after a few officials -> autograde resumed (CLI) ->
serial plain ``nbgrader autograde`` on a copy -> a manual grade set as
formgrader would -> re-grade -> feedback -> report.

It runs once inside bubblewrap (skipped where bubblewrap is not usable, see
tests/conftest.py) and once with ``--isolation none``, honest and hostile
officials in the same run.
"""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from grading_officials import (ASSIGNMENT, INTERRUPT_AFTER, NOTEBOOK, SERIAL_SAFE, cli, officials,  # noqa: F401
                               submission, write_roster)

FIXTURES = Path(__file__).parent / "fixtures"
CELL_TIMEOUT = 4
CPU_SECONDS = 30
MEMORY_MB = 1536
DUE = "2020-01-06T17:00:00"  # long past: every returned zip is recorded as late


def scores(db: Path, assignment: str = ASSIGNMENT) -> dict[str, float]:
    with sqlite3.connect(db) as con:
        rows = con.execute(
            "SELECT st.id, SUM(COALESCE(g.manual_score, g.auto_score, 0)) FROM grade g "
            "JOIN submitted_notebook sn ON g.notebook_id = sn.id "
            "JOIN submitted_assignment sa ON sn.assignment_id = sa.id "
            "JOIN assignment a ON sa.assignment_id = a.id "
            "JOIN student st ON sa.student_id = st.id WHERE a.name = ? GROUP BY st.id",
            (assignment,)).fetchall()
    return {sid: float(total) for sid, total in rows}


def serial_copy(course_root: Path, dest: Path, keep: list[str]) -> Path:
    """A copy of the course for plain nbgrader, with only ``keep`` officials' submissions."""
    shutil.copytree(course_root, dest, ignore=shutil.ignore_patterns(".motcua", "exchange"))
    for folder in (dest / "submitted").iterdir():
        if folder.name not in keep:
            shutil.rmtree(folder)
    cfg = dest / "nbgrader_config.py"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(str(course_root), str(dest)), encoding="utf-8")
    return dest


ISOLATIONS = [pytest.param("bwrap", marks=pytest.mark.needs_system("bwrap")), "none"]


@pytest.fixture(scope="session", params=ISOLATIONS)
def workshop(tmp_path_factory, request):
    isolation = request.param
    from grading import autograde, open_course

    import time

    clock = [time.perf_counter()]

    def lap(what):
        now = time.perf_counter()
        print(f"[workshop] {what}: {now - clock[0]:.1f} s")
        clock[0] = now

    import tempfile

    before = set(Path(tempfile.gettempdir()).glob("mc-*"))
    base = tmp_path_factory.mktemp("workshop")
    root = base / "course"
    people = officials(str(root))
    roster = base / "officials.csv"
    write_roster(roster, people)
    code, out, err = cli("workshop", "init", str(root), "--roster", str(roster), "--course-id", "kimboi",
                         "--source", str(FIXTURES / "source"), "--cell-timeout", str(CELL_TIMEOUT), "--lang", "en")
    assert code == 0, err
    code, out, err = cli("workshop", "release", ASSIGNMENT, "--offline", "--course", str(root),
                         "--due", DUE)
    assert code == 0, err
    course = open_course(root)
    returned = base / "returned"
    returned.mkdir()
    for oid, spec in people.items():
        if spec.get("missing"):
            continue
        given = root / "offline" / ASSIGNMENT / f"{oid}.zip"
        with zipfile.ZipFile(given) as zf:
            released = base / "unpacked" / oid
            zf.extractall(released)
        text = submission(released / ASSIGNMENT / f"{NOTEBOOK}.ipynb", spec)
        with zipfile.ZipFile(returned / f"{oid}.zip", "w") as zf:
            zf.writestr(f"{ASSIGNMENT}/{NOTEBOOK}.ipynb", text)
    code, out, err = cli("workshop", "collect", ASSIGNMENT, "--course", str(root), "--from-zip",
                         *sorted(str(p) for p in returned.glob("*.zip")))
    assert code == 0, err
    serial_root = serial_copy(root, base / "serial", SERIAL_SAFE)
    lap("init, release, collect")

    # 1) a run interrupted after a few officials (as Ctrl-C would)
    seen = []

    def interrupt(result, done, total):
        if not result.resumed and result.status != "missing":
            seen.append(result.official)
        if len(seen) >= INTERRUPT_AFTER:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        autograde(course, ASSIGNMENT, jobs=2, cpu_seconds=CPU_SECONDS, memory_mb=MEMORY_MB,
                  on_result=interrupt, isolation=isolation)
    after_interrupt = scores(root / "gradebook.db")
    lap("interrupted autograde")
    # 2) the same command again finishes the rest (through the CLI)
    code, resume_out, err = cli("workshop", "autograde", ASSIGNMENT, "--jobs", "2", "--course", str(root),
                                "--cpu-seconds", str(CPU_SECONDS), "--memory-mb", str(MEMORY_MB),
                                "--isolation", isolation)
    resume_err = err
    assert code == (0 if isolation == "bwrap" else 1), err + resume_out  # 1: a submission tampered
    first = autograde(course, ASSIGNMENT, jobs=2, isolation=isolation)  # nothing left: everyone resumes
    parallel_scores = scores(root / "gradebook.db")
    lap("resumed autograde")

    # 3) plain serial nbgrader on the same submissions
    nbgrader = Path(sys.executable).with_name("nbgrader")
    proc = subprocess.run([str(nbgrader), "autograde", ASSIGNMENT, "--force"], cwd=serial_root,
                          capture_output=True, text=True, timeout=600)
    serial_scores = scores(serial_root / "gradebook.db")
    lap("serial nbgrader")

    # 4) a trainer grades the written answer in formgrader, then autograde runs again
    from nbgrader.api import Gradebook

    with Gradebook(course.db_url, course.course_id) as gb:
        grade = gb.find_grade("explain", NOTEBOOK, ASSIGNMENT, "correct")
        grade.manual_score = 2.0
        grade.needs_manual_grade = False
        gb.db.commit()
    before_regrade = scores(root / "gradebook.db")
    regrade = autograde(course, ASSIGNMENT, jobs=2, force=True, officials=["correct"],
                        cpu_seconds=CPU_SECONDS, memory_mb=MEMORY_MB, isolation=isolation)
    after_regrade = scores(root / "gradebook.db")
    lap("manual grade + re-grade")

    code, fb_out, err = cli("workshop", "feedback", ASSIGNMENT, "--course", str(root))
    assert code == 0, err
    code, rep_out, err = cli("workshop", "report", ASSIGNMENT, "--course", str(root))
    assert code == 0, err
    lap("feedback + report")
    leftovers = sorted(set(Path(tempfile.gettempdir()).glob("mc-*")) - before)
    return SimpleNamespace(
        isolation=isolation, resume_err=resume_err, root=root, course=course, people=people, seen=seen, after_interrupt=after_interrupt,
        resume_out=resume_out, first=first, parallel_scores=parallel_scores,
        serial_scores=serial_scores, serial_log=proc.stdout + proc.stderr,
        before_regrade=before_regrade, regrade=regrade, after_regrade=after_regrade,
        feedback_out=fb_out, report_out=rep_out, leftovers=leftovers)
