"""An official's seat: what one official needs so that fetch and submit go under their own id.

nbgrader submits as the computer's login name unless told otherwise; on a
shared laptop every official would then hand in as one person. A seat is a
folder for one official::

    SEAT/
      nbgrader_config.py   course id, exchange, and CourseDirectory.student_id = the official's id
      .jupyter/            JupyterLab for an official: opens on the Assignments tab; formgrader,
                           "Create assignment", course list and the news pop-up off; a "Run all"
                           button at the head of every notebook (lab/user-settings/)
      lab.sh               starts that JupyterLab in SEAT
      <course id>/<assignment>/   what the official fetched (nbgrader's own layout)

Fetch and submit (the Assignments tab, or ``nbgrader fetch_assignment`` /
``nbgrader submit`` run in SEAT) read ``nbgrader_config.py`` there. On a
JupyterHub the login already names the official: leave ``student_id`` out
(``student_id=None``) and nbgrader uses the hub user.
"""
from __future__ import annotations

import difflib
import json
import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from simulation.i18n import N_, translations

from .errors import CourseError, trainer_text as _

__all__ = ["Seat", "prepare_seat", "seat_environment", "SEAT_SERVER_EXTENSIONS", "SEAT_DISABLED_PLUGINS"]

SEAT_SERVER_EXTENSIONS = {
    "nbgrader.server_extensions.assignment_list": True,
    "nbgrader.server_extensions.validate_assignment": True,
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
}
SEAT_DISABLED_PLUGINS = ["@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                         "@jupyter/nbgrader:course-list", "@jupyterlab/apputils-extension:announcements"]
# JupyterLab still shows a hidden cell's first line (`ask(1, 'C1', ...)`) and an empty box for the hidden
# solutions cell: an official answering by widgets should see no Python at all.
# the file browser lists only what an official opens: not the seat's own files nor the answer records
SEAT_HIDDEN_FILES = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~",  # Jupyter's own defaults
                     "lab.sh", "nbgrader_config.py", "*.answers.json", "*.practice-key.json"]
# A notebook's answer boxes appear once its cells have run: JupyterLab has no setting to run them on opening,
# so the seat puts one labelled button first in every notebook's toolbar (JupyterLab's own toolbar settings;
# no extension to install). It says what it does in the course's language. Its command is "restart the kernel
# and run all", without the confirmation: unlike plain "run all", it waits for a kernel still starting (a
# click right after opening the notebook would otherwise run nothing), and an official loses nothing by a
# restart (the answers are in the record, the written replies in the notebook).
RUN_ALL_BUTTON = "motcua-run-all"
RUN_ALL_LABEL = N_("Run all")
RUN_ALL_CAPTION = N_("Run every cell of the notebook: the answer boxes appear, with your recorded answers")
SEAT_CSS = (".jp-Notebook .jp-Cell .jp-InputPlaceholder { display: none; }\n"
            f".jp-Toolbar-item[data-jp-item-name='{RUN_ALL_BUTTON}'] .jp-ToolbarButtonComponent {{\n"
            "  background: var(--jp-brand-color1); color: white; padding: 0 10px; }\n"
            f".jp-Toolbar-item[data-jp-item-name='{RUN_ALL_BUTTON}'] .jp-ToolbarButtonComponent-label {{\n"
            "  color: white; font-weight: bold; }\n"
            f".jp-Toolbar-item[data-jp-item-name='{RUN_ALL_BUTTON}'] svg {{ fill: white; }}\n"
            # a fetched assignment shows its notebook at once: nbgrader folds it under a small arrow
            "#fetched_assignments_list .assignment-notebooks.collapse { display: block !important; }\n"
            "#fetched_assignments_list .assignment-notebooks-link i { display: none; }\n")
CONFIG = '''\
# nbgrader configuration of one official's seat, written by `motcua workshop seat`.
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = {course_id!r}
{student}c.Exchange.root = {exchange!r}
c.Exchange.path_includes_course = True
c.Exchange.assignment_dir = {folder!r}
c.Exchange.cache = {cache!r}
'''


@dataclass(frozen=True)
class Seat:
    official: str | None
    folder: Path
    lab_command: list[str]

    @property
    def launcher(self) -> Path:
        return self.folder / "lab.sh"


def _check_official(course, official: str) -> None:
    ids = [o.id for o in course.officials()]
    if official not in ids:
        near = difflib.get_close_matches(official, ids, n=3)
        roster = course.root / "officials.csv"
        if near:
            raise CourseError(_("{file}: no official with id {official!r}; did you mean {ids}?").format(
                file=roster, official=official, ids=", ".join(near)))
        raise CourseError(_("{file}: no official with id {official!r}; ids on the roster: {ids}").format(
            file=roster, official=official, ids=", ".join(ids[:8]) + (" ..." if len(ids) > 8 else "")))


