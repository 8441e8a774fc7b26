"""The key's hints speak every course language: frozen in both, handed out in the notebooks' language, and a key
frozen before (an English hint only) still works."""
import json

import pytest

from grading.course.sheet import open_sheet, practice_key_file
from grading.key import MODULES, Key, keys_of
from grading.key.frozen import FORMAT, entry, practice_copy

ALL_KEYS = [key for assignment in MODULES for key in keys_of(assignment).values()]


@pytest.mark.parametrize("key", ALL_KEYS, ids=lambda k: k.item_id)
def test_every_hint_has_a_vietnamese_translation(key):
    hints = key.hints()
    assert set(hints) == {"en", "vi"}
    assert hints["vi"] and hints["vi"] != hints["en"], f"{key.item_id}: hint not translated: {key.hint!r}"
    assert "{" not in hints["vi"] and "{" not in hints["en"], "every placeholder is filled"


def test_a_hint_with_a_value_is_filled_in_both_languages():
    q9 = keys_of("queues")["Q9"]
    target = str(dict(q9.hint_values)["target"])
    assert target in q9.hints()["en"] and target in q9.hints()["vi"] and "phút" in q9.hints()["vi"]


def frozen(hint="Reneging happens while waiting in line.", **fields):
    key = Key("Q8", "choice", "a", hint=hint, **fields)
    return {"format": FORMAT, "assignment": "queues", "frozen": "2026-01-01T00:00:00+00:00", "versions": {},
            "notebooks": {"queues": {"test_8": "Q8"}}, "items": {"Q8": entry(key)}}


def test_the_key_freezes_each_hint_in_every_language():
    assert frozen()["items"]["Q8"]["hint"] == {
        "en": "Reneging happens while waiting in line.",
        "vi": "Bỏ về trước khi được gọi (reneged) xảy ra khi người dân đang chờ trong hàng."}


@pytest.mark.parametrize("language, hint", [
    ("vi", "Bỏ về trước khi được gọi (reneged) xảy ra khi người dân đang chờ trong hàng."),
    ("en", "Reneging happens while waiting in line."),
])
def test_the_practice_key_gives_the_hint_in_the_notebooks_language(language, hint):
    copy = practice_copy(frozen(), language)
    assert copy["items"]["Q8"]["hint"] == hint
    assert copy["mode"] == "practice" and "notebooks" not in copy and "versions" not in copy


def test_an_old_key_with_an_english_hint_gives_a_translated_practice_key():
    old = frozen()
    old["format"] = 1
    old["items"]["Q8"]["hint"] = "Reneging happens while waiting in line."
    assert practice_copy(old, "vi")["items"]["Q8"]["hint"].startswith("Bỏ về trước khi được gọi")


@pytest.mark.parametrize("hint", [
    {"en": "Reneging happens while waiting in line.", "vi": "Bỏ về trước khi được gọi (reneged) xảy ra khi người "
                                                             "dân đang chờ trong hàng."},
    "Reneging happens while waiting in line.",  # a practice key handed out before hints were translated
])
def test_the_vietnamese_sheet_says_the_hint_in_vietnamese_whatever_the_practice_key_format(tmp_path, hint):
    key = {"mode": "practice", "items": {"Q8": {"kind": "choice", "expected": "a", "hint": hint}}}
    practice_key_file("queues", tmp_path).write_text(json.dumps(key), encoding="utf-8")
    sheet = open_sheet("queues", tmp_path, lang="vi")
    sheet.ask(8, "Q8", "choice", options="abcd")
    sheet.boxes["Q8"].set("b")
    assert sheet.boxes["Q8"].feedback.value == ("✗ Chưa đúng (b). Bỏ về trước khi được gọi (reneged) xảy ra khi "
                                                "người dân đang chờ trong hàng.")
