"""How long a planner must simulate before it can judge the back office.

A dossier with a legal time of ten working days received on the last day of a
two-week run cannot be late within it: over a short horizon every back office
looks on time. The planner therefore warms the centre up for the longest legal
time in the scenario's mix (so the backlog has reached its working level) and
then measures at least that long again plus a week (so dossiers of every kind
fall due inside the measured window, and the backlog's weekly drift can be read
from three weekly means or more).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import HorizonError
from ..scenario.catalogue import load_catalogue
from ..i18n import N_, _
from .table_words import Said
from ..scenario.model import Scenario

__all__ = ["Horizon", "planning_horizon", "HorizonError", "TEXT"]

TEXT = {
    "extended": N_("simulated {days} days, the first {warmup} as warm-up, so that dossiers of {procedure} "
                   "({legal} working days, the longest legal time in the mix) fall due within the measured "
                   "window (the scenario has {given} days)"),
    "too_short": N_("--days {given}: too short to judge the back office: {procedure} has a legal time of {legal} "
                    "working days, so a plan needs at least {days} days ({warmup} of warm-up); drop --days to let "
                    "the planner choose, or add --no-stability to judge the counter only"),
}


@dataclass(frozen=True)
class Horizon:
    days: int
    warmup: int
    legal_days: int          # the longest legal time in working days (0: no multi-day dossiers)
    procedure: str           # the procedure that has it

    def apply(self, scenario: Scenario) -> Scenario:
        if scenario.days >= self.days and scenario.warmup_days >= self.warmup:
            return scenario
        return scenario.with_values({"days": max(self.days, scenario.days),
                                     "warmup_days": max(self.warmup, scenario.warmup_days)})

    def note(self, scenario: Scenario) -> str | None:
        if self.legal_days == 0 or (scenario.days >= self.days and scenario.warmup_days >= self.warmup):
            return None
        return Said(TEXT["extended"], days=max(self.days, scenario.days), warmup=max(self.warmup, scenario.warmup_days),
                                       procedure=self.procedure, legal=self.legal_days, given=scenario.days)


def _longest(scenario: Scenario) -> tuple[int, str]:
    catalogue = load_catalogue()
    walk, online = scenario.demand.walk_in, scenario.demand.online
    mixes = []
    if walk.rate_per_hour * scenario.demand.walk_in_scale > 0 and (walk.mix.get("paper", 0) > 0
                                                                   or walk.mix.get("assisted_online", 0) > 0):
        mixes.append(walk.procedure_mix)
    if online.per_day * scenario.demand.online_scale > 0:
        mixes.append(online.procedure_mix)
    best = (0, "")
    for mix in mixes:
        for pid, weight in mix.items():
            legal = catalogue[pid].legal_time
            if weight > 0 and legal.kind == "working_days" and legal.days > best[0]:
                best = (legal.days, pid)
    return best


def planning_horizon(scenario: Scenario, *, fixed: bool = False) -> Horizon:
    """The horizon and warm-up a plan needs; with `fixed` (the user chose --days), refuse a shorter one."""
    legal, procedure = _longest(scenario)
    if legal == 0:
        return Horizon(scenario.days, scenario.warmup_days, 0, "")
    per_week = len(scenario.calendar.working_weekdays) or 5
    span = math.ceil(legal * 7 / per_week) + 1       # calendar days the longest legal time takes, a holiday or so
    warmup = max(scenario.warmup_days, span)
    days = warmup + max(scenario.days - scenario.warmup_days, span + 7)
    horizon = Horizon(days, warmup, legal, procedure)
    if fixed and (scenario.days < days):
        raise HorizonError(_(TEXT["too_short"]).format(given=scenario.days, procedure=procedure, legal=legal,
                                                    days=days, warmup=warmup))
    return horizon
