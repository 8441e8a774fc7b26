"""The course folder a trainer grades a workshop in (an nbgrader course directory).

::

    DIR/
      nbgrader_config.py    course id, gradebook URL, exchange, grading safety settings
      officials.csv         the roster, as given
      source/<assignment>/  the assignments in the course's language: exercises/source (English),
                            exercises/source-vi (Vietnamese) or, until that exists, the Vietnamese
                            edition built from the English with exercises/translations.py
      gradebook.db          nbgrader's gradebook (unless --db-url points elsewhere)
      exchange/             nbgrader exchange (release, collect)
      .motcua/              course.json (language, edition of each assignment), backups of the
                            gradebook and autograde progress
      .jupyter/             config for `motcua workshop lab` (formgrader enabled)

`init_course` builds it; `open_course` reads it back as a `Course`.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from simulation.i18n import DEFAULT_LANGUAGE, normalise_language

from .errors import CourseError, trainer_text as _
from .roster import Official, load_roster

__all__ = ["Course", "init_course", "open_course", "REPO_EXERCISES"]

REPO_EXERCISES = Path(__file__).resolve().parent.parent / "exercises"
STATE_DIR = ".motcua"
STATE_FILE = "course.json"
# a course made before languages were recorded was released in English
UNRECORDED_LANGUAGE = "en"

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
# answers are judged in the grader against the key frozen at release, not in the official's kernel
c.Autograde.autograde_preprocessors = {steps!r}
c.JudgeAnswers.key_dir = {keys!r}
{stub}{timeout}'''
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
    language: str = UNRECORDED_LANGUAGE  # of the released notebooks, feedback and reports
    editions: dict = field(default_factory=dict, compare=False)  # assignment -> language of its source copy
    notes: tuple = field(default=(), compare=False)  # why an assignment is not in the course's language

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
        """Folders a kernel must never see: the course, the exercise sources, the answer key, the tests,
        runtime files."""
        from jupyter_core.paths import jupyter_runtime_dir

        from .key.frozen import key_paths

        repo = REPO_EXERCISES.parent
        return tuple(str(p) for p in (self.root, REPO_EXERCISES, repo / "tests", *key_paths(),
                                      Path(jupyter_runtime_dir())))

    def officials(self) -> list[Official]:
        return load_roster(self.root / "officials.csv")

    def assignments(self) -> list[str]:
        if not self.source_dir.is_dir():
            return []
        return sorted(p.name for p in self.source_dir.iterdir() if p.is_dir() and not p.name.startswith("."))

    def check_assignment(self, assignment: str) -> None:
        if assignment not in self.assignments():
            raise CourseError(_("{folder}: no assignment {assignment!r}; available: {names}").format(
                folder=self.source_dir, assignment=assignment, names=", ".join(self.assignments()) or _("(none)")))

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


def _copy_source(src: Path, dest: Path, language: str, translate: bool) -> tuple[dict, list[str]]:
    """Copy the assignments into ``dest`` in ``language``; return (assignment -> edition language, notes).

    With ``translate`` (the repository's English source and no ``exercises/source-vi`` yet) each
    notebook's Vietnamese edition is built from the English one; an assignment whose translation is
    stale or missing keeps its English, and a note says so.
    """
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.answers.json",
                                                            "*.practice-key.json"))
    names = sorted(p.name for p in dest.iterdir() if p.is_dir() and not p.name.startswith("."))
    editions = {name: language for name in names}
    if not translate:
        return editions, []
    if str(REPO_EXERCISES) not in sys.path:
        sys.path.insert(0, str(REPO_EXERCISES))
    import translations  # exercises/translations.py, imported the way the exercises' tools import it

    notes = []
    for name in names:
        books = sorted((dest / name).glob("*.ipynb"))
        try:
            editions_text = [translations.edition_json(b.read_text(encoding="utf-8"), name, language) for b in books]
        except translations.TranslationError as exc:
            editions[name] = "en"
            notes.append(_("{assignment}: stays in English, its Vietnamese translation is not up to date "
                           "({problem})").format(assignment=name, problem=exc))
            continue
        for book, text in zip(books, editions_text):
            book.write_text(text, encoding="utf-8")
    return editions, notes


def init_course(directory: str | Path, roster: str | Path, *, course_id: str | None = None,
                db_url: str | None = None, source: str | Path | None = None,
                cell_timeout: int | None = None, language: str = DEFAULT_LANGUAGE) -> Course:
    """Create a ready nbgrader course in ``directory`` for the officials in ``roster``.

    ``language`` (``vi``, the default, or ``en``) is the language of the released notebooks, the
    feedback and the class report; it is recorded in ``.motcua/course.json`` for every later command.
    ``source`` defaults to the repository's exercises in that language (``exercises/source``,
    ``exercises/source-vi``; see `_copy_source` for a Vietnamese course before the latter exists); a
    ``source`` given is copied as it is. Re-running on an existing course refreshes the roster and
    the source copy; the gradebook is kept.
    """
    try:
        language = normalise_language(language)
    except ValueError as exc:
        raise CourseError(f"--lang: {exc}") from None
    officials = load_roster(roster)
    root = Path(directory).resolve()
    translate = False
    if source:
        src = Path(source).resolve()
    elif language == "en" or (REPO_EXERCISES / f"source-{language}").is_dir():
        src = REPO_EXERCISES / ("source" if language == "en" else f"source-{language}")
    else:
        src, translate = REPO_EXERCISES / "source", True
    if not src.is_dir():
        raise CourseError(_("{folder}: exercise source folder not found (expected one folder per "
                            "assignment)").format(folder=src))
    course_id = course_id or root.name
    if not course_id.replace("-", "").replace("_", "").isalnum():
        raise CourseError(_("--course-id {value!r}: use letters, digits, '-' or '_'").format(value=course_id))
    db_url = db_url or f"sqlite:///{root / 'gradebook.db'}"
    root.mkdir(parents=True, exist_ok=True)
    (root / "exchange").mkdir(exist_ok=True)
    (root / STATE_DIR).mkdir(exist_ok=True)
    if root / "officials.csv" != Path(roster).resolve():
        shutil.copyfile(roster, root / "officials.csv")
    editions, notes = _copy_source(src, root / "source", language, translate)
    # the exercises' own settings (solution stubs, timeouts) come first; ours override paths
    subconfig = ""
    if (src.parent / "nbgrader_config.py").is_file():
        shutil.copyfile(src.parent / "nbgrader_config.py", root / EXERCISES_CONFIG)
        subconfig = f"load_subconfig({EXERCISES_CONFIG!r})  # noqa: F821 (copy of exercises/nbgrader_config.py)\n"
    timeout = ("" if cell_timeout is None else
               f"# wall-clock limit per cell while autograding (seconds)\nc.Execute.timeout = {int(cell_timeout)}\n")
    stub = _text_stub(language)
    (root / "nbgrader_config.py").write_text(CONFIG_TEMPLATE.format(
        subconfig=subconfig, root=str(root), course_id=course_id, db_url=db_url,
        exchange=str(root / "exchange"), keys=str(root / STATE_DIR / "keys"),
        steps=_judged_step_names(), timeout=timeout, stub=stub), encoding="utf-8")
    (root / STATE_DIR / STATE_FILE).write_text(json.dumps(
        {"language": language, "editions": editions}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    course = Course(root, course_id, db_url, language, editions, tuple(notes))
    with course.gradebook() as gb:
        for o in officials:
            gb.update_or_create_student(o.id, first_name=o.given_name, last_name=o.family_name,
                                        email=o.email)
    from .lab import write_lab_config

    write_lab_config(course)
    return course


def _judged_step_names() -> list[str]:
    """nbgrader's autograde steps with the judge, by name (the config stays light to load)."""
    from .judging import autograde_steps

    return [f"{step.__module__}.{step.__name__}" for step in autograde_steps()]


