"""What each graded item asks, what an official answered, and the right answer, read from notebooks.

An nbgrader grade cell is either a test cell that checks the answer cell
before it (``answer_4 = "a"`` then ``check("C4", answer_4)``) or a written
answer graded by hand (a markdown cell that is both solution and grade). The
question is the markdown prompt above (``**Question 4** (1 point). Which
reply is best?``).

`official_answers` is the one place that knows how an official's answer is
recorded (today: the value assigned in the answer cell of the autograded
notebook); switch it when answers are recorded differently.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Question", "Code", "read_questions", "official_answers", "show_value", "NO_ANSWER"]

NO_ANSWER = None
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


def read_questions(source_notebook: str | Path) -> list[Question]:
    """The graded items of a source (instructor) notebook, in notebook order."""
    questions, prompt, answer = [], "", None
    for cell in _cells(source_notebook):
        meta = _meta(cell)
        if cell.cell_type == "markdown" and not meta.get("grade") and not meta.get("solution"):
            prompt = _prompt_text(_source(cell))  # the last prompt before a graded item is its question
            continue
        if meta.get("solution"):
            answer = cell
        if meta.get("grade"):
            own = meta.get("solution", False)
            cell_with_answer = cell if own else answer
            written = own  # a cell that is its own answer is graded by hand (nbgrader's manual grade)
            right = NO_ANSWER
            if cell_with_answer is not None and cell_with_answer.cell_type == "code":
                right = _value(_solution_part(_source(cell_with_answer)))
            questions.append(Question(meta.get("grade_id", "?"), prompt,
                                      _meta(cell_with_answer).get("grade_id", "") if cell_with_answer else "",
                                      written, right))
    return questions


def official_answers(notebook: str | Path) -> dict[str, object]:
    """The official's answer per answer cell (grade_id -> plain value or written text; None if blank)."""
    answers = {}
    for cell in _cells(notebook):
        meta = _meta(cell)
        if not meta.get("solution"):
            continue
        text = _source(cell)
        if cell.cell_type == "markdown":
            text = text.strip()
            answers[meta.get("grade_id", "")] = NO_ANSWER if not text or any(p in text for p in _PLACEHOLDERS) else text
        else:
            value = _value(text)
            if value is NO_ANSWER and "NotImplementedError" not in text:
                value = Code("\n".join(ln for ln in text.strip().splitlines()
                                       if not ln.lstrip().startswith("#"))) or NO_ANSWER
            answers[meta.get("grade_id", "")] = NO_ANSWER if value in ("", [], ()) else value
    return answers


def show_value(value) -> str:
    """An answer as a person reads it: ``b``, ``b, a, c``, ``12.5`` (``12,5`` in Vietnamese); a dash for none."""
    if value is NO_ANSWER:
        return "—"
    if isinstance(value, (list, tuple, set)):
        return ", ".join(show_value(v) for v in value)
    if isinstance(value, float):
        from simulation.formats import format_number

        return format_number(value)  # 12,5 for a Vietnamese reader
    return str(value)
