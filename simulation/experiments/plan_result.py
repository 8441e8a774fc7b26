"""What the staffing planner hands back: flat records of one evaluated staffing and of the plan.

An `Evaluation` is one staffing option judged against the targets (its KPI summary over the
replications, whether every target is met with the whole interval on the right side, and what is
missed); a `Plan` is the recommended option with the curve around it, the certainty per target and the
weekday-hour cells. `certainty` states, per target, the estimate, its interval and the one-sided
confidence that the true mean meets it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import pandas as pd

from ..i18n import _
from ..scenario.model import Scenario
from .staffing_options import Staffing
from .targets import Target

__all__ = ["Evaluation", "Plan", "certainty", "missed"]


@dataclass
class Evaluation:
    staffing: Staffing
    summary: pd.DataFrame            # index kpi; columns mean, low, high, half_width, n
    meets: bool
    failing: list[str]               # the targets (with period) missed
    score: float                     # summed relative shortfall of the interval bounds (0 when met)
    valid: bool = True


@dataclass
class Plan:
    recommended: Staffing
    evaluation: Evaluation
    targets: list[Target]
    confidence: float
    reps: int
    curve: pd.DataFrame
    certainty: pd.DataFrame
    evaluations: int
    notes: list[str] = field(default_factory=list)
    scenario: Scenario | None = None         # the scenario as simulated (horizon and warm-up applied)
    planned: Scenario | None = None          # that scenario with the recommended staffing
    cells: pd.DataFrame | None = None        # per weekday-hour cell and waiting target: mean, interval, judged, met


def certainty(evaluation: Evaluation, targets: Sequence[Target], confidence: float) -> pd.DataFrame:
    """Per target: the estimate, its interval and the one-sided confidence that it is met."""
    rows = []
    for target in targets:
        s = evaluation.summary.loc[target.kpi]
        rows.append({"target": target.text, "mean": s["mean"], "low": s["low"], "high": s["high"],
                     "met": target.met(s["low"], s["high"], s["mean"]),
                     "confidence_met": target.confidence(s["mean"], s["half_width"], int(s["n"]), confidence)})
    return pd.DataFrame(rows)


def missed(best: Evaluation, targets: Sequence[Target]) -> dict[str, str]:
    """What the best staffing allowed still misses, for the planner's "no staffing meets the targets" message:
    ``missed`` (up to four targets, each with the value reached and its interval) and ``more``."""
    parts = []
    for text in best.failing:
        target = next((t for t in targets if text.startswith(t.text)), None)
        if target is not None and best.valid and target.kpi in best.summary.index and text == target.text:
            s = best.summary.loc[target.kpi]
            parts.append(_("{target!r} (reached {mean:.3g}, interval {low:.3g}..{high:.3g})").format(
                target=text, mean=s["mean"], low=s["low"], high=s["high"]))
        else:
            parts.append(repr(text))
    return {"missed": "; ".join(parts[:4]), "more": _(" and more") if len(parts) > 4 else ""}
