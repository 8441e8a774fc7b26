"""Tables and pictures for the planning notebook: a sweep, the plan and the formulas side by side.

The work is done elsewhere (`simulation.experiments.sweeps`, `simulation.experiments.planner`,
`simulation.experiments.baselines`); this module only turns their answers into what a
planner reads: a KPI-against-staffing chart with confidence bands, one table
putting the simulated plan beside Erlang C / Erlang A / SIPP / MOL, and the
hour-by-hour formula staffing. Column names and words are in `lang` (None: the current language,
`simulation.i18n`); the formulas' names (Erlang C, SIPP, MOL) stay as they are.
"""
from __future__ import annotations

import io
from contextlib import nullcontext
from typing import Sequence

import pandas as pd
from matplotlib.figure import Figure

from ..experiments.baselines import Baselines
from ..scenario.vocabulary import LINE_ROLES
from ..experiments.planner import Plan
from ..experiments.sweep_plots import draw_kpi
from ..formats import format_number, format_percent
from ..i18n import N_, _, use_language
from ..rendering import chart_style
from ..results.kpi_catalogue import label
from .panels import decimal_comma_ticks

__all__ = ["sweep_png", "answers_table", "hourly_table"]

METHOD, LINE, BACK_OFFICE, ASSUMES = N_("method"), N_("line officials"), N_("back office"), N_("assumes")
HOUR, SIMULATION = N_("hour"), N_("simulation")


def sweep_png(summary: pd.DataFrame, path: str, kpis: Sequence[str] = ("wait_mean", "wait_p90", "online_on_time"),
              dpi: int = 80, lang: str | None = None) -> bytes:
    """Each KPI against the swept field `path`, mean with its confidence band (from `sweep_summary`)."""
    import matplotlib

    with use_language(lang) if lang else nullcontext(), matplotlib.rc_context(chart_style()):
        figure = Figure(figsize=(4.2 * len(kpis), 3.2))
        axes = figure.subplots(1, len(kpis), squeeze=False)[0]
        for ax, kpi in zip(axes, kpis):
            draw_kpi(ax, summary, kpi, [path], lang)
            ax.set(title=label(kpi, lang, unit=True), ylabel="")  # the title names it: narrow panels
        if format_number(1.5, 1) != "1.5":
            decimal_comma_ticks(axes)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


def _peak(by_hour: dict[int, int]) -> int | None:
    return max(by_hour.values()) if by_hour else None


def answers_table(plan: Plan, baselines: Baselines, lang: str | None = None) -> pd.DataFrame:
    """Line officials (counter + guide + flexible) and back office: the simulation beside each formula."""
    counts = plan.recommended.as_dict
    line = sum(counts.get(role, 0) for role in LINE_ROLES)
    with use_language(lang) if lang else nullcontext():
        rows = [
            (_("simulation (planner)"), line, counts.get("back_office"),
             _("the scenario as written, {reps} replications, {level} confidence").format(
                 reps=plan.reps, level=format_percent(plan.confidence, 0))),
            ("Erlang C", baselines.erlang_c, None,
             _("one pool, Poisson arrivals at the day's average rate, exponential service, steady state")),
            ("Erlang A", baselines.erlang_a, None, _("as Erlang C, plus exponential patience (citizens give up)")),
            (_("SIPP (peak hour)"), _peak(baselines.sipp), None, _("each hour its own steady state")),
            (_("MOL (peak hour)"), _peak(baselines.mol), None,
             _("modified offered load: the load lags arrivals by the service time")),
            (_("workload bound"), None, baselines.back_office_workload,
             _("dossier work per day / minutes on duty per official")),
        ]
        columns = [_(METHOD), _(LINE), _(BACK_OFFICE), _(ASSUMES)]
    return pd.DataFrame(rows, columns=columns).astype({columns[1]: "Int64", columns[2]: "Int64"})


def hourly_table(baselines: Baselines, plan: Plan | None = None, lang: str | None = None) -> pd.DataFrame:
    """Line officials by clock hour according to SIPP and MOL (and the plan's counters per hour, if any)."""
    hours = sorted(set(baselines.sipp) | set(baselines.mol))
    with use_language(lang) if lang else nullcontext():
        hour, simulation = _(HOUR), _(SIMULATION)
    table = pd.DataFrame({hour: hours,
                          "SIPP": [baselines.sipp.get(h) for h in hours],
                          "MOL": [baselines.mol.get(h) for h in hours]})
    if plan is not None and plan.recommended.by == "hour":
        fixed = {r: n for r, n in plan.recommended.as_dict.items() if r in LINE_ROLES and r != "counter"}
        per_hour = dict(plan.recommended.plan)
        table[simulation] = [per_hour.get(h, 0) + sum(fixed.values()) for h in hours]
    return table.astype({"SIPP": "Int64", "MOL": "Int64"})
