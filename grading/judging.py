"""Judging recorded answers in the grader, outside the official's kernel.

Two steps join nbgrader's autograde pipeline right after it executes a
notebook, in the trusted grading process:

`CapOutput`
    keeps at most `MAX_CELL_BYTES` (about 1 MB) of output per cell, with a note
    saying how much was cut, so a submission printing 150 MB neither fills the
    autograded notebook nor its feedback. Error outputs are always kept
    (shortened), so a capped cell never turns a failure into a pass.
`JudgeAnswers`
    reads the answers the notebook recorded (``<notebook>.answers.json``, plain
    values), judges each one with the key frozen at release
    (`grading.key.frozen`) and sets the outcome of the matching nbgrader grade
    cell: no error output for a right answer (full points), an error output
    saying why for a wrong or missing one (zero). nbgrader's ``SaveAutoGrades``
    then writes the scores, so the gradebook, formgrader and feedback work as
    before. Which grade cell grades which item is read from the key, never
    from the submitted notebook. The sentences are in the course's language
    (``.motcua/course.json``, or ``JudgeAnswers.language``): a Vietnamese
    course's officials and trainers read Vietnamese hints.

Notebooks that are not course notebooks (no item in the key) pass unchanged.
"""
from __future__ import annotations

import json
from pathlib import Path

from nbformat.v4 import new_output
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer, Unicode

from grading.course.answers import WrongAnswer, matches
from grading.questions import show_value
from simulation.formats import format_number
from simulation.i18n import N_, SOURCE_LANGUAGE, normalise_language, translations, use_language

__all__ = ["CapOutput", "JudgeAnswers", "autograde_steps", "read_record", "judge", "judge_text", "cut_note",
           "course_language", "MAX_CELL_BYTES", "JUDGE_MESSAGES"]

MAX_CELL_BYTES = 1024 * 1024
MAX_RECORD_BYTES = 1024 * 1024
# Marked only: each is said in the course's language when a notebook is judged.
JUDGE_MESSAGES = {
    "cut": N_("[motcua: {cut} bytes of output cut here; at most {cap} bytes are kept per cell]"),
    "answer": N_("Recorded answer: {shown}"),
    "blank": N_("No answer was recorded for this question."),
    "wrong": N_("Not the expected answer. {hint}"),
    "unreadable": N_("The recorded answer could not be read."),
    "right": N_("✓ Right"),
}


def judge_text(key: str, language: str = SOURCE_LANGUAGE, **values) -> str:
    """One of `JUDGE_MESSAGES` in ``language``, its numbers written that language's way (1.048.576)."""
    numbers = {k: format_number(v, 0, language) for k, v in values.items() if isinstance(v, int)}
    return translations(language).gettext(JUDGE_MESSAGES[key]).format(**{**values, **numbers})


def cut_note(cut: int, cap: int, language: str = SOURCE_LANGUAGE) -> str:
    """The line that replaces what `CapOutput` (and the guarded executor) cut from a cell."""
    return "\n" + judge_text("cut", language, cut=cut, cap=cap) + "\n"


