"""Build the nbgrader source notebooks from the short specs in ``exercises/specs/``.

A spec reads like the notebook it makes: prose, then for each question its
prompt, the neutral stub the official starts from, the solution, and the item
it is checked against. This script turns it into a conventional nbgrader
source notebook (``exercises/source/<assignment>/<assignment>.ipynb``):

- cell 1: a locked setup cell importing the helpers (``grading.checks`` first);
- per question: a markdown prompt, an answer cell (nbgrader "solution") whose
  first line is the neutral stub (``answer_3 = ""``) followed by the
  ``### BEGIN SOLUTION`` region, and an autograder test cell running the
  visible self-check then ``### BEGIN HIDDEN TESTS`` with ``verify``;
- per written answer: a "manually graded answer" markdown cell followed by a
  locked rubric markdown cell.

Run ``python exercises/make_notebooks.py`` after editing a spec; the courseware tests
fail when a committed notebook differs from its spec.
"""
import importlib.util
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ASSIGNMENTS = ("procedures", "communication", "queues", "staffing", "online-services", "paperwork")
STUB_HINTS = {
    '""': "Type your answer between the quotes on the next line, then run the cell (Shift+Enter).",
    "None": "Replace None by your answer on the next line, then run the cell (Shift+Enter).",
    "[]": "Type your list between the square brackets on the next line, then run the cell (Shift+Enter).",
}
POINTS = "@@POINTS@@"  # placeholder in the introduction, replaced by points_sentence()
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _meta(grade_id, *, grade=False, solution=False, locked=False, points=None, task=False):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution}
    if points is not None:
        meta["points"] = points
    if task:
        meta["task"] = True
    return {"nbgrader": meta}


@dataclass
class Notebook:
    """An assignment under construction: call ``setup``, ``md``, ``question``, ``written`` in order."""

    assignment: str
    cells: list = field(default_factory=list)
    auto_points: float = 0
    manual_points: float = 0
    _numbers: set = field(default_factory=set)

    def _cell(self, kind, source, cell_id, metadata=None):
        cell = {"cell_type": kind, "id": cell_id, "metadata": metadata or {}, "source": source.strip("\n")}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        self.cells.append(cell)

    def setup(self, code):
        self._cell("code", "# Setup: run this cell first. It is locked: you do not need to change it.\n"
                   "from grading.checks import SEAL, check, verify, kind_errors\nkind_errors()\n" + code,
                   "setup", _meta("setup", locked=True))

    def md(self, text, cell_id=None):
        self._cell("markdown", text, cell_id or f"text-{len(self.cells)}")

    def question(self, n, item_id, points, prompt, stub, solution, expected=None, hint_line=None):
        """One autograded item: prompt, answer cell ``answer_<n> = <stub>``, test cell (check + hidden verify)."""
        if n in self._numbers:
            raise ValueError(f"{self.assignment}: question {n} defined twice")
        self._numbers.add(n)
        var = f"answer_{n}"
        self.md(f"**Question {n}** ({points} point{'s' if points != 1 else ''}). " + prompt.strip(), f"prompt-{n}")
        how = hint_line or STUB_HINTS.get(stub, "Type your answer on the next line, then run the cell (Shift+Enter).")
        self._cell("code", f"# {how}\n{var} = {stub}\n### BEGIN SOLUTION\n{var} = {solution}\n### END SOLUTION",
                   f"answer-{n}", _meta(f"answer_{n}", solution=True))
        hidden = f'assert verify.__code__ is SEAL and verify("{item_id}", {var}' + (f", expected={expected}" if expected is not None else "") + ") is True"
        self._cell("code", f'# Run this cell to check your answer.\ncheck("{item_id}", {var})\n'
                           f"### BEGIN HIDDEN TESTS\n{hidden}\n### END HIDDEN TESTS",
                   f"test-{n}", _meta(f"test_{n}", grade=True, locked=True, points=points))
        self.auto_points += points

    def written(self, n, points, prompt, solution, rubric, draft_helper=None):
        """A manually graded written answer (markdown) followed by its locked rubric."""
        if n in self._numbers:
            raise ValueError(f"{self.assignment}: question {n} defined twice")
        self._numbers.add(n)
        self.md(f"**Question {n}** ({points} points, marked by your trainer). " + prompt.strip(), f"prompt-{n}")
        if draft_helper:
            self._cell("code", f"# Optional: draft your reply between the triple quotes and run this cell for hints "
                               f"(no points).\n# Then copy your reply into the answer cell below.\n"
                               f'{draft_helper}("""\n\n""")', f"draft-{n}")
        self._cell("markdown", f"### BEGIN SOLUTION\n{solution.strip()}\n### END SOLUTION", f"written-{n}",
                   _meta(f"written_{n}", grade=True, solution=True, points=points))
        self._cell("markdown", "**How this answer is marked** (rubric)\n\n" + rubric.strip(), f"rubric-{n}",
                   _meta(f"rubric_{n}", locked=True))
        self.manual_points += points

    @property
    def total_points(self):
        return self.auto_points + self.manual_points

    def to_json(self):
        sentence = points_sentence(self.auto_points, self.manual_points)
        cells = [dict(c, source=c["source"].replace(POINTS, sentence)) for c in self.cells]
        nb = {"cells": cells, "metadata": {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}},
              "nbformat": 4, "nbformat_minor": 5}
        return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def points_sentence(auto, manual):
    """The sentence every introduction carries; the tests parse it back."""
    def fmt(x):
        return f"{x:g}"
    return (f"This assignment is worth **{fmt(auto + manual)} points**: {fmt(auto)} checked automatically "
            f"and {fmt(manual)} marked by your trainer.")


def load_spec(assignment):
    """Import ``specs/<assignment>.py`` and return its built ``Notebook``."""
    path = HERE / "specs" / f"{assignment.replace('-', '_')}.py"
    spec = importlib.util.spec_from_file_location(f"exercise_spec_{assignment.replace('-', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build()


def source_path(assignment, root=HERE):
    return Path(root) / "source" / assignment / f"{assignment}.ipynb"


def main(argv=None):
    names = (argv if argv else None) or list(ASSIGNMENTS)
    for name in names:
        text = load_spec(name).to_json()
        path = source_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main(sys.argv[1:])
