"""Benchmark: the urban-ward plan with weekday-hour targets and the stability target, beside the pooled plan.

`run()` times ``motcua sim plan scenarios/urban-ward.yaml --target "wait_p90 <= 15min" --target
"online_on_time >= 0.95" --reps 30 --workers 2`` twice, back to back, each in a fresh process
(cluster start included): first as the planner was before issue 22 (the code of commit `BEFORE`,
taken with ``git archive``: waiting target pooled over the month, on-time among resolved dossiers,
the scenario's 14 days), then as it is now (every weekday-hour cell judged, the honest on-time, the
back office required to keep up, a horizon long enough for the longest legal time with a warm-up).
Target: now at most 1.5 times before. Run: ``python benchmarks/bench_plan_targets.py``.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "a24aa24"   # the last commit before issue 22
ARGS = ["sim", "plan", "urban-ward", "--target", "wait_p90 <= 15min", "--target", "online_on_time >= 0.95",
        "--reps", "30", "--seed", "2025", "--workers", "2", "--quiet"]


def _plan(code: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(code)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "motcua.cli", *ARGS], cwd=code, env=env, capture_output=True,
                          text=True, check=True)
    wall = time.perf_counter() - start
    recommended = re.search(r"Recommended staffing for [^:]+: (.*)", done.stdout)
    options = re.search(r"(\d+) staffing options simulated", done.stdout)
    days = re.search(r"simulated (\d+) days", done.stdout)
    return {"wall_s": wall, "recommended": recommended.group(1) if recommended else "?",
            "evaluations": int(options.group(1)) if options else None, "days": int(days.group(1)) if days else 14}


def run() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        old = Path(folder)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", BEFORE], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
        before = _plan(old)
        now = _plan(ROOT)
    ratio = now["wall_s"] / before["wall_s"]
    out = {"before": before, "now": now, "ratio": ratio, "load_average": os.getloadavg()[0],
           "title": "Planner with weekday-hour and stability targets (issue 22): urban ward, 30 reps, 2 workers"}
    out["rows"] = [
        (f"pooled plan before issue 22 (commit {BEFORE}): s / options / days",
         f"{before['wall_s']:.1f} / {before['evaluations']} / {before['days']}", "", ""),
        ("it recommends", before["recommended"], "", ""),
        ("plan with weekday-hour cells and stability: s / options / days",
         f"{now['wall_s']:.1f} / {now['evaluations']} / {now['days']}", "", ""),
        ("it recommends", now["recommended"], "", ""),
        ("time ratio, now / before", f"{ratio:.2f}x", "<= 1.5x", "met" if ratio <= 1.5 else "missed"),
    ]
    return out


if __name__ == "__main__":
    print(json.dumps({k: v for k, v in run().items() if k != "rows"}, indent=2))
