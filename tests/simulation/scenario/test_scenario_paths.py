"""Dotted field paths (simulation.scenario.paths): parsing, checking against the schema, applying."""
from __future__ import annotations

import pytest

from simulation.scenario import Scenario, ScenarioError
from simulation.scenario.paths import apply_values, check_path, field_paths, split_path


@pytest.mark.parametrize(
    ("path", "parts"),
    [
        ("days", ["days"]),
        ("staff.counter", ["staff", "counter"]),
        ("staff.counter[2].proficiency", ["staff", "counter", 2, "proficiency"]),
        ("staff.counter.2.proficiency", ["staff", "counter", 2, "proficiency"]),
        ("hours.sessions[0].end", ["hours", "sessions", 0, "end"]),
        ("demand.walk_in.hourly_profile.9", ["demand", "walk_in", "hourly_profile", 9]),
    ],
)
def test_split_path(path, parts):
    assert split_path(path) == parts


def test_field_paths_reach_leaves_and_teams():
    paths = field_paths(Scenario)
    for expected in ("days", "staff.counter", "demand.walk_in.rate_per_hour", "demand.walk_in_scale",
                     "hours.sessions", "satisfaction.wait_target_min", "policy.priority"):
        assert expected in paths
    assert "source" not in paths
    assert "demand" not in paths and "demand.walk_in" not in paths  # containers are not leaves
    assert len(paths) == len(set(paths))


def test_every_field_path_passes_the_check():
    for path in field_paths(Scenario):
        check_path(path, Scenario)


@pytest.mark.parametrize(
    "path",
    ["staff.counter[3].proficiency", "staff.back_office.0.skills", "hours.sessions[1].start",
     "demand.walk_in.mix.paper", "demand.online.hourly_profile.23", "demand.outages[0].procedures",
     "demand.walk_in.patience.mean"],
)
def test_paths_into_lists_mappings_and_optional_models_are_valid(path):
    check_path(path, Scenario)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("colour", "'colour' is not a key of the top level (allowed: schema_version, name, description, "
                   "name_vi, description_vi, start_date, days,"),
        ("staff.counters", "'counters' is not a key of staff (allowed: counter, back_office, guide, flexible,"),
        ("demand.walk_in.rate", "'rate' is not a key of demand.walk_in (allowed: rate_per_hour, hourly_profile,"),
        ("staff.counter[0].nmae", "'nmae' is not a key of staff.counter[0] (allowed: name, skills, proficiency, "
                                  "shift, absent)"),
        ("staff.counter.x", "'x' is not a key of staff.counter (it is a list; name an entry such as "
                            "staff.counter[0])"),
        ("days.x", "'x' is not a key of days (it is a single value with no keys inside)"),
        ("source", "'source' is not a key of the top level"),
    ],
)
def test_unknown_path_names_the_path_and_what_is_allowed(path, message):
    with pytest.raises(ScenarioError) as info:
        check_path(path, Scenario, source="plan.yaml")
    (line,) = info.value.messages
    assert line.startswith(f"plan.yaml: unknown field path {path!r}: ")
    assert message in line


def test_apply_values_copies_and_sets():
    data = {"staff": {"counter": [{"name": "A"}, {"name": "B"}]}, "days": 3}
    out = apply_values(data, {"staff.counter[1].proficiency": 2.0, "days": 5, "demand.walk_in_scale": 2}, Scenario)
    assert out == {"staff": {"counter": [{"name": "A"}, {"name": "B", "proficiency": 2.0}]}, "days": 5,
                   "demand": {"walk_in_scale": 2}}
    assert data == {"staff": {"counter": [{"name": "A"}, {"name": "B"}]}, "days": 3}


def test_apply_values_index_out_of_range_names_the_count():
    data = {"staff": {"counter": [{"name": "A"}, {"name": "B"}]}}
    with pytest.raises(ScenarioError, match=r"^s\.yaml: staff\.counter\[5\]\.name: staff\.counter has 2 entries "
                                            r"\(indices 0\.\.1\)$"):
        apply_values(data, {"staff.counter[5].name": "C"}, Scenario, source="s.yaml")


def test_apply_values_into_a_head_count_is_explained():
    with pytest.raises(ScenarioError, match=r"staff\.counter = 3 has no entries; replace staff\.counter as a whole"):
        apply_values({"staff": {"counter": 3}}, {"staff.counter.0.name": "C"}, Scenario, source="s.yaml")


def test_apply_values_checks_every_path_before_returning():
    with pytest.raises(ScenarioError, match="'bogus' is not a key of staff"):
        apply_values({"staff": {}}, {"staff.counter": 2, "staff.bogus": 1}, Scenario)
