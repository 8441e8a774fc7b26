"""Build the nbgrader source notebooks from the short specs in ``exercises/specs/``.

A spec reads like the notebook it makes: prose, then for each question its
prompt, the neutral stub, the solution and the item it is graded against. This
script turns it into a conventional nbgrader source notebook
(``exercises/source/<assignment>/<assignment>.ipynb``) in which officials
answer with widgets, not Python:

- cell 1: a locked setup cell (source hidden) opening the notebook's answer
  sheet (``grading.course.sheet``) and importing the assignment's helpers;
- per question: a markdown prompt, then a locked autograder-test cell (source
  hidden, ``motcua.item`` metadata) showing the answer widget: radio buttons,
  check boxes, steps to click in order or a box. Each answer is recorded at once as
  a plain value in ``<assignment>.answers.json`` beside the notebook. Questions
  built with ``form="code"`` keep an answer cell (``answer_3 = None`` above the
  ``### BEGIN SOLUTION`` region) and the test cell records its value;
- per written answer: a "manually graded answer" markdown cell and a locked rubric;
- at the end: one solution cell (its solutions answer every widget question; the
  released notebook has it empty) and a locked 0-point status cell that tells
  nbgrader's Validate, in plain words, how many questions are answered.

The notebooks hold no key and no hidden test: the grader judges the recorded
answers against the key frozen at release (``grading.key``, ``grading.judging``).
The kind of each item comes from its key; the letters of a choice from the
``- a)`` lines of its prompt.

Run ``python exercises/make_notebooks.py [assignments] [--lang en|vi]`` after editing a spec: it writes the
English edition to ``exercises/source/`` and the Vietnamese one, built from the same notebook by
``translations.edition_json`` (texts from ``specs/vi/<assignment>.yaml``), to ``exercises/source-vi/``; without
``--lang``, both. The courseware tests fail when a committed notebook of either edition differs from its spec.
"""
import argparse
import importlib.util
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # the key lives in the repository's grading package
    sys.path.insert(0, str(HERE.parent))
ASSIGNMENTS = ("procedures", "communication", "queues", "staffing", "online-services", "paperwork")
STUB_HINTS = {
    '""': "Type your answer between the quotes on the next line, then press Shift+Enter twice.",
    "None": "Type your answer after the = sign (a number, or the helper call that gives it), "
            "then press Shift+Enter twice.",
    "[]": "Type your list between the square brackets on the next line, then press Shift+Enter twice.",
}
POINTS = "@@POINTS@@"  # placeholder in the introduction, replaced by points_sentence()
HOW_TO_ANSWER = """**How to answer**: click a letter, tick boxes, choose letters in order, or type in the box under each
question. Your answer is saved at once, also when you close the notebook; you can change it as often as you
like. Capital letters, spaces and Vietnamese accents do not matter; type dates day first (12/03/2024) and
decimals with a dot or a comma. In a *practice* assignment the box tells you at once whether you are right, with
a hint if not; in an *assessed* one it only says your answer is recorded, and your trainer's grader marks it
after you submit."""
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
OPTION = re.compile(r"^\s*- ([a-z])\)", re.M)
HIDDEN = {"jupyter": {"source_hidden": True}}
FIXED = {"editable": False, "deletable": False}
SETUP_COMMENT = "# Setup: prepares the answer boxes. Nothing to change here.\n"


def _meta(grade_id, *, grade=False, solution=False, locked=False, points=None, task=False, extra=None):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution}
    if points is not None:
        meta["points"] = points
    if task:
        meta["task"] = True
    out = {"nbgrader": meta}
    if extra:
        out.update(extra)
    return out


def _options(prompt):
    return "".join(OPTION.findall(prompt))


