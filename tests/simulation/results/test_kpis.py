"""KPIs from records (simulation.results.kpis), on small hand-made tables with answers worked out by hand."""
from __future__ import annotations

import math
from types import SimpleNamespace as NS

import numpy as np
import pandas as pd
import pytest

from simulation.engine.run_record import RosterEntry
from simulation.results.kpis import (by_procedure, capacity_warnings, dossier_kpis, queue_by_hour, utilisation,
                             utilisation_by_hour, visitor_kpis)


@pytest.fixture(autouse=True)
def english():
    """The warnings' English message ids are pinned here; their Vietnamese in tests/motcua/test_cli_vietnamese.py."""
    from simulation.i18n import use_language

    with use_language("en"):
        yield


NAN = float("nan")


def visitors_table(rows):
    """rows: (outcome, wait_min, time_in_line_min, service_min, returning)."""
    return pd.DataFrame(rows, columns=["outcome", "wait_min", "time_in_line_min", "service_min", "returning"])


SERVED_WAITS = [0.0, 10.0, 20.0, 30.0]
SERVED_SERVICE = [5.0, 5.0, 10.0, 10.0]


@pytest.fixture
def visitors():
    served = [("served", w, w, s, False) for w, s in zip(SERVED_WAITS, SERVED_SERVICE)]
    others = [("balked", NAN, 0.0, NAN, False), ("reneged", NAN, 12.0, NAN, True), ("unserved", NAN, 40.0, NAN, False),
              ("waiting", NAN, 8.0, NAN, False), ("in_service", 6.0, 6.0, NAN, False)]
    return visitors_table(served + others)


# -- visitor_kpis --------------------------------------------------------------

def test_visitor_counts_and_rates(visitors):
    k = visitor_kpis(visitors, target=15, observed_min=630)
    assert (k["walk_in_arrived"], k["served"], k["balked"], k["reneged"], k["unserved"], k["still_waiting"]) \
        == (9, 4, 1, 1, 1, 2)
    assert k["balk_rate"] == pytest.approx(1 / 9)
    assert k["renege_rate"] == pytest.approx(1 / 9)
    assert k["returns"] == 1


def test_waits_are_measured_over_served_citizens_only(visitors):
    k = visitor_kpis(visitors, target=15, observed_min=630)
    assert k["wait_mean"] == pytest.approx(np.mean(SERVED_WAITS))
    assert k["wait_p90"] == pytest.approx(20 + 0.7 * 10)  # linear interpolation at position 0.9 * 3 = 2.7
    assert k["wait_max"] == 30
    assert k["service_mean"] == pytest.approx(np.mean(SERVED_SERVICE))


@pytest.mark.parametrize("target, share", [(15, 2 / 4), (20, 1 / 4), (30, 0.0), (-1, 1.0)])
def test_share_waiting_over_target_is_strictly_over(visitors, target, share):
    assert visitor_kpis(visitors, target=target, observed_min=630)["share_wait_over_target"] == pytest.approx(share)


def test_mean_queue_is_total_time_in_line_over_observed_time(visitors):
    """Little's law bookkeeping: balked citizens never stood in line."""
    in_line = sum(SERVED_WAITS) + 12 + 40 + 8 + 6
    assert visitor_kpis(visitors, 15, 630)["queue_mean"] == pytest.approx(in_line / 630)
    assert math.isnan(visitor_kpis(visitors, 15, 0)["queue_mean"])


def test_nothing_to_measure_gives_nan():
    nobody_served = visitors_table([("balked", NAN, 0.0, NAN, False)])
    k = visitor_kpis(nobody_served, 15, 100)
    for key in ("wait_mean", "wait_p90", "wait_max", "share_wait_over_target", "service_mean"):
        assert math.isnan(k[key]), key
    assert k["balk_rate"] == 1.0
    empty = visitor_kpis(visitors_table([]), 15, 100)
    assert empty["walk_in_arrived"] == 0 and math.isnan(empty["balk_rate"]) and math.isnan(empty["renege_rate"])
    assert empty["queue_mean"] == 0


# -- dossier_kpis --------------------------------------------------------------

def dossiers_table(rows):
    return pd.DataFrame(rows, columns=["procedure", "channel", "outcome"])


@pytest.fixture
def dossiers():
    return dossiers_table([
        ("a", "portal", "early"), ("a", "portal", "early"), ("a", "portal", "on_time"), ("b", "portal", "late"),
        ("b", "portal", "backlog"), ("b", "guided", "on_time"), ("a", "counter", "late"), ("c", "counter", "backlog"),
    ])


def test_dossier_rates_follow_vietnamese_reporting(dossiers):
    k = dossier_kpis(dossiers)
    assert (k["dossiers_received"], k["online_received"], k["in_person_received"], k["online_resolved"]) == (8, 6, 2, 5)
    assert k["online_early"] == pytest.approx(2 / 5)
    assert k["online_on_time_resolved"] == pytest.approx(4 / 5)  # on time includes early
    assert k["online_late"] == pytest.approx(1 / 5)
    assert k["online_on_time_resolved"] + k["online_late"] == pytest.approx(1.0)
    assert (k["backlog_end"], k["dossiers_late"]) == (2, 2)


