"""Answer checks for the course notebooks: a kind self-check and a strict hidden check.

An official answers an exercise by typing a value in a prepared cell: a letter
between quotes, a number, a date, a list, a short text. Two functions judge it:

- ``check(item_id, value)`` is the visible self-check. It prints
  "✓ Correct" or a plain, kind hint, and never raises.
- ``verify(item_id, value, expected=None)`` is what hidden tests call. It
  returns the real ``True`` or fails a plain ``assert``.

Both accept answers that are right but written differently: case, spaces,
Vietnamese accents (``Đăng ký`` = ``dang ky``), order where order does not
matter, dates typed ``2025-09-03`` or day-first ``03/09/2025``, numbers within a
tolerance. Both refuse objects that merely *claim* to be right: types are
checked exactly (``type(x) is str``) with builtins captured when this module is
imported (the notebook's locked setup cell imports it before any answer cell
runs), so a later ``builtins.isinstance = ...`` or an object whose ``__eq__``
always says True changes nothing. ``verify`` also undoes two kernel tricks
before it asserts (a swallowing ``set_custom_exc`` handler, a silenced
``showtraceback``) and refuses to judge if this module was patched.

Items are registered by ``grading.course`` with ``register(Item(...))``.
``hint_reply(text)`` gives formative hints on a written reply to a citizen and
awards nothing. ``plain_answer_problems(code)`` tells a grader whether an
answer cell holds anything other than the plain value or one-line helper call
the exercises ask for (a defence that works outside the official's kernel).

This module must stay importable without nbgrader or IPython.
"""
import builtins as _builtins
import datetime as _dt
import math as _math
import re as _re
import sys as _sys
import unicodedata as _ud
from dataclasses import dataclass

# Builtins captured at import, before any official's code can patch them.
_type, _isinstance, _len, _abs = _builtins.type, _builtins.isinstance, _builtins.len, _builtins.abs
_float, _str, _sorted, _set = _builtins.float, _builtins.str, _builtins.sorted, _builtins.set
_print, _callable, _getattr = _builtins.print, _builtins.callable, _builtins.getattr
_setattr, _delattr, _any = _builtins.setattr, _builtins.delattr, _builtins.any
_ValueError, _Exception = _builtins.ValueError, _builtins.Exception
_STR, _INT, _FLOAT, _BOOL = str, int, float, bool
_TUPLE = tuple
_CONTAINERS = (list, tuple, set, frozenset)
_DATE, _DATETIME = _dt.date, _dt.datetime
# Module functions captured too (``re.sub = ...`` must not make every answer normalise to "b"):
# compiled patterns and C functions held here do not look anything up at call time.
_NORMALIZE, _COMBINING, _ISFINITE = _ud.normalize, _ud.combining, _math.isfinite
_SPACES, _NOT_ALNUM = _re.compile(r"\s+"), _re.compile(r"[^0-9a-z]")
try:  # helpers return numpy numbers; capture the real types now
    import numpy as _np

    _NUMPY_NUMBERS = (_np.float64, _np.float32, _np.int64, _np.int32)
except ImportError:  # pragma: no cover - numpy is a dependency of the project
    _NUMPY_NUMBERS = ()

__all__ = [
    "Item", "register", "check", "verify", "kind_errors", "hint_reply", "reply_criteria",
    "plain_answer_problems", "audit_notebook", "SEAL", "norm_text", "norm_letter", "as_date", "as_number",
]

KINDS = ("choice", "text", "number", "date", "set", "order")


