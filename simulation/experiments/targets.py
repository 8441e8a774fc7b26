"""Service targets a planner writes: ``"wait_p90 <= 15min"``, ``"online_on_time >= 95%"``.

A target names a KPI, a comparison and a threshold with an optional unit
(``s``, ``min``, ``h`` for waits, ``%`` for rates). It is *met with confidence*
when the whole confidence interval of the KPI's mean lies on the right side of
the threshold: for ``<=`` the upper bound is at most the threshold, for ``>=``
the lower bound is at least it. Strict comparisons (``<``, ``>``) are kept
strict: ``wait_p90 < 15min`` needs the upper bound below 15 minutes. Only KPIs
that more staff can only improve are accepted, since the planner relies on
that monotone structure.

`online_on_time` is the honest share (open past-due dossiers count as late,
`simulation.results.service_measures`); `online_on_time_resolved` is the
reporting share among dossiers resolved in the period, which a starved back
office can keep high over a short horizon.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from scipy import stats

from ..errors import TargetError
from ..i18n import _
from ..results.kpi_catalogue import kpi as catalogue_entry, staffable

__all__ = ["Target", "TargetError", "parse_target", "LOWER_IS_BETTER", "HIGHER_IS_BETTER", "WAIT_KPIS"]

WAIT_KPIS = ("wait_mean", "wait_p90", "wait_max", "queue_mean")
# The KPIs more staff can only improve (the catalogue marks them staffable), by the direction that is better.
LOWER_IS_BETTER = staffable("lower")
HIGHER_IS_BETTER = staffable("higher")
# Rates a target may not set above 1, and KPIs whose values may be negative (a shrinking backlog).
MAY_BE_NEGATIVE = ("backlog_growth_week",)
_UNITS = {"": 1.0, "s": 1 / 60, "sec": 1 / 60, "min": 1.0, "m": 1.0, "h": 60.0, "hour": 60.0, "%": 0.01}
_PATTERN = re.compile(r"^\s*([a-z_0-9]+)\s*(<=|>=|=<|=>|<|>)\s*([-+]?(?:\d+\.?\d*|\.\d+))\s*([a-z%]*)\s*$")


@dataclass(frozen=True)
class Target:
    kpi: str
    op: str          # "<=", "<", ">=" or ">"
    threshold: float
    text: str
    on_mean: bool = False   # judged on the mean, not the interval (the planner's stability guard)

    @property
    def lower_is_better(self) -> bool:
        return self.op in ("<=", "<")

    @property
    def strict(self) -> bool:
        return self.op in ("<", ">")

    def holds(self, value: float) -> bool:
        """True when `value` is on the right side of the threshold (strictly for < and >)."""
        if value != value:
            return False
        return {"<=": value <= self.threshold, "<": value < self.threshold,
                ">=": value >= self.threshold, ">": value > self.threshold}[self.op]

    def met(self, low: float, high: float, mean: float | None = None) -> bool:
        """True when the interval [low, high] lies on the right side of the threshold (the mean, for a
        target judged on its mean)."""
        if self.on_mean and mean is not None:
            return self.holds(mean)
        return self.holds(high if self.lower_is_better else low)

    def shortfall(self, mean: float, scale: float) -> float:
        """How far the mean is on the wrong side, relative to `scale` (0 when on the right side)."""
        if mean != mean:
            return math.inf
        gap = mean - self.threshold if self.lower_is_better else self.threshold - mean
        return max(gap, 0.0) / scale

    def confidence(self, mean: float, half_width: float, n: int, level: float) -> float:
        """One-sided confidence that the true mean is on the right side (t distribution)."""
        if n < 2 or mean != mean:
            return math.nan
        if half_width == 0:
            return 1.0 if self.holds(mean) else 0.0
        se = half_width / stats.t.ppf(0.5 + level / 2, n - 1)
        gap = self.threshold - mean if self.lower_is_better else mean - self.threshold
        return float(stats.t.cdf(gap / se, n - 1))

    def __str__(self) -> str:
        return self.text


def parse_target(text: str) -> Target:
    """Read ``"KPI <= NUMBER[unit]"`` or ``"KPI >= NUMBER[unit]"``."""
    match = _PATTERN.match(text.lower())
    if not match:
        raise TargetError(_("target {text!r}: write KPI <= VALUE or KPI >= VALUE, e.g. \"wait_p90 <= 15min\" or "
                            "\"online_on_time >= 0.95\"").format(text=text))
    kpi, op, number, unit = match.groups()
    op = {"=<": "<=", "=>": ">="}.get(op, op)
    if kpi not in LOWER_IS_BETTER + HIGHER_IS_BETTER:
        allowed = ", ".join(LOWER_IS_BETTER + HIGHER_IS_BETTER)
        raise TargetError(_("target {text!r}: {kpi!r} is not a KPI the planner can staff for (allowed: "
                            "{allowed})").format(text=text, kpi=kpi, allowed=allowed))
    if unit not in _UNITS:
        raise TargetError(_("target {text!r}: unknown unit {unit!r} (allowed: s, min, h, %)").format(
            text=text, unit=unit))
    unit_of_kpi = catalogue_entry(kpi).unit
    is_time = unit_of_kpi == "min"
    if unit in ("s", "sec", "min", "m", "h", "hour") and not is_time:
        raise TargetError(_("target {text!r}: {kpi} is not a time; drop the unit {unit!r}").format(
            text=text, kpi=kpi, unit=unit))
    if unit == "%" and is_time:
        raise TargetError(_("target {text!r}: {kpi} is a time in minutes, not a percentage").format(
            text=text, kpi=kpi))
    threshold = float(number) * _UNITS[unit]
    wanted = "<=" if kpi in LOWER_IS_BETTER else ">="
    if op.rstrip("=") != wanted[0]:
        if wanted == "<=":
            message = _("target {text!r}: more staff lowers {kpi}, so only '{kpi} {wanted} ...' can be planned for")
        else:
            message = _("target {text!r}: more staff raises {kpi}, so only '{kpi} {wanted} ...' can be planned for")
        raise TargetError(message.format(text=text, kpi=kpi, wanted=wanted))
    if (threshold < 0 and kpi not in MAY_BE_NEGATIVE) or (unit_of_kpi == "share" and threshold > 1):
        raise TargetError(_("target {text!r}: threshold {threshold} is outside the KPI's range").format(
            text=text, threshold=f"{threshold:g}"))
    return Target(kpi, op, threshold, text.strip())