@dataclass
class Notebook:
    """An assignment under construction: call ``setup``, ``md``, ``question``, ``written`` in order."""

    assignment: str
    cells: list = field(default_factory=list)
    auto_points: float = 0
    manual_points: float = 0
    _numbers: set = field(default_factory=set)
    _solutions: list = field(default_factory=list)

    def _cell(self, kind, source, cell_id, metadata=None):
        cell = {"cell_type": kind, "id": cell_id, "metadata": metadata or {}, "source": source.strip("\n")}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        self.cells.append(cell)

    def setup(self, code):
        self._cell("code", SETUP_COMMENT + "from grading.course.sheet import open_sheet, ask, record, answer, hand_in\n"
                   f"open_sheet({self.assignment!r})\n" + code,
                   "setup", _meta("setup", locked=True, extra={**HIDDEN, **FIXED}))

    def md(self, text, cell_id=None):
        self._cell("markdown", text, cell_id or f"text-{len(self.cells)}")

    def _key(self, item_id):
        from grading.key import MODULES, keys_of

        keys = keys_of(self.assignment)
        if item_id not in keys:
            module = MODULES.get(self.assignment, self.assignment.replace("-", "_"))
            raise ValueError(f"{self.assignment}: item {item_id!r} has no key; add Key({item_id!r}, ...) to KEYS "
                             f"in grading/key/{module}.py")
        return keys[item_id]

    def question(self, n, item_id, points, prompt, stub, solution, expected=None, hint_line=None, *,
                 form="widget", kind=None, options=None, element=None, placeholder=None):
        """One autograded item: prompt, answer widget (or answer cell with ``form="code"``), graded by the key.

        ``kind``, ``element`` and ``placeholder`` default to the item's key;
        ``options`` (the letters) to the ``- a)`` lines of the prompt.
        ``expected`` is accepted for older specs and ignored: the key decides.
        """
        if n in self._numbers:
            raise ValueError(f"{self.assignment}: question {n} defined twice")
        if form not in ("widget", "code"):
            raise ValueError(f"{self.assignment}: question {n}: form = {form!r}; allowed: widget, code")
        self._numbers.add(n)
        key = self._key(item_id)
        kind = kind or key.kind
        element = element or key.element
        letters = _options(prompt) if options is None else options
        if kind == "choice" and not letters:
            raise ValueError(f"{self.assignment}: question {n} ({item_id}) is a choice but its prompt lists no "
                             "'- a)' lines")
        self.md(f"**Question {n}** ({points} point{'s' if points != 1 else ''}). " + prompt.strip(), f"prompt-{n}")
        item = {"motcua": {"item": item_id}}
        if form == "code":
            var = f"answer_{n}"
            how = hint_line or STUB_HINTS.get(stub, "Type your answer on the next line, then press Shift+Enter twice.")
            self._cell("code", f"# {how}\n{var} = {stub}\n### BEGIN SOLUTION\n{var} = {solution}\n### END SOLUTION",
                       f"answer-{n}", _meta(f"answer_{n}", solution=True))
            args = f"{n}, {item_id!r}, {var}, {kind!r}" + (f", element={element!r}" if element != "text" else "")
            self._cell("code", f"record({args})", f"test-{n}",
                       _meta(f"test_{n}", grade=True, locked=True, points=points, extra={**item, **HIDDEN, **FIXED}))
        else:
            args = [str(n), repr(item_id), repr(kind)]
            if letters:
                args.append(f"options={letters!r}")
            if element != "text":
                args.append(f"element={element!r}")
            shape = placeholder if placeholder is not None else key.example
            if shape:
                args.append(f"placeholder={shape!r}")
            self._cell("code", f"ask({', '.join(args)})", f"test-{n}",
                       _meta(f"test_{n}", grade=True, locked=True, points=points, extra={**item, **HIDDEN, **FIXED}))
            self._solutions.append(f"answer({item_id!r}, {solution})")
        self.auto_points += points

    def written(self, n, points, prompt, solution, rubric, draft_helper=None):
        """A manually graded written answer (markdown) followed by its locked rubric."""
        if n in self._numbers:
            raise ValueError(f"{self.assignment}: question {n} defined twice")
        self._numbers.add(n)
        self.md(f"**Question {n}** ({points} points, marked by your trainer). " + prompt.strip(), f"prompt-{n}")
        if draft_helper:
            self._cell("code", f"# Optional: draft your reply between the triple quotes and press Shift+Enter for "
                               f"hints (no points).\n# Then copy your reply into the answer cell below.\n"
                               f'{draft_helper}("""\n\n""")', f"draft-{n}")
        self._cell("markdown", f"### BEGIN SOLUTION\n{solution.strip()}\n### END SOLUTION", f"written-{n}",
                   _meta(f"written_{n}", grade=True, solution=True, points=points))
        self._cell("markdown", "**How this answer is marked** (rubric)\n\n" + rubric.strip(), f"rubric-{n}",
                   _meta(f"rubric_{n}", locked=True))
        self.manual_points += points

    @property
    def total_points(self):
        return self.auto_points + self.manual_points

    def _closing_cells(self):
        cells = []
        if self._solutions:
            source = "### BEGIN SOLUTION\n" + "\n".join(self._solutions) + "\n### END SOLUTION"
            cells.append({"cell_type": "code", "execution_count": None, "id": "solutions",
                          "metadata": _meta("solutions", solution=True, extra=HIDDEN), "outputs": [],
                          "source": source})
        cells.append({"cell_type": "markdown", "id": "hand-in-text", "metadata": {},
                      "source": "When every question has an answer, save the notebook and submit it."})
        cells.append({"cell_type": "code", "execution_count": None, "id": "hand-in",
                      "metadata": _meta("answers", grade=True, locked=True, points=0, extra={**HIDDEN, **FIXED}),
                      "outputs": [], "source": "hand_in()"})
        return cells

    def to_json(self):
        sentence = points_sentence(self.auto_points, self.manual_points)
        cells = [dict(c, source=c["source"].replace(POINTS, sentence)) for c in self.cells + self._closing_cells()]
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


EDITIONS = {"en": "source", "vi": "source-vi"}  # language -> folder of its source notebooks, beside this file


def source_path(assignment, root=HERE, lang="en"):
    return Path(root) / EDITIONS[lang] / assignment / f"{assignment}.ipynb"


def edition(assignment, lang="en", notebook=None):
    """The `lang` edition of the assignment's source notebook, as JSON text (the English is the spec's own)."""
    english = (notebook or load_spec(assignment)).to_json()
    if lang == "en":
        return english
    import translations

    return translations.edition_json(english, assignment, lang)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Build the nbgrader source notebooks from exercises/specs/.")
    parser.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help=f"default: all ({', '.join(ASSIGNMENTS)})")
    parser.add_argument("--lang", choices=sorted(EDITIONS), help="one edition only (default: every edition)")
    args = parser.parse_args(argv)
    unknown = [name for name in args.assignments if name not in ASSIGNMENTS]
    if unknown:
        parser.error(f"unknown assignment(s) {', '.join(unknown)}; allowed: {', '.join(ASSIGNMENTS)}")
    import translations

    for name in args.assignments or ASSIGNMENTS:
        notebook = load_spec(name)
        for lang in [args.lang] if args.lang else list(EDITIONS):
            try:
                text = edition(name, lang, notebook)
            except translations.TranslationError as exc:
                print(f"not written: {exc}", file=sys.stderr)
                return 1
            path = source_path(name, lang=lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(HERE.parent) if path.is_relative_to(HERE.parent) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