def test_no_resolved_online_dossier_gives_nan_rates():
    k = dossier_kpis(dossiers_table([("a", "portal", "backlog"), ("a", "counter", "early")]))
    assert k["online_resolved"] == 0
    assert all(math.isnan(k[key]) for key in ("online_early", "online_on_time_resolved", "online_late"))
    assert dossier_kpis(dossiers_table([]))["dossiers_received"] == 0


# -- utilisation ---------------------------------------------------------------

def intervals(rows, extra=()):
    return pd.DataFrame(rows, columns=[*extra, "role", "start_min", "end_min"])


def test_utilisation_is_busy_time_over_time_on_duty_within_the_window():
    duties = intervals([("counter", 0, 100), ("counter", 200, 300), ("back_office", 0, 300)])
    activities = intervals([("counter", 10, 60), ("counter", 250, 350)])
    u = utilisation(activities, duties, 0, 300)
    assert u["utilisation_counter"] == pytest.approx((50 + 50) / 200)
    assert u["utilisation_back_office"] == 0.0
    assert math.isnan(u["utilisation_guide"]) and math.isnan(u["utilisation_flexible"])
    warm = utilisation(activities, duties, 20, 300)  # warm-up cut at minute 20
    assert warm["utilisation_counter"] == pytest.approx((40 + 50) / (80 + 100))


def test_utilisation_without_any_records_is_nan():
    u = utilisation(intervals([]), intervals([]), 0, 100)
    assert all(math.isnan(x) for x in u.values())


# -- by_procedure --------------------------------------------------------------

def test_kpis_by_procedure():
    v = pd.DataFrame({"procedure": ["a", "a", "a", "b", "b"], "outcome": ["served"] * 4 + ["reneged"],
                      "wait_min": [0.0, 10.0, 20.0, 40.0, NAN]})
    d = dossiers_table([("a", "portal", "early"), ("a", "portal", "late"), ("c", "portal", "backlog")])
    table = by_procedure(v, d, target=15).set_index("procedure")
    assert list(table.index) == ["a", "b", "c"]
    assert table.loc["a", "visitors"] == 3 and table.loc["b", "visitors"] == 1
    assert table.loc["a", "wait_mean"] == pytest.approx(10.0)
    assert table.loc["a", "wait_p90"] == pytest.approx(18.0)
    assert table.loc["a", "share_wait_over_target"] == pytest.approx(1 / 3)
    assert table.loc["a", "early_rate"] == 0.5 and table.loc["a", "on_time_rate"] == 0.5
    assert table.loc["a", "late_rate"] == 0.5 and table.loc["a", "dossiers"] == 2
    assert math.isnan(table.loc["b", "dossiers"])  # walk-ins only, no dossier
    assert math.isnan(table.loc["c", "visitors"])  # portal only, nobody came in person
    assert table.loc["c", "backlog"] == 1 and math.isnan(table.loc["c", "on_time_rate"])


def test_kpis_by_procedure_name_every_row():
    v = pd.DataFrame({"procedure": ["a", ""], "outcome": ["served", "served"], "wait_min": [1.0, 2.0]})
    d = dossiers_table([("a", "portal", "early")])
    assert "" not in set(by_procedure(v, d, target=15)["procedure"])


# -- queue_by_hour -------------------------------------------------------------

def test_queue_by_hour_averages_over_days_minute_by_minute():
    v = pd.DataFrame({
        "arrival_min": [600.0, 630.0, 840.0, 1440 + 615.0],
        "time_in_line_min": [60.0, 60.0, 0.0, 0.0],
        "outcome": ["served", "served", "balked", "served"],
        "hour": [10, 10, 14, 10],
    })
    table = queue_by_hour(v, horizon=2 * 1440).set_index("hour")
    assert list(table.index) == [10, 11]  # the balked citizen's hour 14 has no one in line
    # day 1, hour 10: one citizen for 30 minutes then two for 30: mean 1.5; day 2: nobody stays
    assert table.loc[10, "queue_mean"] == pytest.approx((1.5 + 0) / 2)
    assert table.loc[10, "queue_max"] == 2
    assert table.loc[10, "arrivals"] == 3
    assert table.loc[11, "queue_mean"] == pytest.approx((30 / 60 + 0) / 2)
    assert table.loc[11, "arrivals"] == 0


def test_queue_by_hour_of_an_empty_day_is_empty():
    v = pd.DataFrame({"arrival_min": [], "time_in_line_min": [], "outcome": [], "hour": []})
    assert queue_by_hour(v, horizon=1440).empty


# -- utilisation_by_hour -------------------------------------------------------