@dataclass(frozen=True)
class Item:
    """One graded answer: what kind of value it is and what counts as right.

    ``expected`` is a value or a zero-argument function computing it from the
    course data (so notebooks never paste simulated numbers); for a number it
    may be a list of equally right values (a tie). ``accept`` lists
    other right answers for text items. ``tol`` is an absolute tolerance for
    numbers; ``rel`` a relative one. ``element`` says how list elements are
    compared: "text" (case, spaces and accents ignored) or "id" (also ignores
    dashes and spaces: "HS-012" = "hs 012"). ``hint`` is shown when wrong.
    """

    item_id: str
    kind: str
    expected: object
    hint: str = "Not quite yet. Read the question again and try once more."
    accept: tuple = ()
    tol: float = 0.0
    rel: float = 0.0
    element: str = "text"
    example: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Item {self.item_id!r}: kind = {self.kind!r}; allowed: {', '.join(KINDS)}")
        if self.element not in ("text", "id", "number"):
            raise ValueError(f"Item {self.item_id!r}: element = {self.element!r}; allowed: text, id, number")


_REGISTRY = {}


def register(item):
    """Add an item; an id can be registered once (re-registering the same definition is a no-op)."""
    old = _REGISTRY.get(item.item_id)
    if old is not None and old != item:
        raise ValueError(f"Item {item.item_id!r} is already registered with a different definition")
    _REGISTRY[item.item_id] = item
    return item


def expected_value(item_id):
    """The right answer of a registered item (computed on first use for data-based items)."""
    item = _REGISTRY[item_id]
    return item.expected() if _callable(item.expected) else item.expected


# ---------------------------------------------------------------- normalisation
class WrongAnswer(Exception):
    """Raised inside this module to carry the kind message shown to the official."""


def norm_text(value):
    """Lower-case, no Vietnamese accents (đ -> d), single spaces, no surrounding punctuation."""
    if _type(value) is not _STR:
        raise WrongAnswer("Type your answer as text between quotes, for example \"birth registration\".")
    text = _NORMALIZE("NFD", value.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not _COMBINING(ch)).lower()
    text = _SPACES.sub(" ", text).strip().strip(".,;:!?\"'()[] ")
    return text


def norm_id(value):
    return _NOT_ALNUM.sub("", norm_text(value))


def norm_letter(value):
    """'b', ' B ', 'b)', '(b)' -> 'b'."""
    if _type(value) is not _STR:
        raise WrongAnswer("Type just one letter between quotes, for example \"b\".")
    text = norm_text(value)
    if _len(text) != 1 or not ("a" <= text <= "z"):
        raise WrongAnswer("Type just one letter between quotes, for example \"b\".")
    return text


def as_number(value):
    """An int or a float (not True/False, not text), finite."""
    t = _type(value)
    if t is _BOOL or t is _STR:
        raise WrongAnswer("Type a number without quotes, for example 12 or 3.5.")
    if t is _TUPLE and _len(value) == 2 and _type(value[0]) is _INT and _type(value[1]) is _INT:
        raise WrongAnswer(f"Write decimals with a dot: {value[0]}.{value[1]}, not {value[0]},{value[1]}.")
    if t is not _INT and t is not _FLOAT and not _is_numpy_number(t):
        raise WrongAnswer("Type a number, for example 12 or 3.5.")
    number = _float(value)
    if not _ISFINITE(number):
        raise WrongAnswer("Type an ordinary number, for example 12 or 3.5.")
    return number


def _is_numpy_number(t):
    return _is_one_of(t, _NUMPY_NUMBERS)


def _is_one_of(t, types):
    """Identity, not equality: a metaclass can make a fake class "equal" to list or float."""
    for candidate in types:
        if t is candidate:
            return True
    return False


