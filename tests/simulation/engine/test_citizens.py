"""Who comes and when (simulation.engine.citizens): Poisson counts, opening sessions, profiles, mixes."""
from __future__ import annotations

import numpy as np
import pytest

from simulation.engine.citizens import piecewise_poisson, portal_dossiers, walk_ins
from simulation.engine.randomness import Streams
from simulation.scenario import parse_scenario
from simulation.engine.timetable import MINUTES_PER_DAY, Timetable

Z = 5.0  # tolerance in standard deviations for every statistical check below


def scenario(walk_in=None, online=None, **top):
    """Two clean working weeks (6-19 Jan 2025: no holiday), default hours 07:30-11:30, 13:30-17:00."""
    data = {
        "schema_version": 1, "name": "t", "start_date": "2025-01-06", "days": 14,
        "demand": {
            "walk_in": {"rate_per_hour": 30.0, "procedure_mix": {"birth_registration": 1.0}, **(walk_in or {})},
            "online": {"per_day": 0.0, "procedure_mix": {"land_transfer_registration": 1.0}, **(online or {})},
        },
        **top,
    }
    return parse_scenario(data)


def visitors(sc, seed=1):
    return walk_ins(sc, Timetable(sc), Streams(seed))


def portal(sc, seed=1):
    return portal_dossiers(sc, Timetable(sc), Streams(seed))


def assert_poisson(count: float, mean: float) -> None:
    assert abs(count - mean) < Z * np.sqrt(mean), (count, mean)


def assert_binomial(hits: float, n: int, p: float) -> None:
    if p in (0.0, 1.0):
        assert hits == n * p, (hits, n, p)
        return
    assert abs(hits - n * p) < Z * np.sqrt(n * p * (1 - p)), (hits, n, p)


# -- piecewise_poisson ---------------------------------------------------------

SEGMENTS = [(0.0, 100.0, 5.0), (250.0, 310.0, 40.0), (400.0, 500.0, 0.0), (600.0, 601.5, 300.0)]


def test_piecewise_poisson_counts_match_the_integrated_rate():
    times = piecewise_poisson(np.random.default_rng(5), SEGMENTS)
    for start, end, rate in SEGMENTS:
        inside = ((times >= start) & (times < end)).sum()
        if rate == 0:
            assert inside == 0
        else:
            assert_poisson(inside, rate * (end - start))


def test_piecewise_poisson_times_are_sorted_and_inside_segments():
    times = piecewise_poisson(np.random.default_rng(6), SEGMENTS)
    assert np.all(np.diff(times) >= 0)
    inside_any = np.zeros(times.size, dtype=bool)
    for start, end, _ in SEGMENTS:
        inside_any |= (times >= start) & (times < end)
    assert inside_any.all()


def test_piecewise_poisson_times_are_uniform_within_a_segment():
    times = piecewise_poisson(np.random.default_rng(7), [(1000.0, 1100.0, 100.0)])
    first_half = (times < 1050).sum()
    assert_binomial(first_half, times.size, 0.5)


def test_piecewise_poisson_without_segments_is_empty():
    assert piecewise_poisson(np.random.default_rng(1), []).size == 0


def test_piecewise_poisson_is_repeatable_for_a_seed():
    a = piecewise_poisson(np.random.default_rng(3), SEGMENTS)
    b = piecewise_poisson(np.random.default_rng(3), SEGMENTS)
    assert np.array_equal(a, b)


# -- walk-ins ------------------------------------------------------------------

