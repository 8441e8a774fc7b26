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

from functools import wraps

from grading.course.answers import WrongAnswer, hint_text, is_blank, matches
from grading.course.forms import Form, to_plain
from simulation.i18n import N_, _, set_language, use_language

__all__ = ["AnswerSheet", "open_sheet", "ask", "record", "answer", "hand_in", "answers_file", "practice_key_file",
           "SHEET_MESSAGES"]

RECORD_SUFFIX = ".answers.json"
PRACTICE_SUFFIX = ".practice-key.json"
# Marked only: each is translated when shown, in the language of the sheet (its notebook's edition).
SHEET_MESSAGES = {
    "blank": N_("No answer yet."),
    "recorded": N_("✓ Recorded: {shown}. It will be marked after you submit."),
    "not_recorded": N_("✗ Not recorded: {problem}"),
    "right": N_("✓ Right: {shown}."),
    "wrong": N_("✗ Not right yet ({shown}). {hint}"),
    "validate_blank": N_("Question {n} has no answer yet."),
    "validate_wrong": N_("Question {n} is not right yet. {hint}"),
    "validate_all": N_("All {count} questions answered; they will be marked after you submit."),
    "validate_some": N_("{done} of {count} questions answered; the others have no answer yet."),
    "code_hint": N_("(Answer on the line above, then press Shift+Enter twice.)"),
    "order_partial": N_("Steps still to place: {missing}. The order is recorded once every step has its place."),
    # without the trainer's judge (plain nbgrader) a question earns nothing: safe by default
    "judged_outside": N_("Answers are judged by the trainer's grader, not in this notebook."),
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
    if type(value) is str and len(value) == 10 and value[4] == value[7] == "-" and value[:4].isdigit():
        return f"{value[8:10]}/{value[5:7]}/{value[0:4]}"  # a recorded date, day first as it was typed
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


def _say(key, **values):
    """One of SHEET_MESSAGES in the current language, its placeholders filled."""
    return _(SHEET_MESSAGES[key]).format(**values)


def _speaking(method):
    """Run `method` in the sheet's language: widgets call back long after the setup cell ran."""
    @wraps(method)
    def speaking(self, *args, **kwargs):
        with use_language(self.language):
            return method(self, *args, **kwargs)
    return speaking


class AnswerSheet:
    """The recorded answers of one notebook, its widgets and its mode (``language``: what the sheet says)."""

    def __init__(self, notebook, folder=".", language="en"):
        self.notebook = notebook
        self.language = language
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

    @_speaking
    def say(self, key, **values):
        """One of SHEET_MESSAGES in the sheet's language (a widget's callback runs long after `ask`)."""
        return _say(key, **values)

    @_speaking
    def verdict(self, item_id):
        """(ok, sentence) about the recorded value: ok is None when not judged here (assessed mode, blank)."""
        value = self.answers.get(item_id)
        if value is None:
            return None, _say("blank")
        entry = self.practice.get(item_id)
        if entry is None:
            return None, _say("recorded", shown=_shown(value))
        try:
            matches(entry, value)
        except WrongAnswer as exc:
            return False, _say("wrong", shown=_shown(value), hint=exc.translated())
        except Exception:  # a malformed record must never show a traceback
            return False, _say("wrong", shown=_shown(value), hint="")
        return True, _say("right", shown=_shown(value))

    @_speaking
    def accept(self, item_id, raw):
        """What a widget calls on every change: record the plain value or say what is wrong with its form."""
        form = self.questions[item_id][1]
        try:
            value = to_plain(form, raw)
        except WrongAnswer as exc:
            self.set_answer(item_id, None)
            self._update_tally()
            return _say("not_recorded", problem=exc.translated())
        self.set_answer(item_id, value)
        self._update_tally()
        return self.verdict(item_id)[1]

    @_speaking
    def _stop_if_validating(self, n, item_id):
        if os.environ.get("NBGRADER_EXECUTION") != "validate":
            return
        ok = self.verdict(item_id)[0]
        if item_id not in self.answers:
            raise SheetMessage(_say("validate_blank", n=n))
        if ok is False:
            hint = hint_text(self.practice[item_id].get("hint", ""))
            raise SheetMessage(_say("validate_wrong", n=n, hint=hint))

    @_speaking
    def ask(self, n, item_id, kind, options="", element="text", placeholder=""):
        """Show question ``n``'s answer widget, holding the recorded answer."""
        form = Form(item_id, kind, options, element, placeholder)
        self.questions[item_id] = (n, form)
        if os.environ.get("NBGRADER_EXECUTION") == "autograde":
            raise SheetMessage(_say("judged_outside"))
        from grading.course.widgets import AnswerBox

        box = self.boxes[item_id] = AnswerBox(self, form)
        box.show()
        self._stop_if_validating(n, item_id)

    @_speaking
    def fill(self, item_id, value):
        """Answer a question in code, as its widget would (used by the solution and by tests)."""
        plain = _plain_python(value)
        box = self.boxes.get(item_id)
        if box is not None:
            box.set(plain)
        else:
            self.accept(item_id, plain)

    @_speaking
    def record(self, n, item_id, value, kind, element="text"):
        """Record an answer computed in a code cell (``answer_3 = average(log, "wait_min")``)."""
        form = Form(item_id, kind, element=element)
        self.questions[item_id] = (n, form)
        try:
            message = self.accept(item_id, _plain_python(value))
        except Exception:  # something that is not a value at all
            self.set_answer(item_id, None)
            message = _say("not_recorded", problem=_("type only the value asked for."))
        if os.environ.get("NBGRADER_EXECUTION") == "autograde":
            raise SheetMessage(_say("judged_outside"))
        print(message if item_id in self.answers or "✗" in message else
              _say("blank") + " " + _say("code_hint"))
        self._stop_if_validating(n, item_id)

    def _tally_sentence(self):
        count = len(self.questions)
        done = sum(1 for item_id in self.questions if item_id in self.answers)
        return (_say("validate_all", count=count) if done == count else
                _say("validate_some", done=done, count=count))

    def _update_tally(self):
        if self.tally is not None:
            self.tally.value = self._tally_sentence()

    @_speaking
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


def open_sheet(notebook, folder=".", lang="en"):
    """The answer sheet of ``notebook`` in ``folder`` (the notebook's own folder when run in JupyterLab).

    ``lang`` is the notebook's edition (the Vietnamese one's setup cell says ``lang="vi"``): the sheet and, from
    then on, the whole kernel (the assignment's helpers, the reply hints) speak it.
    """
    _CURRENT["sheet"] = AnswerSheet(notebook, folder, set_language(lang))
    return _CURRENT["sheet"]


def _sheet():
    if "sheet" not in _CURRENT:
        raise SheetMessage(_("Press \"Run all\" at the top of the notebook first (or Run > Run All Cells)."))
    return _CURRENT["sheet"]


def ask(n, item_id, kind, options="", element="text", placeholder=""):
    return _sheet().ask(n, item_id, kind, options, element, placeholder)


def record(n, item_id, value, kind, element="text"):
    return _sheet().record(n, item_id, value, kind, element)


def answer(item_id, value):
    return _sheet().fill(item_id, value)


def hand_in():
    return _sheet().hand_in()
