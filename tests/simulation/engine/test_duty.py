"""When officials are on duty (simulation.engine.duty): sessions cut by shifts, absences and head-count plans."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulation.engine.duty import duty_intervals, merged
from simulation.scenario import Official, parse_scenario
from simulation.engine.timetable import MINUTES_PER_DAY, Timetable


def scenario(staff=None, hours=None, days=7):
    """6-12 Jan 2025: Mon-Fri working (07:30-11:30, 13:30-17:00), weekend closed."""
    data = {"schema_version": 1, "name": "t", "start_date": "2025-01-06", "days": days,
            "demand": {"walk_in": {"rate_per_hour": 0.0}}, "staff": staff or {"counter": 3}}
    if hours is not None:
        data["hours"] = hours
    return parse_scenario(data)


def at(day: int, hh: int, mm: int = 0) -> float:
    return day * MINUTES_PER_DAY + hh * 60 + mm


def duty(sc, official=None, role="counter", rank=0):
    return duty_intervals(sc, Timetable(sc), official or Official(name="A"), role, rank)


def weekday_sessions(days=range(5)):
    return [iv for d in days for iv in ((at(d, 7, 30), at(d, 11, 30)), (at(d, 13, 30), at(d, 17)))]


# -- merged --------------------------------------------------------------------

@pytest.mark.parametrize("given, expected", [
    ([], []),
    ([(5, 9), (1, 3)], [(1, 3), (5, 9)]),
    ([(1, 3), (3, 6)], [(1, 6)]),                 # touching intervals join
    ([(1, 5), (2, 3), (4, 8)], [(1, 8)]),        # nested and overlapping
    ([(4, 4), (7, 6), (1, 2)], [(1, 2)]),        # empty and reversed ones are dropped
    ([(0, 10), (10, 10), (11, 12)], [(0, 10), (11, 12)]),
])
def test_merged(given, expected):
    assert merged(given) == expected


def test_merged_does_not_change_its_input():
    given = [(5, 9), (1, 6)]
    merged(given)
    assert given == [(5, 9), (1, 6)]


# -- duty_intervals ------------------------------------------------------------

def test_a_full_shift_covers_every_opening_session():
    assert duty(scenario()) == weekday_sessions()


def test_a_shift_cuts_the_sessions():
    official = Official(name="A", shift={"start": "08:00", "end": "16:00"})
    expected = [iv for d in range(5) for iv in ((at(d, 8), at(d, 11, 30)), (at(d, 13, 30), at(d, 16)))]
    assert duty(scenario(), official) == expected


def test_an_afternoon_shift_skips_the_morning_session():
    official = Official(name="A", shift={"start": "12:00", "end": "24:00"})
    assert duty(scenario(), official) == [(at(d, 13, 30), at(d, 17)) for d in range(5)]


def test_shift_days_exclude_weekdays():
    official = Official(name="A", shift={"days": ["tue", "thu"]})
    assert duty(scenario(), official) == weekday_sessions([1, 3])


def test_absences_remove_whole_days():
    official = Official(name="A", absent=["2025-01-07", "2025-01-09"])
    assert duty(scenario(), official) == weekday_sessions([0, 2, 4])


def test_saturday_sessions_are_duty_only_for_a_shift_that_includes_saturday():
    hours = {"saturday": [{"start": "08:00", "end": "11:00"}]}
    with_sat = duty(scenario(hours=hours), Official(name="A"))
    assert with_sat[-1] == (at(5, 8), at(5, 11))
    weekday_only = Official(name="A", shift={"days": ["mon", "tue", "wed", "thu", "fri"]})
    assert duty(scenario(hours=hours), weekday_only) == weekday_sessions()


def test_always_open_ignores_shift_days_but_keeps_absences_and_hours():
    official = Official(name="A", shift={"days": ["mon"], "start": "08:00", "end": "20:00"}, absent=["2025-01-08"])
    got = duty(scenario(hours={"always_open": True}), official)
    assert got == [(at(d, 8), at(d, 20)) for d in range(7) if d != 2]


def test_counter_by_hour_sends_higher_ranks_home_by_rank():
    """Two officials from 07:00 to 09:00, one from 09:00 to 10:00, all three otherwise."""
    sc = scenario(staff={"counter": 3, "counter_by_hour": {7: 2, 8: 2, 9: 1}})
    morning_end, afternoon = at(0, 11, 30), (at(0, 13, 30), at(0, 17))
    first = [iv for iv in duty(sc, rank=0) if iv[1] <= MINUTES_PER_DAY]
    second = [iv for iv in duty(sc, rank=1) if iv[1] <= MINUTES_PER_DAY]
    third = [iv for iv in duty(sc, rank=2) if iv[1] <= MINUTES_PER_DAY]
    assert first == [(at(0, 7, 30), morning_end), afternoon]
    assert second == [(at(0, 7, 30), at(0, 9)), (at(0, 10), morning_end), afternoon]
    assert third == [(at(0, 10), morning_end), afternoon]


def test_counter_by_hour_applies_to_counter_officials_only():
    sc = scenario(staff={"counter": 1, "back_office": 2, "counter_by_hour": {8: 0, 14: 0}})
    assert duty(sc, role="back_office", rank=1) == weekday_sessions()
    assert all(not (at(0, 8) <= s < at(0, 9)) for s, _ in duty(sc, rank=0))


def test_counter_by_weekday_keeps_the_first_ranks_on_duty():
    sc = scenario(staff={"counter": 3, "counter_by_weekday": {"mon": 1, "fri": 0}})
    assert duty(sc, rank=0) == weekday_sessions([0, 1, 2, 3])
    assert duty(sc, rank=1) == weekday_sessions([1, 2, 3])
    assert duty(sc, rank=2) == weekday_sessions([1, 2, 3])
    assert duty(sc, role="guide", rank=2) == weekday_sessions()


def test_duty_intervals_are_sorted_and_disjoint():
    sc = scenario(staff={"counter": 2, "counter_by_hour": {8: 1, 15: 1}}, days=14)
    pieces = duty(sc, rank=1)
    assert pieces == merged(pieces)
    assert all(s < e for s, e in pieces)


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=12))
def test_merged_covers_exactly_the_same_minutes_with_disjoint_sorted_pieces(pairs):
    out = merged([(float(a), float(b)) for a, b in pairs])
    assert all(s < e for s, e in out)
    assert all(e1 < s2 for (_, e1), (s2, _) in zip(out, out[1:]))  # sorted, apart (touching ones joined)
    covered = {m for a, b in pairs for m in range(a, b)}
    assert {m for s, e in out for m in range(int(s), int(e))} == covered
