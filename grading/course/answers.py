"""Plain answers and how two of them are compared: the leaf every other course module builds on.

An official's answer is recorded as a plain value: text, a number, an ISO
date (``"2025-09-05"``), or a list of text. This module says when such a value
matches a key entry, forgiving how a person writes it: capitals, spaces,
Vietnamese accents (``Đăng ký`` = ``dang ky``), ``b)`` for ``b``, dates day
first, numbers within a tolerance, lists in any order when order does not
matter. It holds no answer: the key entry is given by the caller (the trusted
grader, or the practice key released with a practice assignment).

Dates and words are read as `simulation.typed_answers` reads what an official
types (the answer boxes use it too), so both sides agree. Nothing here imports
the rest of the project (beyond ``simulation``'s languages and typed answers),
nbgrader or IPython.
"""
import datetime as dt
import math
import re

from simulation.i18n import N_, SOURCE_LANGUAGE, _, current_language, translations
from simulation.typed_answers import parse_date, plain_text

__all__ = ["WrongAnswer", "hint_text", "norm_text", "norm_letter", "norm_id", "loose_text", "as_number", "as_date",
           "is_blank", "matches", "KINDS", "ELEMENTS"]

KINDS = ("choice", "text", "number", "date", "set", "order")
ELEMENTS = ("text", "id", "number")

# What an official reads when the form of an answer is wrong (one place, ready for translation).
MESSAGES = {
    "text": N_('Type your answer as words, for example "birth registration".'),
    "letter": N_('Choose one letter, for example "b".'),
    "number": N_("Type a number, for example 12 or 3.5."),
    "finite": N_("Type an ordinary number, for example 12 or 3.5."),
    "date": N_("Type the date day first, for example 12/03/2024."),
    "list": N_('Give a list of answers, for example "a, c".'),
    "count": N_("Your list has {got} answers; check that you included every right one and nothing else. "),
    "order": N_("You have the right answers; check their order. "),
    "wrong": N_("Not quite yet. Read the question again and try once more."),
}


def hint_text(hint, language=None):
    """A key's hint in ``language`` (default: the current one).

    A key frozen since hints were translated keeps every language (``{"en": ..., "vi": ...}``); an older
    one keeps the English message id, looked up in the catalogue (as written when it has no translation).
    """
    language = language or current_language()
    if type(hint) is dict:
        text = hint.get(language) or hint.get(SOURCE_LANGUAGE) or next(iter(hint.values()), "")
        return text if type(text) is str else ""
    return translations(language).gettext(hint) if type(hint) is str and hint else ""


class WrongAnswer(Exception):
    """Carries the kind sentence shown to the official: ``args[0]`` in English, `translated()` in any language.

    The sentence is kept as its message id, values and the key's hint, so the answer sheet and the trainer's
    judge each say it in their reader's language; ``args[0]`` stays English (logs, tracebacks).
    """

    def __init__(self, message, hint="", **values):
        super().__init__((message.format(**values) if message else "") + hint_text(hint, SOURCE_LANGUAGE))
        self.message, self.hint, self.values = message, hint, values

    def translated(self):
        """The sentence in the current language."""
        values = {k: _(v) if isinstance(v, str) and v else v for k, v in self.values.items()}  # "a few words"
        return (_(self.message).format(**values) if self.message else "") + hint_text(self.hint)


_NOT_ALNUM = re.compile(r"[^0-9a-z]")


def norm_text(value):
    """Lower-case, no Vietnamese accents (đ -> d), single spaces, no surrounding punctuation."""
    if type(value) is not str:
        raise WrongAnswer(MESSAGES["text"])
    text = plain_text(value) if value.strip() else ""  # the same reading as a typed answer's
    text = text.replace("’", "'").replace("‘", "'")
    return text.strip(".,;:!?\"'()[] ")


_ARTICLES = re.compile(r"^(the|a|an) ")


def loose_text(value):
    """Text as a marker reads it: `norm_text` without apostrophes or a leading article."""
    return _ARTICLES.sub("", norm_text(value).replace("'", "")).strip()


