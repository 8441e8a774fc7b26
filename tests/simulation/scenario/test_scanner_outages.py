"""Scanner outages in a scenario (equipment.scanner_outages): validated with messages naming the key."""
import pytest

from simulation.scenario import ScenarioError, parse_scenario


def scenario(equipment):
    return {"schema_version": 1, "name": "t", "start_date": "2025-07-14", "days": 3,
            "demand": {"walk_in": {"rate_per_hour": 0.0}}, "equipment": equipment}


def test_a_scanner_outage_loads():
    s = parse_scenario(scenario({"scanners": 2, "scanner_outages": [
        {"start": "2025-07-16T09:00:00", "end": "2025-07-16T15:30:00", "scanners": 1}]}))
    assert s.equipment.scanner_outages[0].scanners == 1


@pytest.mark.parametrize("equipment, message", [
    ({"scanner_outages": [{"start": "2025-07-16T09:00:00", "end": "2025-07-16T10:00:00"}]},
     "equipment.scanner_outages[0]: equipment.scanners = None: a scanner outage needs scanners"),
    ({"scanners": 2, "scanner_outages": [{"start": "2025-07-16T09:00:00", "end": "2025-07-16T10:00:00",
                                          "scanners": 3}]},
     "equipment.scanner_outages[0].scanners = 3: at most the centre's 2 scanners"),
    ({"scanners": 2, "scanner_outages": [{"start": "2025-07-16T09:00:00", "end": "2025-07-16T08:00:00"}]},
     "equipment.scanner_outages[0].end = '2025-07-16 08:00:00': must be after start"),
])
def test_bad_scanner_outages_are_named(equipment, message):
    with pytest.raises(ScenarioError) as info:
        parse_scenario(scenario(equipment))
    assert any(message in m for m in info.value.messages), info.value.messages


def test_the_shipped_scanner_outage_scenario_loads():
    from simulation.scenario import load_scenario

    s = load_scenario("kim-boi-scanner-outage")
    assert s.equipment.scanners == 2 and len(s.equipment.scanner_outages) == 2
