"""A staffing plan as text: the roster, how sure the planner is, the curve and the formulas' view."""
from __future__ import annotations

import math

import pandas as pd

from ..i18n import N_, _
from ..scenario.vocabulary import LINE_ROLES
from .baselines import Baselines, explain_differences
from .official_hours import headcount_grid, hours_difference, official_hours, on_horizon_of
from .planner import Plan
from .staffing_options import roster_changes
from ..scenario.model import Scenario
from .table_words import column_word, number, role_word, signed, yes_no

TEXT = {
    "headline": N_("Officials on duty by weekday and hour (all roles, average over the hour) for {name}:"),
    "staffing": N_("Recommended staffing: {label}"),
    "who": N_("Who, compared with today:"),
    "hours": N_("Official-hours, today -> planned (per open day; per month):"),
    # TRANSLATORS: one role's official-hours; {a_day} etc. are numbers already written the reader's way.
    "hours_row": N_("{a_day} -> {b_day} h/day ({d_day});  {a_month} -> {b_month} h/month ({d_month})"),
    "cells_fail": N_("  cells missing a waiting target: {cells}"),
    "heat_map": N_("90th-percentile wait by weekday and hour of arrival (minutes, mean over replications; "
                   "cells in brackets have too few citizens to be judged):"),
    "cost_row": N_("  cost a month: {a} -> {b} VND ({d})"),
    "not_simulated": N_("not simulated (see notes)"),
    "recommended": N_("Recommended staffing for {name}: {label}"),
    # TRANSLATORS: {level} is a confidence level such as 95%.
    "recommended_why": N_("  ({officials} officials in the planned roles; every target met with the whole {level} "
                          "interval on the right side, {reps} replications on common random numbers, "
                          "{evaluations} staffing options simulated)"),
    "how_sure": N_("How sure:"),
    # TRANSLATORS: one target: its text, the estimate, the interval, met or MISSED, the chance it is truly met.
    "sure_row": N_("estimate {mean}  {interval}  {verdict}; confidence the true mean meets it: {sure}"),
    "met": N_("met"), "missed": N_("MISSED"),
    "all_fewer_miss": N_("  every option with fewer officials on the curve misses a target ({missing} of "
                         "{checked} checked)"),
    "smaller_meets": N_("  note: a smaller option on the curve also meets the targets (noise between options)"),
    "curve": N_("Staffing-vs-service curve (mean [interval]):"),
    "note": N_("Note: {note}"),
    "why_differ": N_("Why the simulation and the formulas differ:"),
}


def heat_map_text(cells: pd.DataFrame) -> str:
    """The weekday x hour table of the mean 90th-percentile wait, unjudged cells in brackets."""
    p90 = cells[cells["kpi"] == "wait_p90"].copy()
    p90["text"] = [number(m) if judged else f"({number(m)})" for m, judged in zip(p90["mean"], p90["judged"])]
    grid = p90.pivot_table(index="weekday", columns="hour", values="text", aggfunc="first", sort=False).fillna("")
    grid.columns = [f"{h:02d}" for h in grid.columns]
    grid.index = [_weekday(d) for d in grid.index]
    grid.index.name = column_word("weekday")
    return grid.to_string()


def _weekday(code: str) -> str:
    """'mon' -> 'Thứ Hai' / 'Monday'."""
    from ..formats import weekday_name
    from ..scenario.model import WEEKDAYS

    return weekday_name(WEEKDAYS.index(code)) if code in WEEKDAYS else str(code)


def headcount_text(grid: pd.DataFrame) -> str:
    """`headcount_grid` for a reader: weekdays named, numbers the reader's way."""
    shown = grid.map(lambda v: number(v, 1)) if hasattr(grid, "map") else grid.applymap(lambda v: number(v, 1))
    shown.index = [_weekday(d) for d in grid.index]
    shown.index.name = column_word("weekday")
    return shown.to_string()

__all__ = ["format_plan", "format_baselines"]


def _num(value: float) -> str:
    """Three significant figures, the reader's decimal mark."""
    from ..formats import format_number

    if value != value:
        return _("n/a")
    return format_number(float(f"{value:.3g}"))


