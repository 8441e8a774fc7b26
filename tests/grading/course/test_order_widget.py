"""An order question answered by clicking steps or by typing them: the same recorded value either way."""
import json

import pytest

from grading.course.ordering import StepOrder, typed_letters
from grading.course.sheet import open_sheet

STEPS = "abcde"


@pytest.mark.parametrize("text, letters", [
    ("b a c e d", list("baced")), ("b, a, c, e, d", list("baced")), ("B,A,C,E,D", list("baced")),
    ("  b ,a;c  e,d ", list("baced")), ("bacED", list("baced")), ("b) a) c) e) d)", list("baced")),
    ("b -> a -> c -> e -> d", list("baced")), ("b → a", ["b", "a"]), ("", []), (" , ", []),
    ("b x", ["b", "x"]), ("bax", ["bax"]), ("b a a", ["b", "a", "a"]),
])
def test_typed_letters_forgive_spaces_commas_and_case(text, letters):
    assert typed_letters(text, STEPS) == letters


def test_clicking_places_each_step_next_and_the_last_one_by_itself():
    order = StepOrder(STEPS)
    for letter in "bac":
        order.click(letter)
    assert order.placed == list("bac") and order.partial and order.remaining == ["d", "e"]
    order.click("a")  # placed already: nothing changes
    order.click("z")  # not a step
    assert order.placed == list("bac")
    order.click("e")
    assert order.placed == list("baced") and order.complete and not order.partial
    assert order.raw() == list("baced") and order.text() == "b, a, c, e, d"


def test_undo_takes_back_the_last_choice_and_start_again_empties():
    order = StepOrder(STEPS, list("baced"))
    order.undo()  # back to a real choice: d and e both open again
    assert order.placed == list("bac") and order.remaining == ["d", "e"]
    order.undo()
    assert order.placed == list("ba")
    order.clear()
    assert order.placed == [] and order.raw() == []
    order.undo()
    assert order.placed == []


def test_a_click_after_a_mistyped_box_builds_on_the_steps_only():
    order = StepOrder(STEPS)
    order.type("b x b")
    assert not order.partial and order.raw() == ["b", "x", "b", "", ""]
    order.click("a")
    assert order.placed == ["b", "a"]


def test_raw_pads_empty_places_as_the_numbered_places_did():
    order = StepOrder(STEPS)
    order.type("b a")
    assert order.raw() == ["b", "a", "", "", ""]


@pytest.mark.parametrize("letters", ["", "aab"])
def test_steps_must_be_distinct_letters(letters):
    with pytest.raises(ValueError, match="give each step's letter once"):
        StepOrder(letters)


def _box(tmp_path, lang="en"):
    sheet = open_sheet("communication", tmp_path, lang=lang)
    sheet.ask(3, "C3", "order", options=STEPS)
    return sheet, sheet.boxes["C3"]


def _recorded(tmp_path):
    return json.loads((tmp_path / "communication.answers.json").read_text(encoding="utf-8"))["answers"]


def test_clicked_and_typed_orders_are_recorded_identically(tmp_path):
    clicked, typed = tmp_path / "clicked", tmp_path / "typed"
    clicked.mkdir(), typed.mkdir()
    sheet, box = _box(clicked)
    for letter in "bace":  # d is placed by itself
        box.order.steps[letter].click()
    assert box.feedback.value == "✓ Recorded: b, a, c, e, d. It will be marked after you submit."
    assert box.order.typed.value == "b, a, c, e, d"  # the box follows the clicks
    assert [b.disabled for b in box.order.steps.values()] == [True] * 5
    other, box2 = _box(typed)
    box2.order.typed.value = " B a,c  e d"
    assert box2.feedback.value == box.feedback.value
    assert [b.disabled for b in box2.order.steps.values()] == [True] * 5  # the buttons follow the typing
    assert box2.order.typed.value == " B a,c  e d", "the box is never rewritten while typing"
    assert _recorded(clicked) == _recorded(typed) == {"C3": list("baced")}
    assert "<b>1.&nbsp;b</b>" in box.order.shown.value and "<b>5.&nbsp;d</b>" in box.order.shown.value


def test_an_unfinished_order_is_not_recorded_and_says_how_many_steps_are_left(tmp_path):
    sheet, box = _box(tmp_path)
    box.set(list("baced"))
    box.order.undo.click()
    assert box.feedback.value == ("Steps still to place: 2. The order is recorded once every step has its "
                                  "place.")
    assert _recorded(tmp_path) == {}
    box.order.typed.value = "b a b"
    assert box.feedback.value == "✗ Not recorded: Each letter can be used once; b is chosen twice."
    box.order.again.click()
    assert box.feedback.value == "No answer yet." and box.order.typed.value == ""
    assert _recorded(tmp_path) == {}


def test_a_recorded_order_is_shown_again_when_the_cell_runs_again(tmp_path):
    sheet, box = _box(tmp_path)
    box.order.typed.value = "b a c e d"
    again, box2 = _box(tmp_path)
    assert box2.order.typed.value == "b, a, c, e, d" and box2.order.order.complete
    assert box2.feedback.value.startswith("✓ Recorded: b, a, c, e, d.")


def test_the_vietnamese_order_box(tmp_path):
    sheet, box = _box(tmp_path, lang="vi")
    labels = [box.order.undo.description, box.order.again.description, box.order.typed.placeholder]
    assert labels == ["Xoá bước cuối", "Làm lại từ đầu",
                      "cách nhau bằng dấu cách hoặc dấu phẩy"]
    box.order.steps["b"].click()
    assert box.feedback.value.startswith("Còn 4 bước chưa xếp.")


def _used(box):
    """The steps whose buttons look used: disabled and ticked (never one without the other)."""
    looks = {x: (b.disabled, b.icon == "check") for x, b in box.order.steps.items()}
    assert all(disabled == ticked for disabled, ticked in looks.values()), looks
    return "".join(x for x, (disabled, _) in looks.items() if disabled)


def test_a_placed_step_looks_used_until_undo_or_start_again_frees_it(tmp_path):
    _sheet, box = _box(tmp_path)
    assert _used(box) == ""
    box.order.steps["b"].click()
    box.order.steps["a"].click()
    assert _used(box) == "ab"
    box.order.steps["b"].click()  # a used button does nothing (JupyterLab ignores a click on a disabled one)
    assert _used(box) == "ab" and box.order.order.placed == ["b", "a"]
    box.order.undo.click()
    assert _used(box) == "b"
    for letter in "ace":  # d placed by itself
        box.order.steps[letter].click()
    assert _used(box) == STEPS
    box.order.undo.click()  # takes back e and the d placed with it
    assert _used(box) == "abc"
    box.order.again.click()
    assert _used(box) == "" and box.order.order.placed == []
    box.order.typed.value = "c, a"  # typing uses the steps too
    assert _used(box) == "ac"
    box.order.typed.value = ""
    assert _used(box) == ""
