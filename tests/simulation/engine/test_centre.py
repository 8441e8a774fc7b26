"""Behaviour of the centre engine: conservation, reneging, shifts, outages, priority, determinism."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simulation import Centre, load_scenario, run
from simulation.engine.randomness import seed_sequence

SHIPPED = ["kim-boi.yaml", "kim-boi-outage.yaml", "kim-boi-vneid-surge.yaml", "urban-ward.yaml",
           "mmc.yaml", "mmc-abandon.yaml", "kim-boi-before-training.yaml"]
VISITOR_OUTCOMES = {"served", "balked", "reneged", "unserved", "waiting", "in_service"}


def short(name: str, days: int = 5, **values):
    return load_scenario(name).with_values({"days": days, "warmup_days": 0, **values})


def single_counter(**values):
    """One counter, constant 30-minute service, always open: easy to reason about."""
    base = {
        "demand.walk_in.rate_per_hour": 6.0,
        "service.paper": {"dist": "constant", "mean": 30.0},
        "staff.counter": 1,
        "days": 1,
        "warmup_days": 0,
    }
    return load_scenario("mmc").with_values({**base, **values})


@pytest.mark.parametrize("name", SHIPPED)
def test_conservation_of_citizens_and_dossiers(name):
    results = run(short(name, days=8), seed=4)
    v, d = results.visitors, results.dossiers
    assert set(v["outcome"]) <= VISITOR_OUTCOMES
    k = results.kpis()
    assert k["walk_in_arrived"] == k["served"] + k["balked"] + k["reneged"] + k["unserved"] + k["still_waiting"]
    assert v["visitor_id"].is_unique and d["dossier_id"].is_unique
    assert set(d["outcome"]) <= {"early", "on_time", "late", "backlog"}
    served = v[v["outcome"] == "served"]
    assert (served["called_min"] >= served["arrival_min"]).all()
    assert (served["end_min"] >= served["called_min"]).all()
    assert v.loc[v["outcome"].isin(["balked", "reneged", "unserved"]), "called_min"].isna().all()


def test_reneging_releases_the_place_in_line():
    """Impatient citizens leave after exactly their patience; nobody who left is ever called."""
    scenario = single_counter(**{"demand.walk_in.patience": {"dist": "constant", "mean": 5.0}})
    v = run(scenario, seed=8).visitors
    reneged = v[v["outcome"] == "reneged"]
    assert len(reneged) > 10
    assert np.allclose(reneged["end_min"] - reneged["arrival_min"], 5.0)
    assert reneged["called_min"].isna().all()


@pytest.mark.parametrize("name", ["kim-boi-vneid-surge.yaml", "mmc-abandon.yaml", "urban-ward.yaml"])
def test_no_counter_idles_while_a_citizen_it_can_serve_waits(name):
    """No capacity leak: sampled through the run, an idle official never faces a servable ticket."""
    centre = Centre(short(name, days=3), seed_sequence(6))
    violations = []

    def monitor(env):
        while True:
            for official in centre.line.idle:
                if any(official.can_serve(v) for v in centre.line.waiting):
                    violations.append((env.now, official.name))
            yield env.timeout(0.7)

    centre.env.process(monitor(centre.env))
    centre.run()
    assert violations == []


def test_one_counter_serves_one_citizen_at_a_time():
    v = run(single_counter(), seed=1).visitors
    served = v[v["outcome"] == "served"].sort_values("called_min")
    assert len(served) > 20
    assert (served["called_min"].to_numpy()[1:] >= served["end_min"].to_numpy()[:-1] - 1e-9).all()
    assert np.allclose(served["service_min"], 30.0)


def test_balking_citizens_see_a_long_line():
    v = run(single_counter(**{"demand.walk_in.balk_at": 2}), seed=2).visitors
    assert (v["outcome"] == "balked").sum() > 10
    assert v.loc[v["outcome"] != "balked", "time_in_line_min"].max() > 0


def test_same_seed_same_records_different_seed_different_records():
    scenario = short("kim-boi.yaml", days=10)
    a, b, c = run(scenario, seed=3), run(scenario, seed=3), run(scenario, seed=4)
    pd.testing.assert_frame_equal(a.visitors, b.visitors)
    pd.testing.assert_frame_equal(a.dossiers, b.dossiers)
    assert a.kpis() == b.kpis() or all(
        (x == y) or (x != x and y != y) for x, y in zip(a.kpis().values(), b.kpis().values()))
    assert not a.visitors["arrival_min"].equals(c.visitors["arrival_min"])


def test_changing_staff_keeps_the_same_citizens():
    """Common random numbers: a staffing change leaves arrivals and work content untouched."""
    one = run(short("urban-ward.yaml", days=3), seed=9)
    two = run(short("urban-ward.yaml", days=3, **{"staff.counter": 3}), seed=9)
    first = one.visitors[~one.visitors["returning"]].sort_values("visitor_id")
    second = two.visitors[~two.visitors["returning"]].sort_values("visitor_id")
    assert np.array_equal(first["arrival_min"].to_numpy(), second["arrival_min"].to_numpy())
    assert list(first["procedure"]) == list(second["procedure"])
    assert second["wait_min"].mean() > first["wait_min"].mean()


def test_changing_staff_keeps_the_same_portal_dossiers():
    """Common random numbers on the online side: each dossier's work and rework belong to the submission."""
    kim = load_scenario("kim-boi").with_values({"days": 14})
    one = run(kim, seed=4).dossiers
    two = run(kim.with_values({"staff.counter": 3}), seed=4).dossiers
    columns = ["received_min", "procedure", "rework"]
    first = one[one["channel"] == "portal"].sort_values(columns)[columns].reset_index(drop=True)
    second = two[two["channel"] == "portal"].sort_values(columns)[columns].reset_index(drop=True)
    assert len(first) > 100 and first["rework"].any()
    pd.testing.assert_frame_equal(first, second)
    assert not one[one["channel"] != "portal"]["received_min"].equals(two[two["channel"] != "portal"]["received_min"])


