"""What each graded item asks, what an official answered, and the right answer, read from notebooks.

A graded item is a test cell that shows (``ask(4, 'C4', 'choice', ...)``) or
records (``record(4, 'Q4', answer_4, 'number')``) the answer to one item of the
answer key, or a written answer graded by hand (a markdown cell that is both
solution and grade). The question is the markdown prompt above
(``**Question 4** (1 point). Which reply is best?``). The 0-point "all
answered" cell (``hand_in()``) is not a question.

`official_answers` is the one place that knows how an official's answer is
recorded: the plain values of ``<notebook>.answers.json`` beside the notebook
(written by the answer boxes, submitted with it), plus the written answers in
the notebook itself. The right answers come from the key frozen at release
(``.motcua/keys/<assignment>.json`` in the course), else from the source
notebook's solution cell.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Question", "Code", "read_questions", "official_answers", "show_value", "NO_ANSWER"]

NO_ANSWER = None
# nbgrader's stub in a code answer cell the official never touched (`raise NotImplementedError()`): no answer
_UNANSWERED_CODE = "NotImplementedError"
_PROMPT = re.compile(r"^\s*\*\*(Question|Câu)\s*[\w.-]*\*\*\s*(\([^)]*\))?\s*\.?\s*", re.IGNORECASE)
# what a released written answer holds before the official types: nbgrader's default and the course's text
# stubs (exercises/nbgrader_config.py, exercises/translations.TEXT_STUBS)
_PLACEHOLDERS = ("YOUR ANSWER HERE", "Double-click here and type your answer.",
                 "Bấm đúp vào đây và gõ câu trả lời của anh/chị.")


class Code(str):
    """An answer that is code the official wrote (a function), not a plain value."""


@dataclass(frozen=True)
class Question:
    """One graded item of a notebook."""

    item: str  # the grade cell's grade_id
    text: str  # the prompt, one paragraph, without the "**Question N** (k points)." prefix
    answer_cell: str  # grade_id of the cell holding the official's answer
    written: bool  # graded by hand
    right_answer: object = None  # from the source notebook's solution (None: not a plain value)


def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _prompt_text(markdown: str) -> str:
    paragraph = markdown.strip().split("\n\n")[0]
    text = " ".join(_PROMPT.sub("", paragraph).replace("**", "").lstrip("# ").split())
    return text if len(text) <= 300 else text[:299] + "…"


def _value(code: str):
    """The last plain value assigned in ``code`` (strings, numbers, lists...), else None."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return NO_ANSWER
    found = NO_ANSWER
    for node in tree.body:
        if isinstance(node, ast.Assign):
            try:
                found = ast.literal_eval(node.value)
            except ValueError:
                found = NO_ANSWER
    return found


def _solution_part(code: str) -> str:
    match = re.search(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", code, re.DOTALL)
    return match.group(1) if match else code


def _cells(notebook: str | Path) -> list[dict]:
    import nbformat

    return nbformat.read(str(notebook), as_version=4).cells


def _item_call(code: str) -> tuple[str, str] | None:
    """(function, item id) of a test cell's ``ask(n, 'ID', ...)`` / ``record(n, 'ID', ...)`` call."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("ask", "record")
                and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)):
            return node.func.id, str(node.args[1].value)
    return None


def _solution_answers(cells) -> dict[str, object]:
    """item id -> value of the source notebook's ``answer('ID', value)`` solution lines."""
    found = {}
    for cell in cells:
        if cell.cell_type != "code" or not _meta(cell).get("solution"):
            continue
        try:
            tree = ast.parse(_solution_part(_source(cell)))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "answer"
                    and len(node.args) == 2):
                try:
                    found[str(ast.literal_eval(node.args[0]))] = ast.literal_eval(node.args[1])
                except ValueError:
                    pass
    return found


