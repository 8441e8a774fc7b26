"""The answer sheet of one notebook: a widget per question, each answer recorded at once as a plain value.

An official clicks a radio button, ticks boxes, picks letters in order or
types in a box; the answer is written straight away to
``<notebook>.answers.json`` beside the notebook (nbgrader submits it with the
notebook), so reopening the notebook, restarting the kernel or running all
cells again shows the recorded answer. The widget only ever speaks about the
recorded value:

- *assessed* mode (the default): "Recorded" or a problem with the form
  ("a date such as 12/03/2024"); answers are judged by the trainer's grader
  after submission, outside this kernel;
- *practice* mode (the trainer released ``<notebook>.practice-key.json`` with
  the assignment): right or wrong at once, with a kind hint.

Under nbgrader's Validate, an unanswered question (and, in practice mode, a
wrong one) stops its cell with one plain sentence, and the last cell says how
many questions are answered; nothing here raises in the official's JupyterLab.
"""
import json
import os
from pathlib import Path

from grading.course.answers import WrongAnswer, is_blank, matches
from grading.course.forms import Form, to_plain

__all__ = ["AnswerSheet", "open_sheet", "ask", "record", "answer", "hand_in", "answers_file", "practice_key_file",
           "SHEET_MESSAGES"]

RECORD_SUFFIX = ".answers.json"
PRACTICE_SUFFIX = ".practice-key.json"
SHEET_MESSAGES = {
    "blank": "No answer yet.",
    "recorded": "✓ Recorded: {shown}. It will be marked after you submit.",
    "not_recorded": "✗ Not recorded: {problem}",
    "right": "✓ Right: {shown}.",
    "wrong": "✗ Not right yet ({shown}). {hint}",
    "validate_blank": "Question {n} has no answer yet.",
    "validate_wrong": "Question {n} is not right yet. {hint}",
    "validate_all": "All {count} questions answered; they will be marked after you submit.",
    "validate_some": "{done} of {count} questions answered; the others have no answer yet.",
    "code_hint": "(Answer on the line above, then press Shift+Enter twice.)",
    # without the trainer's judge (plain nbgrader) a question earns nothing: safe by default
    "judged_outside": "Answers are judged by the trainer's grader, not in this notebook.",
}


def answers_file(notebook, folder="."):
    return Path(folder) / f"{notebook}{RECORD_SUFFIX}"


def practice_key_file(notebook, folder="."):
    return Path(folder) / f"{notebook}{PRACTICE_SUFFIX}"


class SheetMessage(Exception):
    """Stops a cell under nbgrader's Validate with one plain sentence (no traceback)."""

    def _render_traceback_(self):  # IPython shows this instead of a traceback
        return [str(self.args[0])]


def _shown(value):
    if type(value) is list:
        return ", ".join(str(v) for v in value)
    return str(value)


