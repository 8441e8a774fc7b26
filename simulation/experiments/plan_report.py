"""A staffing plan as text: the roster, how sure the planner is, the curve and the formulas' view."""
from __future__ import annotations

import math

import pandas as pd

from ..scenario.vocabulary import LINE_ROLES
from .baselines import Baselines, explain_differences
from .official_hours import headcount_grid, hours_difference, official_hours, on_horizon_of
from .planner import Plan
from .staffing_options import roster_changes
from ..scenario.model import Scenario

TEXT = {
    "headline": "Officials on duty by weekday and hour (all roles, average over the hour) for {name}:",
    "staffing": "Recommended staffing: {label}",
    "who": "Who, compared with today:",
    "hours": "Official-hours, today -> planned (per open day; per month):",
    "hours_row": "  {role:<12} {a_day:6.1f} -> {b_day:6.1f} h/day ({d_day:+.1f});  {a_month:7.0f} -> {b_month:7.0f} "
                 "h/month ({d_month:+.0f})",
    "cells_fail": "  cells missing a waiting target: {cells}",
    "heat_map": "90th-percentile wait by weekday and hour of arrival (minutes, mean over replications; "
                "cells in brackets have too few citizens to be judged):",
    "cost_row": "  cost a month: {a:,.0f} -> {b:,.0f} VND ({d:+,.0f})",
    "not_simulated": "not simulated (see notes)",
}


def heat_map_text(cells: pd.DataFrame) -> str:
    """The weekday x hour table of the mean 90th-percentile wait, unjudged cells in brackets."""
    p90 = cells[cells["kpi"] == "wait_p90"].copy()
    p90["text"] = [f"{m:.1f}" if judged else f"({m:.1f})" for m, judged in zip(p90["mean"], p90["judged"])]
    grid = p90.pivot_table(index="weekday", columns="hour", values="text", aggfunc="first", sort=False).fillna("")
    grid.columns = [f"{h:02d}" for h in grid.columns]
    return grid.to_string()

__all__ = ["format_plan", "format_baselines"]


def _num(value: float) -> str:
    return "n/a" if value != value else f"{value:.3g}"


def format_plan(plan: Plan, scenario: Scenario, baselines: Baselines | None = None,
                wages: dict[str, float] | None = None, today: Scenario | None = None) -> str:
    """The plan as text; `today` is the roster to compare with (the scenario file before --remove/--add),
    by default the scenario planned for."""
    level = f"{plan.confidence:.0%}"
    counts = plan.recommended.as_dict
    lines = []
    if plan.planned is not None:
        now = on_horizon_of(today or scenario, plan.planned)
        lines += [TEXT["headline"].format(name=scenario.name)]
        lines += ["  " + line for line in headcount_grid(plan.planned).to_string().splitlines()]
        lines += ["", TEXT["who"]] + [f"  {line}" for line in roster_changes(now, plan.planned)]
        a, b = official_hours(now, wages), official_hours(plan.planned, wages)
        d = hours_difference(a, b)
        lines += ["", TEXT["hours"]]
        for (_, x), (_, y), (_, z) in zip(a.iterrows(), b.iterrows(), d.iterrows()):
            lines.append(TEXT["hours_row"].format(role=x["role"], a_day=x["hours_per_day"], b_day=y["hours_per_day"],
                                                  d_day=z["hours_per_day_change"], a_month=x["hours_per_month"],
                                                  b_month=y["hours_per_month"], d_month=z["hours_per_month_change"]))
        if wages is not None:
            lines.append(TEXT["cost_row"].format(a=a["cost_per_month_vnd"].iloc[-1], b=b["cost_per_month_vnd"].iloc[-1],
                                                 d=d["cost_per_month_vnd_change"].iloc[-1]))
        lines.append("")
    lines += [f"Recommended staffing for {scenario.name}: {plan.recommended.label()}",
             f"  ({sum(counts.values())} officials in the planned roles; every target met with the whole "
             f"{level} interval on the right side, {plan.reps} replications on common random numbers, "
             f"{plan.evaluations} staffing options simulated)", "", "How sure:"]
    for row in plan.certainty.itertuples():
        sure = "n/a" if row.confidence_met != row.confidence_met else f"{row.confidence_met:.1%}"
        lines.append(f"  {row.target:<32} estimate {_num(row.mean)}  [{_num(row.low)}, {_num(row.high)}]  "
                     f"{'met' if row.met else 'MISSED'}; confidence the true mean meets it: {sure}")
    if plan.cells is not None and not plan.cells.empty:
        bad = plan.cells[plan.cells["judged"] & ~plan.cells["met"]]
        if len(bad):
            lines.append(TEXT["cells_fail"].format(cells=", ".join(bad["cell"].unique())))
        if (plan.cells["kpi"] == "wait_p90").any():
            lines += ["", TEXT["heat_map"]] + ["  " + line for line in heat_map_text(plan.cells).splitlines()]
    fewer = plan.curve[plan.curve["total"] < plan.recommended.total]
    if not plan.recommended.plan and not fewer.empty:
        missing = fewer[~fewer["meets"]]
        lines.append(f"  every option with fewer officials on the curve misses a target ({len(missing)} of "
                     f"{len(fewer)} checked)" if len(missing) == len(fewer)
                     else "  note: a smaller option on the curve also meets the targets (noise between options)")
    lines += ["", "Staffing-vs-service curve (mean [interval]):"]
    lines += ["  " + line for line in _curve_table(plan).splitlines()]
    lines += [""] + [f"Note: {n}" for n in plan.notes]
    if baselines is not None:
        line_now = sum(counts.get(r, 0) for r in LINE_ROLES) or None
        lines += ["", format_baselines(baselines), "", "Why the simulation and the formulas differ:"]
        lines += [f"  - {reason}" for reason in explain_differences(scenario, baselines, line_now, counts.get("back_office"))]
    return "\n".join(lines)


def _curve_table(plan: Plan) -> str:
    table = pd.DataFrame({"staffing": plan.curve["staffing"], "meets": plan.curve["meets"].map({True: "yes",
                                                                                              False: "no"})})
    for target in plan.targets:
        k = target.kpi
        if k in plan.curve:
            table[k] = [f"{_num(m)} [{_num(lo)}, {_num(hi)}]" if not why else TEXT["not_simulated"]
                        for m, lo, hi, why in zip(plan.curve[k], plan.curve[f"{k}_low"], plan.curve[f"{k}_high"],
                                                  plan.curve["not_simulated"])]
    return table.to_string(index=False)


def format_baselines(b: Baselines) -> str:
    lines = [f"Queueing formulas (line officials = counter + guide + flexible; walk-ins {b.arrival_per_hour:.2f}/h "
             f"while open, service {b.service_min:.1f} min, offered load {b.offered_load:.2f} erlang; targets used: "
             f"{', '.join(b.used_targets) or 'none'}):"]
    lines.append(f"  Erlang C (M/M/c, steady state):  {b.erlang_c if b.erlang_c is not None else 'n/a'}")
    if b.erlang_a is not None:
        lines.append(f"  Erlang A (exponential patience): {b.erlang_a}")
    if b.sipp:
        lines.append("  SIPP by hour: " + " ".join(f"{h}h:{c}" for h, c in b.sipp.items()))
    if b.mol:
        lines.append("  MOL by hour:  " + " ".join(f"{h}h:{c}" for h, c in b.mol.items()))
    if b.back_office_workload is not None and not math.isnan(b.back_office_workload):
        lines.append(f"  back office, workload bound: {b.back_office_workload}")
    lines += [f"  ({note})" for note in b.notes]
    return "\n".join(lines)