def format_plan(plan: Plan, scenario: Scenario, baselines: Baselines | None = None,
                wages: dict[str, float] | None = None, today: Scenario | None = None) -> str:
    """The plan as text; `today` is the roster to compare with (the scenario file before --remove/--add),
    by default the scenario planned for."""
    from ..formats import format_percent

    level = format_percent(plan.confidence, 0)
    counts = plan.recommended.as_dict
    lines = []
    if plan.planned is not None:
        now = on_horizon_of(today or scenario, plan.planned)
        lines += [_(TEXT["headline"]).format(name=scenario.title())]
        lines += ["  " + line for line in headcount_text(headcount_grid(plan.planned)).splitlines()]
        lines += ["", _(TEXT["who"])] + [f"  {line}" for line in roster_changes(now, plan.planned)]
        a, b = official_hours(now, wages), official_hours(plan.planned, wages)
        d = hours_difference(a, b)
        lines += ["", _(TEXT["hours"])]
        width = max(len(role_word(r)) for r in a["role"])
        for (_i, x), (_j, y), (_k, z) in zip(a.iterrows(), b.iterrows(), d.iterrows()):
            lines.append(f"  {role_word(x['role']):<{width}}  " + _(TEXT["hours_row"]).format(
                a_day=f"{number(x['hours_per_day']):>6}", b_day=f"{number(y['hours_per_day']):>6}",
                d_day=signed(z["hours_per_day_change"]), a_month=f"{number(x['hours_per_month'], 0):>7}",
                b_month=f"{number(y['hours_per_month'], 0):>7}", d_month=signed(z["hours_per_month_change"], 0)))
        if wages is not None:
            lines.append(_(TEXT["cost_row"]).format(a=number(a["cost_per_month_vnd"].iloc[-1], 0),
                                                    b=number(b["cost_per_month_vnd"].iloc[-1], 0),
                                                    d=signed(d["cost_per_month_vnd_change"].iloc[-1], 0)))
        lines.append("")
    lines += [_(TEXT["recommended"]).format(name=scenario.title(), label=plan.recommended.label()),
              _(TEXT["recommended_why"]).format(officials=sum(counts.values()), level=level, reps=plan.reps,
                                                evaluations=plan.evaluations), "", _(TEXT["how_sure"])]
    for row in plan.certainty.itertuples():
        sure = _("n/a") if row.confidence_met != row.confidence_met else format_percent(row.confidence_met)
        lines.append(f"  {row.target:<32} " + _(TEXT["sure_row"]).format(
            mean=_num(row.mean), interval=_("[{low}, {high}]").format(low=_num(row.low), high=_num(row.high)),
            verdict=_(TEXT["met"]) if row.met else _(TEXT["missed"]), sure=sure))
    if plan.cells is not None and not plan.cells.empty:
        bad = plan.cells[plan.cells["judged"] & ~plan.cells["met"]]
        if len(bad):
            lines.append(_(TEXT["cells_fail"]).format(cells=", ".join(bad["cell"].unique())))
        if (plan.cells["kpi"] == "wait_p90").any():
            lines += ["", _(TEXT["heat_map"])] + ["  " + line for line in heat_map_text(plan.cells).splitlines()]
    fewer = plan.curve[plan.curve["total"] < plan.recommended.total]
    if not plan.recommended.plan and not fewer.empty:
        missing = fewer[~fewer["meets"]]
        lines.append(_(TEXT["all_fewer_miss"]).format(missing=len(missing), checked=len(fewer))
                     if len(missing) == len(fewer) else _(TEXT["smaller_meets"]))
    lines += ["", _(TEXT["curve"])]
    lines += ["  " + line for line in _curve_table(plan).splitlines()]
    lines += [""] + [_(TEXT["note"]).format(note=n) for n in plan.notes]
    if baselines is not None:
        line_now = sum(counts.get(r, 0) for r in LINE_ROLES) or None
        lines += ["", format_baselines(baselines), "", _(TEXT["why_differ"])]
        lines += [f"  - {reason}" for reason in explain_differences(scenario, baselines, line_now, counts.get("back_office"))]
    return "\n".join(lines)


def _curve_table(plan: Plan) -> str:
    table = pd.DataFrame({column_word("staffing"): plan.curve["staffing"],
                          column_word("meets"): [yes_no(m) for m in plan.curve["meets"]]})
    for target in plan.targets:
        k = target.kpi
        if k in plan.curve:
            table[k] = [f"{_num(m)} " + _("[{low}, {high}]").format(low=_num(lo), high=_num(hi)) if not why
                        else _(TEXT["not_simulated"])
                        for m, lo, hi, why in zip(plan.curve[k], plan.curve[f"{k}_low"], plan.curve[f"{k}_high"],
                                                  plan.curve["not_simulated"])]
    return table.to_string(index=False)


BASELINE_TEXT = {
    # TRANSLATORS: {rate}, {service} and {load} are numbers already written the reader's way.
    "head": N_("Queueing formulas (line officials = counter + guide + flexible; walk-ins {rate}/h while open, "
               "service {service} min, offered load {load} erlang; targets used: {targets}):"),
    "none": N_("none"),
    "erlang_c": N_("  Erlang C (M/M/c, steady state):  {n}"),
    "erlang_a": N_("  Erlang A (exponential patience): {n}"),
    "sipp": N_("  SIPP by hour: {hours}"),
    "mol": N_("  MOL by hour:  {hours}"),
    "workload": N_("  back office, workload bound: {n}"),
}


def format_baselines(b: Baselines) -> str:
    lines = [_(BASELINE_TEXT["head"]).format(rate=number(b.arrival_per_hour, 2), service=number(b.service_min, 1),
                                             load=number(b.offered_load, 2),
                                             targets=", ".join(b.used_targets) or _(BASELINE_TEXT["none"]))]
    lines.append(_(BASELINE_TEXT["erlang_c"]).format(n=b.erlang_c if b.erlang_c is not None else _("n/a")))
    if b.erlang_a is not None:
        lines.append(_(BASELINE_TEXT["erlang_a"]).format(n=b.erlang_a))
    if b.sipp:
        lines.append(_(BASELINE_TEXT["sipp"]).format(hours=" ".join(f"{h}h:{c}" for h, c in b.sipp.items())))
    if b.mol:
        lines.append(_(BASELINE_TEXT["mol"]).format(hours=" ".join(f"{h}h:{c}" for h, c in b.mol.items())))
    if b.back_office_workload is not None and not math.isnan(b.back_office_workload):
        lines.append(_(BASELINE_TEXT["workload"]).format(n=b.back_office_workload))
    lines += [f"  ({note})" for note in b.notes]
    return "\n".join(lines)