def _session_minutes_by_hour(tt: Timetable) -> np.ndarray:
    """Open minutes in each clock hour, summed over the timetable."""
    minutes = np.zeros(24)
    for start, end in tt.open_sessions():
        for m in np.arange(start, end):
            minutes[int(m % MINUTES_PER_DAY) // 60] += 1
    return minutes


def test_walk_ins_arrive_only_inside_opening_sessions():
    sc = scenario()
    stream = visitors(sc)
    sessions = Timetable(sc).open_sessions()
    assert stream.times.size > 0
    inside = [any(s <= t < e for s, e in sessions) for t in stream.times]
    assert all(inside)


def test_walk_in_count_matches_rate_times_open_hours():
    sc = scenario()
    open_hours = sum(e - s for s, e in Timetable(sc).open_sessions()) / 60
    assert open_hours == 10 * 7.5  # ten working days of 7.5 hours
    assert_poisson(visitors(sc).times.size, 30.0 * open_hours)


def test_walk_in_scale_multiplies_the_rate():
    sc = scenario()
    scaled = sc.with_values({"demand.walk_in_scale": 3.0})
    open_hours = sum(e - s for s, e in Timetable(sc).open_sessions()) / 60
    assert_poisson(visitors(scaled).times.size, 3 * 30.0 * open_hours)


def test_hourly_profile_shapes_arrivals_and_a_zero_hour_gets_none():
    profile = {8: 0.0, 9: 3.0, 14: 0.5}
    sc = scenario(walk_in={"hourly_profile": profile})
    tt = Timetable(sc)
    minutes = _session_minutes_by_hour(tt)
    hours = ((visitors(sc).times % MINUTES_PER_DAY) // 60).astype(int)
    counts = np.bincount(hours, minlength=24)
    assert counts[8] == 0
    for hour in (7, 9, 10, 14, 16):
        assert_poisson(counts[hour], 30.0 / 60 * profile.get(hour, 1.0) * minutes[hour])


def test_weekday_profile_shapes_arrivals_and_a_zero_day_gets_none():
    sc = scenario(walk_in={"weekday_profile": {"fri": 0.0, "mon": 2.0}})
    tt = Timetable(sc)
    days = [tt.day_of(t).weekday for t in visitors(sc).times]
    per_day_mean = 30.0 * 7.5 * 2  # two of each weekday in the fortnight
    assert days.count("fri") == 0
    assert_poisson(days.count("mon"), 2 * per_day_mean)
    assert_poisson(days.count("tue"), per_day_mean)


def test_no_walk_ins_on_weekends_or_holidays():
    # 27 Jan - 9 Feb 2025 holds the Tet holiday week (27 Jan - 1 Feb)
    sc = scenario(start_date="2025-01-27")
    tt = Timetable(sc)
    for t in visitors(sc).times:
        assert tt.day_of(t).working


def test_visitor_kind_mix_follows_the_weights():
    mix = {"paper": 0.5, "pickup": 0.3, "account_help": 0.2, "assisted_online": 0.0}
    stream = visitors(scenario(walk_in={"mix": mix}))
    n = stream.kinds.size
    for kind, weight in mix.items():
        assert_binomial((stream.kinds == kind).sum(), n, weight)


def test_procedure_mix_follows_unnormalised_weights():
    stream = visitors(scenario(walk_in={"procedure_mix": {"birth_registration": 3.0, "death_registration": 1.0}}))
    assert set(stream.procedures) == {"birth_registration", "death_registration"}
    assert_binomial((stream.procedures == "birth_registration").sum(), stream.procedures.size, 0.75)


def test_priority_share_follows_the_scenario():
    stream = visitors(scenario(walk_in={"priority_share": 0.15}))
    assert stream.priority.dtype == bool
    assert_binomial(stream.priority.sum(), stream.priority.size, 0.15)


def test_patience_is_infinite_without_a_patience_distribution():
    stream = visitors(scenario())
    assert np.isinf(stream.patience).all()


def test_patience_follows_its_distribution():
    stream = visitors(scenario(walk_in={"rate_per_hour": 200.0, "patience": {"dist": "exponential", "mean": 40}}))
    n = stream.patience.size
    assert abs(stream.patience.mean() - 40) < Z * 40 / np.sqrt(n)


def test_every_attribute_has_one_value_per_citizen():
    stream = visitors(scenario(walk_in={"mix": {"paper": 1, "pickup": 1}}))
    n = stream.times.size
    for values in (stream.kinds, stream.procedures, stream.priority, stream.patience,
                   stream.incomplete_roll, stream.return_day_roll, stream.complaint_roll, stream.return_complaint_roll,
                   *stream.service_unit.values()):
        assert len(values) == n
    assert set(stream.service_unit) == {"paper", "assisted_online", "pickup", "account_help"}


def test_service_multipliers_have_mean_one():
    stream = visitors(scenario(walk_in={"rate_per_hour": 200.0}))
    for kind, units in stream.service_unit.items():
        sd = units.std() if units.std() > 0 else 1e-9
        assert abs(units.mean() - 1) < Z * sd / np.sqrt(units.size), kind


def test_no_walk_in_rate_means_no_citizens():
    stream = visitors(scenario(walk_in={"rate_per_hour": 0.0}))
    assert stream.times.size == stream.kinds.size == stream.procedures.size == 0


def test_changing_the_mix_keeps_the_arrival_times():
    """Each attribute has its own stream: the kind mix does not move anyone's arrival time."""
    a = visitors(scenario(walk_in={"mix": {"paper": 1.0}}), seed=4)
    b = visitors(scenario(walk_in={"mix": {"paper": 0.2, "pickup": 0.8}}), seed=4)
    assert np.array_equal(a.times, b.times)
    assert np.array_equal(a.priority, b.priority)


# -- portal dossiers -----------------------------------------------------------

def test_portal_dossiers_arrive_around_the_clock_including_weekends():
    sc = scenario(walk_in={"rate_per_hour": 0.0}, online={"per_day": 40.0})
    tt = Timetable(sc)
    times = portal(sc).times
    assert_poisson(times.size, 40.0 * 14)
    weekend = sum(not tt.day_of(t).working for t in times)
    assert_poisson(weekend, 40.0 * 4)
    outside = sum(not any(s <= t < e for s, e in tt.open_sessions()) for t in times)
    assert outside > 0.5 * times.size  # most of a day is outside office hours
    assert times.min() >= 0 and times.max() < sc.days * MINUTES_PER_DAY


def test_portal_hourly_profile_spreads_the_daily_count():
    profile = {h: 0.0 for h in range(24)} | {9: 3.0, 20: 1.0}
    sc = scenario(walk_in={"rate_per_hour": 0.0}, online={"per_day": 60.0, "hourly_profile": profile})
    hours = ((portal(sc).times % MINUTES_PER_DAY) // 60).astype(int)
    counts = np.bincount(hours, minlength=24)
    assert counts.sum() == counts[9] + counts[20]
    assert_poisson(counts[9], 60.0 * 14 * 0.75)
    assert_poisson(counts[20], 60.0 * 14 * 0.25)


def test_portal_weekday_profile_scales_days():
    sc = scenario(walk_in={"rate_per_hour": 0.0}, online={"per_day": 50.0, "weekday_profile": {"sun": 0.0, "sat": 0.5}})
    tt = Timetable(sc)
    days = [tt.day_of(t).weekday for t in portal(sc).times]
    assert days.count("sun") == 0
    assert_poisson(days.count("sat"), 50.0 * 0.5 * 2)
    assert_poisson(days.count("wed"), 50.0 * 2)


def test_portal_procedures_follow_the_online_mix():
    mix = {"land_transfer_registration": 1.0, "funeral_allowance": 1.0}
    sc = scenario(walk_in={"rate_per_hour": 0.0}, online={"per_day": 80.0, "procedure_mix": mix})
    procs = portal(sc).procedures
    assert_binomial((procs == "funeral_allowance").sum(), procs.size, 0.5)


def test_no_portal_demand_means_no_dossiers():
    stream = portal(scenario())
    assert stream.times.size == 0 and stream.procedures.size == 0


@pytest.mark.parametrize("seed", [1, 2])
def test_walk_ins_and_portal_are_repeatable_for_a_seed(seed):
    sc = scenario(online={"per_day": 20.0})
    assert np.array_equal(visitors(sc, seed).times, visitors(sc, seed).times)
    assert np.array_equal(portal(sc, seed).times, portal(sc, seed).times)
