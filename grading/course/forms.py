"""The form of each answer: what kind of value a question asks for, and how a typed value becomes plain.

A `Form` says what an answer looks like, never what it is: the kind (one
letter, several letters, letters in order, words, a number, a date), the
letters to choose from, how list elements are written, and the placeholder the
answer box shows ("a date such as 12/03/2024"). `to_plain` turns what an
official typed or clicked into the plain value that is recorded (text, a
number, an ISO date, a list of text), or says in one sentence what is wrong
with its form. The right answer lives only with the trainer.
"""
from dataclasses import dataclass

from grading.course.answers import ELEMENTS, KINDS, WrongAnswer, norm_letter
from simulation.i18n import LANGUAGES, N_, _, use_language
from simulation.typed_answers import parse_date, parse_number

__all__ = ["Form", "to_plain", "PLACEHOLDERS", "FORM_MESSAGES"]

PLACEHOLDERS = {  # shown in an empty box; each is a shape, never a right answer (a test checks every item)
    "text": N_("a few words"),
    "number": N_("a number such as 12 or 3.5"),
    "date": N_("a date such as 12/03/2024"),
    "set": N_("answers separated by commas"),
    "order": N_("answers in order, separated by commas"),
    "choice": "",
}
FORM_MESSAGES = {  # numbers and dates get `simulation.typed_answers`' hints
    "letter": N_("Choose one of the letters {letters}."),
    "list": N_("Separate your answers with commas, for example: {example}."),
    "place": N_("Put every step in order: {missing} still to place."),
    "twice": N_("Each letter can be used once; {letter} is chosen twice."),
    "unknown_letter": N_("{letter} is not one of the letters {letters}."),
}


@dataclass(frozen=True)
class Form:
    """What one question's answer looks like (no right answer here)."""

    item_id: str
    kind: str
    options: str = ""  # the letters to choose from, e.g. "abcd", for choice, set and order items
    element: str = "text"  # list elements: text (letters or words), id ("HS-02") or number
    placeholder: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Form {self.item_id!r}: kind = {self.kind!r}; allowed: {', '.join(KINDS)}")
        if self.element not in ELEMENTS:
            raise ValueError(f"Form {self.item_id!r}: element = {self.element!r}; allowed: {', '.join(ELEMENTS)}")
        if self.kind == "choice" and not self.options:
            raise ValueError(f"Form {self.item_id!r}: a choice needs its letters (options='abcd')")

    @property
    def hint(self):
        """The placeholder shown in an empty box."""
        return self.placeholder or (_(PLACEHOLDERS[self.kind]) if PLACEHOLDERS[self.kind] else "")


def _read(parse, raw):
    """``parse(raw)``, or `WrongAnswer` carrying its hint in every language (English in ``args[0]``)."""
    try:
        return parse(raw)
    except ValueError:
        pass
    said = {}
    for language in LANGUAGES:
        with use_language(language):
            try:
                parse(raw)
            except ValueError as exc:
                said[language] = str(exc)
    raise WrongAnswer("", said)


def _number(raw):
    """A number typed the Vietnamese way or Python's (`simulation.typed_answers`): "12", "3.5", "3,5",
    "1.052.000", 7; (12, 5) is 12,5 typed on an answer line without quotes and gets a hint saying what to type.
    A whole number typed without decimals stays an int."""
    if type(raw) is list:
        raw = tuple(raw)  # the answer line's tuple, made a list on its way here
    number = _read(parse_number, raw)
    whole = type(raw) is int or (type(raw) is str and "," not in raw and raw.count(".") != 1)
    return int(number) if whole and number.is_integer() else number


def _split(text):
    if type(text) in (list, tuple):
        return [str(part).strip() for part in text]
    if type(text) is not str:
        raise WrongAnswer(FORM_MESSAGES["list"], example="a, c")
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _letters(form, parts, *, ordered):
    letters = []
    for position, part in enumerate(parts, 1):
        if part == "":
            letters.append("")
            continue
        try:
            letter = norm_letter(part)
        except WrongAnswer:
            raise WrongAnswer(FORM_MESSAGES["unknown_letter"], letter=part, letters=", ".join(form.options)) \
                from None
        if form.options and letter not in form.options:
            raise WrongAnswer(FORM_MESSAGES["unknown_letter"], letter=part, letters=", ".join(form.options))
        letters.append(letter)
    chosen = [x for x in letters if x]
    for letter in chosen:
        if chosen.count(letter) > 1:
            raise WrongAnswer(FORM_MESSAGES["twice"], letter=letter)
    if ordered and "" in letters:
        raise WrongAnswer(FORM_MESSAGES["place"], missing=letters.count(""))
    return letters if ordered else sorted(chosen)


def to_plain(form, raw):
    """The plain value to record for what was typed or clicked; raises `WrongAnswer` on a form problem.

    Returns None for no answer. Numbers come back as int or float, dates as
    ISO text, lists as lists of text.
    """
    if raw is None or (type(raw) is str and raw.strip() == "") or (type(raw) in (list, tuple) and not raw):
        return None
    kind = form.kind
    if kind == "choice":
        text = raw.strip() if type(raw) is str else raw
        letter = norm_letter(text) if type(text) is str else None
        if letter is None or (form.options and letter not in form.options):
            raise WrongAnswer(FORM_MESSAGES["letter"], letters=", ".join(form.options))
        return letter
    if kind == "text":
        if type(raw) is not str:
            raise WrongAnswer(FORM_MESSAGES["list"], example=PLACEHOLDERS["text"])
        return " ".join(raw.split())
    if kind == "number":
        return _number(raw)
    if kind == "date":
        return _read(parse_date, raw).isoformat()  # 5/9/2025, 05/09/2025, ngày 5 tháng 9 năm 2025, 2025-09-05
    parts = _split(raw)
    if not parts or all(p == "" for p in parts):
        return None
    if form.options:
        return _letters(form, parts, ordered=kind == "order")
    if form.element == "number":
        return [_number(p) for p in parts]
    return parts
