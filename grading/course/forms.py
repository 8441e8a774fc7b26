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

from grading.course.answers import ELEMENTS, KINDS, WrongAnswer, as_date, norm_letter
from simulation.i18n import N_, _

__all__ = ["Form", "to_plain", "PLACEHOLDERS", "FORM_MESSAGES"]

PLACEHOLDERS = {  # shown in an empty box; each is a shape, never a right answer (a test checks every item)
    "text": N_("a few words"),
    "number": N_("a number such as 12 or 3.5"),
    "date": N_("a date such as 12/03/2024"),
    "set": N_("answers separated by commas"),
    "order": N_("answers in order, separated by commas"),
    "choice": "",
}
FORM_MESSAGES = {
    "number": N_("Type a number, for example 12 or 3,5 (digits only)."),
    "date": N_("Type a date day first, for example 12/03/2024."),
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


def _number(text):
    """A number from a box: "12", "3.5", "3,5" (Vietnamese decimal comma), " 1 234 " -> 1234."""
    if type(text) in (int, float) and type(text) is not bool:
        return text
    if type(text) is not str:
        raise WrongAnswer(FORM_MESSAGES["number"])
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        raise WrongAnswer(FORM_MESSAGES["number"]) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise WrongAnswer(FORM_MESSAGES["number"])
    return int(number) if number.is_integer() and "." not in cleaned else number


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
        if type(raw) is not str:
            raw = str(raw)
        try:
            return as_date(raw).isoformat()
        except WrongAnswer:
            raise WrongAnswer(FORM_MESSAGES["date"]) from None
    parts = _split(raw)
    if not parts or all(p == "" for p in parts):
        return None
    if form.options:
        return _letters(form, parts, ordered=kind == "order")
    if form.element == "number":
        return [_number(p) for p in parts]
    return parts
