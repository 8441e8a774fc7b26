"""The officials' kernel side of the course: answer sheets and widgets, and the one-line helpers.

Nothing here knows a right answer: the key is trainer-side (``grading.key``).
``sheet`` and ``widgets`` record each answer as a plain value, ``forms`` says
what an answer looks like, ``answers`` how two plain answers compare, ``replies``
gives formative hints on a written reply. Each assignment has its own module of
helpers:

- ``procedures``: ``catalogue_table``, ``documents_of``, ``sample_dossiers``, ``due_date``, ``calendar_month``
- ``communication``: the Kim Boi citizens (no data)
- ``queues``: ``ticket_log``, ``average``, ``percentile``, ``count``, ``share_over``, ``arrivals_by_hour``,
  ``day_summary``
- ``staffing``: ``counter_demand``, ``simulate_day``, ``fewest_counters``, ``erlang_counters``
- ``online``: ``july_report``, ``pending_dossiers``, ``finished_sample``
- ``simulated``: the cached simulator runs they all read

The helpers are also reachable from here (``from grading.course import
fewest_counters``); modules are imported on first use, so importing this
package stays light. Nothing here imports nbgrader.
"""
from importlib import import_module as _import_module

_HOME = {
    "catalogue_table": ".procedures", "documents_of": ".procedures", "sample_dossiers": ".procedures",
    "due_date": ".procedures", "calendar_month": ".procedures",
    "ticket_log": ".queues", "average": ".queues", "percentile": ".queues", "count": ".queues",
    "share_over": ".queues", "arrivals_by_hour": ".queues", "day_summary": ".queues",
    "counter_demand": ".staffing", "simulate_day": ".staffing", "fewest_counters": ".staffing",
    "erlang_counters": ".staffing",
    "july_report": ".online", "pending_dossiers": ".online", "finished_sample": ".online",
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
