"""What queueing formulas would recommend for a scenario, and why the simulation may differ.

The planner reports, beside its own answer, the staffing that Erlang C (and
Erlang A when citizens give up), SIPP and MOL (`simulation.queueing`) give for
the same waiting targets, treating every official who serves the ticket line
(counter, guide, flexible) as one pool of identical servers. For the back
office there is no queueing formula that knows legal deadlines counted in
working days, so the baseline is the workload: dossier work per day divided by
an official's minutes on duty per day, rounded up.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ..i18n import _
from ..queueing import erlang as analytics
from ..queueing.time_varying import mol_staffing, sipp_staffing
from ..scenario.catalogue import load_catalogue
from ..scenario.model import WEEKDAYS, Scenario
from ..scenario.checks import teams
from ..scenario.vocabulary import LINE_ROLES
from .targets import Target

__all__ = ["Baselines", "analytic_baselines", "explain_differences"]

_KIND_MEANS = ("assisted_online", "pickup", "account_help")


@dataclass
class Baselines:
    arrival_per_hour: float                 # average walk-in rate while open
    service_min: float                      # mean counter service time (after proficiency)
    offered_load: float                     # Erlang
    erlang_c: int | None = None
    erlang_a: int | None = None
    sipp: dict[int, int] = field(default_factory=dict)   # clock hour -> line officials
    mol: dict[int, int] = field(default_factory=dict)
    back_office_workload: int | None = None
    used_targets: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _service_min(scenario: Scenario) -> float:
    walk, service, catalogue = scenario.demand.walk_in, scenario.service, load_catalogue()
    mix = {k: w for k, w in walk.mix.items() if w > 0}
    total = sum(mix.values())
    procs = {p: w for p, w in walk.procedure_mix.items() if w > 0}
    if service.paper is not None:
        paper = service.paper.mean
    else:
        paper = sum(catalogue[p].counter_min * w for p, w in procs.items()) / sum(procs.values())
    mean = sum(w * (paper if k == "paper" else getattr(service, k).mean) for k, w in mix.items()) / total
    line = [o for role in LINE_ROLES for o in teams(scenario)[role]]
    proficiency = sum(o.proficiency for o in line) / len(line) if line else scenario.staff.proficiency
    return mean / proficiency


def _hourly_rates(scenario: Scenario) -> dict[int, float]:
    """Average walk-in arrivals per minute in each clock hour of an open day (weekday factors averaged)."""
    walk = scenario.demand.walk_in
    days = [d for d in WEEKDAYS if d in scenario.calendar.working_weekdays] or list(WEEKDAYS)
    day_factor = sum(walk.weekday_profile.get(d, 1.0) for d in days) / len(days)
    hours = scenario.hours
    base = walk.rate_per_hour * scenario.demand.walk_in_scale * day_factor / 60.0
    if hours.always_open:
        return {h: base * walk.hourly_profile.get(h, 1.0) for h in range(24)}
    rates = {}
    first = min(s.start_min for s in hours.sessions) // 60
    last = (max(s.end_min for s in hours.sessions) - 1) // 60
    for h in range(first, last + 1):
        open_min = sum(max(0, min(s.end_min, 60 * h + 60) - max(s.start_min, 60 * h)) for s in hours.sessions)
        rates[h] = base * walk.hourly_profile.get(h, 1.0) * open_min / 60.0
    return rates


def _erlang_targets(scenario: Scenario, targets: Sequence[Target]) -> tuple[dict, list[str]]:
    kwargs, used = {}, []
    for target in targets:
        if target.kpi == "wait_mean":
            kwargs["max_mean_wait"] = target.threshold
        elif target.kpi == "wait_p90":
            kwargs["wait_quantile"] = (0.9, target.threshold)
        elif target.kpi == "share_wait_over_target":
            kwargs["target_wait"] = scenario.satisfaction.wait_target_min
            kwargs["service_level"] = 1.0 - target.threshold
        else:
            continue
        used.append(target.text)
    return kwargs, used


def analytic_baselines(scenario: Scenario, targets: Sequence[Target]) -> Baselines:
    """Erlang C / A, SIPP and MOL line staffing and the back-office workload for this scenario."""
    rates = _hourly_rates(scenario)
    hours = scenario.hours
    open_min = 24 * 60 if hours.always_open else sum(s.end_min - s.start_min for s in hours.sessions)
    lam = sum(rates.values()) * 60 / open_min if open_min else 0.0   # arrivals per open minute
    service = _service_min(scenario)
    mu = 1.0 / service
    out = Baselines(lam * 60, service, lam * service)
    kwargs, out.used_targets = _erlang_targets(scenario, targets)
    if kwargs and lam > 0:
        try:
            out.erlang_c = analytics.min_servers_erlang_c(lam, mu, **kwargs)
            hours = sorted(rates)
            sipp = sipp_staffing([rates[h] for h in hours], mu, period_length=60, **kwargs)
            mol = mol_staffing([rates[h] for h in hours], mu, period_length=60,
                               initial_load=None if scenario.hours.always_open else 0.0, **kwargs)
            out.sipp = {h: c for h, c in zip(hours, sipp) if rates[h] > 0}
            out.mol = {h: c for h, c in zip(hours, mol) if rates[h] > 0}
        except ValueError as exc:
            out.notes.append(f"Erlang C: {exc}")
        patience = scenario.demand.walk_in.patience
        a_kwargs = {k: v for k, v in kwargs.items() if k != "wait_quantile"}
        if patience is not None and a_kwargs:
            try:
                out.erlang_a = analytics.min_servers_erlang_a(lam, mu, 1.0 / patience.mean, **a_kwargs)
            except ValueError as exc:
                out.notes.append(f"Erlang A: {exc}")
    elif not kwargs:
        out.notes.append(_("no waiting target (wait_mean, wait_p90, share_wait_over_target): no Erlang baseline"))
    out.back_office_workload = _back_office_workload(scenario)
    return out


def _back_office_workload(scenario: Scenario) -> int | None:
    """Fewest back-office officials that carry every dossier's work (portal, guided and multi-day paper
    dossiers), counting only the time flexible officials have left after the counter."""
    from .workload import back_office_balance

    balance = back_office_balance(scenario)
    return balance.back_office_needed() if balance.work_min > 0 else None


def explain_differences(scenario: Scenario, base: Baselines, line_officials: int | None,
                        back_office: int | None = None) -> list[str]:
    """Sentences saying where the simulated answer departs from the formulas, and why."""
    reasons = []
    workload = base.back_office_workload
    if back_office is not None and workload is not None and back_office < workload:
        reasons.append(_("the plan has {n} back-office officials, below the workload bound ({workload}): "
                         "the backlog grows (the planner's stability target refuses such staffing)").format(
                           n=back_office, workload=workload))
    if line_officials is not None and base.erlang_c is not None:
        gap = line_officials - base.erlang_c
        if gap == 0:
            text = _("the simulated plan has {n} line officials: it agrees with Erlang C ({erlang})")
        elif gap > 0:
            text = _("the simulated plan has {n} line officials: it needs more than Erlang C ({erlang}) by {gap}")
        else:
            text = _("the simulated plan has {n} line officials: it needs fewer than Erlang C ({erlang}) by {gap}")
        reasons.append(text.format(n=line_officials, erlang=base.erlang_c, gap=abs(gap)))
    s, walk = scenario, scenario.demand.walk_in
    paper = s.service.paper
    if not (paper is not None and paper.dist == "exponential" and set(k for k, w in walk.mix.items() if w) == {"paper"}):
        reasons.append(_("service times are not exponential (lognormal, cv < 1 as a rule): Erlang C, which assumes "
                         "exponential service, overstates the queue when the cv is below 1"))
    if not s.hours.always_open:
        reasons.append(_("the centre opens and closes: each session starts with an empty line and ends with "
                         "overtime or citizens sent home, and the lunch break splits the day; Erlang C assumes a "
                         "station open around the clock in steady state"))
    if walk.hourly_profile or walk.weekday_profile:
        reasons.append(_("demand varies by hour and weekday: a constant-rate formula staffs for the average, "
                         "SIPP for each hour as if it were in steady state, MOL lags the load by the service time; "
                         "the simulated plan must cover the Monday-morning peak"))
    if walk.patience is not None or walk.balk_at is not None:
        reasons.append(_("citizens give up or balk when the line is long: fewer are served, so waits of those "
                         "served are shorter than Erlang C says (Erlang A covers exponential patience only)"))
    if sum(w for k, w in walk.mix.items() if k != "paper") > 0 and len(teams(s)["guide"]) > 0:
        reasons.append(_("guides serve only assisted-online and account-help visitors: the line is not one pool "
                         "of identical servers"))
    if s.equipment.scanners:
        reasons.append(_("{n} shared scanners add a second resource the formulas ignore").format(
            n=s.equipment.scanners))
    if s.demand.online.per_day > 0:
        reasons.append(_("online dossiers are multi-day back-office work judged against legal deadlines in "
                         "working days: no Erlang formula applies, only the workload bound "
                         "({n} back-office officials) and the simulation").format(n=base.back_office_workload))
    if s.policy.priority:
        reasons.append(_("priority citizens jump the line: the mean wait is unchanged but its spread (p90) grows"))
    return reasons
