"""Back-tests of the engine against queueing theory (Erlang C, Erlang A, Little's law).

Each check runs independent replications with fixed seeds and asks whether the
theoretical value lies inside the 95% t-confidence interval of the replication
means: a correct engine passes 95% of seeds, and the seeds are fixed so the
suite is deterministic.
"""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from simulation import load_scenario, run
from simulation.queueing import erlang as analytics

REPS = 30


def confidence_interval(values, level=0.95):
    values = np.asarray(values, dtype=float)
    half = stats.t.ppf(0.5 + level / 2, len(values) - 1) * values.std(ddof=1) / np.sqrt(len(values))
    return values.mean() - half, values.mean() + half


def steady_state(results):
    v = results.visitors
    return v[v["arrival_min"] >= results.scenario.warmup_days * 1440]


@pytest.fixture(scope="module")
def mmc_runs():
    scenario = load_scenario("mmc")
    return scenario, [run(scenario, seed=2025, replication=r) for r in range(REPS)]


def test_mmc_mean_wait_agrees_with_erlang_c(mmc_runs):
    scenario, runs = mmc_runs
    lam, mu = 7.5 / 60, 1 / 20
    theory = analytics.erlang_c_mean_wait(3, lam, mu)
    waits = [steady_state(r).query("outcome == 'served'")["wait_min"].mean() for r in runs]
    low, high = confidence_interval(waits)
    assert low <= theory <= high, (low, theory, high)
    assert high - low < 0.25 * theory  # the interval is tight enough to mean something


def test_mmc_probability_of_waiting_agrees_with_erlang_c(mmc_runs):
    _, runs = mmc_runs
    theory = analytics.erlang_c(3, 2.5)
    shares = [(steady_state(r).query("outcome == 'served'")["wait_min"] > 0).mean() for r in runs]
    low, high = confidence_interval(shares)
    assert low <= theory <= high, (low, theory, high)


def test_mmc_service_level_agrees_with_erlang_c(mmc_runs):
    _, runs = mmc_runs
    theory = analytics.erlang_c_service_level(3, 7.5 / 60, 1 / 20, 15.0)
    levels = [(steady_state(r).query("outcome == 'served'")["wait_min"] <= 15).mean() for r in runs]
    low, high = confidence_interval(levels)
    assert low <= theory <= high, (low, theory, high)


def test_mmc_utilisation_is_offered_load_per_server(mmc_runs):
    _, runs = mmc_runs
    low, high = confidence_interval([r.kpis()["utilisation_counter"] for r in runs])
    assert low <= 2.5 / 3 <= high


def test_mmc_abandonment_agrees_with_erlang_a():
    scenario = load_scenario("mmc-abandon")
    theory = analytics.erlang_a(3, 10 / 60, 1 / 20, 1 / 30)
    abandon, waits = [], []
    for r in range(REPS):
        v = steady_state(run(scenario, seed=11, replication=r))
        v = v[v["outcome"].isin(["served", "reneged"])]
        abandon.append((v["outcome"] == "reneged").mean())
        waits.append(v["time_in_line_min"].mean())  # Erlang A's mean wait counts those who leave too
    low, high = confidence_interval(abandon)
    assert low <= theory.p_abandon <= high, (low, theory.p_abandon, high)
    low, high = confidence_interval(waits)
    assert low <= theory.mean_wait <= high, (low, theory.mean_wait, high)


def _sample_line(centre, every=1.0):
    """A monitor process that records how many citizens wait, every `every` minutes."""
    samples = []

    def monitor(env):
        while True:
            samples.append(len(centre.line.waiting))
            yield env.timeout(every)

    centre.env.process(monitor(centre.env))
    return samples


@pytest.mark.parametrize("name", ["mmc.yaml", "kim-boi-vneid-surge.yaml", "urban-ward.yaml"])
def test_littles_law_links_line_length_to_time_in_line(name):
    from simulation import Centre
    from simulation.engine.randomness import seed_sequence

    scenario = load_scenario(name).with_values({"warmup_days": 0})
    centre = Centre(scenario, seed_sequence(5))
    samples = _sample_line(centre, every=0.5)
    results = centre.run()
    horizon = results.horizon
    v = results.visitors
    in_line = v[v["outcome"] != "balked"]
    arrival_rate = len(in_line) / horizon
    mean_time = in_line["time_in_line_min"].mean()
    sampled_l = float(np.mean(samples))
    assert sampled_l > 0.01
    assert sampled_l == pytest.approx(arrival_rate * mean_time, rel=0.05)


def test_littles_law_for_the_counters():
    """Busy counters on average = throughput x mean service time."""
    scenario = load_scenario("mmc").with_values({"warmup_days": 0})
    results = run(scenario, seed=3)
    served = results.visitors.query("outcome == 'served'")
    busy_servers = results.kpis()["utilisation_counter"] * 3
    assert busy_servers == pytest.approx(len(served) / results.horizon * served["service_min"].mean(), rel=0.02)
