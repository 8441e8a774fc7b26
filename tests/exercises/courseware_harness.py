"""The courseware test harness: a temporary nbgrader course driven through ``NbGraderAPI``.

Students submitted for every assignment:
- ``solution``: the source notebook itself (must get full marks);
- ``untouched``: the released notebook as handed out (must get zero);
- ``partial``: the released notebook with the answers of every third question
  put right (must get exactly those questions' points);
- for ``communication`` only, one student per cheat in ``CHEATS`` (the
  solution notebook with question 1's answer cell replaced by the cheat).
"""
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

CHEATS = {
    "cheat_eq": 'class Always:\n    def __eq__(self, other): return True\n    def __ne__(self, other): return False\n'
                '    def __hash__(self): return 0\n    def __str__(self): return "b"\n'
                'class Sneaky(str):\n    def __eq__(self, other): return True\n'
                'answer_1 = Always()\nanswer_1 = Sneaky("z")',
    "cheat_isinstance": 'import builtins\nreal_isinstance = builtins.isinstance\n'
                        'class Fake:\n    fake = True\n    def __eq__(self, other): return True\n'
                        '    def __hash__(self): return 0\n'
                        'builtins.isinstance = lambda obj, cls: True if getattr(obj, "fake", False) '
                        'else real_isinstance(obj, cls)\nanswer_1 = Fake()',
    "cheat_custom_exc": 'get_ipython().set_custom_exc((BaseException,), lambda *args, **kwargs: None)\n'
                        'answer_1 = "z"',
    "cheat_traceback": 'ip = get_ipython()\nip.showtraceback = lambda *a, **k: None\n'
                       'type(ip)._showtraceback = lambda *a, **k: None\nanswer_1 = "z"',
    "cheat_patch_checks": 'import grading.checks as gc\ngc._judge = lambda *a, **k: True\n'
                          'gc.verify.__code__ = (lambda *a, **k: True).__code__\nanswer_1 = "z"',
}


def cells_by_id(nb):
    return {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade_id")}


def question_numbers(nb):
    return sorted(int(g.split("_")[1]) for g in cells_by_id(nb) if g.startswith("test_"))


def points_of_tests(nb):
    return {int(g.split("_")[1]): float(c.metadata.nbgrader["points"])
            for g, c in cells_by_id(nb).items() if g.startswith("test_")}


class Course:
    """A temporary nbgrader course directory driven through ``NbGraderAPI``."""

    def __init__(self, root):
        from nbgrader.apps import NbGraderAPI
        from traitlets.config.loader import PyFileConfigLoader

        self.root = Path(root)
        config = PyFileConfigLoader("nbgrader_config.py", path=str(EXERCISES)).load_config()
        config.CourseDirectory.root = str(self.root)
        self.db_url = f"sqlite:///{self.root / 'gradebook.db'}"
        self.api = NbGraderAPI(config=config)
        self._graded = {}

    def path(self, step, assignment, student=None):
        parts = [step] + ([student] if student else []) + [assignment, f"{assignment}.ipynb"]
        return self.root.joinpath(*parts)

    def read(self, step, assignment, student=None):
        return nbformat.read(self.path(step, assignment, student), as_version=4)

    def generate(self, assignment):
        shutil.copytree(source_path(assignment).parent, self.root / "source" / assignment)
        return self.api.generate_assignment(assignment)

    def submit(self, assignment, student, nb):
        path = self.path("submitted", assignment, student)
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)

    def graded(self, assignment):
        """Submit the standard students (and cheats) once, autograde them all, return the API result."""
        if assignment not in self._graded:
            source = self.read("source", assignment)
            released = self.read("release", assignment)
            self.submit(assignment, "solution", source)
            self.submit(assignment, "untouched", released)
            self.submit(assignment, "partial", partial_submission(source, released))
            if assignment == "communication":
                for student, code in CHEATS.items():
                    self.submit(assignment, student, with_answer(source, 1, code))
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


def partial_submission(source, released):
    nb = released
    for n in right_questions(source):
        nb = with_answer(nb, n, cells_by_id(source)[f"answer_{n}"].source)
    return nb


def solution_lines(cell_source):
    inside = re.search(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell_source, re.S)
    return [line.strip() for line in inside.group(1).splitlines() if line.strip()] if inside else []