def course_language(config) -> str:
    """The language a course's judged notebooks speak: ``JudgeAnswers.language`` if set, else the course's
    (``.motcua/course.json``, written by ``motcua workshop init``, beside the frozen keys or in the course
    root), else English (a course made before languages were recorded)."""
    section = config.JudgeAnswers if "JudgeAnswers" in config else {}
    chosen = section.get("language")
    if not chosen:
        from nbgrader.coursedir import CourseDirectory

        folders = ([Path(section["key_dir"]).parent] if section.get("key_dir") else []) + [
            Path(CourseDirectory(config=config).root) / ".motcua"]
        for folder in folders:
            try:
                state = json.loads((folder / "course.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            chosen = state.get("language") if isinstance(state, dict) else None
            break
    try:
        return normalise_language(chosen) if chosen else SOURCE_LANGUAGE
    except ValueError:
        return SOURCE_LANGUAGE


def _size(output) -> int:
    return len(json.dumps(output, ensure_ascii=False))


def _shorten_error(output, cap):
    output["traceback"] = [line[:2000] for line in output.get("traceback", [])[-20:]]
    output["evalue"] = str(output.get("evalue", ""))[:cap // 4]
    return output


class CapOutput(NbGraderPreprocessor):
    """Keep at most ``max_cell_bytes`` of output per code cell, with a note of what was cut."""

    max_cell_bytes = Integer(MAX_CELL_BYTES, help="output bytes kept per cell").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not cell.get("outputs"):
            return cell, resources
        cap = self.max_cell_bytes
        total = sum(_size(o) for o in cell.outputs)
        if total <= cap:
            return cell, resources
        kept, used = [], 0
        for out in cell.outputs:
            if out.output_type == "error":
                kept.append(_shorten_error(out, cap))
                continue
            room = cap - used
            size = _size(out)
            if size <= room:
                kept.append(out)
                used += size
            elif out.output_type == "stream" and room > 0:
                out.text = out.text[:room]
                kept.append(out)
                used = cap
            elif out.output_type == "stream" and out.name == "stderr":
                out.text = out.text[:200]  # stderr fails a test cell: keep that it was there
                kept.append(out)
        cut = total - sum(_size(o) for o in kept)
        kept.append(new_output("stream", name="stdout", text=cut_note(cut, cap, course_language(self.config))))
        cell.outputs = kept
        return cell, resources


def read_record(path: Path) -> dict:
    """The recorded answers (item id -> plain value) in a submitted ``.answers.json``; {} if unreadable."""
    try:
        if path.stat().st_size > MAX_RECORD_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    answers = data.get("answers") if isinstance(data, dict) else None
    return {k: v for k, v in answers.items() if isinstance(k, str) and _plain(v)} if isinstance(answers, dict) else {}


def _plain(value, depth=0) -> bool:
    """Only plain values are judged: text, numbers, and flat lists of them."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (str, int, float)):
        return not isinstance(value, str) or len(value) <= 1000
    if isinstance(value, list) and depth == 0:
        return len(value) <= 100 and all(_plain(v, 1) for v in value)
    return False


def _shown(value, language: str) -> str:
    """A recorded value as the course's reader writes it (12,5 and 05/09/2025 in Vietnamese)."""
    with use_language(language):
        return show_value(value)


def judge(entry: dict, value, language: str = SOURCE_LANGUAGE) -> tuple[bool, str]:
    """(right, sentence in ``language``) for one recorded value against one frozen key entry."""
    if value is None:
        return False, judge_text("blank", language)
    try:
        matches(entry, value)
    except WrongAnswer as exc:
        with use_language(language):
            hint = exc.translated()
        return False, judge_text("wrong", language, hint=hint)
    except Exception:  # a malformed value is simply not right
        return False, judge_text("unreadable", language)
    return True, ""


class JudgeAnswers(NbGraderPreprocessor):
    """Set each course grade cell's outcome from the recorded answer and the frozen key."""

    key_dir = Unicode("", help="folder of the frozen keys (default: <course>/.motcua/keys)").tag(config=True)
    language = Unicode("", help="language of the sentences (default: the course's, from .motcua/course.json)"
                       ).tag(config=True)

    def _key(self, assignment: str) -> dict | None:
        from nbgrader.coursedir import CourseDirectory

        from grading.key import frozen

        coursedir = CourseDirectory(config=self.config)
        folder = Path(self.key_dir or Path(coursedir.root) / ".motcua" / "keys")
        path = frozen.key_file(folder, assignment)
        if path.is_file():
            return frozen.load(path)
        source = Path(coursedir.root) / coursedir.source_directory / assignment
        try:  # released before keys were frozen: compute it now from the trusted source
            data = frozen.compute(assignment, {p.stem: json.loads(p.read_text(encoding="utf-8"))
                                               for p in sorted(source.glob("*.ipynb"))})
        except KeyError:
            return None
        self.log.warning("No frozen key for %s in %s: computed it now", assignment, folder)
        return data

    def preprocess(self, nb, resources):
        info = resources.get("nbgrader", {})
        key = self._key(info.get("assignment", ""))
        cells = (key or {}).get("notebooks", {}).get(info.get("notebook", ""), {})
        if not cells:
            return nb, resources
        folder = Path(resources.get("metadata", {}).get("path") or ".")
        record = read_record(folder / f"{info['notebook']}.answers.json")
        language = course_language(self.config)
        for cell in nb.cells:
            if not utils.is_grade(cell) or cell.cell_type != "code":
                continue
            grade_id = cell.metadata["nbgrader"]["grade_id"]
            item = cells.get(grade_id)
            if item is None:  # a course notebook's other grade cells (the 0-point status cell) never fail
                cell.outputs = [o for o in cell.outputs if o.output_type != "error"
                                and not (o.output_type == "stream" and o.name == "stderr")]
                continue
            value = record.get(item)
            right, why = judge(key["items"][item], value, language)
            outputs = [] if value is None else [new_output(
                "stream", name="stdout", text=judge_text("answer", language, shown=_shown(value, language)) + "\n")]
            if right:
                outputs.append(new_output("stream", name="stdout", text=judge_text("right", language) + "\n"))
            else:
                outputs.append(new_output("error", ename="NotRight", evalue=why, traceback=["✗ " + why]))
            cell.outputs = outputs
        return nb, resources


def autograde_steps(execute=None) -> list:
    """nbgrader's autograde pipeline with `CapOutput` and `JudgeAnswers` right after execution.

    ``execute`` replaces nbgrader's ``Execute`` (the workshop passes its guarded one).
    """
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import Execute

    steps = []
    for step in Autograde.class_traits()["autograde_preprocessors"].default():
        if step is Execute:
            steps += [execute or Execute, CapOutput, JudgeAnswers]
        else:
            steps.append(step)
    return steps
