"""Workshop toolkit around nbgrader: init, release, collect, autograde, feedback, report.

The front door is lazy: importing ``grading`` does not import nbgrader, because
an official's notebook kernel imports ``grading.course``. Names are loaded on
first use::

    from grading import init_course, open_course, autograde
    course = init_course("kim-boi-2026", "officials.csv")
    run = autograde(course, "procedures", jobs=2)
    run.table()
"""
from __future__ import annotations

from importlib import import_module

__all__ = [
    "Official", "load_roster", "slugify",
    "Course", "init_course", "open_course",
    "Release", "release_assignment",
    "Collection", "collect_assignment",
    "AutogradeRun", "OfficialResult", "autograde",
    "generate_feedback",
    "build_report", "ClassReport",
    "backup_gradebook", "list_backups",
    "SandboxPolicy", "detect_isolation",
    "WorkshopError", "RosterError", "CourseError",
]

_HOME = {
    "Official": "roster", "load_roster": "roster", "slugify": "roster",
    "Course": "classroom", "init_course": "classroom", "open_course": "classroom",
    "Release": "distribution", "release_assignment": "distribution",
    "Collection": "collection", "collect_assignment": "collection",
    "AutogradeRun": "autograder", "OfficialResult": "autograder", "autograde": "autograder",
    "generate_feedback": "feedback",
    "build_report": "report", "ClassReport": "report",
    "backup_gradebook": "backup", "list_backups": "backup",
    "SandboxPolicy": "sandbox", "detect_isolation": "sandbox",
    "WorkshopError": "errors", "RosterError": "errors", "CourseError": "errors",
}


def __getattr__(name: str):
    if name in _HOME:
        value = getattr(import_module(f".{_HOME[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'grading' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
