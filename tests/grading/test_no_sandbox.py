"""Grading fails closed: without bubblewrap nothing grades unless the trainer asks for --isolation none.

"No bubblewrap" is simulated by a PATH without the ``bwrap`` program, so these tests run (and mean
the same) on any machine.
"""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ASSIGNMENT = "queue-basics"


@pytest.fixture
def no_bwrap(monkeypatch, tmp_path):
    """A PATH with this Python's tools but no bwrap."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        for tool in ("bash", "sh", "nbgrader", "jupyter", "alembic"):
            found = Path(folder) / tool
            if found.is_file() and not (bindir / tool).exists():
                (bindir / tool).symlink_to(found)
    for tool in ("alembic", "nbgrader", "jupyter"):
        exe = Path(sys.executable).with_name(tool)
        if exe.is_file() and not (bindir / tool).exists():
            (bindir / tool).symlink_to(exe)
    monkeypatch.setenv("PATH", str(bindir))
    assert shutil.which("bwrap") is None
    from grading.sandbox import detect_isolation

    assert detect_isolation() == "none"
    return bindir


@pytest.fixture
def course(tmp_path):
    from grading import init_course, release_assignment

    roster = tmp_path / "officials.csv"
    roster.write_text("name,id\nĐặng Văn An,an\n", encoding="utf-8")
    course = init_course(tmp_path / "course", roster, course_id="kimboi", source=FIXTURES / "source",
                         cell_timeout=10)
    release_assignment(course, ASSIGNMENT, exchange=False)
    folder = course.root / "submitted" / "an" / ASSIGNMENT
    folder.mkdir(parents=True)
    shutil.copyfile(course.root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", folder / f"{ASSIGNMENT}.ipynb")
    return course


def cli(*argv):
    from motcua.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_autograde_refuses_without_a_sandbox_and_says_what_to_install(no_bwrap, course):
    from grading.autograder import SandboxMissing, autograde

    with pytest.raises(SandboxMissing, match="apt-get install bubblewrap"):
        autograde(course, ASSIGNMENT)
    for asked in ("auto", "bwrap"):
        code, out, err = cli("workshop", "autograde", ASSIGNMENT, "--isolation", asked, "--course", str(course.root))
        assert code == 2 and "install bubblewrap" in err and "--isolation none" in err, asked
        assert "Traceback" not in err
    assert not (course.root / "autograded").exists()  # nothing was graded


def test_formgrader_button_refuses_without_a_sandbox(no_bwrap):
    from grading.sandbox import FormgraderKernelManager

    with pytest.raises(RuntimeError, match="only inside the sandbox"):
        FormgraderKernelManager(kernel_name="python3")


def test_trainer_lab_sends_formgrader_autograde_through_the_sandbox(course):
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course.root / ".jupyter")).load_config()
    assert config.Execute.kernel_manager_class == "grading.sandbox.FormgraderKernelManager"
    assert str(course.root) in config.SandboxedKernelManager.hidden_paths


@pytest.mark.needs_system("bwrap")
def test_formgrader_autograde_kernel_cannot_see_the_course(course):
    """Formgrader's button as the trainer's lab runs it: nbgrader's API with the lab's config."""
    import json

    from traitlets.config.loader import PyFileConfigLoader

    nb_path = course.root / "submitted" / "an" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "utilisation":
            cell["source"] = (f"import os\nprint('SEES-COURSE', os.path.exists({str(course.root / 'gradebook.db')!r}))\n"
                              "def utilisation(a, s, c):\n    return a / (c * s)")
    nb_path.write_text(json.dumps(nb), encoding="utf-8")
    lab = PyFileConfigLoader("nbgrader_config.py", path=str(course.root / ".jupyter")).load_config()
    result = course.api(lab).autograde(ASSIGNMENT, "an", force=True, create=True)
    assert result["success"], result.get("log", "")[-2000:]
    graded = json.loads((course.root / "autograded" / "an" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
    text = "".join("".join(o.get("text", "")) for c in graded["cells"] for o in c.get("outputs", []))
    assert "SEES-COURSE False" in text
