"""Engine speed: our centre engine vs a bare SimPy M/M/c loop vs Ciw, on mmc.yaml's parameters.

All three simulate the same M/M/3 station (Poisson arrivals 7.5/h, exponential
20-minute service) over the same 30-day horizon, in the same process, each
repeated and the median taken. Also: the wall time of one Kim Boi month.
Targets (issue 2): ours <= 1.3x the bare SimPy loop's time per citizen, >= 2x
faster than Ciw; one Kim Boi month under 20 ms. Every timed run, ours and the
baselines alike, runs with Python's cyclic garbage collector paused, as
`timeit` does (our engine pauses it during a run anyway; the baselines get the
same treatment so the ratios compare like with like).
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

import numpy as np
import simpy

from simulation import load_scenario
from simulation.engine import gc_pause
from simulation import run as simulate

LAMBDA, MU, SERVERS, DAYS = 7.5 / 60, 1 / 20, 3, 30


def bare_simpy(seed: int) -> int:
    """The textbook SimPy M/M/c loop: a source process and one process per customer."""
    rng = np.random.default_rng(seed)
    env = simpy.Environment()
    counters = simpy.Resource(env, SERVERS)
    waits = []

    def customer(env):
        arrived = env.now
        with counters.request() as request:
            yield request
            waits.append(env.now - arrived)
            yield env.timeout(rng.exponential(1 / MU))

    def source(env):
        while True:
            yield env.timeout(rng.exponential(1 / LAMBDA))
            env.process(customer(env))

    env.process(source(env))
    env.run(until=DAYS * 1440)
    return len(waits)


def ciw_run(seed: int) -> int:
    import ciw

    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=LAMBDA)],
        service_distributions=[ciw.dists.Exponential(rate=MU)],
        number_of_servers=[SERVERS],
    )
    ciw.seed(seed)
    simulation = ciw.Simulation(network)
    simulation.simulate_until_max_time(DAYS * 1440)
    return len(simulation.get_all_records())


def ours(seed: int, scenario) -> int:
    results = simulate(scenario, seed=seed)
    return sum(1 for v in results.record.visitors if v.outcome == "served")


def _timed(fn, *args) -> tuple[float, object]:
    """Seconds one call takes with the cyclic collector paused (as timeit does), and its result."""
    with gc_pause.paused():
        start = time.perf_counter()
        result = fn(*args)
        return time.perf_counter() - start, result


def run(rounds: int = 9, months_per_round: int = 20) -> dict:
    """Rounds of (ours, bare SimPy, Ciw) on the same seed, then a block of Kim Boi months.

    This machine's speed drifts (a shared host), so every comparison is made within a round, and the
    Kim Boi months are spread over all rounds instead of timed in one burst.
    """
    scenario = load_scenario("scenarios/mmc.yaml").with_values({"warmup_days": 0, "days": DAYS})
    kim = load_scenario("scenarios/kim-boi.yaml")
    ours(0, scenario)  # warm caches and imports
    ciw_run(0)
    for seed in range(3):  # warm-up: deadline caches, the scenario's shared plan
        simulate(kim, seed=seed)
    rates = {"ours": [], "bare": [], "ciw": []}
    cost_ratios, ciw_ratios, month, month_kpi, by_round = [], [], [], [], []
    for r in range(rounds):
        for name, fn in (("ours", lambda s: ours(s, scenario)), ("bare", bare_simpy), ("ciw", ciw_run)):
            elapsed, served = _timed(fn, r)
            rates[name].append(served / elapsed)
        cost_ratios.append(rates["bare"][-1] / rates["ours"][-1])
        ciw_ratios.append(rates["ours"][-1] / rates["ciw"][-1])
        block = []
        for i in range(months_per_round):
            start = time.perf_counter()
            simulate(kim, seed=r * months_per_round + i)
            block.append(time.perf_counter() - start)
        month += block
        by_round.append((statistics.median(block) * 1000, rates["bare"][-1]))
        for i in range(months_per_round // 4):
            start = time.perf_counter()
            simulate(kim, seed=i).kpis()
            month_kpi.append(time.perf_counter() - start)
    ours_rate, bare_rate, ciw_rate = (statistics.median(rates[k]) for k in ("ours", "bare", "ciw"))
    cost_vs_bare, speed_vs_ciw = statistics.median(cost_ratios), statistics.median(ciw_ratios)
    kim_ms = statistics.median(month) * 1000
    month.sort()
    fast, slow = min(by_round), max(by_round)
    return {
        "title": "Engine speed (issue 2): M/M/3, 30 simulated days",
        "rows": [
            ("motcua engine, citizens/s", f"{ours_rate:,.0f}", "", ""),
            ("bare SimPy M/M/c loop, citizens/s", f"{bare_rate:,.0f}", "", ""),
            ("Ciw 3.2, citizens/s", f"{ciw_rate:,.0f}", "", ""),
            ("cost vs bare SimPy (time per citizen ratio, median of rounds)", f"{cost_vs_bare:.2f}x", "<= 1.3x",
             "met" if cost_vs_bare <= 1.3 else "missed"),
            ("speed vs Ciw (median of rounds)", f"{speed_vs_ciw:.1f}x faster", ">= 2x",
             "met" if speed_vs_ciw >= 2 else "missed"),
            (f"one Kim Boi month (simulation only), median of {len(month)} runs, ms", f"{kim_ms:.1f}", "< 20 ms",
             "met" if kim_ms < 20 else "missed"),
            ("one Kim Boi month, 10th / 90th percentile, ms",
             f"{month[len(month) // 10] * 1000:.1f} / {month[len(month) * 9 // 10] * 1000:.1f}", "", ""),
            ("one Kim Boi month, fastest / slowest round (median), ms", f"{fast[0]:.1f} / {slow[0]:.1f}", "", ""),
            ("bare SimPy citizens/s in those two rounds (machine speed)", f"{fast[1]:,.0f} / {slow[1]:,.0f}", "", ""),
            ("one Kim Boi month + records + KPIs, ms", f"{statistics.median(month_kpi) * 1000:.1f}", "", ""),
            ("machine load average (1 min) at the end", f"{os.getloadavg()[0]:.2f}", "", ""),
        ],
        "notes": (
            f"{rounds} rounds in one process; each round times our engine, the bare SimPy loop and Ciw on the "
            f"same seed, then {months_per_round} Kim Boi months, so the ratios compare runs made seconds apart "
            "and the months are spread over the whole benchmark. Our engine pre-draws arrivals and per-citizen "
            "randomness with numpy and hands citizens straight to idle officials, so it needs fewer SimPy "
            "events per citizen than the textbook loop (which creates a process and a resource request per "
            "customer). The Kim Boi month covers about 650 walk-ins and 700 dossiers with shifts, deadlines "
            f"and scanners; turning its records into numpy columns and KPIs afterwards adds "
            f"{(statistics.median(month_kpi) / statistics.median(month) - 1):.0%} to the simulation. The cyclic "
            "garbage collector is paused during every timed M/M/3 run, ours and the baselines' alike, as "
            "timeit does (simulation/engine/gc_pause.py); the Kim Boi month is timed as a planner calls it."
        ),
    }


WORKLOADS = ("mmc", "kim", "kim+kpis")


def counted(workload: str) -> None:
    """Run one workload with callgrind's instruction counting switched on around it alone.

    Instruction counts do not drift with the host, so two commits' engines compare to a fraction
    of a percent (docs/benchmarks.md). Run it in each commit's checkout:

        valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=out.cg \
            python -m benchmarks.bench_engine mmc     # or kim, kim+kpis; then: grep ^totals out.cg

    mmc: one 30-day M/M/3 run; kim: four Kim Boi months; kim+kpis: the same with records and KPIs.
    """
    if workload not in WORKLOADS:
        raise SystemExit(f"workload {workload!r}: choose one of {', '.join(WORKLOADS)}")
    mmc = load_scenario("scenarios/mmc.yaml").with_values({"warmup_days": 0, "days": DAYS})
    kim = load_scenario("scenarios/kim-boi.yaml")
    simulate(mmc, seed=0).kpis()  # imports, caches and the scenarios' shared setup, outside the count
    simulate(kim, seed=0).kpis()

    def switch(on: bool) -> None:
        subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())], capture_output=True)

    with gc_pause.paused():
        switch(True)
        if workload == "mmc":
            simulate(mmc, seed=1)
        else:
            for seed in range(2, 6):
                results = simulate(kim, seed=seed)
                if workload == "kim+kpis":
                    results.kpis()
        switch(False)


if __name__ == "__main__":
    counted(sys.argv[1] if len(sys.argv) > 1 else "mmc")
