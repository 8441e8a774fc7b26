"""`motcua workshop ...`: thin CLI, exit code 2 with a clear message on bad input, lab config."""
from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys

import pytest

@pytest.fixture(scope="module")
def source(root):
    """The small course the grading tests use."""
    return root / "tests" / "grading" / "fixtures" / "source"


def cli(*argv):
    from motcua.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def roster(tmp_path):
    path = tmp_path / "officials.csv"
    path.write_text("name,id\nBùi Thị Luyến,\nĐặng Văn An,an\n", encoding="utf-8")
    return path


def test_front_door_is_lazy_and_listed():
    code = ("import sys, grading; assert 'nbgrader' not in sys.modules, 'eager import';"
            "print(sorted(grading.__all__))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    import grading

    for name in grading.__all__:
        assert getattr(grading, name) is not None, name


def test_init_bad_roster_line_exits_2_without_traceback(tmp_path, source):
    bad = tmp_path / "officials.csv"
    bad.write_text("name\nBùi Thị Luyến\nBùi Thị Luyến\n", encoding="utf-8")
    code, out, err = cli("workshop", "init", str(tmp_path / "c"), "--roster", str(bad),
                         "--source", str(source))
    assert code == 2
    assert f"{bad}:3: duplicate id 'bui-thi-luyen'" in err
    assert "Traceback" not in err


def test_commands_outside_a_course_exit_2(tmp_path):
    for argv in (["release", "queue-basics"], ["collect", "queue-basics"], ["autograde", "x"],
                 ["feedback", "x"], ["report"], ["lab", "--dry-run"]):
        code, out, err = cli("workshop", *argv, "--course", str(tmp_path))
        assert code == 2, argv
        assert "not a workshop course" in err and str(tmp_path) in err


def test_init_then_lab_config_enables_formgrader(tmp_path, roster, source):
    course_dir = tmp_path / "course"
    code, out, err = cli("workshop", "init", str(course_dir), "--roster", str(roster),
                         "--course-id", "kimboi", "--source", str(source))
    assert code == 0, err
    assert "2 officials" in out and "queue-basics" in out
    server = json.loads((course_dir / ".jupyter" / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is True
    page = json.loads((course_dir / ".jupyter" / "labconfig" / "page_config.json").read_text())
    assert "@jupyter/nbgrader:formgrader" not in page["disabledExtensions"]
    code, out, err = cli("workshop", "lab", "--dry-run", "--course", str(course_dir))
    assert code == 0 and "jupyterlab" in out and str(course_dir) in out
    # unknown assignment and bad --jobs are input errors too
    code, out, err = cli("workshop", "release", "nope", "--course", str(course_dir))
    assert code == 2 and "no assignment 'nope'" in err and "queue-basics" in err
    code, out, err = cli("workshop", "autograde", "queue-basics", "--jobs", "0", "--course", str(course_dir))
    assert code == 2 and "--jobs 0" in err
    code, out, err = cli("workshop", "collect", "queue-basics", "--from-zip", str(roster),
                         "--course", str(course_dir))
    assert code == 2 and "not a .zip file" in err


def test_students_are_in_the_gradebook_with_vietnamese_names(tmp_path, roster, source):
    from grading import init_course

    course = init_course(tmp_path / "c", roster, source=source)
    with course.gradebook() as gb:
        student = gb.find_student("bui-thi-luyen")
        assert (student.last_name, student.first_name) == ("Bùi", "Thị Luyến")
        assert {s.id for s in gb.students} == {"bui-thi-luyen", "an"}


def test_release_and_collect_through_the_exchange(tmp_path, roster, source):
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeSubmit
    from traitlets.config import Config

    from grading import collect_assignment, init_course, release_assignment

    course = init_course(tmp_path / "course", roster, course_id="kimboi", source=source)
    release_assignment(course, "queue-basics")
    laptop = tmp_path / "an-laptop"
    laptop.mkdir()
    cfg = Config()
    cfg.Exchange.root = str(course.root / "exchange")
    cfg.Exchange.path_includes_course = True
    cfg.Exchange.assignment_dir = str(laptop)
    cfg.Exchange.cache = str(tmp_path / "cache")
    cfg.CourseDirectory.course_id = "kimboi"
    cfg.CourseDirectory.assignment_id = "queue-basics"
    cfg.CourseDirectory.student_id = "an"
    ExchangeFetchAssignment(coursedir=CourseDirectory(config=cfg), authenticator=Authenticator(config=cfg),
                            config=cfg).start()
    fetched = laptop / "kimboi" / "queue-basics" / "queue-basics.ipynb"
    assert fetched.is_file()
    ExchangeSubmit(coursedir=CourseDirectory(config=cfg), authenticator=Authenticator(config=cfg),
                   config=cfg).start()
    col = collect_assignment(course, "queue-basics")
    assert col.collected == ["an"] and col.missing == ["bui-thi-luyen"]
    folder = course.root / "submitted" / "an" / "queue-basics"
    assert (folder / "queue-basics.ipynb").read_bytes() == fetched.read_bytes()
    assert (folder / "timestamp.txt").read_text().startswith("20")


def test_autograde_fallback_isolation_is_announced(tmp_path, roster, source):
    from grading import init_course, release_assignment

    course = init_course(tmp_path / "course", roster, source=source, cell_timeout=10)
    release_assignment(course, "queue-basics", exchange=False)
    folder = course.root / "submitted" / "an" / "queue-basics"
    folder.mkdir(parents=True)
    (folder / "queue-basics.ipynb").write_bytes(
        (course.root / "release" / "queue-basics" / "queue-basics.ipynb").read_bytes())
    code, out, err = cli("workshop", "autograde", "queue-basics", "--jobs", "1", "--isolation", "none",
                         "--course", str(course.root))
    assert code == 0, err
    assert "UNPROTECTED" in out and "WARNING" in err and "unprotected" in out
    assert "an" in out and "0 / 7" in out and "missing" in out  # bui-thi-luyen handed nothing in


@pytest.mark.parametrize("status, code", [("graded", 0), ("error", 1), ("worker crashed", 1)])
def test_autograde_exit_code_fails_when_an_official_was_not_graded(monkeypatch, capsys, status, code):
    import types

    import grading.autograder as autograder
    import motcua.cli.workshop as cli

    results = [autograder.OfficialResult("cb-01", "graded", 3.0, 3.0),
               autograder.OfficialResult("cb-02", status, None if status != "graded" else 2.0, 3.0)]
    fake = autograder.AutogradeRun("queue-basics", "bwrap", "limits only", 2, results, None)
    monkeypatch.setattr(cli, "_course", lambda args: None)
    monkeypatch.setattr(autograder, "autograde", lambda *a, **k: fake)
    monkeypatch.setattr(autograder, "choose_isolation", lambda asked: "bwrap")
    args = types.SimpleNamespace(jobs=2, assignment="queue-basics", isolation="auto", force=False,
                                 cpu_seconds=30, memory_mb=512)
    assert cli.cmd_autograde(args) == code
    assert "cb-02" in capsys.readouterr().out
