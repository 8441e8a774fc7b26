"""Putting steps in order: what an order question's widget holds while an official builds the order.

An official puts the steps of an order question (letters ``a`` to ``e``) in
order in one of two ways, and may mix them:

- *clicking* the steps one after the other: each click adds that step after
  the ones already placed; when a single step is left it is placed at once
  (there is nothing to choose); "undo" takes back the last step clicked,
  "start again" empties the order;
- *typing* the letters in one box: ``b a c e d``, ``b, a, c, e, d``, ``B,A,C,E,D``,
  ``bacde`` or ``b -> a -> c -> e -> d`` all read the same.

Either way `raw` gives what the answer sheet records, in the form the numbered
places of earlier editions gave: one entry per step, ``""`` for a place still
empty. So the recorded value, its judging and the report do not depend on how
the order was entered. Nothing here knows the right order, nor imports a widget
library: the answer box (``grading.course.widgets``) draws the buttons and the box.
"""
import re

__all__ = ["StepOrder", "typed_letters"]

# Between typed letters: spaces, commas, semicolons, arrows, dashes, dots and the ")" of "b)".
_SEPARATORS = re.compile(r"[\s,;.\-–—>→()/|]+")


def typed_letters(text, letters):
    """The letters typed in one box, in order, lower-cased: "B, a,c" -> ["b", "a", "c"].

    A run of letters without separators ("bacde") is read letter by letter when
    every one of them is a step; anything else is kept whole, so the answer sheet
    can name it ("x is not one of the letters a, b, c").
    """
    parts = [p for p in _SEPARATORS.split(str(text).strip().lower()) if p]
    found = []
    for part in parts:
        if len(part) > 1 and all(ch in letters for ch in part):
            found.extend(part)
        else:
            found.append(part)
    return found


class StepOrder:
    """The order of the steps placed so far (``letters``: the steps, e.g. "abcde")."""

    def __init__(self, letters, placed=()):
        self.letters = tuple(letters)
        if len(set(self.letters)) != len(self.letters) or not self.letters:
            raise ValueError(f"StepOrder: letters = {letters!r}: give each step's letter once")
        self.placed = []  # may hold typed text that is not a step: the sheet then names the problem
        self.put(placed)

    @property
    def remaining(self):
        """The steps not placed yet, in their letters' order."""
        return [x for x in self.letters if x not in self.placed]

    @property
    def complete(self):
        return sorted(self.placed) == sorted(self.letters)

    @property
    def partial(self):
        """Some steps placed, none mistyped or twice, and some still to place."""
        return bool(self.placed) and not self.complete and self.placed == self._steps()

    def click(self, letter):
        """Place one step after the others (and the last one with it); a placed step is not placed twice."""
        if letter not in self.letters:
            return
        self.placed = self._steps()
        if letter in self.placed:
            return
        self.placed.append(letter)
        if len(self.remaining) == 1:
            self.placed.extend(self.remaining)

    def undo(self):
        """Take back the last step, and the one placed with it when it was the only one left."""
        if self.placed:
            self.placed.pop()
        if len(self.remaining) == 1 and self.placed:
            self.placed.pop()

    def clear(self):
        self.placed = []

    def type(self, text):
        """Take the order typed in the box (replacing what was placed)."""
        self.placed = typed_letters(text, self.letters)

    def put(self, value):
        """Show a recorded order again (a list of letters, "" for an empty place)."""
        self.placed = [str(x) for x in (value or []) if str(x) != ""]

    def raw(self):
        """What the answer sheet reads: the placed steps then "" for each empty place ([] when none)."""
        if not self.placed:
            return []
        return self.placed + [""] * max(0, len(self.letters) - len(self.placed))

    def text(self):
        """The order as the box shows it: "b, a, c"."""
        return ", ".join(self.placed)

    def _steps(self):
        """The placed steps without what was mistyped in the box: a click builds on the steps only."""
        kept = []
        for x in self.placed:
            if x in self.letters and x not in kept:
                kept.append(x)
        return kept
