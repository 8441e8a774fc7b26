"""Workshop toolkit around nbgrader: init, release, collect, autograde, feedback, report.

The front door is lazy: importing ``grading`` does not import nbgrader, because
an official's notebook kernel imports ``grading.checks``. Names are loaded on
first use::

    from grading import init_course, open_course, autograde
    course = init_course("kim-boi-2026", "officials.csv")
    run = autograde(course, "procedures", jobs=2)
    run.table()
"""
from importlib import import_module as _import_module

# The front door's names, loaded on first use: an official's kernel imports `grading.checks`, and
# `motcua sim ...` needs no nbgrader.
_HOME = {
    "Official": ".roster", "load_roster": ".roster", "slugify": ".roster",
    "Course": ".classroom", "init_course": ".classroom", "open_course": ".classroom",
    "Release": ".distribution", "release_assignment": ".distribution",
    "Collection": ".collection", "collect_assignment": ".collection",
    "AutogradeRun": ".autograder", "OfficialResult": ".autograder", "autograde": ".autograder",
    "generate_feedback": ".feedback", "prepare_seat": ".seat", "Seat": ".seat",
    "build_report": ".report", "build_reports": ".report", "ClassReport": ".report",
    "SandboxMissing": ".autograder",
    "backup_gradebook": ".backup", "list_backups": ".backup",
    "SandboxPolicy": ".sandbox", "detect_isolation": ".sandbox",
    "WorkshopError": ".errors", "RosterError": ".errors", "CourseError": ".errors",
}

__all__ = sorted(_HOME)


def __getattr__(name: str):
    if name in _HOME:
        value = getattr(_import_module(_HOME[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
