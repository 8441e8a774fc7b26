"""What can go wrong when a person runs a workshop, as one small tree.

::

    WorkshopError            anything the trainer can fix (bad file, bad option)
    ├── RosterError          officials.csv: malformed or duplicate rows (all at once)
    └── CourseError          course folder missing, not initialised, unknown assignment

The CLI prints the message and exits with code 2; no traceback.
"""
from __future__ import annotations

__all__ = ["WorkshopError", "RosterError", "CourseError"]


class WorkshopError(Exception):
    """Base class: the message names the file, the line or key, the value and what is allowed."""


class RosterError(WorkshopError):
    """The roster has problems; ``problems`` lists one message per bad line."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class CourseError(WorkshopError):
    """The course folder or an assignment in it is not usable."""
