"""grading.checks: lenient on how a right answer is written, strict on what it is, never a traceback."""
import datetime as dt
import subprocess
import sys

import numpy as np
import pytest

from grading import checks
from grading.checks import Item, check, plain_answer_problems, register, reply_criteria, verify

ITEMS = {
    "T-choice": Item("T-choice", "choice", "b", hint="hint-choice"),
    "T-text": Item("T-text", "text", "Đăng ký kết hôn", accept=("marriage registration",), hint="hint-text"),
    "T-number": Item("T-number", "number", lambda: 12.5, tol=0.1, hint="hint-number"),
    "T-rel": Item("T-rel", "number", 200.0, rel=0.02),
    "T-tie": Item("T-tie", "number", lambda: [8, 14]),
    "T-date": Item("T-date", "date", dt.date(2025, 9, 3)),
    "T-set": Item("T-set", "set", ["HS-02", "HS-04"], element="id"),
    "T-order": Item("T-order", "order", ["b", "a", "c"], hint="hint-order"),
}
for _item in ITEMS.values():
    register(_item)

RIGHT = [
    ("T-choice", "b"), ("T-choice", " B "), ("T-choice", "(b)"), ("T-choice", "b)"),
    ("T-text", "dang ky ket hon"), ("T-text", "  ĐĂNG KÝ   KẾT HÔN. "), ("T-text", "Marriage registration"),
    ("T-number", 12.5), ("T-number", 12.45), ("T-number", 12.6), ("T-number", np.float64(12.5)), ("T-number", 25 / 2),
    ("T-rel", 203), ("T-rel", 196.5), ("T-tie", 8), ("T-tie", 14.0),
    ("T-date", "2025-09-03"), ("T-date", "03/09/2025"), ("T-date", "3/9/2025"), ("T-date", dt.date(2025, 9, 3)),
    ("T-date", dt.datetime(2025, 9, 3, 17, 0)),
    ("T-set", ["HS-04", "HS-02"]), ("T-set", ("hs 02", "hs-04")), ("T-set", {"HS-02", "HS-04"}),
    ("T-order", ["b", "a", "c"]), ("T-order", ("B", "a ", "c")),
]
WRONG = [
    ("T-choice", "a"), ("T-choice", "ba"), ("T-choice", 2), ("T-choice", ["b"]),
    ("T-text", "dang ky khai sinh"), ("T-text", None),
    ("T-number", 12.7), ("T-number", "12.5"), ("T-number", True), ("T-number", float("nan")), ("T-number", [12.5]),
    ("T-rel", 205), ("T-tie", 9), ("T-tie", [8, 14]),
    ("T-date", "09/03/2025"), ("T-date", "2025-09-04"), ("T-date", 20250903), ("T-date", "32/09/2025"),
    ("T-set", ["HS-02"]), ("T-set", ["HS-02", "HS-04", "HS-06"]), ("T-set", ["HS-02", "HS-02", "HS-04"]),
    ("T-set", "HS-02, HS-04"),
    ("T-order", ["a", "b", "c"]), ("T-order", ["b", "a"]),
]


@pytest.mark.parametrize("item_id, value", RIGHT)
def test_right_answers_written_differently_pass(item_id, value, capsys):
    assert verify(item_id, value) is True
    check(item_id, value)
    assert capsys.readouterr().out.strip() == "✓ Correct"


@pytest.mark.parametrize("item_id, value", WRONG)
def test_wrong_answers_fail_verify_and_get_a_kind_hint(item_id, value, capsys):
    with pytest.raises(AssertionError):
        verify(item_id, value)
    check(item_id, value)  # never raises
    out = capsys.readouterr().out
    assert out.startswith(("✗", "…")) and "Traceback" not in out


def test_hints_are_specific_to_the_item(capsys):
    check("T-order", ["a", "b", "c"])
    assert "order" in capsys.readouterr().out
    check("T-number", 40)
    assert "hint-number" in capsys.readouterr().out
    check("T-choice", "")
    assert "No answer yet" in capsys.readouterr().out
    check("no-such-item", "b")
    assert "unknown question" in capsys.readouterr().out


