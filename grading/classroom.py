"""The course folder a trainer grades a workshop in (an nbgrader course directory).

::

    DIR/
      nbgrader_config.py    course id, gradebook URL, exchange, grading safety settings
      officials.csv         the roster, as given
      source/<assignment>/  copy of the repository's exercises/source
      gradebook.db          nbgrader's gradebook (unless --db-url points elsewhere)
      exchange/             nbgrader exchange (release, collect)
      .motcua/              backups of the gradebook and autograde progress
      .jupyter/             config for `motcua workshop lab` (formgrader enabled)

`init_course` builds it; `open_course` reads it back as a `Course`.
"""
from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import CourseError
from .roster import Official, load_roster

__all__ = ["Course", "init_course", "open_course", "REPO_EXERCISES"]

REPO_EXERCISES = Path(__file__).resolve().parent.parent / "exercises"
STATE_DIR = ".motcua"

CONFIG_TEMPLATE = '''\
# nbgrader configuration written by `motcua workshop init`.
c = get_config()  # noqa: F821
{subconfig}c.CourseDirectory.root = {root!r}
c.CourseDirectory.course_id = {course_id!r}
c.CourseDirectory.db_url = {db_url!r}
c.Exchange.root = {exchange!r}
c.Exchange.path_includes_course = True
# restore deleted grade cells from the gradebook (locked/test cells are restored by checksum anyway)
c.OverwriteCells.add_missing_cells = True
{timeout}'''
EXERCISES_CONFIG = "exercises_config.py"


def ensure_venv_on_path() -> None:
    """nbgrader runs the ``alembic`` command when it creates a gradebook: find it next to Python."""
    bindir = os.path.dirname(sys.executable)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


@dataclass(frozen=True)
class Course:
    """An initialised workshop course folder."""

    root: Path
    course_id: str
    db_url: str

    @property
    def config_file(self) -> Path:
        return self.root / "nbgrader_config.py"

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    @property
    def source_dir(self) -> Path:
        return self.root / "source"

    def hidden_paths(self) -> tuple[str, ...]:
        """Folders a kernel must never see: the course, the exercise sources, the tests, runtime files."""
        from jupyter_core.paths import jupyter_runtime_dir

        repo = REPO_EXERCISES.parent
        return tuple(str(p) for p in (self.root, REPO_EXERCISES, repo / "tests", Path(jupyter_runtime_dir())))

    def officials(self) -> list[Official]:
        return load_roster(self.root / "officials.csv")

    def assignments(self) -> list[str]:
        if not self.source_dir.is_dir():
            return []
        return sorted(p.name for p in self.source_dir.iterdir() if p.is_dir() and not p.name.startswith("."))

    def check_assignment(self, assignment: str) -> None:
        if assignment not in self.assignments():
            raise CourseError(f"{self.source_dir}: no assignment {assignment!r}; available: "
                              f"{', '.join(self.assignments()) or '(none)'}")

    def config(self):
        """The course's nbgrader config as a traitlets ``Config``."""
        from traitlets.config.loader import PyFileConfigLoader

        return PyFileConfigLoader(self.config_file.name, path=str(self.root)).load_config()

    def api(self, config=None):
        """An ``nbgrader.apps.NbGraderAPI`` bound to this course."""
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        cfg = self.config()
        if config is not None:
            cfg.merge(config)
        coursedir = CourseDirectory(config=cfg)
        return NbGraderAPI(coursedir=coursedir, config=cfg)

    def gradebook(self):
        from nbgrader.api import Gradebook

        ensure_venv_on_path()

        return Gradebook(self.db_url, self.course_id)


def init_course(directory: str | Path, roster: str | Path, *, course_id: str | None = None,
                db_url: str | None = None, source: str | Path | None = None,
                cell_timeout: int | None = None) -> Course:
    """Create a ready nbgrader course in ``directory`` for the officials in ``roster``.

    ``source`` defaults to the repository's ``exercises/source``. Re-running on an
    existing course refreshes the roster and the source copy; the gradebook is kept.
    """
    officials = load_roster(roster)
    root = Path(directory).resolve()
    src = Path(source).resolve() if source else REPO_EXERCISES / "source"
    if not src.is_dir():
        raise CourseError(f"{src}: exercise source folder not found (expected one folder per assignment)")
    course_id = course_id or root.name
    if not course_id.replace("-", "").replace("_", "").isalnum():
        raise CourseError(f"--course-id {course_id!r}: use letters, digits, '-' or '_'")
    db_url = db_url or f"sqlite:///{root / 'gradebook.db'}"
    root.mkdir(parents=True, exist_ok=True)
    (root / "exchange").mkdir(exist_ok=True)
    (root / STATE_DIR).mkdir(exist_ok=True)
    if root / "officials.csv" != Path(roster).resolve():
        shutil.copyfile(roster, root / "officials.csv")
    if (root / "source").exists():
        shutil.rmtree(root / "source")
    shutil.copytree(src, root / "source", ignore=shutil.ignore_patterns(
        ".ipynb_checkpoints", "__pycache__"))
    # the exercises' own settings (solution stubs, timeouts) come first; ours override paths
    subconfig = ""
    if (src.parent / "nbgrader_config.py").is_file():
        shutil.copyfile(src.parent / "nbgrader_config.py", root / EXERCISES_CONFIG)
        subconfig = f"load_subconfig({EXERCISES_CONFIG!r})  # noqa: F821 (copy of exercises/nbgrader_config.py)\n"
    timeout = ("" if cell_timeout is None else
               f"# wall-clock limit per cell while autograding (seconds)\nc.Execute.timeout = {int(cell_timeout)}\n")
    (root / "nbgrader_config.py").write_text(CONFIG_TEMPLATE.format(
        subconfig=subconfig, root=str(root), course_id=course_id, db_url=db_url,
        exchange=str(root / "exchange"), timeout=timeout), encoding="utf-8")
    course = Course(root, course_id, db_url)
    with course.gradebook() as gb:
        for o in officials:
            gb.update_or_create_student(o.id, first_name=o.given_name, last_name=o.family_name,
                                        email=o.email)
    from .lab import write_lab_config

    write_lab_config(course)
    return course


def open_course(directory: str | Path = ".") -> Course:
    """Read the course in ``directory`` (made by `init_course`)."""
    root = Path(directory).resolve()
    config_file = root / "nbgrader_config.py"
    if not config_file.is_file():
        raise CourseError(f"{root}: not a workshop course (no nbgrader_config.py); run "
                          "`motcua workshop init DIR --roster officials.csv` first")
    from traitlets.config.loader import PyFileConfigLoader

    try:
        cfg = PyFileConfigLoader(config_file.name, path=str(root)).load_config()
    except Exception as exc:  # a hand-edited config with a syntax error
        raise CourseError(f"{config_file}: cannot be read: {exc}") from None
    course_id = cfg.CourseDirectory.get("course_id") or root.name
    db_url = cfg.CourseDirectory.get("db_url") or f"sqlite:///{root / 'gradebook.db'}"
    return Course(root, str(course_id), str(db_url))