def norm_id(value):
    """An identifier without case, accents, spaces or dashes: "HS-012" = "hs 012"."""
    return _NOT_ALNUM.sub("", norm_text(value))


def norm_letter(value):
    """'b', ' B ', 'b)', '(b)' -> 'b'."""
    if type(value) is not str:
        raise WrongAnswer(MESSAGES["letter"])
    text = norm_text(value)
    if len(text) != 1 or not ("a" <= text <= "z"):
        raise WrongAnswer(MESSAGES["letter"])
    return text


def as_number(value):
    """An int or a float (not True/False, not text), finite."""
    if type(value) not in (int, float):
        raise WrongAnswer(MESSAGES["number"])
    number = float(value)
    if not math.isfinite(number):
        raise WrongAnswer(MESSAGES["finite"])
    return number


def as_date(value):
    """A date from ``datetime.date`` or text written as an official writes it (`simulation.typed_answers`):
    "2025-09-03", day first "03/09/2025" (3/9/2025, 03-09-2025), "ngày 3 tháng 9 năm 2025"."""
    if type(value) is dt.datetime:
        return value.date()
    if type(value) is dt.date:
        return value
    if type(value) is not str:
        raise WrongAnswer(MESSAGES["date"])
    try:
        return parse_date(value)
    except ValueError:
        raise WrongAnswer(MESSAGES["date"]) from None


def is_blank(value):
    """No answer yet: nothing, empty text, an empty list or a list of empty places."""
    if value is None:
        return True
    if type(value) is str:
        return value.strip() == ""
    if type(value) in (list, tuple):
        return all(is_blank(v) for v in value)
    return False


def _element(value, element):
    if element == "number":
        return as_number(value)
    if element == "id":
        return norm_id(value)
    stripped = value.strip() if type(value) is str else "xx"
    return norm_letter(value) if len(stripped.strip("()")) <= 2 and len(norm_text(value)) == 1 else norm_text(value)


def _as_list(value, element):
    if type(value) not in (list, tuple):
        raise WrongAnswer(MESSAGES["list"])
    return [_element(v, element) for v in value]


def _orders(entry):
    """Every accepted order of an order item (the expected one first)."""
    return [entry["expected"]] + [list(a) for a in entry.get("accept", ())]


def matches(entry, value):
    """True if ``value`` is right for the key ``entry``; else raise `WrongAnswer` with a kind sentence.

    ``entry`` is a plain dict: kind, expected, and optionally accept (other
    right answers), tol and rel (number tolerances), element (how list
    elements compare: text, id or number), hint (shown when wrong).
    """
    kind, expected = entry["kind"], entry["expected"]
    hint = entry.get("hint") or MESSAGES["wrong"]
    element = entry.get("element", "text")
    if kind == "choice":
        ok = norm_letter(value) in [norm_letter(e) for e in [expected, *entry.get("accept", ())]]
    elif kind == "text":
        ok = loose_text(value) in {loose_text(e) for e in [expected, *entry.get("accept", ())]}
    elif kind == "number":  # expected may be a list of equally right numbers (a tie)
        got = as_number(value)
        wants = [as_number(w) for w in (expected if type(expected) in (list, tuple) else [expected])]
        tol, rel = float(entry.get("tol", 0)), float(entry.get("rel", 0))
        ok = any(abs(got - w) <= max(tol, rel * abs(w)) for w in wants)
    elif kind == "date":
        ok = as_date(value) == as_date(expected)
    elif kind == "set":
        got, want = _as_list(value, element), _as_list(expected, element)
        ok = sorted(set(got)) == sorted(set(want)) and len(got) == len(set(got))
        if not ok and len(got) != len(want):
            raise WrongAnswer(MESSAGES["count"], hint, got=len(got))
    elif kind == "order":
        got = _as_list(value, element)
        wants = [_as_list(w, element) for w in _orders(entry)]
        ok = got in wants
        if not ok and any(sorted(got) == sorted(w) for w in wants):
            raise WrongAnswer(MESSAGES["order"], hint)
    else:
        raise ValueError(f"kind = {kind!r}; allowed: {', '.join(KINDS)}")
    if ok is not True:
        raise WrongAnswer("", hint)
    return True
