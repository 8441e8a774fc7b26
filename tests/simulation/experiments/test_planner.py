"""The staffing planner: targets, the monotone search, analytic baselines and the `plan` command."""
from __future__ import annotations

import numpy as np
import pytest

from motcua.cli import main as motcua_main
from simulation import load_scenario, run
from simulation.queueing.erlang import erlang_c_mean_wait, min_servers_erlang_c
from simulation.experiments.baselines import analytic_baselines, explain_differences
from simulation.experiments.plan_report import format_plan
from simulation.results.periods import period_kpis
from simulation.scenario import WEEKDAYS
from simulation.experiments.planner import Planner, PlanError
from simulation.experiments.staffing_options import Staffing, apply_staffing, open_periods
from simulation.experiments.targets import TargetError, parse_target


def main(argv: list[str]) -> int:
    """`motcua sim ...` in-process, as a user would type it (one worker: no Dask cluster to start; no progress bar)."""
    return motcua_main(["sim", *argv, "--workers", "1", "--quiet"])


@pytest.mark.parametrize("text, kpi, op, threshold", [
    ("wait_p90 <= 15min", "wait_p90", "<=", 15.0),
    ("wait_p90<=0.25h", "wait_p90", "<=", 15.0),
    ("wait_mean < 90s", "wait_mean", "<", 1.5),  # kept strict, never silently taken as <=
    ("online_on_time >= 0.95", "online_on_time", ">=", 0.95),
    ("online_on_time >= 95%", "online_on_time", ">=", 0.95),
    ("share_wait_over_target <= 10%", "share_wait_over_target", "<=", 0.10),
])
def test_targets(text, kpi, op, threshold):
    target = parse_target(text)
    assert (target.kpi, target.op) == (kpi, op) and target.threshold == pytest.approx(threshold)


@pytest.mark.parametrize("text, message", [
    ("wait_p90 15min", "write KPI <= VALUE"),
    ("wait_p99 <= 15min", "'wait_p99' is not a KPI the planner can staff for"),
    ("utilisation_counter >= 0.8", "is not a KPI the planner can staff for"),
    ("wait_p90 >= 5min", "only 'wait_p90 <= ...'"),
    ("online_on_time <= 0.95", "only 'online_on_time >= ...'"),
    ("wait_mean <= 5 parsecs", "unknown unit 'parsecs'"),
    ("wait_mean <= 5d", "unknown unit 'd'"),
    ("online_on_time >= 95min", "not a time"),
    ("wait_mean <= 50%", "not a percentage"),
    ("online_on_time >= 1.5", "outside the KPI's range"),
])
def test_bad_targets_name_the_target(text, message):
    with pytest.raises(TargetError, match=message.replace("(", r"\(").replace(".", r"\.")):
        parse_target(text)


def test_target_is_met_only_with_the_whole_interval_on_its_side():
    wait, on_time = parse_target("wait_mean <= 10"), parse_target("online_on_time >= 0.9")
    assert wait.met(8, 9.9) and not wait.met(8, 10.1)
    assert on_time.met(0.91, 0.99) and not on_time.met(0.89, 0.99)
    assert wait.confidence(8.0, 1.0, 10, 0.95) > 0.975 > wait.confidence(9.5, 1.0, 10, 0.95)


@pytest.fixture(scope="module")
def mmc():
    # Offered load 2.5 erlang: Erlang C puts c = 3 at a 28 min mean wait and c = 4 at 4.4 min, far either side
    # of the targets below, so 8 replications of 8 days (6 after warm-up) settle the answer for any seed.
    return load_scenario("mmc").with_values({"days": 8})


@pytest.mark.parametrize("target, erlang", [
    ("wait_mean <= 10min", {"max_mean_wait": 10}),
    ("share_wait_over_target <= 0.25", {"target_wait": 15, "service_level": 0.75}),
])
def test_planner_finds_the_erlang_c_staffing_on_mmc(mmc, target, erlang):
    lam, mu = 7.5 / 60, 1 / 20
    expected = min_servers_erlang_c(lam, mu, **erlang)
    assert erlang_c_mean_wait(expected - 1, lam, mu) > 2 * 10 > 2 * erlang_c_mean_wait(expected, lam, mu)
    plan = Planner(mmc, [parse_target(target)], reps=8, seed=7, max_staff=5).plan()
    assert plan.recommended.as_dict == {"counter": expected}
    assert analytic_baselines(mmc, plan.targets).erlang_c == expected
    curve = plan.curve.set_index("counter")
    assert not curve.loc[expected - 1, "meets"] and curve.loc[expected, "meets"]


