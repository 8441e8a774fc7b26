"""Feedback an official can read: per question their answer, right or wrong, and (if the trainer
chooses) the right answer with a one-line reason.

One HTML page per official and notebook, built from the gradebook
(`grading.grades`) and the notebooks (`grading.questions`), never from the
graded notebook itself: no test code, assertion text, setup code or hidden
tests can leak. A written answer still waiting for the trainer says "not
marked yet" rather than 0.

Where the pages go:

* ``feedback/<id>/<assignment>/<notebook>.html``: nbgrader's place, so
  ``release=True`` hands them to officials who submitted through the exchange
  (``nbgrader release_feedback``; they fetch them in the Assignments tab);
* ``feedback-offline/<assignment>/<id>.zip``: one zip per official, to hand
  back by USB stick or e-mail.

A page speaks the course's language (`Course.language`): every word through
the message catalogue, points written the reader's way (``1,5 điểm``).
"""
from __future__ import annotations

import html
import importlib
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from simulation.formats import format_number
from simulation.i18n import N_, current_language, translations, use_language
from simulation.rendering import html_document

from .backup import backup_gradebook
from .errors import trainer_text as _
from .grades import read_gradebook
from .questions import NO_ANSWER, Code, official_answers, read_questions, show_value

__all__ = ["FeedbackRun", "generate_feedback", "render_feedback", "TEXT"]

TEXT = {
    "title": N_("Feedback: {assignment}"),
    # TRANSLATORS: the greeting of an official's feedback page; Vietnamese: "Kính gửi anh/chị {name},"
    "hello": N_("Dear {name},"), "total": N_("Your score: {score} of {max} points."),
    "not_marked_note": N_("Written answers not marked yet: {n}. The score may still go up."),
    "question": N_("Question {n}"), "your_answer": N_("Your answer"), "right_answer": N_("Right answer"),
    "right": N_("Right"), "partly": N_("Partly right"), "wrong": N_("Not right"), "no_answer": N_("No answer"),
    "not_marked": N_("Not marked yet"), "points": N_("{score} of {max} points"),
}
STYLE = ("body{font-family:sans-serif;max-width:46rem;margin:1.5rem auto;padding:0 1rem;line-height:1.45}"
         ".q{border:1px solid #ddd;border-radius:.4rem;padding:.6rem .9rem;margin:.8rem 0}"
         ".a{white-space:pre-wrap;overflow-wrap:anywhere}.right{color:#17693a}.wrong{color:#a40000}"
         ".pending{color:#8a5a00}.verdict{font-weight:bold}")


@dataclass
class FeedbackRun:
    assignment: str
    files: list[Path]
    zips: list[Path]
    released: list[str] = field(default_factory=list)
    backup: Path | None = None


def _item_reasons(source_nb: Path) -> dict[str, str]:
    """grade_id -> a one-line reason for the right answer, from the assignment's question module if it gives one."""
    import nbformat

    cells = nbformat.read(str(source_nb), as_version=4).cells
    text = "\n".join(c.source for c in cells if c.cell_type == "code")
    try:
        for module in re.findall(r"^import (grading\.course\.\w+)", text, re.MULTILINE):
            importlib.import_module(module)
        from grading import checks

        registry = getattr(checks, "_REGISTRY", {})  # the question modules register their items there
    except Exception:  # the question modules are optional for feedback
        return {}
    reasons = {}
    for cell in cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        key = re.search(r"check\(\s*['\"]([\w.-]+)['\"]", cell.source) if cell.cell_type == "code" else None
        item = registry.get(key.group(1)) if key else None
        reason = (getattr(item, "reason", None) or getattr(item, "hint", None)) if item else None
        if gid and reason:
            reasons[gid] = " ".join(str(reason).split())
    return reasons


def render_feedback(official: str, name: str, assignment: str, questions, grades: dict, answers: dict,
                    reasons: dict[str, str] | None = None, show_answers: bool = False,
                    language: str | None = None) -> str:
    """One official's page. ``grades``: item -> (score, max_score, needs_manual_grade); ``language``
    defaults to the current one."""
    with use_language(language or current_language()):
        return _render(name, assignment, questions, grades, answers, reasons, show_answers)


