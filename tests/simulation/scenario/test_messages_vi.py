"""A planner who reads Vietnamese gets every scenario, --set and --target problem in Vietnamese.

Each bad input below is one small edit of a shipped scenario (or one bad option). In Vietnamese the message
still names the file, the key path and the bad value (they are written as in the file), says what is allowed
in Vietnamese, and keeps no English word outside the names, keys and values it quotes; in English it is
the sentence the English tables (test_scenario.py, test_sweeps.py, test_planner.py) pin, so the two differ.
"""
from __future__ import annotations

import re

import pytest

from exercises.untranslated import english_leftovers
from simulation.errors import SimulationError
from simulation.i18n import use_language

# (id, base file, old text, new text, what the Vietnamese message must hold: key, value, words)
BAD_FILES = [
    ("bad-yaml", "mmc.yaml", "  counter: 3", "  counter: [3",
     ["dòng 30, cột 1", "YAML không hợp lệ", "thiếu dấu ',' hoặc ']'", "danh sách viết trong ngoặc vuông",
      "từ dòng 29"]),
    ("key-twice", "mmc.yaml", "warmup_days: 2", "warmup_days: 2\ndays: 3",
     ["YAML không hợp lệ", "khóa 'days' được viết hai lần (lần đầu ở dòng 12)"]),
    ("unknown-key", "mmc.yaml", "warmup_days: 2", "warmup_days: 2\ncolour: red",
     ["colour = 'red'", "khóa không hợp lệ", "các khóa được dùng ở đây: schema_version"]),
    ("did-you-mean", "mmc.yaml", "  counter: 3", "  counters: 3",
     ["staff.counters = 3", "có phải là 'counter'?"]),
    ("below-range", "mmc.yaml", "rate_per_hour: 7.5", "rate_per_hour: -1",
     ["demand.walk_in.rate_per_hour = -1", "phải từ 0 trở lên"]),
    ("above-range", "kim-boi.yaml", "proficiency: 0.85", "proficiency: 7",
     ["staff.counter[1].proficiency = 7", "tối đa là 3"]),
    ("wrong-type", "kim-boi.yaml", "scan_min: 2", "scan_min: two", ["equipment.scan_min = 'two'", "phải là một số"]),
    ("head-count", "mmc.yaml", "counter: 3", "counter: three",
     ["staff.counter = 'three'", "phải là một số người (0..200) hoặc một danh sách công chức"]),
    ("bad-date", "mmc.yaml", "start_date: 2025-01-06", "start_date: 2025-13-06",
     ["start_date = '2025-13-06'", "phải là một ngày, viết dạng YYYY-MM-DD"]),
    ("not-a-visitor-kind", "mmc.yaml", "mix: {paper: 1.0}", "mix: {papr: 1.0}",
     ["demand.walk_in.mix", "khóa 'papr' không hợp lệ", "'pickup' hoặc 'account_help'"]),
    ("no-working-weekday", "kim-boi.yaml", "  country: VN", "  country: VN\n  working_weekdays: []",
     ["calendar.working_weekdays = []", "hãy ghi ít nhất một ngày làm việc trong tuần"]),
    ("unquoted-time", "kim-boi.yaml", 'end: "11:30"', "end: 11:30",
     ["hours.sessions[0].end = 690", "trong dấu ngoặc kép", "YAML đọc 11:30 thành số 690"]),
    ("warmup", "mmc.yaml", "warmup_days: 2", "warmup_days: 30", ["warmup_days = 30", "phải nhỏ hơn", "(30)"]),
    ("unknown-procedure", "mmc.yaml", "{certification_of_copies: 1.0}", "{certify_copies: 1.0}",
     ["demand.walk_in.procedure_mix.certify_copies = 1.0", "mã thủ tục không có trong danh mục",
      "có phải là 'certification_of_copies'?"]),
    ("bad-extends", "mmc.yaml", "warmup_days: 2", "warmup_days: 2\nextends: nowhere.yaml",
     ["extends = 'nowhere.yaml'", "không có tệp này cùng thư mục với bad-extends.yaml"]),
    ("not-a-mapping", "mmc.yaml", None, "- schema_version: 1\n- name: a list\n",
     ["tệp phải là một bảng khóa", "danh sách"]),
]