def test_several_roles_give_a_plan_no_single_official_less_can_match(mmc):
    scenario = load_scenario("kim-boi").with_values({"days": 8})
    # honest on-time: Kim Boi's land dossiers with outside agencies keep it near 96%, whatever the staff
    targets = [parse_target("wait_p90 <= 15min"), parse_target("online_on_time >= 0.9")]
    planner = Planner(scenario, targets, reps=5, seed=3, roles=["counter", "guide", "back_office"], max_staff=4)
    plan = planner.plan()
    assert plan.evaluation.meets and plan.certainty["met"].all()
    counts = plan.recommended.as_dict
    for role, n in counts.items():
        if n > planner.lo:
            assert not planner.evaluate(Staffing.of({**counts, role: n - 1})).meets, role
    assert plan.evaluations < (planner.hi - planner.lo + 1) ** 3  # far fewer than every combination
    text = format_plan(plan, scenario, analytic_baselines(scenario, targets))
    assert plan.recommended.label() in text and "Erlang C" in text and "lunch break" in text


def test_unreachable_targets_are_reported_with_the_best_reached(mmc):
    with pytest.raises(PlanError, match=r"no staffing within the limits.*counter=3.*'wait_mean <= 5min'"):
        Planner(mmc, [parse_target("wait_mean <= 5min")], reps=4, max_staff=3).plan()


def test_a_kpi_the_scenario_does_not_produce_is_refused(mmc):
    with pytest.raises(PlanError, match="online_on_time has no value"):
        Planner(mmc, [parse_target("online_on_time >= 0.9")], reps=3, max_staff=4).plan()


@pytest.mark.parametrize("options, message", [
    ({"targets": []}, "at least one --target"),
    ({"reps": 1}, "reps = 1"),
    ({"roles": ["cashier"]}, "role 'cashier'"),
    ({"min_staff": 5, "max_staff": 3}, "min_staff = 5"),
    ({"by": "month"}, "by = 'month'"),
])
def test_bad_planner_options(mmc, options, message):
    arguments = {"targets": [parse_target("wait_mean <= 10")], **options}
    with pytest.raises(PlanError, match=message):
        Planner(mmc, arguments.pop("targets"), **arguments)


def test_counters_by_hour_meet_the_targets_in_every_hour():
    scenario = load_scenario("kim-boi").with_values({"days": 6, "demand.walk_in_scale": 3})
    # counters only: the tripled guided dossiers would overload the fixed back office (stability off here)
    plan = Planner(scenario, [parse_target("wait_mean <= 10min")], reps=5, roles=["counter"], max_staff=4,
                   by="hour", stability=False).plan()
    hours = dict(plan.recommended.plan)
    assert plan.recommended.by == "hour" and sorted(hours) == [7, 8, 9, 10, 11, 13, 14, 15, 16]
    assert all(1 <= k <= plan.recommended.as_dict["counter"] for k in hours.values())
    assert plan.evaluation.meets and not plan.evaluation.failing
    per_hour = [k for k in plan.evaluation.summary.index if k.startswith("wait_mean@hour=")]
    assert per_hour and (plan.evaluation.summary.loc[per_hour, "high"] <= 10).all()


def test_explanations_name_the_reasons():
    scenario = load_scenario("kim-boi")
    base = analytic_baselines(scenario, [parse_target("wait_p90 <= 15min")])
    reasons = " ".join(explain_differences(scenario, base, 5))
    assert "needs more than Erlang C" in reasons
    for word in ("not exponential", "lunch break", "demand varies", "give up", "working days"):
        assert word in reasons
    assert base.sipp and set(base.sipp) <= set(range(7, 17)) and base.back_office_workload >= 1
    short = explain_differences(scenario, base, 5, back_office=base.back_office_workload - 1)
    assert "below the workload bound" in short[0]
    assert not any("workload bound (" in r and "below" in r
                   for r in explain_differences(scenario, base, 5, back_office=base.back_office_workload))