def _plain_python(value):
    """A value computed in the kernel (numpy number, date, tuple...) as a plain recorded value."""
    if hasattr(value, "item") and callable(value.item) and not isinstance(value, (list, tuple, str)):
        try:
            value = value.item()
        except (TypeError, ValueError):
            pass
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()[:10]
    if isinstance(value, (list, tuple, set)):
        items = [_plain_python(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set) else items
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


class AnswerSheet:
    """The recorded answers of one notebook, its widgets and its mode."""

    def __init__(self, notebook, folder="."):
        self.notebook = notebook
        self.folder = Path(folder)
        self.path = answers_file(notebook, folder)
        self.answers = self._read(self.path).get("answers", {})
        key = self._read(practice_key_file(notebook, folder))
        self.practice = key.get("items", {}) if key.get("mode") == "practice" else {}
        self.questions = {}  # item id -> (number, form)
        self.boxes = {}
        self.tally = None  # the last cell's "n of m answered" line, kept up to date (never stale)

    @staticmethod
    def _read(path):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    @property
    def mode(self):
        return "practice" if self.practice else "assessed"

    def _save(self):
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps({"notebook": self.notebook, "answers": self.answers}, ensure_ascii=False,
                                  indent=1), encoding="utf-8")
        os.replace(tmp, self.path)

    def set_answer(self, item_id, value):
        """Record a plain value (None removes the answer) and save at once."""
        if value is None or is_blank(value):
            self.answers.pop(item_id, None)
        else:
            self.answers[item_id] = value
        self._save()

    def verdict(self, item_id):
        """(ok, sentence) about the recorded value: ok is None when not judged here (assessed mode, blank)."""
        value = self.answers.get(item_id)
        if value is None:
            return None, SHEET_MESSAGES["blank"]
        entry = self.practice.get(item_id)
        if entry is None:
            return None, SHEET_MESSAGES["recorded"].format(shown=_shown(value))
        try:
            matches(entry, value)
        except WrongAnswer as exc:
            return False, SHEET_MESSAGES["wrong"].format(shown=_shown(value), hint=exc.args[0])
        except Exception:  # a malformed record must never show a traceback
            return False, SHEET_MESSAGES["wrong"].format(shown=_shown(value), hint="")
        return True, SHEET_MESSAGES["right"].format(shown=_shown(value))

    def accept(self, item_id, raw):
        """What a widget calls on every change: record the plain value or say what is wrong with its form."""
        form = self.questions[item_id][1]
        try:
            value = to_plain(form, raw)
        except WrongAnswer as exc:
            self.set_answer(item_id, None)
            return SHEET_MESSAGES["not_recorded"].format(problem=exc.args[0])
        self.set_answer(item_id, value)
        self._update_tally()
        return self.verdict(item_id)[1]

    def _stop_if_validating(self, n, item_id):
        if os.environ.get("NBGRADER_EXECUTION") != "validate":
            return
        ok, _ = self.verdict(item_id)
        if item_id not in self.answers:
            raise SheetMessage(SHEET_MESSAGES["validate_blank"].format(n=n))
        if ok is False:
            hint = self.practice[item_id].get("hint", "")
            raise SheetMessage(SHEET_MESSAGES["validate_wrong"].format(n=n, hint=hint))

    def ask(self, n, item_id, kind, options="", element="text", placeholder=""):
        """Show question ``n``'s answer widget, holding the recorded answer."""
        form = Form(item_id, kind, options, element, placeholder)
        self.questions[item_id] = (n, form)
        if os.environ.get("NBGRADER_EXECUTION") == "autograde":
            raise SheetMessage(SHEET_MESSAGES["judged_outside"])
        from grading.course.widgets import AnswerBox

        box = self.boxes[item_id] = AnswerBox(self, form)
        box.show()
        self._stop_if_validating(n, item_id)

    def fill(self, item_id, value):
        """Answer a question in code, as its widget would (used by the solution and by tests)."""
        plain = _plain_python(value)
        box = self.boxes.get(item_id)
        if box is not None:
            box.set(plain)
        else:
            self.accept(item_id, plain)

    def record(self, n, item_id, value, kind, element="text"):
        """Record an answer computed in a code cell (``answer_3 = average(log, "wait_min")``)."""
        form = Form(item_id, kind, element=element)
        self.questions[item_id] = (n, form)
        try:
            message = self.accept(item_id, _plain_python(value))
        except Exception:  # something that is not a value at all
            self.set_answer(item_id, None)
            message = SHEET_MESSAGES["not_recorded"].format(problem="type only the value asked for.")
        if os.environ.get("NBGRADER_EXECUTION") == "autograde":
            raise SheetMessage(SHEET_MESSAGES["judged_outside"])
        print(message if item_id in self.answers or "✗" in message else
              SHEET_MESSAGES["blank"] + " " + SHEET_MESSAGES["code_hint"])
        self._stop_if_validating(n, item_id)

    def _tally_sentence(self):
        count = len(self.questions)
        done = sum(1 for item_id in self.questions if item_id in self.answers)
        return (SHEET_MESSAGES["validate_all"].format(count=count) if done == count else
                SHEET_MESSAGES["validate_some"].format(done=done, count=count))

    def _update_tally(self):
        if self.tally is not None:
            self.tally.value = self._tally_sentence()

    def hand_in(self):
        """The last cell: how many questions are answered (under Validate in assessed mode, as its message)."""
        sentence = self._tally_sentence()
        execution = os.environ.get("NBGRADER_EXECUTION")
        if execution == "validate" and self.mode == "assessed":
            raise SheetMessage(sentence)
        if execution in ("validate", "autograde"):
            if execution == "validate":
                print(sentence)
            return
        from grading.course.widgets import show_tally

        self.tally = show_tally(sentence)


_CURRENT = {}


def open_sheet(notebook, folder="."):
    """The answer sheet of ``notebook`` in ``folder`` (the notebook's own folder when run in JupyterLab)."""
    _CURRENT["sheet"] = AnswerSheet(notebook, folder)
    return _CURRENT["sheet"]


def _sheet():
    if "sheet" not in _CURRENT:
        raise SheetMessage("Run the first cell of the notebook first (Run > Run All Cells).")
    return _CURRENT["sheet"]


def ask(n, item_id, kind, options="", element="text", placeholder=""):
    return _sheet().ask(n, item_id, kind, options, element, placeholder)


def record(n, item_id, value, kind, element="text"):
    return _sheet().record(n, item_id, value, kind, element)


def answer(item_id, value):
    return _sheet().fill(item_id, value)


def hand_in():
    return _sheet().hand_in()