ASSIGNMENTS_WIDGET = "nbgrader-assignment-list:nbgrader-assignment-list"  # nbgrader's restorer key


def _open_on_assignments(workspaces: Path) -> None:
    """A default JupyterLab workspace whose main area shows nbgrader's assignment list."""
    from jupyterlab_server.workspaces_handler import WorkspacesManager

    layout = {"main": {"dock": {"type": "tab-area", "currentIndex": 0, "widgets": [ASSIGNMENTS_WIDGET]},
                       "current": ASSIGNMENTS_WIDGET},
              "left": {"collapsed": False, "visible": True, "current": "filebrowser", "widgets": ["filebrowser"]}}
    workspace = {"data": {"layout-restorer:data": layout, ASSIGNMENTS_WIDGET: {"data": {}}},
                 "metadata": {"id": "default"}}
    workspaces.mkdir(parents=True, exist_ok=True)
    WorkspacesManager(str(workspaces)).save("default", json.dumps(workspace))


def _run_all_button(user_settings: Path, language: str) -> None:
    """The notebook toolbar's first button: "Run all" (JupyterLab's restart and run all, not asking first)."""
    say = translations(language).gettext
    button = {"name": RUN_ALL_BUTTON, "command": "notebook:restart-run-all", "icon": "ui-components:run",
              "label": say(RUN_ALL_LABEL), "caption": say(RUN_ALL_CAPTION), "rank": 1}
    # and never a "Select Kernel" question: a click on the button while JupyterLab still reads the notebook's
    # kernel name would otherwise ask it
    settings = {("notebook-extension", "panel"): {"toolbar": [button]},
                ("notebook-extension", "tracker"): {"autoStartDefaultKernel": True},
                ("apputils-extension", "sessionDialogs"): {"skipKernelRestartDialog": True}}
    for (package, plugin), values in settings.items():
        path = user_settings / "@jupyterlab" / package / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values, ensure_ascii=False, indent=2), encoding="utf-8")


def seat_environment(folder: str | Path) -> dict[str, str]:
    """The environment the seat's JupyterLab and nbgrader commands run with."""
    env = dict(os.environ)
    env["JUPYTER_CONFIG_DIR"] = str(Path(folder).resolve() / ".jupyter")
    return env


def prepare_seat(course, official: str | None, folder: str | Path | None = None) -> Seat:
    """Write the seat of ``official`` (None: a JupyterHub seat, the login names the official)."""
    if official is not None:
        _check_official(course, official)
    seat = Path(folder or Path("seats") / (official or "hub")).resolve()
    (seat / ".jupyter" / "labconfig").mkdir(parents=True, exist_ok=True)
    student = "" if official is None else f"c.CourseDirectory.student_id = {official!r}\n"
    config = CONFIG.format(course_id=course.course_id, student=student,
                           exchange=str(course.root / "exchange"), folder=str(seat),
                           cache=str(seat / ".nbgrader-cache"))
    (seat / "nbgrader_config.py").write_text(config, encoding="utf-8")
    (seat / ".jupyter" / "nbgrader_config.py").write_text(config, encoding="utf-8")  # read by the lab's extensions
    workspaces = seat / ".jupyter" / "lab" / "workspaces"
    server = {"ServerApp": {"jpserver_extensions": SEAT_SERVER_EXTENSIONS, "root_dir": str(seat)},
              "LabApp": {"workspaces_dir": str(workspaces), "custom_css": True,
                         "user_settings_dir": str(seat / ".jupyter" / "lab" / "user-settings")},
              "ContentsManager": {"hide_globs": SEAT_HIDDEN_FILES}}
    _open_on_assignments(workspaces)
    _run_all_button(seat / ".jupyter" / "lab" / "user-settings", course.language)
    (seat / ".jupyter" / "jupyter_server_config.json").write_text(json.dumps(server, indent=2), encoding="utf-8")
    page = {"disabledExtensions": {name: True for name in SEAT_DISABLED_PLUGINS}}
    (seat / ".jupyter" / "labconfig" / "page_config.json").write_text(json.dumps(page, indent=2), encoding="utf-8")
    (seat / ".jupyter" / "custom").mkdir(exist_ok=True)
    (seat / ".jupyter" / "custom" / "custom.css").write_text(SEAT_CSS, encoding="utf-8")
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={seat}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers run as root; Jupyter refuses without it
        cmd.append("--allow-root")
    launcher = seat / "lab.sh"
    launcher.write_text("#!/bin/sh\n# JupyterLab for this seat's official (Nbgrader menu -> Assignments)\n"
                        f"cd {shlex.quote(str(seat))} || exit 1\n"
                        f"JUPYTER_CONFIG_DIR={shlex.quote(str(seat / '.jupyter'))} exec "
                        + " ".join(shlex.quote(c) for c in cmd) + ' "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    return Seat(official, seat, cmd)
