"""What can go wrong when a person runs a workshop, as one small tree.

::

    WorkshopError            anything the trainer can fix (bad file, bad option)
    ├── RosterError          officials.csv: malformed or duplicate rows (all at once)
    └── CourseError          course folder missing, not initialised, unknown assignment

The CLI prints the message and exits with code 2; no traceback.

Messages for the trainer are looked up with `trainer_text` (imported as ``_``
by the grading modules): the language set for the process or a block
(``motcua workshop --lang``, a page rendered in the course's language), else
the trainer's own: $MOTCUA_LANG, else the locale, never the officials'
default (a trainer scripting the library on an English machine reads
English).
"""
from __future__ import annotations

__all__ = ["WorkshopError", "RosterError", "CourseError", "trainer_text"]


def trainer_text(message: str) -> str:
    """`message` in the language chosen for this process or block, else in the trainer's locale."""
    from simulation import i18n

    # the explicit choices only: current_language() would fall back to the officials' Vietnamese
    chosen = i18n._block_language.get() or i18n._process_language
    return i18n.translations(chosen or i18n.choose_language(audience="trainers")).gettext(message)


class WorkshopError(Exception):
    """Base class: the message names the file, the line or key, the value and what is allowed."""


class RosterError(WorkshopError):
    """The roster has problems; ``problems`` lists one message per bad line."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class CourseError(WorkshopError):
    """The course folder or an assignment in it is not usable."""