def test_priority_citizens_wait_less_when_the_rule_is_on():
    base = {"demand.walk_in.priority_share": 0.2, "demand.walk_in.rate_per_hour": 8.5, "days": 10}
    on = run(load_scenario("mmc").with_values({**base, "policy.priority": True}), seed=5).visitors
    off = run(load_scenario("mmc").with_values({**base, "policy.priority": False}), seed=5).visitors
    on_gap = on.groupby("priority")["wait_min"].mean()
    off_gap = off.groupby("priority")["wait_min"].mean()
    assert on_gap[True] < 0.5 * on_gap[False]
    assert off_gap[True] == pytest.approx(off_gap[False], rel=0.35)


def test_walk_ins_arrive_only_in_opening_sessions_and_leave_by_closing():
    results = run(short("kim-boi-vneid-surge.yaml", days=7), seed=2)
    v = results.visitors
    minute = (v["arrival_min"] % 1440)
    in_session = ((minute >= 450) & (minute < 690)) | ((minute >= 810) & (minute < 1020))
    assert in_session.all()
    weekday = v["arrival"].dt.day_of_week
    assert (weekday < 5).all()
    served = v[v["outcome"] == "served"]
    called = served["called_min"] % 1440
    assert (((called < 690 + 30) | (called >= 810)) & (called < 1020 + 30)).all()


def test_citizens_still_waiting_after_overtime_are_sent_home():
    scenario = short("kim-boi.yaml", days=2, **{"demand.walk_in_scale": 6.0, "demand.walk_in.balk_at": None,
                                               "demand.walk_in.patience": None, "hours.overtime_min": 0})
    v = run(scenario, seed=1).visitors
    unserved = v[v["outcome"] == "unserved"]
    assert len(unserved) > 0
    assert set((unserved["end_min"] % 1440).round(6)) <= {690.0, 1020.0}


def test_portal_outage_holds_dossiers_until_the_portal_returns():
    scenario = short("kim-boi-outage.yaml", days=20)
    d = run(scenario, seed=3).dossiers
    start = (pd.Timestamp("2025-07-15 08:00") - pd.Timestamp("2025-07-01")).total_seconds() / 60
    end = start + 7.5 * 60
    online = d[d["channel"].isin(["portal", "guided"])]
    assert not ((online["received_min"] > start) & (online["received_min"] < end)).any()
    assert (online["received_min"] == end).sum() > 0  # the held submissions arrive when it ends
    worked = d.dropna(subset=["started_min"])
    assert not ((worked["started_min"] > start) & (worked["started_min"] < end)).any()


def test_incomplete_paper_dossiers_return_on_a_later_working_day():
    scenario = short("urban-ward.yaml", days=6, **{"demand.walk_in.incomplete_share": 1.0})
    v = run(scenario, seed=4).visitors
    first = v[(v["kind"] == "paper") & ~v["returning"] & (v["outcome"] == "served")]
    back = v[v["returning"]]
    assert first["incomplete"].all()
    assert len(back) > 0.5 * len(first)
    assert (back["arrival"].dt.day_of_week < 5).all()


def test_a_flexible_official_serves_the_line_when_no_counter_exists():
    scenario = short("kim-boi.yaml", days=3, **{"staff.counter": 0, "staff.guide": 0, "staff.flexible": 1})
    results = run(scenario, seed=2)
    served = results.visitors.query("outcome == 'served'")
    assert len(served) > 30 and set(served["role"]) == {"flexible"}
    assert (results.activities.query("role == 'flexible'")["activity"] == "dossier").any()


def test_training_shortens_service():
    before = run(load_scenario("kim-boi-before-training"), seed=1).kpis()
    after = run(load_scenario("kim-boi-after-training"), seed=1).kpis()
    assert after["service_mean"] < 0.8 * before["service_mean"]
    assert after["utilisation_back_office"] < before["utilisation_back_office"]