def frozen_answers(source_notebook: str | Path) -> dict[str, object]:
    """item id -> expected value, from the key frozen at release in the course that holds the source notebook."""
    import json

    source_notebook = Path(source_notebook)
    assignment = source_notebook.parent.name
    for folder in source_notebook.parents:
        key = folder / ".motcua" / "keys" / f"{assignment}.json"
        if key.is_file():
            items = json.loads(key.read_text(encoding="utf-8")).get("items", {})
            return {item: entry.get("expected") for item, entry in items.items()}
    return {}


def read_questions(source_notebook: str | Path) -> list[Question]:
    """The graded items of a source (instructor) notebook, in notebook order."""
    cells = _cells(source_notebook)
    right_answers = {**_solution_answers(cells), **frozen_answers(source_notebook)}
    questions, prompt, answer = [], "", None
    for cell in cells:
        meta = _meta(cell)
        if cell.cell_type == "markdown" and not meta.get("grade") and not meta.get("solution"):
            prompt = _prompt_text(_source(cell))  # the last prompt before a graded item is its question
            continue
        if meta.get("solution") and not meta.get("grade") and cell.cell_type == "code":
            answer = cell  # a code answer cell (``answer_4 = ...``) that the next test cell checks
            continue
        if not meta.get("grade"):
            continue
        grade_id = meta.get("grade_id", "?")
        if meta.get("solution"):  # a cell that is its own answer is graded by hand (nbgrader's manual grade)
            questions.append(Question(grade_id, prompt, grade_id, True, NO_ANSWER))
            continue
        call = _item_call(_source(cell))
        if call is not None:  # an answer box (or recorded value) of the answer key
            questions.append(Question(grade_id, prompt, call[1], False, right_answers.get(call[1], NO_ANSWER)))
        elif answer is not None and "hand_in" not in _source(cell):  # a notebook checked in code cells
            questions.append(Question(grade_id, prompt, _meta(answer).get("grade_id", ""), False,
                                      _value(_solution_part(_source(answer)))))
        answer = None  # the "all answered" check and anything else is not a question
    return questions


def official_answers(notebook: str | Path) -> dict[str, object]:
    """The official's answers: item id -> recorded plain value, written grade id -> text (None if blank)."""
    import json

    notebook = Path(notebook)
    answers: dict[str, object] = {}
    record = notebook.with_name(f"{notebook.stem}.answers.json")
    if record.is_file():
        try:
            recorded = json.loads(record.read_text(encoding="utf-8")).get("answers", {})
        except (ValueError, AttributeError):
            recorded = {}
        if isinstance(recorded, dict):
            for item, value in recorded.items():
                answers[str(item)] = NO_ANSWER if value in ("", [], (), None) else value
    for cell in _cells(notebook):
        meta = _meta(cell)
        if not meta.get("solution"):
            continue
        text = _source(cell)
        if cell.cell_type == "markdown":
            text = text.strip()
            answers[meta.get("grade_id", "")] = NO_ANSWER if not text or any(p in text for p in _PLACEHOLDERS) else text
        elif not meta.get("grade"):  # a value or code typed in a code answer cell
            value = _value(text)
            if value is NO_ANSWER and _UNANSWERED_CODE not in text:
                value = Code("\n".join(ln for ln in text.strip().splitlines()
                                       if not ln.lstrip().startswith("#"))) or NO_ANSWER
            answers[meta.get("grade_id", "")] = NO_ANSWER if value in ("", [], ()) else value
    return answers


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def show_value(value) -> str:
    """An answer as a person reads it: ``b``, ``b, a, c``, ``12.5`` (``12,5`` in Vietnamese), a recorded date
    day first (``05/09/2025``, as both editions write it); a dash for none."""
    if value is NO_ANSWER:
        return "—"
    if isinstance(value, str) and (date := _ISO_DATE.fullmatch(value)):
        return f"{date[3]}/{date[2]}/{date[1]}"
    if isinstance(value, (list, tuple, set)):
        return ", ".join(show_value(v) for v in value)
    if isinstance(value, float):
        from simulation.formats import format_number

        return format_number(value)  # 12,5 for a Vietnamese reader
    return str(value)
