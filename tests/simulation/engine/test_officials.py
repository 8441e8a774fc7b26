"""Officials at work (simulation.engine.officials): a dossier is worked only on duty, across breaks and nights."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from simulation import Centre, load_scenario
from simulation.engine.officials import ROLE_KINDS, OfficialAtWork
from simulation.scenario.catalogue import FIELDS
from simulation.engine.records import Dossier, Visitor, WorkLog
from simulation.scenario import Official
from simulation.engine.randomness import seed_sequence


def finished_centre(name: str, days: int, seed: int = 3) -> tuple[Centre, object]:
    scenario = load_scenario(name).with_values({"days": days, "warmup_days": 0})
    centre = Centre(scenario, seed_sequence(seed))
    return centre, centre.run()


def inside(pieces: pd.DataFrame, stretches: list[tuple[float, float]]) -> bool:
    return all(any(s - 1e-9 <= a and b <= e + 1e-9 for s, e in stretches)
               for a, b in zip(pieces["start_min"], pieces["end_min"]))


@pytest.mark.parametrize("name", ["kim-boi.yaml", "urban-ward.yaml", "kim-boi-outage.yaml"])
def test_dossier_work_happens_only_on_duty_and_one_thing_at_a_time(name):
    centre, results = finished_centre(name, days=10)
    activities = results.activities
    assert (activities["activity"] == "dossier").sum() > 50
    for official in centre.officials:
        mine = activities[activities["official"] == official.name].sort_values("start_min")
        dossier_work = mine[mine["activity"] == "dossier"]
        assert inside(dossier_work, official.duty), official.name
        assert (dossier_work["end_min"] > dossier_work["start_min"] - 1e-9).all()
        # never two things at once
        assert (mine["start_min"].to_numpy()[1:] >= mine["end_min"].to_numpy()[:-1] - 1e-9).all(), official.name


def test_a_dossier_spanning_a_break_is_split_at_the_break_and_ends_when_its_work_is_done():
    centre, results = finished_centre("kim-boi.yaml", days=10)
    pieces = results.activities[results.activities["activity"] == "dossier"]
    done = results.dossiers.dropna(subset=["work_done_min"])
    done = done[done["channel"] != "counter"]  # resolved on the spot at the counter: no back-office work
    spanning = 0
    for dossier in done.itertuples():
        own = pieces[(pieces["official"] == dossier.official) & (pieces["start_min"] >= dossier.started_min - 1e-9)
                     & (pieces["end_min"] <= dossier.work_done_min + 1e-9)]
        assert (own["start_min"] - dossier.started_min).abs().min() < 1e-6  # work starts when it is picked up
        assert (own["end_min"] - dossier.work_done_min).abs().min() < 1e-6  # and the last piece ends it
        spanning += len(own) > 1
    assert spanning > 5  # some dossiers were carried over lunch or overnight


def test_work_on_a_dossier_still_in_hand_at_the_end_is_recorded():
    centre, results = finished_centre("kim-boi.yaml", days=3, seed=11)
    in_hand = [o for o in centre.officials if isinstance(o.current, Dossier)]
    assert in_hand, "expected a dossier carried past the last day"
    pieces = results.activities[results.activities["activity"] == "dossier"]
    for official in in_hand:
        started = official.current.started_min
        own = pieces[(pieces["official"] == official.name) & (pieces["start_min"] >= started - 1e-9)]
        assert len(own) >= 1 and own["end_min"].max() <= centre.timetable.horizon
        assert math.isnan(official.current.work_done_min)


def test_an_official_whose_shift_ends_before_closing_calls_no_more_tickets():
    """Overtime is for the tickets left at closing, not for an official whose shift ended earlier
    (the first day included: nothing has closed yet then)."""
    scenario = load_scenario("kim-boi").with_values({
        "days": 3, "warmup_days": 0, "demand.walk_in.rate_per_hour": 12.0,
        "staff.counter": [{"name": "Early", "skills": ["all"], "shift": {"start": "07:30", "end": "09:00"}},
                          {"name": "Late", "skills": ["all"]}],
    })
    centre = Centre(scenario, seed_sequence(5))
    visitors = centre.run().visitors
    early = visitors[visitors["official"] == "Early"]
    assert len(early) > 5
    called_clock = early["called_min"] % 1440
    assert (called_clock < 9 * 60).all(), sorted(called_clock)[-3:]
    late_calls = visitors[visitors["official"] == "Late"]["called_min"] % 1440
    assert (late_calls > 11 * 60 + 30).any()  # the other official still serves overtime after 11:30


def test_visitor_records_come_out_in_arrival_order_even_if_kept_out_of_order():
    from simulation.results.run_results import Results

    import dataclasses

    _, results = finished_centre("kim-boi.yaml", days=3)
    in_order = results.visitors
    record = results.record
    again = Results(dataclasses.replace(record, visitors=record.visitors[::-1])).visitors  # kept in another order
    assert again["arrival_min"].is_monotonic_increasing
    assert list(again["visitor_id"]) == list(in_order["visitor_id"])


@pytest.mark.parametrize("skills", [["all"], ["land"], ["land", "social"], ["certification", "other"]])
@pytest.mark.parametrize("role", sorted(ROLE_KINDS))
def test_an_official_serves_exactly_the_kinds_of_their_role_and_paper_only_in_their_fields(role, skills):
    """The one-look-up match (`serves`) agrees with the rule: the role's visit kinds, and for paper
    dossiers a field the official is skilled in ("all" covers every field)."""
    centre = Centre(load_scenario("kim-boi"), seed_sequence(1))
    official = OfficialAtWork(centre.env, Official(name="X", skills=skills), role, [], line=centre.line,
                              backlog=centre.backlog, scanners=None, work_log=WorkLog(),
                              after_service=lambda visitor: None)
    for kind in ("paper", "pickup", "assisted_online", "account_help"):
        for field in FIELDS:
            visitor = Visitor(0, kind, "p", field, False, 0.0, math.inf, 1.0)
            expected = kind in ROLE_KINDS[role] and (kind != "paper" or "all" in skills or field in skills)
            assert official.can_serve(visitor) is expected, (kind, field)