class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __hash__(self):
        return 0

    def __float__(self):
        return 12.5

    def __str__(self):
        return "b"

    def lower(self):
        return "b"

    def strip(self, *args):
        return self


class StrLookalike(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


class ClassLiar:
    __class__ = property(lambda self: str)


@pytest.mark.parametrize("item_id", sorted(ITEMS))
@pytest.mark.parametrize("fake", [AlwaysEqual(), StrLookalike("zzz"), ClassLiar(), [AlwaysEqual()]],
                         ids=["always-equal", "str-subclass", "class-liar", "list-of-always-equal"])
def test_objects_claiming_equality_are_refused(item_id, fake, capsys):
    with pytest.raises(AssertionError):
        verify(item_id, fake)
    check(item_id, fake)
    assert "✓" not in capsys.readouterr().out


def test_patched_builtins_after_import_change_nothing():
    script = r'''
import builtins
from grading.checks import Item, register, verify
register(Item("B1", "choice", "b"))
register(Item("B2", "number", 12.5, tol=0.1))
class Fake:
    def __eq__(self, other): return True
    def __float__(self): return 12.5
builtins.isinstance = lambda *args: True
builtins.type = lambda *args: str
builtins.abs = lambda *args: 0
builtins.len = lambda *args: 1
builtins.any = lambda *args: True
import re, unicodedata, math
re.sub = lambda *args, **kwargs: "b"
re._compile = lambda *args, **kwargs: None
unicodedata.normalize = lambda form, text: "b"
math.isfinite = lambda x: True
results = []
for item, value in (("B1", Fake()), ("B2", 99.0), ("B2", Fake()), ("B1", "a")):
    try:
        verify(item, value)
        results.append("passed")
    except AssertionError:
        results.append("refused")
print(results)
'''
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "['refused', 'refused', 'refused', 'refused']", done.stdout + done.stderr


def test_patching_the_module_makes_verify_refuse(monkeypatch):
    monkeypatch.setattr(checks, "_judge", lambda *args, **kwargs: True)
    with pytest.raises(AssertionError, match="changed"):
        verify("T-choice", "a")
    monkeypatch.undo()
    original = checks.norm_letter.__code__
    monkeypatch.setattr(checks.norm_letter, "__code__", (lambda value: "b").__code__)
    with pytest.raises(AssertionError, match="changed"):
        verify("T-choice", "a")
    checks.norm_letter.__code__ = original


def test_the_seal_is_the_code_of_verify():
    assert checks.SEAL is verify.__code__


def test_hidden_expected_value_must_agree_with_the_registry():
    assert verify("T-choice", "b", expected="b") is True
    with pytest.raises(AssertionError, match="disagrees"):
        verify("T-choice", "a", expected="a")


def test_items_refuse_bad_definitions():
    with pytest.raises(ValueError, match="kind = 'letter'"):
        Item("X", "letter", "a")
    with pytest.raises(ValueError, match="already registered"):
        register(Item("T-choice", "choice", "c"))


def test_verify_undoes_kernel_tricks_in_a_real_ipython_shell():
    """A swallowing custom exception handler and a silenced traceback are removed before judging."""
    script = r'''
from IPython.core.interactiveshell import InteractiveShell
ip = InteractiveShell.instance()
ip.run_cell("from grading.checks import Item, register, verify")
ip.run_cell('register(Item("K", "choice", "b"))')
swallowed = []
ip.set_custom_exc((BaseException,), lambda *a, **k: swallowed.append(1))
ip.showtraceback = lambda *a, **k: None
result = ip.run_cell('verify("K", "a")')
assert not swallowed, "the custom handler was still active"
assert isinstance(result.error_in_exec, AssertionError), result.error_in_exec
assert "showtraceback" not in ip.__dict__
assert ip.custom_exceptions == ()
print("OK")
'''
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().endswith("OK"), done.stdout + done.stderr


def test_kind_errors_turn_a_missing_quote_into_one_sentence():
    script = r'''
import os
os.environ.pop("NBGRADER_EXECUTION", None)
from IPython.core.interactiveshell import InteractiveShell
ip = InteractiveShell.instance()
from grading.checks import kind_errors
kind_errors()
ip.run_cell("answer_1 = b")
'''
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert "put it between quotes" in done.stderr and '"b"' in done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_reply_criteria_recognise_a_good_reply_in_vietnamese_without_accents():
    reply = ("Kinh chao ba. Chau hieu ba lo lang.\n1. Ba dua chau can cuoc.\n2. Chau dien to khai cung ba.\n"
             "Ba co can chau giai thich lai khong? Cam on ba, chuc ba mạnh khỏe.")
    assert all(reply_criteria(reply).values()), reply_criteria(reply)


def test_reply_criteria_flag_what_is_missing():
    found = reply_criteria("Nộp hồ sơ TTHC qua DVC với tài khoản định danh điện tử mức 2 đi.")
    assert not found["greeting"] and not found["empathy"] and not found["closing"]
    assert not found["plain_language"]


def test_hint_reply_prints_hints_and_awards_nothing(capsys):
    assert checks.hint_reply("Nộp hồ sơ qua cổng dịch vụ công đi, tôi không có thời gian giải thích cho bà "
                             "đâu, về nhà mà làm.") is None
    out = capsys.readouterr().out
    assert "greeting" in out.lower() or "chào" in out.lower()
    assert checks.hint_reply(None) is None
    assert "Write your reply" in capsys.readouterr().out


@pytest.mark.parametrize("code", [
    'answer_1 = "b"', "answer_2 = 12.5", 'answer_3 = ["HS-01", "HS-02"]', "answer_4 = -3",
    'answer_5 = due_date("funeral_allowance", "24/01/2025 09:00")', "answer_6 = None\n# a comment",
    "answer_7 = date(2025, 9, 3)", "answer_8 = 250 / 560 * 10.5", 'answer_9 = percentile(log, "wait_min", 90)',
    'answer_10 = simulate_day(fewest_counters() - 1, flexible=2)["p90 wait (minutes)"]',
    "answer_11 = answer_1", 'check("C1", answer_1)', 'hint_reply("""Kính chào bà""")',
])
def test_plain_answers_pass_the_audit(code):
    helpers = ("due_date", "percentile", "simulate_day", "fewest_counters")
    assert plain_answer_problems(code, helpers=helpers, names=("log",)) == []


@pytest.mark.parametrize("code, fragment", [
    ("import builtins", "import builtins"),
    ("class Fake:\n    pass", "class Fake"),
    ('get_ipython().set_custom_exc((Exception,), None)', "get_ipython"),
    ("answer_1 = Fake()", "Fake()"),
    ("checks.verify = print", "checks.verify"),
    ("verify = print", "verify = print"),
    ("SEAL = answer_1 = 3", "SEAL"),
    ("answer_1 = log.__class__", "log.__class__"),
    ("answer_1 = [x for x in log]", "for x in log"),
    ("answer_1 = eval('1')", "eval"),
    ('answer_1 = "b', "syntax error"),
])
def test_anything_else_is_reported(code, fragment):
    problems = plain_answer_problems(code, helpers=("due_date",), names=("log",))
    assert problems and fragment in problems[0]


def test_decimal_comma_gets_its_own_hint(capsys):
    check("T-number", (12, 5))
    assert "12.5, not 12,5" in capsys.readouterr().out


def test_checks_and_course_import_without_nbgrader():
    script = ("import sys; sys.modules['nbgrader'] = None\n"
              "import grading.checks, grading.course, grading.course.communication\n"
              "assert 'nbgrader' not in [m.split('.')[0] for m in sys.modules if sys.modules[m] is not None]\n"
              "print('OK')")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "OK", done.stderr


class EqualToEverything(type):
    def __eq__(cls, other):
        return True

    __hash__ = type.__hash__


class MetaFake(metaclass=EqualToEverything):
    def __iter__(self):
        return iter(["b", "a", "c"])

    def __len__(self):
        return 3

    def __float__(self):
        return 12.5


@pytest.mark.parametrize("item_id", ["T-number", "T-order", "T-set"])
def test_a_class_whose_metaclass_equals_everything_is_refused(item_id):
    with pytest.raises(AssertionError):
        verify(item_id, MetaFake())