def _render(name, assignment, questions, grades, answers, reasons, show_answers) -> str:
    TEXT_ = {key: _(text) for key, text in TEXT.items()}
    parts, total, most, pending = [], 0.0, 0.0, 0
    for n, q in enumerate(questions, start=1):
        score, max_score, unmarked = grades.get(q.item, (0.0, 0.0, False))
        total, most = total + score, most + max_score
        given = answers.get(q.answer_cell, NO_ANSWER)
        if unmarked:
            pending += 1
            verdict, css = TEXT_["not_marked"], "pending"
        elif given is NO_ANSWER and score == 0:
            verdict, css = TEXT_["no_answer"], "wrong"
        elif score >= max_score:
            verdict, css = TEXT_["right"], "right"
        else:
            verdict, css = (TEXT_["partly"] if score > 0 else TEXT_["wrong"]), "wrong"
        points = "" if unmarked else " · " + TEXT_["points"].format(score=format_number(score),
                                                                    max=format_number(max_score))
        block = [f'<div class="q"><h3>{TEXT_["question"].format(n=n)}</h3><p>{html.escape(q.text)}</p>',
                 f'<p>{TEXT_["your_answer"]}: {_shown_answer(given)}</p>',
                 f'<p class="verdict {css}">{verdict}{points}</p>']
        if show_answers and not q.written and q.right_answer is not None and css != "right":
            reason = _reason_in_language((reasons or {}).get(q.item, ""))
            block.append(f'<p>{TEXT_["right_answer"]}: <b>{html.escape(show_value(q.right_answer))}</b>'
                         + (f" — {html.escape(reason)}" if reason else "") + "</p>")
        parts.append("".join(block) + "</div>")
    head = [f"<h1>{html.escape(TEXT_['title'].format(assignment=assignment))}</h1>",
            f"<p>{html.escape(TEXT_['hello'].format(name=name))}</p>",
            f"<p><b>{TEXT_['total'].format(score=format_number(total), max=format_number(most))}</b></p>"]
    if pending:
        head.append(f'<p class="pending">{TEXT_["not_marked_note"].format(n=pending)}</p>')
    title = TEXT_["title"].format(assignment=assignment)
    return html_document(title, "".join(head) + "".join(parts), lang=current_language(),
                         head=f"<style>{STYLE}</style>\n")


def _reason_in_language(reason: str) -> str:
    """The reason in the page's language, or nothing: an English hint is left off a Vietnamese page.

    The question modules write their hints in English; one that the message catalogue translates is shown
    translated, one it does not know yet is omitted (the right answer is still shown) rather than mixing
    English into an official's Vietnamese page.
    """
    if not reason or current_language() == "en":
        return reason
    translated = translations().gettext(reason)
    return translated if translated != reason else ""


def _shown_answer(given) -> str:
    """The official's answer as HTML: code they wrote is shown as code, in no language."""
    if isinstance(given, Code):
        return f'<code class="a">{html.escape(given)}</code>'
    return f'<span class="a">{html.escape(show_value(given))}</span>'


def generate_feedback(course, assignment: str, *, answers: bool = False, release: bool = True) -> FeedbackRun:
    """Write the pages and zips for every graded official of ``assignment``; see the module doc."""
    course.check_assignment(assignment)
    backup = backup_gradebook(course, f"feedback-{assignment}")
    records, _, _ = read_gradebook(course.db_url, course.course_id)
    mine = records[records["assignment"] == assignment]
    names = {o.id: o.name for o in course.officials()}
    files, zips = [], []
    offline = course.root / "feedback-offline" / assignment
    for official, rows in mine.groupby("official"):
        autograded = course.root / "autograded" / official / assignment
        if not autograded.is_dir():
            continue
        dest = course.root / "feedback" / official / assignment
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        pages = []
        for source_nb in sorted((course.source_dir / assignment).glob("*.ipynb")):
            notebook = source_nb.stem
            graded_nb = autograded / f"{notebook}.ipynb"
            mine_nb = rows[rows["notebook"] == notebook]
            grades = {r.item: (r.score, r.max_score, r.needs_manual_grade) for r in mine_nb.itertuples()}
            given = official_answers(graded_nb) if graded_nb.is_file() else {}
            page = render_feedback(official, names.get(official, official), assignment, read_questions(source_nb),
                                   grades, given, _item_reasons(source_nb) if answers else None, answers,
                                   language=getattr(course, "language", None))
            path = dest / f"{notebook}.html"
            path.write_text(page, encoding="utf-8")
            pages.append(path)
        for extra in ("timestamp.txt", "submission_secret.txt"):  # what nbgrader's release_feedback needs
            if (autograded / extra).is_file():
                shutil.copyfile(autograded / extra, dest / extra)
        files += pages
        offline.mkdir(parents=True, exist_ok=True)
        archive = offline / f"{official}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in pages:
                zf.write(path, f"{assignment}/{path.name}")
        zips.append(archive)
    released = []
    if release:
        released = _release(course, assignment, files)
    return FeedbackRun(assignment, files, zips, released, backup)


def _release(course, assignment: str, files: list[Path]) -> list[str]:
    """Hand the pages to the exchange for officials who submitted through it; return their ids."""
    from .distribution import _check

    api = None
    done = []
    for official in sorted({p.parent.parent.name for p in files}):
        if not (course.root / "feedback" / official / assignment / "submission_secret.txt").is_file():
            continue  # a zip submission: its feedback goes back the same way
        api = api or course.api()
        _check(api.release_feedback(assignment, official), "release_feedback")
        done.append(official)
    return done
