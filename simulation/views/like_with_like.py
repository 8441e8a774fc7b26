"""Like with like: two kept settings are compared over the same days, with the same seed and replications.

A setting kept with "Days simulated = 1" and another kept with 20 days are not two staffings of one
centre: the 20-day side serves twenty times the citizens whatever its staff ("Citizens served
+552"). So the comparison runs both settings over one horizon (the longer of the two: neither is
judged on fewer days than its planner asked for), from the seed in the Seed box when Compare is
pressed, for the replications on the slider; and it says so when the kept settings differed,
naming what and how ("A: 1 day, B: 20 days"), in the panel's language.

The horizon is what `simulation.experiments.official_hours.on_horizon_of` moves a roster onto:
the first day, the days simulated and the warm-up days.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..experiments.official_hours import on_horizon_of
from ..formats import short_date
from ..i18n import _, ngettext
from ..scenario.model import Scenario

__all__ = ["Kept", "LikeWithLike", "like_with_like"]

HORIZON = ("days", "start_date", "warmup_days")


@dataclass(frozen=True)
class Kept:
    """A setting as it was kept: the dotted-path changes, and the seed in the Seed box then."""

    values: dict[str, Any]
    seed: int


@dataclass(frozen=True)
class LikeWithLike:
    """The two scenarios as they are run (one horizon), the seed both use, and a sentence per difference
    between what was kept and what is run (empty when the kept settings were alike)."""

    a: Scenario
    b: Scenario
    seed: int
    warnings: tuple[str, ...]


def _days(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=n)


def _shown(field: str, value: Any) -> str:
    if field == "days":
        return _days(value)
    if field == "warmup_days":
        # TRANSLATORS: the warm-up days left out of the KPIs ("2 days of warm-up").
        return ngettext("{n} day of warm-up", "{n} days of warm-up", value).format(n=value)
    # TRANSLATORS: the first day a setting simulates ("from 14/07/2025").
    return _("from {date}").format(date=short_date(value))


def _onto(scenario: Scenario, like: Scenario) -> Scenario:
    """`scenario`'s staffing and demand over `like`'s horizon, warm-up included."""
    moved = on_horizon_of(scenario, like)  # keeps its own warm-up (if it fits): align that too
    return moved if moved.warmup_days == like.warmup_days else moved.with_values({"warmup_days": like.warmup_days})


def like_with_like(base: Scenario, a: Kept, b: Kept, seed: int) -> LikeWithLike:
    """Scenarios A and B on one horizon (the longer), both run from `seed`; warnings in the current language."""
    scenario_a = base.with_values(a.values) if a.values else base
    scenario_b = base.with_values(b.values) if b.values else base
    warnings = []
    differ = [f for f in HORIZON if getattr(scenario_a, f) != getattr(scenario_b, f)]
    if differ:
        longer = scenario_b if scenario_b.days >= scenario_a.days else scenario_a
        what = "; ".join(f"A: {_shown(f, getattr(scenario_a, f))}, B: {_shown(f, getattr(scenario_b, f))}"
                         for f in differ)
        # TRANSLATORS: {what} is e.g. "A: 1 day, B: 20 days"; {days} the horizon both are then run over.
        warnings.append(_("A and B were kept over different horizons ({what}): both are compared over {days} "
                          "from {start}, so the differences are those of the staffing, not of the days.").format(
            what=what, days=_days(longer.days), start=short_date(longer.start_date)))
        scenario_a, scenario_b = _onto(scenario_a, longer), _onto(scenario_b, longer)
    if a.seed != b.seed:
        # TRANSLATORS: the seed is the Seed box (another seed is another set of simulated days).
        warnings.append(_("A was kept with seed {a} and B with seed {b}: both are run from seed {seed}, so they "
                          "meet the same citizens.").format(a=a.seed, b=b.seed, seed=seed))
    return LikeWithLike(scenario_a, scenario_b, seed, tuple(warnings))
