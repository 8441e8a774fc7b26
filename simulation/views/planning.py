"""Tables and pictures for the planning notebook: a sweep, the plan and the formulas side by side.

The work is done elsewhere (`simulation.experiments.sweeps`, `simulation.experiments.planner`,
`simulation.experiments.baselines`); this module only turns their answers into what a
planner reads: a KPI-against-staffing chart with confidence bands, one table
putting the simulated plan beside Erlang C / Erlang A / SIPP / MOL, and the
hour-by-hour formula staffing.
"""
from __future__ import annotations

import io
from typing import Sequence

import pandas as pd
from matplotlib.figure import Figure

from ..experiments.baselines import Baselines
from ..scenario.vocabulary import LINE_ROLES
from ..experiments.planner import Plan
from ..experiments.sweep_plots import draw_kpi
from ..results.kpi_catalogue import label

__all__ = ["sweep_png", "answers_table", "hourly_table"]


def sweep_png(summary: pd.DataFrame, path: str, kpis: Sequence[str] = ("wait_mean", "wait_p90", "online_on_time"),
              dpi: int = 80, lang: str | None = None) -> bytes:
    """Each KPI against the swept field `path`, mean with its confidence band (from `sweep_summary`)."""
    figure = Figure(figsize=(4.2 * len(kpis), 3.2))
    axes = figure.subplots(1, len(kpis), squeeze=False)[0]
    for ax, kpi in zip(axes, kpis):
        draw_kpi(ax, summary, kpi, [path], lang)
        ax.set(title=label(kpi, lang, unit=True), ylabel="")  # the title names it: narrow panels
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


def _peak(by_hour: dict[int, int]) -> int | None:
    return max(by_hour.values()) if by_hour else None


def answers_table(plan: Plan, baselines: Baselines) -> pd.DataFrame:
    """Line officials (counter + guide + flexible) and back office: the simulation beside each formula."""
    counts = plan.recommended.as_dict
    line = sum(counts.get(role, 0) for role in LINE_ROLES)
    rows = [
        {"method": "simulation (planner)", "line officials": line, "back office": counts.get("back_office"),
         "assumes": f"the scenario as written, {plan.reps} replications, {plan.confidence:.0%} confidence"},
        {"method": "Erlang C", "line officials": baselines.erlang_c, "back office": None,
         "assumes": "one pool, Poisson arrivals at the day's average rate, exponential service, steady state"},
        {"method": "Erlang A", "line officials": baselines.erlang_a, "back office": None,
         "assumes": "as Erlang C, plus exponential patience (citizens give up)"},
        {"method": "SIPP (peak hour)", "line officials": _peak(baselines.sipp), "back office": None,
         "assumes": "each hour its own steady state"},
        {"method": "MOL (peak hour)", "line officials": _peak(baselines.mol), "back office": None,
         "assumes": "modified offered load: the load lags arrivals by the service time"},
        {"method": "workload bound", "line officials": None, "back office": baselines.back_office_workload,
         "assumes": "dossier work per day / minutes on duty per official"},
    ]
    return pd.DataFrame(rows).astype({"line officials": "Int64", "back office": "Int64"})


def hourly_table(baselines: Baselines, plan: Plan | None = None) -> pd.DataFrame:
    """Line officials by clock hour according to SIPP and MOL (and the plan's counters per hour, if any)."""
    hours = sorted(set(baselines.sipp) | set(baselines.mol))
    table = pd.DataFrame({"hour": hours,
                          "SIPP": [baselines.sipp.get(h) for h in hours],
                          "MOL": [baselines.mol.get(h) for h in hours]})
    if plan is not None and plan.recommended.by == "hour":
        fixed = {r: n for r, n in plan.recommended.as_dict.items() if r in LINE_ROLES and r != "counter"}
        per_hour = dict(plan.recommended.plan)
        table["simulation"] = [per_hour.get(h, 0) + sum(fixed.values()) for h in hours]
    return table.astype({"SIPP": "Int64", "MOL": "Int64"})