def prose(message: str, names: list[str]) -> str:
    """What must read as Vietnamese: the message without the file's name, keys, identifiers and quoted values."""
    for name in names:
        message = message.replace(name, " ")
    message = re.sub(r"'[^']*'", " ", message)                          # values and keys as the file writes them
    return re.sub(r"\S*[_.\[\]=<>]\S*", " ", message)                   # key paths, ids, options, a = b


def _messages(run) -> list[str]:
    with pytest.raises(SimulationError) as info:
        run()
    return list(info.value.messages)


@pytest.mark.parametrize(("case", "base", "old", "new", "expected"), BAD_FILES, ids=[row[0] for row in BAD_FILES])
def test_a_bad_scenario_file_is_explained_in_vietnamese(tmp_path, scenarios_dir, case, base, old, new, expected):
    from simulation.scenario import load_scenario

    text = (scenarios_dir / base).read_text(encoding="utf-8")
    assert old is None or old in text, f"test table is stale: {old!r} not in {base}"
    path = tmp_path / f"{case}.yaml"
    path.write_text(text.replace(old, new, 1) if old else new, encoding="utf-8")
    with use_language("vi"):
        vietnamese = _messages(lambda: load_scenario(path))
    with use_language("en"):
        english = _messages(lambda: load_scenario(path))
    assert len(vietnamese) == len(english) == 1, vietnamese
    message = vietnamese[0]
    assert message.startswith(f"{path.name}: ") and "\n" not in message
    for part in expected:
        assert part in message, (part, message)
    assert english_leftovers(prose(message, [path.name])) == [], message
    assert message != english[0]


BAD_OPTIONS = [
    ("set-unknown-path", "setting", "staff.countr=1..3",
     ["'staff.countr'", "'countr' không phải là khóa của staff", "các khóa được dùng: counter"]),
    ("set-no-equals", "setting", "staff.counter", ["--set 'staff.counter'", "hãy viết"]),
    ("set-range-backwards", "setting", "staff.counter=3..1", ["'3..1'", "điểm cuối 1 nhỏ hơn điểm đầu 3"]),
    ("target-wrong-direction", "target", "wait_p90 > 15min",
     ["'wait_p90 > 15min'", "thêm người thì wait_p90 giảm", "'wait_p90 <= ...'"]),
    ("target-percent-of-a-time", "target", "wait_p90 < 15%", ["'wait_p90 < 15%'", "không phải tỷ lệ phần trăm"]),
    ("target-unknown-kpi", "target", "wait_p9 <= 15min", ["'wait_p9'", "không phải chỉ số", "wait_p90"]),
    ("target-unreadable", "target", "wait under 15", ["'wait under 15'", "hãy viết CHỈ_SỐ <= GIÁ_TRỊ"]),
]


@pytest.mark.parametrize(("case", "kind", "text", "expected"), BAD_OPTIONS, ids=[row[0] for row in BAD_OPTIONS])
def test_a_bad_set_or_target_is_explained_in_vietnamese(case, kind, text, expected):
    from simulation.experiments.sweeps import parse_setting
    from simulation.experiments.targets import parse_target

    parse = parse_setting if kind == "setting" else parse_target
    with use_language("vi"):
        vietnamese = _messages(lambda: parse(text))
    with use_language("en"):
        english = _messages(lambda: parse(text))
    message = vietnamese[0]
    for part in expected:
        assert part in message, (part, message)
    assert english_leftovers(prose(message, [])) == [], message
    assert message != english[0]


def test_the_strip_leaves_english_prose_to_be_found():
    """The check above can fail: an English message keeps its stop-words once names and keys are set aside."""
    message = "bad.yaml: warmup_days = 30: must be less than days (30)"
    assert english_leftovers(prose(message, ["bad.yaml"])) == ["must"]