def test_few_scanners_make_citizens_wait_longer():
    many = run(short("urban-ward.yaml", days=3, **{"equipment.scanners": None}), seed=1).kpis()
    few = run(short("urban-ward.yaml", days=3, **{"equipment.scanners": 1, "equipment.scan_min": 4}), seed=1).kpis()
    assert few["wait_mean"] > many["wait_mean"] + 1


def test_demand_above_capacity_finishes_and_warns():
    scenario = load_scenario("mmc").with_values({"demand.walk_in.rate_per_hour": 12, "days": 5})
    from simulation.i18n import use_language

    with use_language("en"):       # the warnings are written in the language of the run
        results = run(scenario, seed=1)
        assert any("grows without bound" in w for w in results.warnings)
    with use_language("vi"):
        assert any("hàng chờ dài ra không giới hạn" in w for w in run(scenario, seed=1).warnings)
    assert results.kpis()["still_waiting"] > 50


def test_kim_boi_july_matches_the_article():
    """705 dossiers (692 online, 13 in person), over 60% early: the mean of 10 runs is close."""
    scenario = load_scenario("kim-boi")
    k = pd.DataFrame([run(scenario, seed=2025, replication=r).kpis() for r in range(10)]).mean()
    assert k["dossiers_received"] == pytest.approx(705, rel=0.05)
    assert k["online_received"] == pytest.approx(692, rel=0.05)
    assert 6 <= k["in_person_received"] <= 20
    assert k["online_early"] > 0.60


def test_utilisation_never_exceeds_one_even_with_overtime():
    scenario = short("kim-boi.yaml", days=5, **{"demand.walk_in_scale": 6.0})
    for seed in range(3):
        results = run(scenario, seed=seed)
        k = results.kpis()
        assert k["unserved"] + k["served"] > 0
        assert 0.5 < k["utilisation_counter"] <= 1.0
        assert k["utilisation_guide"] <= 1.0
        by_hour = results.utilisation_by_hour()
        assert by_hour["overtime_min"].sum() > 0           # six times the walk-ins: counters stay after closing
        assert (by_hour["utilisation"].dropna() <= 1.0 + 1e-9).all()


@pytest.mark.parametrize("name", ["kim-boi.yaml", "urban-ward.yaml", "kim-boi-outage.yaml"])
def test_dossier_outcomes_agree_with_the_calendar(name):
    """The vectorised early/on-time/late classification equals WorkingCalendar.outcome dossier by dossier."""
    results = run(short(name, days=20), seed=12)
    d = results.dossiers
    expected = [results.timetable.calendar.outcome(None if pd.isna(f) else f.to_pydatetime(), due.to_pydatetime())
                for f, due in zip(d["finished"], d["due"])]
    assert list(d["outcome"]) == expected
    assert {"early", "on_time"} <= set(expected)


def test_records_do_not_depend_on_which_table_is_read_first():
    scenario = short("kim-boi-vneid-surge.yaml", days=5)
    a = run(scenario, seed=2)
    b = run(scenario, seed=2)
    first_dossiers = b.dossiers  # read in the other order
    pd.testing.assert_frame_equal(a.visitors, b.visitors)
    pd.testing.assert_frame_equal(a.dossiers, first_dossiers)


def test_night_portal_dossiers_keep_their_receipt_time_and_wait_for_the_back_office():
    d = run(short("kim-boi.yaml", days=10), seed=3).dossiers
    portal = d[d["channel"] == "portal"]
    night = portal[(portal["received"].dt.hour < 6) | (portal["received"].dt.day_of_week >= 5)]
    assert len(night) > 20  # receipt times at night and on weekends are kept as submitted
    started = night.dropna(subset=["started_min"])
    minute = started["started_min"] % 1440
    assert (started["started_min"] > started["received_min"]).all()
    assert ((minute >= 450) & (minute < 1020)).all()  # worked only inside office hours


def test_back_office_works_earliest_deadline_first_including_overnight_dossiers():
    """Every time the one back-office official picks a dossier, it has the earliest deadline waiting,
    counting the night's portal dossiers handed in at opening."""
    results = run(short("kim-boi.yaml", days=12, **{"staff.back_office": 1}), seed=5)
    d = results.dossiers
    picked = d[d["channel"] != "counter"].dropna(subset=["started_min"]).sort_values("started_min")
    picked = picked[picked["started_min"] > picked["received_min"]]  # picked from the backlog, not on arrival
    assert len(picked) > 50
    for _, dossier in picked.iterrows():
        t = dossier["started_min"]
        waiting = d[(d["received_min"] <= t) & ~(d["started_min"] < t) & (d["channel"] != "counter")]
        assert dossier["due_min"] == waiting["due_min"].min()
    overnight = picked[(picked["received_min"] % 1440 < 450)]
    assert len(overnight) >= 3
