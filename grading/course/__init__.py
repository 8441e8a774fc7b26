"""One-line helpers the officials call in the course notebooks, and the graded items.

Each assignment has its own module, which registers its questions with
``grading.checks`` when imported (the notebook's locked setup cell does that):

- ``grading.course.procedures``: ``due_date``, ``missing_documents``, ``catalogue_table``
- ``grading.course.communication``: the Kim Boi citizens (no data)
- ``grading.course.queues``: ``ticket_log``, ``simulate_day``
- ``grading.course.staffing``: ``fewest_counters``, ``erlang_counters``
- ``grading.course.online``: ``online_dossiers``, ``july_report``

The helpers are also reachable from here (``from grading.course import
fewest_counters``); modules are imported on first use, so importing this
package stays light. Nothing here imports nbgrader.
"""
import importlib

_HOMES = {
    "due_date": "procedures", "missing_documents": "procedures", "catalogue_table": "procedures",
    "ticket_log": "queues", "simulate_day": "queues",
    "fewest_counters": "staffing", "erlang_counters": "staffing",
    "online_dossiers": "online", "july_report": "online",
}

__all__ = sorted(_HOMES)


def __getattr__(name):
    if name in _HOMES:
        module = importlib.import_module(f"{__name__}.{_HOMES[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