@pytest.mark.parametrize("arguments, message", [
    (["--target", "wait_p9 <= 15min"], "'wait_p9' is not a KPI"),
    (["--target", "wait_mean <= 1min", "--max-staff", "3", "--reps", "3", "--days", "4"],
     "no staffing within the limits"),
    (["--target", "wait_mean <= 10", "--roles", "cook"], "role 'cook'"),
    (["--target", "wait_mean <= 10", "--reps", "1"], "--reps 1"),
])
def test_cli_plan_bad_input_exit_2(arguments, message, capsys):
    code = main(["plan", "mmc", *arguments])
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err and err.count("\n") == 1


def test_cli_plan_prints_the_roster_and_the_formulas(capsys):
    # pooled (--no-cells): Erlang C is a steady-state answer for the whole station, not per weekday-hour cell
    code = main(["plan", "mmc", "--target", "wait_mean <= 10min", "--reps", "6", "--days", "8", "--max-staff", "5",
                 "--no-cells"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Recommended staffing for M/M/3 textbook station: counter=4" in out
    assert "Erlang C (M/M/c, steady state):  4" in out and "agrees with Erlang C" in out


def test_staffing_keeps_named_officials_and_adds_anonymous_ones():
    kim = load_scenario("kim-boi")
    fewer = apply_staffing(kim, Staffing.of({"counter": 1, "back_office": 5}))
    assert [o.name for o in fewer.staff.counter] == ["Bui Van Hung"]
    names = [o.name for o in fewer.staff.back_office]
    assert names[:3] == ["Nguyen Van Son", "Xa Thi Hoa", "Ha Van Tuan"] and len(names) == 5
    assert fewer.staff.back_office[4].skills == ["all"]
    by_day = apply_staffing(kim, Staffing.of({"counter": 2}, "weekday", {"mon": 2, "fri": 1}))
    assert by_day.staff.counter_by_weekday == {"mon": 2, "fri": 1}
    assert open_periods(kim, "weekday") == ["mon", "tue", "wed", "thu", "fri"]
    assert open_periods(kim, "hour") == [7, 8, 9, 10, 11, 13, 14, 15, 16]


def test_waits_by_weekday_of_arrival_cover_every_served_citizen():
    kim = load_scenario("kim-boi").with_values({"days": 14})
    results = run(kim, 1, replication=0)
    by_day = period_kpis(results, "weekday")
    served = results.visitors[results.visitors["outcome"] == "served"]
    days = {k.split("=")[1] for k in by_day}
    assert days == {"mon", "tue", "wed", "thu", "fri"}
    monday = served[served["arrival"].dt.day_of_week == 0]["wait_min"]
    assert by_day["wait_mean@weekday=mon"] == pytest.approx(monday.mean())


@pytest.mark.parametrize("kind", ["hour", "weekday"])
def test_period_kpis_match_a_pandas_groupby_of_the_visitor_records(kind):
    kim = load_scenario("kim-boi").with_values({"days": 21, "warmup_days": 2})
    results = run(kim, 3, replication=1)
    v = results.visitors
    v = v[(v["arrival_min"] >= results.warmup) & (v["outcome"] == "served")]
    key = v["hour"] if kind == "hour" else v["arrival"].dt.day_of_week.map(lambda d: WEEKDAYS[d])
    expected = {}
    for period, group in v.groupby(key):
        wait = group["wait_min"].to_numpy(dtype=float)
        expected[f"wait_mean@{kind}={period}"] = wait.mean()
        expected[f"wait_p90@{kind}={period}"] = np.quantile(wait, 0.9)
        expected[f"share_wait_over_target@{kind}={period}"] = (wait > kim.satisfaction.wait_target_min).mean()
    got = period_kpis(results, kind)
    assert list(got) == list(expected)
    assert got == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("start", [1, 2, 6])
def test_the_search_finds_the_least_from_below_and_from_above(mmc, start):
    """Greedy steps up from a scenario that misses, trimming down from one that meets: the same
    least staffing (Erlang C's 4 on this station), whatever the scenario's own number."""
    scenario = mmc.with_values({"staff.counter": start})
    plan = Planner(scenario, [parse_target("wait_mean <= 10min")], reps=8, seed=7, max_staff=8,
                   cells=False).plan()
    assert plan.recommended.as_dict == {"counter": 4}
    assert plan.evaluations <= abs(start - 4) + 4  # the top, each step, and the curve's neighbours
