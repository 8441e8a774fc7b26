"""The answer key: what counts as right for every graded item. Trainer side only.

Nothing here may reach an official: officials' kernels never import this
package (the notebooks import ``grading.course``), the grading sandbox hides
its folder, and the released notebooks carry no expected value. At release the
key of an assignment is computed and frozen into the trainer's course folder
(`grading.key.frozen`); the grader judges the recorded answers against that
frozen copy, outside the official's kernel (`grading.judging`).

Each assignment has one module here (``procedures``, ``communication``,
``queues``, ``staffing``, ``online``, ``paperwork``) with a tuple ``KEYS`` of `Key`.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass

from grading.course.answers import ELEMENTS, KINDS, MESSAGES
from simulation.i18n import LANGUAGES, translations

__all__ = ["Key", "keys_of", "MODULES"]

MODULES = {"procedures": "procedures", "communication": "communication", "queues": "queues",
           "staffing": "staffing", "online-services": "online",
           "paperwork": "paperwork"}


@dataclass(frozen=True)
class Key:
    """One graded item: its kind and what counts as right.

    ``expected`` is a value or a zero-argument function computing it from the
    course data (notebooks never paste simulated numbers); for a number it may
    be a list of equally right values (a tie). ``accept`` lists other right
    answers: plain text, or ``(text, reason)`` pairs saying why a person would
    accept it; for an order item, other accepted orders. ``tol``/``rel`` are
    absolute/relative tolerances for numbers. ``element`` says how list
    elements compare ("text", "id": "HS-012" = "hs 012", "number"). ``hint``
    is shown in practice mode when an answer is wrong: it never repeats a wrong
    option's wording; it is an English message id (marked with ``N_``), said
    in each language when the key is frozen (`hints`), with ``hint_values``
    (name, value) pairs filling its placeholders. ``example`` is the
    placeholder of the answer box (a shape, never the right answer).
    """

    item_id: str
    kind: str
    expected: object
    hint: str = MESSAGES["wrong"]
    accept: tuple = ()
    tol: float = 0.0
    rel: float = 0.0
    element: str = "text"
    example: str = ""
    hint_values: tuple = ()

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Key {self.item_id!r}: kind = {self.kind!r}; allowed: {', '.join(KINDS)}")
        if self.element not in ELEMENTS:
            raise ValueError(f"Key {self.item_id!r}: element = {self.element!r}; allowed: {', '.join(ELEMENTS)}")

    def accepted(self):
        """The other right answers, without their reasons."""
        return tuple(a[0] if isinstance(a, tuple) and len(a) == 2 and isinstance(a[1], str)
                     and self.kind == "text" else a for a in self.accept)

    def reasons(self):
        """accepted answer -> why it is accepted (text items)."""
        return {a[0]: a[1] for a in self.accept if isinstance(a, tuple) and len(a) == 2 and self.kind == "text"}

    def hints(self) -> dict[str, str]:
        """The hint in every course language: ``{"en": ..., "vi": ...}`` (what a frozen key keeps)."""
        values = dict(self.hint_values)
        return {language: translations(language).gettext(self.hint).format(**values) for language in LANGUAGES}

    def value(self):
        return self.expected() if callable(self.expected) else self.expected


def keys_of(assignment: str) -> dict[str, Key]:
    """item id -> Key of one assignment (``online-services`` or its module name ``online``)."""
    module = MODULES.get(assignment, assignment)
    if module not in MODULES.values():
        raise KeyError(f"no answer key for assignment {assignment!r}; known: {', '.join(MODULES)} (a new "
                       f"assignment needs grading/key/<module>.py with KEYS and an entry in grading.key.MODULES)")
    keys = importlib.import_module(f"{__name__}.{module}").KEYS
    return {k.item_id: k for k in keys}
