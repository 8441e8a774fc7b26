"""The courseware test harness: a temporary nbgrader course driven through ``NbGraderAPI``.

The course grades as the workshop does: nbgrader's autograde pipeline with the
judge after execution (``grading.judging.autograde_steps``) and the key of each
assignment frozen at generate time into ``<course>/.motcua/keys``.

Students submitted for every assignment:
- ``solution``: the source notebook itself (its solution cell answers every question);
- ``untouched``: the released notebook as handed out (must get zero);
- ``partial``: every third question answered right (must get exactly those questions' points);
- ``wrong``: every question answered with a listed wrong answer (must get zero).
Widget questions are answered in the record file, code questions in their answer cell.
"""
import datetime as dt
import json
import re
import shutil
import sys
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[2]
EXERCISES = REPO / "exercises"
sys.path.insert(0, str(EXERCISES))

from make_notebooks import ASSIGNMENTS, source_path  # noqa: E402

AVAILABLE = tuple(a for a in ASSIGNMENTS if source_path(a).exists())
MISSING = tuple(a for a in ASSIGNMENTS if a not in AVAILABLE)


def cells_by_id(nb):
    return {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade_id")}


def question_numbers(nb):
    return sorted(int(g.split("_")[1]) for g in cells_by_id(nb) if g.startswith("test_"))


def points_of_tests(nb):
    return {int(g.split("_")[1]): float(c.metadata.nbgrader["points"])
            for g, c in cells_by_id(nb).items() if g.startswith("test_")}


def items_of(nb):
    """question number -> item id."""
    return {int(g.split("_")[1]): c.metadata["motcua"]["item"] for g, c in cells_by_id(nb).items()
            if g.startswith("test_")}


def code_questions(nb):
    """Questions answered in a code cell (``form="code"``)."""
    return {n for n in question_numbers(nb) if f"answer_{n}" in cells_by_id(nb)}


class Course:
    """A temporary nbgrader course directory driven through ``NbGraderAPI``, released in one edition (`lang`)."""

    def __init__(self, root, lang="en"):
        from nbgrader.apps import NbGraderAPI
        from traitlets.config.loader import PyFileConfigLoader

        from grading.judging import autograde_steps

        self.root = Path(root)
        config = PyFileConfigLoader("nbgrader_config.py", path=str(EXERCISES)).load_config()
        config.CourseDirectory.root = str(self.root)
        config.Autograde.autograde_preprocessors = autograde_steps()
        self.db_url = f"sqlite:///{self.root / 'gradebook.db'}"
        if lang != "en":  # what nbgrader writes where a written answer's model text was
            import translations

            config.ClearSolutions.text_stub = translations.TEXT_STUBS[lang]
        self.lang = lang
        self.api = NbGraderAPI(config=config)
        self.keys = {}
        self._graded = {}

    def path(self, step, assignment, student=None):
        parts = [step] + ([student] if student else []) + [assignment, f"{assignment}.ipynb"]
        return self.root.joinpath(*parts)

    def read(self, step, assignment, student=None):
        return nbformat.read(self.path(step, assignment, student), as_version=4)

    def generate(self, assignment):
        from grading.key import frozen

        shutil.copytree(source_path(assignment, lang=self.lang).parent, self.root / "source" / assignment)
        result = self.api.generate_assignment(assignment)
        path = frozen.freeze(assignment, self.root / ".motcua" / "keys", self.root / "source" / assignment)
        self.keys[assignment] = frozen.load(path)
        return result

    def submit(self, assignment, student, nb, answers=None):
        path = self.path("submitted", assignment, student)
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)
        if answers is not None:
            record = path.parent / f"{assignment}.answers.json"
            record.write_text(json.dumps({"answers": answers}, ensure_ascii=False), encoding="utf-8")

    def entry(self, assignment, item_id):
        return self.keys[assignment]["items"][item_id]

    def graded(self, assignment):
        """Submit the standard students once, autograde them all, return the API result."""
        if assignment not in self._graded:
            source = self.read("source", assignment)
            released = self.read("release", assignment)
            self.submit(assignment, "solution", source)
            self.submit(assignment, "untouched", released)
            self.submit(assignment, "partial", *answered(self, assignment, source, released,
                                                          right_questions(source), right=True))
            self.submit(assignment, "wrong", *answered(self, assignment, source, released,
                                                        question_numbers(source), right=False))
            self._graded[assignment] = self.api.autograde(assignment, "*")
        return self._graded[assignment]

    def scores(self, assignment, student):
        """grade_id -> (score, max_score) for every grade cell of one submission."""
        from nbgrader.api import Gradebook

        with Gradebook(self.db_url) as gb:
            nb = gb.find_submission_notebook(assignment, assignment, student)
            return {g.name: (g.score, g.max_score) for g in nb.grades}


def right_questions(nb):
    """The questions a ``partial`` submission answers right: every third one, starting with the first."""
    return question_numbers(nb)[::3]


def with_answer(nb, n, code):
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    cells_by_id(nb)[f"answer_{n}"].source = code
    return nb


def wrong_answers(entry, options=""):
    """Wrong answers of one key entry, as an official could record them (listed, never right)."""
    kind, expected = entry["kind"], entry["expected"]
    if kind == "choice":
        return [x for x in options if x != expected]
    if kind == "number":
        values = expected if isinstance(expected, list) else [expected]
        return [max(values) + 1000, min(values) - 1000.5]
    if kind == "date":
        day = dt.date.fromisoformat(expected)
        return [(day + dt.timedelta(days=1)).isoformat(), (day - dt.timedelta(days=7)).isoformat()]
    if kind == "text":
        return ["birth registration", "I do not know"]
    if kind == "set":
        longer = expected + ([x for x in options if x not in expected][:1] or ["HS-9999"])
        return [expected[:-1], longer]
    return [list(reversed(expected)), expected[1:] + expected[:1]]  # order


def options_of(nb):
    """item id -> letters offered (from the test cell's ``ask(..., options='abcd')``)."""
    found = {}
    for n, item in items_of(nb).items():
        match = re.search(r"options='([a-z]+)'", cells_by_id(nb)[f"test_{n}"].source)
        found[item] = match.group(1) if match else ""
    return found


def code_value(value):
    return repr(value)


def answered(course, assignment, source, released, numbers, *, right):
    """(notebook, record) answering ``numbers`` right (the key's value) or with a listed wrong answer."""
    items, options, code = items_of(source), options_of(source), code_questions(source)
    nb, record = released, {}
    for n in numbers:
        entry = course.entry(assignment, items[n])
        value = entry["expected"] if right else wrong_answers(entry, options[items[n]])[0]
        if entry["kind"] == "number" and isinstance(value, list):
            value = value[0]
        if n in code:
            nb = with_answer(nb, n, f"answer_{n} = {code_value(value)}")
        else:
            record[items[n]] = value
    return nb, record


def solution_lines(cell_source):
    inside = re.search(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell_source, re.S)
    return [line.strip() for line in inside.group(1).splitlines() if line.strip()] if inside else []
