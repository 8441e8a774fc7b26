"""The run record (simulation.engine.run_record): plain, frozen data that Results is computed from alone."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from simulation import load_scenario
from simulation.engine.centre import Centre
from simulation.engine.randomness import seed_sequence
from simulation.engine.run_record import RunRecord
from simulation.results.run_results import Results


def record_of(scenario, seed: int = 4) -> RunRecord:
    centre = Centre(scenario, seed_sequence(seed))
    record = centre.simulate()
    centre.release()
    return record


@pytest.fixture(scope="module")
def kim_boi(root):
    return load_scenario(root / "scenarios" / "kim-boi.yaml").with_values({"days": 10})


@pytest.fixture(scope="module")
def record(kim_boi) -> RunRecord:
    return record_of(kim_boi)


def test_the_record_is_frozen_and_holds_tuples(record):
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.visitors = ()
    for name in ("visitors", "dossiers", "activities", "duties", "open_intervals", "roster"):
        assert isinstance(getattr(record, name), tuple) and getattr(record, name), name


def test_the_record_holds_no_random_generator_and_results_are_the_same_every_time(record):
    assert not any(isinstance(value, (np.random.Generator, np.random.BitGenerator))
                   for value in vars(record).values())
    first, again = Results(record), Results(record)
    assert not any(isinstance(value, np.random.Generator) for value in vars(first).values())
    assert first.visitors["complaint"].equals(again.visitors["complaint"])
    assert first.dossiers["complaint"].equals(again.dossiers["complaint"])
    assert first.kpis() == pytest.approx(again.kpis(), nan_ok=True)


def test_the_roster_lists_every_official_with_role_proficiency_and_duty(kim_boi, record):
    listed = {(o.name, role, o.proficiency) for role in ("counter", "guide", "back_office")
              for o in getattr(kim_boi.staff, role)}
    assert {(o.name, o.role, o.proficiency) for o in record.roster} == listed
    for entry in record.roster:
        assert entry.duty and all(start < end <= record.horizon for start, end in entry.duty)
    assert [o.name for o in record.roster if o.does_back_office] == [o.name for o in kim_boi.staff.back_office]
    assert [o.name for o in record.roster if o.serves_line] == \
        [o.name for o in kim_boi.staff.counter] + [o.name for o in kim_boi.staff.guide]


def test_a_citizen_keeps_their_complaint_roll_whatever_the_staffing(kim_boi, record):
    """Complaint rolls travel with the citizen and the dossier (common random numbers): a third
    counter official changes waits and the order of events, not who would complain at what chance."""
    more = kim_boi.with_values({"staff.counter": [
        *[o.model_dump() for o in kim_boi.staff.counter], {"name": "Extra", "skills": ["all"]}]})
    other = record_of(more)
    rolls = {v.visitor_id: v.complaint_roll for v in record.visitors if not v.returning}
    others = {v.visitor_id: v.complaint_roll for v in other.visitors if not v.returning}
    assert rolls == others and len(rolls) > 100
    waits = {v.visitor_id: v.called_min - v.arrival_min for v in record.visitors}
    assert any(waits[v.visitor_id] != v.called_min - v.arrival_min for v in other.visitors if v.visitor_id in waits)
    portal = sorted((d.received_min, d.complaint_roll) for d in record.dossiers if d.channel == "portal")
    assert portal == sorted((d.received_min, d.complaint_roll) for d in other.dossiers if d.channel == "portal")
