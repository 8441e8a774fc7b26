"""JupyterLab for the trainer: the course folder open, formgrader enabled.

`write_lab_config` writes ``DIR/.jupyter/`` (server extensions and lab page
config); `lab_command` is what `motcua workshop lab` runs, with
``JUPYTER_CONFIG_DIR`` pointing there. Formgrader's own Autograde button runs
its kernels through `grading.sandbox.FormgraderKernelManager`: inside the same
sandbox as ``motcua workshop autograde``, or not at all. Manual grading happens in formgrader
(Nbgrader menu -> Formgrader); grades land in the course gradebook, where
`motcua workshop report` reads them.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .errors import trainer_text as _

__all__ = ["write_lab_config", "lab_command", "lab_environment", "SERVER_EXTENSIONS",
           "DISABLED_LAB_PLUGINS"]

SERVER_EXTENSIONS = {
    "nbgrader.server_extensions.formgrader": True,
    "nbgrader.server_extensions.validate_assignment": True,
    # officials' side (fetch/submit) is not needed on the trainer's laptop
    "nbgrader.server_extensions.assignment_list": False,
    "nbgrader.server_extensions.course_list": False,
}
DISABLED_LAB_PLUGINS = ["@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:course-list"]


def _config_dir(course) -> Path:
    return Path(course.root) / ".jupyter"


def write_lab_config(course) -> Path:
    """Write the JupyterLab/formgrader config for ``course``; return the config folder."""
    cdir = _config_dir(course)
    (cdir / "labconfig").mkdir(parents=True, exist_ok=True)
    server = {"ServerApp": {"jpserver_extensions": SERVER_EXTENSIONS,
                            "root_dir": str(course.root)}}
    (cdir / "jupyter_server_config.json").write_text(json.dumps(server, indent=2), encoding="utf-8")
    page = {"disabledExtensions": {name: True for name in DISABLED_LAB_PLUGINS}}
    (cdir / "labconfig" / "page_config.json").write_text(json.dumps(page, indent=2), encoding="utf-8")
    # formgrader reads the course's nbgrader_config.py from the server's working folder
    (cdir / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.root = {str(course.root)!r}\n"
        f"c.CourseDirectory.course_id = {course.course_id!r}\n"
        f"c.CourseDirectory.db_url = {course.db_url!r}\n"
        "# formgrader's Autograde button: the sandbox of `motcua workshop autograde`, or refuse\n"
        "c.Execute.kernel_manager_class = 'grading.sandbox.FormgraderKernelManager'\n"
        f"c.SandboxedKernelManager.hidden_paths = {_hidden(course)!r}\n", encoding="utf-8")
    return cdir


def _hidden(course) -> list[str]:
    return list(course.hidden_paths())


def lab_environment(course) -> dict[str, str]:
    env = dict(os.environ)
    env["JUPYTER_CONFIG_DIR"] = str(_config_dir(course))
    return env


def lab_command(course, *, port: int | None = None, no_browser: bool = False, root: str | Path | None = None
                ) -> list[str]:
    """The JupyterLab command; `root` is the file browser's folder (default: the course; it must contain it)."""
    root_dir = Path(root).resolve() if root is not None else Path(course.root)
    course_root = Path(course.root).resolve()
    if root_dir != course_root and root_dir not in course_root.parents:
        raise ValueError(_("--root {root}: must be the course folder or a folder containing it "
                           "({course}), or formgrader cannot open the course").format(root=root, course=course_root))
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root_dir}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI run as root; Jupyter refuses without it
        cmd.append("--allow-root")
    if port is not None:
        cmd.append(f"--port={port}")
    if no_browser:
        cmd.append("--no-browser")
    return cmd