_DATE_FORMATS = ((_re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), "ymd"),
                 (_re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"), "dmy"))


def as_date(value):
    """A datetime.date, or text "2025-09-03" / day-first "03/09/2025" (also 3/9/2025, 03-09-2025)."""
    t = _type(value)
    if t is _DATETIME:
        return _DATE(value.year, value.month, value.day)
    if t is _DATE:
        return value
    if t is not _STR:
        raise WrongAnswer("Type the date between quotes, day first, for example \"03/09/2025\".")
    text = value.strip()
    for pattern, order in _DATE_FORMATS:
        match = pattern.fullmatch(text)
        if match:
            a, b, c = (_INT(g) for g in match.groups())
            y, m, d = (a, b, c) if order == "ymd" else (c, b, a)
            try:
                return _DATE(y, m, d)
            except _ValueError:
                break
    raise WrongAnswer("That date could not be read. Type it day first between quotes, for example \"03/09/2025\".")


def _norm_element(value, element):
    if element == "number":
        return as_number(value)
    if element == "id":
        return norm_id(value)
    return norm_text(value) if _len(value.strip() if _type(value) is _STR else "xx") != 1 else norm_letter(value)


def _as_list(value, element):
    if not _is_one_of(_type(value), _CONTAINERS):
        raise WrongAnswer("Type a list between square brackets, for example [\"a\", \"c\"].")
    return [_norm_element(v, element) for v in value]


# ---------------------------------------------------------------- judging
def _judge(item, value, expected):
    """Raise WrongAnswer with a kind message unless value matches expected; return True."""
    kind = item.kind
    if kind == "choice":
        ok = norm_letter(value) == norm_letter(expected)
    elif kind == "text":
        accepted = [norm_text(expected)] + [norm_text(a) for a in item.accept]
        ok = norm_text(value) in accepted
    elif kind == "number":  # expected may be a list of equally right numbers (a tie)
        got = as_number(value)
        wants = [as_number(w) for w in expected] if _is_one_of(_type(expected), _CONTAINERS) else [
            as_number(expected)]
        ok = _any(_abs(got - w) <= _builtins_max(item.tol, item.rel * _abs(w)) for w in wants)
    elif kind == "date":
        ok = as_date(value) == as_date(expected)
    elif kind == "set":
        got, want = _as_list(value, item.element), _as_list(expected, item.element)
        ok = _sorted(_set(got)) == _sorted(_set(want)) and _len(got) == _len(_set(got))
        if not ok and _len(got) != _len(want):
            raise WrongAnswer(f"Your list has {_len(got)} items; check that you included every right one and nothing else. {item.hint}")
    else:  # order
        got, want = _as_list(value, item.element), _as_list(expected, item.element)
        if _sorted(got) == _sorted(want) and got != want:
            raise WrongAnswer("You have the right items; check their order. " + item.hint)
        ok = got == want
    if ok is not True:
        raise WrongAnswer(item.hint)
    return True


_builtins_max = _builtins.max


def _is_blank(value):
    return value is None or (_type(value) is _STR and value.strip() == "") or (
        _is_one_of(_type(value), _CONTAINERS) and _len(value) == 0)


def check(item_id, value):
    """Print a kind verdict on an answer. Never raises; returns nothing."""
    try:
        item = _REGISTRY.get(item_id)
        if item is None:
            _print(f"(This check is not available: unknown question {item_id!r}. Please tell your trainer.)")
        elif _is_blank(value):
            _print("… No answer yet. Type your answer in the cell above, run it, then run this cell." +
                   (f" Example of the format: {item.example}" if item.example else ""))
        elif _judge(item, value, expected_value(item_id)):
            _print("✓ Correct")
    except WrongAnswer as exc:
        _print("✗ " + _str(exc.args[0]))
    except _Exception:  # a broken answer must never show a traceback to an official
        _print("✗ That answer could not be read. Type only the value asked for, as in the example.")


def verify(item_id, value, expected=None):
    """Hidden check: the real True if right, else a failed plain assert.

    ``expected`` (optional) is the right answer written in the hidden test;
    it must agree with the registered one, so editing the registry in the
    notebook does not help.
    """
    _restore_kernel()
    assert _module_intact(), "The checking code was changed in this notebook; restart the kernel and run all cells."
    item = _REGISTRY.get(item_id)
    assert item is not None, f"unknown item {item_id!r}"
    want = expected_value(item_id)
    if expected is not None:
        try:
            agrees = _judge(item, expected, want)
        except WrongAnswer:
            agrees = False
        assert agrees is True, f"{item_id}: hidden expected value disagrees with the registry"
    try:
        verdict = _judge(item, value, want)
    except WrongAnswer as exc:
        verdict = exc.args[0]
    assert verdict is True, f"{item_id}: {verdict}"
    return True


# ---------------------------------------------------------------- kind errors
KIND_ERRORS = (NameError, TypeError, ValueError, KeyError, AttributeError, IndexError)


def _kind_error_handler(shell, etype, value, tb, tb_offset=None):
    """Show a typing mistake as one plain sentence (on stderr, so a grader still counts it as a failure)."""
    if etype is NameError:
        name = _getattr(value, "name", None) or "that word"
        message = (f"`{name}` is not known here. If it is text or a letter, put it between quotes, for example "
                   f"\"{name}\". If it is an answer from another question, run that cell first.")
    else:
        message = _str(value).strip().strip("'\"") or etype.__name__
    _sys.stderr.write("✗ " + message + "\n  (Nothing is broken: correct the line and run the cell again.)\n")
    return None


def kind_errors():
    """In the official's JupyterLab, show typing mistakes as one kind sentence instead of a traceback.

    Not installed while nbgrader autogrades or validates (``NBGRADER_EXECUTION`` is set); ``verify``
    removes any handler anyway before it judges.
    """
    import os

    ip = _ipython()
    if ip is None or os.environ.get("NBGRADER_EXECUTION"):
        return None
    ip.set_custom_exc(KIND_ERRORS, _kind_error_handler)
    return None


# ---------------------------------------------------------------- kernel guards
_GUARDED = ("showtraceback", "_showtraceback", "showsyntaxerror", "set_custom_exc")


def _ipython():
    get_ipython = _ORIGINALS.get("get_ipython")
    if get_ipython is None and "IPython" in _sys.modules:
        get_ipython = _ORIGINALS["get_ipython"] = _sys.modules["IPython"].get_ipython
    return None if get_ipython is None else get_ipython()


def _restore_kernel():
    """Undo a swallowing custom exception handler and silenced tracebacks."""
    ip = _ipython()
    if ip is None:
        return
    if "set_custom_exc" not in _ORIGINALS:  # imported before the shell existed: snapshot now
        _ORIGINALS.update(_snapshot_kernel())
    mro = _type(ip).__mro__
    for name in _GUARDED:
        ip.__dict__.pop(name, None)
        owner, original = _ORIGINALS.get(name, (None, None))
        if owner is None:
            continue
        for klass in mro:  # drop overrides planted above the real owner, then restore the owner's
            if klass is owner:
                if klass.__dict__.get(name) is not original:
                    _setattr(owner, name, original)
                break
            if name in klass.__dict__:
                _delattr(klass, name)
    owner, set_custom_exc = _ORIGINALS.get("set_custom_exc", (None, None))
    if set_custom_exc is not None:
        set_custom_exc(ip, (), None)


def _snapshot_kernel():
    originals = {}
    ipy = _sys.modules.get("IPython")
    if ipy is None:
        return originals
    originals["get_ipython"] = ipy.get_ipython
    ip = ipy.get_ipython()
    if ip is not None:
        for name in _GUARDED:
            for klass in _type(ip).__mro__:
                if name in klass.__dict__:
                    originals[name] = (klass, klass.__dict__[name])
                    break
    return originals


def _module_intact():
    module_globals = _GLOBALS
    for name, (obj, code) in _SNAPSHOT.items():
        if module_globals.get(name) is not obj:
            return False
        if code is not None and _getattr(obj, "__code__", None) is not code:
            return False
    return True


# ---------------------------------------------------------------- re-exports
# Formative reply hints and the answer-cell audit live in grading.course; they are offered here too.
from grading.course.audit import audit_notebook, plain_answer_problems  # noqa: E402
from grading.course.replies import hint_reply, reply_criteria  # noqa: E402

_ORIGINALS = _snapshot_kernel()
_GLOBALS = globals()
SEAL = verify.__code__  # hidden tests assert `verify.__code__ is SEAL` before trusting verify
_SNAPSHOT = {name: (obj, _getattr(obj, "__code__", None)) for name, obj in globals().items()
             if not name.startswith("__") and name not in ("_REGISTRY", "_SNAPSHOT", "_ORIGINALS", "_GLOBALS", "SEAL")}
