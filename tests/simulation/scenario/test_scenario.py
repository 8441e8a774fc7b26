"""Scenario files: validation messages, all-at-once reporting, the CLI check and `with_values`.

Each bad file is a shipped scenario (mmc.yaml or kim-boi.yaml) with one small
edit; the test asserts the specific sentence a planner would read.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from simulation.scenario import Scenario, ScenarioError, load_scenario, parse_scenario

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def shipped_text(scenarios_dir):
    """The text of a shipped scenario file."""
    return lambda name: (scenarios_dir / name).read_text(encoding="utf-8")


def replace(old: str, new: str, count: int = 1):
    """An edit that fails loudly if the base file no longer contains `old`."""

    def edit(text: str) -> str:
        assert old in text, f"test table is stale: {old!r} not found in the base scenario"
        return text.replace(old, new, count)

    return edit


def append(extra: str):
    return lambda text: text.rstrip("\n") + "\n" + extra


def whole(new_text: str):
    return lambda text: new_text


OUTAGE = "  outages:\n    - {start: 2025-01-07T10:00:00, end: 2025-01-07T09:00:00}\n  online:\n"

# (id, base file, edit, regular expressions every one of which must match one message)
BAD_FILES = [
    ("unknown-top-level-key", "mmc.yaml", append("colour: red\n"),
     [r"^{f}: colour = 'red': unknown key; allowed keys here: schema_version, name, description, name_vi, description_vi, start_date"]),
    ("unknown-nested-key", "mmc.yaml", replace("  counter: 3", "  counters: 3"),
     [r"^{f}: staff\.counters = 3: unknown key \(did you mean 'counter'\?\); allowed keys here: counter, "
      r"back_office, guide, flexible, proficiency, counter_by_hour, counter_by_weekday$"]),
    ("unknown-key-in-official", "kim-boi.yaml", replace("{name: Quach Thi Lan,", "{nmae: Quach Thi Lan,"),
     [r"^{f}: staff\.guide\[0\]\.nmae = 'Quach Thi Lan': unknown key \(did you mean 'name'\?\); "
      r"allowed keys here: name, skills, proficiency, shift, absent$",
      r"^{f}: staff\.guide\[0\]\.name: this key is required$"]),
    ("wrong-schema-version", "mmc.yaml", replace("schema_version: 1", "schema_version: 2"),
     [r"^{f}: schema_version = 2: must be 1 \(the only version this motcua reads\)$"]),
    ("missing-schema-version", "mmc.yaml", replace("schema_version: 1\n", ""),
     [r"^{f}: schema_version: this key is required; write schema_version: 1 at the top$"]),
    ("missing-required-key", "mmc.yaml", replace("days: 30\n", ""),
     [r"^{f}: days: this key is required$"]),
    ("negative-rate", "mmc.yaml", replace("rate_per_hour: 7.5", "rate_per_hour: -1"),
     [r"^{f}: demand\.walk_in\.rate_per_hour = -1: must be at least 0$"]),
    ("hour-25", "kim-boi.yaml", replace('end: "11:30"', 'end: "25:00"'),
     [r"^{f}: hours\.sessions\[0\]\.end = '25:00': time must be written HH:MM between 00:00 and 24:00"]),
    ("unquoted-time", "kim-boi.yaml", replace('end: "11:30"', "end: 11:30"),
     [r'^{f}: hours\.sessions\[0\]\.end = 690: a time must be written HH:MM in quotes, e\.g\. "11:30"; '
      r"YAML reads an unquoted 11:30 as the number 690$"]),
    ("session-ends-before-start", "kim-boi.yaml", replace('end: "11:30"', 'end: "07:00"'),
     [r"^{f}: hours\.sessions\[0\]\.end = '07:00': must be after start '07:30'$"]),
    ("overlapping-sessions", "kim-boi.yaml", replace('start: "13:30"', 'start: "11:00"'),
     [r"^{f}: hours\.sessions\[1\]\.start = '11:00': sessions must be in order and not overlap "
      r"\(session 0 ends '11:30'\)$"]),
    ("unknown-procedure-in-mix", "mmc.yaml", replace("{certification_of_copies: 1.0}", "{certify_copies: 1.0}"),
     [r"^{f}: demand\.walk_in\.procedure_mix\.certify_copies = 1\.0: unknown procedure id "
      r"\(did you mean 'certification_of_copies'\? allowed: birth_registration, .*land_transfer_registration"]),
    ("unknown-visitor-kind", "mmc.yaml", replace("mix: {paper: 1.0}", "mix: {papr: 1.0}"),
     [r"^{f}: demand\.walk_in\.mix: key 'papr' is not allowed: must be one of 'paper', 'assisted_online', "
      r"'pickup' or 'account_help'$"]),
    ("all-zero-mix", "mmc.yaml", replace("mix: {paper: 1.0}", "mix: {paper: 0, pickup: 0}"),
     [r"^{f}: demand\.walk_in\.mix = \{'paper': 0\.0, 'pickup': 0\.0\}: give at least one positive weight$"]),
    ("bad-weekday-key", "kim-boi.yaml", replace("{mon: 1.25,", "{monday: 1.25,"),
     [r"^{f}: demand\.walk_in\.weekday_profile: key 'monday' is not allowed: must be one of 'mon', 'tue', "
      r"'wed', 'thu', 'fri', 'sat' or 'sun'$"]),
    ("hour-24-in-profile", "kim-boi.yaml", replace("16: 0.6}", "16: 0.6, 24: 1.0}"),
     [r"^{f}: demand\.walk_in\.hourly_profile\.24 = 1\.0: hour must be 0\.\.23$"]),
    ("proficiency-out-of-range", "kim-boi.yaml", replace("proficiency: 0.85", "proficiency: 7"),
     [r"^{f}: staff\.counter\[1\]\.proficiency = 7: must be at most 3$"]),
    ("head-count-neither-int-nor-list", "mmc.yaml", replace("counter: 3", "counter: three"),
     [r"^{f}: staff\.counter = 'three': must be a head count \(0\.\.200\) or a list of officials$"]),
    ("head-count-mapping", "mmc.yaml", replace("counter: 3", "counter: {n: 3}"),
     [r"^{f}: staff\.counter = \{'n': 3\}: must be a head count \(0\.\.200\) or a list of officials$"]),
    ("head-count-negative", "mmc.yaml", replace("counter: 3", "counter: -2"),
     [r"^{f}: staff\.counter = -2: a head count must be between 0 and 200$"]),
    ("official-not-a-mapping", "kim-boi.yaml", replace("- {name: Quach Thi Lan, proficiency: 1.0}", "- Quach Thi Lan"),
     [r"^{f}: staff\.guide\[0\] = 'Quach Thi Lan': must be a mapping of keys \(name, skills, proficiency, "
      r"shift, absent\)$"]),
    ("duplicate-official-names", "kim-boi.yaml", replace("Dinh Thi Mai", "Bui Van Hung"),
     [r"^{f}: staff: official name 'Bui Van Hung' is used twice; names must be unique$"]),
    ("skills-name-unknown-field", "kim-boi.yaml", replace("skills: [land, social, other]", "skills: [land, tax]"),
     [r"^{f}: staff\.back_office\[0\]\.skills\[1\] = 'tax': must be one of 'civil_status', 'certification', "
      r"'land', 'social', 'other' or 'all'$"]),
    ("all-combined-with-a-field", "kim-boi.yaml", replace("skills: [all], proficiency: 1.2",
                                                          "skills: [all, land], proficiency: 1.2"),
     [r"^{f}: staff\.counter\[0\]\.skills = \['all', 'land'\]: 'all' cannot be combined$"]),
    ("no-skills", "kim-boi.yaml", replace("skills: [land, social, other]", "skills: []"),
     [r"^{f}: staff\.back_office\[0\]\.skills = \[\]: give at least one field, or 'all'$"]),
    ("uniform-cv-too-large", "mmc.yaml", replace("{dist: exponential, mean: 20}", "{dist: uniform, mean: 20, cv: 0.9}"),
     [r"^{f}: service\.paper\.cv = 0\.9: a uniform duration needs cv at most 0\.577 \(1/sqrt\(3\)\)"]),
    ("shift-ends-before-start", "kim-boi.yaml",
     replace("{name: Xa Thi Hoa,", '{shift: {start: "13:00", end: "08:00"}, name: Xa Thi Hoa,'),
     [r"^{f}: staff\.back_office\[1\]\.shift\.end = '08:00': must be after start '13:00'$"]),
    ("number-as-key", "mmc.yaml", append("1: one\n"),
     [r"^{f}: \(top level\): key 1 is not allowed: keys must be text$"]),
    ("duplicate-yaml-key", "mmc.yaml", append("days: 3\n"),
     [r"^{f}: line 30, column 1: not valid YAML: key 'days' is written twice \(first on line 12\)$"]),
    ("invalid-yaml-syntax", "mmc.yaml", replace("  counter: 3", "  counter: [3"),
     [r"^{f}: line \d+, column \d+: not valid YAML: expected ',' or '\]'.*opened on line 29\)$"]),
    ("outage-ends-before-start", "mmc.yaml", replace("  online:\n", OUTAGE),
     [r"^{f}: demand\.outages\[0\]\.end = '2025-01-07 09:00:00': must be after start '2025-01-07 10:00:00'$"]),
    ("outage-unknown-procedure", "mmc.yaml",
     replace("  online:\n", "  outages:\n    - {start: 2025-01-07T08:00:00, end: 2025-01-07T09:00:00, "
                            "procedures: [land_transfer_registration, land_tranfer]}\n  online:\n"),
     [r"^{f}: demand\.outages\[0\]\.procedures\[1\] = 'land_tranfer': unknown procedure id "
      r"\(did you mean 'land_transfer_registration'\?"]),
    ("warmup-not-less-than-days", "mmc.yaml", replace("warmup_days: 2", "warmup_days: 30"),
     [r"^{f}: warmup_days = 30: must be less than days \(30\)$"]),
    ("counter-by-hour-above-officials", "mmc.yaml", replace("counter: 3", "counter: 3\n  counter_by_hour: {9: 5}"),
     [r"^{f}: staff\.counter_by_hour\.9 = 5: must be 0\.\.3 \(counter officials\)$"]),
    ("make-up-day-also-a-day-off", "kim-boi.yaml",
     replace("  country: VN", "  country: VN\n  make_up_days: [2025-07-05]\n  extra_days_off: [2025-07-05]"),
     [r"^{f}: calendar\.make_up_days\[0\] = '2025-07-05': also in calendar\.extra_days_off: a date can be only "
      r"one of them$"]),
    ("bad-date", "mmc.yaml", replace("start_date: 2025-01-06", "start_date: 2025-13-06"),
     [r"^{f}: start_date = '2025-13-06': must be a date written YYYY-MM-DD$"]),
    ("outage-procedures-neither-list-nor-all", "mmc.yaml",
     replace("  online:\n", "  outages:\n    - {start: 2025-01-07T08:00:00, end: 2025-01-07T09:00:00, "
                            "procedures: some}\n  online:\n"),
     [r"^{f}: demand\.outages\[0\]\.procedures = 'some': must be a list of procedure ids or 'all'$"]),
    ("text-for-a-number", "kim-boi.yaml", replace("scan_min: 2", "scan_min: two"),
     [r"^{f}: equipment\.scan_min = 'two': must be a number$"]),
    ("extends-missing-file", "mmc.yaml", append("extends: nowhere.yaml\n"),
     [r"^{f}: extends = 'nowhere.yaml': no such file next to {f}$"]),
    ("extends-itself", "mmc.yaml", append("extends: extends-itself.yaml\n"),
     [r"^{f}: extends = 'extends-itself.yaml': scenarios extend each other in a loop$"]),
    ("non-mapping-file", "mmc.yaml", whole("- schema_version: 1\n- name: a list\n"),
     [r"^{f}: the file must be a mapping of keys, got list$"]),
    ("empty-file", "mmc.yaml", whole("# nothing here\n"),
     [r"^{f}: the file is empty; a scenario is a mapping that starts with schema_version: 1$"]),
]


@pytest.mark.parametrize(("case", "base", "edit", "patterns"), BAD_FILES, ids=[row[0] for row in BAD_FILES])
def test_bad_scenario_file_gives_its_specific_message(tmp_path, case, base, edit, patterns, shipped_text):
    path = tmp_path / f"{case}.yaml"
    path.write_text(edit(shipped_text(base)), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    messages = info.value.messages
    assert messages, "a ScenarioError must carry at least one message"
    for message in messages:
        assert message.startswith(f"{path.name}:"), message
        assert "\n" not in message
    for pattern in patterns:
        regex = re.compile(pattern.replace("{f}", re.escape(path.name)))
        assert any(regex.search(m) for m in messages), f"{pattern!r} not in {messages}"
    assert len(messages) == len(patterns), messages  # the edit causes exactly these problems, no noise


def test_bad_file_table_is_large_enough():
    assert len(BAD_FILES) >= 20
    assert len({row[0] for row in BAD_FILES}) == len(BAD_FILES)


def test_union_branch_errors_merge_into_one_line(tmp_path, shipped_text):
    path = tmp_path / "team.yaml"
    path.write_text(replace("counter: 3", "counter: 2.5")(shipped_text("mmc.yaml")))
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert info.value.messages == [
        "team.yaml: staff.counter = 2.5: must be a head count (0..200) or a list of officials"
    ]


def test_missing_file_lists_the_shipped_scenarios(tmp_path, scenarios_dir):
    missing = tmp_path / "nowhere.yaml"
    with pytest.raises(ScenarioError, match=r"no such scenario file \(shipped scenarios: .*kim-boi.*mmc") as info:
        load_scenario(missing)
    assert info.value.messages[0].startswith(str(missing))
    for path in scenarios_dir.glob("*.yaml"):
        assert path.stem in info.value.messages[0]


def test_shipped_scenario_found_by_bare_name():
    assert load_scenario("mmc").source == "mmc.yaml"


def test_a_file_that_extends_another_is_checked_under_its_own_name(tmp_path, shipped_text):
    (tmp_path / "mmc.yaml").write_text(shipped_text("mmc.yaml"))
    child = tmp_path / "busier.yaml"
    child.write_text("extends: mmc.yaml\nname: busier\ndays: 0\ndemand:\n  walk_in:\n    rate_pr_hour: 9\n")
    with pytest.raises(ScenarioError) as info:
        load_scenario(child)
    assert info.value.messages == [
        "busier.yaml: days = 0: must be at least 1",
        "busier.yaml: demand.walk_in.rate_pr_hour = 9: unknown key (did you mean 'rate_per_hour'?); allowed keys "
        "here: rate_per_hour, hourly_profile, weekday_profile, mix, procedure_mix, priority_share, balk_at, patience, "
        "incomplete_share, return_within_days",
    ]
    child.write_text("extends: mmc.yaml\nname: busier\ndemand:\n  walk_in:\n    rate_per_hour: 9\n")
    busier = load_scenario(child)
    assert (busier.name, busier.demand.walk_in.rate_per_hour, busier.staff.counter) == ("busier", 9, 3)


def test_every_error_in_a_file_is_reported_at_once(tmp_path, shipped_text):
    text = shipped_text("kim-boi.yaml")
    for edit in (
        replace("days: 31", "days: 0"),
        replace("rate_per_hour: 3.7", "rate_per_hour: -3.7"),
        replace("proficiency: 0.85", "proficiency: 7"),
        replace("  counter:", "  countr:"),
        replace("mix:\n      paper: 0.02", "mix:\n      papr: 0.02"),
        replace('end: "11:30"', 'end: "25:00"'),
        append("colour: red\n"),
    ):
        text = edit(text)
    path = tmp_path / "many.yaml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    messages = info.value.messages
    expected = [
        "many.yaml: days = 0: must be at least 1",
        "many.yaml: demand.walk_in.rate_per_hour = -3.7: must be at least 0",
        "many.yaml: demand.walk_in.mix: key 'papr' is not allowed",
        "many.yaml: hours.sessions[0].end = '25:00'",
        "many.yaml: staff.countr = ",
        "many.yaml: colour = 'red': unknown key",
    ]
    for start in expected:
        assert sum(m.startswith(start) for m in messages) == 1, (start, messages)
    assert len(messages) == len(expected), messages
    assert str(info.value) == "\n".join(messages)


def test_cross_field_problems_are_reported_together(tmp_path, shipped_text):
    text = shipped_text("mmc.yaml")
    for edit in (
        replace("warmup_days: 2", "warmup_days: 40"),
        replace("{certification_of_copies: 1.0}", "{certify_copies: 1.0}"),
        replace("counter: 3", "counter: 3\n  counter_by_hour: {9: 4, 30: 1}"),
    ):
        text = edit(text)
    with pytest.raises(ScenarioError) as info:
        parse_scenario(yaml.safe_load(text), source="cross.yaml")
    starts = [m.split(" =")[0] for m in info.value.messages]
    assert starts == [
        "cross.yaml: demand.walk_in.procedure_mix.certify_copies",
        "cross.yaml: warmup_days",
        "cross.yaml: staff.counter_by_hour.9",
        "cross.yaml: staff.counter_by_hour.30",
    ]


WRONG_VALUES = ["x", -1, [1], {"a": 1}, None, True, 1e9, [{"name": 3}], "07:30"]


def test_any_wrong_value_anywhere_gives_only_scenario_errors(kim_boi):
    """Robustness: every settable path, several wrong values: one-line, file-named messages, no crash."""
    from simulation.scenario.paths import apply_values, field_paths

    data = kim_boi.model_dump(mode="json")
    refused = 0
    for path in field_paths(Scenario):
        for value in WRONG_VALUES:
            changed = apply_values(data, {path: value}, Scenario)
            try:
                parse_scenario(changed, source="f.yaml")
            except ScenarioError as exc:
                refused += 1
                assert exc.messages
                for message in exc.messages:
                    assert message.startswith("f.yaml: ") and "\n" not in message, message
    assert refused > len(field_paths(Scenario)) * 3  # most wrong values are refused; strings and numbers fit some keys


def test_scenario_error_is_a_value_error():
    with pytest.raises(ValueError, match=r"^memo: the file must be a mapping of keys, got str$"):
        parse_scenario("schema_version: 1", source="memo")


# ------------------------------------------------------------------ the command line


def _cli(argv: list[str]) -> int:
    from motcua.cli import main

    try:
        return main(argv)
    except SystemExit as exc:  # argparse and some front doors exit instead of returning
        return exc.code


def test_cli_check_bad_file_exits_2_with_every_message_and_no_traceback(tmp_path, capsys, shipped_text):
    path = tmp_path / "broken.yaml"
    text = append("colour: red\n")(replace("rate_per_hour: 7.5", "rate_per_hour: -1")(shipped_text("mmc.yaml")))
    path.write_text(text)
    code = _cli(["sim", "check", str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "broken.yaml: demand.walk_in.rate_per_hour = -1: must be at least 0" in err
    assert "broken.yaml: colour = 'red': unknown key" in err
    assert "Traceback" not in out + err


@pytest.mark.parametrize("content", ["days: [unclosed\n", "- just\n- a list\n"], ids=["yaml-syntax", "not-mapping"])
def test_cli_check_unreadable_file_exits_2_without_traceback(tmp_path, capsys, content):
    path = tmp_path / "odd.yaml"
    path.write_text(content)
    code = _cli(["sim", "check", str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "odd.yaml:" in err
    assert "Traceback" not in out + err


def test_cli_check_missing_file_exits_2(tmp_path, capsys):
    code = _cli(["sim", "check", str(tmp_path / "absent.yaml")])
    out, err = capsys.readouterr()
    assert code == 2
    assert "no such scenario file" in err and "kim-boi" in err
    assert "Traceback" not in out + err


def test_cli_check_good_file_exits_0(capsys, scenarios_dir):
    code = _cli(["sim", "check", str(scenarios_dir / "mmc.yaml")])
    out, err = capsys.readouterr()
    assert code == 0
    assert "mmc.yaml" in out
    assert "Traceback" not in out + err


# ------------------------------------------------------------------ with_values


@pytest.fixture(scope="module")
def kim_boi(scenarios_dir) -> Scenario:
    return load_scenario(scenarios_dir / "kim-boi.yaml")


@pytest.fixture(scope="module")
def mmc(scenarios_dir) -> Scenario:
    return load_scenario(scenarios_dir / "mmc.yaml")


def test_with_values_unknown_path_names_path_and_allowed_keys(kim_boi):
    with pytest.raises(ScenarioError) as info:
        kim_boi.with_values({"staff.counters": 3})
    assert info.value.messages == [
        "kim-boi.yaml: unknown field path 'staff.counters': 'counters' is not a key of staff "
        "(allowed: counter, back_office, guide, flexible, proficiency, counter_by_hour, counter_by_weekday)"
    ]


def test_with_values_bad_value_is_reported_like_a_bad_file(kim_boi):
    with pytest.raises(ScenarioError) as info:
        kim_boi.with_values({"staff.counter[1].proficiency": 7, "demand.walk_in_scale": -1})
    assert sorted(info.value.messages) == [
        "kim-boi.yaml: demand.walk_in_scale = -1: must be at least 0",
        "kim-boi.yaml: staff.counter[1].proficiency = 7: must be at most 3",
    ]


def test_with_values_bad_cross_field_value_is_reported(mmc):
    with pytest.raises(ScenarioError, match=r"^mmc\.yaml: warmup_days = 30: must be less than days \(30\)$"):
        mmc.with_values({"warmup_days": 30})


def test_with_values_head_count_replaces_a_list_of_officials(kim_boi):
    assert isinstance(kim_boi.staff.counter, list)
    changed = kim_boi.with_values({"staff.counter": 4})
    assert changed.staff.counter == 4
    assert kim_boi.staff.counter[0].name == "Bui Van Hung"  # the original is untouched (frozen)
    assert changed.staff.back_office == kim_boi.staff.back_office


def test_with_values_list_replaces_a_head_count(mmc):
    changed = mmc.with_values({"staff.counter": [{"name": "An", "proficiency": 1.5}]})
    assert [(o.name, o.proficiency) for o in changed.staff.counter] == [("An", 1.5)]


def test_with_values_sets_one_official_by_index(kim_boi):
    changed = kim_boi.with_values({"staff.counter[1].proficiency": 1.1, "hours.sessions.0.end": "12:00"})
    assert changed.staff.counter[1].proficiency == 1.1
    assert changed.staff.counter[0] == kim_boi.staff.counter[0]
    assert changed.hours.sessions[0].end_min == 12 * 60


def test_with_values_index_into_a_head_count_is_explained(mmc):
    with pytest.raises(ScenarioError, match=r"staff\.counter = 3 has no entries; replace staff\.counter as a whole"):
        mmc.with_values({"staff.counter[0].proficiency": 2})


def test_with_values_keeps_source_and_round_trips(kim_boi):
    same = kim_boi.with_values({})
    assert same == kim_boi
    assert same.source == "kim-boi.yaml"
    again = parse_scenario(same.model_dump(mode="json"), source="copy.yaml")
    assert again.model_dump() == kim_boi.model_dump()


def test_scenario_is_frozen(kim_boi):
    with pytest.raises(Exception, match="frozen"):
        kim_boi.days = 3


# ------------------------------------------------------------------ shipped files


def test_every_shipped_scenario_loads_and_round_trips(shipped_scenario):
    path = shipped_scenario
    scenario = load_scenario(path)
    assert scenario.source == path.name
    assert scenario.schema_version == 1
    dumped = scenario.model_dump(mode="json")
    assert parse_scenario(dumped, source=path.name) == scenario


def test_shipped_scenarios_include_the_required_ones(scenarios_dir):
    names = {p.stem for p in scenarios_dir.glob("*.yaml")}
    assert {"kim-boi", "mmc"} <= names


def test_with_values_sets_an_hour_of_a_profile(kim_boi):
    changed = kim_boi.with_values({"demand.walk_in.hourly_profile.9": 2.0, "demand.walk_in.hourly_profile[12]": 0.1})
    profile = changed.demand.walk_in.hourly_profile
    assert profile[9] == 2.0 and profile[12] == 0.1
    assert profile[8] == kim_boi.demand.walk_in.hourly_profile[8]
    assert set(profile) == set(kim_boi.demand.walk_in.hourly_profile) | {12}


# ------------------------------------------------------------------ the formatter on its own


def test_format_pydantic_errors_merges_any_union_and_explains_limits():
    from typing import Literal

    from pydantic import BaseModel, ConfigDict, Field, ValidationError

    from simulation.scenario.errors import format_pydantic_errors

    class Inner(BaseModel):
        model_config = ConfigDict(extra="forbid")
        size: int = Field(ge=1, le=9)

    class Outer(BaseModel):
        model_config = ConfigDict(extra="forbid")
        team: int | list[Inner]
        mode: Literal["fast"] | float
        when: int = 0

    with pytest.raises(ValidationError) as info:
        Outer.model_validate({"team": [{"size": 12}, {"sise": 1}], "mode": "slow", "when": 1.5, "other": 1})
    assert format_pydantic_errors(info.value, "o.yaml", Outer) == [
        "o.yaml: team[0].size = 12: must be at most 9",
        "o.yaml: team[1].size: this key is required",
        "o.yaml: team[1].sise = 1: unknown key (did you mean 'size'?); allowed keys here: size",
        "o.yaml: mode = 'slow': must be 'fast' or a number",
        "o.yaml: when = 1.5: must be a whole number",
        "o.yaml: other = 1: unknown key; allowed keys here: team, mode, when",
    ]


def test_a_scenario_has_a_vietnamese_title_and_a_renamed_child_does_not_inherit_it(tmp_path):
    from simulation.i18n import use_language

    base = load_scenario("kim-boi")
    assert base.title("vi") == "Trung tâm Phục vụ hành chính công xã Kim Bôi, tháng 7/2025"
    assert base.title("en") == base.name and "705" in base.summary("vi") and "hồ sơ" in base.summary("vi")
    with use_language("vi"):
        assert base.title() == base.name_vi
    shipped = load_scenario("kim-boi").source
    (tmp_path / "kim-boi.yaml").write_text((ROOT / "scenarios" / shipped).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "child.yaml").write_text("extends: kim-boi.yaml\nname: My commune, July\n", encoding="utf-8")
    child = load_scenario(tmp_path / "child.yaml")
    assert child.name_vi == "" and child.title("vi") == "My commune, July"      # not Kim Bôi's name
    assert child.description_vi == base.description_vi                          # the description was kept
