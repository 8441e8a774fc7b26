"""Dashboard responsiveness: a slider change and Run on what the dashboard opens on, a busy week (issue 6).

Measured in code on the widget objects, as a trainer's click would drive them:
move a slider (`dashboard.set`), press Run (`run_button.click()`), until the
KPI cards hold the new text. Also measured: the same with the PNG charts
redrawn, and the bare engine call (`run(...).kpis()`) in the same process as
the baseline (the same ten scenarios), so the dashboard's own overhead shows as a ratio. Target: the
KPI cards update in under 0.5 s. Run: ``python benchmarks/bench_dashboard.py``.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from simulation import load_scenario  # noqa: E402
from simulation import run as simulate  # noqa: E402
from simulation.views.dashboard import OPENING_DAYS, OPENING_SCENARIO, StaffingDashboard  # noqa: E402

TARGET_S = 0.5
MOVES = [("staff.counter", 1), ("demand.walk_in_scale", 2.0), ("staff.counter", 3), ("demand.walk_in_scale", 1.5),
         ("staff.guide", 2), ("demand.walk_in.mix.account_help", 0.4), ("demand.outages", 2.0),
         ("policy.priority", False), ("staff.back_office", 2), ("demand.online_scale", 2.0)]


def _clicks(dashboard: StaffingDashboard) -> list[float]:
    times = []
    for path, value in MOVES:
        before = dashboard.kpis.value
        start = time.perf_counter()
        dashboard.set(path, value)
        dashboard.run_button.click()
        elapsed = time.perf_counter() - start
        if dashboard.kpis.value == before and dashboard.last_results is None:
            raise RuntimeError(f"moving {path} to {value!r} did not update the KPI cards")
        times.append(elapsed)
    return times


def run() -> dict:
    base = load_scenario(OPENING_SCENARIO)
    kpi_only = StaffingDashboard(base, days=OPENING_DAYS, charts=False)
    kpi_only.run()  # warm-up: imports, caches
    kpi_times = _clicks(kpi_only)
    full = StaffingDashboard(base, days=OPENING_DAYS, charts=True)
    full.run()
    full_times = _clicks(full)
    replay = StaffingDashboard(base, days=OPENING_DAYS, charts=False, more_settings=False)
    scenarios = []
    for path, value in MOVES:  # the very scenarios the clicks ran, built without the widgets' help
        replay.set(path, value)
        scenarios.append(replay.scenario())
    bare = []
    for scenario in scenarios:
        start = time.perf_counter()
        simulate(scenario, seed=1).kpis()
        bare.append(time.perf_counter() - start)
    kpi_median, kpi_max = statistics.median(kpi_times), max(kpi_times)
    bare_median = statistics.median(bare)
    return {
        "title": f"Dashboard: slider change + Run, {base.name} for {OPENING_DAYS} days (what it opens on; issue 6)",
        "rows": [
            ("KPI cards updated, median s", f"{kpi_median:.3f}", f"< {TARGET_S} s",
             "met" if kpi_median < TARGET_S else "missed"),
            ("KPI cards updated, slowest of 10 s", f"{kpi_max:.3f}", f"< {TARGET_S} s",
             "met" if kpi_max < TARGET_S else "missed"),
            ("KPI cards and charts updated, median s", f"{statistics.median(full_times):.3f}", "", ""),
            ("bare run(...).kpis() of the same scenarios, median s", f"{bare_median:.3f}", "", ""),
            ("dashboard / bare engine time", f"{kpi_median / bare_median:.2f}x", "", ""),
        ],
        "notes": ("Ten slider moves (teams, volumes, VNeID-help share, outage, priority rule), each followed by "
                  "a press of Run, timed on the widget objects in one process after one warm-up run. The "
                  "dashboard rebuilds and validates the scenario (`Scenario.with_values`) before each run; the "
                  "charts are three matplotlib panels rendered to PNG after the KPI cards are updated."),
    }


if __name__ == "__main__":
    for row in run()["rows"]:
        print(" | ".join(row))