def _text_stub(language: str) -> str:
    """The config line that sets what a released written answer holds, in the course's language."""
    if language == "en":
        return ""  # exercises/nbgrader_config.py's English stub
    if str(REPO_EXERCISES) not in sys.path:
        sys.path.insert(0, str(REPO_EXERCISES))
    from translations import TEXT_STUBS

    stub = TEXT_STUBS.get(language)
    return "" if stub is None else f"# a written answer's place in the released notebooks\n" \
                                   f"c.ClearSolutions.text_stub = {stub!r}\n"


def _state(root: Path) -> dict:
    """``.motcua/course.json``, or an empty record for a course made before it existed."""
    path = root / STATE_DIR / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        return {}
    except ValueError as exc:
        raise CourseError(_("{file}: cannot be read ({problem}); run `motcua workshop init` again "
                            "(the gradebook is kept)").format(file=path, problem=exc)) from None
    return data if isinstance(data, dict) else {}


def open_course(directory: str | Path = ".") -> Course:
    """Read the course in ``directory`` (made by `init_course`)."""
    root = Path(directory).resolve()
    config_file = root / "nbgrader_config.py"
    if not config_file.is_file():
        raise CourseError(_("{folder}: not a workshop course (no nbgrader_config.py); run "
                            "`motcua workshop init DIR --roster officials.csv` first").format(folder=root))
    from traitlets.config.loader import PyFileConfigLoader

    try:
        cfg = PyFileConfigLoader(config_file.name, path=str(root)).load_config()
    except Exception as exc:  # a hand-edited config with a syntax error
        raise CourseError(_("{file}: cannot be read: {problem}").format(file=config_file, problem=exc)) from None
    course_id = cfg.CourseDirectory.get("course_id") or root.name
    db_url = cfg.CourseDirectory.get("db_url") or f"sqlite:///{root / 'gradebook.db'}"
    state = _state(root)
    try:
        language = normalise_language(state.get("language", UNRECORDED_LANGUAGE))
    except ValueError as exc:
        raise CourseError(f"{root / STATE_DIR / STATE_FILE}: language: {exc}") from None
    return Course(root, str(course_id), str(db_url), language, dict(state.get("editions") or {}))