def test_utilisation_by_hour_per_role():
    duties = intervals([("A", "counter", 480, 600), ("B", "counter", 480, 540), ("C", "back_office", 480, 540)],
                       extra=("official",))
    activities = intervals([("A", "counter", 500, 530), ("B", "counter", 510, 540), ("A", "counter", 600, 660)],
                           extra=("official",))
    table = utilisation_by_hour(activities, duties, horizon=1440).set_index(["role", "hour"])
    assert list(table.index) == [("counter", 8), ("counter", 9), ("back_office", 8)]
    assert table.loc[("counter", 8), "utilisation"] == pytest.approx((30 + 30) / 120)
    assert table.loc[("counter", 8), "officials_on_duty"] == 2
    assert table.loc[("counter", 9), "utilisation"] == 0.0  # work after duty (overtime) is not counted
    assert table.loc[("counter", 9), "officials_on_duty"] == 1
    assert table.loc[("back_office", 8), "utilisation"] == 0.0


def test_overtime_after_closing_is_counted_apart_from_the_planned_hours():
    """Planned 16:00-17:00; the official serves until 17:20. Hour 17 is overtime, not a 100% busy hour."""
    planned = intervals([("A", "counter", 960, 1020)], extra=("official",))
    duties = intervals([("A", "counter", 960, 1020), ("A", "counter", 1020, 1040)], extra=("official",))
    activities = intervals([("A", "counter", 990, 1040)], extra=("official",))
    table = utilisation_by_hour(activities, duties, horizon=1440, planned=planned).set_index(["role", "hour"])
    assert table.loc[("counter", 16), "utilisation"] == pytest.approx(30 / 60)
    assert table.loc[("counter", 16), "overtime_min"] == 0
    assert math.isnan(table.loc[("counter", 17), "utilisation"])
    assert table.loc[("counter", 17), "overtime_min"] == pytest.approx(20)
    assert table.loc[("counter", 17), "officials_on_duty"] == 0
    unplanned = utilisation_by_hour(activities, duties, horizon=1440).set_index(["role", "hour"])
    assert unplanned.loc[("counter", 17), "utilisation"] == 1.0   # what the chart showed before


# -- capacity_warnings ---------------------------------------------------------

def record(work, duty_min, patience=None, balk_at=None, proficiency=1.0, back=None, left=0.0, days=1,
           back_fields=("land",)):
    """A run record with what capacity_warnings reads: the roster, opening hours, visitors, dossiers."""
    walk = NS(patience=patience, balk_at=balk_at, rate_per_hour=6.0)
    roster = [RosterEntry("counter", "counter", proficiency, frozenset({"all"}), ((0.0, duty_min),))] if duty_min else []
    if back is not None:
        roster.append(RosterEntry("back", "back_office", 1.0, frozenset(back_fields), ((0.0, back),)))
    return NS(scenario=NS(days=days, demand=NS(walk_in=walk)), open_intervals=((0.0, 480.0),), roster=tuple(roster),
              visitors=tuple(NS(service_unit=w) for w in work),
              dossiers=(NS(work_done_min=float("nan"), work_left=left, field="land"),) if left else ())


def test_no_warning_when_counters_can_keep_up():
    assert capacity_warnings(record(work=[30.0] * 10, duty_min=480)) == []


def test_warning_when_walk_in_work_exceeds_counter_time():
    warnings = capacity_warnings(record(work=[30.0] * 20, duty_min=480))
    assert len(warnings) == 1 and "125%" in warnings[0] and "grows without bound" in warnings[0]


def test_no_overload_warning_when_citizens_can_give_up():
    assert capacity_warnings(record(work=[30.0] * 20, duty_min=480, patience=NS(mean=30))) == []
    assert capacity_warnings(record(work=[30.0] * 20, duty_min=480, balk_at=5)) == []


def test_warning_when_no_counter_is_ever_on_duty():
    warnings = capacity_warnings(record(work=[10.0], duty_min=0))
    assert warnings == ["no counter official is ever on duty: every walk-in citizen waits until the horizon"]


def test_back_office_warnings():
    nobody = capacity_warnings(record(work=[], duty_min=480, left=30.0))
    assert any("no back-office or flexible official" in w for w in nobody)
    behind = capacity_warnings(record(work=[], duty_min=480, back=480, left=1000.0))
    assert any("backlog grows" in w for w in behind)
    keeping_up = capacity_warnings(record(work=[], duty_min=480, back=480, left=900.0))
    assert keeping_up == []


def test_warning_when_no_back_office_official_has_the_skill():
    warnings = capacity_warnings(record(work=[], duty_min=480, back=480, left=30.0, back_fields=("social",)))
    assert any("skills for land" in w for w in warnings)


def test_overload_warning_accounts_for_proficiency():
    """150% of the time on duty at proficiency 1 is only 75% for officials twice as fast."""
    assert capacity_warnings(record(work=[36.0] * 20, duty_min=480, proficiency=2.0)) == []


@pytest.mark.parametrize("size", [1, 2, 3, 10, 661])
@pytest.mark.parametrize("q", [0.0, 0.5, 0.9, 0.95, 1.0])
def test_partial_sort_quantile_equals_numpy(size, q):
    from simulation.results.kpis import _quantile

    values = np.random.default_rng(size).exponential(7.0, size)
    values[: size // 3] = 0.0  # many citizens never wait: ties at zero
    assert _quantile(values.copy(), q) == pytest.approx(float(np.quantile(values, q)), rel=1e-12, abs=1e-12)
