"""Benchmark: the urban-ward plan with weekday-hour targets and the stability target, beside the pooled plan.

`run()` plans ``scenarios/urban-ward.yaml`` twice on the same two-worker Dask cluster, 30 replications
an option, in this order: the pooled plan as the planner made it before issue 22 (waiting target
pooled over the month, on-time among resolved dossiers, the scenario's 14 days, every option run for
all replications) and the plan a commune can trust (every weekday-hour cell judged, the honest
on-time, the back office required to keep up, a horizon long enough for the longest legal time with
a warm-up, clearly failing options judged on a third of the replications). Target: the second at most
1.5 times the first. Run: ``python benchmarks/bench_plan_targets.py``.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from simulation import load_scenario  # noqa: E402
from simulation.experiments.cluster import DaskRunner  # noqa: E402
from simulation.experiments.planner import Planner  # noqa: E402
from simulation.experiments.replications import replicate  # noqa: E402
from simulation.experiments.targets import parse_target  # noqa: E402

POOLED = ("wait_p90 <= 15min", "online_on_time_resolved >= 0.95")
TRUSTED = ("wait_p90 <= 15min", "online_on_time >= 0.95")


def _plan(scenario, targets, runner, **options) -> dict:
    start = time.perf_counter()
    plan = Planner(scenario, [parse_target(t) for t in targets], reps=30, seed=2025, runner=runner, **options).plan()
    return {"wall_s": time.perf_counter() - start, "evaluations": plan.evaluations,
            "recommended": plan.recommended.label(), "days": (plan.scenario or scenario).days}


def run(scenario: str = "urban-ward") -> dict:
    base = load_scenario(scenario)
    with DaskRunner(workers=2) as runner:
        replicate(base.with_values({"days": 2}), 4, runner=runner)  # warm the workers: imports, catalogue
        pooled = _plan(base, POOLED, runner, cells=False, stability=False, screen=False)
        trusted = _plan(base, TRUSTED, runner)
    ratio = trusted["wall_s"] / pooled["wall_s"]
    out = {"scenario": base.name, "pooled": pooled, "trusted": trusted, "ratio": ratio,
           "load_average": os.getloadavg()[0],
           "title": "Planner with weekday-hour and stability targets (issue 22): urban ward, 2 workers"}
    out["rows"] = [
        ("pooled plan (before issue 22): s / options / days", f"{pooled['wall_s']:.1f} / {pooled['evaluations']} / "
         f"{pooled['days']}", "", ""),
        ("pooled plan recommends", pooled["recommended"], "", ""),
        ("plan with weekday-hour cells and stability: s / options / days",
         f"{trusted['wall_s']:.1f} / {trusted['evaluations']} / {trusted['days']}", "", ""),
        ("that plan recommends", trusted["recommended"], "", ""),
        ("time ratio, trusted / pooled", f"{ratio:.2f}x", "<= 1.5x", "met" if ratio <= 1.5 else "missed"),
    ]
    return out


if __name__ == "__main__":
    result = run()
    print(json.dumps({k: v for k, v in result.items() if k != "rows"}, indent=2))
