"""Can the back office keep up? Dossier work against the time officials really have for it.

Every dossier that needs back-office work costs its procedure's minutes (half
as much again when it comes back for rework): portal dossiers, dossiers left at
the desk by guided citizens, and paper dossiers with a legal time in working
days (same-day and immediate ones are settled at the counter). Back-office
officials give all their time on duty to dossiers; flexible officials only what
the ticket line leaves them: the walk-in work the counter and guidance desk
cannot carry at a sustainable load (`LINE_LOAD`) falls to them first. When the
work exceeds that time, the backlog grows without bound whatever the horizon,
so the planner never recommends such staffing and does not even simulate it.

All numbers are expected values over the scenario's horizon (the arrival rates
and duty stretches the engine would use), in standard-official minutes.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..engine.run_setup import RunSetup
from ..scenario.catalogue import load_catalogue
from ..scenario.model import Scenario

__all__ = ["Balance", "back_office_balance", "LINE_LOAD"]

LINE_LOAD = 0.85   # the busy share a ticket line can run at without its queue running away at peaks
_LINE_KINDS_GUIDE = ("assisted_online", "account_help")


@dataclass(frozen=True)
class Balance:
    work_min: float             # back-office work over the horizon (standard minutes)
    back_office_min: float      # back-office officials' duty x proficiency
    flexible_min: float         # flexible officials' duty x proficiency
    flexible_to_line_min: float  # of which the ticket line takes
    per_official_min: float     # one back-office official of the team's mean proficiency, over the horizon
    dossiers: float = 0.0       # dossiers expected to need back-office work over the horizon

    @property
    def capacity_min(self) -> float:
        return self.back_office_min + max(self.flexible_min - self.flexible_to_line_min, 0.0)

    @property
    def load(self) -> float:
        """Work over capacity: 1 or more means the backlog grows without bound."""
        return self.work_min / self.capacity_min if self.capacity_min > 0 else (math.inf if self.work_min else 0.0)

    @property
    def stable(self) -> bool:
        return self.load < 1.0

    def back_office_needed(self) -> int | None:
        """Fewest back-office officials (of the team's mean proficiency) that carry the work, with the
        flexible officials' time left after the counter."""
        if self.work_min <= 0:
            return 0
        if self.per_official_min <= 0:
            return None
        left = max(self.flexible_min - self.flexible_to_line_min, 0.0)
        return max(0, math.floor((self.work_min - left) / self.per_official_min) + 1)


def _mean_work(mix: dict[str, float], catalogue, only_working_days: bool) -> tuple[float, float]:
    """(mean back-office minutes per dossier, share of the mix that leaves one)."""
    mix = {p: w for p, w in mix.items() if w > 0}
    total = sum(mix.values())
    if not total:
        return 0.0, 0.0
    kept = {p: w for p, w in mix.items()
            if not only_working_days or catalogue[p].legal_time.kind == "working_days"}
    if not kept:
        return 0.0, 0.0
    return sum(catalogue[p].work_min * w for p, w in kept.items()) / sum(kept.values()), sum(kept.values()) / total


def _line_minutes(scenario: Scenario, walk_ins: float, catalogue) -> float:
    """Standard-official minutes of walk-in service expected over the horizon."""
    walk, service = scenario.demand.walk_in, scenario.service
    mix = {k: w for k, w in walk.mix.items() if w > 0}
    total = sum(mix.values())
    if not total or not walk_ins:
        return 0.0
    procs = {p: w for p, w in walk.procedure_mix.items() if w > 0}
    if service.paper is not None:
        paper = service.paper.mean
    else:
        paper = sum(catalogue[p].counter_min * w for p, w in procs.items()) / sum(procs.values()) if procs else 0.0
    mean = sum(w * (paper if k == "paper" else getattr(service, k).mean) for k, w in mix.items()) / total
    return walk_ins * mean


def back_office_balance(scenario: Scenario) -> Balance:
    plan = RunSetup(scenario)
    catalogue = load_catalogue()
    walk, online = scenario.demand.walk_in, scenario.demand.online
    walk_ins = float(np.sum(plan.walk_in_segments.lengths * plan.walk_in_segments.rates))
    portal = float(np.sum(plan.portal_segments.lengths * plan.portal_segments.rates))
    rework = 1 + 0.5 * scenario.service.rework_share
    mix_total = sum(w for w in walk.mix.values() if w > 0) or 1.0
    portal_work, _ = _mean_work(dict(online.procedure_mix), catalogue, False)
    guided_work, _ = _mean_work(dict(walk.procedure_mix), catalogue, False)
    paper_work, paper_share = _mean_work(dict(walk.procedure_mix), catalogue, True)
    guided = walk_ins * walk.mix.get("assisted_online", 0.0) / mix_total
    paper = walk_ins * walk.mix.get("paper", 0.0) / mix_total * paper_share
    work = rework * (portal * portal_work + guided * guided_work + paper * paper_work)

    duty = {"counter": 0.0, "guide": 0.0, "flexible": 0.0, "back_office": 0.0}
    heads = {"back_office": [], "flexible": []}
    for official, role, stretches in plan.staff:
        minutes = sum(e - s for s, e in stretches)
        duty[role] += minutes * official.proficiency
        if role in heads:
            heads[role].append((minutes, official.proficiency))
    line = _line_minutes(scenario, walk_ins, catalogue)
    guide_share = sum(walk.mix.get(k, 0.0) for k in _LINE_KINDS_GUIDE) / mix_total
    guide_carry = min(LINE_LOAD * duty["guide"], line * guide_share)
    to_flexible = max(0.0, line - guide_carry - LINE_LOAD * duty["counter"])
    to_flexible = min(to_flexible, duty["flexible"])
    open_min = sum(e - s for s, e in plan.open_intervals)
    team = heads["back_office"]
    proficiency = (sum(p for _, p in team) / len(team)) if team else scenario.staff.proficiency
    return Balance(work, duty["back_office"], duty["flexible"], to_flexible, open_min * proficiency,
                   portal + guided + paper)
